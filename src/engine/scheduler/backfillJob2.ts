// Airflow 2.10's BackfillJob (airflow/jobs/backfill_job_runner.py): `airflow dags backfill`
// runs the dates itself, in the CLI process; the scheduler does not look at its runs.
// - Each pass takes the remaining dates and starts a run for each while fewer than the DAG's
//   max_active_runs non-manual runs are running (_get_dag_run; actions/backfill2.ts), then
//   runs those runs to the end (_process_backfill_task_instances).
// - TIs already success/skipped are not run again; failed/upstream_failed only with
//   --rerun-failed-tasks (scheduled again, try_number + 1); the first date ignores depends_on_past.
// - After a pass, failures end the command with BackfillUnfinished, unless
//   --continue-on-failures; then later dates are never run. --disable-retry: failures are final.
// Tasks share the simulated executor and pools with the scheduler (in Airflow the job
// starts its own executor of the configured kind; with Celery both use the same workers).
import { getDagRunForBackfill2, type BackfillPlan2 } from '../actions/backfill2.ts';
import { logLine2 } from '../cli/commands/backfill.ts';
import { renderPlain } from '../cli/output/plain.ts';
import type { BackfillJob2, CommandResult } from '../context.ts';
import type { DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { enqueueScheduled } from './queueing.ts';
import { passOverRun } from './runState.ts';

interface Job {
  plan: BackfillPlan2;
  result: CommandResult;
  /** indexes of plan.infos whose run has finished */
  executed: Set<number>;
  /** runs of the current pass, by index */
  active: Map<number, DagRunRow>;
  /** (dag_id, task_id, run_id, try_number) of failed task instances */
  failed: [string, string, string, number][];
  stopped: boolean;
}

export class BackfillJobs2 {
  private readonly jobs: Job[] = [];

  constructor(private readonly sim: Simulation) {}

  start(spec: BackfillJob2, result: CommandResult): void {
    const plan = spec as BackfillPlan2;
    result.pending = true;
    this.jobs.push({ plan, result, executed: new Set(), active: new Map(), failed: [], stopped: false });
    this.sim.message('backfill_job', 'metastore', 'backfill', `backfill of ${plan.dag_id}: ${plan.infos.length} date(s)`);
    this.sim.wakeScheduler();
  }

  /** The job's first date ignores depends_on_past (ignore_first_depends_on_past, always on). */
  ignoresDependsOnPast(run: DagRunRow): boolean {
    return this.jobs.some((j) => !j.stopped && j.plan.dag_id === run.dag_id && run.logical_date === j.plan.start_date);
  }

  /** --disable-retry: failures in the job's runs are final. */
  disablesRetry(run: DagRunRow): boolean {
    return this.jobs.some((j) => !j.stopped && j.plan.disable_retry && [...j.active.values()].includes(run));
  }

  /** Where a run stands in a live job (read-only, for "why is this not running?"): run in the
   *  current pass, waiting for a later pass, or not a live job's run (null). */
  jobRunState(run: DagRunRow): 'active' | 'waiting' | null {
    for (const job of this.jobs) {
      if (job.stopped || job.plan.dag_id !== run.dag_id) continue;
      if ([...job.active.values()].includes(run)) return 'active';
      if (job.plan.run_ids.includes(run.run_id) || job.plan.infos.some((i) => i.logical_date === run.logical_date)) return 'waiting';
    }
    return null;
  }

  /** One step of every live job; called from each scheduler loop. */
  tick(): void {
    for (const job of this.jobs) if (!job.stopped) this.step(job);
  }

  private step(job: Job): void {
    const { sim } = this;
    const dag = sim.loaded.get(job.plan.dag_id);
    if (!dag) return this.end(job, 1, `airflow.exceptions.DagNotFound: Dag ${job.plan.dag_id} could not be found`);
    for (const [i, run] of job.active) {
      const pass = passOverRun({ db: sim.db, dag, run, now: sim.now, profile: sim.profile, ignoreDependsOnPast: this.ignoresDependsOnPast(run) });
      if (pass.wakeAt !== null) sim.wakeScheduler(pass.wakeAt);
      if (pass.changed) sim.wakeScheduler();
      if (!pass.finished) continue;
      sim.db.setRunState(run, pass.finished);
      run.end_date = sim.now;
      for (const ti of sim.db.tisOf(run)) if (ti.state === 'failed') job.failed.push([ti.dag_id, ti.task_id, ti.run_id, ti.try_number]);
      sim.message('backfill_job', 'metastore', 'finish_dag_run', `${run.run_id}: ${pass.finished}`, run);
      job.active.delete(i);
      job.executed.add(i);
    }
    const live = new Set(job.active.values());
    const q = enqueueScheduled({ db: sim.db, loaded: sim.loaded, config: sim.config, now: sim.now, examinable: (r) => live.has(r) });
    for (const ti of q.queued) {
      sim.message('backfill_job', sim.executor.queueName, 'queue_task', `queue ${ti.task_id} (try ${ti.try_number})`, ti);
      sim.executor.submit(ti);
    }
    if (q.hitLoopLimit) sim.wakeScheduler();
    if (job.active.size > 0) return;
    // a pass is over
    if (job.failed.length > 0 && !job.plan.continue_on_failures) return this.unfinished(job);
    if (job.executed.size === job.plan.infos.length) {
      return this.end(job, 0, logLine2(sim.now, 'backfill_job_runner.py', 1040, 'INFO', `Backfill done for DAG <DAG: ${job.plan.dag_id}>. Exiting.`));
    }
    this.startPass(job);
  }

  /** _execute_dagruns: a run for each remaining date while max_active_runs allows. */
  private startPass(job: Job): void {
    const { sim } = this;
    for (let i = 0; i < job.plan.infos.length; i++) {
      if (job.executed.has(i) || job.active.has(i)) continue;
      const run = getDagRunForBackfill2(sim, job.plan, i);
      if (!run) continue;
      job.active.set(i, run);
      if (job.plan.rerun_failed_tasks) this.rerunFailed(run);
      sim.message('backfill_job', 'metastore', 'start_dag_run', `run ${run.run_id} is now running`, run);
    }
    // nothing could start: other runs hold max_active_runs; the next scheduler loop tries again
    if (job.active.size > 0) sim.wakeScheduler();
  }

  /** --rerun-failed-tasks: failed and upstream_failed TIs are scheduled again with try_number + 1. */
  private rerunFailed(run: DagRunRow): void {
    for (const ti of this.sim.db.tisOf(run)) {
      if (ti.state !== 'failed' && ti.state !== 'upstream_failed') continue;
      this.sim.db.archiveTry(ti);
      ti.try_number += 1;
      this.sim.db.setTIState(ti, 'scheduled');
    }
  }

  /** _collect_errors + BackfillUnfinished: "Some task instances failed:" and a tabulate table. */
  private unfinished(job: Job): void {
    const rows = [...job.failed]
      .sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[3] - b[3]))
      .map(([d, t, r, n]) => [d, t, r, String(n)]);
    const table = renderPlain(['DAG ID', 'Task ID', 'Run ID', 'Try number'], rows, 'simple');
    this.end(job, 1, `airflow.exceptions.BackfillUnfinished: Some task instances failed:\n${table.join('\n')}`);
  }

  private end(job: Job, exit_code: number, text: string): void {
    job.stopped = true;
    job.result.pending = false;
    job.result.exit_code = exit_code;
    job.result.output = job.result.output ? `${job.result.output}\n${text}` : text;
    this.sim.message('backfill_job', 'cli', 'backfill_done', text.split('\n')[0]!);
  }
}
