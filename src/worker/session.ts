// SimSession: the object the engine worker exposes to the UI (Comlink). It holds one workspace
// and its simulation, plays it forward in slices, goes back by replay, records the learner's
// commands and file edits, and answers the views. Every method returns plain data; failures are
// values ({ ok: false, error }), never exceptions across the worker boundary.
import { CliUsageError } from '../engine/cli/errors.ts';
import { engineParts } from '../engine/parts.ts';
import { cfgStr, defaultTimezone } from '../engine/config.ts';
import { dumpState } from '../engine/output.ts';
import { check, GoalError, runQuery } from '../engine/goals/evaluate.ts';
import type { Predicate, Query } from '../engine/goals/types.ts';
import { isoZ, parseInstant } from '../engine/time.ts';
import * as V from '../engine/views/index.ts';
import type { Marker } from '../engine/views/timelineMarkers.ts';
import { Playback } from './playback.ts';
import { bucketMarkers, mergeMarkers, type ScrubData } from './snapshotMarkers.ts';
import { commandNeedsWarehouse, loadWarehouse, sourceNeedsWarehouse, warehouseFactory, workspaceNeedsWarehouse } from './warehouse.ts';
import { readWorkspace, toWorkspace, WorkspaceError, type Workspace } from './workspace.ts';
import { watchFor, type NextKind, type Found } from './watch.ts';

export type Ok<T> = { ok: true; value: T };
export type Err = {
  ok: false;
  error: string;
  /** usage: argparse refused the command line (with Airflow's usage text); invalid: bad input */
  kind: 'usage' | 'invalid' | 'not_loaded' | 'view' | 'internal';
  /** for usage errors: the usage line of the parser that refused it */
  usage?: string;
};
export type Result<T> = Ok<T> | Err;

/** Where the session stands after a call that moves the clock. */
export interface PlayState {
  clock: string;
  /** the next event or recorded action, null when nothing will ever happen */
  next_at: string | null;
  /** the target was reached (false: the step budget ran out first; call again to go on) */
  done: boolean;
  events: number;
  actions: number;
  /** recorded actions after the clock (replayed when the clock passes them) */
  ahead: number;
}

export interface CommandOutcome {
  at: string;
  run: string;
  exit_code: number;
  output: string;
  /** a 2.10 `dags backfill` goes on after the command returns; see commandLog() for its end */
  pending: boolean;
  /** recorded actions after the clock that this command replaced (the timeline forked) */
  discarded: number;
  /** the command was given while rewound: the future played before is replaced by a new one */
  forked: boolean;
}

export interface NextOutcome extends PlayState {
  found: Found | null;
  stopped_by: 'found' | 'idle' | 'step_cap' | 'time_cap';
  /** one sentence on why it stopped where it did */
  note: string;
}

export interface SliceOptions {
  /** at most this many events + actions in this call (default 2,000) */
  maxSteps?: number;
}

export interface NextOptions {
  /** default 20,000 (about a second of engine work) */
  maxSteps?: number;
  /** default 10 years */
  maxVirtualMs?: number;
}

/** about 0.1 s of engine work on the project's machine: the worker stays responsive between slices */
const DEFAULT_SLICE = 2_000;
const DEFAULT_NEXT_STEPS = 20_000;
const TEN_YEARS_MS = 3653 * 86_400_000;

const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
const err = (error: string, kind: Err['kind'], usage?: string): Err => ({ ok: false, error, kind, ...(usage ? { usage } : {}) });
/** an input mentions SQL before sql.js was loaded: call loadWarehouse() first (the worker's API does) */
const NO_WAREHOUSE: Err = err('the warehouse (sql.js) is not loaded yet: await loadWarehouse() before SQL inputs', 'not_loaded');

function fail(e: unknown): Err {
  if (e instanceof WorkspaceError) return err(e.message, 'invalid');
  if (e instanceof V.ViewError) return err(e.message, 'view');
  if (e instanceof CliUsageError) return err(e.message, 'usage', e.usage);
  return err(e instanceof Error ? e.message : String(e), 'internal');
}

export class SimSession {
  private pb: Playback | null = null;
  /** the markers of the furthest state seen (the scrub bar shows them while rewound) */
  private farMarkers: Marker[] = [];

  // ---- the workspace ----

