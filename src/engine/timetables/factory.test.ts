// makeTimetable / timeRestriction / resolveCatchup: shared AIRFLOW.md §1.1-1.2.
// 2.10: airflow/models/dag.py::create_timetable and DAG.__init__; tests/models/test_dag.py
//   (test_timetable_and_description_from_schedule_interval_arg, test__time_restriction,
//   test_fail_dag_when_schedule_is_non_none_and_empty_start_date,
//   test_continuous_schedule_interval_linmits_max_active_runs).
// 3.x: task-sdk/src/airflow/sdk/definitions/dag.py::_create_timetable and its validators.
// Validation messages: test_interval_timetable.py / test_trigger_timetable.py::test_validate_failure.
import { describe, expect, it } from 'vitest';
import type { DagSpec, DateTimeSpec, DeltaSpec, Profile, ScheduleSpec, TaskSpec } from '../../dagfile/spec.ts';
import { resolveConfig, type Config } from '../config.ts';
import { dagTimezone, makeTimetable, resolveCatchup, ScheduleError, timeRestriction } from './factory.ts';
import { rel, td, utc } from './test-helpers.ts';

const at = (s: string, tz: string | null = 'UTC'): DateTimeSpec => ({ epoch_ms: utc(s), tz });

function dag(over: Partial<DagSpec> = {}): DagSpec {
  return {
    dag_id: 'd', fileloc: 'dags/d.py', line: 1, schedule: { kind: 'none' }, schedule_text: 'None',
    start_date: at('2024-01-01'), end_date: null, catchup: null, max_active_runs: null, max_active_tasks: null,
    is_paused_upon_creation: null, dagrun_timeout_s: null, params: {}, tags: [], doc_md: null, description: null,
    timezone: null, tasks: [], ...over,
  };
}

/** Only the fields the time restriction reads. */
function task(task_id: string, start: string | null, end: string | null): TaskSpec {
  return { task_id, start_date: start ? at(start) : null, end_date: end ? at(end) : null } as unknown as TaskSpec;
}

const cron = (expr: string): ScheduleSpec => ({ kind: 'cron', expr });
const delta = (d: DeltaSpec): ScheduleSpec => ({ kind: 'delta', delta: d });
const explicit = (name: string, over: Partial<Extract<ScheduleSpec, { kind: 'timetable' }>> = {}): ScheduleSpec => ({
  kind: 'timetable', name, crons: [], delta: null, timezone: null, interval: null, run_immediately: false, ...over,
});

function make(profile: Profile, schedule: ScheduleSpec, over: Partial<DagSpec> = {}, config: Config = {}) {
  return makeTimetable(dag({ schedule, ...over }), profile, resolveConfig(profile, config));
}

function scheduleError(fn: () => unknown): ScheduleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScheduleError) return e;
    throw e;
  }
  throw new Error('no ScheduleError');
}

describe('§1.1 schedule= -> timetable, default config', () => {
  it.each([
    ['omitted', { kind: 'omitted' }, 'DeltaDataIntervalTimetable', '1 day, 0:00:00', 'NullTimetable', 'None'],
    ['None', { kind: 'none' }, 'NullTimetable', 'None', 'NullTimetable', 'None'],
    ['@once', { kind: 'once' }, 'OnceTimetable', '@once', 'OnceTimetable', '@once'],
    ['@daily', cron('@daily'), 'CronDataIntervalTimetable', '0 0 * * *', 'CronTriggerTimetable', '0 0 * * *'],
    ['5 0 * 8 *', cron('5 0 * 8 *'), 'CronDataIntervalTimetable', '5 0 * 8 *', 'CronTriggerTimetable', '5 0 * 8 *'],
    ['timedelta(days=1)', delta(td(86400)), 'DeltaDataIntervalTimetable', '1 day, 0:00:00', 'DeltaTriggerTimetable', '1 day, 0:00:00'],
    ['relativedelta(months=1)', delta(rel({ months: 1 })), 'DeltaDataIntervalTimetable', 'relativedelta(months=+1)', 'DeltaTriggerTimetable', 'relativedelta(months=+1)'],
  ] as Array<[string, ScheduleSpec, string, string, string, string]>)('%s', (_id, schedule, name2, summary2, name3, summary3) => {
    const t2 = make('2', schedule);
    expect([t2.name, t2.summary]).toEqual([name2, summary2]);
    const t3 = make('3', schedule);
    expect([t3.name, t3.summary]).toEqual([name3, summary3]);
  });

  it('@continuous (with max_active_runs=1)', () => {
    expect(make('2', { kind: 'continuous' }, { max_active_runs: 1 }).name).toBe('ContinuousTimetable');
    expect(make('3', { kind: 'continuous' }, { max_active_runs: 1 }).name).toBe('ContinuousTimetable');
  });
});

