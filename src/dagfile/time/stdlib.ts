// The time modules DAG files use: datetime, pendulum, dateutil, zoneinfo (and pytz).

import { Temporal } from 'temporal-polyfill';
import { PyException } from '../errors.ts';
import { arg, argAt, native } from '../python/args.ts';
import { type CallArgs, PyModule, PyNativeClass, type PyValue, typeName } from '../python/values.ts';
import { makeDuration, makeTimedelta, relFromKwargs } from './deltas.ts';
import { toTz } from './attrs.ts';
import { strptime } from './strftime.ts';
import { PyDateTime, PyTimeDelta, PyTz, resolveWall, validZone, zoneError } from './values.ts';

export interface Clock {
  nowMs: number;
}

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'] as const;

function intArg(a: CallArgs, i: number, name: string, def?: number): number {
  const v = arg(a, i, name, def);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') {
    if (def === undefined && v === undefined) throw new PyException('TypeError', `function missing required argument '${name}' (pos ${i + 1})`, null, a.at);
    throw new PyException('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`, null, argAt(a, i, name));
  }
  return v;
}

/** Validates like CPython's datetime constructor and builds the wall clock. */
export function wallFrom(a: CallArgs, dateOnly = false): Temporal.PlainDateTime {
  const f = FIELDS.slice(0, dateOnly ? 3 : 7).map((n, i) => intArg(a, i, n, i < 3 ? undefined : 0));
  const [y, mo, d, h = 0, mi = 0, s = 0, us = 0] = f;
  const bad = (msg: string, i: number) => new PyException('ValueError', msg, null, argAt(a, i, FIELDS[i]));
  if (y < 1 || y > 9999) throw bad(`year ${y} is out of range`, 0);
  if (mo < 1 || mo > 12) throw bad('month must be in 1..12', 1);
  const dim = Temporal.PlainDate.from({ year: y, month: mo, day: 1 }).daysInMonth;
  if (d < 1 || d > dim) throw bad('day is out of range for month', 2);
  if (h < 0 || h > 23) throw bad('hour must be in 0..23', 3);
  if (mi < 0 || mi > 59) throw bad('minute must be in 0..59', 4);
  if (s < 0 || s > 59) throw bad('second must be in 0..59', 5);
  if (us < 0 || us > 999999) throw bad('microsecond must be in 0..999999', 6);
  return Temporal.PlainDateTime.from({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: Math.floor(us / 1000), microsecond: us % 1000 });
}

function nowWall(clock: Clock, tz: PyTz | null): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(clock.nowMs).toZonedDateTimeISO(tz ? tz.name : 'UTC').toPlainDateTime();
}

function parseIso(text: string, at: number, defaultTz: PyTz | null, pendulum: boolean): PyDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) throw new PyException(pendulum ? 'ParserError' : 'ValueError', pendulum ? `Unable to parse string [${text}]` : `Invalid isoformat string: '${text}'`, null, at);
  const us = Number((m[7] ?? '').padEnd(6, '0') || 0);
  let wall: Temporal.PlainDateTime;
  try {
    wall = Temporal.PlainDateTime.from(
      { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), millisecond: Math.floor(us / 1000), microsecond: us % 1000 },
      { overflow: 'reject' },
    );
  } catch {
    throw new PyException('ValueError', 'day is out of range for month', null, at);
  }
  let tz = defaultTz;
  if (m[8]) {
    const off = m[8] === 'Z' ? '+00:00' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8];
    tz = new PyTz(off === '+00:00' ? 'UTC' : off, pendulum ? 'pendulum' : 'fixed');
  }
  return new PyDateTime(wall, tz, pendulum);
}

