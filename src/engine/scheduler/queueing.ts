// The scheduler's critical section: scheduled TIs become queued, within every limit.
// Airflow: jobs/scheduler_job_runner.py::_executable_task_instances_to_queued.
// Every limit counts TIs in queued + running. Candidates go in order of
// priority_weight (desc), logical date (asc), map_index.
import { cfgNum, type Config } from '../config.ts';
import type { LoadedDag } from '../context.ts';
import type { Metastore } from '../metastore/metastore.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';

export interface QueueInput {
  db: Metastore;
  loaded: ReadonlyMap<string, LoadedDag>;
  config: Config;
  now: number;
  /** runs whose TIs this scheduler may queue (not paused, not a 2.10 backfill run) */
  examinable: (run: DagRunRow) => boolean;
}

/** Why a scheduled TI stayed scheduled: the limit it hit, with its numbers and the words for it. */
export type WaitReason = { text: string } & (
  | { limit: 'parallelism'; parallelism: number }
  | { limit: 'pool_missing'; pool: string }
  | { limit: 'pool_full'; pool: string; slots: number; open: number; needed: number }
  | { limit: 'max_active_tasks'; max: number }
  | { limit: 'max_active_tis_per_dag'; max: number }
  | { limit: 'max_active_tis_per_dagrun'; max: number }
);

export interface QueueResult {
  queued: TaskInstanceRow[];
  /** the per-loop maximum was reached: run another loop at once */
  hitLoopLimit: boolean;
  /** why a scheduled TI stayed scheduled, for "why is this not running?" */
  waiting: Map<TaskInstanceRow, WaitReason>;
}

