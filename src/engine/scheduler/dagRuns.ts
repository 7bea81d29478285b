// Dag runs: creating them with their task instances, DagModel's next_dagrun
// fields, and moving queued runs to running within max_active_runs.
// Airflow: models/dagrun.py (verify_integrity, get_queued_dag_runs_to_set_running),
// models/dag.py (calculate_dagrun_date_fields), jobs/scheduler_job_runner.py
// (_create_dag_runs, _start_queued_dagruns, _should_update_dag_next_dagruns).
import type { LoadedDag, NewDagRun } from '../context.ts';
import type { Metastore } from '../metastore/metastore.ts';
import type { BackfillRow, DagRunRow, DagRow } from '../metastore/rows.ts';
import type { DataInterval } from '../timetables/types.ts';

/** Runs the scheduler's max_active_runs counts: queued + running, and in 3.x not backfill runs. */
export function activeRunCount(db: Metastore, dag_id: string, profile: '2' | '3'): number {
  let n = 0;
  for (const r of db.unfinishedRunsOf(dag_id)) if (!(profile === '3' && r.run_type === 'backfill')) n++;
  return n;
}

/** The data interval of the latest automated run (scheduled or backfill, by logical date). */
export function lastAutomatedInterval(db: Metastore, dag_id: string): DataInterval | null {
  const best = db.latestAutomatedRun(dag_id);
  return best ? { start: best.data_interval_start!, end: best.data_interval_end! } : null;
}

/**
 * DagModel.calculate_dagrun_date_fields: the next automated run, as of `at`.
 * When the DAG already has max_active_runs active runs, no run may be created
 * (2.10 clears next_dagrun_create_after; 3.x sets exceeds_max_non_backfill).
 */
export function computeNextDagRun(
  db: Metastore,
  dag: LoadedDag,
  row: DagRow,
  at: number,
  profile: '2' | '3',
  last: DataInterval | null = lastAutomatedInterval(db, row.dag_id),
): void {
  const info = dag.timetable.next_dagrun_info(last, dag.restriction, at);
  row.next_dagrun = info ? info.logical_date : null;
  row.next_dagrun_data_interval_start = info ? info.data_interval.start : null;
  row.next_dagrun_data_interval_end = info ? info.data_interval.end : null;
  row.next_dagrun_create_after = info ? info.run_after : null;
  const limit = Math.min(row.max_active_runs, dag.timetable.active_runs_limit ?? Infinity);
  if (info && activeRunCount(db, row.dag_id, profile) >= limit) row.next_dagrun_create_after = null;
}

/** DagRun.verify_integrity: one TI per task whose start/end dates admit the run. */
export function createRunWithTasks(db: Metastore, dag: LoadedDag, args: NewDagRun, now: number): DagRunRow {
  const run = db.addDagRun({
    dag_id: args.dag_id,
    run_id: args.run_id,
    run_type: args.run_type,
    state: args.state,
    logical_date: args.logical_date,
    data_interval_start: args.data_interval?.start ?? null,
    data_interval_end: args.data_interval?.end ?? null,
    run_after: args.run_after,
    queued_at: args.state === 'queued' ? now : null,
    start_date: args.state === 'running' ? now : null,
    end_date: null,
    clear_number: 0,
    conf: args.conf ?? {},
    backfill_id: args.backfill_id ?? null,
    external_trigger: args.external_trigger ?? args.run_type === 'manual',
    triggered_by: args.triggered_by,
    sort_ordinal: args.sort_ordinal ?? null,
  });
  for (const task of dag.spec.tasks) {
    if (!taskAdmitsRun(task, run)) continue;
    db.addTaskInstance({
      dag_id: run.dag_id,
      run_id: run.run_id,
      task_id: task.task_id,
      map_index: -1,
      state: null,
      try_number: 0,
      max_tries: task.retries,
      pool: task.pool,
      pool_slots: task.pool_slots,
      priority_weight: dag.priorities.get(task.task_id) ?? task.priority_weight,
      queue: task.queue,
      operator: task.operator,
      hostname: null,
      queued_dttm: null,
      start_date: null,
      end_date: null,
      duration: null,
      next_retry_at: null,
      reschedule_at: null,
      rendered_fields: null,
      first_poke_at: null,
    });
  }
  return run;
}

/** 2.10 verify_integrity task_filter: backfills take every task; otherwise the task's
 *  start_date/end_date must admit the run's logical date. */
function taskAdmitsRun(task: LoadedDag['spec']['tasks'][number], run: DagRunRow): boolean {
  if (run.run_type === 'backfill' || run.logical_date === null) return true;
  if (task.start_date && task.start_date.epoch_ms > run.logical_date) return false;
  if (task.end_date && task.end_date.epoch_ms < run.logical_date) return false;
  return true;
}

/**
 * _start_queued_dagruns: queued runs become running while fewer than the limit
 * are running. The limit is the DAG's max_active_runs, or for a 3.x backfill run
 * the backfill's own max_active_runs, counted per (dag, backfill). Backfill runs
 * go after the others, in sort_ordinal order; then by run_after.
 */
export function startQueuedRuns(
  db: Metastore,
  now: number,
  onStart: (run: DagRunRow) => void,
  examinable: (run: DagRunRow) => boolean,
): void {
  const queued = [...db.queuedRuns].filter((r) => examinable(r));
  if (queued.length === 0) return;
  queued.sort(
    (a, b) => (a.sort_ordinal ?? -1) - (b.sort_ordinal ?? -1) || a.run_after - b.run_after || a.id - b.id,
  );
  const running = new Map<string, number>();
  for (const r of db.unfinishedRuns) {
    if (r.state === 'running') running.set(runGroup(r), (running.get(runGroup(r)) ?? 0) + 1);
  }
  for (const run of queued) {
    const { limit, backfill } = queuedRunLimit(db, run);
    if (backfill?.is_paused) continue;
    const n = running.get(runGroup(run)) ?? 0;
    if (n >= limit) continue;
    running.set(runGroup(run), n + 1);
    db.setRunState(run, 'running');
    run.start_date = now;
    onStart(run);
  }
}

/** The runs that share a max_active_runs budget: a DAG's own runs, or one 3.x backfill's runs. */
const runGroup = (r: DagRunRow) => `${r.dag_id}\u0000${r.backfill_id ?? -1}`;

/** The max_active_runs a queued run waits on: its backfill's (3.x) or its DAG's. */
export function queuedRunLimit(db: Metastore, run: DagRunRow): { limit: number; backfill: BackfillRow | undefined } {
  const backfill = run.backfill_id !== null ? db.backfills.find((b) => b.id === run.backfill_id) : undefined;
  return { limit: backfill ? backfill.max_active_runs : db.dags.get(run.dag_id)!.max_active_runs, backfill };
}

/** How many runs of the same budget as `run` are running (what _start_queued_dagruns counts). */
export function runningInGroup(db: Metastore, run: DagRunRow): number {
  let n = 0;
  for (const r of db.unfinishedRunsOf(run.dag_id)) if (r.state === 'running' && runGroup(r) === runGroup(run)) n++;
  return n;
}
