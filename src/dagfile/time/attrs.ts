// Attributes and methods of datetime, timedelta, relativedelta and tzinfo values.

import { Temporal } from 'temporal-polyfill';
import { PyException } from '../errors.ts';
import type { Interp } from '../python/interp.ts';
import { arg, native } from '../python/args.ts';
import { PyFloat, PyOpaque, type PyValue, toNum, typeName } from '../python/values.ts';
import { strftime } from './strftime.ts';
import { PyDateTime, PyRelativeDelta, PyTimeDelta, PyTz, addDelta, resolveWall, validZone, zoneError } from './values.ts';
import { relFromKwargs } from './deltas.ts';

export function timeAttr(_interp: Interp, obj: PyValue, name: string, at: number): PyValue | undefined {
  if (obj instanceof PyTimeDelta) return deltaAttr(obj, name);
  if (obj instanceof PyDateTime) return dateTimeAttr(obj, name, at);
  if (obj instanceof PyTz) {
    if (name === 'name' || name === 'key' || name === 'zone') return obj.name;
    return undefined;
  }
  if (obj instanceof PyRelativeDelta && name in obj.f) return obj.f[name as keyof typeof obj.f];
  return undefined;
}

function deltaAttr(d: PyTimeDelta, name: string): PyValue | undefined {
  const day = 86400e6;
  switch (name) {
    case 'total_seconds':
      return native(name, () => new PyFloat(d.us / 1e6));
    case 'in_seconds':
      return native(name, () => Math.trunc(d.us / 1e6));
    case 'days':
      return Math.floor(d.us / day);
    case 'seconds':
      return Math.floor((d.us - Math.floor(d.us / day) * day) / 1e6);
    case 'microseconds':
      return Math.round(d.us % 1e6);
  }
  return undefined;
}

/** A tz argument: a PyTz, an IANA name (pendulum accepts strings), or None. */
export function toTz(v: PyValue, at: number, allowString: boolean): PyTz | null {
  if (v === null) return null;
  if (v instanceof PyTz) return v;
  if (typeof v === 'string' && allowString) {
    const id = validZone(v, true);
    if (!id) throw zoneError(v, 'pendulum', at);
    return new PyTz(id, 'pendulum');
  }
  if (v instanceof PyOpaque) {
    throw new PyException('SimulatorLimitation', `the time zone comes from ${v.desc}, which the simulator cannot evaluate`, 'Use pendulum.timezone("...") or ZoneInfo("...").', at);
  }
  throw new PyException('TypeError', `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(v)}'`, null, at);
}

function dateTimeAttr(dt: PyDateTime, name: string, at: number): PyValue | undefined {
  const w = dt.wall;
  switch (name) {
    case 'year':
    case 'month':
    case 'day':
    case 'hour':
    case 'minute':
    case 'second':
      return w[name];
    case 'microsecond':
      return w.millisecond * 1000 + w.microsecond;
    case 'tzinfo':
    case 'tz':
    case 'timezone':
      return dt.tz;
    case 'isoformat':
      return native(name, (a) => dt.isoformat(String(arg(a, 0, 'sep', 'T'))));
    case 'strftime':
      return native(name, (a) => strftime(dt, String(arg(a, 0, 'format'))));
    case 'to_date_string':
    case 'date_string':
      return native(name, () => dt.isoformat().slice(0, 10));
    case 'to_iso8601_string':
      return native(name, () => dt.isoformat());
    case 'weekday':
      return native(name, () => w.dayOfWeek - 1);
    case 'isoweekday':
      return native(name, () => w.dayOfWeek);
    case 'date':
      return native(name, () => new PyDateTime(Temporal.PlainDateTime.from({ year: w.year, month: w.month, day: w.day }), null, false, 0, true));
    case 'timestamp':
      return native(name, () => new PyFloat(dt.epochMsIn('UTC') / 1000));
    case 'naive':
      return native(name, () => new PyDateTime(w, null, dt.pendulum, dt.fold));
    case 'replace':
      return native(name, (a) => replace(dt, a.kw, a.kwAt, at));
    case 'astimezone':
    case 'in_timezone':
    case 'in_tz':
      return native(name, (a) => convertTz(dt, toTz(arg(a, 0, 'tz', null), a.at, dt.pendulum), a.at));
    case 'add':
    case 'subtract':
      return native(name, (a) => addDelta(dt, relFromKwargs(a, name), name === 'add' ? 1 : -1));
    case 'start_of':
      return native(name, (a) => {
        const unit = String(arg(a, 0, 'unit'));
        const z = { hour: 0, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 };
        if (unit === 'day') return dt.withWall(w.with(z));
        if (unit === 'month') return dt.withWall(w.with({ ...z, day: 1 }));
        if (unit === 'year') return dt.withWall(w.with({ ...z, day: 1, month: 1 }));
        if (unit === 'hour') return dt.withWall(w.with({ minute: 0, second: 0, millisecond: 0, microsecond: 0 }));
        throw new PyException('ValueError', `Invalid unit "${unit}" for start_of()`);
      });
  }
  return undefined;
}

function replace(dt: PyDateTime, kw: Map<string, PyValue>, kwAt: Map<string, number>, at: number): PyDateTime {
  const fields: Record<string, number> = {};
  let tz = dt.tz;
  let fold = dt.fold;
  for (const [k, v] of kw) {
    if (k === 'tzinfo') tz = toTz(v, kwAt.get(k) ?? at, dt.pendulum);
    else if (k === 'fold') fold = toNum(v) ? 1 : 0;
    else if (['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'].includes(k)) fields[k] = toNum(v);
    else throw new PyException('TypeError', `'${k}' is an invalid keyword argument for replace()`, null, kwAt.get(k) ?? at);
  }
  const us = fields.microsecond;
  delete fields.microsecond;
  let wall: Temporal.PlainDateTime;
  try {
    wall = dt.wall.with({ ...fields, ...(us !== undefined ? { millisecond: Math.floor(us / 1000), microsecond: us % 1000 } : {}) }, { overflow: 'reject' });
  } catch {
    throw new PyException('ValueError', 'day is out of range for month', null, at);
  }
  return new PyDateTime(wall, tz, dt.pendulum, fold);
}

function convertTz(dt: PyDateTime, tz: PyTz | null, at: number): PyDateTime {
  const target = tz ?? new PyTz('UTC', 'fixed');
  const instant = dt.tz ? resolveWall(dt.wall, dt.tz.name, dt.fold) : resolveWall(dt.wall, 'UTC', 0);
  void at;
  const z = instant.withTimeZone(target.name);
  return new PyDateTime(z.toPlainDateTime(), target, dt.pendulum);
}
