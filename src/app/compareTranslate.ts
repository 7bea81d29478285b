// The learner's workspace under the other Airflow profile, for the "Airflow 2 vs 3" comparison:
// the same DAG files (their imports moved to where the other version keeps the same classes), the
// same config, the same commands where both versions have them, translated where only the name
// differs, and listed as not translatable otherwise. Nothing here decides an Airflow rule: the
// other profile's session parses the files and checks the commands, and refuses what it refuses.
import { canonicalModule } from '../dagfile/airflow/imports.ts';
import type { Profile } from '../dagfile/spec.ts';

export interface PlainWorkspace {
  profile: Profile;
  files: Record<string, string>;
  config: Record<string, string | number | boolean>;
  seed: number;
  start: string;
  commands: { at: string; run: string; seq?: number }[];
  fileEdits: { at: string; name: string; source: string | null; seq?: number }[];
  clock?: string;
}

export interface Translation {
  workspace: PlainWorkspace;
  /** what was changed, one line each (commands translated, imports moved, config dropped) */
  notes: { kind: 'command' | 'import' | 'config'; from: string; to: string }[];
  /** commands the other version has no equivalent for (dropped from the other side) */
  untranslatable: string[];
}

/** Move `from X import a, b` lines to the other version's modules (one line per module). */
export function translateImports(source: string, to: Profile): { source: string; moved: { from: string; to: string }[] } {
  const moved: { from: string; to: string }[] = [];
  const out = source.replace(/^from\s+([\w.]+)\s+import\s+([\w\s,]+?)\s*$/gm, (line, mod: string, list: string) => {
    const names = list.split(',').map((n) => n.trim()).filter(Boolean);
    const target = new Map<string, string[]>();
    let changed = false;
    for (const n of names) {
      // a name imported from where its own version keeps it moves to where the other one does
      // (the DAG-file reader's table of modules per version, dagfile/airflow/imports.ts)
      const home = canonicalModule(to === '2' ? '3' : '2', n) === mod ? canonicalModule(to, n) : null;
      const m = home ?? mod;
      if (m !== mod) changed = true;
      target.set(m, [...(target.get(m) ?? []), n]);
    }
    if (!changed) return line;
    const next = [...target].map(([m, ns]) => `from ${m} import ${ns.join(', ')}`).join('\n');
    moved.push({ from: line.trim(), to: next });
    return next;
  });
  return { source: out, moved };
}

/** One command line in the other version; null when it has no equivalent there. */
export function translateCommand(line: string, to: Profile): string | null {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'airflow') return line.trim();
  const rest = words.slice(1).join(' ');
  if (to === '3') {
    // 2.10 `dags backfill DAG -s A -e B` = 3.x `backfill create --dag-id DAG --from-date A --to-date B`
    const b = /^dags backfill (\S+)((?:\s+(?:-s|--start-date|-e|--end-date)\s+\S+)+)$/.exec(rest);
    if (b) {
      const s = /(?:-s|--start-date)\s+(\S+)/.exec(b[2]!)?.[1];
      const e = /(?:-e|--end-date)\s+(\S+)/.exec(b[2]!)?.[1];
      if (!s || !e) return null;
      return `airflow backfill create --dag-id ${b[1]} --from-date ${s} --to-date ${e}`;
    }
    if (/^dags backfill\b/.test(rest)) return null;
    if (/^dags trigger\b/.test(rest)) return line.trim().replace(/\s(?:-e|--exec-date)(\s|=)/, ' --logical-date$1');
    return line.trim();
  }
  const b = /^backfill create((?:\s+(?:--dag-id|--from-date|--to-date)\s+\S+)+)$/.exec(rest);
  if (b) {
    const d = /--dag-id\s+(\S+)/.exec(b[1]!)?.[1];
    const s = /--from-date\s+(\S+)/.exec(b[1]!)?.[1];
    const e = /--to-date\s+(\S+)/.exec(b[1]!)?.[1];
    if (!d || !s || !e) return null;
    return `airflow dags backfill ${d} -s ${s} -e ${e}`;
  }
  if (/^backfill\b/.test(rest)) return null;
  if (/^dags trigger\b/.test(rest)) return line.trim().replace(/\s(?:-l|--logical-date)(\s|=)/, ' --exec-date$1');
  return line.trim();
}

/** The workspace under profile `to`. */
export function translateWorkspace(ws: PlainWorkspace, to: Profile): Translation {
  const notes: Translation['notes'] = [];
  const untranslatable: string[] = [];
  const files: Record<string, string> = {};
  for (const [name, src] of Object.entries(ws.files)) {
    const r = translateImports(src, to);
    files[name] = r.source;
    for (const m of r.moved) notes.push({ kind: 'import', from: `${name}: ${m.from}`, to: m.to });
  }
  const fileEdits = ws.fileEdits.map((e) => {
    if (e.source === null) return e;
    const r = translateImports(e.source, to);
    for (const m of r.moved) notes.push({ kind: 'import', from: `${e.name}: ${m.from}`, to: m.to });
    return { ...e, source: r.source };
  });
  const commands: PlainWorkspace['commands'] = [];
  for (const c of ws.commands) {
    const t = translateCommand(c.run, to);
    if (t === null) {
      untranslatable.push(c.run);
      continue;
    }
    if (t !== c.run.trim()) notes.push({ kind: 'command', from: c.run, to: t });
    commands.push({ ...c, run: t });
  }
  const config = { ...ws.config };
  if (to === '3' && config['core.executor'] === 'SequentialExecutor') {
    config['core.executor'] = 'LocalExecutor';
    notes.push({ kind: 'config', from: 'core.executor = SequentialExecutor', to: 'core.executor = LocalExecutor (Airflow 3 removed the SequentialExecutor)' });
  }
  return { workspace: { ...ws, profile: to, files, config, commands, fileEdits }, notes, untranslatable };
}

/** The part of a workspace up to `clock` (what happened so far), to fork or compare from. */
export function upTo(ws: PlainWorkspace, clock: string): PlainWorkspace {
  const t = Date.parse(clock);
  return {
    ...ws,
    commands: ws.commands.filter((c) => Date.parse(c.at) <= t),
    fileEdits: ws.fileEdits.filter((e) => Date.parse(e.at) <= t),
    clock,
  };
}