export function datetimeModule(clock: Clock): PyModule {
  const utc = new PyTz('UTC', 'fixed');
  const timedelta = new PyNativeClass('timedelta', (a) => makeTimedelta(a));
  const timezone = new PyNativeClass(
    'timezone',
    (a) => {
      const off = arg(a, 0, 'offset');
      if (!(off instanceof PyTimeDelta)) throw new PyException('TypeError', `timezone() argument 1 must be datetime.timedelta, not ${typeName(off)}`, null, a.at);
      const mins = Math.round(off.us / 60e6);
      if (mins === 0) return utc;
      const sign = mins < 0 ? '-' : '+';
      const abs = Math.abs(mins);
      return new PyTz(`${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`, 'fixed');
    },
    new Map([['utc', utc]]),
  );
  const make = (a: CallArgs) => {
    const wall = wallFrom(a);
    const tz = toTz(arg(a, 7, 'tzinfo', null), argAt(a, 7, 'tzinfo'), false);
    const fold = a.kw.get('fold') ? 1 : 0;
    return new PyDateTime(wall, tz, false, fold);
  };
  const dtAttrs = new Map<string, PyValue>([
    ['now', native('now', (a) => {
      const tz = toTz(arg(a, 0, 'tz', null), a.at, false);
      return new PyDateTime(nowWall(clock, tz), tz, false);
    })],
    ['utcnow', native('utcnow', () => new PyDateTime(nowWall(clock, null), null, false))],
    ['today', native('today', () => new PyDateTime(nowWall(clock, null), null, false))],
    ['fromisoformat', native('fromisoformat', (a) => parseIso(String(arg(a, 0, 'date_string')), a.at, null, false))],
    ['strptime', native('strptime', (a) => new PyDateTime(strptime(String(arg(a, 0, 'date_string')), String(arg(a, 1, 'format'))), null, false))],
    ['fromtimestamp', native('fromtimestamp', (a) => {
      const tz = toTz(arg(a, 1, 'tz', null), a.at, false);
      const ms = Number(arg(a, 0, 'timestamp')) * 1000;
      return new PyDateTime(Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz ? tz.name : 'UTC').toPlainDateTime(), tz, false);
    })],
  ]);
  const datetime = new PyNativeClass('datetime', make, dtAttrs);
  const date = new PyNativeClass('date', (a) => new PyDateTime(wallFrom(a, true), null, false, 0, true), new Map([
    ['today', native('today', () => new PyDateTime(nowWall(clock, null).with({ hour: 0, minute: 0, second: 0, millisecond: 0, microsecond: 0 }), null, false, 0, true))],
  ]));
  return new PyModule('datetime', new Map<string, PyValue>([['datetime', datetime], ['date', date], ['timedelta', timedelta], ['timezone', timezone]]), false);
}

export function pendulumModule(clock: Clock): PyModule {
  const UTC = new PyTz('UTC', 'pendulum');
  const timezone = native('timezone', (a) => {
    const name = arg(a, 0, 'name');
    if (typeof name !== 'string') throw new PyException('TypeError', `timezone() argument must be str, not ${typeName(name)}`, null, a.at);
    const id = validZone(name, true);
    if (!id) throw zoneError(name, 'pendulum', argAt(a, 0, 'name'));
    return new PyTz(id, 'pendulum');
  });
  const tzArg = (a: CallArgs, i: number, def: PyTz | null) => {
    const v = arg(a, i, 'tz', def);
    return toTz(v, argAt(a, i, 'tz'), true);
  };
  const datetime = native('datetime', (a) => {
    const wall = wallFrom(a);
    // pendulum.datetime(..., tz=UTC): aware in UTC unless tz=None; fold=1 by default
    const tz = tzArg(a, 7, UTC);
    const fold = a.kw.has('fold') ? (a.kw.get('fold') ? 1 : 0) : 1;
    // pendulum normalises a nonexistent local time (02:30 in a spring-forward gap becomes 03:30)
    return new PyDateTime(tz ? resolveWall(wall, tz.name, fold).toPlainDateTime() : wall, tz, true, fold);
  });
  const DateTime = new PyNativeClass('DateTime', (a) => new PyDateTime(wallFrom(a), toTz(arg(a, 7, 'tzinfo', null), a.at, true), true, 0));
  const startOfDay = (w: Temporal.PlainDateTime) => w.with({ hour: 0, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 });
  const attrs = new Map<string, PyValue>([
    ['datetime', datetime],
    ['DateTime', DateTime],
    ['duration', native('duration', (a) => makeDuration(a))],
    ['Duration', new PyNativeClass('Duration', (a) => makeDuration(a))],
    ['timezone', timezone],
    ['Timezone', new PyNativeClass('Timezone', (a) => timezone.impl(a))],
    ['UTC', UTC],
    ['now', native('now', (a) => {
      const tz = tzArg(a, 0, UTC);
      return new PyDateTime(nowWall(clock, tz), tz, true);
    })],
    ['today', native('today', (a) => {
      const tz = tzArg(a, 0, UTC);
      return new PyDateTime(startOfDay(nowWall(clock, tz)), tz, true);
    })],
    ['yesterday', native('yesterday', (a) => {
      const tz = tzArg(a, 0, UTC);
      return new PyDateTime(startOfDay(nowWall(clock, tz)).subtract({ days: 1 }), tz, true);
    })],
    ['tomorrow', native('tomorrow', (a) => {
      const tz = tzArg(a, 0, UTC);
      return new PyDateTime(startOfDay(nowWall(clock, tz)).add({ days: 1 }), tz, true);
    })],
    ['parse', native('parse', (a) => {
      const tz = tzArg(a, 1, UTC);
      return parseIso(String(arg(a, 0, 'text')), a.at, tz, true);
    })],
    ['instance', native('instance', (a) => {
      const dt = arg(a, 0, 'dt');
      if (!(dt instanceof PyDateTime)) throw new PyException('TypeError', 'instance() expects a datetime', null, a.at);
      return new PyDateTime(dt.wall, dt.tz ?? tzArg(a, 1, UTC), true, dt.fold);
    })],
  ]);
  return new PyModule('pendulum', attrs, false);
}

