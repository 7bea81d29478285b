// DAG(...) arguments: what Airflow accepts per version, its validation and error texts.
// 2.10: airflow/models/dag.py DAG.__init__ and DAG_ARGS_EXPECTED_TYPES.
// 3.x:  task-sdk/src/airflow/sdk/definitions/dag.py (attrs fields and validators).

import { PyException, didYouMean } from '../errors.ts';
import { PyDateTime, PyRelativeDelta, PyTimeDelta } from '../time/values.ts';
import { PyDict, PyList, PyOpaque, PySet, PyTuple, type PyValue, repr, str, typeName, type CallArgs } from '../python/values.ts';
import type { Profile, ScheduleSpec } from '../spec.ts';
import { deltaSpec, isType, pyTypeForHint, toJson, typeMismatch } from './convert.ts';
import { ParamObj } from './params.ts';
import { TimetableObj } from './timetables.ts';
import type { Runtime } from './runtime.ts';
import { validateKey } from './keys.ts';

/** DAG.__init__ parameters in signature order (2.10: all positional-or-keyword). */
export const DAG_PARAMS_2 = [
  'dag_id', 'description', 'schedule', 'schedule_interval', 'timetable', 'start_date', 'end_date', 'full_filepath',
  'template_searchpath', 'template_undefined', 'user_defined_macros', 'user_defined_filters', 'default_args',
  'concurrency', 'max_active_tasks', 'max_active_runs', 'max_consecutive_failed_dag_runs', 'dagrun_timeout',
  'sla_miss_callback', 'default_view', 'orientation', 'catchup', 'on_success_callback', 'on_failure_callback',
  'doc_md', 'params', 'access_control', 'is_paused_upon_creation', 'jinja_environment_kwargs',
  'render_template_as_native_obj', 'tags', 'owner_links', 'auto_register', 'fail_stop', 'dag_display_name',
];

/** 3.x: dag_id positional, the rest keyword-only. */
export const DAG_PARAMS_3 = [
  'dag_id', 'description', 'default_args', 'start_date', 'end_date', 'schedule', 'template_searchpath',
  'template_undefined', 'user_defined_macros', 'user_defined_filters', 'max_active_tasks', 'max_active_runs',
  'max_consecutive_failed_dag_runs', 'dagrun_timeout', 'deadline', 'sla_miss_callback', 'catchup',
  'on_success_callback', 'on_failure_callback', 'doc_md', 'params', 'access_control', 'is_paused_upon_creation',
  'jinja_environment_kwargs', 'render_template_as_native_obj', 'tags', 'owner_links', 'auto_register', 'fail_fast',
  'dag_display_name', 'task_group', 'disable_bundle_versioning', 'allowed_run_types',
];

export interface DagArgs {
  schedule: ScheduleSpec;
  scheduleText: string;
  scheduleAt: number;
  /** cron strings to validate when the DAG is bagged (timetable.validate()) */
  crons: { expr: string; at: number }[];
  startDate: PyDateTime | null;
  endDate: PyDateTime | null;
  catchup: boolean | null;
  maxActiveRuns: number | null;
  maxActiveTasks: number | null;
  isPausedUponCreation: boolean | null;
  dagrunTimeoutS: number | null;
  params: Record<string, unknown>;
  tags: string[];
  docMd: string | null;
  description: string | null;
  defaultArgs: PyDict;
  /** the zone of start_date (or default_args' start_date), null if naive or absent */
  timezone: string | null;
}

const REMOVED_IN_3: Record<string, string> = {
  schedule_interval: 'Airflow 3 removed schedule_interval: write schedule= instead.',
  timetable: 'Airflow 3 removed timetable=: pass the timetable object as schedule= instead.',
  concurrency: 'Airflow 3 removed concurrency: write max_active_tasks= instead.',
  fail_stop: 'Airflow 3 renamed fail_stop to fail_fast.',
  default_view: 'Airflow 3 removed default_view (the new UI has no per-DAG default view).',
  orientation: 'Airflow 3 removed orientation.',
  full_filepath: 'Airflow 3 removed full_filepath.',
};

