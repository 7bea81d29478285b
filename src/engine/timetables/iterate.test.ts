// Backfill date iteration. 2.10: airflow/models/dag.py::iter_dagrun_infos_between and
// tests/models/test_dag.py::test_iter_dagrun_infos_between; 3.x: airflow-core/src/airflow/models/
// backfill.py::_get_info_list and airflow-core/tests/unit/models/test_backfill.py::
// test_create_backfill_simple; shared AIRFLOW.md §3.1-3.2.
import { describe, expect, it } from 'vitest';
import { pyIso } from '../time.ts';
import { ContinuousTimetable } from './continuous.ts';
import { CronDataIntervalTimetable } from './cron-data-interval.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import { backfillInfos2, backfillInfos3, checkBackfill3, infosBetween2, infosBetween3 } from './iterate.ts';
import { NullTimetable } from './null.ts';
import { interval, utc } from './test-helpers.ts';

const daily2 = () => new CronDataIntervalTimetable('@daily', 'UTC');
const logicals = (infos: Array<{ logical_date: number }>) => infos.map((i) => pyIso(i.logical_date).slice(0, 16));

describe('2.10 iter_dagrun_infos_between(align=True)', () => {
  const D = utc('2016-01-01');
  const H = 3600_000;
  const hourly = () => new CronDataIntervalTimetable('@hourly', 'UTC');

  it('test_iter_dagrun_infos_between[in-dag-restriction]', () => {
    expect(infosBetween2(hourly(), D, D, 0)).toEqual([interval(D, D + H)]);
  });

  it('test_iter_dagrun_infos_between[out-of-dag-restriction]: before the DAG start_date too', () => {
    expect(infosBetween2(hourly(), D - 3 * H, D, 0)).toEqual([
      interval(D - 3 * H, D - 2 * H),
      interval(D - 2 * H, D - H),
      interval(D - H, D),
      interval(D, D + H),
    ]);
  });

  it('§3.1: -s is aligned up, -e is inclusive on the logical date, future dates are kept', () => {
    const infos = backfillInfos2(daily2(), utc('2024-01-01T10:00'), utc('2024-01-05'), { now: utc('2024-01-03T12:00') });
    expect(logicals(infos)).toEqual(['2024-01-02T00:00', '2024-01-03T00:00', '2024-01-04T00:00', '2024-01-05T00:00']);
  });

  it('§3.1: -B/--run-backwards processes the latest date first', () => {
    const infos = backfillInfos2(daily2(), utc('2024-01-01'), utc('2024-01-03'), { now: 0, runBackwards: true });
    expect(logicals(infos)).toEqual(['2024-01-03T00:00', '2024-01-02T00:00', '2024-01-01T00:00']);
  });

  it('a schedule=None DAG yields no dates ("No run dates were found")', () => {
    expect(infosBetween2(new NullTimetable(), utc('2024-01-01'), utc('2024-01-03'), 0)).toEqual([]);
  });

  it('@continuous reaching into the future does not loop forever', () => {
    const infos = infosBetween2(new ContinuousTimetable('2'), utc('2024-01-01'), utc('2024-02-01'), utc('2024-01-10'));
    expect(infos.length).toBeLessThanOrEqual(3);
  });
});

describe('3.x backfill _get_info_list', () => {
  const now = utc('2024-06-01');

  it.each([false, true])('test_create_backfill_simple (reverse=%s): @daily from 01-01 to 01-05', (reverse) => {
    const infos = backfillInfos3(new CronTriggerTimetable('3', '@daily', 'UTC'), utc('2021-01-01'), utc('2021-01-05'), now, reverse);
    const expected = ['2021-01-01', '2021-01-02', '2021-01-03', '2021-01-04', '2021-01-05'].map((d) => `${d}T00:00`);
    expect(logicals(infos)).toEqual(reverse ? expected.reverse() : expected);
  });

  it('F..T are inclusive on the logical date for data-interval timetables', () => {
    expect(logicals(infosBetween3(daily2(), utc('2021-01-01'), utc('2021-01-03'), now))).toEqual(['2021-01-01T00:00', '2021-01-02T00:00', '2021-01-03T00:00']);
  });

  it('§3.2: drops runs whose interval has not ended (data-interval: today is dropped)', () => {
    const n = utc('2024-01-05T12:00');
    const infos = backfillInfos3(daily2(), utc('2024-01-01'), utc('2024-01-10'), n);
    expect(logicals(infos)).toEqual(['2024-01-01T00:00', '2024-01-02T00:00', '2024-01-03T00:00', '2024-01-04T00:00']);
  });

  it("§3.2: with a trigger timetable the interval end is the tick, so today's past tick is kept", () => {
    const n = utc('2024-01-05T12:00');
    const infos = backfillInfos3(new CronTriggerTimetable('3', '@daily', 'UTC'), utc('2024-01-01'), utc('2024-01-10'), n);
    expect(logicals(infos)).toEqual(['2024-01-01T00:00', '2024-01-02T00:00', '2024-01-03T00:00', '2024-01-04T00:00', '2024-01-05T00:00']);
  });

  it('an interval ending exactly now is dropped (strictly before)', () => {
    const infos = backfillInfos3(daily2(), utc('2024-01-01'), utc('2024-01-02'), utc('2024-01-03'));
    expect(logicals(infos)).toEqual(['2024-01-01T00:00']);
  });

  it('reverse applies after the filter', () => {
    const infos = backfillInfos3(daily2(), utc('2024-01-01'), utc('2024-01-10'), utc('2024-01-04T12:00'), true);
    expect(logicals(infos)).toEqual(['2024-01-03T00:00', '2024-01-02T00:00', '2024-01-01T00:00']);
  });

  it('2.10 keeps what 3.x drops (same range, same now)', () => {
    const n = utc('2024-01-05T12:00');
    expect(backfillInfos2(daily2(), utc('2024-01-01'), utc('2024-01-10'), { now: n })).toHaveLength(10);
    expect(backfillInfos3(daily2(), utc('2024-01-01'), utc('2024-01-10'), n)).toHaveLength(4);
  });
});

describe('3.x checkBackfill3', () => {
  const now = utc('2024-06-01');
  it('refuses non-periodic timetables', () => {
    expect(checkBackfill3('d', new NullTimetable(), utc('2024-01-01'), utc('2024-01-02'), now, pyIso)).toEqual({
      type: 'DagNonPeriodicScheduleException',
      message: 'd has a non-periodic schedule that does not support backfills',
    });
  });
  it('refuses from > to', () => {
    expect(checkBackfill3('d', daily2(), utc('2024-01-03'), utc('2024-01-02'), now, pyIso)?.type).toBe('InvalidBackfillDateRange');
  });
  it('refuses a range entirely in the future, accepts one that starts in the past', () => {
    expect(checkBackfill3('d', daily2(), utc('2024-07-01'), utc('2024-07-02'), now, pyIso)).toEqual({
      type: 'InvalidBackfillDate',
      message: 'Backfill cannot be executed for future dates.',
    });
    expect(checkBackfill3('d', daily2(), utc('2024-05-01'), utc('2024-07-02'), now, pyIso)).toBeNull();
  });
});
