// timedelta(...), relativedelta(...), pendulum.duration(...) constructors.

import { PyException } from '../errors.ts';
import { type CallArgs, PyFloat, type PyValue, isNumber, toNum, typeName } from '../python/values.ts';
import { PyRelativeDelta, PyTimeDelta, type RelFields } from './values.ts';

const TD_ORDER = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
const TD_US: Record<string, number> = {
  days: 86400e6,
  seconds: 1e6,
  microseconds: 1,
  milliseconds: 1e3,
  minutes: 60e6,
  hours: 3600e6,
  weeks: 7 * 86400e6,
};

function component(v: PyValue, name: string, at: number): number {
  if (!isNumber(v)) throw new PyException('TypeError', `unsupported type for timedelta ${name} component: ${typeName(v)}`, null, at);
  return toNum(v);
}

export function makeTimedelta(a: CallArgs, pendulum = false): PyTimeDelta {
  if (a.pos.length > TD_ORDER.length) throw new PyException('TypeError', `timedelta expected at most 7 arguments, got ${a.pos.length}`, null, a.at);
  let us = 0;
  a.pos.forEach((v, i) => (us += component(v, TD_ORDER[i], a.posAt[i]) * TD_US[TD_ORDER[i]]));
  for (const [k, v] of a.kw) {
    const at = a.kwAt.get(k) ?? a.at;
    if (!(k in TD_US)) throw new PyException('TypeError', `'${k}' is an invalid keyword argument for __new__()`, null, at);
    us += component(v, k, at) * TD_US[k];
  }
  if (Math.abs(us) > 999999999 * 86400e6) throw new PyException('OverflowError', 'days=1000000000; must have magnitude <= 999999999', null, a.at);
  return new PyTimeDelta(Math.round(us), pendulum);
}

export function makeDuration(a: CallArgs): PyTimeDelta {
  const kw = new Map(a.kw);
  let extraDays = 0;
  for (const [k, d] of [['years', 365], ['months', 30]] as const) {
    const v = kw.get(k);
    if (v !== undefined) {
      extraDays += component(v, k, a.kwAt.get(k) ?? a.at) * d;
      kw.delete(k);
    }
  }
  const td = makeTimedelta({ ...a, kw });
  return new PyTimeDelta(td.us + Math.round(extraDays * 86400e6), true);
}

const REL_KEYS: (keyof RelFields)[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'microseconds'];
const REL_ABSOLUTE = ['year', 'month', 'day', 'weekday', 'yearday', 'nlyearday', 'hour', 'minute', 'second', 'microsecond', 'leapdays'];

/** relativedelta(years=..., months=..., ...) and pendulum's add()/subtract() keywords. */
export function relFromKwargs(a: CallArgs, fname: string): PyRelativeDelta {
  if (a.pos.length) throw new PyException('SimulatorLimitation', `${fname}() with positional arguments (dt1, dt2) is not modelled by the simulator`, 'Pass years=, months=, days=... as keywords.', a.at);
  const f: RelFields = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, microseconds: 0 };
  for (const [k, v] of a.kw) {
    const at = a.kwAt.get(k) ?? a.at;
    if (REL_ABSOLUTE.includes(k)) {
      throw new PyException('SimulatorLimitation', `relativedelta(${k}=...) (an absolute field) is not modelled by the simulator`, 'Use the relative fields: years, months, weeks, days, hours, minutes, seconds.', at);
    }
    if (!(REL_KEYS as string[]).includes(k)) throw new PyException('TypeError', `${fname}() got an unexpected keyword argument '${k}'`, null, at);
    if (!isNumber(v)) throw new PyException('TypeError', `unsupported type for ${k}: ${typeName(v)}`, null, at);
    const n = toNum(v);
    if (v instanceof PyFloat && (k === 'years' || k === 'months') && !Number.isInteger(n)) {
      throw new PyException('ValueError', 'Non-integer years and months are ambiguous and not currently supported.', null, at);
    }
    f[k as keyof RelFields] = n;
  }
  return new PyRelativeDelta(f);
}
