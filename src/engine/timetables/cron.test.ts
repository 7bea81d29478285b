// AirflowCron against the 41 golden cases (test/data/cron-cases.json, `airflow` column: computed with
// Airflow's CronMixin._get_next/_get_prev from airflow-core/src/airflow/timetables/_cron.py on
// croniter 6.0.0 + pendulum; see shared STACK.md §3.6), and croniter's parsing rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AirflowCron, CronSyntaxError, expandPreset } from './cron.ts';

interface CronCase {
  id: string;
  expr: string;
  tz: string;
  start: string;
  dir: 'next' | 'prev';
  n: number;
  airflow: string[];
}

const cases: CronCase[] = JSON.parse(readFileSync(new URL('../../../test/data/cron-cases.json', import.meta.url), 'utf8'));
const ms = (s: string) => Date.parse(s);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

describe('AirflowCron: golden cases from Airflow CronMixin', () => {
  it('has all 41 cases', () => {
    expect(cases).toHaveLength(41);
  });

  for (const c of cases) {
    it(c.id, () => {
      const cron = new AirflowCron(c.expr, c.tz);
      const out: string[] = [];
      let t = ms(c.start);
      for (let i = 0; i < c.n; i++) {
        // Chained exactly as the golden data was: each step from the previous result.
        t = c.dir === 'next' ? cron.next(t) : cron.prev(t);
        out.push(iso(t));
      }
      expect(out).toEqual(c.airflow);
    });
  }
});

describe('AirflowCron: DST rules (shared AIRFLOW.md §1.8)', () => {
  it('moves a nonexistent local time forward by the gap: 02:30 Amsterdam on 2024-03-31 is 03:30 CEST', () => {
    const cron = new AirflowCron('30 2 * * *', 'Europe/Amsterdam');
    expect(iso(cron.next(ms('2024-03-30T12:00:00Z')))).toBe('2024-03-31T01:30:00Z');
  });

  it('takes the later instant for an ambiguous time: 01:30 New York on 2024-11-03 is 06:30Z', () => {
    const cron = new AirflowCron('30 1 * * *', 'America/New_York');
    expect(iso(cron.next(ms('2024-11-02T12:00:00Z')))).toBe('2024-11-03T06:30:00Z');
  });

  it('steps hourly crons by elapsed time through the repeated hour (no skip, no double)', () => {
    const cron = new AirflowCron('0 * * * *', 'Europe/Amsterdam');
    const out: string[] = [];
    let t = ms('2024-10-26T23:30:00Z');
    for (let i = 0; i < 4; i++) out.push(iso((t = cron.next(t))));
    expect(out).toEqual(['2024-10-27T00:00:00Z', '2024-10-27T01:00:00Z', '2024-10-27T02:00:00Z', '2024-10-27T03:00:00Z']);
  });

  // airflow/timetables/_cron.py::_covers_every_hour reads croniter's normalised `expanded[1] == ['*']`,
  // so 0-23 and */1 also step by elapsed time.
  it('treats an hour field that lists all 24 hours as "*"', () => {
    expect(new AirflowCron('0 0-23 * * *', 'UTC').fields.coversEveryHour).toBe(true);
    expect(new AirflowCron('0 */1 * * *', 'UTC').fields.coversEveryHour).toBe(true);
    expect(new AirflowCron('0 */2 * * *', 'UTC').fields.coversEveryHour).toBe(false);
  });
});

describe('AirflowCron: alignment (CronMixin._align_to_next / _align_to_prev)', () => {
  const daily = new AirflowCron('@daily', 'UTC');
  it('align up keeps a tick and moves anything else to the next tick', () => {
    expect(iso(daily.alignUp(ms('2024-01-01T00:00:00Z')))).toBe('2024-01-01T00:00:00Z');
    expect(iso(daily.alignUp(ms('2024-01-01T10:30:00Z')))).toBe('2024-01-02T00:00:00Z');
  });
  it('align down keeps a tick and moves anything else to the previous tick', () => {
    expect(iso(daily.alignDown(ms('2024-01-01T00:00:00Z')))).toBe('2024-01-01T00:00:00Z');
    expect(iso(daily.alignDown(ms('2024-01-01T10:30:00Z')))).toBe('2024-01-01T00:00:00Z');
  });
  it('next/prev are strict, also for sub-minute instants', () => {
    const m = new AirflowCron('* * * * *', 'UTC');
    expect(iso(m.next(ms('2024-01-30T10:07:00Z')))).toBe('2024-01-30T10:08:00Z');
    expect(iso(m.prev(ms('2024-01-30T10:07:00Z')))).toBe('2024-01-30T10:06:00Z');
    expect(iso(m.prev(ms('2024-01-30T10:07:00.250Z')))).toBe('2024-01-30T10:07:00Z');
  });
});

