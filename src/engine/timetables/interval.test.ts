// CronDataIntervalTimetable and DeltaDataIntervalTimetable.
// Expected values: tests/timetables/test_interval_timetable.py (2.10.3) and
// airflow-core/tests/unit/timetables/test_interval_timetable.py (3.x; same cases), tests/models/test_dag.py
// (2.10.3), and the worked examples of shared AIRFLOW.md §1.3-1.4, §1.8.
import { describe, expect, it } from 'vitest';
import { CronDataIntervalTimetable } from './cron-data-interval.ts';
import { DeltaDataIntervalTimetable } from './delta-data-interval.ts';
import { di, interval, rel, restriction, td, utc } from './test-helpers.ts';
import type { DagRunInfo, DataInterval, Timetable } from './types.ts';

const H1 = td(3600);
const D1 = td(86400);

const START_DATE = '2021-09-04';
const PREV_DATA_INTERVAL = di('2021-09-04', '2021-09-05');
const CURRENT_TIME = utc('2021-09-07');
const YESTERDAY = '2021-09-06';
const OLD_INTERVAL = di(YESTERDAY, '2021-09-07');
const CRON = () => new CronDataIntervalTimetable('30 16 * * *', 'UTC');
const HOURLY: Array<[string, () => Timetable]> = [
  ['cron', () => new CronDataIntervalTimetable('@hourly', 'UTC')],
  ['timedelta', () => new DeltaDataIntervalTimetable(H1)],
  ['relativedelta', () => new DeltaDataIntervalTimetable(rel({ hours: 1 }))],
];

describe('test_interval_timetable.py (2.10 and 3.x)', () => {
  it.each([
    ['first-run', null],
    ['subsequent', PREV_DATA_INTERVAL],
  ])('test_no_catchup_first_starts_at_current_time[%s]', (_id, last) => {
    const info = CRON().next_dagrun_info(last, restriction(YESTERDAY, null, false), CURRENT_TIME);
    expect(info).toEqual(interval('2021-09-06T16:30', '2021-09-07T16:30'));
  });

  for (const catchup of [true, false]) {
    for (const earliest of [null, START_DATE]) {
      it(`test_new_schedule_interval_next_info_starts_at_new_time[catchup=${catchup}, earliest=${earliest}]`, () => {
        const info = CRON().next_dagrun_info(OLD_INTERVAL, restriction(earliest, null, catchup), CURRENT_TIME);
        expect(info).toEqual(interval('2021-09-06T16:30', '2021-09-07T16:30'));
      });
    }
  }

  for (const [id, make] of HOURLY) {
    for (const [lastId, last] of [['first-run', null], ['subsequent', PREV_DATA_INTERVAL]] as const) {
      it(`test_no_catchup_next_info_starts_at_current_time[${id}-${lastId}]`, () => {
        const info = make().next_dagrun_info(last, restriction(START_DATE, null, false), CURRENT_TIME);
        expect(info).toEqual(interval('2021-09-06T23:00', '2021-09-07'));
      });
    }
    it(`test_catchup_next_info_starts_at_previous_interval_end[${id}]`, () => {
      const info = make().next_dagrun_info(PREV_DATA_INTERVAL, restriction(START_DATE, null, true), CURRENT_TIME);
      expect(info).toEqual(interval('2021-09-05', '2021-09-05T01:00'));
    });
  }

  it.each([
    ['adhoc', '2022-08-08T01:00'],
    ['exact', '2022-08-08'],
  ])('test_cron_infer_manual_data_interval_alignment[%s]', (_id, at) => {
    expect(new CronDataIntervalTimetable('@daily', 'UTC').infer_manual_data_interval(utc(at))).toEqual(di('2022-08-07', '2022-08-08'));
  });

  it.each([
    ['exact', di('2022-08-07', '2022-08-08')],
    ['changed', di('2022-08-07T01:00', '2022-08-08T01:00')],
  ])('test_cron_next_dagrun_info_alignment[%s]', (_id, last) => {
    const info = new CronDataIntervalTimetable('@daily', 'UTC').next_dagrun_info(last, restriction(null, null, true), 0);
    expect(info).toEqual(interval('2022-08-08', '2022-08-09'));
  });
});

