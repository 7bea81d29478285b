// Python datetimes for templates: pendulum 3 DateTime (what Airflow puts in the context; pendulum
// 3.0.0 is pinned by the 2.10.3 constraints and required by 3.x), stdlib date and timedelta.
// pendulum 3's DateTime.__str__ is isoformat(" "): `{{ data_interval_start }}` renders
// "2024-06-01 00:00:00+00:00", while `{{ ts }}` (isoformat()) has the "T".
import { Temporal } from 'temporal-polyfill';
import { pyArgs, PyError, splitArgs, type PyObject } from './pyValues.ts';
import { formatOffset, strftime, wallTime, type WallTime } from './strftime.ts';

const MS_PER_DAY = 86_400_000;
const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** datetime.timedelta, normalised like Python (days, seconds in [0, 86400), microseconds). */
export class PyTimedelta implements PyObject {
  readonly __pyclass = 'datetime.timedelta';
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  constructor(readonly ms: number) {
    const us = Math.round(ms * 1000);
    this.days = Math.floor(us / (MS_PER_DAY * 1000));
    const rest = us - this.days * MS_PER_DAY * 1000;
    this.seconds = Math.floor(rest / 1e6);
    this.microseconds = rest - this.seconds * 1e6;
  }

  /** timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0) */
  static make(...args: unknown[]): PyTimedelta {
    const a = pyArgs('timedelta', args, { days: 0, seconds: 0, microseconds: 0, milliseconds: 0, minutes: 0, hours: 0, weeks: 0 });
    const n = (v: unknown): number => Number(v);
    return new PyTimedelta(
      n(a.weeks) * 7 * MS_PER_DAY + n(a.days) * MS_PER_DAY + n(a.hours) * 3_600_000 + n(a.minutes) * 60_000 +
        n(a.seconds) * 1000 + n(a.milliseconds) + n(a.microseconds) / 1000,
    );
  }

  total_seconds(): number {
    return this.ms / 1000;
  }

  valueOf(): number {
    return this.ms;
  }

  __str__(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor(this.seconds / 60) % 60;
    const s = this.seconds % 60;
    let out = `${h}:${pad(m)}:${pad(s)}`;
    if (this.microseconds) out += '.' + pad(this.microseconds, 6);
    if (this.days) out = `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${out}`;
    return out;
  }

  __repr__(): string {
    const parts = [this.days && `days=${this.days}`, this.seconds && `seconds=${this.seconds}`, this.microseconds && `microseconds=${this.microseconds}`].filter(Boolean);
    return `datetime.timedelta(${parts.join(', ')})`;
  }

  toString(): string {
    return this.__str__();
  }
}

/** datetime.date */
export class PyDate implements PyObject {
  readonly __pyclass = 'datetime.date';
  constructor(readonly year: number, readonly month: number, readonly day: number) {}

  private wall(): WallTime {
    return wallTime(Date.UTC(this.year, this.month - 1, this.day), null);
  }

  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  strftime(...args: unknown[]): string {
    return strftime(this.wall(), String(pyArgs('strftime', args, { format: '' }).format));
  }

  weekday(): number {
    return this.wall().isoWeekday - 1;
  }

  isoweekday(): number {
    return this.wall().isoWeekday;
  }

  valueOf(): number {
    return Date.UTC(this.year, this.month - 1, this.day);
  }

  __str__(): string {
    return this.isoformat();
  }

  __repr__(): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }

  toString(): string {
    return this.__str__();
  }
}

/** pendulum.DateTime (zone set) or a naive stdlib datetime.datetime (zone null). */
export class PyDateTime implements PyObject {
  readonly __pyclass: string;

  /** @param ms epoch milliseconds; for naive datetimes, the wall time read as if it were UTC */
  constructor(readonly ms: number, readonly zone: string | null = 'UTC') {
    this.__pyclass = zone === null ? 'datetime.datetime' : 'pendulum.datetime.DateTime';
  }

  private get w(): WallTime {
    return wallTime(this.ms, this.zone);
  }

  private zdt(): Temporal.ZonedDateTime {
    return Temporal.Instant.fromEpochNanoseconds(BigInt(Math.round(this.ms * 1000)) * 1000n).toZonedDateTimeISO(this.zone ?? 'UTC');
  }

  get year(): number { return this.w.year; }
  get month(): number { return this.w.month; }
  get day(): number { return this.w.day; }
  get hour(): number { return this.w.hour; }
  get minute(): number { return this.w.minute; }
  get second(): number { return this.w.second; }
  get microsecond(): number { return this.w.microsecond; }
  get day_of_year(): number { return this.w.dayOfYear; }
  get int_timestamp(): number { return Math.floor(this.ms / 1000); }
  get timezone_name(): string | null { return this.zone; }
  get tzinfo(): PyTimezone | null { return this.zone === null ? null : new PyTimezone(this.zone); }