describe('AirflowCron: presets and croniter syntax', () => {
  it('expands presets as airflow/utils/dates.py::cron_presets', () => {
    expect(expandPreset('@hourly')).toBe('0 * * * *');
    expect(expandPreset('@daily')).toBe('0 0 * * *');
    expect(expandPreset('@weekly')).toBe('0 0 * * 0');
    expect(expandPreset('@monthly')).toBe('0 0 1 * *');
    expect(expandPreset('@quarterly')).toBe('0 0 1 */3 *');
    expect(expandPreset('@yearly')).toBe('0 0 1 1 *');
    expect(expandPreset('@midnight')).toBe('@midnight');
  });

  it('@weekly fires on Sunday, @quarterly in Jan/Apr/Jul/Oct', () => {
    expect(iso(new AirflowCron('@weekly', 'UTC').next(ms('2024-01-03T00:00:00Z')))).toBe('2024-01-07T00:00:00Z');
    const q = new AirflowCron('@quarterly', 'UTC');
    expect(iso(q.next(ms('2024-01-15T00:00:00Z')))).toBe('2024-04-01T00:00:00Z');
    expect(iso(q.next(ms('2024-04-01T00:00:00Z')))).toBe('2024-07-01T00:00:00Z');
  });

  it('passes croniter aliases Airflow does not know through to croniter (@midnight keeps its summary)', () => {
    const c = new AirflowCron('@midnight', 'UTC');
    expect(c.expression).toBe('@midnight');
    expect(iso(c.next(ms('2024-01-01T10:00:00Z')))).toBe('2024-01-02T00:00:00Z');
  });

  it('ORs day-of-month and day-of-week when both are restricted (0 0 1 * 5)', () => {
    const c = new AirflowCron('0 0 1 * 5', 'UTC');
    expect(iso(c.next(ms('2024-01-30T00:00:00Z')))).toBe('2024-02-01T00:00:00Z');
    expect(iso(c.next(ms('2024-02-01T00:00:00Z')))).toBe('2024-02-02T00:00:00Z');
  });

  it('accepts names, 7 for Sunday, L, nth weekday and wrap-around ranges', () => {
    expect(iso(new AirflowCron('0 9 * * mon-fri', 'UTC').next(ms('2024-01-06T00:00:00Z')))).toBe('2024-01-08T09:00:00Z');
    expect(iso(new AirflowCron('0 0 * * 7', 'UTC').next(ms('2024-01-01T00:00:00Z')))).toBe('2024-01-07T00:00:00Z');
    expect(iso(new AirflowCron('0 0 L * *', 'UTC').next(ms('2024-02-01T00:00:00Z')))).toBe('2024-02-29T00:00:00Z');
    expect(iso(new AirflowCron('0 0 * * 5#2', 'UTC').next(ms('2024-01-01T00:00:00Z')))).toBe('2024-01-12T00:00:00Z');
    const weekend = new AirflowCron('0 0 * * sat-sun', 'UTC');
    expect(iso(weekend.next(ms('2024-01-03T00:00:00Z')))).toBe('2024-01-06T00:00:00Z');
    expect(iso(weekend.next(ms('2024-01-06T00:00:00Z')))).toBe('2024-01-07T00:00:00Z');
    expect(iso(weekend.next(ms('2024-01-07T00:00:00Z')))).toBe('2024-01-13T00:00:00Z');
  });

  // tests/models/test_dag.py::test_next_dagrun_info_on_29_feb (2.10)
  it('finds 29 February four years on', () => {
    expect(iso(new AirflowCron('0 0 29 2 *', 'UTC').next(ms('2028-02-29T00:00:00Z')))).toBe('2032-02-29T00:00:00Z');
  });
});

describe('AirflowCron: validation says which field is wrong', () => {
  const error = (expr: string): CronSyntaxError => {
    try {
      new AirflowCron(expr, 'UTC');
    } catch (e) {
      if (e instanceof CronSyntaxError) return e;
      throw e;
    }
    throw new Error(`"${expr}" was accepted`);
  };

  // tests/timetables/test_interval_timetable.py::test_validate_failure[invalid-cron] (2.10 and 3.x)
  it('"0 0 1 13 0": month out of range, with croniter\'s message', () => {
    const e = error('0 0 1 13 0');
    expect(e.field).toBe('month');
    expect(e.airflowMessage).toBe('[0 0 1 13 0] is not acceptable, out of range');
    expect(e.message).toContain('month');
  });

  it.each([
    ['61 * * * *', 'minute'],
    ['* 24 * * *', 'hour'],
    ['* * 32 * *', 'day of month'],
    ['* * 0 * *', 'day of month'],
    ['* * * 0 *', 'month'],
    ['* * * * 8', 'day of week'],
    ['* * * foo *', 'month'],
    ['*/0 * * * *', 'minute'],
    ['-1 * * * *', 'minute'],
    ['* * * * 5#6', 'day of week'],
    ['0 ? * * *', 'hour'],
  ])('%s -> %s', (expr, field) => {
    expect(error(expr).field).toBe(field);
  });

  it('rejects the wrong number of fields', () => {
    expect(error('* * * *').field).toBeNull();
    expect(error('0 0 * * * *').message).toMatch(/6 fields/);
  });
});