/** Follows a timetable from no run, catchup=True, and returns its first n data intervals. */
function chain(tt: Timetable, earliest: string, n: number): DataInterval[] {
  const r = restriction(earliest, null, true);
  const out: DataInterval[] = [];
  let last: DataInterval | null = null;
  for (let i = 0; i < n; i++) {
    const info = tt.next_dagrun_info(last, r, 0);
    if (!info) break;
    out.push(info.data_interval);
    last = info.data_interval;
  }
  return out;
}

describe('TestCronIntervalDst (Europe/Zurich 2023; test_interval_timetable.py)', () => {
  it('test_entering_exact', () => {
    expect(chain(new CronDataIntervalTimetable('0 3 * * *', 'Europe/Zurich'), '2023-03-24', 3)).toEqual([
      di('2023-03-24T02:00', '2023-03-25T02:00'),
      di('2023-03-25T02:00', '2023-03-26T01:00'),
      di('2023-03-26T01:00', '2023-03-27T01:00'),
    ]);
  });
  it('test_entering_skip', () => {
    expect(chain(new CronDataIntervalTimetable('0 2 * * *', 'Europe/Zurich'), '2023-03-24', 3)).toEqual([
      di('2023-03-24T01:00', '2023-03-25T01:00'),
      di('2023-03-25T01:00', '2023-03-26T01:00'),
      di('2023-03-26T01:00', '2023-03-27T00:00'),
    ]);
  });
  it('test_exiting_exact', () => {
    expect(chain(new CronDataIntervalTimetable('0 3 * * *', 'Europe/Zurich'), '2023-10-27', 3)).toEqual([
      di('2023-10-27T01:00', '2023-10-28T01:00'),
      di('2023-10-28T01:00', '2023-10-29T02:00'),
      di('2023-10-29T02:00', '2023-10-30T02:00'),
    ]);
  });
  it('test_exiting_fold', () => {
    expect(chain(new CronDataIntervalTimetable('0 2 * * *', 'Europe/Zurich'), '2023-10-27', 3)).toEqual([
      di('2023-10-27T00:00', '2023-10-28T00:00'),
      di('2023-10-28T00:00', '2023-10-29T01:00'),
      di('2023-10-29T01:00', '2023-10-30T01:00'),
    ]);
  });
});

describe('TestCronIntervalDstNonTrivial (Los Angeles 2020; test_interval_timetable.py)', () => {
  it('test_7_to_8_entering', () => {
    expect(chain(new CronDataIntervalTimetable('0 7-8 * * *', 'America/Los_Angeles'), '2020-03-07', 3)).toEqual([
      di('2020-03-07T15:00', '2020-03-07T16:00'),
      di('2020-03-07T16:00', '2020-03-08T14:00'),
      di('2020-03-08T14:00', '2020-03-08T15:00'),
    ]);
  });
  it('test_7_and_9_entering', () => {
    expect(chain(new CronDataIntervalTimetable('0 7,9 * * *', 'America/Los_Angeles'), '2020-03-07', 3)).toEqual([
      di('2020-03-07T15:00', '2020-03-07T17:00'),
      di('2020-03-07T17:00', '2020-03-08T14:00'),
      di('2020-03-08T14:00', '2020-03-08T16:00'),
    ]);
  });
});

describe('test_fold_scheduling (*/30 in Zurich steps by elapsed time through the fold)', () => {
  it('gives five consecutive 30-minute intervals', () => {
    expect(chain(new CronDataIntervalTimetable('*/30 * * * *', 'Europe/Zurich'), '2023-10-28T23:30', 5)).toEqual([
      di('2023-10-28T23:30', '2023-10-29T00:00'),
      di('2023-10-29T00:00', '2023-10-29T00:30'),
      di('2023-10-29T00:30', '2023-10-29T01:00'),
      di('2023-10-29T01:00', '2023-10-29T01:30'),
      di('2023-10-29T01:30', '2023-10-29T02:00'),
    ]);
  });
});