  weekday(): number { return this.w.isoWeekday - 1; }
  isoweekday(): number { return this.w.isoWeekday; }
  timestamp(): number { return this.ms / 1000; }
  date(): PyDate { return new PyDate(this.year, this.month, this.day); }
  tzname(): string | null { return this.w.tzname; }

  isoformat(...args: unknown[]): string {
    const { sep } = pyArgs('isoformat', args, { sep: 'T', timespec: 'auto' });
    const w = this.w;
    let s = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}${String(sep)}${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
    if (w.microsecond) s += '.' + pad(w.microsecond, 6);
    return s + formatOffset(w.offset_s, true);
  }

  strftime(...args: unknown[]): string {
    return strftime(this.w, String(pyArgs('strftime', args, { format: '' }).format));
  }

  /** pendulum in_timezone / in_tz */
  in_timezone(...args: unknown[]): PyDateTime {
    const { tz } = pyArgs('in_timezone', args, { tz: 'UTC' });
    const name = tz instanceof PyTimezone ? tz.name : String(tz);
    try {
      wallTime(this.ms, name);
    } catch {
      throw new PyError('InvalidTimezone', `Invalid timezone '${name}'`);
    }
    return new PyDateTime(this.ms, name);
  }

  in_tz(...args: unknown[]): PyDateTime {
    return this.in_timezone(...args);
  }

  /** pendulum add(): years/months/weeks/days move the wall clock, smaller units are exact time. */
  add(...args: unknown[]): PyDateTime {
    return this.shift(args, 1);
  }

  subtract(...args: unknown[]): PyDateTime {
    return this.shift(args, -1);
  }

  private shift(args: unknown[], sign: 1 | -1): PyDateTime {
    const a = pyArgs(sign > 0 ? 'add' : 'subtract', args, { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, microseconds: 0 });
    const n = (v: unknown): number => sign * Number(v);
    const calendar = this.zdt().add({ years: n(a.years), months: n(a.months), weeks: n(a.weeks), days: n(a.days) });
    const exact = n(a.hours) * 3_600_000 + n(a.minutes) * 60_000 + n(a.seconds) * 1000 + n(a.microseconds) / 1000;
    return new PyDateTime(Number(calendar.epochNanoseconds / 1000n) / 1000 + exact, this.zone);
  }

  /** datetime.replace(year=..., hour=..., ...) in wall time. */
  replace(...args: unknown[]): PyDateTime {
    const w = this.w;
    const a = pyArgs('replace', args, { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, microsecond: w.microsecond });
    const pdt = Temporal.PlainDateTime.from({
      year: Number(a.year), month: Number(a.month), day: Number(a.day), hour: Number(a.hour), minute: Number(a.minute), second: Number(a.second),
      millisecond: Math.floor(Number(a.microsecond) / 1000), microsecond: Number(a.microsecond) % 1000,
    }, { overflow: 'reject' });
    const z = pdt.toZonedDateTime(this.zone ?? 'UTC', { disambiguation: 'compatible' });
    return new PyDateTime(Number(z.epochNanoseconds / 1000n) / 1000, this.zone);
  }

  /** pendulum start_of / end_of for second ... year */
  start_of(unit: unknown): PyDateTime {
    return this.edge(String(unit), false);
  }

  end_of(unit: unknown): PyDateTime {
    return this.edge(String(unit), true);
  }

  private edge(unit: string, end: boolean): PyDateTime {
    const w = this.w;
    const units = ['year', 'month', 'day', 'hour', 'minute', 'second'];
    const u = unit === 'week' ? 'day' : unit;
    const k = units.indexOf(u);
    if (k < 0) throw new PyError('ValueError', `Invalid unit "${unit}" for start_of()`);
    let base = this.replace({ __keywords: true, ...(k < 1 ? { month: 1 } : {}), ...(k < 2 ? { day: 1 } : {}), ...(k < 3 ? { hour: 0 } : {}), ...(k < 4 ? { minute: 0 } : {}), ...(k < 5 ? { second: 0 } : {}), microsecond: 0 });
    if (unit === 'week') base = base.subtract({ __keywords: true, days: w.isoWeekday - 1 });
    if (!end) return base;
    const next = base.add({ __keywords: true, [unit === 'week' ? 'weeks' : `${unit}s`]: 1 });
    return new PyDateTime(next.ms - 0.001, this.zone);
  }

