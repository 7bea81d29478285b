// A workspace as the simulation session sees it: the files at `start`, the config and seed, and
// the learner's actions (CLI commands and file edits) at virtual times. Replaying the actions in
// order on a fresh Simulation rebuilds the same state, byte for byte: the engine is deterministic.
// The store keeps a superset of this shape (id, name, view, revision...); the extra keys are ignored.
import { CliUsageError } from '../engine/cli/errors.ts';
import { engineParts } from '../engine/parts.ts';
import { cfgStr, defaultTimezone, resolveConfig, type Config } from '../engine/config.ts';
import { readScenario, ScenarioError } from '../engine/scenario.ts';
import { isoZ, parseInstant } from '../engine/time.ts';

export interface WorkspaceCommand {
  at: string;
  run: string;
  /** order across commands and file edits (one counter for both); actions replay in seq order */
  seq?: number;
}

export interface WorkspaceFileEdit {
  at: string;
  name: string;
  /** the new source, or null: the file is deleted */
  source: string | null;
  seq?: number;
}

export interface Workspace {
  profile: '2' | '3';
  /** the DAG files at `start` */
  files: Record<string, string>;
  config: Config;
  seed: number;
  /** ISO 8601 with Z or an offset */
  start: string;
  commands: WorkspaceCommand[];
  fileEdits: WorkspaceFileEdit[];
  /** where the clock was (load goes back there); default: start */
  clock?: string;
}

/** One recorded action, with epoch-ms time and its place in the replay order. */
export type Action = { at: number; seq: number } & ({ kind: 'command'; run: string } | { kind: 'file'; name: string; source: string | null });

/** A checked workspace, ready to build a Simulation from. */
export interface Setup {
  profile: '2' | '3';
  files: Record<string, string>;
  config: Config;
  seed: number;
  start: number;
  actions: Action[];
  clock: number;
}

export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Check a workspace (from the store, a file, a lesson) and put its actions in replay order. */
export function readWorkspace(raw: unknown): Setup {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WorkspaceError('the workspace must be an object');
  const w = raw as Record<string, unknown>;
  if (w.profile !== '2' && w.profile !== '3') {
    throw new WorkspaceError(`"profile" must be "2" (Airflow 2.10) or "3" (Airflow 3.x), not ${JSON.stringify(w.profile)}`);
  }
  let scenario;
  try {
    // the scenario reader checks files, config keys and types, start and seed the same way
    scenario = readScenario({ airflow: w.profile, files: w.files ?? {}, config: w.config ?? {}, start: w.start, until: w.start, seed: w.seed ?? 1 });
  } catch (e) {
    if (e instanceof ScenarioError) throw new WorkspaceError(e.message);
    throw e;
  }
  const actions = readActions(w, scenario.start);
  const config = resolveConfig(w.profile, scenario.config);
  for (const a of actions) if (a.kind === 'command') checkCommand(a, w.profile, config);
  const clock = w.clock === undefined ? scenario.start : time(w.clock, 'clock');
  if (clock < scenario.start) throw new WorkspaceError(`"clock" (${w.clock}) is before "start" (${w.start})`);
  return { profile: w.profile, files: scenario.files, config: scenario.config, seed: scenario.seed, start: scenario.start, actions, clock };
}

function time(v: unknown, where: string): number {
  const ms = typeof v === 'string' && /(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim()) ? parseInstant(v) : null;
  if (ms === null) throw new WorkspaceError(`${where}: ${JSON.stringify(v)} is not an ISO 8601 time with Z or an offset`);
  return ms;
}

function list(w: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = w[key] ?? [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
    throw new WorkspaceError(`"${key}" must be a list of objects`);
  }
  return v as Record<string, unknown>[];
}

/**
 * Commands and file edits in one order: by seq when every action has one (the store's order),
 * else by time, file edits before commands at the same instant, each list in its own order.
 * Times must not go backwards along that order.
 */
function readActions(w: Record<string, unknown>, start: number): Action[] {
  const out: (Action & { rank: number })[] = [];
  list(w, 'fileEdits').forEach((e, i) => {
    const where = `fileEdits[${i}]`;
    if (typeof e.name !== 'string' || !e.name.trim()) throw new WorkspaceError(`${where}.name must be a file name`);
    if (e.source !== null && typeof e.source !== 'string') throw new WorkspaceError(`${where}.source must be the file's source or null (deleted)`);
    out.push({ kind: 'file', at: time(e.at, `${where}.at`), seq: seqOf(e.seq, where), name: e.name, source: e.source, rank: i });
  });
  list(w, 'commands').forEach((c, i) => {
    const where = `commands[${i}]`;
    if (typeof c.run !== 'string' || !c.run.trim()) throw new WorkspaceError(`${where}.run must be a command line such as "airflow dags list"`);
    out.push({ kind: 'command', at: time(c.at, `${where}.at`), seq: seqOf(c.seq, where), run: c.run, rank: 1e9 + i });
  });
  const bySeq = out.every((a) => a.seq >= 0);
  if (bySeq && new Set(out.map((a) => a.seq)).size !== out.length) throw new WorkspaceError('two actions have the same seq');
  out.sort((a, b) => (bySeq ? a.seq - b.seq : a.at - b.at || a.rank - b.rank));
  let last = start;
  for (const a of out) {
    if (a.at < last) {
      throw new WorkspaceError(`the action at ${isoZ(a.at)} (${a.kind === 'command' ? a.run : a.name}) comes before ${a.at < start ? 'the start' : 'the time of the action before it'}`);
    }
    last = a.at;
  }
  return out.map(({ rank: _, ...a }, i) => ({ ...a, seq: bySeq ? a.seq : i + 1 }));
}

function seqOf(v: unknown, where: string): number {
  if (v === undefined) return -1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new WorkspaceError(`${where}.seq must be a whole number`);
  return v;
}

/** A recorded command must be valid CLI for the profile (as argparse would say at that time). */
function checkCommand(a: Extract<Action, { kind: 'command' }>, profile: '2' | '3', config: Config): void {
  const parsed = engineParts().parseCommand(a.run, profile, { now: a.at, timezone: defaultTimezone(config), executor: cfgStr(config, 'core.executor') });
  if (parsed instanceof CliUsageError) throw new WorkspaceError(`the command at ${isoZ(a.at)} "${a.run}": ${parsed.message}`);
}

/** The workspace of a setup and its (possibly changed) actions, as the store saves it. */
export function toWorkspace(s: Omit<Setup, 'actions' | 'clock'>, actions: readonly Action[], clock: number): Required<Workspace> & { commands: Required<WorkspaceCommand>[]; fileEdits: Required<WorkspaceFileEdit>[] } {
  return {
    profile: s.profile,
    files: { ...s.files },
    config: { ...s.config },
    seed: s.seed,
    start: isoZ(s.start),
    commands: actions.flatMap((a) => (a.kind === 'command' ? [{ at: isoZ(a.at), run: a.run, seq: a.seq }] : [])),
    fileEdits: actions.flatMap((a) => (a.kind === 'file' ? [{ at: isoZ(a.at), name: a.name, source: a.source, seq: a.seq }] : [])),
    clock: isoZ(clock),
  };
}
