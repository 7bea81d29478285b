// Plays a lesson's actions on a session: the lesson start as a workspace, a step's setup, its
// reference solution (Solve), and the rebuild of a step's start. The session is the worker's
// SimSession (sync, in tests) or the app's client (async); both fit SessionLike.
//
// Nothing here can hang: the clock moves in slices with a total budget of events per action, a
// `next` that finds nothing stops with an error, and every failure is a value naming the action.
import { isoZ } from '../../engine/time.ts';
import type { Workspace } from '../../worker/workspace.ts';
import type { LoadedLesson } from './catalog.ts';
import type { Lesson, LessonAction, LessonStep } from './types.ts';

type MaybeAsync<T> = T | Promise<T>;
/** the session's Result; the client's has no `kind`, so only ok/value/error are relied on */
type R<T> = { ok: true; value: T } | { ok: false; error: string };
type NextKind = 'run_created' | 'failure' | 'scheduler_loop';
interface PlayState {
  clock: string;
  done: boolean;
  events: number;
  actions: number;
}

export interface SessionLike {
  load(ws: Workspace): MaybeAsync<R<unknown>>;
  command(line: string): MaybeAsync<R<unknown>>;
  setFile(name: string, source: string | null): MaybeAsync<R<unknown>>;
  runUntil(at: string, opts?: { maxSteps?: number }): MaybeAsync<R<PlayState>>;
  advance(ms: number, opts?: { maxSteps?: number }): MaybeAsync<R<PlayState>>;
  runToNext(kind: NextKind, opts?: object): MaybeAsync<R<unknown>>;
  files(): MaybeAsync<R<Record<string, string>>>;
  /** when present (SimSession), `advance` plays in slices to clock + duration */
  clock?(): MaybeAsync<R<string>>;
}

export type PlayResult = { ok: true } | { ok: false; error: string; index: number; step?: string; part?: 'load' | 'setup' | 'solution' };

/** events + actions per runUntil call: about 0.2 s of engine work, so the worker answers in between */
const SLICE = 5_000;
/** events one action may play: a 10-year daily catchup of a 5-task DAG is about 23,000 */
export const ACTION_BUDGET = 400_000;
/** runToNext calls of 20,000 steps each before a `next` gives up */
const NEXT_ROUNDS = 10;

/** The workspace a lesson starts from: its dags/ files (named without dags/), config, seed, start.
 *  `setup`: the setup of a step that resets, whose `config` goes over the lesson's and whose
 *  `profile` (if any) replaces the learner's choice (SequentialExecutor exists only in 2.10). */