  to_date_string(): string { return this.isoformat().slice(0, 10); }
  to_time_string(): string { return this.isoformat().slice(11, 19); }
  to_datetime_string(): string { return this.isoformat(' ').slice(0, 19); }

  /** pendulum to_iso8601_string: "Z" for UTC */
  to_iso8601_string(): string {
    const s = this.isoformat();
    return this.zone === 'UTC' ? s.replace(/\+00:00$/, 'Z') : s;
  }

  /** pendulum format() tokens (the common ones). */
  format(fmt: unknown): string {
    return pendulumFormat(this.w, String(fmt));
  }

  valueOf(): number {
    return this.ms;
  }

  __str__(): string {
    return this.isoformat(' ');
  }

  __repr__(): string {
    const w = this.w;
    if (this.zone === null) {
      const f = [w.year, w.month, w.day, w.hour, w.minute, ...(w.second || w.microsecond ? [w.second] : []), ...(w.microsecond ? [w.microsecond] : [])];
      return `datetime.datetime(${f.join(', ')})`;
    }
    const f = [w.year, w.month, w.day, w.hour, w.minute, w.second, ...(w.microsecond ? [w.microsecond] : [])];
    return `DateTime(${f.join(', ')}, tzinfo=Timezone('${this.zone}'))`;
  }

  toString(): string {
    return this.__str__();
  }
}

/** pendulum Timezone: str() is its name. */
export class PyTimezone implements PyObject {
  readonly __pyclass = 'pendulum.tz.timezone.Timezone';
  constructor(readonly name: string) {}
  __str__(): string { return this.name; }
  __repr__(): string { return `Timezone('${this.name}')`; }
  toString(): string { return this.name; }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pendulumFormat(w: WallTime, fmt: string): string {
  const tokens: Record<string, () => string> = {
    YYYY: () => pad(w.year, 4), YY: () => pad(w.year % 100),
    MMMM: () => MONTHS[w.month - 1], MMM: () => MONTHS[w.month - 1].slice(0, 3), MM: () => pad(w.month), M: () => String(w.month),
    DDDD: () => pad(w.dayOfYear, 3), DD: () => pad(w.day), D: () => String(w.day),
    dddd: () => DAYS[w.isoWeekday - 1], ddd: () => DAYS[w.isoWeekday - 1].slice(0, 3), d: () => String(w.isoWeekday % 7),
    HH: () => pad(w.hour), H: () => String(w.hour), hh: () => pad(w.hour % 12 || 12), h: () => String(w.hour % 12 || 12),
    mm: () => pad(w.minute), m: () => String(w.minute), ss: () => pad(w.second), s: () => String(w.second),
    SSSSSS: () => pad(w.microsecond, 6), SSS: () => pad(Math.floor(w.microsecond / 1000), 3),
    A: () => (w.hour < 12 ? 'AM' : 'PM'), a: () => (w.hour < 12 ? 'am' : 'pm'),
    ZZ: () => formatOffset(w.offset_s), Z: () => formatOffset(w.offset_s, true), z: () => w.tzname ?? '', X: () => String(w.epoch_s),
  };
  const re = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DDDD|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSSSSS|SSS|A|a|ZZ|Z|z|X/g;
  return fmt.replace(re, (tok, literal?: string) => (literal !== undefined ? literal : tokens[tok]()));
}

// ---- strptime ----------------------------------------------------------------------------

const STRPTIME: Record<string, string> = {
  Y: '(?<Y>\\d{4})', m: '(?<m>\\d{1,2})', d: '(?<d>\\d{1,2})', H: '(?<H>\\d{1,2})', M: '(?<M>\\d{1,2})', S: '(?<S>\\d{1,2})',
  f: '(?<f>\\d{1,6})', y: '(?<y>\\d{2})', I: '(?<I>\\d{1,2})', p: '(?<p>AM|PM|am|pm)', j: '(?<j>\\d{1,3})',
  b: '(?<b>[A-Za-z]{3})', B: '(?<B>[A-Za-z]+)', a: '[A-Za-z]{3}', A: '[A-Za-z]+', z: '(?<z>[+-]\\d{2}:?\\d{2}|Z)', '%': '%',
};

/** datetime.strptime(text, format): naive unless %z is given. */
export function strptime(text: string, format: string): PyDateTime {
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && i + 1 < format.length) {
      const d = STRPTIME[format[++i]];
      if (d === undefined) throw new PyError('ValueError', `'${format[i]}' is a bad directive in format '${format}'`);
      re += d;
    } else if (/\s/.test(c)) re += '\\s+';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(text);
  if (!m) throw new PyError('ValueError', `time data ${JSON.stringify(text).replace(/^"|"$/g, "'")} does not match format '${format}'`);
  const g = m.groups ?? {};
  const month = g.m ? Number(g.m) : g.b || g.B ? MONTHS.findIndex((x) => x.toLowerCase().startsWith((g.b ?? g.B).toLowerCase().slice(0, 3))) + 1 : 1;
  let hour = g.H ? Number(g.H) : g.I ? Number(g.I) % 12 : 0;
  if (g.p && /pm/i.test(g.p)) hour += 12;
  const year = g.Y ? Number(g.Y) : g.y ? (Number(g.y) < 69 ? 2000 : 1900) + Number(g.y) : 1900;
  let ms = Date.UTC(year, month - 1, g.d ? Number(g.d) : 1, hour, g.M ? Number(g.M) : 0, g.S ? Number(g.S) : 0) + (g.f ? Number(g.f.padEnd(6, '0')) / 1000 : 0);
  if (g.j) ms = Date.UTC(year, 0, 1) + (Number(g.j) - 1) * MS_PER_DAY;
  const check = new Date(ms);
  if (g.d && check.getUTCDate() !== Number(g.d)) throw new PyError('ValueError', 'day is out of range for month');
  if (g.z) {
    const z = g.z === 'Z' ? 0 : (g.z[0] === '-' ? -1 : 1) * (Number(g.z.slice(1, 3)) * 60 + Number(g.z.slice(-2)));
    return new PyDateTime(ms - z * 60_000, z === 0 ? 'UTC' : `Etc/GMT${z > 0 ? '-' : '+'}${Math.abs(z) / 60}`);
  }
  return new PyDateTime(ms, null);
}

