// CronTriggerTimetable, DeltaTriggerTimetable, MultipleCronTriggerTimetable.
// Expected values: tests/timetables/test_trigger_timetable.py (2.10.3) and
// airflow-core/tests/unit/timetables/test_trigger_timetable.py (3.x), plus shared AIRFLOW.md §1.5-1.6.
import { describe, expect, it } from 'vitest';
import type { DeltaSpec, Profile } from '../../dagfile/spec.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import { DeltaTriggerTimetable } from './delta-trigger.ts';
import { MultipleCronTriggerTimetable } from './multiple-cron-trigger.ts';
import { di, exact, interval, rel, restriction, td, utc } from './test-helpers.ts';


const START_DATE = '2021-09-04';
const PREV_DATA_INTERVAL_EXACT = di('2021-09-05', '2021-09-05');
const CURRENT_TIME = utc('2021-09-07');
const YESTERDAY = '2021-09-06';
const DELTA_FROM_MIDNIGHT = (16 * 60 + 30) * 60_000;
const PROFILES: Profile[] = ['2', '3'];

// 3.x builds HOURLY_CRON_TRIGGER_TIMETABLE with run_immediately=True; 2.10 has no such argument.
const hourlyCron = (p: Profile) => new CronTriggerTimetable(p, '@hourly', 'UTC', p === '3' ? { run_immediately: true } : {});

describe.each(PROFILES)('CronTriggerTimetable, profile %s', (p) => {
  it.each([
    ['first-run', null, utc(YESTERDAY) + DELTA_FROM_MIDNIGHT],
    ['before-now', di(utc(YESTERDAY) + DELTA_FROM_MIDNIGHT, utc(YESTERDAY) + DELTA_FROM_MIDNIGHT), CURRENT_TIME + DELTA_FROM_MIDNIGHT],
    ['after-now', di(CURRENT_TIME + DELTA_FROM_MIDNIGHT, CURRENT_TIME + DELTA_FROM_MIDNIGHT), CURRENT_TIME + 86400_000 + DELTA_FROM_MIDNIGHT],
  ])('test_daily_cron_trigger_no_catchup_first_starts_at_next_schedule[%s]', (_id, last, expected) => {
    const tt = new CronTriggerTimetable(p, '30 16 * * *', 'UTC');
    expect(tt.next_dagrun_info(last, restriction(YESTERDAY, null, false), CURRENT_TIME)).toEqual(exact(expected));
  });

  it.each([
    ['current_time_on_boundary', '2022-07-27T00:00', START_DATE, '2022-07-27T00:00'],
    ['current_time_not_on_boundary', '2022-07-27T00:30', START_DATE, '2022-07-27T00:00'],
    ['current_time_miss_one_interval_on_boundary', '2022-07-27T01:00', START_DATE, '2022-07-27T01:00'],
    ['current_time_miss_one_interval_not_on_boundary', '2022-07-27T01:30', START_DATE, '2022-07-27T01:00'],
    ['future_start_date', '2022-07-27T00:30', '2199-12-31T22:30', '2199-12-31T23:00'],
  ])('test_hourly_cron_trigger_no_catchup_next_info[%s]', (_id, now, earliest, expected) => {
    const info = hourlyCron(p).next_dagrun_info(PREV_DATA_INTERVAL_EXACT, restriction(earliest, null, false), utc(now));
    expect(info).toEqual(exact(expected));
  });

  it.each([
    ['last_automated_on_boundary', di('2022-07-27', '2022-07-27'), START_DATE, '2022-07-27T01:00'],
    ['last_automated_not_on_boundary', di('2022-07-27T00:30', '2022-07-27T00:30'), START_DATE, '2022-07-27T01:00'],
    ['no_last_automated_with_earliest_on_boundary', null, '2022-07-27', '2022-07-27'],
    ['no_last_automated_with_earliest_not_on_boundary', null, '2022-07-27T00:30', '2022-07-27T01:00'],
  ])('test_hourly_cron_trigger_catchup_next_info[%s]', (_id, last, earliest, expected) => {
    expect(hourlyCron(p).next_dagrun_info(last, restriction(earliest, null, true), 0)).toEqual(exact(expected));
  });

  it('test_cron_trigger_next_info_with_interval: Monday 16:30 covering the 16.5 hours before', () => {
    const tt = new CronTriggerTimetable(p, '30 16 * * MON', 'UTC', { interval: td(16.5 * 3600) });
    const info = tt.next_dagrun_info(di('2022-08-01', '2022-08-01T16:30'), restriction(START_DATE, null, true), 0);
    expect(info).toEqual(interval('2022-08-08', '2022-08-08T16:30'));
  });

  it('AIRFLOW.md §1.5: catchup=False runs the most recent past tick at once (00:00 when unpaused at 15:00)', () => {
    const info = new CronTriggerTimetable(p, '@daily', 'UTC').next_dagrun_info(null, restriction('2024-01-01', null, false), utc('2024-01-31T15:00'));
    expect(info).toEqual(exact('2024-01-31'));
    expect(info!.run_after).toBeLessThan(utc('2024-01-31T15:00'));
  });

  it('AIRFLOW.md §1.5: interval=1 day makes the first logical date fall before start_date', () => {
    const tt = new CronTriggerTimetable(p, '@daily', 'UTC', { interval: td(86400) });
    const info = tt.next_dagrun_info(null, restriction('2024-01-01', null, true), 0);
    expect(info).toEqual(interval('2023-12-31', '2024-01-01'));
  });

  it('AIRFLOW.md §1.2: end_date is compared with the trigger time, not the logical date', () => {
    const tt = new CronTriggerTimetable(p, '@daily', 'UTC', { interval: td(86400) });
    const r = restriction('2024-01-01', '2024-01-02T12:00', true);
    expect(tt.next_dagrun_info(di('2024-01-01', '2024-01-02'), r, 0)).toBeNull();
  });

  it('a manual run covers [run_after - interval, run_after]', () => {
    const tt = new CronTriggerTimetable(p, '@daily', 'UTC', { interval: td(3600) });
    expect(tt.infer_manual_data_interval(utc('2024-01-05T10:20'))).toEqual(di('2024-01-05T09:20', '2024-01-05T10:20'));
  });
});

