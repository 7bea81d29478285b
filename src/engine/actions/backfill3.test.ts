// 3.x backfill create, against airflow-core/tests/unit/models/test_backfill.py and
// airflow-core/src/airflow/models/backfill.py (shared AIRFLOW.md §3.2).
import { describe, expect, it } from 'vitest';
import { AirflowError } from '../cli/errors.ts';
import { runCommand } from '../cli/run.ts';
import { FakeContext } from '../cli/testkit.ts';
import { createBackfill3, dryRunBackfill3, type Backfill3Request, type ReprocessBehavior } from './backfill3.ts';

const NOW = Date.UTC(2021, 1, 1);
const day = (d: number) => Date.UTC(2021, 0, d);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function req(over: Partial<Backfill3Request> = {}): Backfill3Request {
  return { dag_id: 'd', from_date: day(1), to_date: day(5), reverse: false, reprocess_behavior: null, max_active_runs: null, dag_run_conf: null, ...over };
}

function existing(ctx: FakeContext, dag_id: string, date: number, state: 'success' | 'failed' | 'running', start: number) {
  const run = ctx.createDagRun({
    dag_id,
    run_id: `scheduled_${ymd(date)}`,
    run_type: 'scheduled',
    state: state === 'running' ? 'running' : 'running',
    logical_date: date,
    data_interval: { start: date, end: date },
    run_after: date,
    triggered_by: 'timetable',
  });
  if (state !== 'running') ctx.db.setRunState(run, state);
  run.start_date = start;
  for (const ti of ctx.db.tisOf(run)) ctx.db.setTIState(ti, state);
  return run;
}

describe('test_reprocess_behavior: which dates get a run', () => {
  const cases: [ReprocessBehavior, number, Record<string, string>][] = [
    ['none', 4, { '2021-01-05': 'already exists', '2021-01-06': 'already exists', '2021-01-07': 'in flight' }],
    ['failed', 5, { '2021-01-05': 'already exists', '2021-01-07': 'in flight' }],
    ['completed', 6, { '2021-01-07': 'in flight' }],
  ];
  for (const [behavior, numInB, reasons] of cases) {
    it(`reprocess_behavior=${behavior}`, () => {
      const ctx = new FakeContext('3', NOW);
      ctx.addDag({ dag_id: 'noise-dag', tasks: [{ task_id: 'hi' }] });
      existing(ctx, 'noise-dag', day(6), 'success', day(6) + 120_000);
      ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
      existing(ctx, 'd', day(5), 'success', day(5));
      existing(ctx, 'd', day(6), 'failed', day(6));
      existing(ctx, 'd', day(7), 'running', day(7));
      const r = createBackfill3(ctx, req({ from_date: day(3), to_date: day(9), max_active_runs: 2, reprocess_behavior: behavior }));
      expect(r.runs).toHaveLength(numInB);
      expect(Object.fromEntries(r.skipped.map((s) => [ymd(s.logical_date), s.reason]))).toEqual(reasons);
      for (const run of r.runs) {
        expect(run).toMatchObject({ run_type: 'backfill', triggered_by: 'backfill', backfill_id: r.backfill.id, state: 'queued' });
      }
      // the noise DAG's run at the same date is untouched
      expect(ctx.db.getDagRun('noise-dag', 'scheduled_2021-01-06')!.run_type).toBe('scheduled');
    });
  }
});

