// Clearing task instances (shared AIRFLOW.md §8): what `airflow tasks clear`, the UI's
// Clear button and 3.x backfill reprocessing do.
//   Selection: DAG.partial_subset + DAG._get_task_instances (2.10 airflow/models/dag.py;
//              3.x airflow-core/src/airflow/serialization/definitions/dag.py).
//   Effect:    clear_task_instances (2.10 airflow/models/taskinstance.py; 3.x
//              airflow-core/src/airflow/models/taskinstance.py), same in both for what we model.
import type { EngineContext, LoadedDag } from '../context.ts';
import type { DagRunRow, DagRunState, TaskInstanceRow } from '../metastore/rows.ts';
import { FINISHED } from '../metastore/rows.ts';
import { downstreamOf, upstreamOf } from './graph.ts';
import { setDagRunState } from './state.ts';

export interface TaskSelection {
  /** -t/--task-regex: matched anywhere in the task_id (re.findall / re.search) */
  task_regex?: RegExp | null;
  /** -u/--upstream, -d/--downstream: add all transitive relatives (only with a regex, as the CLI) */
  upstream?: boolean;
  downstream?: boolean;
}

/** DAG.partial_subset(task_ids_or_regex, include_downstream, include_upstream): the task_ids kept. */
export function selectTaskIds(dag: LoadedDag, sel: TaskSelection): Set<string> {
  const all = dag.spec.tasks.map((t) => t.task_id);
  if (!sel.task_regex) return new Set(all);
  const re = sel.task_regex;
  const matched = all.filter((id) => re.test(id));
  const out = new Set(matched);
  for (const id of matched) {
    if (sel.downstream) for (const d of downstreamOf(dag, id)) out.add(d);
    if (sel.upstream) for (const u of upstreamOf(dag, id)) out.add(u);
  }
  return out;
}

export interface TaskInstanceFilter {
  task_ids?: ReadonlySet<string> | null;
  run_id?: string | null;
  /** logical_date >= start (runs without a logical date never match) */
  start?: number | null;
  /** logical_date <= end. 2.10 passes now() when -e is not given (allow_future_exec_dates=False). */
  end?: number | null;
  /** -f: failed and upstream_failed */
  only_failed?: boolean;
  /** -r: running (both flags together select the union, as Airflow's `state +=` does) */
  only_running?: boolean;
}

/** DAG._get_task_instances: the TIs a clear would touch, in creation order. */
export function findTaskInstances(ctx: EngineContext, dag_id: string, f: TaskInstanceFilter): TaskInstanceRow[] {
  const states: (string | null)[] = [];
  if (f.only_failed) states.push('failed', 'upstream_failed');
  if (f.only_running) states.push('running');
  const out: TaskInstanceRow[] = [];
  for (const run of ctx.db.runsOf(dag_id)) {
    if (f.run_id && run.run_id !== f.run_id) continue;
    if (f.start != null && (run.logical_date === null || run.logical_date < f.start)) continue;
    if (f.end != null && (run.logical_date === null || run.logical_date > f.end)) continue;
    for (const ti of ctx.db.tisOf(run)) {
      if (f.task_ids && !f.task_ids.has(ti.task_id)) continue;
      if (states.length && !states.includes(ti.state)) continue;
      out.push(ti);
    }
  }
  return out;
}

/** TaskInstanceHistory.record_ti: keep the try being replaced (once per try_number). */
function recordTry(ctx: EngineContext, ti: TaskInstanceRow): void {
  const h = ctx.db.taskInstanceHistory;
  const exists = h.some(
    (x) => x.dag_id === ti.dag_id && x.run_id === ti.run_id && x.task_id === ti.task_id && x.map_index === ti.map_index && x.try_number === ti.try_number,
  );
  if (exists) return;
  const finished = FINISHED.has(ti.state);
  if (!finished) {
    // an unfinished try is recorded as failed, ending now
    ti.end_date = ctx.now;
    ti.duration = ti.start_date !== null ? (ti.end_date - ti.start_date) / 1000 : null;
  }
  ctx.db.archiveTry(ti);
  if (!finished) h[h.length - 1]!.state = 'failed';
}

export interface ClearOptions {
  /** the state finished runs go to (default queued); false leaves runs alone */
  dag_run_state?: DagRunState | false;
}

/**
 * clear_task_instances: each TI's try goes to task_instance_history; running TIs become
 * `restarting` and their process is killed (max_tries unchanged: a restarting task may always
 * retry); every other TI goes to None with max_tries = try_number + retries (try_number kept).
 * Finished runs go back to queued: queued_at now, start/end cleared, clear_number + 1.
 * Queued and running runs keep their state.
 */
export function clearTaskInstances(ctx: EngineContext, tis: readonly TaskInstanceRow[], opts: ClearOptions = {}): number {
  const dagRunState = opts.dag_run_state ?? 'queued';
  const killed: TaskInstanceRow[] = [];
  for (const ti of tis) {
    recordTry(ctx, ti);
    if (ti.state === 'running') {
      ctx.db.setTIState(ti, 'restarting');
      killed.push(ti);
    } else {
      const task = ctx.loaded.get(ti.dag_id)?.spec.tasks.find((t) => t.task_id === ti.task_id);
      ti.max_tries = task ? ti.try_number + task.retries : Math.max(ti.max_tries, ti.try_number);
      ctx.db.setTIState(ti, null);
    }
    // TaskReschedule rows are deleted: a sensor starts its timeout over
    ti.reschedule_at = null;
    ti.first_poke_at = null;
    ti.next_retry_at = null;
  }
  if (dagRunState !== false) {
    const runs = new Map<string, DagRunRow>();
    for (const ti of tis) {
      const run = ctx.db.getDagRun(ti.dag_id, ti.run_id);
      if (run) runs.set(`${run.dag_id}\u0000${run.run_id}`, run);
    }
    for (const run of runs.values()) {
      if (run.state !== 'success' && run.state !== 'failed') continue;
      setDagRunState(ctx, run, dagRunState);
      run.start_date = ctx.now;
      if (dagRunState === 'queued') {
        run.start_date = null;
        run.clear_number += 1;
      }
    }
  }
  for (const ti of killed) ctx.killTaskInstance(ti);
  return tis.length;
}
