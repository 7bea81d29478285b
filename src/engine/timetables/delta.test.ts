// timedelta / relativedelta as Python prints and applies them (Timetable.summary is str(delta);
// DeltaMixin._get_next/_get_prev add and subtract in UTC; DeltaDataIntervalTimetable._relativedelta_in_seconds).
import { describe, expect, it } from 'vitest';
import { addDelta, deltaRepr, deltaSummary, roundingPeriodMs, subDelta } from './delta.ts';
import { rel, td, utc } from './test-helpers.ts';

describe('str(timedelta) and repr', () => {
  it.each([
    [86400, '1 day, 0:00:00'],
    [300, '0:05:00'],
    [2 * 86400 + 3 * 3600 + 4 * 60 + 5, '2 days, 3:04:05'],
    [-3600, '-1 day, 23:00:00'],
    [0.5, '0:00:00.500000'],
  ])('str(timedelta(seconds=%s)) = %s', (s, expected) => {
    expect(deltaSummary(td(s))).toBe(expected);
  });

  it.each([
    [0, 'datetime.timedelta(0)'],
    [-86400, 'datetime.timedelta(days=-1)'],
    [3600, 'datetime.timedelta(seconds=3600)'],
    [90000, 'datetime.timedelta(days=1, seconds=3600)'],
  ])('repr(timedelta(seconds=%s)) = %s', (s, expected) => {
    expect(deltaRepr(td(s))).toBe(expected);
  });
});

describe('repr(relativedelta): normalised by _fix()', () => {
  it.each([
    [rel({ months: 1 }), 'relativedelta(months=+1)'],
    [rel({ hours: 25 }), 'relativedelta(days=+1, hours=+1)'],
    [rel({ weeks: 1 }), 'relativedelta(days=+7)'],
    [rel({ months: 14 }), 'relativedelta(years=+1, months=+2)'],
    [rel({ days: -1 }), 'relativedelta(days=-1)'],
    [rel({}), 'relativedelta()'],
  ])('%o -> %s', (d, expected) => {
    expect(deltaSummary(d)).toBe(expected);
  });
});

describe('relativedelta arithmetic (in UTC)', () => {
  it('clips to the end of the month', () => {
    expect(addDelta(utc('2024-01-31'), rel({ months: 1 }))).toBe(utc('2024-02-29'));
    expect(subDelta(utc('2024-03-31'), rel({ months: 1 }))).toBe(utc('2024-02-29'));
    expect(addDelta(utc('2024-02-29'), rel({ years: 1 }))).toBe(utc('2025-02-28'));
  });
  it('applies months before days', () => {
    expect(addDelta(utc('2024-01-31'), rel({ months: 1, days: 1 }))).toBe(utc('2024-03-01'));
  });
  it('a timedelta day is always 24 hours', () => {
    expect(addDelta(utc('2024-03-30T06:00'), td(86400))).toBe(utc('2024-03-31T06:00'));
  });
});

describe('_round period: 1 month = 30 days, 1 year = 365 days', () => {
  it.each([
    [rel({ months: 1 }), 30 * 86400_000],
    [rel({ years: 1 }), 365 * 86400_000],
    [rel({ months: 12 }), 365 * 86400_000],
    [rel({ weeks: 1, hours: 1 }), 7 * 86400_000 + 3600_000],
    [td(3600), 3600_000],
  ])('%o', (d, ms) => {
    expect(roundingPeriodMs(d)).toBe(ms);
  });
});
