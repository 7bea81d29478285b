// The template context a try renders with: the metastore's view of the run and TI,
// turned into payload/templateContext.ts's TemplateInput (2.10 and 3.x keys differ there).
import type { TaskSpec } from '../../dagfile/spec.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';
import { buildTemplateContextShared, type PrevSuccessRun, type RunContext, type TemplateInput } from '../payload/templateContext.ts';
import type { Simulation } from '../simulation.ts';
import type { Timetable } from '../timetables/types.ts';

/** The context, built on first use (most tasks render a few fields, many none). */
export function lazyTemplateContext(sim: Simulation, ti: TaskInstanceRow, run: DagRunRow, task: TaskSpec): () => Record<string, unknown> {
  let ctx: Record<string, unknown> | null = null;
  return () => (ctx ??= templateContextFor(sim, ti, run, task));
}

export function templateContextFor(sim: Simulation, ti: TaskInstanceRow, run: DagRunRow, task: TaskSpec): Record<string, unknown> {
  const dag = sim.loaded.get(ti.dag_id)!;
  // prev_*_success needs a search over the DAG's runs: only when a template asks for it
  const wantsPrev = Object.values(task.template_fields).some((t) => t.includes('prev_'));
  const input: TemplateInput = {
    dag: dag.spec,
    task,
    run_id: run.run_id,
    run_type: run.run_type,
    logical_date: run.logical_date,
    data_interval_start: run.data_interval_start,
    data_interval_end: run.data_interval_end,
    run_after: run.run_after,
    dag_run_start_date: run.start_date,
    dag_run_queued_at: run.queued_at,
    dag_run_state: run.state,
    clear_number: run.clear_number,
    external_trigger: run.external_trigger,
    conf: run.conf,
    try_number: ti.try_number,
    max_tries: ti.max_tries,
    map_index: ti.map_index,
    ti_state: ti.state,
    ti_start_date: ti.start_date,
    prev_success: wantsPrev ? previousSuccess(sim, run) : null,
    config: sim.config,
    now_ms: sim.now,
    xcom_pull: (a) => {
      const ids = a.task_ids === null ? [] : Array.isArray(a.task_ids) ? a.task_ids : [a.task_ids];
      const key = a.key ?? 'return_value';
      const values = ids.map((id) => sim.db.getXCom(a.dag_id ?? ti.dag_id, a.run_id ?? ti.run_id, id, key) ?? a.default ?? null);
      return Array.isArray(a.task_ids) ? values : values[0] ?? a.default ?? null;
    },
  };
  if (run.run_type !== 'manual' && run.logical_date !== null && run.data_interval_end !== null) {
    input.prev_execution_date = previousSchedule(dag.timetable, run.logical_date);
    input.next_execution_date =
      dag.timetable.next_dagrun_info(
        { start: run.data_interval_start!, end: run.data_interval_end },
        { earliest: null, latest: null, catchup: true },
        sim.now,
      )?.logical_date ?? null;
  }
  const { context, run: shared } = buildTemplateContextShared(input, sim.profile, runContexts.get(run));
  runContexts.set(run, shared);
  return context;
}

/** The run-level part of the context, reused by the run's task instances while it still fits. */
const runContexts = new WeakMap<DagRunRow, RunContext>();

/** The latest successful run before this one (by logical date). */
function previousSuccess(sim: Simulation, run: DagRunRow): PrevSuccessRun | null {
  if (run.logical_date === null) return null;
  let best: DagRunRow | null = null;
  for (const r of sim.db.runsOf(run.dag_id)) {
    if (r.state !== 'success' || r.logical_date === null || r.logical_date >= run.logical_date) continue;
    if (!best || r.logical_date > best.logical_date!) best = r;
  }
  return best
    ? {
        logical_date: best.logical_date,
        data_interval_start: best.data_interval_start,
        data_interval_end: best.data_interval_end,
        start_date: best.start_date,
        end_date: best.end_date,
      }
    : null;
}

/** 2.10 DAG.previous_schedule: the previous cron tick / logical date - delta for data-interval
 *  timetables, None for the others. */
function previousSchedule(tt: Timetable, logical: number): number | null {
  const t = tt as Timetable & { cron?: { prev(ms: number): number }; delta?: { kind: string; seconds?: number } };
  if (tt.name === 'CronDataIntervalTimetable' && t.cron) return t.cron.prev(logical);
  if (tt.name === 'DeltaDataIntervalTimetable' && t.delta?.kind === 'timedelta' && t.delta.seconds) {
    return logical - t.delta.seconds * 1000;
  }
  return null;
}