describe('CronTriggerTimetable: profile differences', () => {
  // 2.10 test_hourly_cron_trigger_catchup_next_info[no_last_automated_no_earliest]
  it('2.10 with catchup and no start date gives up', () => {
    const tt = new CronTriggerTimetable('2', '@hourly', 'UTC');
    expect(tt.next_dagrun_info(null, restriction(null, null, true), utc('2024-08-15T03:05'))).toBeNull();
  });

  it('2.10 without start date and catchup=False takes the previous tick (no run_immediately buffer)', () => {
    const tt = new CronTriggerTimetable('2', '0 3 * * *', 'UTC');
    expect(tt.next_dagrun_info(null, restriction(null, null, false), utc('2024-08-15T12:05'))).toEqual(exact('2024-08-15T03:00'));
  });

  // 3.x test_run_immediately and test_run_immediately_fast_dag
  const JUST_AFTER = '2024-08-15T03:05';
  const WAY_AFTER = '2024-08-15T12:05';
  const PREVIOUS = exact('2024-08-15T03:00');
  const NEXT = exact('2024-08-16T03:00');
  for (const catchup of [true, false]) {
    it.each([
      ['True', true, WAY_AFTER, PREVIOUS],
      ['False', false, JUST_AFTER, PREVIOUS],
      ['False', false, WAY_AFTER, NEXT],
      ['10 minutes', td(600), JUST_AFTER, PREVIOUS],
      ['10 minutes', td(600), WAY_AFTER, NEXT],
    ] as const)(`3.x test_run_immediately[catchup=${catchup}, %s at %s]`, (_id, ri, now, expected) => {
      const tt = new CronTriggerTimetable('3', '0 3 * * *', 'UTC', { run_immediately: ri });
      expect(tt.next_dagrun_info(null, restriction(null, null, catchup), utc(now))).toEqual(expected);
    });

    it(`3.x test_run_immediately_fast_dag[catchup=${catchup}]: the 5-minute floor`, () => {
      const tt = new CronTriggerTimetable('3', '*/10 3 * * *', 'UTC', { run_immediately: false });
      expect(tt.next_dagrun_info(null, restriction(null, null, catchup), utc(JUST_AFTER))).toEqual(PREVIOUS);
    });
  }

  it('3.x run_immediately has no effect when there is a start date', () => {
    const tt = new CronTriggerTimetable('3', '0 3 * * *', 'UTC', { run_immediately: false });
    expect(tt.next_dagrun_info(null, restriction('2024-01-01', null, false), utc(WAY_AFTER))).toEqual(PREVIOUS);
  });
});