export function startWorkspace(loaded: LoadedLesson, profile?: '2' | '3', setup?: LessonStep['setup']): Workspace {
  const l = loaded.lesson;
  const p = profile ?? l.profile;
  if (p !== l.profile && p !== l.alsoProfile) throw new Error(`lesson ${l.id} does not run under profile ${p} (it runs under ${[l.profile, l.alsoProfile].filter(Boolean).join(' and ')})`);
  const files: Record<string, string> = {};
  for (const f of l.files) {
    const src = loaded.files[f];
    if (src === undefined) throw new Error(`lesson ${l.id}: ${f} is in "files" but not in the lesson folder`);
    files[f.replace(/^dags\//, '')] = src;
  }
  const own = setup?.reset ? setup : undefined;
  return { profile: own?.profile ?? p, files, config: { ...(l.config ?? {}), ...(own?.config ?? {}) }, seed: l.seed ?? 1, start: l.start, commands: [], fileEdits: [] };
}

/** The step whose reset step `index` starts from (itself, or the latest before it); -1: the lesson start. */
export function resetStepOf(lesson: Lesson, index: number): number {
  for (let i = Math.min(index, lesson.steps.length - 1); i >= 0; i--) if (lesson.steps[i]!.setup?.reset) return i;
  return -1;
}

/** The profile step `index` runs under: the one its reset step names, else the learner's (or the lesson's). */
export function profileAt(lesson: Lesson, index: number, profile?: '2' | '3'): '2' | '3' {
  const r = resetStepOf(lesson, index);
  return (r >= 0 ? lesson.steps[r]!.setup!.profile : undefined) ?? profile ?? lesson.profile;
}

/** An ISO 8601 duration in ms: weeks, days, hours, minutes, seconds ("PT1H30M", "P3D", "P1W"). */
export function parseDuration(by: string): number {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(by);
  if (typeof by === 'string' && /^P[^T]*[YM]/.test(by)) throw new Error(`"${by}": years and months have no fixed length; write days, like "P30D"`);
  if (!m || by === 'P' || by.endsWith('T')) throw new Error(`"${by}" is not an ISO 8601 duration such as "PT30M", "PT1H", "P3D" or "P1W"`);
  const [, w, d, h, min, s] = m;
  const ms = (((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  if (!(ms > 0)) throw new Error(`"${by}" is no time at all`);
  return ms;
}

/** The CLI line that runs an SQL statement: double quotes, with \ " $ ` escaped as bash (and cli/tokenize.ts) read them. */
export function sqlCommandLine(statement: string): string {
  return `sim sql "${statement.replace(/[\\"$`]/g, '\\$&')}"`;
}

/** Play actions in order; the first that fails stops the rest. */
export async function playActions(s: SessionLike, loaded: LoadedLesson, actions: LessonAction[]): Promise<PlayResult> {
  for (let i = 0; i < actions.length; i++) {
    const error = await play(s, loaded, actions[i]!);
    if (error !== null) return { ok: false, error, index: i };
  }
  return { ok: true };
}

/** The learner arrives at step `index` from the step before it: its setup, if any (reset: from the lesson start). */
export async function enterStep(s: SessionLike, loaded: LoadedLesson, index: number, profile?: '2' | '3'): Promise<PlayResult> {
  const step = loaded.lesson.steps[index];
  if (!step) return { ok: false, error: `lesson ${loaded.lesson.id} has no step ${index + 1}`, index: -1 };
  if (!step.setup) return { ok: true };
  if (step.setup.reset) {
    const r = await loadStart(s, loaded, profile, step.setup);
    if (!r.ok) return r;
  }
  return tag(await playActions(s, loaded, step.setup.actions), step.id, 'setup');
}

/** Rebuild step `index`'s start: the lesson start (or the latest reset), the setups and solutions of the steps before, then its setup. */
export async function restartStep(s: SessionLike, loaded: LoadedLesson, index: number, profile?: '2' | '3'): Promise<PlayResult> {
  const steps = loaded.lesson.steps;
  if (!steps[index]) return { ok: false, error: `lesson ${loaded.lesson.id} has no step ${index + 1}`, index: -1 };
  // the latest reset at or before this step: its config and profile are the start's
  const from = Math.max(0, resetStepOf(loaded.lesson, index));
  const r = await loadStart(s, loaded, profile, steps[from]!.setup);
  if (!r.ok) return r;
  for (let i = from; i <= index; i++) {
    const step = steps[i]!;
    if (step.setup) {
      const r = tag(await playActions(s, loaded, step.setup.actions), step.id, 'setup');
      if (!r.ok) return r;
    }
    if (i < index && step.solution) {
      const r = tag(await playActions(s, loaded, step.solution), step.id, 'solution');
      if (!r.ok) return r;
    }
  }
  return { ok: true };
}

async function loadStart(s: SessionLike, loaded: LoadedLesson, profile?: '2' | '3', setup?: LessonStep['setup']): Promise<PlayResult> {
  let ws: Workspace;
  try {
    ws = startWorkspace(loaded, profile, setup);
  } catch (e) {
    return { ok: false, error: (e as Error).message, index: -1, part: 'load' };
  }
  const r = await s.load(ws);
  return r.ok ? { ok: true } : { ok: false, error: `the lesson start does not load: ${r.error}`, index: -1, part: 'load' };
}

function tag(r: PlayResult, step: string, part: 'setup' | 'solution'): PlayResult {
  return r.ok ? r : { ...r, step, part, error: `step "${step}" ${part} action ${r.index + 1}: ${r.error}` };
}

/** One action; the error in words, or null. */
async function play(s: SessionLike, loaded: LoadedLesson, a: LessonAction): Promise<string | null> {
  switch (a.do) {
    case 'command':
      return command(s, a.line, a.exit ?? 0);
    case 'sql':
      return command(s, sqlCommandLine(a.statement), 0);
    case 'file': {
      const src = loaded.files[a.from];
      if (src === undefined) return `file ${a.path}: no "${a.from}" in the lesson folder (${Object.keys(loaded.files).join(', ') || 'no files'})`;
      const r = await s.setFile(a.path, src);
      return r.ok ? null : `file ${a.path}: ${r.error}`;
    }
    case 'edit': {
      const files = await s.files();
      if (!files.ok) return `edit ${a.path}: ${files.error}`;
      const cur = files.value[a.path];
      if (cur === undefined) return `edit ${a.path}: no such file in the workspace (files: ${Object.keys(files.value).join(', ') || 'none'})`;
      const at = cur.indexOf(a.find);
      if (at < 0) return `edit ${a.path}: the text to find is not in the file: ${JSON.stringify(a.find)} (mind the indentation and the line ends)`;
      const r = await s.setFile(a.path, cur.slice(0, at) + a.replace + cur.slice(at + a.find.length));
      return r.ok ? null : `edit ${a.path}: ${r.error}`;
    }
    case 'delete': {
      const files = await s.files();
      if (files.ok && files.value[a.path] === undefined) return `delete ${a.path}: no such file in the workspace (files: ${Object.keys(files.value).join(', ') || 'none'})`;
      const r = await s.setFile(a.path, null);
      return r.ok ? null : `delete ${a.path}: ${r.error}`;
    }
    case 'until':
      return until(s, a.at, `until ${a.at}`);
    case 'advance':
      return advance(s, a.by);
    case 'next':
      return next(s, a.kind);
    default:
      return `unknown action ${JSON.stringify(a)}`;
  }
}

async function command(s: SessionLike, line: string, exit: number): Promise<string | null> {
  const r = await s.command(line);
  if (!r.ok) return `${JSON.stringify(line)}: ${r.error}`;
  const v = r.value as { exit_code?: number; output?: string } | null;
  if (v && typeof v.exit_code === 'number' && v.exit_code !== exit) {
    const out = (v.output ?? '').trim();
    return `${JSON.stringify(line)} ended with exit code ${v.exit_code} (expected ${exit})${out ? `: ${out.length > 400 ? out.slice(0, 400) + '...' : out}` : ''}`;
  }
  return null;
}

/** runUntil in slices until done, within the action's budget of events. */
async function until(s: SessionLike, at: string, what: string): Promise<string | null> {
  let used = 0;
  for (;;) {
    const r = await s.runUntil(at, { maxSteps: SLICE });
    if (!r.ok) return `${what}: ${r.error}`;
    if (r.value.done) return null;
    const n = r.value.events + r.value.actions;
    used += n;
    if (n === 0) return `${what}: the clock does not move (stopped at ${r.value.clock})`;
    if (used >= ACTION_BUDGET) return `${what}: stopped at ${r.value.clock} after ${used} events; a lesson action may play at most ${ACTION_BUDGET} (play less time, or fewer runs)`;
  }
}

async function advance(s: SessionLike, by: string): Promise<string | null> {
  let ms: number;
  try {
    ms = parseDuration(by);
  } catch (e) {
    return `advance: ${(e as Error).message}`;
  }
  if (s.clock) {
    const c = await s.clock();
    if (!c.ok) return `advance ${by}: ${c.error}`;
    return until(s, isoZ(Date.parse(c.value) + ms), `advance ${by}`);
  }
  const r = await s.advance(ms, { maxSteps: ACTION_BUDGET });
  if (!r.ok) return `advance ${by}: ${r.error}`;
  return r.value.done ? null : `advance ${by}: stopped at ${r.value.clock} after ${ACTION_BUDGET} events`;
}

async function next(s: SessionLike, kind: NextKind): Promise<string | null> {
  for (let round = 0; round < NEXT_ROUNDS; round++) {
    const r = await s.runToNext(kind);
    if (!r.ok) return `next ${kind}: ${r.error}`;
    const v = (r.value ?? {}) as { stopped_by?: string; note?: string; clock?: string };
    if (v.stopped_by === undefined || v.stopped_by === 'found') return null;
    if (v.stopped_by !== 'step_cap') return `next ${kind} found nothing: ${v.note ?? v.stopped_by}`;
  }
  return `next ${kind} found nothing in ${NEXT_ROUNDS} searches of 20,000 events`;
}
