// Airflow 3.x `airflow backfill create` (shared AIRFLOW.md §3.2), after
// airflow-core/src/airflow/models/backfill.py (_create_backfill, _validate_backfill_params,
// _get_info_list, _create_backfill_dag_run_non_partitioned, _handle_clear_run, _do_dry_run).
// It creates a Backfill row and, at once, one queued DagRun per date; the scheduler then runs
// at most backfill.max_active_runs of them at a time, in sort_ordinal order.
import type { EngineContext, LoadedDag } from '../context.ts';
import type { BackfillRow, DagRunRow } from '../metastore/rows.ts';
import { backfillInfos3, backfillRunFields, checkBackfill3 } from '../timetables/index.ts';
import type { DagRunInfo } from '../timetables/types.ts';
import { AirflowError } from '../cli/errors.ts';
import { pyIsoformat } from '../cli/pyfmt.ts';
import { clearTaskInstances, findTaskInstances } from './clear.ts';

export type ReprocessBehavior = 'none' | 'failed' | 'completed';

export interface Backfill3Request {
  dag_id: string;
  from_date: number;
  to_date: number;
  /** --run-backwards */
  reverse: boolean;
  /** --reprocess-behavior; null: not given (the Backfill row stores "none") */
  reprocess_behavior: ReprocessBehavior | null;
  /** --max-active-runs; null: not given (the column default, 10) */
  max_active_runs: number | null;
  /** --dag-run-conf, parsed */
  dag_run_conf: Record<string, unknown> | null;
}

/** BackfillDagRunExceptionReason: why a date got no run. */
export type SkipReason = 'in flight' | 'already exists';

export interface Backfill3Result {
  backfill: BackfillRow;
  /** runs created or cleared for the backfill, in sort_ordinal order */
  runs: DagRunRow[];
  /** dates skipped (BackfillDagRun rows with an exception_reason) */
  skipped: { logical_date: number; reason: SkipReason; sort_ordinal: number }[];
}

const BACKFILL = 'airflow.models.backfill';
const DEFAULT_MAX_ACTIVE_RUNS = 10;

function refuse(cls: string, message: string): never {
  throw new AirflowError(cls, message);
}

function dependsOnPast(dag: LoadedDag): boolean {
  return dag.spec.tasks.some((t) => t.depends_on_past || t.wait_for_downstream);
}

/** _get_latest_dag_run_row_query: the run at the logical date, never-started first, then latest start_date. */
function latestRunAt(ctx: EngineContext, dag_id: string, logical: number): DagRunRow | null {
  let best: DagRunRow | null = null;
  for (const r of ctx.db.runsOf(dag_id)) {
    if (r.logical_date !== logical) continue;
    if (!best) best = r;
    else if (best.start_date === null) continue;
    else if (r.start_date === null || r.start_date > best.start_date) best = r;
  }
  return best;
}

/** _get_dag_run_no_create_reason */
export function noCreateReason(run: DagRunRow, reprocess: ReprocessBehavior): SkipReason | null {
  if (run.state !== 'success' && run.state !== 'failed') return 'in flight';
  if (reprocess === 'none') return 'already exists';
  if (reprocess === 'failed' && run.state !== 'failed') return 'already exists';
  return null;
}

function loadedDag(ctx: EngineContext, dag_id: string, message: string): LoadedDag {
  const dag = ctx.loaded.get(dag_id);
  if (!dag) refuse('airflow.exceptions.DagNotFound', message);
  return dag;
}

/** The checks of _create_backfill / _validate_backfill_params, in Airflow's order. */
function validate(ctx: EngineContext, dag: LoadedDag, req: Backfill3Request, checkActive: boolean): void {
  const refusal = checkBackfill3(req.dag_id, dag.timetable, req.from_date, req.to_date, ctx.now, (ms) => pyIsoformat(ms));
  if (refusal?.type === 'DagNonPeriodicScheduleException') refuse(`${BACKFILL}.${refusal.type}`, refusal.message);
  if (checkActive && ctx.db.backfills.some((b) => b.dag_id === req.dag_id && b.completed_at === null)) {
    refuse(
      `${BACKFILL}.AlreadyRunningBackfill`,
      `Another backfill is running for Dag ${req.dag_id}. There can be only one running backfill per Dag.`,
    );
  }
  if (refusal) refuse(`${BACKFILL}.${refusal.type}`, refusal.message);
  if (dependsOnPast(dag)) {
    if (req.reverse) {
      refuse(
        `${BACKFILL}.InvalidBackfillDirection`,
        'Backfill cannot be run in reverse when the Dag has tasks where depends_on_past=True or depends_on_previous_tasks is set.',
      );
    }
    if (req.reprocess_behavior === null || req.reprocess_behavior === 'none') {
      refuse(
        `${BACKFILL}.InvalidReprocessBehavior`,
        'Dag has tasks for which depends_on_past=True or depends_on_previous_tasks is set. ' +
          'You must set reprocess behavior to reprocess completed or reprocess failed.',
      );
    }
  }
}