  /** Build the simulation of a workspace and go to its clock (replaying its actions). */
  load(workspace: Workspace | unknown): Result<PlayState> {
    try {
      if (workspaceNeedsWarehouse(workspace) && !warehouseFactory()) return NO_WAREHOUSE;
      const setup = readWorkspace(workspace);
      const { actions, clock, ...rest } = setup;
      const pb = new Playback(rest, actions);
      const r = pb.advance(clock);
      this.pb = pb;
      this.farMarkers = [];
      return ok(this.state(r));
    } catch (e) {
      // the Simulation refuses some configs (an executor the profile lacks): the workspace is invalid
      const f = fail(e);
      return f.kind === 'internal' ? { ...f, kind: 'invalid' } : f;
    }
  }

  /** The workspace as it is now (initial files, every recorded action, the clock), for saving. */
  workspace(): Result<ReturnType<typeof toWorkspace>> {
    return this.with((pb) => toWorkspace(pb.setup, pb.actions, pb.now));
  }

  /** The DAG files as the DAG processor sees them now. */
  files(): Result<Record<string, string>> {
    return this.with((pb) => Object.fromEntries(pb.sim.files));
  }

  clock(): Result<string> {
    return this.with((pb) => isoZ(pb.now));
  }

  nextEventAt(): Result<string | null> {
    return this.with((pb) => iso(pb.nextAt()));
  }

  // ---- the learner's actions ----

  /** Run an Airflow (or sim) CLI command at the current clock and record it. */
  command(line: string): Result<CommandOutcome> {
    return this.with((pb) => {
      if (typeof line !== 'string' || !line.trim()) return err('the command is empty', 'invalid');
      if (commandNeedsWarehouse(line) && !warehouseFactory()) return NO_WAREHOUSE;
      const { sim } = pb;
      const refused = engineParts().parseCommand(line, sim.profile, { now: sim.now, timezone: defaultTimezone(sim.config), executor: cfgStr(sim.config, 'core.executor') });
      if (refused instanceof CliUsageError) return err(refused.message, 'usage', refused.usage);
      const { record, discarded } = pb.command(line);
      if (pb.lastForked) this.farMarkers = []; // they were the dropped future's
      return { at: isoZ(record.at), run: line, exit_code: record.exit_code, output: record.output, pending: !!record.pending, discarded, forked: pb.lastForked };
    });
  }

  /** Every command run so far on this timeline, with what it printed (pending ones fill in later). */
  commandLog(): Result<{ at: string; run: string; exit_code: number; output: string; pending: boolean }[]> {
    return this.with((pb) => pb.log.map((c) => ({ at: isoZ(c.at), run: c.run, exit_code: c.exit_code, output: c.output, pending: !!c.pending })));
  }

  /** Write (source) or delete (null) a DAG file at the current clock and record it. */
  setFile(name: string, source: string | null): Result<{ at: string; discarded: number; forked: boolean; import_errors: { line: number; column: number; message: string }[] }> {
    return this.with((pb) => {
      if (typeof name !== 'string' || !name.trim() || name.startsWith('/') || name.split('/').includes('..')) {
        return err(`"${name}" is not a file name in the dags folder`, 'invalid');
      }
      if (source !== null && typeof source !== 'string') return err('the source must be text, or null to delete the file', 'invalid');
      if (sourceNeedsWarehouse(source) && !warehouseFactory()) return NO_WAREHOUSE;
      const { discarded } = pb.setFile(name, source);
      if (pb.lastForked) this.farMarkers = []; // they were the dropped future's
      const import_errors = pb.sim.db.importErrors.filter((e) => e.filename === name).map((e) => ({ line: e.line, column: e.column, message: e.message }));
      return { at: isoZ(pb.now), discarded, forked: pb.lastForked, import_errors };
    });
  }

  // ---- the clock ----

  /** One event (or one recorded action that is due first). */
  step(): Result<PlayState> {
    return this.with((pb) => this.state(pb.advance(Infinity, { maxSteps: 1, settle: false })));
  }

  /** Play to `at` (inclusive), at most maxSteps events + actions per call: call again until done. */
  runUntil(at: string, opts: SliceOptions = {}): Result<PlayState> {
    return this.with((pb) => {
      const t = instant(at);
      if (t === null) return err(`"${at}" is not an ISO 8601 time with Z or an offset`, 'invalid');
      if (t < pb.now) return err(`${at} is before the clock (${isoZ(pb.now)}): use jumpTo to go back`, 'invalid');
      return this.state(pb.advance(t, { maxSteps: opts.maxSteps ?? DEFAULT_SLICE }));
    });
  }

