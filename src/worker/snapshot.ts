// Checkpoints of a Playback, so going back replays from the nearest one instead of the start
// (DESIGN: "step back is replay from the nearest snapshot of engine state"). A checkpoint is a
// deep copy of the Simulation and the command log taken between two units, with the number of
// actions applied; the parsed DAGs are immutable and kept by reference, and the append-only logs
// (messages, task logs, audit log) share their items. At most MAX_CHECKPOINTS are kept, spaced
// logarithmically: dense near the present, sparse towards the start.
import type { CommandRecord } from '../engine/output.ts';
import type { Simulation } from '../engine/simulation.ts';
import { deepClone, Unclonable } from './snapshotClone.ts';

/** at most this many units (events + actions) between two checkpoints */
export const CHECKPOINT_EVERY = 50_000;
/** and at least this much engine work between two, in ms, and this many times what the last copy cost:
 *  copying a big state (10 years of runs) costs about a quarter of replaying it, so the copies
 *  stay a small share of playing (measured: npm run bench's 10-year catchup) */
const MIN_WORK_MS = 150;
const WORK_PER_COPY = 4;
/** 10 years of daily runs copy to about 18 MB; 12 such copies stay under a quarter GB */
export const MAX_CHECKPOINTS = 12;

export interface Checkpoint {
  /** the simulation's clock when taken */
  at: number;
  /** units played since the start of the timeline */
  units: number;
  /** actions applied (the playback's cursor) */
  cursor: number;
  sim: Simulation;
  log: CommandRecord[];
}

/** A copy of the state that nothing else references; null when the state holds a function. */
export function capture(sim: Simulation, log: CommandRecord[], units: number, cursor: number): Checkpoint | null {
  try {
    const [s, l] = deepClone([sim, log], cloneOptions(sim));
    s.warehouse = sim.warehouse?.clone() ?? null; // the SQL database is copied by its own means
    return { at: sim.now, units, cursor, sim: s, log: l };
  } catch (e) {
    if (e instanceof Unclonable) return null;
    throw e;
  }
}

/** A fresh copy of a checkpoint to play on (the checkpoint itself stays untouched for later). */
export function restore(cp: Checkpoint): { sim: Simulation; log: CommandRecord[] } {
  const [sim, log] = deepClone([cp.sim, cp.log], cloneOptions(cp.sim));
  sim.warehouse = cp.sim.warehouse?.clone() ?? null;
  return { sim, log };
}

function cloneOptions(sim: Simulation) {
  const shared = new Set<object>();
  for (const dag of sim.loaded.values()) {
    shared.add(dag);
    shared.add(dag.spec);
    for (const t of dag.tasks.values()) shared.add(t);
  }
  // kept by reference while walking, then replaced by warehouse.clone() (a walk would share the database)
  if (sim.warehouse) shared.add(sim.warehouse);
  const shareItems = new Set<unknown[]>([sim.messages.messages, sim.db.taskLogs, sim.db.log]);
  return { shared, shareItems };
}

/** The kept checkpoints, oldest first. */
export class Checkpoints {
  private list: Checkpoint[] = [];

  /** engine work (ms) since the last checkpoint, and what the last copy cost */
  private work = 0;
  private copyMs = 0;
  private t0 = 0;

  /** `adaptive: false` places checkpoints by `every` units only (deterministic, for tests) */
  constructor(
    readonly every = CHECKPOINT_EVERY,
    readonly max = MAX_CHECKPOINTS,
    private readonly adaptive = true,
  ) {}

  /** The player starts a batch of units: engine work is timed from here. */
  begin(): void {
    this.t0 = performance.now();
  }

  /** after a refused capture, wait this many units before trying again */
  private retryAt = 0;

  get size(): number {
    return this.list.length;
  }

  get all(): readonly Checkpoint[] {
    return this.list;
  }

  /** Is a checkpoint due after `units` units? */
  due(units: number): boolean {
    if (units < this.retryAt) return false;
    const last = this.list[this.list.length - 1]?.units ?? 0;
    if (units - last >= this.every) return true;
    if (!this.adaptive || (units & 31) !== 0) return false;
    const t = performance.now();
    this.work += t - this.t0;
    this.t0 = t;
    return this.work >= Math.max(MIN_WORK_MS, WORK_PER_COPY * this.copyMs);
  }

  take(sim: Simulation, log: CommandRecord[], units: number, cursor: number): void {
    const t = performance.now();
    const cp = capture(sim, log, units, cursor);
    this.t0 = performance.now();
    this.copyMs = this.t0 - t;
    this.work = 0;
    if (!cp) {
      this.retryAt = units + Math.ceil(this.every / 10);
      return;
    }
    this.list.push(cp);
    this.thin();
  }

  /** The latest checkpoint at or before `t` (a state at t includes every unit at t: it can only be completed). */
  before(t: number): Checkpoint | null {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.at <= t) return this.list[i]!;
    return null;
  }

  /** A new action at `now` forks the timeline: checkpoints of the dropped future go. */
  dropAfter(now: number): void {
    this.list = this.list.filter((cp) => cp.at <= now);
    this.retryAt = 0;
  }

  /** Keep `max`: drop the one whose removal leaves the smallest gap for its age (distance
   *  from the newest), so spacing grows with age: logarithmic. The newest always stays. */
  private thin(): void {
    while (this.list.length > this.max) {
      const newest = this.list[this.list.length - 1]!.units;
      let drop = 0;
      let low = Infinity;
      for (let i = 0; i < this.list.length - 1; i++) {
        const prev = i > 0 ? this.list[i - 1]!.units : 0;
        const gap = this.list[i + 1]!.units - prev;
        const score = gap / (newest - this.list[i]!.units);
        if (score < low) {
          low = score;
          drop = i;
        }
      }
      this.list.splice(drop, 1);
    }
  }
}
