// 2.10 `airflow dags backfill` up to the job: airflow/cli/commands/dag_command.py and
// airflow/jobs/backfill_job_runner.py (2.10.3), tests/cli/commands/test_dag_command.py and
// tests/jobs/test_backfill_job.py (shared AIRFLOW.md §3.1).
import { describe, expect, it } from 'vitest';
import { AirflowError } from '../cli/errors.ts';
import { runCommand } from '../cli/run.ts';
import { FakeContext } from '../cli/testkit.ts';
import { getDagRunForBackfill2, planBackfill2, type Backfill2Request, type BackfillPlan2 } from './backfill2.ts';

const NOW = Date.UTC(2024, 5, 10, 12);
const day = (d: number) => Date.UTC(2024, 5, d);

function setup(opts: { max_active_runs?: number; depends_on_past?: boolean } = {}) {
  const ctx = new FakeContext('2', NOW);
  const dag = ctx.addDag({
    dag_id: 'etl',
    max_active_runs: opts.max_active_runs ?? 16,
    tasks: [{ task_id: 'extract', depends_on_past: opts.depends_on_past ?? false }, { task_id: 'load', upstream: ['extract'] }],
  });
  const req = (over: Partial<Backfill2Request> = {}): Backfill2Request => ({
    dag,
    start: day(1),
    end: day(3),
    run_backwards: false,
    rerun_failed_tasks: false,
    continue_on_failures: false,
    disable_retry: false,
    mark_success: false,
    conf: null,
    task_ids: null,
    ...over,
  });
  return { ctx, dag, req };
}

function scheduledRun(ctx: FakeContext, d: number, state: 'running' | 'success' | 'failed') {
  const run = ctx.createDagRun({
    dag_id: 'etl',
    run_id: `scheduled__${new Date(d).toISOString().slice(0, 19)}+00:00`,
    run_type: 'scheduled',
    state: 'running',
    logical_date: d,
    data_interval: { start: d, end: d + 86_400_000 },
    run_after: d + 86_400_000,
    triggered_by: 'timetable',
  });
  if (state !== 'running') ctx.db.setRunState(run, state);
  return run;
}

describe('planning', () => {
  it('runs every date from -s to -e, keeping existing run_ids and naming new ones backfill__<logical date>', () => {
    const { ctx, req } = setup({ max_active_runs: 2 });
    scheduledRun(ctx, day(2), 'failed');
    const p = planBackfill2(ctx, req());
    expect(p.kind).toBe('run');
    const plan = (p as { plan: BackfillPlan2 }).plan;
    expect(plan.run_ids).toEqual([
      'backfill__2024-06-01T00:00:00+00:00',
      'scheduled__2024-06-02T00:00:00+00:00',
      'backfill__2024-06-03T00:00:00+00:00',
    ]);
    expect(plan).toMatchObject({ dag_id: 'etl', max_active_runs: 2, start_date: day(1), rerun_failed_tasks: false });
    // the BackfillJob2 contract: every run exists; new ones wait queued, reused ones become backfill runs
    expect(plan.run_ids.map((id) => ctx.db.getDagRun('etl', id)!.state)).toEqual(['queued', 'failed', 'queued']);
    expect(plan.run_ids.map((id) => ctx.db.getDagRun('etl', id)!.run_type)).toEqual(['backfill', 'backfill', 'backfill']);
  });

  it('--rerun-failed-tasks sends failed and upstream_failed TIs of reused runs back to scheduled, try + 1', () => {
    const { ctx, req } = setup();
    const old = scheduledRun(ctx, day(2), 'failed');
    const [extract, load] = ctx.db.tisOf(old);
    ctx.db.setTIState(extract!, 'failed');
    extract!.try_number = 1;
    ctx.db.setTIState(load!, 'upstream_failed');
    planBackfill2(ctx, req({ rerun_failed_tasks: true }));
    expect([extract!.state, extract!.try_number, load!.state, load!.try_number]).toEqual(['scheduled', 2, 'scheduled', 1]);
  });

  it('with create_runs=false nothing is created until the job asks', () => {
    const { ctx, req } = setup();
    planBackfill2(ctx, req({ create_runs: false }));
    expect(ctx.db.dagRuns).toHaveLength(0);
  });

  it('-B runs latest first, and refuses a DAG with depends_on_past (test_backfill_job.py)', () => {
    const { ctx, req } = setup();
    const p = planBackfill2(ctx, req({ run_backwards: true }));
    expect((p as { plan: BackfillPlan2 }).plan.run_ids[0]).toBe('backfill__2024-06-03T00:00:00+00:00');
    const dop = setup({ depends_on_past: true });
    expect(() => planBackfill2(dop.ctx, dop.req({ run_backwards: true }))).toThrow(
      new AirflowError('airflow.exceptions.AirflowException', 'You cannot backfill backwards because one or more tasks depend_on_past: extract'),
    );
  });

  it('refuses when a non-backfill run in the range is RUNNING (_execute), without changing anything', () => {
    const { ctx, req } = setup();
    scheduledRun(ctx, day(2), 'running');
    const p = planBackfill2(ctx, req());
    expect(p.kind).toBe('nothing');
    const log = (p as { log: { message: string }[] }).log;
    expect(log[0]!.message).toBe(
      "Backfill cannot be created for DagRun scheduled__2024-06-02T00:00:00+00:00 in 2024-06-02T00:00:00, as there's already scheduled in a RUNNING state.",
    );
    expect(log).toHaveLength(2);
    // a queued run does not count: only RUNNING ones
    const q = setup();
    const run = scheduledRun(q.ctx, day(2), 'running');
    q.ctx.db.setRunState(run, 'queued');
    expect(planBackfill2(q.ctx, q.req()).kind).toBe('run');
  });
});

