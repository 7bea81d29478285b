// Airflow 2.10 `airflow dags backfill` (shared AIRFLOW.md §3.1), the part before tasks run:
// airflow/cli/commands/dag_command.py (_run_dag_backfill) and
// airflow/jobs/backfill_job_runner.py (BackfillJobRunner._execute, _get_dag_run).
// The job itself (batches, task states, retries) is the Simulation's BackfillJob runner.
import type { BackfillJob2, EngineContext, LoadedDag } from '../context.ts';
import type { DagRunRow } from '../metastore/rows.ts';
import { backfillInfos2, backfillRunFields } from '../timetables/index.ts';
import type { DagRunInfo } from '../timetables/types.ts';
import { AirflowError, AIRFLOW_EXCEPTION } from '../cli/errors.ts';
import { setDagRunState } from './state.ts';

/** What the job needs beyond BackfillJob2 (the contract in context.ts). */
export interface BackfillPlan2 extends BackfillJob2 {
  /** the dates to run, in order; run_ids[i] is the run of infos[i] (existing run_id or backfill__<date>) */
  infos: DagRunInfo[];
  /** --conf, parsed: new runs get it, reused runs have their conf replaced by it (or {}) */
  conf: Record<string, unknown> | null;
  /** -t/--task-regex (with upstream unless -i): the tasks the job runs; null = all */
  task_ids: string[] | null;
  /** BackfillJobRunner.bf_start_date: TIs of the run at this logical date ignore depends_on_past */
  start_date: number;
  /** -m/--mark-success: mark TIs success instead of running them */
  mark_success: boolean;
}

export type Backfill2Plan =
  | { kind: 'run'; plan: BackfillPlan2 }
  /** BackfillJobRunner._execute returned before running anything (exit 0), with these log lines */
  | { kind: 'nothing'; log: { level: 'INFO' | 'ERROR'; line: number; message: string }[] };

export interface Backfill2Request {
  dag: LoadedDag;
  start: number;
  end: number;
  run_backwards: boolean;
  rerun_failed_tasks: boolean;
  continue_on_failures: boolean;
  disable_retry: boolean;
  mark_success: boolean;
  conf: Record<string, unknown> | null;
  task_ids: string[] | null;
  /**
   * true (default, the BackfillJob2 contract): create or reuse every run now; new runs wait
   * `queued` (the 2.10 scheduler leaves backfill runs alone) until the job starts their batch.
   * false: create nothing; the job calls getDagRunForBackfill2 when it starts a run, as
   * BackfillJobRunner._get_dag_run does (runs appear batch by batch, running).
   */
  create_runs?: boolean;
}

/** "%Y-%m-%dT%H:%M:%S" of a UTC instant (run.execution_date.strftime in the refusal message). */
function strftime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * BackfillJobRunner._execute up to the first batch: the dates (forced catchup, -s aligned up,
 * -e inclusive, future dates kept), the -B check, "No run dates", and the refusal when a
 * non-backfill run in the range is RUNNING.
 */
export function planBackfill2(ctx: EngineContext, req: Backfill2Request): Backfill2Plan {
  const dag = req.dag;
  let infos = backfillInfos2(dag.timetable, req.start, req.end, { now: ctx.now });
  if (req.run_backwards) {
    const dop = dag.spec.tasks.filter((t) => t.depends_on_past || t.wait_for_downstream).map((t) => t.task_id);
    if (dop.length) {
      throw new AirflowError(AIRFLOW_EXCEPTION, `You cannot backfill backwards because one or more tasks depend_on_past: ${dop.join(',')}`);
    }
    infos = infos.reverse();
  }
  if (!infos.length) {
    return { kind: 'nothing', log: [{ level: 'INFO', line: 947, message: 'No run dates were found for the given dates and dag interval.' }] };
  }
  const running = ctx.db
    .runsOf(dag.spec.dag_id)
    .filter((r) => r.state === 'running' && r.run_type !== 'backfill' && r.logical_date !== null && r.logical_date >= req.start && r.logical_date <= req.end)
    .sort((a, b) => a.logical_date! - b.logical_date!);
  if (running.length) {
    return {
      kind: 'nothing',
      log: [
        ...running.map((r) => ({
          level: 'ERROR' as const,
          line: 962,
          message: `Backfill cannot be created for DagRun ${r.run_id} in ${strftime(r.logical_date!)}, as there's already ${r.run_type} in a RUNNING state.`,
        })),
        {
          level: 'ERROR',
          line: 969,
          message:
            'Changing DagRun into BACKFILL would cause scheduler to lose track of executing tasks. Not changing DagRun type into BACKFILL, ' +
            'and trying insert another DagRun into database would cause database constraint violation for dag_id + execution_date combination. ' +
            'Please adjust backfill dates or wait for this DagRun to finish.',
        },
      ],
    };
  }
  const run_ids = infos.map((info) => existingRunAt(ctx, dag.spec.dag_id, info.logical_date)?.run_id ?? backfillRunFields('2', info).run_id);
  const plan: BackfillPlan2 = {
    dag_id: dag.spec.dag_id,
    run_ids,
    rerun_failed_tasks: req.rerun_failed_tasks,
    continue_on_failures: req.continue_on_failures,
    disable_retry: req.disable_retry,
    max_active_runs: ctx.db.dags.get(dag.spec.dag_id)?.max_active_runs ?? dag.spec.max_active_runs ?? 16,
    infos,
    conf: req.conf,
    task_ids: req.task_ids,
    start_date: req.start,
    mark_success: req.mark_success,
  };
  if (req.create_runs !== false) createRunsUpfront(ctx, plan);
  return { kind: 'run', plan };
}

