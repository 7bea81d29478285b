// When runs are created, per profile: the engine end to end, through real DAG files.
// Expected values: shared AIRFLOW.md §1 and §2, from airflow/timetables/*.py and their tests
// (tests/timetables/test_interval_timetable.py, airflow-core/tests/unit/timetables/test_trigger_timetable.py).
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, dag3, runs, sim } from './helpers.ts';

const noop = 'BashOperator(task_id="t", bash_command="echo hi")';

describe('Airflow 3: a cron string means CronTriggerTimetable, catchup defaults to False', () => {
  it('runs the most recent past tick at once on unpause, named after run_after', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', { 'etl.py': dag3(noop) });
    expect(runs(s)).toHaveLength(0); // paused at creation
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T12:00:00Z'));
    const r = runs(s, 'etl');
    expect(r.map((x) => x.run_id)).toEqual([
      'scheduled__2024-06-03T00:00:00+00:00',
      'scheduled__2024-06-04T00:00:00+00:00',
    ]);
    expect(r[0]).toMatchObject({
      logical_date: '2024-06-03T00:00:00Z',
      data_interval_start: '2024-06-03T00:00:00Z',
      data_interval_end: '2024-06-03T00:00:00Z', // zero-length interval
      run_after: '2024-06-03T00:00:00Z',
      queued_at: '2024-06-03T12:00:00Z',
      state: 'success',
    });
    expect(r[1]!.queued_at).toBe('2024-06-04T00:00:00Z');
  });

  it('a timedelta means DeltaTriggerTimetable: the first run fires at the unpause instant', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', {
      'etl.py': dag3(noop, 'schedule=timedelta(days=1), start_date=pendulum.datetime(2024, 6, 1, tz="UTC")'),
    });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T12:00:00Z'));
    expect(runs(s).map((x) => x.run_id)).toEqual([
      'scheduled__2024-06-03T12:00:00+00:00',
      'scheduled__2024-06-04T12:00:00+00:00',
    ]);
  });

  it('with create_cron_data_intervals the run covers the last complete interval and is named after its end', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', { 'etl.py': dag3(noop) }, { 'scheduler.create_cron_data_intervals': true });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    expect(runs(s)).toHaveLength(1);
    expect(runs(s)[0]).toMatchObject({
      run_id: 'scheduled__2024-06-03T00:00:00+00:00',
      logical_date: '2024-06-02T00:00:00Z',
      data_interval_start: '2024-06-02T00:00:00Z',
      data_interval_end: '2024-06-03T00:00:00Z',
      run_after: '2024-06-03T00:00:00Z',
    });
  });
});

describe('Airflow 2.10: a cron string means CronDataIntervalTimetable, catchup defaults to True', () => {
  it('catches up every complete interval since start_date; a run starts after its interval ends', () => {
    const s = sim('2', '2024-06-03T12:00:00Z', { 'etl.py': dag2(noop) });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T12:00:00Z'));
    const r = runs(s);
    expect(r.map((x) => x.run_id)).toEqual([
      'scheduled__2024-06-01T00:00:00+00:00',
      'scheduled__2024-06-02T00:00:00+00:00',
      'scheduled__2024-06-03T00:00:00+00:00',
    ]);
    expect(r[0]).toMatchObject({ data_interval_end: '2024-06-02T00:00:00Z', run_after: null, queued_at: '2024-06-03T12:00:00Z' });
    expect(r[2]).toMatchObject({ data_interval_start: '2024-06-03T00:00:00Z', queued_at: '2024-06-04T00:00:00Z' });
  });

  it('with catchup=False the first run is the latest complete interval, created at once', () => {
    const s = sim('2', '2024-06-03T12:00:00Z', {
      'etl.py': dag2(noop, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=False'),
    });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    expect(runs(s).map((x) => x.logical_date)).toEqual(['2024-06-02T00:00:00Z']);
  });

  it('a start_date off the schedule skips the partial interval that contains it', () => {
    const s = sim('2', '2024-06-04T12:00:00Z', {
      'etl.py': dag2(noop, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, 10, 30, tz="UTC")'),
    });
    cmd(s, '2024-06-04T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T13:00:00Z'));
    expect(runs(s).map((x) => x.logical_date)).toEqual(['2024-06-02T00:00:00Z', '2024-06-03T00:00:00Z']);
  });
});

describe('max_active_runs gates run creation', () => {
  it('creates the next run only when the active one finishes', () => {
    const body = 'BashOperator(task_id="slow", bash_command="sleep 3600")';
    const s = sim('2', '2024-06-04T12:00:00Z', {
      'etl.py': dag2(body, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), max_active_runs=1'),
    });
    cmd(s, '2024-06-04T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T12:30:00Z'));
    expect(runs(s)).toHaveLength(1);
    s.runUntil(at('2024-06-04T18:00:00Z'));
    const r = runs(s);
    expect(r.map((x) => x.logical_date)).toEqual(['2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-03T00:00:00Z']);
    expect(r.map((x) => x.queued_at)).toEqual(['2024-06-04T12:00:00Z', '2024-06-04T13:00:00Z', '2024-06-04T14:00:00Z']);
    expect(r.every((x) => x.state === 'success')).toBe(true);
  });
});

describe('paused DAGs', () => {
  it('a DAG is paused at creation and creates no run until unpaused', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', { 'etl.py': dag3(noop) });
    s.runUntil(at('2024-06-10T00:00:00Z'));
    expect(runs(s)).toHaveLength(0);
    expect(s.db.dags.get('etl')!.is_paused).toBe(true);
  });

  it('is_paused_upon_creation=False starts scheduling without an unpause', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', {
      'etl.py': dag3(noop, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), is_paused_upon_creation=False'),
    });
    s.runUntil(at('2024-06-03T12:00:00Z'));
    expect(runs(s).map((x) => x.run_id)).toEqual(['scheduled__2024-06-03T00:00:00+00:00']);
  });

  // Airflow's scheduler loop runs every second: a DAG unpaused at the very instant its file was
  // parsed gets its first run when that run is due, with nothing else happening in between
  // (found by the lesson-5 author: no run was ever created).
  it('unpaused at the instant of its first parse, with the first run in the future, the run still comes', () => {
    for (const profile of ['2', '3'] as const) {
      const file = profile === '2' ? dag2(noop, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=False') : dag3(noop, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")');
      const s = sim(profile, '2024-06-01T06:00:00Z', { 'etl.py': file });
      cmd(s, '2024-06-01T06:00:00Z', 'airflow dags unpause etl');
      s.runUntil(at('2024-06-02T00:00:30Z'));
      // 2.10 (CronDataIntervalTimetable, catchup=False): no interval has ended since start_date, so the
      // first run (June 1's interval) is created when it ends, June 2 00:00.
      // 3.x (CronTriggerTimetable, catchup False): the latest tick (June 1 00:00) runs at once, then June 2's.
      const expected = profile === '2'
        ? [['scheduled__2024-06-01T00:00:00+00:00', '2024-06-02T00:00:00Z']]
        : [['scheduled__2024-06-01T00:00:00+00:00', '2024-06-01T06:00:00Z'], ['scheduled__2024-06-02T00:00:00+00:00', '2024-06-02T00:00:00Z']];
      expect(runs(s, 'etl').map((x) => [x.run_id, x.queued_at]), profile).toEqual(expected);
    }
  });
});