  /** runUntil(clock + ms). When a slice stops early, continue with runUntil(the same target). */
  advance(ms: number, opts: SliceOptions = {}): Result<PlayState> {
    return this.with((pb) => {
      if (!Number.isFinite(ms) || ms < 0) return err(`advance needs a duration in ms >= 0, not ${ms}`, 'invalid');
      return this.state(pb.advance(pb.now + ms, { maxSteps: opts.maxSteps ?? DEFAULT_SLICE }));
    });
  }

  /** Play until the first new run, task failure or scheduler loop; capped in steps and virtual time. */
  runToNext(kind: NextKind, opts: NextOptions = {}): Result<NextOutcome> {
    return this.with((pb) => {
      const watch = watchFor(kind, pb.sim);
      if (!watch) return err(`unknown kind "${kind}" (run_created, failure, scheduler_loop)`, 'invalid');
      const maxSteps = opts.maxSteps ?? DEFAULT_NEXT_STEPS;
      const span = opts.maxVirtualMs ?? TEN_YEARS_MS;
      const limit = pb.now + span;
      const r = pb.advance(limit, { maxSteps, settle: false, before: watch.before, after: watch.after });
      const state = this.state(r);
      const found = watch.found();
      if (found) return { ...state, found, stopped_by: 'found' as const, note: `Stopped at ${found.at}: ${found.text}.` };
      if (r.idle) return { ...state, found, stopped_by: 'idle' as const, note: 'Nothing else will happen: no event is pending and no recorded action is ahead.' };
      if (!r.done) {
        return { ...state, found, stopped_by: 'step_cap' as const, note: `Stopped after ${maxSteps} events without finding one; call again to look further.` };
      }
      return { ...state, found, stopped_by: 'time_cap' as const, note: `Nothing found before ${isoZ(limit)} (the search stops after ${Math.round(span / 86_400_000)} days of virtual time).` };
    });
  }

  /** Go to `at`: forward plays on; backward replays the workspace from its start up to `at`. */
  jumpTo(at: string): Result<PlayState & { replayed: boolean }> {
    return this.with((pb) => {
      const t = instant(at);
      if (t === null) return err(`"${at}" is not an ISO 8601 time with Z or an offset`, 'invalid');
      if (t < pb.setup.start) return err(`${at} is before the workspace's start (${isoZ(pb.setup.start)})`, 'invalid');
      const replayed = t < pb.now;
      pb.seek(t);
      return { ...this.state({ events: 0, actions: 0, done: true }), replayed };
    });
  }

  // ---- views (read-only) ----

  dagList(lang: V.Lang = 'en', opts: Parameters<typeof V.dagList>[2] = {}) {
    return this.view((sim) => V.dagList(sim, lang, opts));
  }

  grid(dag_id: string, opts: Parameters<typeof V.grid>[2] = {}) {
    return this.view((sim) => V.grid(sim, dag_id, opts));
  }

  graph(dag_id: string, run_id: string | null = null) {
    return this.view((sim) => V.graph(sim, dag_id, run_id));
  }

  gantt(dag_id: string, run_id: string) {
    return this.view((sim) => V.gantt(sim, dag_id, run_id));
  }

  intervalTimeline(dag_id: string, from: string, to: string) {
    return this.view((sim) => V.intervalTimeline(sim, dag_id, from, to));
  }

  taskInstance(dag_id: string, run_id: string, task_id: string, lang: V.Lang = 'en') {
    return this.view((sim) => V.taskInstanceDetail(sim, dag_id, run_id, task_id, lang));
  }

  architecture(since_seq = 0, limit = 500) {
    return this.view((sim) => V.architecture(sim, since_seq, limit));
  }

  metastoreTables() {
    return this.view((sim) => V.metastoreTables(sim));
  }

  metastoreTable(name: string, query: Parameters<typeof V.metastoreTable>[2] = {}) {
    return this.view((sim) => V.metastoreTable(sim, name, query));
  }

  timelineMarkers(opts: Parameters<typeof V.timelineMarkers>[1] = {}) {
    return this.view((sim) => V.timelineMarkers(sim, opts));
  }