describe('tests/models/test_dag.py (2.10)', () => {
  // test_next_dagrun_info_timedelta_schedule_and_catchup_false, travel(2020-01-05), start 2015-01-01
  it.each([
    ['@daily', () => new CronDataIntervalTimetable('@daily', 'UTC')],
    ['timedelta(days=1)', () => new DeltaDataIntervalTimetable(D1)],
  ])('test_next_dagrun_info_timedelta_schedule_and_catchup_false[%s]', (_id, make) => {
    const tt = make();
    const r = restriction('2015-01-01', null, false);
    const now = utc('2020-01-05');
    const first = tt.next_dagrun_info(null, r, now);
    expect(first?.logical_date).toBe(utc('2020-01-04'));
    expect(tt.next_dagrun_info(first!.data_interval, r, now)?.logical_date).toBe(utc('2020-01-05'));
  });

  it('test_next_dagrun_info_timedelta_schedule_and_catchup_true', () => {
    const starts = chain(new DeltaDataIntervalTimetable(D1), '2020-05-01', 4).map((i) => i.start);
    expect(starts).toEqual(['2020-05-01', '2020-05-02', '2020-05-03', '2020-05-04'].map(utc));
  });

  it('test_next_dagrun_after_auto_align', () => {
    const r = restriction('2016-01-01T10:10', null, true);
    expect(new CronDataIntervalTimetable('4 5 * * *', 'UTC').next_dagrun_info(null, r, 0)?.logical_date).toBe(utc('2016-01-02T05:04'));
    expect(new CronDataIntervalTimetable('10 10 * * *', 'UTC').next_dagrun_info(null, r, 0)?.logical_date).toBe(utc('2016-01-01T10:10'));
  });

  it('test_next_dagrun_info_on_29_feb', () => {
    expect(chain(new CronDataIntervalTimetable('0 0 29 2 *', 'UTC'), '2024-01-01', 2)).toEqual([
      di('2024-02-29', '2028-02-29'),
      di('2028-02-29', '2032-02-29'),
    ]);
  });

  it('test_next_dagrun_info_start_end_dates: no run after end_date', () => {
    const start = utc('2016-01-01');
    const end = start + 2 * 3600_000;
    const tt = new DeltaDataIntervalTimetable(H1);
    const r = restriction(start, end, true);
    const dates: number[] = [];
    let last: DataInterval | null = null;
    for (let i = 0; i < 3; i++) {
      const info: DagRunInfo = tt.next_dagrun_info(last, r, 0)!;
      dates.push(info.logical_date);
      last = info.data_interval;
    }
    expect(dates[2]).toBe(end);
    expect(tt.next_dagrun_info(last, r, 0)).toBeNull();
  });

  it('test_next_dagrun_info_catchup: */10 and @hourly with catchup=False start in the last half hour / 2 hours', () => {
    const now = utc('2024-05-10T14:47:12');
    const sixHoursAgo = utc('2024-05-10T08:00');
    const tenMin = new CronDataIntervalTimetable('*/10 * * * *', 'UTC').next_dagrun_info(null, restriction(sixHoursAgo, null, false), now)!;
    expect(tenMin.logical_date).toBeGreaterThan(now - 30 * 60_000);
    expect(tenMin.logical_date).toBeLessThan(now);
    const hourly = new CronDataIntervalTimetable('@hourly', 'UTC').next_dagrun_info(null, restriction(sixHoursAgo, null, false), now)!;
    expect(hourly.logical_date).toBeGreaterThan(now - 2 * 3600_000);
    expect(hourly.logical_date).toBeLessThan(now);
  });
});