describe('§1.1 [scheduler] create_cron_data_intervals', () => {
  it('2.10 False: cron strings become CronTriggerTimetable; timedeltas stay data-interval', () => {
    const off = { 'scheduler.create_cron_data_intervals': false };
    expect(make('2', cron('@daily'), {}, off).name).toBe('CronTriggerTimetable');
    expect(make('2', delta(td(3600)), {}, off).name).toBe('DeltaDataIntervalTimetable');
  });

  it('3.x True switches cron AND timedelta schedules to data-interval timetables', () => {
    const on = { 'scheduler.create_cron_data_intervals': true };
    expect(make('3', cron('@daily'), {}, on).name).toBe('CronDataIntervalTimetable');
    expect(make('3', delta(td(3600)), {}, on).name).toBe('DeltaDataIntervalTimetable');
  });

  it('3.x create_delta_data_intervals alone changes nothing (no code reads it)', () => {
    expect(make('3', delta(td(3600)), {}, { 'scheduler.create_delta_data_intervals': true }).name).toBe('DeltaTriggerTimetable');
  });
});

describe('§1.1 explicit timetable objects', () => {
  it('CronTriggerTimetable keeps its own timezone, interval and (3.x) run_immediately', () => {
    const tt = make('3', explicit('CronTriggerTimetable', { crons: ['0 3 * * *'], timezone: 'Asia/Taipei', interval: td(3600), run_immediately: true }));
    expect(tt.name).toBe('CronTriggerTimetable');
    expect(tt.timezone).toBe('Asia/Taipei');
    expect(tt.infer_manual_data_interval(utc('2024-01-01T05:00'))).toEqual({ start: utc('2024-01-01T04:00'), end: utc('2024-01-01T05:00') });
  });

  it('MultipleCronTriggerTimetable and DeltaTriggerTimetable exist in 3.x only', () => {
    expect(make('3', explicit('MultipleCronTriggerTimetable', { crons: ['@hourly', '30 * * * *'], timezone: 'UTC' })).summary).toBe('0 * * * *, 30 * * * *');
    expect(make('3', explicit('DeltaTriggerTimetable', { delta: td(600) })).summary).toBe('0:10:00');
    expect(scheduleError(() => make('2', explicit('DeltaTriggerTimetable', { delta: td(600) }))).pyType).toBe('ImportError');
    expect(scheduleError(() => make('2', explicit('MultipleCronTriggerTimetable', { crons: ['@hourly'], timezone: 'UTC' }))).pyType).toBe('ImportError');
  });

  it("2.10's CronTriggerTimetable has no run_immediately", () => {
    const e = scheduleError(() => make('2', explicit('CronTriggerTimetable', { crons: ['@daily'], timezone: 'UTC', run_immediately: true })));
    expect(e.airflowMessage).toBe("CronTriggerTimetable.__init__() got an unexpected keyword argument 'run_immediately'");
  });

  it('the timezone argument is required', () => {
    expect(scheduleError(() => make('3', explicit('CronTriggerTimetable', { crons: ['@daily'] }))).pyType).toBe('TypeError');
  });

  it('data-interval objects work in both profiles', () => {
    expect(make('2', explicit('CronDataIntervalTimetable', { crons: ['@daily'], timezone: 'UTC' })).name).toBe('CronDataIntervalTimetable');
    expect(make('3', explicit('DeltaDataIntervalTimetable', { delta: td(86400) })).name).toBe('DeltaDataIntervalTimetable');
  });
});

describe('§1.1 DAG timezone', () => {
  it("is start_date's zone when aware, and crons run in it", () => {
    const d = dag({ schedule: cron('@daily'), start_date: at('2024-01-01', 'Europe/Amsterdam'), timezone: 'Europe/Amsterdam' });
    expect(dagTimezone(d, resolveConfig('3'))).toBe('Europe/Amsterdam');
    const tt = makeTimetable(d, '2', resolveConfig('2'));
    expect(tt.next_dagrun_info(null, { earliest: utc('2024-06-01'), latest: null, catchup: true }, 0)?.logical_date).toBe(utc('2024-06-01T22:00'));
  });

  it('is [core] default_timezone for a naive start_date ("utc" means UTC)', () => {
    expect(dagTimezone(dag({ start_date: at('2024-01-01', null) }), resolveConfig('2'))).toBe('UTC');
    expect(dagTimezone(dag({ start_date: at('2024-01-01', null) }), resolveConfig('2', { 'core.default_timezone': 'Asia/Seoul' }))).toBe('Asia/Seoul');
  });

  it('an unknown zone is an error', () => {
    expect(scheduleError(() => make('3', cron('@daily'), { timezone: 'Mars/Olympus' })).pyType).toBe('InvalidTimezone');
  });
});

