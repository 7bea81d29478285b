import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseDagFile, type DagSpec, type ParsedFile, type Profile, type TaskSpec } from '../../src/dagfile/index.ts';

export const CORPUS = fileURLToPath(new URL('../dagfiles/', import.meta.url));

export function readCorpus(rel: string): string {
  return readFileSync(join(CORPUS, rel), 'utf8');
}

/** Parses a corpus file; the opts are the engine's defaults unless given. */
export function parseCorpus(rel: string, profile: Profile, now_ms = Date.UTC(2025, 5, 1)): ParsedFile {
  return parseDagFile(rel, readCorpus(rel), { profile, now_ms });
}

export function parse(src: string, profile: Profile, name = 'dag_file.py'): ParsedFile {
  return parseDagFile(name, src, { profile, now_ms: Date.UTC(2025, 5, 1) });
}

export function dag(r: ParsedFile, id: string): DagSpec {
  const d = r.dags.find((x) => x.dag_id === id);
  if (!d) throw new Error(`no DAG ${id}; have ${r.dags.map((x) => x.dag_id).join(', ')}; errors: ${r.errors.map((e) => e.message).join(' | ')}`);
  return d;
}

export function task(d: DagSpec, id: string): TaskSpec {
  const t = d.tasks.find((x) => x.task_id === id);
  if (!t) throw new Error(`no task ${id} in ${d.dag_id}; have ${d.tasks.map((x) => x.task_id).join(', ')}`);
  return t;
}

/** task_id -> upstream ids, in definition order */
export function edges(d: DagSpec): Record<string, string[]> {
  return Object.fromEntries(d.tasks.map((t) => [t.task_id, t.upstream_task_ids]));
}

export function ids(d: DagSpec): string[] {
  return d.tasks.map((t) => t.task_id);
}

export function utc(s: string): number {
  return Date.parse(s);
}
