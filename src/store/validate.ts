// Checks for data that comes from outside this tab's code: import files, old rows, callers.
// Every failure names the path of the bad value, so a learner can fix a hand-edited file.
import type { CommandEntry, ConfigValue, FileEditEntry, LessonProgress, Workspace, WorkspaceDraft } from './types.ts';

export class Invalid extends Error {}

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/i;

/** Milliseconds of an ISO 8601 instant with Z or an offset, or null. Stricter than Date.parse, which accepts Feb 30. */
export function instantMs(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  if (m[7]!.toUpperCase() !== 'Z' && (Number(m[8]) > 23 || Number(m[9]) > 59)) return null;
  const ms = Date.parse(s.trim());
  return Number.isNaN(ms) ? null : ms;
}

function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`);
}

function onlyKeys(o: Obj, keys: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) fail(path, `unknown key "${k}" (expected ${keys.join(', ')})`);
  }
}

function str(v: unknown, path: string, max = 10_000): string {
  if (typeof v !== 'string') fail(path, `must be a string, not ${show(v)}`);
  if (v.length > max) fail(path, `is longer than ${max} characters`);
  return v;
}

function nonEmpty(v: unknown, path: string, max?: number): string {
  const s = str(v, path, max);
  if (!s.trim()) fail(path, 'must not be empty');
  return s;
}

function time(v: unknown, path: string): string {
  if (instantMs(v) === null) fail(path, `${show(v)} is not an ISO 8601 time with Z or an offset, e.g. "2024-06-01T00:00:00Z"`);
  return v as string;
}

function int(v: unknown, path: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail(path, `must be an integer >= ${min}, not ${show(v)}`);
  return v;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, `must be a list, not ${show(v)}`);
  return v;
}

function obj(v: unknown, path: string): Obj {
  if (!isObject(v)) fail(path, `must be an object, not ${show(v)}`);
  return v;
}

export function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const DRAFT_KEYS = ['name', 'profile', 'files', 'config', 'seed', 'start', 'commands', 'fileEdits', 'clock', 'view'] as const;
const IDENTITY_KEYS = ['id', 'revision', 'updatedAt'] as const;

/** A workspace as stored. Throws Invalid naming the first bad value. */
export function readWorkspace(raw: unknown, path = 'workspace'): Workspace {
  const o = obj(raw, path);
  onlyKeys(o, [...IDENTITY_KEYS, ...DRAFT_KEYS], path);
  const draft = readDraftFields(o, path);
  return {
    id: nonEmpty(o.id, `${path}.id`, 200),
    ...draft,
    revision: int(o.revision, `${path}.revision`, 0),
    updatedAt: time(o.updatedAt, `${path}.updatedAt`),
  };
}

/** A workspace without its identity (what an export file carries). */
export function readDraft(raw: unknown, path = 'workspace'): WorkspaceDraft {
  const o = obj(raw, path);
  onlyKeys(o, DRAFT_KEYS, path);
  return readDraftFields(o, path);
}

function readDraftFields(o: Obj, path: string): WorkspaceDraft {
  const profile = o.profile;
  if (profile !== '2' && profile !== '3') fail(`${path}.profile`, `must be "2" (Airflow 2.10) or "3" (Airflow 3.x), not ${show(profile)}`);
  const start = time(o.start, `${path}.start`);
  const startMs = instantMs(start)!;
  const clock = time(o.clock, `${path}.clock`);
  if (instantMs(clock)! < startMs) fail(`${path}.clock`, `${clock} is before start (${start})`);
  const commands = list(o.commands, `${path}.commands`).map((c, i) => readCommand(c, `${path}.commands[${i}]`));
  const fileEdits = list(o.fileEdits, `${path}.fileEdits`).map((e, i) => readFileEdit(e, `${path}.fileEdits[${i}]`));
  checkLogOrder(commands, fileEdits, startMs, path);
  return {
    name: nonEmpty(o.name, `${path}.name`, 200),
    profile,
    files: readFiles(o.files, `${path}.files`),
    config: readConfig(o.config, `${path}.config`),
    seed: readSeed(o.seed, `${path}.seed`),
    start,
    commands,
    fileEdits,
    clock,
    view: str(o.view, `${path}.view`, 200),
  };
}

function readSeed(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, `must be an integer, not ${show(v)}`);
  return v;
}

function readFiles(v: unknown, path: string): Record<string, string> {
  const o = obj(v, path);
  const files: Record<string, string> = {};
  for (const [name, source] of Object.entries(o)) {
    nonEmpty(name, `${path} (a file name)`, 255);
    files[name] = str(source, `${path}["${name}"]`, 5_000_000);
  }
  return files;
}

function readConfig(v: unknown, path: string): Record<string, ConfigValue> {
  const o = obj(v, path);
  const config: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(o)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) fail(`${path}["${key}"]`, `must be a string, a finite number or true/false, not ${show(value)}`);
    config[key] = value as ConfigValue;
  }
  return config;
}

function readCommand(v: unknown, path: string): CommandEntry {
  const o = obj(v, path);
  onlyKeys(o, ['at', 'seq', 'run'], path);
  return { at: time(o.at, `${path}.at`), seq: int(o.seq, `${path}.seq`, 1), run: nonEmpty(o.run, `${path}.run`) };
}

function readFileEdit(v: unknown, path: string): FileEditEntry {
  const o = obj(v, path);
  onlyKeys(o, ['at', 'seq', 'name', 'source'], path);
  const source = o.source === null ? null : str(o.source, `${path}.source`, 5_000_000);
  return { at: time(o.at, `${path}.at`), seq: int(o.seq, `${path}.seq`, 1), name: nonEmpty(o.name, `${path}.name`, 255), source };
}

/** Replay order is seq order; it must agree with time and never go before start. */
function checkLogOrder(commands: CommandEntry[], edits: FileEditEntry[], startMs: number, path: string): void {
  const all = [
    ...commands.map((c, i) => ({ at: c.at, seq: c.seq, where: `${path}.commands[${i}]` })),
    ...edits.map((e, i) => ({ at: e.at, seq: e.seq, where: `${path}.fileEdits[${i}]` })),
  ].sort((a, b) => a.seq - b.seq);
  let prev: (typeof all)[number] | undefined;
  for (const e of all) {
    const ms = instantMs(e.at)!;
    if (ms < startMs) fail(`${e.where}.at`, `${e.at} is before start`);
    if (prev && prev.seq === e.seq) fail(`${e.where}.seq`, `${e.seq} is used twice (also by ${prev.where})`);
    if (prev && ms < instantMs(prev.at)!) fail(`${e.where}.at`, `${e.at} is before ${prev.where}.at (${prev.at}), which comes earlier in seq order`);
    prev = e;
  }
}

export function readProgress(raw: unknown, path = 'progress'): LessonProgress {
  const o = obj(raw, path);
  onlyKeys(o, ['lessonId', 'stepsDone', 'answers', 'updatedAt'], path);
  const stepsDone = list(o.stepsDone, `${path}.stepsDone`).map((s, i) => nonEmpty(s, `${path}.stepsDone[${i}]`, 200));
  return {
    lessonId: nonEmpty(o.lessonId, `${path}.lessonId`, 200),
    stepsDone,
    answers: { ...obj(o.answers, `${path}.answers`) },
    updatedAt: time(o.updatedAt, `${path}.updatedAt`),
  };
}

/** Run a reader; turn its Invalid into a message. Other errors are bugs and propagate. */
export function check<T>(read: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}