export interface DagCall {
  a: CallArgs;
  /** the @dag function's name (its default dag_id) */
  fnName?: string;
  /** source text of arguments, for schedule_text */
  argText: (name: string) => string | null;
}

export function dagCallArgs(rt: Runtime, call: DagCall): { dagId: string; args: DagArgs } {
  const { a } = call;
  const p = rt.profile;
  const names = p === '2' ? DAG_PARAMS_2 : DAG_PARAMS_3;
  const kw = new Map<string, PyValue>(a.kw);
  const at = (k: string) => a.kwAt.get(k) ?? a.at;
  /** where an argument's value is written (errors about the value point there) */
  const val = (k: string) => a.kwValue?.get(k)?.[0] ?? at(k);
  // positional arguments
  const maxPos = p === '2' ? names.length : 1;
  if (a.pos.length > maxPos) {
    throw new PyException('TypeError', `DAG.__init__() takes ${maxPos + 1} positional arguments but ${a.pos.length + 1} were given`, p === '3' ? 'In Airflow 3 only dag_id may be passed by position; name the other arguments (schedule=..., start_date=...).' : null, a.posAt[maxPos] ?? a.at);
  }
  a.pos.forEach((v, i) => {
    if (kw.has(names[i])) throw new PyException('TypeError', `DAG.__init__() got multiple values for argument '${names[i]}'`, null, at(names[i]));
    kw.set(names[i], v);
    a.kwAt.set(names[i], a.posAt[i]);
  });
  for (const k of kw.keys()) {
    if (names.includes(k)) continue;
    const close = didYouMean(k, names);
    const hint = (p === '3' ? REMOVED_IN_3[k] : null) ?? `DAG() has no argument '${k}'.`;
    throw new PyException('TypeError', `DAG.__init__() got an unexpected keyword argument '${k}'${close ? `. Did you mean '${close}'?` : ''}`, hint, at(k));
  }
  if (!kw.has('dag_id')) {
    if (call.fnName !== undefined) kw.set('dag_id', call.fnName);
    else throw new PyException('TypeError', "DAG.__init__() missing 1 required positional argument: 'dag_id'", 'Give the DAG an id: DAG(dag_id="my_dag", ...).', a.at);
  }
  const dagId = kw.get('dag_id')!;
  if (typeof dagId !== 'string') {
    throw new PyException('TypeError', `The key has to be a string and is ${typeName(dagId) === 'int' ? "<class 'int'>" : `<class '${typeName(dagId)}'>`}:${str(dagId)}`, 'dag_id must be a string.', val('dag_id'));
  }
  validateKey(dagId, val('dag_id'), p, 'dag_id');

  const defaultArgs = kw.get('default_args') ?? null;
  if (defaultArgs !== null && !(defaultArgs instanceof PyDict)) {
    if (p === '2') throw new PyException('TypeError', 'default_args must be a dict', null, val('default_args'));
    throw typeMismatch(p, 'attrs', 'default_args', defaultArgs, 'dict', val('default_args'), 'default_args must be a dict.');
  }
  const dargs = defaultArgs instanceof PyDict ? new PyDict(defaultArgs.entries()) : new PyDict();

  typeChecks(rt, kw, val);
  const startDate = dateArg(rt, kw.get('start_date'), val('start_date'), 'start_date', dargs);
  const endDate = dateArg(rt, kw.get('end_date'), val('end_date'), 'end_date', null);
  const schedule = scheduleOf(rt, kw, at, val, call);
  const args: DagArgs = {
    ...schedule,
    startDate,
    endDate,
    catchup: kw.has('catchup') ? boolish(kw.get('catchup')!) : null,
    maxActiveRuns: intOrNull(kw.get('max_active_runs')),
    maxActiveTasks: intOrNull(kw.get('max_active_tasks')) ?? (p === '2' ? concurrency(rt, kw, at) : null),
    isPausedUponCreation: kw.has('is_paused_upon_creation') && kw.get('is_paused_upon_creation') !== null ? boolish(kw.get('is_paused_upon_creation')!) : null,
    dagrunTimeoutS: kw.get('dagrun_timeout') instanceof PyTimeDelta ? (kw.get('dagrun_timeout') as PyTimeDelta).us / 1e6 : null,
    params: paramsOf(kw.get('params') ?? null, dargs, val('params')),
    tags: tagsOf(rt, kw.get('tags') ?? null, val('tags')),
    docMd: strOrNull(kw.get('doc_md')),
    description: strOrNull(kw.get('description')),
    defaultArgs: dargs,
    timezone: zoneOf(startDate ?? (dargs.get('start_date') as PyValue) ?? null),
  };
  validateAfter(rt, args, kw, at, dargs, call.a.at);
  requiredParams(rt, dagId, args, kw.get('params') ?? null, val('params'));
  return { dagId, args };
}