  /** The scrub bar: from the start to the furthest instant reached, with markers in at most `buckets` slots. */
  scrub(buckets = 240): Result<ScrubData> {
    return this.with((pb) => {
      const present = V.timelineMarkers(pb.sim);
      if (pb.now >= pb.reached) this.farMarkers = present;
      const all = mergeMarkers(present, this.farMarkers, pb.now, pb.reached);
      return { start: isoZ(pb.setup.start), end: isoZ(pb.reached), clock: isoZ(pb.now), marks: bucketMarkers(all, pb.setup.start, pb.reached, buckets) };
    });
  }

  /** The metastore as the headless runner prints it (with the command log and messages). */
  dump(opts: { messages?: boolean } = {}) {
    return this.with((pb) => dumpState(pb.sim, pb.log, opts));
  }

  // ---- lesson goals (src/engine/goals): read-only, like the views ----

  /** Whether a lesson goal holds now; `detail` lists each comparison with the value found. A malformed
   *  goal or an unknown table/column is an 'invalid' error naming the valid ones. */
  evaluate(p: Predicate): Result<{ holds: boolean; detail: string }> {
    return this.with((pb) => goal(() => check(pb.sim, p, { commands: pb.log, emptyWarehouse })));
  }

  /** The value of a goal-language query (a count, a column's value, the clock, the warehouse's SQL). */
  query(q: Query): Result<unknown> {
    return this.with((pb) => goal(() => runQuery(pb.sim, q, { commands: pb.log, emptyWarehouse })));
  }

  // ---- the warehouse (SQL tasks' SQLite database): read-only ----

  /** Its tables with row counts; null when no warehouse is open yet (nothing used SQL). */
  warehouseTables(): Result<{ name: string; rows: number }[] | null> {
    return this.with((pb) => pb.sim.warehouse?.tables() ?? null);
  }

  /** A table's first rows (limit, at most 1,000), for the Warehouse view. */
  warehouseTable(name: string, limit = 200): Result<{ name: string; columns: string[]; rows: (string | number | null)[][]; total: number }> {
    return this.with((pb) => {
      const wh = pb.sim.warehouse;
      const t = wh?.tables().find((x) => x.name === name);
      if (!wh || !t) return err(`no table "${name}" in the warehouse`, 'view');
      const n = Math.max(1, Math.min(1000, Math.floor(limit) || 200));
      const r = wh.run(`SELECT * FROM "${name.replace(/"/g, '""')}" LIMIT ${n}`);
      return { name, columns: r.columns, rows: r.rows, total: t.rows };
    });
  }

  /** Load sql.js (the worker's API calls this before any input that mentions SQL; see warehouse.ts). */
  async loadWarehouse(): Promise<Result<true>> {
    try {
      await loadWarehouse();
      return ok(true);
    } catch (e) {
      return fail(e);
    }
  }

  // ---- plumbing ----

  private with<T>(f: (pb: Playback) => T | Err): Result<T> {
    const pb = this.pb;
    if (!pb) return err('no workspace is loaded: call load(workspace) first', 'not_loaded');
    try {
      const v = f(pb);
      return isErr(v) ? v : ok(v);
    } catch (e) {
      return fail(e);
    }
  }

  private view<T>(f: (sim: Playback['sim']) => T): Result<T> {
    return this.with((pb) => f(pb.sim));
  }

  private state(r: { events: number; actions: number; done: boolean }): PlayState {
    const pb = this.pb!;
    return { clock: isoZ(pb.now), next_at: iso(pb.nextAt()), done: r.done, events: r.events, actions: r.actions, ahead: pb.ahead };
  }
}

function isErr(v: unknown): v is Err {
  return typeof v === 'object' && v !== null && (v as Err).ok === false && typeof (v as Err).error === 'string';
}

const iso = (ms: number | null): string | null => (ms === null ? null : isoZ(ms));

/** One empty database for goals read before anything used SQL (the same state as the warehouse Playback attaches). */
let empty: ReturnType<NonNullable<ReturnType<typeof warehouseFactory>>> | null = null;
const emptyWarehouse = () => (empty ??= warehouseFactory()?.() ?? null);

function goal<T>(f: () => T): T | Err {
  try {
    return f();
  } catch (e) {
    if (e instanceof GoalError) return err(e.message, 'invalid');
    throw e;
  }
}

function instant(at: string): number | null {
  return typeof at === 'string' && /(Z|[+-]\d{2}:?\d{2})$/i.test(at.trim()) ? parseInstant(at) : null;
}