describe('DeltaTriggerTimetable (3.x)', () => {
  const daily: Array<[string, DeltaSpec]> = [['timedelta', td(86400)], ['relativedelta', rel({ days: 1 })]];
  for (const [id, delta] of daily) {
    it.each([
      ['first-run', null, CURRENT_TIME],
      ['before-now', di(utc(YESTERDAY) + DELTA_FROM_MIDNIGHT, utc(YESTERDAY) + DELTA_FROM_MIDNIGHT), CURRENT_TIME + DELTA_FROM_MIDNIGHT],
      ['after-now', di(CURRENT_TIME + DELTA_FROM_MIDNIGHT, CURRENT_TIME + DELTA_FROM_MIDNIGHT), CURRENT_TIME + 86400_000 + DELTA_FROM_MIDNIGHT],
    ])(`test_daily_delta_trigger_no_catchup_first_starts_at_next_schedule[${id}-%s]`, (_i, last, expected) => {
      const tt = new DeltaTriggerTimetable(delta);
      expect(tt.next_dagrun_info(last, restriction(YESTERDAY, null, false), CURRENT_TIME)).toEqual(exact(expected));
    });
  }

  const hourly: Array<[string, DeltaSpec]> = [['timedelta', td(3600)], ['relativedelta', rel({ hours: 1 })]];
  for (const [id, delta] of hourly) {
    it.each([
      ['current_time_on_boundary', '2022-07-27T00:00', START_DATE, '2022-07-27T00:00'],
      ['current_time_not_on_boundary', '2022-07-27T00:30', START_DATE, '2022-07-27T00:30'],
      ['current_time_miss_one_interval_on_boundary', '2022-07-27T01:00', START_DATE, '2022-07-27T01:00'],
      ['current_time_miss_one_interval_not_on_boundary', '2022-07-27T01:30', START_DATE, '2022-07-27T01:30'],
      ['future_start_date', '2022-07-27T00:30', '2199-12-31T22:30', '2199-12-31T22:30'],
    ])(`test_hourly_delta_trigger_no_catchup_next_info[${id}-%s]`, (_i, now, earliest, expected) => {
      const tt = new DeltaTriggerTimetable(delta);
      expect(tt.next_dagrun_info(PREV_DATA_INTERVAL_EXACT, restriction(earliest, null, false), utc(now))).toEqual(exact(expected));
    });

    it.each([
      ['last_automated_on_boundary', di('2022-07-27', '2022-07-27'), START_DATE, '2022-07-27T01:00'],
      ['last_automated_not_on_boundary', di('2022-07-27T00:30', '2022-07-27T00:30'), START_DATE, '2022-07-27T01:30'],
      ['no_last_automated_with_earliest_on_boundary', null, '2022-07-27', '2022-07-27'],
      ['no_last_automated_with_earliest_not_on_boundary', null, '2022-07-27T00:30', '2022-07-27T00:30'],
    ])(`test_hourly_delta_trigger_catchup_next_info[${id}-%s]`, (_i, last, earliest, expected) => {
      expect(new DeltaTriggerTimetable(delta).next_dagrun_info(last, restriction(earliest, null, true), 0)).toEqual(exact(expected));
    });
  }

  it('AIRFLOW.md §1.6: later runs come every delta after the unpause instant, not on the start_date grid', () => {
    const tt = new DeltaTriggerTimetable(td(86400));
    const r = restriction('2024-01-01T06:00', null, false);
    const first = tt.next_dagrun_info(null, r, utc('2024-03-10T14:17'))!;
    expect(first).toEqual(exact('2024-03-10T14:17'));
    expect(tt.next_dagrun_info(first.data_interval, r, utc('2024-03-10T14:20'))).toEqual(exact('2024-03-11T14:17'));
  });

  it('catchup=True fires at start_date, start_date + delta, ...', () => {
    const tt = new DeltaTriggerTimetable(td(86400));
    const r = restriction('2024-01-01T06:00', null, true);
    const first = tt.next_dagrun_info(null, r, utc('2024-03-10'))!;
    expect(first).toEqual(exact('2024-01-01T06:00'));
    expect(tt.next_dagrun_info(first.data_interval, r, utc('2024-03-10'))).toEqual(exact('2024-01-02T06:00'));
  });
});

describe('MultipleCronTriggerTimetable (3.x)', () => {
  const multi = () => new MultipleCronTriggerTimetable(['@hourly', '30 * * * *'], 'UTC');

  it.each([
    ['2025-01-01', '2025-01-01'],
    ['2025-01-01T00:05', '2025-01-01T00:30'],
    ['2025-01-01T00:35', '2025-01-01T01:00'],
  ])('test_multi_run_first[start %s]', (start, expected) => {
    expect(multi().next_dagrun_info(null, restriction(start, null, true), 0)).toEqual(exact(expected));
  });

  it.each([
    ['2025-01-01', '2025-01-01T00:30'],
    ['2025-01-01T00:30', '2025-01-01T01:00'],
  ])('test_multi_run_next_catchup[last %s]', (last, expected) => {
    expect(multi().next_dagrun_info(di(last, last), restriction(null, null, true), 0)).toEqual(exact(expected));
  });

  it.each([
    ['exact', '2025-02-01T00:30', '2025-02-01T00:30'],
    ['choose-closest-past', '2025-02-01T01:59', '2025-02-01T01:30'],
    ['no-past-choose-closest-future', '2025-02-01T00:29', '2025-02-01T00:30'],
  ])('test_multi_run_next_no_catchup[%s]', (_id, now, expected) => {
    const info = multi().next_dagrun_info(di('2025-02-01', '2025-02-01'), restriction(null, null, false), utc(now));
    expect(info).toEqual(exact(expected));
  });

  it('summary joins the expressions; at most one run per instant', () => {
    const m = new MultipleCronTriggerTimetable(['@hourly', '0 */2 * * *'], 'UTC');
    expect(m.summary).toBe('0 * * * *, 0 */2 * * *');
    const r = restriction('2025-01-01', null, true);
    const a = m.next_dagrun_info(null, r, 0)!;
    expect(m.next_dagrun_info(a.data_interval, r, 0)).toEqual(exact('2025-01-01T01:00'));
  });

  it('requires a cron', () => {
    expect(() => new MultipleCronTriggerTimetable([], 'UTC')).toThrow('cron expression required');
  });
});