/** What the limits count: the TIs in queued + running, per pool, DAG, task and task-in-run. */
interface Usage {
  poolFree: Map<string, number>;
  perDag: Map<string, number>;
  perTask: Map<string, number>;
  perTaskRun: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function countUsage(db: Metastore): Usage {
  const u: Usage = { poolFree: new Map(), perDag: new Map(), perTask: new Map(), perTaskRun: new Map() };
  for (const p of db.pools.values()) u.poolFree.set(p.pool, p.slots < 0 ? Infinity : p.slots);
  for (const ti of db.activeTIs) take(u, ti);
  return u;
}

function take(u: Usage, ti: TaskInstanceRow): void {
  u.poolFree.set(ti.pool, (u.poolFree.get(ti.pool) ?? 0) - ti.pool_slots);
  bump(u.perDag, ti.dag_id);
  bump(u.perTask, `${ti.dag_id}\u0000${ti.task_id}`);
  bump(u.perTaskRun, `${ti.dag_id}\u0000${ti.run_id}\u0000${ti.task_id}`);
}

function parallelismReason(parallelism: number): WaitReason {
  return { limit: 'parallelism', parallelism, text: `parallelism (${parallelism}) reached: all executor slots are taken` };
}

/**
 * The limit that keeps `ti` from being queued now, judged against the TIs queued or running at
 * this moment, or null when none does. Read-only: for "why is this not running?" between loops.
 */
export function queueLimitFor(q: Omit<QueueInput, 'examinable' | 'now'>, ti: TaskInstanceRow): WaitReason | null {
  const parallelism = cfgNum(q.config, 'core.parallelism');
  if (parallelism > 0 && q.db.activeTIs.size >= parallelism) return parallelismReason(parallelism);
  return limitReached(q, ti, countUsage(q.db));
}

export function enqueueScheduled(q: QueueInput): QueueResult {
  const { db, config } = q;
  const result: QueueResult = { queued: [], hitLoopLimit: false, waiting: new Map() };
  const candidates = collectCandidates(q);
  if (candidates.length === 0) return result;

  const parallelism = cfgNum(config, 'core.parallelism');
  const open = parallelism > 0 ? parallelism - db.activeTIs.size : Infinity;
  const usage = countUsage(db);
  let freeSlotsTotal = 0;
  for (const v of usage.poolFree.values()) freeSlotsTotal += Math.max(0, v);
  const maxThisLoop = Math.min(cfgNum(config, 'scheduler.max_tis_per_query') || Infinity, open, freeSlotsTotal);

  for (const { ti } of candidates) {
    if (result.queued.length >= maxThisLoop) {
      result.hitLoopLimit = maxThisLoop === cfgNum(config, 'scheduler.max_tis_per_query');
      // the reason is only recorded (every pool full is a pool limit); the decision is the same
      const why = open <= result.queued.length ? parallelismReason(parallelism) : limitReached(q, ti, usage);
      if (why) result.waiting.set(ti, why);
      continue;
    }
    const why = limitReached(q, ti, usage);
    if (why) {
      result.waiting.set(ti, why);
      continue;
    }
    take(usage, ti);
    db.setTIState(ti, 'queued');
    ti.queued_dttm = q.now;
    result.queued.push(ti);
  }
  return result;
}

function collectCandidates(q: QueueInput): { ti: TaskInstanceRow; run: DagRunRow }[] {
  const out: { ti: TaskInstanceRow; run: DagRunRow; order: number }[] = [];
  for (const ti of q.db.scheduledTIs) {
    const run = q.db.runOf(ti);
    if (run.state !== 'running' || !q.examinable(run)) continue;
    out.push({ ti, run, order: q.db.orderOf(ti) });
  }
  out.sort(
    (a, b) =>
      b.ti.priority_weight - a.ti.priority_weight ||
      (a.run.logical_date ?? a.run.run_after) - (b.run.logical_date ?? b.run.run_after) ||
      a.ti.map_index - b.ti.map_index ||
      a.run.id - b.run.id ||
      a.order - b.order, // within a run, tasks keep their definition order
  );
  return out;
}

function limitReached(q: Omit<QueueInput, 'examinable' | 'now'>, ti: TaskInstanceRow, u: Usage): WaitReason | null {
  const pool = q.db.pools.get(ti.pool);
  if (!pool) {
    return { limit: 'pool_missing', pool: ti.pool, text: `pool '${ti.pool}' does not exist: tasks using a non-existent pool will not be scheduled` };
  }
  const free = u.poolFree.get(ti.pool)!;
  if (ti.pool_slots > free) {
    const open = Math.max(0, free);
    return {
      limit: 'pool_full',
      pool: ti.pool,
      slots: pool.slots,
      open,
      needed: ti.pool_slots,
      text: `pool '${ti.pool}' is full: the task needs ${ti.pool_slots} slot(s), ${open} of ${pool.slots} open`,
    };
  }
  const dagRow = q.db.dags.get(ti.dag_id);
  const maxTasks = dagRow?.max_active_tasks ?? Infinity;
  if ((u.perDag.get(ti.dag_id) ?? 0) >= maxTasks) {
    return { limit: 'max_active_tasks', max: maxTasks, text: `max_active_tasks (${maxTasks}) of DAG ${ti.dag_id} reached: that many of its tasks are queued or running` };
  }
  const task = q.loaded.get(ti.dag_id)?.tasks.get(ti.task_id);
  const perDagLimit = task?.max_active_tis_per_dag ?? null;
  if (perDagLimit !== null && (u.perTask.get(`${ti.dag_id}\u0000${ti.task_id}`) ?? 0) >= perDagLimit) {
    return { limit: 'max_active_tis_per_dag', max: perDagLimit, text: `max_active_tis_per_dag (${perDagLimit}) of task ${ti.task_id} reached across runs` };
  }
  const perRunLimit = task?.max_active_tis_per_dagrun ?? null;
  if (perRunLimit !== null && (u.perTaskRun.get(`${ti.dag_id}\u0000${ti.run_id}\u0000${ti.task_id}`) ?? 0) >= perRunLimit) {
    return { limit: 'max_active_tis_per_dagrun', max: perRunLimit, text: `max_active_tis_per_dagrun (${perRunLimit}) of task ${ti.task_id} reached in this run` };
  }
  return null;
}
