// Airflow's CLI date type `parsedate` = airflow.utils.timezone.parse:
// pendulum.parse(text, tz=[core] default_timezone, strict=False). ISO 8601 first
// (date, date+time with T or space, optional fraction and offset, compact forms),
// then dateutil-style text ("2024/06/01", "06/01/2024", "June 1, 2024 10:00").
// A naive value is read in the default timezone; a date alone is midnight there.
import { Temporal } from 'temporal-polyfill';

/** An aware instant as the CLI parsed it; the offset is kept for printing (str(datetime)). */
export interface ParsedDate {
  ms: number;
  offset_min: number;
}

export class DateParseError extends Error {}

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  us: number;
  /** explicit offset in minutes, or null when naive */
  off: number | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function micros(frac: string | undefined): number {
  return frac ? Number((frac + '000000').slice(0, 6)) : 0;
}

function offsetOf(tz: string | undefined): number | null {
  if (!tz) return null;
  if (tz === 'Z' || tz === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

const ISO_DATE = String.raw`(\d{4})-?(\d{2})(?:-?(\d{2}))?`;
const ISO_TIME = String.raw`(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?`;
const ISO_TZ = String.raw`(Z|z|[+-]\d{2}(?::?\d{2})?)?`;
const ISO_RE = new RegExp(`^${ISO_DATE}(?:[Tt ]${ISO_TIME}\\s*${ISO_TZ})?$`);

function parseIso(t: string): Fields | null {
  const m = ISO_RE.exec(t);
  if (!m) return null;
  // "202406" is ambiguous; pendulum reads YYYYMM only with the dash
  if (m[3] === undefined && !t.includes('-')) return null;
  const f: Fields = {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: m[3] === undefined ? 1 : Number(m[3]),
    h: m[4] === undefined ? 0 : Number(m[4]),
    mi: m[5] === undefined ? 0 : Number(m[5]),
    s: m[6] === undefined ? 0 : Number(m[6]),
    us: micros(m[7]),
    off: offsetOf(m[8]),
  };
  if (m[8] && f.off === null) return null;
  return f;
}

/** A small subset of dateutil.parser: slashed dates, month names, an optional time and offset. */
function parseText(t: string): Fields | null {
  const tokens = t.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  let y: number | null = null;
  let mo: number | null = null;
  let d: number | null = null;
  let h = 0;
  let mi = 0;
  let s = 0;
  let us = 0;
  let off: number | null = null;
  let pm: boolean | null = null;
  const bare: number[] = [];
  for (const tok of tokens) {
    const low = tok.toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(tok))) {
      [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(tok))) {
      [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])]; // dateutil: month first
    } else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(tok))) {
      [h, mi, s, us] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), micros(m[4])];
    } else if (low === 'am' || low === 'pm') {
      pm = low === 'pm';
    } else if (low === 'utc' || low === 'gmt' || low === 'z') {
      off = 0;
    } else if (/^[+-]\d{2}:?\d{2}$/.test(tok)) {
      off = offsetOf(tok);
    } else if (/^[a-z]{3,}\.?$/.test(low) && MONTHS.includes(low.slice(0, 3))) {
      mo = MONTHS.indexOf(low.slice(0, 3)) + 1;
    } else if (/^\d{1,4}$/.test(tok)) {
      bare.push(Number(tok));
    } else {
      return null;
    }
  }
  for (const n of bare) {
    if (n > 31 && y === null) y = n;
    else if (d === null) d = n;
    else if (y === null) y = n;
    else return null;
  }
  if (y === null || mo === null || d === null) return null;
  if (pm !== null) {
    if (h > 12) return null;
    h = (h % 12) + (pm ? 12 : 0);
  }
  return { y, mo, d, h, mi, s, us, off };
}

function valid(f: Fields): boolean {
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.h > 23 || f.mi > 59 || f.s > 59) return false;
  const dim = new Date(Date.UTC(f.y, f.mo, 0)).getUTCDate();
  return f.d <= dim;
}

/** Parse as Airflow's CLI does. `now` is the virtual clock (for "now"); tz the default timezone. */
export function parseDate(text: string, tz: string, now: number): ParsedDate {
  const t = text.trim();
  if (t === 'now') {
    const off = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(tz).offsetNanoseconds / 6e10;
    return { ms: now, offset_min: off };
  }
  const f = parseIso(t) ?? parseText(t);
  if (!f || !valid(f)) throw new DateParseError(`Invalid date string: ${text}`);
  const ms0 = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) + Math.floor(f.us / 1000);
  if (f.off !== null) return { ms: ms0 - f.off * 60_000, offset_min: f.off };
  const zdt = Temporal.PlainDateTime.from({
    year: f.y,
    month: f.mo,
    day: f.d,
    hour: f.h,
    minute: f.mi,
    second: f.s,
    millisecond: Math.floor(f.us / 1000),
  }).toZonedDateTime(tz, { disambiguation: 'later' });
  return { ms: zdt.epochMilliseconds, offset_min: zdt.offsetNanoseconds / 6e10 };
}
