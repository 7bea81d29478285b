// The cached offset periods must give exactly Temporal's answers (make_naive, and make_aware with
// fold=1 = disambiguation 'later'), including gaps, folds, half-hour DST and a skipped day.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { fromNaive, toNaive } from './zone.ts';

const ZONES = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Apia', 'Europe/Moscow'];

function temporalToNaive(ms: number, tz: string): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).toPlainDateTime().toZonedDateTime('UTC').epochMilliseconds;
}

function temporalFromNaive(naive: number, tz: string): number {
  const wall = Temporal.Instant.fromEpochMilliseconds(naive).toZonedDateTimeISO('UTC').toPlainDateTime();
  return wall.toZonedDateTime(tz, { disambiguation: 'later' }).epochMilliseconds;
}

describe.each(ZONES)('%s', (tz) => {
  it('agrees with Temporal every 15 minutes around each transition of 2010-2012 and 2024', () => {
    for (const year of [2010, 2011, 2012, 2024]) {
      let z = Temporal.Instant.fromEpochMilliseconds(Date.UTC(year, 0, 1)).toZonedDateTimeISO(tz);
      for (let k = 0; k < 4; k++) {
        const tr = z.getTimeZoneTransition('next');
        if (!tr || tr.epochMilliseconds > Date.UTC(year + 1, 0, 1)) break;
        for (let dt = -26 * 3600_000; dt <= 26 * 3600_000; dt += 15 * 60_000) {
          const t = tr.epochMilliseconds + dt;
          expect(toNaive(t, tz)).toBe(temporalToNaive(t, tz));
          expect(fromNaive(t, tz), `fromNaive ${new Date(t).toISOString()}`).toBe(temporalFromNaive(t, tz));
        }
        z = tr;
      }
    }
  });
});

describe('the AIRFLOW.md §1.8 examples', () => {
  it('02:30 on 2024-03-31 in Amsterdam is 03:30 CEST (01:30Z)', () => {
    expect(fromNaive(Date.UTC(2024, 2, 31, 2, 30), 'Europe/Amsterdam')).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });
  it('01:30 on 2024-11-03 in New York is the later one (06:30Z)', () => {
    expect(fromNaive(Date.UTC(2024, 10, 3, 1, 30), 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 6, 30));
  });
});