/** `datetime.datetime(...)` as macros.datetime: a naive datetime, with strptime/now/utcnow/fromisoformat. */
export function datetimeClass(now_ms: () => number) {
  const make = (...args: unknown[]): PyDateTime => {
    const { pos } = splitArgs(args);
    if (pos.length < 3) throw new PyError('TypeError', "function missing required argument 'day' (pos 3)");
    const a = pyArgs('datetime', args, { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0, tzinfo: null });
    const ms = Date.UTC(Number(a.year), Number(a.month) - 1, Number(a.day), Number(a.hour), Number(a.minute), Number(a.second)) + Number(a.microsecond) / 1000;
    const tz = a.tzinfo instanceof PyTimezone ? a.tzinfo.name : null;
    if (tz === null) return new PyDateTime(ms, null);
    const zoned = Temporal.PlainDateTime.from(new Date(ms).toISOString().slice(0, 23)).toZonedDateTime(tz);
    return new PyDateTime(zoned.epochMilliseconds, tz);
  };
  return Object.assign(make, {
    strptime: (...args: unknown[]) => {
      const a = pyArgs('strptime', args, { date_string: '', format: '' });
      return strptime(String(a.date_string), String(a.format));
    },
    // the worker's local zone is UTC in the simulated cluster
    now: () => new PyDateTime(now_ms(), null),
    utcnow: () => new PyDateTime(now_ms(), null),
    fromisoformat: (s: unknown) => fromIso(String(s)),
  });
}

function fromIso(s: string): PyDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) throw new PyError('ValueError', `Invalid isoformat string: '${s}'`);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) + (m[7] ? Number(m[7].padEnd(6, '0')) / 1000 : 0);
  if (!m[8]) return new PyDateTime(ms, null);
  const off = m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4)));
  return new PyDateTime(ms - off * 60_000, 'UTC');
}

/** Python datetime arithmetic: datetime ± timedelta, datetime - datetime, timedelta ± timedelta. */
export function dateArith(op: '+' | '-', a: unknown, b: unknown): unknown {
  if (a instanceof PyDateTime && b instanceof PyTimedelta) return new PyDateTime(a.ms + (op === '+' ? b.ms : -b.ms), a.zone);
  if (op === '+' && a instanceof PyTimedelta && b instanceof PyDateTime) return new PyDateTime(b.ms + a.ms, b.zone);
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(op === '+' ? a.ms + b.ms : a.ms - b.ms);
  if (op === '-' && a instanceof PyDateTime && b instanceof PyDateTime) {
    if ((a.zone === null) !== (b.zone === null)) throw new PyError('TypeError', "can't subtract offset-naive and offset-aware datetimes");
    return new PyTimedelta(a.ms - b.ms);
  }
  if (a instanceof PyDate && b instanceof PyTimedelta) {
    const d = new Date(a.valueOf() + (op === '+' ? 1 : -1) * Math.trunc(b.ms / MS_PER_DAY) * MS_PER_DAY);
    return new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return undefined;
}
