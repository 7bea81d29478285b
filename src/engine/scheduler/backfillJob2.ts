// Airflow 2.10's BackfillJob (airflow/jobs/backfill_job_runner.py): `airflow dags backfill`
// runs the dates itself, in the CLI process; the scheduler does not look at its runs.
// - Runs go in batches of the DAG's max_active_runs, in the order given (-B reverses it).
// - TIs already success/skipped are not run again; failed/upstream_failed only with
//   --rerun-failed-tasks (the planner resets them); the first date ignores depends_on_past.
// - Without --continue-on-failures, a failure stops the job after its batch: later dates never run.
// - --disable-retry: a failure is final.
// Tasks share the simulated executor and pools with the scheduler (in Airflow the job
// starts its own executor of the configured kind; with Celery both use the same workers).
import type { BackfillJob2, CommandResult } from '../context.ts';
import type { DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { enqueueScheduled } from './queueing.ts';
import { passOverRun } from './runState.ts';

interface Job {
  spec: BackfillJob2;
  result: CommandResult;
  /** index of the next run to start */
  next: number;
  active: DagRunRow[];
  failedDates: string[];
  stopped: boolean;
}

export class BackfillJobs2 {
  private readonly jobs: Job[] = [];

  constructor(private readonly sim: Simulation) {}

  start(spec: BackfillJob2, result: CommandResult): void {
    result.pending = true;
    this.jobs.push({ spec, result, next: 0, active: [], failedDates: [], stopped: false });
    this.sim.message('backfill_job', 'metastore', 'backfill', `backfill of ${spec.dag_id}: ${spec.run_ids.length} run(s)`);
    this.sim.wakeScheduler();
  }

  /** The first date of a live job ignores depends_on_past. */
  ignoresDependsOnPast(run: DagRunRow): boolean {
    return this.jobs.some((j) => !j.stopped && j.spec.dag_id === run.dag_id && j.spec.run_ids[0] === run.run_id);
  }

  /** --disable-retry: failures in the job's runs are final. */
  disablesRetry(run: DagRunRow): boolean {
    return this.jobs.some((j) => !j.stopped && j.spec.disable_retry && j.active.includes(run));
  }

  /** One step of every live job; called from each scheduler loop. */
  tick(): void {
    for (const job of this.jobs) if (!job.stopped) this.step(job);
  }

  private step(job: Job): void {
    const { sim } = this;
    const dag = sim.loaded.get(job.spec.dag_id);
    if (!dag) return this.end(job, 1, `Dag ${job.spec.dag_id} could not be found`);
    for (const run of job.active) {
      if (run.state !== 'running') continue;
      const pass = passOverRun({
        db: sim.db,
        dag,
        run,
        now: sim.now,
        profile: sim.profile,
        ignoreDependsOnPast: run.run_id === job.spec.run_ids[0],
      });
      if (pass.wakeAt !== null) sim.wakeScheduler(pass.wakeAt);
      if (pass.changed) sim.wakeScheduler();
      if (pass.finished) {
        sim.db.setRunState(run, pass.finished);
        run.end_date = sim.now;
        if (pass.finished === 'failed') job.failedDates.push(run.run_id);
        sim.message('backfill_job', 'metastore', 'finish_dag_run', `${run.run_id}: ${pass.finished}`, run);
      }
    }
    const inBatch = new Set(job.active.filter((r) => r.state === 'running'));
    const q = enqueueScheduled({ db: sim.db, loaded: sim.loaded, config: sim.config, now: sim.now, examinable: (r) => inBatch.has(r) });
    for (const ti of q.queued) {
      sim.message('backfill_job', sim.executor.queueName, 'queue_task', `queue ${ti.task_id} (try ${ti.try_number})`, ti);
      sim.executor.submit(ti);
    }
    if (q.hitLoopLimit) sim.wakeScheduler();
    if (inBatch.size > 0) return;
    // the batch is done: stop on failure, else start the next one
    if (job.failedDates.length > 0 && !job.spec.continue_on_failures) return this.finishWithFailures(job);
    if (job.next >= job.spec.run_ids.length) {
      return job.failedDates.length ? this.finishWithFailures(job) : this.end(job, 0, `Backfill done for DAG <DAG: ${job.spec.dag_id}>. Exiting.`);
    }
    this.startBatch(job);
  }

  private startBatch(job: Job): void {
    const { sim } = this;
    const batch = job.spec.run_ids.slice(job.next, job.next + Math.max(1, job.spec.max_active_runs));
    job.next += batch.length;
    job.active = [];
    for (const run_id of batch) {
      const run = sim.db.getDagRun(job.spec.dag_id, run_id);
      if (!run) continue;
      sim.db.setRunState(run, 'running');
      run.start_date = sim.now;
      run.end_date = null;
      job.active.push(run);
      sim.message('backfill_job', 'metastore', 'start_dag_run', `run ${run.run_id} is now running`, run);
    }
    sim.wakeScheduler();
  }

  private finishWithFailures(job: Job): void {
    const lines = job.failedDates.map((id) => `DAG ID ${job.spec.dag_id}, run ${id}`);
    this.end(job, 1, `airflow.exceptions.BackfillUnfinished: Some task instances failed:\n${lines.join('\n')}`);
  }

  private end(job: Job, exit_code: number, text: string): void {
    job.stopped = true;
    job.result.pending = false;
    job.result.exit_code = exit_code;
    job.result.output = job.result.output ? `${job.result.output}\n${text}` : text;
    this.sim.message('backfill_job', 'cli', 'backfill_done', text.split('\n')[0]!);
  }
}
