// C-locale strftime (glibc), as used by Python's datetime.strftime and GNU `date +FORMAT`.
import { Temporal } from 'temporal-polyfill';

/** Wall-clock fields of an instant in a zone; `zone` null means a naive datetime (no %z / %Z). */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** ISO weekday, Monday = 1 ... Sunday = 7 */
  isoWeekday: number;
  dayOfYear: number;
  /** UTC offset in seconds, or null for naive */
  offset_s: number | null;
  /** time zone abbreviation for %Z ("UTC", "CET"), or null for naive */
  tzname: string | null;
  /** epoch seconds, for %s */
  epoch_s: number;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);

/** Wall time of an epoch-ms instant (fractions keep microseconds) in an IANA zone, or naive (zone null:
 *  the UTC fields without a zone). */
export function wallTime(ms: number, zone: string | null): WallTime {
  if (zone === null || zone === 'UTC' || zone === 'Etc/UTC') return utcWallTime(ms, zone);
  const z = Temporal.Instant.fromEpochNanoseconds(BigInt(Math.round(ms * 1000)) * 1000n).toZonedDateTimeISO(zone ?? 'UTC');
  const offset_s = zone === null ? null : Math.round(z.offsetNanoseconds / 1e9);
  return {
    year: z.year,
    month: z.month,
    day: z.day,
    hour: z.hour,
    minute: z.minute,
    second: z.second,
    microsecond: z.millisecond * 1000 + z.microsecond,
    isoWeekday: z.dayOfWeek,
    dayOfYear: z.dayOfYear,
    offset_s,
    tzname: zone === null ? null : zoneAbbreviation(ms, zone, offset_s as number),
    epoch_s: Math.floor(ms / 1000),
  };
}

/** The same fields for UTC (or naive) without Temporal: Date's UTC fields are exact there, and
 *  this runs for every datetime in every template context. */
function utcWallTime(ms: number, zone: string | null): WallTime {
  const totalUs = Math.round(ms * 1000);
  const sec = Math.floor(totalUs / 1e6);
  const d = new Date(sec * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: totalUs - sec * 1e6,
    isoWeekday: ((d.getUTCDay() + 6) % 7) + 1,
    dayOfYear: Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86400000) + 1,
    offset_s: zone === null ? null : 0,
    tzname: zone === null ? null : 'UTC',
    epoch_s: Math.floor(ms / 1000),
  };
}

/** "UTC" for UTC; otherwise the short name Intl knows ("CET", "EDT"), falling back to "+01". */
function zoneAbbreviation(ms: number, zone: string, offset_s: number): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  for (const locale of ['en-US', 'en-GB']) {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName');
    if (part && !/^(GMT|UTC)[+-]/.test(part.value)) return part.value;
  }
  const sign = offset_s < 0 ? '-' : '+';
  const a = Math.abs(offset_s);
  const mm = Math.floor(a / 60) % 60;
  return `${sign}${pad(Math.floor(a / 3600))}${mm ? pad(mm) : ''}`;
}

/** +HHMM (Python %z); with `colon` +HH:MM. Empty for naive. */
export function formatOffset(offset_s: number | null, colon = false): string {
  if (offset_s === null) return '';
  const sign = offset_s < 0 ? '-' : '+';
  const a = Math.abs(offset_s);
  return `${sign}${pad(Math.floor(a / 3600))}${colon ? ':' : ''}${pad(Math.floor(a / 60) % 60)}`;
}

/** Week number with weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekNumber(w: WallTime, firstDay: 0 | 1): number {
  const weekday = w.isoWeekday % 7; // Sunday = 0
  const offset = (weekday - firstDay + 7) % 7;
  return Math.floor((w.dayOfYear - 1 - offset + 7) / 7);
}

function directive(c: string, w: WallTime): string | null {
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (c) {
    case 'a': return DAYS[w.isoWeekday - 1].slice(0, 3);
    case 'A': return DAYS[w.isoWeekday - 1];
    case 'w': return String(w.isoWeekday % 7);
    case 'u': return String(w.isoWeekday);
    case 'd': return pad(w.day);
    case 'e': return pad(w.day, 2, ' ');
    case 'b': case 'h': return MONTHS[w.month - 1].slice(0, 3);
    case 'B': return MONTHS[w.month - 1];
    case 'm': return pad(w.month);
    case 'y': return pad(w.year % 100);
    case 'Y': return String(w.year);
    case 'C': return pad(Math.floor(w.year / 100));
    case 'H': return pad(w.hour);
    case 'I': return pad(h12);
    case 'k': return pad(w.hour, 2, ' ');
    case 'l': return pad(h12, 2, ' ');
    case 'p': return w.hour < 12 ? 'AM' : 'PM';
    case 'M': return pad(w.minute);
    case 'S': return pad(w.second);
    case 'f': return pad(w.microsecond, 6);
    case 'N': return pad(w.microsecond * 1000, 9);
    case 'z': return formatOffset(w.offset_s);
    case 'Z': return w.tzname ?? '';
    case 'j': return pad(w.dayOfYear, 3);
    case 'U': return pad(weekNumber(w, 0));
    case 'W': return pad(weekNumber(w, 1));
    case 's': return String(w.epoch_s);
    case 'F': return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
    case 'D': case 'x': return `${pad(w.month)}/${pad(w.day)}/${pad(w.year % 100)}`;
    case 'T': case 'X': return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
    case 'R': return `${pad(w.hour)}:${pad(w.minute)}`;
    case 'c': return `${DAYS[w.isoWeekday - 1].slice(0, 3)} ${MONTHS[w.month - 1].slice(0, 3)} ${pad(w.day, 2, ' ')} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${w.year}`;
    case 'n': return '\n';
    case 't': return '\t';
    case '%': return '%';
    default: return null;
  }
}

/** Format like C strftime in the C locale. Unknown directives are kept as written (glibc does that). */
export function strftime(w: WallTime, fmt: string): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch !== '%' || i + 1 >= fmt.length) {
      out += ch;
      continue;
    }
    if (fmt[i + 1] === ':' && fmt[i + 2] === 'z') {
      out += formatOffset(w.offset_s, true); // GNU date %:z
      i += 2;
      continue;
    }
    const d = directive(fmt[i + 1], w);
    out += d ?? '%' + fmt[i + 1];
    i++;
  }
  return out;
}