describe('the runs and the Backfill row', () => {
  it('creates queued runs backfill__<run_after>, in sort_ordinal order, started now', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const r = createBackfill3(ctx, req({ dag_run_conf: { this: 'param' } }));
    expect(r.runs.map((x) => [x.run_id, x.sort_ordinal])).toEqual([
      ['backfill__2021-01-01T00:00:00+00:00', 1],
      ['backfill__2021-01-02T00:00:00+00:00', 2],
      ['backfill__2021-01-03T00:00:00+00:00', 3],
      ['backfill__2021-01-04T00:00:00+00:00', 4],
      ['backfill__2021-01-05T00:00:00+00:00', 5],
    ]);
    expect(r.runs[0]).toMatchObject({ state: 'queued', queued_at: NOW, start_date: NOW, conf: { this: 'param' }, external_trigger: false });
    // test_params_stored_correctly; the column defaults (max_active_runs 10, reprocess none)
    expect(r.backfill).toMatchObject({ dag_id: 'd', from_date: day(1), to_date: day(5), max_active_runs: 10, reprocess_behavior: 'none', completed_at: null });
    expect(ctx.wakes).toBe(1);
  });

  it('--run-backwards reverses the order', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const r = createBackfill3(ctx, req({ reverse: true, to_date: day(3) }));
    expect(r.runs.map((x) => [ymd(x.logical_date!), x.sort_ordinal])).toEqual([
      ['2021-01-03', 1],
      ['2021-01-02', 2],
      ['2021-01-01', 3],
    ]);
  });

  it('a reprocessed run is cleared in place: same run_id, run_type backfill, conf replaced (test_backfill_conf_overrides_existing_dag_run)', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi', retries: 1 }] });
    const old = existing(ctx, 'd', day(3), 'failed', day(3));
    old.conf = { old_key: 'old_value' };
    const ti = ctx.db.tisOf(old)[0]!;
    ti.try_number = 2;
    const r = createBackfill3(ctx, req({ reprocess_behavior: 'failed', dag_run_conf: { new_key: 'new_value' } }));
    expect(r.runs[2]).toBe(old);
    expect(old).toMatchObject({ run_id: 'scheduled_2021-01-03', run_type: 'backfill', state: 'queued', clear_number: 1, conf: { new_key: 'new_value' }, sort_ordinal: 3 });
    expect([ti.state, ti.try_number, ti.max_tries]).toEqual([null, 2, 3]);
  });

  it('with no --dag-run-conf the reprocessed run keeps its conf (test_backfill_none_conf_preserves_existing_dag_run_conf)', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const old = existing(ctx, 'd', day(3), 'failed', day(3));
    old.conf = { keep: 'this' };
    createBackfill3(ctx, req({ reprocess_behavior: 'failed' }));
    expect(old.conf).toEqual({ keep: 'this' });
  });

  it('drops intervals that have not ended (data-interval timetable)', () => {
    const ctx = new FakeContext('3', Date.UTC(2021, 0, 4, 12), { 'scheduler.create_cron_data_intervals': true });
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const r = createBackfill3(ctx, req({ to_date: day(10) }));
    // [01-03, 01-04) has ended; [01-04, 01-05) has not
    expect(r.runs.map((x) => ymd(x.logical_date!))).toEqual(['2021-01-01', '2021-01-02', '2021-01-03']);
    expect(r.runs[0]!.run_id).toBe('backfill__2021-01-02T00:00:00+00:00');
  });
});

describe('refusals', () => {
  const refused = (f: () => unknown): AirflowError => {
    try {
      f();
    } catch (e) {
      if (e instanceof AirflowError) return e;
      throw e;
    }
    throw new Error('not refused');
  };

  it('one unfinished backfill per DAG (test_active_dag_run)', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    createBackfill3(ctx, req());
    const e = refused(() => createBackfill3(ctx, req({ from_date: Date.UTC(2021, 0, 20), to_date: Date.UTC(2021, 0, 25) })));
    expect(e.tracebackLine).toBe(
      'airflow.models.backfill.AlreadyRunningBackfill: Another backfill is running for Dag d. There can be only one running backfill per Dag.',
    );
  });

  it('depends_on_past needs reprocess failed or completed, and no --run-backwards (test_depends_on_past_requires_reprocess_failed)', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'dep_on_past', depends_on_past: true }] });
    for (const behavior of [null, 'none'] as const) {
      expect(refused(() => createBackfill3(ctx, req({ reprocess_behavior: behavior }))).pyClass).toBe('airflow.models.backfill.InvalidReprocessBehavior');
    }
    expect(refused(() => createBackfill3(ctx, req({ reprocess_behavior: 'failed', reverse: true }))).pyClass).toBe(
      'airflow.models.backfill.InvalidBackfillDirection',
    );
    expect(ctx.db.backfills).toHaveLength(0);
    expect(createBackfill3(ctx, req({ reprocess_behavior: 'completed' })).runs).toHaveLength(5);
  });

  it('schedule=None, unknown DAGs and future ranges are refused', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', schedule: { kind: 'none' }, tasks: [{ task_id: 'hi' }] });
    ctx.addDag({ dag_id: 'e', tasks: [{ task_id: 'hi' }] });
    expect(refused(() => createBackfill3(ctx, req())).tracebackLine).toBe(
      'airflow.models.backfill.DagNonPeriodicScheduleException: d has a non-periodic schedule that does not support backfills',
    );
    expect(refused(() => createBackfill3(ctx, req({ dag_id: 'nope' }))).tracebackLine).toBe('airflow.exceptions.DagNotFound: Could not find dag nope');
    expect(refused(() => createBackfill3(ctx, req({ dag_id: 'e', from_date: NOW + 1, to_date: NOW + 5 }))).tracebackLine).toBe(
      'airflow.models.backfill.InvalidBackfillDate: Backfill cannot be executed for future dates.',
    );
  });

  it('"No runs to create" comes after the Backfill row was written', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const e = refused(() => createBackfill3(ctx, req({ from_date: Date.UTC(2021, 0, 1, 6), to_date: Date.UTC(2021, 0, 1, 7) })));
    expect(e.tracebackLine).toBe('RuntimeError: No runs to create for Dag d');
    expect(ctx.db.backfills).toHaveLength(1);
    expect(ctx.db.dagRuns).toHaveLength(0);
  });
});

