// Instants are epoch milliseconds (UTC) everywhere in the engine. These helpers
// format them the ways Airflow shows them. Temporal (polyfill) handles zones.
import { Temporal } from 'temporal-polyfill';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Scenario/JSON output form: 2024-06-01T00:00:00Z (milliseconds only when non-zero). */
export function isoZ(ms: number): string {
  const s = new Date(ms).toISOString(); // 2024-06-01T00:00:00.000Z
  return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s;
}

/** Python's datetime.isoformat() of an aware UTC datetime: 2024-06-01T00:00:00+00:00,
 *  with .ffffff only when microseconds are non-zero (as in run_ids and `ts`). */
export function pyIso(ms: number, sep = 'T'): string {
  const d = new Date(ms);
  const base = d.toISOString().slice(0, 19).replace('T', sep);
  const micros = d.getUTCMilliseconds() * 1000;
  return micros ? `${base}.${String(micros).padStart(6, '0')}+00:00` : `${base}+00:00`;
}

/** Python's str() of an aware UTC datetime: 2024-06-01 00:00:00+00:00 (used by retry jitter). */
export function pyStr(ms: number): string {
  return pyIso(ms, ' ');
}

/** YYYY-MM-DD of the UTC date (Airflow's `ds`). */
export function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parse ISO 8601 with an offset or Z ("2024-06-01T00:00:00Z"), or a bare date
 *  ("2024-06-01", taken as UTC midnight). Returns null when it is not a valid date. */
export function parseInstant(text: string): number | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return parseInstant(`${t}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return null;
  try {
    return Temporal.Instant.from(t.replace(' ', 'T')).epochMilliseconds;
  } catch {
    return null;
  }
}

/** Local wall-clock fields of an instant in a zone. */
export function toZoned(ms: number, tz: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
}

/** True when `tz` is an IANA zone name Temporal knows. */
export function isValidTimezone(tz: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}
