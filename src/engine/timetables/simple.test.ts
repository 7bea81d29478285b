// NullTimetable, OnceTimetable, ContinuousTimetable.
// Expected values: 2.10 tests/timetables/test_continuous_timetable.py and tests/models/test_dag.py
// (test_next_dagrun_info_once, test_next_dagrun_info_catchup); 3.x
// airflow-core/tests/unit/timetables/test_once_timetable.py and test_continuous_timetable.py.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../dagfile/spec.ts';
import { ContinuousTimetable } from './continuous.ts';
import { NullTimetable } from './null.ts';
import { OnceTimetable } from './once.ts';
import { di, exact, restriction, utc } from './test-helpers.ts';

describe('NullTimetable', () => {
  it('never schedules, even with catchup and a start date', () => {
    const tt = new NullTimetable();
    expect(tt.can_be_scheduled).toBe(false);
    expect(tt.summary).toBe('None');
    expect(tt.next_dagrun_info()).toBeNull();
  });
  it('a manual run gets DataInterval.exact(run_after)', () => {
    expect(new NullTimetable().infer_manual_data_interval(utc('2024-01-05T10:20'))).toEqual(di('2024-01-05T10:20', '2024-01-05T10:20'));
  });
});

describe.each(['2', '3'] as Profile[])('OnceTimetable, profile %s', (p) => {
  // test_next_dagrun_info_once
  it('runs once at exactly the start date, then never', () => {
    const tt = new OnceTimetable(p);
    const r = restriction('2015-01-01', null, true);
    const first = tt.next_dagrun_info(null, r, utc('2024-01-01'));
    expect(first).toEqual(exact('2015-01-01'));
    expect(tt.next_dagrun_info(first!.data_interval, r, utc('2024-01-01'))).toBeNull();
  });

  // test_next_dagrun_info_catchup (dag3): catchup=False does not move @once to now
  it('ignores catchup=False: still the start date', () => {
    expect(new OnceTimetable(p).next_dagrun_info(null, restriction('2024-05-10T08:00', null, false), utc('2024-05-10T14:47'))).toEqual(exact('2024-05-10T08:00'));
  });

  it('a start date after end_date gives nothing', () => {
    expect(new OnceTimetable(p).next_dagrun_info(null, restriction('2024-02-01', '2024-01-01', true), 0)).toBeNull();
  });
});

describe('OnceTimetable without a start date', () => {
  it('2.10: never runs', () => {
    expect(new OnceTimetable('2').next_dagrun_info(null, restriction(null, null, true), utc('2025-03-04T05:06:07'))).toBeNull();
  });

  // 3.x test_once_timetable.py::test_no_start_date_means_now
  const FROZEN_NOW = utc('2025-03-04T05:06:07.000');
  const DAY = 86400_000;
  const PREVIOUS = di(FROZEN_NOW - DAY, FROZEN_NOW - DAY);
  for (const catchup of [true, false]) {
    it.each([
      [null, null, exact(FROZEN_NOW)],
      [null, FROZEN_NOW + DAY, exact(FROZEN_NOW)],
      [null, FROZEN_NOW - DAY, null],
      [PREVIOUS, null, null],
      [PREVIOUS, FROZEN_NOW + DAY, null],
      [PREVIOUS, FROZEN_NOW - DAY, null],
    ])(`3.x test_no_start_date_means_now[catchup=${catchup}] prev=%o end=%o`, (prev, end, expected) => {
      expect(new OnceTimetable('3').next_dagrun_info(prev, restriction(null, end, catchup), FROZEN_NOW)).toEqual(expected);
    });
  }
});

describe.each(['2', '3'] as Profile[])('ContinuousTimetable, profile %s (test_continuous_timetable.py)', (p) => {
  const BEFORE_DATE = utc('2023-03-01');
  const START_DATE = '2023-03-03';
  const DURING_DATE = utc('2023-03-06');
  const AFTER_DATE = utc('2023-03-12');
  const r = restriction(START_DATE, '2023-03-10', true);

  it('forces one active run', () => {
    expect(new ContinuousTimetable(p).active_runs_limit).toBe(1);
  });

  it('test_first_run_after_start_date_correct_interval', () => {
    const info = new ContinuousTimetable(p).next_dagrun_info(null, r, DURING_DATE)!;
    expect(info.run_after).toBe(DURING_DATE);
    expect(info.data_interval).toEqual(di(START_DATE, DURING_DATE));
  });

  it('test_first_run_before_start_date_correct_interval', () => {
    const info = new ContinuousTimetable(p).next_dagrun_info(null, r, BEFORE_DATE)!;
    expect(info.run_after).toBe(utc(START_DATE));
    expect(info.data_interval).toEqual(di(START_DATE, START_DATE));
  });

  it('test_run_uses_utcnow', () => {
    const info = new ContinuousTimetable(p).next_dagrun_info(di(START_DATE, DURING_DATE), r, DURING_DATE)!;
    expect(info.run_after).toBe(DURING_DATE);
  });

  it('test_no_runs_after_end_date', () => {
    expect(new ContinuousTimetable(p).next_dagrun_info(di(START_DATE, DURING_DATE), r, AFTER_DATE)).toBeNull();
  });

  it('each next run covers [previous end, now]', () => {
    const now = utc('2023-03-06T10:00');
    expect(new ContinuousTimetable(p).next_dagrun_info(di(START_DATE, DURING_DATE), r, now)!.data_interval).toEqual(di(DURING_DATE, now));
  });
});

describe('ContinuousTimetable: profile differences', () => {
  it('2.10 test_no_runs_without_start_date', () => {
    expect(new ContinuousTimetable('2').next_dagrun_info(null, restriction(null, null, false), utc('2023-03-06'))).toBeNull();
  });

  it('3.2+ without a start date begins now (apache/airflow#61405)', () => {
    const now = utc('2023-03-06T10:00');
    expect(new ContinuousTimetable('3').next_dagrun_info(null, restriction(null, null, false), now)).toEqual(exact(now));
  });

  // 3.x test_no_false_triggering_with_future_start_date_after_run (apache/airflow#45081)
  it('3.x: a last run ending in the future restarts from the (moved) start date', () => {
    const BEFORE_DATE = utc('2023-03-01');
    const r = restriction('2023-03-03', '2023-03-10', true);
    const last = di(BEFORE_DATE, BEFORE_DATE + 3600_000);
    expect(new ContinuousTimetable('3').next_dagrun_info(last, r, BEFORE_DATE)!.data_interval).toEqual(di('2023-03-03', '2023-03-03T01:00'));
    // 2.10 has no such branch: it continues from the last end.
    expect(new ContinuousTimetable('2').next_dagrun_info(last, r, BEFORE_DATE)!.data_interval.start).toBe(BEFORE_DATE + 3600_000);
  });
});
