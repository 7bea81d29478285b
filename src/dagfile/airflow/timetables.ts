// Timetable classes from airflow.timetables.* (signatures: 2.10 airflow/timetables/{interval,trigger,simple}.py,
// 3.x task-sdk definitions/timetables/*.py and airflow-core timetables).

import { PyException } from '../errors.ts';
import { arg, argAt } from '../python/args.ts';
import { type CallArgs, PyNativeClass, PyObject, type PyValue, typeName } from '../python/values.ts';
import { PyRelativeDelta, PyTimeDelta, PyTz, validZone, zoneError } from '../time/values.ts';
import type { DeltaSpec, Profile } from '../spec.ts';
import { deltaSpec } from './convert.ts';

export class TimetableObj extends PyObject {
  constructor(
    readonly name: string,
    readonly crons: string[],
    readonly delta: DeltaSpec | null,
    readonly timezone: string | null,
    readonly interval: DeltaSpec | null,
    readonly runImmediately: boolean | DeltaSpec,
    /** where each cron string was written, for validation errors */
    readonly cronAt: number[],
  ) {
    super();
  }
  get typeName(): string {
    return this.name;
  }
  pyRepr(): string {
    return `<${this.name}>`;
  }
}

function tzName(v: PyValue, at: number): string {
  if (v instanceof PyTz) return v.name;
  if (typeof v === 'string') {
    const id = validZone(v, true);
    if (!id) throw zoneError(v, 'pendulum', at);
    return id;
  }
  throw new PyException('TypeError', `timezone must be a string or a tzinfo, not ${typeName(v)}`, null, at);
}

function delta(v: PyValue, name: string, at: number): DeltaSpec {
  if (v instanceof PyTimeDelta || v instanceof PyRelativeDelta) return deltaSpec(v);
  throw new PyException('TypeError', `${name} must be a timedelta or relativedelta, not ${typeName(v)}`, null, at);
}

function cronArg(a: CallArgs, i: number, name: string): string {
  const v = arg(a, i, name);
  if (typeof v !== 'string') throw new PyException('TypeError', `${name} must be a cron string, not ${typeName(v)}`, null, argAt(a, i, name));
  return v;
}

function noExtra(cls: string, a: CallArgs, allowed: string[], maxPos: number): void {
  if (a.pos.length > maxPos) throw new PyException('TypeError', `${cls}.__init__() takes ${maxPos + 1} positional arguments but ${a.pos.length + 1} were given`, null, a.at);
  for (const k of a.kw.keys()) {
    if (!allowed.includes(k)) throw new PyException('TypeError', `${cls}.__init__() got an unexpected keyword argument '${k}'`, null, a.kwAt.get(k) ?? a.at);
  }
}

function requireTz(cls: string, a: CallArgs, i: number): string {
  const v = i < a.pos.length ? a.pos[i] : a.kw.get('timezone');
  if (v === undefined) throw new PyException('TypeError', `${cls}.__init__() missing 1 required keyword-only argument: 'timezone'`, 'Pass timezone="UTC" (or the zone the cron times are in).', a.at);
  return tzName(v, argAt(a, i, 'timezone'));
}

function runImmediately(v: PyValue | undefined, at: number): boolean | DeltaSpec {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  return delta(v, 'run_immediately', at);
}

export function timetableClasses(profile: Profile): Map<string, PyNativeClass> {
  const m = new Map<string, PyNativeClass>();
  const add = (name: string, impl: (a: CallArgs) => PyValue) => m.set(name, new PyNativeClass(name, impl));
  add('CronDataIntervalTimetable', (a) => {
    noExtra('CronDataIntervalTimetable', a, ['cron', 'timezone'], 2);
    const cron = cronArg(a, 0, 'cron');
    if (a.pos.length < 2 && !a.kw.has('timezone')) throw new PyException('TypeError', "CronDataIntervalTimetable.__init__() missing 1 required positional argument: 'timezone'", null, a.at);
    return new TimetableObj('CronDataIntervalTimetable', [cron], null, tzName(arg(a, 1, 'timezone'), argAt(a, 1, 'timezone')), null, false, [argAt(a, 0, 'cron')]);
  });
  add('DeltaDataIntervalTimetable', (a) => {
    noExtra('DeltaDataIntervalTimetable', a, ['delta'], 1);
    return new TimetableObj('DeltaDataIntervalTimetable', [], delta(arg(a, 0, 'delta'), 'delta', argAt(a, 0, 'delta')), null, null, false, []);
  });
  add('CronTriggerTimetable', (a) => {
    const kws = profile === '2' ? ['cron', 'timezone', 'interval'] : ['cron', 'timezone', 'interval', 'run_immediately'];
    noExtra('CronTriggerTimetable', a, kws, profile === '2' ? 1 : 2);
    const cron = cronArg(a, 0, 'cron');
    const tz = requireTz('CronTriggerTimetable', a, profile === '2' ? 99 : 1);
    const iv = a.kw.get('interval');
    return new TimetableObj('CronTriggerTimetable', [cron], null, tz, iv === undefined ? null : delta(iv, 'interval', a.kwAt.get('interval')!), runImmediately(a.kw.get('run_immediately'), a.kwAt.get('run_immediately') ?? a.at), [argAt(a, 0, 'cron')]);
  });
  if (profile === '3') {
    add('DeltaTriggerTimetable', (a) => {
      noExtra('DeltaTriggerTimetable', a, ['delta', 'interval'], 1);
      const iv = a.kw.get('interval');
      return new TimetableObj('DeltaTriggerTimetable', [], delta(arg(a, 0, 'delta'), 'delta', argAt(a, 0, 'delta')), null, iv === undefined ? null : delta(iv, 'interval', a.kwAt.get('interval')!), false, []);
    });
    add('MultipleCronTriggerTimetable', (a) => {
      noExtra('MultipleCronTriggerTimetable', a, ['timezone', 'interval', 'run_immediately'], 1000);
      if (!a.pos.length) throw new PyException('ValueError', 'cron expression required', null, a.at);
      const crons = a.pos.map((v, i) => {
        if (typeof v !== 'string') throw new PyException('TypeError', `cron must be a string, not ${typeName(v)}`, null, a.posAt[i]);
        return v;
      });
      const tz = requireTz('MultipleCronTriggerTimetable', a, 99);
      const iv = a.kw.get('interval');
      return new TimetableObj('MultipleCronTriggerTimetable', crons, null, tz, iv === undefined ? null : delta(iv, 'interval', a.kwAt.get('interval')!), runImmediately(a.kw.get('run_immediately'), a.at), a.posAt.slice());
    });
  }
  for (const name of ['NullTimetable', 'OnceTimetable', 'ContinuousTimetable']) {
    add(name, (a) => {
      noExtra(name, a, [], 0);
      return new TimetableObj(name, [], null, null, null, false, []);
    });
  }
  return m;
}