function boolish(v: PyValue): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

function intOrNull(v: PyValue | undefined): number | null {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
}

function strOrNull(v: PyValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function concurrency(rt: Runtime, kw: Map<string, PyValue>, at: (k: string) => number): number | null {
  const c = kw.get('concurrency');
  if (c === undefined || c === null || c === 0 || c === false) return null;
  rt.warn(at('concurrency'), "RemovedInAirflow3Warning: The 'concurrency' parameter is deprecated. Please use 'max_active_tasks'.");
  return intOrNull(c);
}

/** DAG_ARGS_EXPECTED_TYPES (2.10) / attrs validators (3.x). */
function typeChecks(rt: Runtime, kw: Map<string, PyValue>, at: (k: string) => number): void {
  const p = rt.profile;
  const expected2: Record<string, string> = {
    description: 'str', max_active_tasks: 'int', max_active_runs: 'int', max_consecutive_failed_dag_runs: 'int',
    dagrun_timeout: 'timedelta', default_view: 'str', orientation: 'str', catchup: 'bool', doc_md: 'str',
    is_paused_upon_creation: 'bool', render_template_as_native_obj: 'bool', tags: 'list', auto_register: 'bool',
    fail_stop: 'bool', dag_display_name: 'str',
  };
  const expected3: Record<string, string> = {
    description: 'str', max_active_tasks: 'int', max_active_runs: 'int', max_consecutive_failed_dag_runs: 'int',
    dagrun_timeout: 'timedelta', dag_display_name: 'str', doc_md: 'str',
  };
  const table = p === '2' ? expected2 : expected3;
  for (const [k, t] of Object.entries(table)) {
    const v = kw.get(k);
    if (v === undefined || v === null || isType(v, t)) continue;
    const hint = `${k} must be ${pyTypeForHint(t)}.`;
    throw typeMismatch(p, p === '2' ? 'helpers' : 'attrs', k, v, t, at(k), hint);
  }
}

function dateArg(rt: Runtime, v: PyValue | undefined, at: number, name: string, dargs: PyDict | null): PyDateTime | null {
  if (v === undefined || v === null) {
    // 3.x takes start_date from default_args (_default_start_date); 2.10 keeps DAG.start_date None
    const d = dargs?.get('start_date');
    if (rt.profile === '3' && d instanceof PyDateTime) return d;
    return null;
  }
  if (v instanceof PyDateTime && !v.dateOnly) return v;
  if (v instanceof PyOpaque) throw unknowable(v, name, at);
  throw new PyException('AttributeError', `'${typeName(v)}' object has no attribute 'tzinfo'`, `${name} must be a datetime, e.g. pendulum.datetime(2024, 1, 1, tz="UTC").`, at);
}

function zoneOf(v: PyValue): string | null {
  return v instanceof PyDateTime && v.tz ? v.tz.name : null;
}

function paramsOf(v: PyValue, dargs: PyDict, at: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const add = (d: PyValue) => {
    if (d instanceof PyDict) for (const [k, x] of d.entries()) out[typeof k === 'string' ? k : str(k)] = x instanceof ParamObj ? toJson(x.value) : toJson(x);
  };
  if (v !== null && !(v instanceof PyDict)) throw new PyException('TypeError', `params must be a dict, not ${typeName(v)}`, null, at);
  add(v);
  // airflow/models/dag.py: default_args['params'] are merged into params
  add(dargs.get('params') ?? null);
  dargs.delete('params');
  return out;
}

function tagsOf(rt: Runtime, v: PyValue, at: number): string[] {
  if (v === null) return [];
  let items: PyValue[];
  if (v instanceof PyList || v instanceof PyTuple) items = v.items;
  else if (v instanceof PySet) items = v.items();
  else if (typeof v === 'string' && rt.profile === '3') items = [...new Set(v)]; // set("abc") in 3.x
  else throw new PyException('TypeError', `tags must be a list of strings, not ${typeName(v)}`, null, at);
  const tags = items.map((t) => str(t));
  const long = tags.find((t) => t.length > 100);
  if (long) throw new PyException(rt.profile === '2' ? 'AirflowException' : 'ValueError', 'tag cannot be longer than 100 characters', null, at);
  return tags;
}

function scheduleOf(rt: Runtime, kw: Map<string, PyValue>, at: (k: string) => number, val: (k: string) => number, call: DagCall): Pick<DagArgs, 'schedule' | 'scheduleText' | 'scheduleAt' | 'crons'> {
  const p = rt.profile;
  let key = 'schedule';
  if (p === '2') {
    const given = ['schedule_interval', 'timetable', 'schedule'].filter((k) => kw.has(k) && isSet(kw.get(k)!));
    if (given.length > 1) throw new PyException('ValueError', "At most one allowed for args 'schedule_interval', 'timetable', and 'schedule'.", 'Use only schedule=.', at(given[1]));
    if (kw.has('schedule_interval')) {
      rt.warn(at('schedule_interval'), 'RemovedInAirflow3Warning: Param `schedule_interval` is deprecated and will be removed in a future release. Please use `schedule` instead.');
      key = 'schedule_interval';
    }
    if (kw.has('timetable') && kw.get('timetable') !== null) {
      rt.warn(at('timetable'), 'RemovedInAirflow3Warning: Param `timetable` is deprecated and will be removed in a future release. Please use `schedule` instead.');
      key = 'timetable';
    }
  }
  const pos = val(key);
  const text = call.argText(key) ?? '';
  if (!kw.has(key)) {
    if (p === '2') {
      rt.warn(call.a.at, 'RemovedInAirflow3Warning: Creating a DAG with an implicit schedule is deprecated, and will stop working in a future release. Set `schedule=datetime.timedelta(days=1)` explicitly.');
    }
    return { schedule: { kind: 'omitted' }, scheduleText: '', scheduleAt: call.a.at, crons: [] };
  }
  const v = kw.get(key)!;
  const shown = typeof v === 'string' ? v : text;
  const done = (schedule: ScheduleSpec, crons: { expr: string; at: number }[] = []) => ({ schedule, scheduleText: shown, scheduleAt: pos, crons });
  if (v === null) return done({ kind: 'none' });
  if (typeof v === 'string') {
    if (v === '@once') return done({ kind: 'once' });
    if (v === '@continuous') return done({ kind: 'continuous' });
    return done({ kind: 'cron', expr: v }, [{ expr: v, at: pos }]);
  }
  if (v instanceof PyTimeDelta || v instanceof PyRelativeDelta) return done({ kind: 'delta', delta: deltaSpec(v) });
  if (v instanceof TimetableObj) {
    if (v.name === 'NullTimetable') return done({ kind: 'none' });
    if (v.name === 'OnceTimetable') return done({ kind: 'once' });
    if (v.name === 'ContinuousTimetable') return done({ kind: 'continuous' });
    return done(
      { kind: 'timetable', name: v.name, crons: v.crons, delta: v.delta, timezone: v.timezone, interval: v.interval, run_immediately: v.runImmediately },
      v.crons.map((c, i) => ({ expr: c, at: v.cronAt[i] ?? pos })),
    );
  }
  if (v instanceof PyOpaque && !/Dataset|Asset/.test(v.desc)) throw unknowable(v, 'schedule', pos);
  if (v instanceof PyOpaque || (v instanceof PyList && v.items.length) || (v && typeof v === 'object' && /Dataset|Asset/.test(typeName(v)))) {
    throw new PyException('SimulatorLimitation', 'data-aware scheduling (Datasets / Assets) is not modelled by this simulator', 'Use a cron string, a timedelta or a timetable as schedule=.', pos);
  }
  if (v instanceof PyList) {
    throw new PyException('ValueError', p === '2' ? "All elements in 'schedule' should be datasets or dataset aliases" : "All elements in 'schedule' should be either assets, asset references, or asset aliases", null, pos);
  }
  const msg = p === '2' ? `${repr(v)} is not a valid schedule_interval.` : `${repr(v)} is not a valid schedule.`;
  throw new PyException('ValueError', msg, 'schedule takes a cron string like "@daily" or "0 6 * * *", a timedelta, a timetable, or None.', pos);
}

/** A DAG argument computed by a library the simulator does not model. */
export function unknowable(v: PyOpaque, name: string, at: number): PyException {
  return new PyException(
    'SimulatorLimitation',
    `${name} comes from ${v.desc}, which the simulator cannot evaluate while reading the file`,
    `Write ${name} with values the simulator understands (literals, datetime/pendulum, timedelta).`,
    at,
  );
}

function isSet(v: PyValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (v instanceof PyTimeDelta) return v.us !== 0;
  return true;
}

/**
 * A scheduled DAG may not have params without defaults: 2.10 DAG.validate_schedule_and_params,
 * 3.x DAG._validate_params (task-sdk definitions/dag.py).
 */
function requiredParams(rt: Runtime, dagId: string, args: DagArgs, params: PyValue, at: number): void {
  const k = args.schedule.kind;
  const scheduled = rt.profile === '2' ? k !== 'none' : k !== 'none' && k !== 'omitted';
  if (!scheduled || !(params instanceof PyDict)) return;
  const req = params.entries().find(([, v]) => v instanceof ParamObj && v.required);
  if (!req) return;
  const hint = `Param '${str(req[0])}' has no default, so a scheduled run could not fill it: give it a default, or use schedule=None.`;
  if (rt.profile === '2') throw new PyException('AirflowException', 'DAG Schedule must be None, if there are any required params without default values', hint, at);
  throw new PyException('ValueError', `Dag '${dagId}' is not allowed to define a Schedule, as there are required params without default values, or the default values are not valid.`, hint, at);
}

/** Checks Airflow runs in DAG.__init__ after the fields are set (import-time errors). */
function validateAfter(rt: Runtime, args: DagArgs, kw: Map<string, PyValue>, at: (k: string) => number, dargs: PyDict, callAt: number): void {
  const p = rt.profile;
  const sched = args.schedule;
  const hasStart = args.startDate !== null || dargs.has('start_date');
  if (p === '2') {
    const key = ['schedule', 'schedule_interval', 'timetable'].find((k) => kw.has(k) && isSet(kw.get(k)!));
    if (key && !hasStart) {
      throw new PyException('ValueError', 'DAG is missing the start_date parameter', 'In Airflow 2 a scheduled DAG needs start_date=... (or start_date in default_args).', callAt);
    }
  }
  if (sched.kind === 'continuous') {
    const mar = args.maxActiveRuns ?? 16;
    if (mar > 1) {
      const cls = p === '2' ? "<class 'airflow.timetables.simple.ContinuousTimetable'>" : 'ContinuousTimetable';
      throw new PyException(
        p === '2' ? 'AirflowException' : 'ValueError',
        `Invalid max_active_runs: ${cls} requires max_active_runs <= 1`,
        'A "@continuous" DAG starts its next run as soon as the last one ends, so only one run may be active: add max_active_runs=1.',
        kw.has('max_active_runs') ? at('max_active_runs') : args.scheduleAt,
      );
    }
  }
  if (p === '3' && args.catchup === true && sched.kind !== 'none' && sched.kind !== 'omitted' && !hasStart) {
    // task-sdk definitions/dag.py DAG._validate_catchup
    throw new PyException('ValueError', 'start_date is required when catchup=True', 'catchup=True replays every interval since start_date, so Airflow 3 needs a start_date.', at('catchup'));
  }
}
