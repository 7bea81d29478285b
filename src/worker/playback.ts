// The timeline of a workspace: a Simulation plus the learner's recorded actions, played forward
// event by event, and rebuilt by replay to go back. The rule that makes replay land on the
// identical state: an action recorded at instant T is applied after every event at T (a live
// action first finishes the current instant, see `settle`). So the state "at T" is always:
// every event at or before T, and every action at or before T, in their order.
// Like SimPy's core, the engine only knows step() and runUntil(); playing in real time and
// in slices is the caller's business.
import { CliUsageError } from '../engine/cli/errors.ts';
import type { CommandRecord } from '../engine/output.ts';
import { Simulation } from '../engine/simulation.ts';
import { Checkpoints, restore, type Checkpoint } from './snapshot.ts';
import { warehouseFactory } from './warehouse.ts';
import type { Action, Setup } from './workspace.ts';

export type Unit = { kind: 'event'; type: string; at: number } | { kind: 'action'; action: Action };

export interface AdvanceOptions {
  /** at most this many units (events + actions); default unlimited */
  maxSteps?: number;
  /** move the clock to the limit when nothing before it is left (default true) */
  settle?: boolean;
  /** called before each unit, then `after` right after it; `after` returning true stops */
  before?: () => void;
  after?: (unit: Unit) => boolean;
}

export interface Advanced {
  events: number;
  actions: number;
  /** nothing at or before the limit is left */
  done: boolean;
  /** `after` asked to stop */
  stopped: boolean;
  /** no event and no action is left at all */
  idle: boolean;
}

export class Playback {
  sim: Simulation;
  /** the actions of the timeline, in replay order; those before `cursor` are applied */
  actions: Action[];
  private cursor = 0;
  /** what each applied command printed (a 2.10 backfill fills its record in later) */
  log: CommandRecord[] = [];
  /** units (events + actions) played since the start: checkpoints are placed by it */
  private units = 0;
  /** copies of the state to go back to without replaying from the start (snapshot.ts) */
  readonly checkpoints: Checkpoints;
  /** the furthest clock this timeline has been played to (the scrub bar's end) */
  reached: number;
  /** the last recorded action replaced a future already played (rewound: the timeline forked) */
  lastForked = false;

  constructor(readonly setup: Omit<Setup, 'actions' | 'clock'>, actions: Action[], opts: { checkpointEvery?: number; maxCheckpoints?: number } = {}) {
    this.checkpoints = new Checkpoints(opts.checkpointEvery, opts.maxCheckpoints, opts.checkpointEvery === undefined);
    this.actions = [...actions];
    this.sim = this.fresh();
    this.reached = this.sim.now;
  }

  private fresh(): Simulation {
    const { profile, start, config, files, seed } = this.setup;
    return new Simulation({ profile, start, config, files, seed, warehouse: warehouseFactory() ?? undefined });
  }

  /** Attach an empty warehouse once sql.js is loaded (see warehouse.ts: the same state as having had it from the start). */
  private attachWarehouse(): void {
    if (!this.sim.warehouse) this.sim.warehouse = warehouseFactory()?.() ?? null;
  }

  get now(): number {
    return this.sim.now;
  }

  /** actions recorded after the present (kept until a new action forks the timeline) */
  get ahead(): number {
    return this.actions.length - this.cursor;
  }

  /** The next event's or due action's time, whichever comes first; null when nothing is left. */
  nextAt(): number | null {
    const ev = this.sim.nextEventAt();
    const act = this.actions[this.cursor]?.at ?? null;
    if (ev === null) return act;
    return act === null ? ev : Math.min(ev, act);
  }

