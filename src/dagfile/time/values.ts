// datetime, timedelta, relativedelta and tzinfo values, on Temporal.
// A datetime keeps its wall-clock fields and its zone; the instant is resolved when needed,
// with pendulum's rule (nonexistent -> shift forward, ambiguous -> later, fold=1) or the
// stdlib's (fold=0: ambiguous -> earlier).

import { Temporal } from 'temporal-polyfill';
import { PyException } from '../errors.ts';
import { PyObject, type PyValue } from '../python/values.ts';

export class PyTz extends PyObject {
  readonly typeName: string;
  /** an IANA name, "UTC", or a fixed offset like "+09:00" */
  constructor(
    readonly name: string,
    readonly flavour: 'pendulum' | 'zoneinfo' | 'fixed',
  ) {
    super();
    this.typeName = flavour === 'pendulum' ? 'Timezone' : flavour === 'zoneinfo' ? 'ZoneInfo' : 'timezone';
  }
  pyRepr(): string {
    if (this.flavour === 'pendulum') return `Timezone('${this.name}')`;
    if (this.flavour === 'zoneinfo') return `zoneinfo.ZoneInfo(key='${this.name}')`;
    return this.name === 'UTC' ? 'datetime.timezone.utc' : `datetime.timezone(${this.name})`;
  }
  pyStr(): string {
    return this.name;
  }
  pyEq(o: PyValue): boolean {
    return o instanceof PyTz && o.name === this.name;
  }
  hashKey(): string {
    return 'tz' + this.name;
  }
}

/** Checks an IANA name the way zoneinfo does (case-sensitive); pendulum also accepts "utc". */
export function validZone(name: string, caseInsensitiveUtc: boolean): string | null {
  if (caseInsensitiveUtc && name.toLowerCase() === 'utc') return 'UTC';
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && !/^[+-]\d\d:\d\d$/.test(name)) return null;
  try {
    const id = Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: name }).timeZoneId;
    if (id !== name && !(id === 'UTC' && name === 'UTC')) return null;
    return id;
  } catch {
    return null;
  }
}

export function zoneError(name: string, flavour: 'pendulum' | 'zoneinfo', pos: number | null): PyException {
  if (flavour === 'zoneinfo') {
    return new PyException('ZoneInfoNotFoundError', `'No time zone found with key ${name}'`, timezoneHint(name), pos);
  }
  return new PyException('InvalidTimezone', `Invalid timezone '${name}'`, timezoneHint(name), pos);
}

function timezoneHint(name: string): string {
  return `"${name}" is not a time zone name from the IANA database. Use names like "UTC", "Asia/Seoul" or "Europe/Amsterdam" (case matters).`;
}

export class PyTimeDelta extends PyObject {
  readonly typeName: string;
  /** total microseconds, kept as an integer */
  constructor(
    readonly us: number,
    pendulum = false,
  ) {
    super();
    this.typeName = pendulum ? 'Duration' : 'timedelta';
  }
  get seconds(): number {
    return this.us / 1e6;
  }
  pyBool(): boolean {
    return this.us !== 0;
  }
  pyEq(o: PyValue): boolean {
    return o instanceof PyTimeDelta && o.us === this.us;
  }
  hashKey(): string {
    return 'td' + this.us;
  }
  /** str(timedelta): "1 day, 2:03:04", "-1 day, 23:59:59", "0:05:00.500000" */
  pyStr(): string {
    let us = this.us;
    const day = 86400e6;
    const days = Math.floor(us / day);
    us -= days * day;
    const h = Math.floor(us / 3600e6);
    us -= h * 3600e6;
    const m = Math.floor(us / 60e6);
    us -= m * 60e6;
    const s = Math.floor(us / 1e6);
    us -= s * 1e6;
    let out = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    if (us) out += '.' + String(Math.round(us)).padStart(6, '0');
    if (days) out = `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${out}`;
    return out;
  }
  pyRepr(): string {
    const day = 86400e6;
    const days = Math.floor(this.us / day);
    const rest = this.us - days * day;
    const secs = Math.floor(rest / 1e6);
    const micro = Math.round(rest - secs * 1e6);
    const parts: string[] = [];
    if (days) parts.push(`days=${days}`);
    if (secs) parts.push(`seconds=${secs}`);
    if (micro) parts.push(`microseconds=${micro}`);
    return `datetime.timedelta(${parts.join(', ')})`;
  }
}

export interface RelFields {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  microseconds: number;
}