describe('AIRFLOW.md worked examples', () => {
  it('§1.3 a daily DAG starting 01-01 10:30 skips the partial interval: first is [01-02, 01-03), run at 01-03', () => {
    const info = new CronDataIntervalTimetable('@daily', 'UTC').next_dagrun_info(null, restriction('2024-01-01T10:30', null, true), 0);
    expect(info).toEqual(interval('2024-01-02', '2024-01-03'));
    expect(info?.run_after).toBe(utc('2024-01-03'));
  });

  it('§1.3 catchup=False runs the last complete interval at once (now between ticks)', () => {
    const now = utc('2024-06-10T15:00');
    const info = new CronDataIntervalTimetable('@daily', 'UTC').next_dagrun_info(null, restriction('2024-01-01', null, false), now);
    expect(info).toEqual(interval('2024-06-09', '2024-06-10'));
    expect(info!.run_after).toBeLessThanOrEqual(now);
  });

  it('§1.3 catchup=False exactly on a tick T takes the interval ending at T', () => {
    const now = utc('2024-06-10');
    const info = new CronDataIntervalTimetable('@daily', 'UTC').next_dagrun_info(null, restriction('2024-01-01', null, false), now);
    expect(info).toEqual(interval('2024-06-09', '2024-06-10'));
  });

  it('§1.3 catchup=False later runs: max(align_down(last end), candidate), so a slow DAG skips intervals', () => {
    const tt = new CronDataIntervalTimetable('@daily', 'UTC');
    const r = restriction('2024-01-01', null, false);
    expect(tt.next_dagrun_info(di('2024-06-09', '2024-06-10'), r, utc('2024-06-10T15:00'))).toEqual(interval('2024-06-10', '2024-06-11'));
    expect(tt.next_dagrun_info(di('2024-06-09', '2024-06-10'), r, utc('2024-06-13T15:00'))).toEqual(interval('2024-06-12', '2024-06-13'));
  });

  it('§1.3 end_date bounds the logical date; the last interval may end after end_date', () => {
    const tt = new CronDataIntervalTimetable('@daily', 'UTC');
    const r = restriction('2024-01-01', '2024-01-03T12:00', true);
    expect(tt.next_dagrun_info(di('2024-01-02', '2024-01-03'), r, 0)).toEqual(interval('2024-01-03', '2024-01-04'));
    expect(tt.next_dagrun_info(di('2024-01-03', '2024-01-04'), r, 0)).toBeNull();
  });

  it('§1.3 a manual run gets the last complete interval ending at or before run_after', () => {
    expect(new CronDataIntervalTimetable('@daily', 'UTC').infer_manual_data_interval(utc('2024-01-25T01:00'))).toEqual(di('2024-01-24', '2024-01-25'));
  });

  it('§1.4 catchup=False aligns a daily timedelta to the epoch grid, not to a 06:00 start_date', () => {
    const tt = new DeltaDataIntervalTimetable(D1);
    const info = tt.next_dagrun_info(null, restriction('2024-01-01T06:00', null, false), utc('2024-06-10T15:00'));
    expect(info).toEqual(interval('2024-06-09', '2024-06-10'));
  });

  it('§1.4 catchup=True anchors intervals at start_date, in UTC (24h across DST)', () => {
    expect(chain(new DeltaDataIntervalTimetable(D1, 'Europe/Amsterdam'), '2024-03-30T06:00', 2)).toEqual([
      di('2024-03-30T06:00', '2024-03-31T06:00'),
      di('2024-03-31T06:00', '2024-04-01T06:00'),
    ]);
  });

  it('§1.4 a relativedelta is rounded on a 30-day month grid with catchup=False', () => {
    // now = 2026-06-29: floor to a multiple of 30 days since the epoch is 2026-06-06, minus one month -> 2026-05-06.
    const tt = new DeltaDataIntervalTimetable(rel({ months: 1 }));
    const info = tt.next_dagrun_info(null, restriction('2025-01-15', null, false), utc('2026-06-29'));
    expect(info).toEqual(interval('2026-05-06', '2026-06-06'));
  });

  it('§1.4 relativedelta months clip to the month end, one period at a time (01-31 -> 02-29 -> 03-29)', () => {
    expect(chain(new DeltaDataIntervalTimetable(rel({ months: 1 })), '2024-01-31', 2)).toEqual([
      di('2024-01-31', '2024-02-29'),
      di('2024-02-29', '2024-03-29'),
    ]);
  });

  it('§1.4 a manual run covers [run_after - delta, run_after]', () => {
    expect(new DeltaDataIntervalTimetable(D1).infer_manual_data_interval(utc('2024-01-25T01:00'))).toEqual(di('2024-01-24T01:00', '2024-01-25T01:00'));
  });

  it('§1.8 daily intervals around DST are 23h and 25h long in UTC (Amsterdam midnight)', () => {
    const spring = chain(new CronDataIntervalTimetable('@daily', 'Europe/Amsterdam'), '2024-03-30T12:00', 1)[0];
    expect(spring).toEqual(di('2024-03-30T23:00', '2024-03-31T22:00'));
    const autumn = chain(new CronDataIntervalTimetable('@daily', 'Europe/Amsterdam'), '2024-10-26T12:00', 1)[0];
    expect(autumn).toEqual(di('2024-10-26T22:00', '2024-10-27T23:00'));
  });

  it('a cron that never matches schedules nothing (Airflow logs the error and returns None)', () => {
    expect(new CronDataIntervalTimetable('0 0 30 2 *', 'UTC').next_dagrun_info(null, restriction('2024-01-01', null, true), 0)).toBeNull();
  });
});