describe('dry run', () => {
  it('lists the dates that would get a run, and creates nothing', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    existing(ctx, 'd', day(2), 'success', day(2));
    existing(ctx, 'd', day(3), 'running', day(3));
    expect(dryRunBackfill3(ctx, req()).map((i) => ymd(i.logical_date))).toEqual(['2021-01-01', '2021-01-04', '2021-01-05']);
    expect(dryRunBackfill3(ctx, req({ reprocess_behavior: 'completed' })).map((i) => ymd(i.logical_date))).toEqual([
      '2021-01-01',
      '2021-01-02',
      '2021-01-04',
      '2021-01-05',
    ]);
    expect(ctx.db.backfills).toHaveLength(0);
  });

  it('prints params and a grid (backfill_command.create_backfill)', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    const r = runCommand(ctx, 'airflow backfill create --dag-id d --from-date 2021-01-01 --to-date 2021-01-02 --dry-run --reprocess-behavior failed');
    expect(r.output).toBe(
      [
        'Performing dry run of backfill.',
        'Printing params:',
        '    - dag_id = d',
        '    - from_date = 2021-01-01 00:00:00+00:00',
        '    - to_date = 2021-01-02 00:00:00+00:00',
        '    - max_active_runs = None',
        '    - reverse = False',
        '    - dag_run_conf = None',
        '    - reprocess_behavior = ReprocessBehavior.FAILED',
        '    - run_on_latest_version = True',
        'Runs to be attempted:',
        '+---------------------------+-----------------+------------------+',
        '| logical_date              | partition_key   | partition_date   |',
        '+===========================+=================+==================+',
        '| 2021-01-01 00:00:00+00:00 |                 |                  |',
        '+---------------------------+-----------------+------------------+',
        '| 2021-01-02 00:00:00+00:00 |                 |                  |',
        '+---------------------------+-----------------+------------------+',
      ].join('\n'),
    );
    expect(ctx.db.log.at(-1)!.event).toBe('cli_create_backfill');
  });

  it('the CLI prints nothing on success, and Python\'s error when refused', () => {
    const ctx = new FakeContext('3', NOW);
    ctx.addDag({ dag_id: 'd', tasks: [{ task_id: 'hi' }] });
    expect(runCommand(ctx, 'airflow backfill create --dag-id d --from-date 2021-01-01 --to-date 2021-01-02')).toEqual({ exit_code: 0, output: '' });
    expect(runCommand(ctx, 'airflow backfill create --dag-id d --from-date 2021-01-03 --to-date 2021-01-04').exit_code).toBe(1);
    expect(runCommand(ctx, `airflow backfill create --dag-id d --from-date 2021-01-03 --to-date 2021-01-04 --dag-run-conf "{'a': 1}"`).output).toBe(
      'ValueError: Invalid JSON in --dag-run-conf: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    );
  });
});