/**
 * Create or reuse every run of the plan now (the BackfillJob2 contract). A reused run becomes
 * run_type backfill with the job's conf; with --rerun-failed-tasks its failed/upstream_failed
 * TIs go to scheduled with try_number + 1 (BackfillJobRunner._per_task_process).
 */
function createRunsUpfront(ctx: EngineContext, plan: BackfillPlan2): void {
  const only = plan.task_ids ? new Set(plan.task_ids) : null;
  plan.infos.forEach((info) => {
    const existing = existingRunAt(ctx, plan.dag_id, info.logical_date);
    if (existing) {
      ctx.db.setRunType(existing, 'backfill');
      existing.conf = plan.conf ?? {};
      if (plan.rerun_failed_tasks) {
        for (const ti of ctx.db.tisOf(existing)) {
          if ((ti.state === 'failed' || ti.state === 'upstream_failed') && (!only || only.has(ti.task_id))) {
            ti.try_number += 1;
            ctx.db.setTIState(ti, 'scheduled');
          }
        }
      }
      return;
    }
    const fields = backfillRunFields('2', info);
    ctx.createDagRun({
      dag_id: plan.dag_id,
      run_id: fields.run_id,
      run_type: 'backfill',
      state: 'queued',
      logical_date: fields.logical_date,
      data_interval: fields.data_interval,
      run_after: fields.run_after,
      conf: plan.conf ?? {},
      triggered_by: 'backfill',
      external_trigger: false,
    });
  });
}

function existingRunAt(ctx: EngineContext, dag_id: string, logical: number): DagRunRow | undefined {
  return ctx.db.runsOf(dag_id).find((r) => r.logical_date === logical);
}

/** DAG.get_num_active_runs(external_trigger=False): RUNNING runs that were not triggered by hand. */
function activeNonManualRuns(ctx: EngineContext, dag_id: string): number {
  return ctx.db.runsOf(dag_id).filter((r) => r.state === 'running' && !r.external_trigger).length;
}

/**
 * BackfillJobRunner._get_dag_run for plan.infos[index], called by the job each time it looks for
 * work (once per pass over the remaining dates). Returns null when the DAG's max_active_runs
 * RUNNING non-manual runs (scheduled ones count too) already exist — unless the run at that date
 * is itself running. An existing run (any type) is reused: run_type becomes backfill, run_id kept,
 * conf replaced, start_date now, state running. Otherwise a new run is created running.
 */
export function getDagRunForBackfill2(ctx: EngineContext, plan: BackfillPlan2, index: number): DagRunRow | null {
  const info = plan.infos[index]!;
  const dag_id = plan.dag_id;
  const active = activeNonManualRuns(ctx, dag_id);
  let run = existingRunAt(ctx, dag_id, info.logical_date) ?? null;
  let respectLimit = !!ctx.loaded.get(dag_id)?.timetable.can_be_scheduled;
  if (run) {
    if (run.state === 'running') respectLimit = false;
    run.conf = plan.conf ?? {};
    run.start_date = ctx.now;
  }
  if (respectLimit && active >= plan.max_active_runs) return null;
  if (!run) {
    const fields = backfillRunFields('2', info);
    run = ctx.createDagRun({
      dag_id,
      run_id: fields.run_id,
      run_type: 'backfill',
      state: 'running',
      logical_date: fields.logical_date,
      data_interval: fields.data_interval,
      run_after: fields.run_after,
      conf: plan.conf ?? {},
      triggered_by: 'backfill',
      external_trigger: false,
    });
    run.start_date = ctx.now;
  }
  setDagRunState(ctx, run, 'running');
  ctx.db.setRunType(run, 'backfill');
  return run;
}
