// Python values -> plain data for the spec, and Airflow's type-check error messages.

import { PyException } from '../errors.ts';
import { PyDateTime, PyRelativeDelta, PyTimeDelta } from '../time/values.ts';
import type { DeltaSpec, Profile } from '../spec.ts';
import { PyDict, PyFloat, PyList, PySet, PyTuple, type PyValue, classRepr, repr, str, typeName } from '../python/values.ts';
import { ParamObj } from './params.ts';

/** JSON-like value of a Python literal (XCom returns, params, conf). */
export function toJson(v: PyValue, depth = 0): unknown {
  if (depth > 30) return null;
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? v.v : String(v.v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toJson(x, depth + 1));
  if (v instanceof PySet) return v.items().map((x) => toJson(x, depth + 1));
  if (v instanceof PyDict) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.entries()) o[typeof k === 'string' ? k : str(k)] = toJson(x, depth + 1);
    return o;
  }
  if (v instanceof ParamObj) return toJson(v.value, depth + 1);
  if (v instanceof PyDateTime) return v.isoformat();
  if (v instanceof PyTimeDelta) return v.us / 1e6;
  return str(v);
}

export function deltaSpec(v: PyTimeDelta | PyRelativeDelta): DeltaSpec {
  if (v instanceof PyTimeDelta) return { kind: 'timedelta', seconds: v.us / 1e6 };
  const f = v.f;
  return { kind: 'relativedelta', years: f.years, months: f.months, weeks: f.weeks, days: f.days, hours: f.hours, minutes: f.minutes, seconds: f.seconds + f.microseconds / 1e6 };
}

/** Source text of a value's expression, for schedule_text. */
export function isIntLike(v: PyValue): boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

const PY_TYPES: Record<string, string> = {
  int: "<class 'int'>",
  str: "<class 'str'>",
  bool: "<class 'bool'>",
  list: "<class 'list'>",
  dict: "<class 'dict'>",
  timedelta: "<class 'datetime.timedelta'>",
  datetime: "<class 'datetime.datetime'>",
};

/**
 * Airflow's type check for an argument: 2.10 validate_instance_args (airflow/utils/helpers.py),
 * 3.x attrs instance_of validators (DAG) / validate_instance_args (operators).
 */
export function typeMismatch(profile: Profile, style: 'helpers' | 'attrs', name: string, v: PyValue, expected: string, at: number, hint: string): PyException {
  const exp = PY_TYPES[expected] ?? `<class '${expected}'>`;
  const msg =
    style === 'attrs'
      ? `'${name}' must be ${exp} (got ${repr(v)} that is a ${classRepr(v)}).`
      : `'${name}' has an invalid type ${classRepr(v)} with value ${str(v)}, expected type is ${exp}`;
  void profile;
  return new PyException('TypeError', msg, hint, at);
}

/** isinstance(v, expected) with Python's rules (bool is an int). */
export function isType(v: PyValue, expected: string): boolean {
  const t = typeName(v);
  switch (expected) {
    case 'int':
      return t === 'int' || t === 'bool';
    case 'float':
      return t === 'float' || t === 'int' || t === 'bool';
    case 'timedelta':
      return v instanceof PyTimeDelta;
    case 'datetime':
      return v instanceof PyDateTime && !v.dateOnly;
    default:
      return t === expected;
  }
}

/** A timedelta or a number of seconds (retry_delay, poke_interval, ...). */
export function secondsOf(v: PyValue): number | null {
  if (v instanceof PyTimeDelta) return v.us / 1e6;
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

export function pyTypeForHint(expected: string): string {
  return { int: 'a whole number like 3', str: 'a string in quotes', bool: 'True or False', list: 'a list like ["a", "b"]', dict: 'a dict like {"k": "v"}', timedelta: 'a timedelta like timedelta(minutes=5)', datetime: 'a datetime like pendulum.datetime(2024, 1, 1, tz="UTC")' }[expected] ?? expected;
}