/** _do_dry_run: the logical dates a backfill would create or reprocess (in-flight and kept runs left out). */
export function dryRunBackfill3(ctx: EngineContext, req: Backfill3Request): DagRunInfo[] {
  const dag = loadedDag(ctx, req.dag_id, `Could not find Dag ${req.dag_id}`);
  validate(ctx, dag, req, false);
  const reprocess = req.reprocess_behavior ?? 'none';
  return backfillInfos3(dag.timetable, req.from_date, req.to_date, ctx.now, req.reverse).filter((info) => {
    const run = latestRunAt(ctx, req.dag_id, info.logical_date);
    return !run || noCreateReason(run, reprocess) === null;
  });
}

/**
 * _create_backfill. The Backfill row is written before the dates are computed, so an empty
 * range fails with RuntimeError("No runs to create for Dag x") and leaves that row behind.
 */
export function createBackfill3(ctx: EngineContext, req: Backfill3Request): Backfill3Result {
  const dag = loadedDag(ctx, req.dag_id, `Could not find dag ${req.dag_id}`);
  validate(ctx, dag, req, true);
  const reprocess = req.reprocess_behavior ?? 'none';
  const backfill = ctx.db.addBackfill({
    dag_id: req.dag_id,
    from_date: req.from_date,
    to_date: req.to_date,
    dag_run_conf: req.dag_run_conf ?? {},
    is_paused: false,
    reprocess_behavior: reprocess,
    max_active_runs: req.max_active_runs ?? DEFAULT_MAX_ACTIVE_RUNS,
    run_backwards: req.reverse,
    created_at: ctx.now,
    completed_at: null,
    updated_at: ctx.now,
  });
  const infos = backfillInfos3(dag.timetable, req.from_date, req.to_date, ctx.now, req.reverse);
  if (!infos.length) refuse('RuntimeError', `No runs to create for Dag ${req.dag_id}`);
  const result: Backfill3Result = { backfill, runs: [], skipped: [] };
  infos.forEach((info, i) => {
    const sort_ordinal = i + 1;
    const existing = latestRunAt(ctx, req.dag_id, info.logical_date);
    if (existing) {
      const reason = noCreateReason(existing, reprocess);
      if (reason) result.skipped.push({ logical_date: info.logical_date, reason, sort_ordinal });
      else result.runs.push(reprocessRun(ctx, existing, backfill, sort_ordinal, req.dag_run_conf));
      return;
    }
    const fields = backfillRunFields('3', info);
    if (ctx.db.getDagRun(req.dag_id, fields.run_id)) {
      // IntegrityError on the run_id: recorded as in flight
      result.skipped.push({ logical_date: info.logical_date, reason: 'in flight', sort_ordinal });
      return;
    }
    const run = ctx.createDagRun({
      dag_id: req.dag_id,
      run_id: fields.run_id,
      run_type: 'backfill',
      state: 'queued',
      logical_date: fields.logical_date,
      data_interval: fields.data_interval,
      run_after: fields.run_after,
      conf: req.dag_run_conf ?? {},
      backfill_id: backfill.id,
      sort_ordinal,
      triggered_by: 'backfill',
      external_trigger: false,
    });
    // dag.create_dagrun(..., state=QUEUED, start_date=timezone.utcnow())
    run.start_date = ctx.now;
    result.runs.push(run);
  });
  ctx.wakeScheduler();
  return result;
}

/** _handle_clear_run: clear the run in place; it joins the backfill, keeping its run_id. */
function reprocessRun(ctx: EngineContext, run: DagRunRow, backfill: BackfillRow, sort_ordinal: number, conf: Record<string, unknown> | null): DagRunRow {
  clearTaskInstances(ctx, findTaskInstances(ctx, run.dag_id, { run_id: run.run_id }), { dag_run_state: 'queued' });
  for (const r of ctx.db.runsOf(run.dag_id)) {
    if (r.logical_date !== run.logical_date) continue;
    r.backfill_id = backfill.id;
    ctx.db.setRunType(r, 'backfill');
    r.triggered_by = 'backfill';
    if (conf !== null) r.conf = conf;
  }
  run.sort_ordinal = sort_ordinal;
  return run;
}