describe('§1.2 timeRestriction', () => {
  // test__time_restriction (2.10 tests/models/test_dag.py), DEFAULT_DATE = 2016-01-01
  it('all tasks have end dates: latest is the max of them', () => {
    const d = dag({ start_date: at('2016-01-01'), tasks: [task('do1', '2016-01-02', '2016-01-03'), task('do2', '2016-01-04', '2016-01-05')] });
    expect(timeRestriction(d, true)).toEqual({ earliest: utc('2016-01-01'), latest: utc('2016-01-05'), catchup: true });
  });

  it('one task without end date: latest is the DAG end date (None)', () => {
    const d = dag({ start_date: at('2016-01-01'), tasks: [task('do1', '2016-01-01', '2016-01-02'), task('do2', '2016-01-01', null)] });
    expect(timeRestriction(d, true)).toEqual({ earliest: utc('2016-01-01'), latest: null, catchup: true });
  });

  it('earliest is the minimum of the DAG and task start dates', () => {
    const d = dag({ start_date: at('2024-01-05'), end_date: at('2024-02-01'), tasks: [task('a', '2024-01-02', null)] });
    expect(timeRestriction(d, false)).toEqual({ earliest: utc('2024-01-02'), latest: utc('2024-02-01'), catchup: false });
  });

  it('no start date anywhere: earliest is null', () => {
    expect(timeRestriction(dag({ start_date: null }), false).earliest).toBeNull();
  });
});

describe('resolveCatchup', () => {
  it('catchup= wins; otherwise [scheduler] catchup_by_default (2.10 True, 3.x False)', () => {
    expect(resolveCatchup(dag(), resolveConfig('2'))).toBe(true);
    expect(resolveCatchup(dag(), resolveConfig('3'))).toBe(false);
    expect(resolveCatchup(dag({ catchup: false }), resolveConfig('2'))).toBe(false);
    expect(resolveCatchup(dag({ catchup: true }), resolveConfig('3'))).toBe(true);
  });
});

describe('checks Airflow makes when the DAG is defined', () => {
  it('invalid cron: AirflowTimetableInvalid with croniter\'s message, and which field', () => {
    const e = scheduleError(() => make('2', cron('0 0 1 13 0')));
    expect(e.pyType).toBe('AirflowTimetableInvalid');
    expect(e.airflowMessage).toBe('[0 0 1 13 0] is not acceptable, out of range');
    expect(e.message).toContain('month');
  });

  it.each([
    [td(0), 'schedule interval must be positive, not datetime.timedelta(0)'],
    [rel({}), 'schedule interval must be positive, not relativedelta()'],
    [td(-86400), 'schedule interval must be positive, not datetime.timedelta(days=-1)'],
    [rel({ days: -1 }), 'schedule interval must be positive, not relativedelta(days=-1)'],
  ])('non-positive delta %o', (d, message) => {
    expect(scheduleError(() => make('3', delta(d), {}, { 'scheduler.create_cron_data_intervals': true })).airflowMessage).toBe(message);
    expect(scheduleError(() => make('3', delta(d))).airflowMessage).toBe(message);
  });

  it('2.10: DAG is missing the start_date parameter (any schedule but None)', () => {
    expect(scheduleError(() => make('2', cron('@hourly'), { start_date: null })).message).toBe(
      'ValueError: DAG is missing the start_date parameter\nAirflow 2 needs a start_date (on the DAG or in default_args) for any schedule but None.',
    );
    expect(make('2', { kind: 'none' }, { start_date: null }).name).toBe('NullTimetable');
    // an omitted schedule is not a "scheduling argument": the implicit daily DAG loads (and never runs)
    expect(make('2', { kind: 'omitted' }, { start_date: null }).name).toBe('DeltaDataIntervalTimetable');
  });

  it('3.x: start_date is required when catchup=True (only for schedulable timetables)', () => {
    expect(scheduleError(() => make('3', cron('@daily'), { start_date: null, catchup: true })).airflowMessage).toBe('start_date is required when catchup=True');
    expect(make('3', cron('@daily'), { start_date: null }).name).toBe('CronTriggerTimetable');
    expect(make('3', { kind: 'none' }, { start_date: null, catchup: true }).name).toBe('NullTimetable');
  });

  it('@continuous needs max_active_runs <= 1 (the default 16 is rejected)', () => {
    const e2 = scheduleError(() => make('2', { kind: 'continuous' }));
    expect(e2.pyType).toBe('AirflowException');
    expect(e2.airflowMessage).toBe("Invalid max_active_runs: <class 'airflow.timetables.simple.ContinuousTimetable'> requires max_active_runs <= 1");
    expect(scheduleError(() => make('3', { kind: 'continuous' }, { max_active_runs: 25 })).airflowMessage).toBe(
      'Invalid max_active_runs: ContinuousTimetable requires max_active_runs <= 1',
    );
    expect(make('2', { kind: 'continuous' }, { max_active_runs: 0 }).name).toBe('ContinuousTimetable');
  });
});
