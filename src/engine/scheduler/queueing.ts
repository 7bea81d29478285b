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

export interface QueueResult {
  queued: TaskInstanceRow[];
  /** the per-loop maximum was reached: run another loop at once */
  hitLoopLimit: boolean;
  /** why a scheduled TI stayed scheduled, for "why is this not running?" */
  waiting: Map<TaskInstanceRow, string>;
}

export function enqueueScheduled(q: QueueInput): QueueResult {
  const { db, config } = q;
  const result: QueueResult = { queued: [], hitLoopLimit: false, waiting: new Map() };
  const candidates = collectCandidates(q);
  if (candidates.length === 0) return result;

  const parallelism = cfgNum(config, 'core.parallelism');
  const open = parallelism > 0 ? parallelism - db.activeTIs.size : Infinity;
  const poolFree = new Map<string, number>();
  for (const p of db.pools.values()) poolFree.set(p.pool, p.slots < 0 ? Infinity : p.slots);
  const perDag = new Map<string, number>();
  const perTask = new Map<string, number>();
  const perTaskRun = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const ti of db.activeTIs) {
    poolFree.set(ti.pool, (poolFree.get(ti.pool) ?? 0) - ti.pool_slots);
    bump(perDag, ti.dag_id);
    bump(perTask, `${ti.dag_id}\u0000${ti.task_id}`);
    bump(perTaskRun, `${ti.dag_id}\u0000${ti.run_id}\u0000${ti.task_id}`);
  }
  let freeSlotsTotal = 0;
  for (const v of poolFree.values()) freeSlotsTotal += Math.max(0, v);
  const maxThisLoop = Math.min(cfgNum(config, 'scheduler.max_tis_per_query') || Infinity, open, freeSlotsTotal);

  for (const { ti } of candidates) {
    if (result.queued.length >= maxThisLoop) {
      result.hitLoopLimit = maxThisLoop === cfgNum(config, 'scheduler.max_tis_per_query');
      if (open <= result.queued.length) result.waiting.set(ti, `parallelism (${parallelism}) reached: all executor slots are taken`);
      continue;
    }
    const why = limitReached(q, ti, poolFree, perDag, perTask, perTaskRun);
    if (why) {
      result.waiting.set(ti, why);
      continue;
    }
    poolFree.set(ti.pool, poolFree.get(ti.pool)! - ti.pool_slots);
    bump(perDag, ti.dag_id);
    bump(perTask, `${ti.dag_id}\u0000${ti.task_id}`);
    bump(perTaskRun, `${ti.dag_id}\u0000${ti.run_id}\u0000${ti.task_id}`);
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

function limitReached(
  q: QueueInput,
  ti: TaskInstanceRow,
  poolFree: Map<string, number>,
  perDag: Map<string, number>,
  perTask: Map<string, number>,
  perTaskRun: Map<string, number>,
): string | null {
  const pool = q.db.pools.get(ti.pool);
  if (!pool) return `pool '${ti.pool}' does not exist: tasks using a non-existent pool will not be scheduled`;
  const free = poolFree.get(ti.pool)!;
  if (ti.pool_slots > free) {
    return `pool '${ti.pool}' is full: the task needs ${ti.pool_slots} slot(s), ${Math.max(0, free)} of ${pool.slots} open`;
  }
  const dagRow = q.db.dags.get(ti.dag_id);
  const maxTasks = dagRow?.max_active_tasks ?? Infinity;
  if ((perDag.get(ti.dag_id) ?? 0) >= maxTasks) {
    return `max_active_tasks (${maxTasks}) of DAG ${ti.dag_id} reached: that many of its tasks are queued or running`;
  }
  const task = q.loaded.get(ti.dag_id)?.tasks.get(ti.task_id);
  const perDagLimit = task?.max_active_tis_per_dag ?? null;
  if (perDagLimit !== null && (perTask.get(`${ti.dag_id}\u0000${ti.task_id}`) ?? 0) >= perDagLimit) {
    return `max_active_tis_per_dag (${perDagLimit}) of task ${ti.task_id} reached across runs`;
  }
  const perRunLimit = task?.max_active_tis_per_dagrun ?? null;
  if (perRunLimit !== null && (perTaskRun.get(`${ti.dag_id}\u0000${ti.run_id}\u0000${ti.task_id}`) ?? 0) >= perRunLimit) {
    return `max_active_tis_per_dagrun (${perRunLimit}) of task ${ti.task_id} reached in this run`;
  }
  return null;
}