describe('the runs the job gets (BackfillJobRunner._get_dag_run)', () => {
  it('creates a new run in state running, run_type backfill', () => {
    const { ctx, req } = setup();
    const plan = (planBackfill2(ctx, req({ conf: { a: 1 }, create_runs: false })) as { plan: BackfillPlan2 }).plan;
    const run = getDagRunForBackfill2(ctx, plan, 0)!;
    expect(run).toMatchObject({ run_id: 'backfill__2024-06-01T00:00:00+00:00', run_type: 'backfill', state: 'running', start_date: NOW, conf: { a: 1 }, external_trigger: false });
    expect(ctx.db.tisOf(run)).toHaveLength(2);
  });

  it('reuses an existing run: run_id kept, run_type backfill, conf replaced, running again', () => {
    const { ctx, req } = setup();
    const old = scheduledRun(ctx, day(2), 'failed');
    old.conf = { old: true };
    const plan = (planBackfill2(ctx, req({ create_runs: false })) as { plan: BackfillPlan2 }).plan;
    expect(getDagRunForBackfill2(ctx, plan, 1)).toBe(old);
    expect(old).toMatchObject({ run_id: 'scheduled__2024-06-02T00:00:00+00:00', run_type: 'backfill', state: 'running', conf: {}, start_date: NOW });
  });

  it('returns null while max_active_runs RUNNING non-manual runs exist (scheduled ones count)', () => {
    const { ctx, req } = setup({ max_active_runs: 1 });
    scheduledRun(ctx, day(9), 'running');
    const plan = (planBackfill2(ctx, req({ create_runs: false })) as { plan: BackfillPlan2 }).plan;
    expect(getDagRunForBackfill2(ctx, plan, 0)).toBeNull();
    ctx.db.setRunState(ctx.db.dagRuns[0]!, 'success');
    expect(getDagRunForBackfill2(ctx, plan, 0)!.state).toBe('running');
    expect(getDagRunForBackfill2(ctx, plan, 1)).toBeNull();
  });
});

describe('airflow dags backfill (dag_command.dag_backfill)', () => {
  it('needs a date (test_backfill_fails_without_start_date)', () => {
    const { ctx } = setup();
    expect(runCommand(ctx, 'airflow dags backfill etl')).toEqual({
      exit_code: 1,
      output: 'airflow.exceptions.AirflowException: Provide a start_date and/or end_date',
    });
  });

  it('-n prints a dry run (test_backfill_dag dry run lines)', () => {
    const { ctx } = setup();
    expect(runCommand(ctx, 'airflow dags backfill etl -s 2024-06-01 -e 2024-06-02 -n').output).toBe(
      [
        'Dry run of DAG etl on 2024-06-01 00:00:00+00:00',
        'Task extract located in DAG etl',
        'Task load located in DAG etl',
        'Task extract located in DAG etl',
        'Task load located in DAG etl',
      ].join('\n'),
    );
  });

  it('hands the job to the simulation and stays pending; -s alone is also the end date', () => {
    const { ctx } = setup();
    const r = runCommand(ctx, 'airflow dags backfill etl -s 2024-06-01 --rerun-failed-tasks --continue-on-failures -t ^load$');
    expect(r).toEqual({ exit_code: 0, output: '', pending: true });
    expect(ctx.backfillJobs).toHaveLength(1);
    const job = ctx.backfillJobs[0]!.job as BackfillPlan2;
    expect(job).toMatchObject({ run_ids: ['backfill__2024-06-01T00:00:00+00:00'], rerun_failed_tasks: true, continue_on_failures: true });
    expect(job.task_ids!.sort()).toEqual(['extract', 'load']);
    expect(ctx.db.log.at(-1)!.event).toBe('cli_dag_backfill');
  });

  it('prints the refusal as BackfillJobRunner logs it and exits 0', () => {
    const { ctx } = setup();
    scheduledRun(ctx, day(2), 'running');
    const lines = runCommand(ctx, 'airflow dags backfill etl -s 2024-06-01 -e 2024-06-03').output.split('\n');
    expect(lines[0]).toBe(
      "[2024-06-10T12:00:00.000+0000] {backfill_job_runner.py:962} ERROR - Backfill cannot be created for DagRun scheduled__2024-06-02T00:00:00+00:00 in 2024-06-02T00:00:00, as there's already scheduled in a RUNNING state.",
    );
    expect(lines[1]).toMatch(/^\[2024-06-10T12:00:00\.000\+0000\] \{backfill_job_runner\.py:969\} ERROR - Changing DagRun into BACKFILL would cause/);
    expect(ctx.backfillJobs).toHaveLength(0);
  });

  it('--reset-dagruns clears the range first (DAG.clear_dags)', () => {
    const { ctx } = setup();
    const old = scheduledRun(ctx, day(2), 'success');
    const r = runCommand(ctx, 'airflow dags backfill etl -s 2024-06-01 -e 2024-06-03 --reset-dagruns -y');
    expect(r.pending).toBe(true);
    expect(old.state).toBe('queued');
    expect(old.clear_number).toBe(1);
  });

  it('a task regex that matches nothing stops the command', () => {
    const { ctx } = setup();
    expect(runCommand(ctx, 'airflow dags backfill etl -s 2024-06-01 -t nope').output).toBe(
      "airflow.exceptions.AirflowException: There are no tasks that match 'nope' regex. Nothing to run, exiting...",
    );
  });
});