export function zoneinfoModule(): PyModule {
  const ZoneInfo = new PyNativeClass('ZoneInfo', (a) => {
    const key = arg(a, 0, 'key');
    if (typeof key !== 'string') throw new PyException('TypeError', `expected str, not ${typeName(key)}`, null, a.at);
    const id = validZone(key, false);
    if (!id) throw zoneError(key, 'zoneinfo', argAt(a, 0, 'key'));
    return new PyTz(id, 'zoneinfo');
  });
  return new PyModule('zoneinfo', new Map<string, PyValue>([['ZoneInfo', ZoneInfo]]), false);
}

export function pytzModule(): PyModule {
  const timezone = native('timezone', (a) => {
    const key = String(arg(a, 0, 'zone'));
    const id = validZone(key, true);
    if (!id) throw new PyException('UnknownTimeZoneError', `'${key}'`, `"${key}" is not an IANA time zone name.`, argAt(a, 0, 'zone'));
    return new PyTz(id, 'zoneinfo');
  });
  return new PyModule('pytz', new Map<string, PyValue>([['timezone', timezone], ['utc', new PyTz('UTC', 'fixed')], ['UTC', new PyTz('UTC', 'fixed')]]), false);
}

export function relativedeltaModule(): PyModule {
  const rd = new PyNativeClass('relativedelta', (a) => relFromKwargs(a, 'relativedelta'));
  return new PyModule('dateutil.relativedelta', new Map<string, PyValue>([['relativedelta', rd]]), false);
}

export function dateutilTzModule(): PyModule {
  const gettz = native('gettz', (a) => {
    const name = arg(a, 0, 'name', null);
    if (name === null) return new PyTz('UTC', 'zoneinfo');
    const id = validZone(String(name), false);
    return id ? new PyTz(id, 'zoneinfo') : null;
  });
  return new PyModule('dateutil.tz', new Map<string, PyValue>([['gettz', gettz], ['UTC', new PyTz('UTC', 'fixed')], ['tzutc', native('tzutc', () => new PyTz('UTC', 'fixed'))]]), false);
}

/** airflow.utils.timezone: datetime() in the default timezone, utcnow(), parse(). */
export function airflowTimezoneModule(clock: Clock, defaultZone: string, name: string): PyModule {
  const utc = new PyTz('UTC', 'pendulum');
  const defTz = new PyTz(defaultZone, 'pendulum');
  return new PyModule(
    name,
    new Map<string, PyValue>([
      ['datetime', native('datetime', (a) => new PyDateTime(wallFrom(a), toTz(arg(a, 7, 'tzinfo', null), a.at, true) ?? defTz, false))],
      ['utcnow', native('utcnow', () => new PyDateTime(nowWall(clock, utc), utc, true))],
      ['utc', utc],
      ['parse', native('parse', (a) => parseIso(String(arg(a, 0, 'string')), a.at, toTz(arg(a, 1, 'timezone', null), a.at, true) ?? defTz, true))],
    ]),
    false,
  );
}

/** airflow.utils.dates.days_ago(n): midnight UTC today minus n days (deprecated in 2.x, removed in 3). */
export function daysAgo(clock: Clock): PyValue {
  return native('days_ago', (a) => {
    const n = Number(arg(a, 0, 'n'));
    const utc = new PyTz('UTC', 'pendulum');
    const base = nowWall(clock, utc).with({
      hour: Number(arg(a, 1, 'hour', 0)),
      minute: Number(arg(a, 2, 'minute', 0)),
      second: Number(arg(a, 3, 'second', 0)),
      millisecond: 0,
      microsecond: 0,
    });
    return new PyDateTime(base.subtract({ days: n }), utc, true);
  });
}