export class PyRelativeDelta extends PyObject {
  readonly typeName = 'relativedelta';
  constructor(readonly f: RelFields) {
    super();
  }
  pyBool(): boolean {
    return Object.values(this.f).some((x) => x !== 0);
  }
  pyEq(o: PyValue): boolean {
    return o instanceof PyRelativeDelta && (Object.keys(this.f) as (keyof RelFields)[]).every((k) => o.f[k] === this.f[k]);
  }
  hashKey(): string {
    return 'rd' + JSON.stringify(this.f);
  }
  pyRepr(): string {
    const parts = (Object.keys(this.f) as (keyof RelFields)[]).filter((k) => this.f[k]).map((k) => `${k}=${this.f[k] > 0 ? '+' : ''}${this.f[k]}`);
    return `relativedelta(${parts.join(', ')})`;
  }
}

/** A date or datetime. `tz` null means naive. */
export class PyDateTime extends PyObject {
  readonly typeName: string;
  constructor(
    readonly wall: Temporal.PlainDateTime,
    readonly tz: PyTz | null,
    /** pendulum DateTime (fold=1 default) or stdlib datetime (fold=0) */
    readonly pendulum: boolean,
    readonly fold: 0 | 1 = pendulum ? 1 : 0,
    readonly dateOnly = false,
  ) {
    super();
    this.typeName = dateOnly ? 'date' : pendulum ? 'DateTime' : 'datetime';
  }

  /** The instant, or null for a naive datetime. */
  epochMs(): number | null {
    if (!this.tz) return null;
    return resolveWall(this.wall, this.tz.name, this.fold).epochMilliseconds;
  }

  /** The instant, taking `zone` for naive datetimes (Airflow's default_timezone). */
  epochMsIn(zone: string): number {
    return resolveWall(this.wall, this.tz ? this.tz.name : zone, this.tz ? this.fold : 0).epochMilliseconds;
  }

  withWall(wall: Temporal.PlainDateTime): PyDateTime {
    return new PyDateTime(wall, this.tz, this.pendulum, this.fold, this.dateOnly);
  }

  pyEq(o: PyValue): boolean {
    if (!(o instanceof PyDateTime)) return false;
    if (!this.tz !== !o.tz) return false;
    if (!this.tz) return Temporal.PlainDateTime.compare(this.wall, o.wall) === 0;
    return this.epochMs() === o.epochMs();
  }
  hashKey(): string {
    return 'dt' + (this.tz ? this.epochMs() : this.wall.toString());
  }

  isoformat(sep = 'T'): string {
    const w = this.wall;
    const d = `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
    if (this.dateOnly) return d;
    let t = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
    const us = w.millisecond * 1000 + w.microsecond;
    if (us) t += '.' + String(us).padStart(6, '0');
    let off = '';
    if (this.tz) {
      // the offset is wall clock minus instant (a stdlib datetime in a DST gap keeps its wall time)
      const mins = Math.round((resolveWall(w, 'UTC', 0).epochMilliseconds - this.epochMs()!) / 60000);
      const a = Math.abs(mins);
      off = `${mins < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
    }
    return `${d}${sep}${t}${off}`;
  }
  pyStr(): string {
    return this.pendulum ? this.isoformat('T') : this.isoformat(' ');
  }
  pyRepr(): string {
    const w = this.wall;
    if (this.dateOnly) return `datetime.date(${w.year}, ${w.month}, ${w.day})`;
    const args = [w.year, w.month, w.day, w.hour, w.minute];
    if (w.second || w.millisecond || w.microsecond) args.push(w.second);
    const us = w.millisecond * 1000 + w.microsecond;
    if (us) args.push(us);
    const tz = this.tz ? `, tzinfo=${this.tz.pyRepr()}` : '';
    if (this.pendulum) return `DateTime(${args.join(', ')}${tz})`;
    return `datetime.datetime(${args.join(', ')}${tz})`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function resolveWall(wall: Temporal.PlainDateTime, zone: string, fold: 0 | 1): Temporal.ZonedDateTime {
  // fold=1 picks the later of two ambiguous instants; a nonexistent time moves forward either way
  return wall.toZonedDateTime(zone, { disambiguation: fold === 1 ? 'later' : 'compatible' });
}

/** Adds a timedelta or relativedelta to a datetime (wall-clock arithmetic, as Python does). */
export function addDelta(dt: PyDateTime, delta: PyTimeDelta | PyRelativeDelta, sign: 1 | -1): PyDateTime {
  let w = dt.wall;
  if (delta instanceof PyTimeDelta) {
    const us = sign * delta.us;
    const days = Math.trunc(us / 86400e6);
    const rest = us - days * 86400e6;
    w = w.add({ days }).add({ microseconds: rest });
  } else {
    const f = delta.f;
    w = w.add({ years: sign * f.years, months: sign * f.months }, { overflow: 'constrain' });
    const us = Math.round(((f.hours * 60 + f.minutes) * 60 + f.seconds) * 1e6 + f.microseconds);
    w = w.add({ days: sign * Math.trunc(f.days + 7 * f.weeks) }).add({ microseconds: sign * us });
  }
  return dt.withWall(w);
}

export function deltaSeconds(d: PyTimeDelta): number {
  return d.us / 1e6;
}