  /** Play events and due actions up to `limit` (inclusive). */
  advance(limit: number, opts: AdvanceOptions = {}): Advanced {
    const max = opts.maxSteps ?? Infinity;
    const r: Advanced = { events: 0, actions: 0, done: false, stopped: false, idle: false };
    this.checkpoints.begin();
    for (;;) {
      const act = this.actions[this.cursor];
      const evAt = this.sim.nextEventAt();
      const actionDue = !!act && act.at <= limit && (evAt === null || evAt > act.at);
      const eventDue = !actionDue && evAt !== null && evAt <= limit;
      if (!actionDue && !eventDue) break;
      if (r.events + r.actions >= max) return r;
      opts.before?.();
      let unit: Unit;
      if (actionDue) {
        this.sim.runUntil(act.at); // only moves the clock: no event at or before act.at is left
        this.apply(act);
        this.cursor++;
        r.actions++;
        unit = { kind: 'action', action: act };
      } else {
        const type = this.sim.queue.peek()!.type;
        this.sim.step();
        r.events++;
        unit = { kind: 'event', type, at: evAt! };
      }
      this.units++;
      if (this.checkpoints.due(this.units)) this.checkpoints.take(this.sim, this.log, this.units, this.cursor);
      if (this.sim.now > this.reached) this.reached = this.sim.now;
      if (opts.after?.(unit)) {
        r.stopped = true;
        return r;
      }
    }
    r.done = true;
    r.idle = this.sim.nextEventAt() === null && this.ahead === 0;
    if (opts.settle !== false && Number.isFinite(limit)) this.sim.runUntil(limit);
    if (this.sim.now > this.reached) this.reached = this.sim.now;
    return r;
  }

  /** Finish the current instant: every event and action at or before the clock. */
  settle(): void {
    this.advance(this.sim.now);
  }

  private apply(a: Action): void {
    this.attachWarehouse();
    if (a.kind === 'file') {
      this.sim.setFile(a.name, a.source);
      return;
    }
    try {
      const result = this.sim.command(a.run);
      this.log.push(Object.assign(result, { at: a.at, run: a.run }));
    } catch (e) {
      // a recorded command was checked when it was recorded (or loaded); keep replay going
      const output = e instanceof CliUsageError ? e.message : String((e as Error)?.message ?? e);
      this.log.push({ at: a.at, run: a.run, exit_code: 2, output });
    }
  }

  /** Go back to `t`: from the nearest checkpoint at or before it (or the start), replay to `t`
   *  (the engine is deterministic, so this lands on the state an uninterrupted play had at `t`). */
  replayTo(t: number, opts: { fromStart?: boolean } = {}): void {
    const cp = opts.fromStart ? null : this.checkpoints.before(t);
    if (cp) this.resume(cp);
    else {
      this.sim = this.fresh();
      this.cursor = 0;
      this.log = [];
      this.units = 0;
    }
    this.advance(t);
  }

  /** Go to `t`, back or forward; forward past a checkpoint of this timeline starts from it. */
  seek(t: number): void {
    if (t < this.sim.now) return this.replayTo(t);
    const cp = this.checkpoints.before(t);
    // a checkpoint well ahead saves playing the events between (copying costs about what 1/4 of its work does)
    if (cp && cp.units > this.units + 1000) this.resume(cp);
    this.advance(t);
  }

  private resume(cp: Checkpoint): void {
    const { sim, log } = restore(cp);
    this.sim = sim;
    this.log = log;
    this.cursor = cp.cursor;
    this.units = cp.units;
  }

  /** Run a CLI command now and record it. Throws what Simulation.command throws (state rebuilt). */
  command(line: string): { record: CommandRecord; discarded: number } {
    const { value, discarded } = this.record({ kind: 'command', run: line }, () => {
      const record = Object.assign(this.sim.command(line), { at: this.sim.now, run: line });
      this.log.push(record);
      return record;
    });
    return { record: value, discarded };
  }

  /** Write (source) or delete (null) a DAG file now and record it. */
  setFile(name: string, source: string | null): { discarded: number } {
    return this.record({ kind: 'file', name, source }, () => this.sim.setFile(name, source));
  }

  /**
   * Apply a new action now. The current instant is finished first; actions recorded after now
   * are dropped (a user action while rewound starts a new future). When `run` throws, the state
   * is rebuilt without the action and the error goes on up.
   */
  private record<T>(action: { kind: 'command'; run: string } | { kind: 'file'; name: string; source: string | null }, run: () => T): { value: T; discarded: number } {
    this.settle();
    this.attachWarehouse();
    const now = this.sim.now;
    let value: T;
    try {
      value = run();
    } catch (e) {
      this.replayTo(now);
      throw e;
    }
    const discarded = this.ahead;
    this.lastForked = discarded > 0 || now < this.reached;
    if (this.lastForked) {
      // the future played before is gone: its checkpoints and its end on the scrub bar
      this.checkpoints.dropAfter(now);
      this.reached = now;
    }
    this.actions.length = this.cursor;
    const seq = this.actions.reduce((m, a) => Math.max(m, a.seq), 0) + 1;
    this.actions.push({ ...action, at: now, seq });
    this.cursor++;
    return { value, discarded };
  }
}
