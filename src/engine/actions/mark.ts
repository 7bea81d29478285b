// Marking state by hand, as the UI does (shared AIRFLOW.md §8), after
// airflow/api/common/mark_tasks.py (2.10; 3.x airflow-core/src/airflow/api/common/mark_tasks.py):
// set_state, get_run_ids, set_dag_run_state_to_success / _to_failed.
// No retry logic runs: the states are written directly. A running TI's process is killed
// (its LocalTaskJob notices the external state change and terminates the task).
// Not modelled: 3.x's teardown exceptions (unfinished teardowns are left alone there).
import type { EngineContext, LoadedDag } from '../context.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';
import { FINISHED } from '../metastore/rows.ts';
import { downstreamOf, upstreamOf } from './graph.ts';
import { setDagRunState, setTaskInstanceState } from './state.ts';

export type MarkState = 'success' | 'failed';

export interface MarkTaskOptions {
  upstream?: boolean;
  downstream?: boolean;
  past?: boolean;
  future?: boolean;
}

/** The logical dates of the DAG's schedule between two dates (DAG.iter_dagrun_infos_between, align=False). */
function scheduleDates(ctx: EngineContext, dag: LoadedDag, start: number, end: number): Set<number> {
  const restriction = { earliest: start, latest: end, catchup: true };
  const out = new Set<number>();
  let info = dag.timetable.next_dagrun_info(null, restriction, ctx.now);
  if (!info || info.logical_date !== start) out.add(start);
  while (info && out.size < 100_000) {
    if (out.has(info.logical_date) && info.logical_date !== start) break;
    out.add(info.logical_date);
    info = dag.timetable.next_dagrun_info(info.data_interval, restriction, ctx.now);
  }
  return out;
}

/** mark_tasks.get_run_ids: the runs --past/--future reach, by logical date. */
export function runsForMark(ctx: EngineContext, dag: LoadedDag, run: DagRunRow, past: boolean, future: boolean): DagRunRow[] {
  if (!past && !future) return [run];
  const runs = ctx.db.runsOf(run.dag_id).filter((r) => r.logical_date !== null);
  if (run.logical_date === null || !runs.length) return [run];
  const dates = runs.map((r) => r.logical_date!);
  const end = future ? Math.max(...dates) : run.logical_date;
  const start = past ? Math.min(...dates) : run.logical_date;
  if (!dag.timetable.can_be_scheduled) {
    // runs between the dates, sorted by run_id
    return runs.filter((r) => r.logical_date! >= start && r.logical_date! <= end).sort((a, b) => (a.run_id < b.run_id ? -1 : 1));
  }
  if (!dag.timetable.periodic) return [run];
  const onSchedule = scheduleDates(ctx, dag, start, end);
  return runs.filter((r) => onSchedule.has(r.logical_date!));
}

/** mark_tasks.set_state(commit=True): the TIs it changed. */
export function markTaskInstances(
  ctx: EngineContext,
  dag: LoadedDag,
  run: DagRunRow,
  task_ids: readonly string[],
  state: MarkState,
  opts: MarkTaskOptions = {},
): TaskInstanceRow[] {
  const ids = new Set<string>();
  for (const id of task_ids) {
    ids.add(id);
    if (opts.downstream) for (const d of downstreamOf(dag, id)) ids.add(d);
    if (opts.upstream) for (const u of upstreamOf(dag, id)) ids.add(u);
  }
  const altered: TaskInstanceRow[] = [];
  for (const r of runsForMark(ctx, dag, run, !!opts.past, !!opts.future)) {
    for (const ti of ctx.db.tisOf(r)) {
      if (ids.has(ti.task_id) && ti.state !== state) altered.push(ti);
    }
  }
  setStates(ctx, altered, state);
  return altered;
}

function setStates(ctx: EngineContext, tis: readonly TaskInstanceRow[], state: MarkState | 'skipped'): void {
  const killed: TaskInstanceRow[] = [];
  for (const ti of tis) {
    const wasRunning = ti.state === 'running';
    if (setTaskInstanceState(ctx, ti, state) && wasRunning) killed.push(ti);
  }
  for (const ti of killed) ctx.killTaskInstance(ti);
}

/**
 * set_dag_run_state_to_success / _to_failed (commit=True). Success: the run becomes success
 * and every TI not already success becomes success. Failed: the run becomes failed, TIs in
 * running/deferred/up_for_reschedule become failed, every other unfinished TI skipped.
 */
export function markDagRun(ctx: EngineContext, dag: LoadedDag, run: DagRunRow, state: MarkState): TaskInstanceRow[] {
  setDagRunState(ctx, run, state);
  const taskIds = new Set(dag.spec.tasks.map((t) => t.task_id));
  const tis = ctx.db.tisOf(run).filter((ti) => taskIds.has(ti.task_id));
  if (state === 'success') {
    const altered = tis.filter((ti) => ti.state !== 'success');
    setStates(ctx, altered, 'success');
    return altered;
  }
  const runningStates = new Set(['running', 'deferred', 'up_for_reschedule']);
  const toSkip = tis.filter((ti) => ti.state === null || (!FINISHED.has(ti.state) && !runningStates.has(ti.state)));
  const toFail = tis.filter((ti) => ti.state !== null && runningStates.has(ti.state));
  setStates(ctx, toSkip, 'skipped');
  setStates(ctx, toFail, 'failed');
  return [...toSkip, ...toFail];
}
