// Instantiating an operator: default_args, argument checks and error texts of BaseOperator.__init__
// (2.10 airflow/models/baseoperator.py; 3.x task-sdk/src/airflow/sdk/bases/operator.py).

import { PyException, didYouMean } from '../errors.ts';
import { PyDateTime, PyTimeDelta } from '../time/values.ts';
import { type CallArgs, PyDict, PyFloat, PyList, PyTuple, type PyValue, repr, str, typeName, classRepr } from '../python/values.ts';
import type { Profile } from '../spec.ts';
import { isType, pyTypeForHint, typeMismatch } from './convert.ts';
import { validateKey } from './keys.ts';
import { type Anchors, DagObj, GroupObj, TaskObj, XComArgObj, duplicateTask, link } from './model.ts';
import { type OperatorDef, baseParams } from './operators.ts';
import type { Runtime } from './runtime.ts';

export const TRIGGER_RULES_2 = [
  'all_success', 'all_failed', 'all_done', 'all_done_setup_success', 'one_success', 'one_failed', 'one_done',
  'none_failed', 'none_failed_or_skipped', 'none_skipped', 'dummy', 'always', 'none_failed_min_one_success', 'all_skipped',
];
// airflow-core/src/airflow/task/trigger_rule.py (3.1+: all_done_min_one_success; dummy and none_failed_or_skipped removed)
export const TRIGGER_RULES_3 = [
  'all_success', 'all_failed', 'all_done', 'all_done_min_one_success', 'all_done_setup_success', 'one_success',
  'one_failed', 'one_done', 'none_failed', 'none_skipped', 'always', 'none_failed_min_one_success', 'all_skipped',
];

/** BASEOPERATOR_ARGS_EXPECTED_TYPES (both versions; 3.x adds start_date/end_date). */
const EXPECTED: Record<string, string> = {
  task_id: 'str', email_on_retry: 'bool', email_on_failure: 'bool', retries: 'int', depends_on_past: 'bool',
  ignore_first_depends_on_past: 'bool', wait_for_past_depends_before_skipping: 'bool', wait_for_downstream: 'bool',
  priority_weight: 'int', queue: 'str', pool: 'str', pool_slots: 'int', trigger_rule: 'str', run_as_user: 'str',
  map_index_template: 'str', max_active_tis_per_dag: 'int', max_active_tis_per_dagrun: 'int', executor: 'str',
  do_xcom_push: 'bool', multiple_outputs: 'bool', doc: 'str', doc_md: 'str', doc_json: 'str', doc_yaml: 'str',
  doc_rst: 'str', task_display_name: 'str', logger_name: 'str', allow_nested_operators: 'bool',
};

const acceptedCache = new Map<OperatorDef, Record<string, Set<string>>>();

/** BaseOperator's keyword arguments plus the operator's own, per profile (cached). */
function acceptedParams(def: OperatorDef, p: Profile): Set<string> {
  let e = acceptedCache.get(def);
  if (!e) acceptedCache.set(def, (e = {}));
  return (e[p] ??= new Set([...baseParams(p), ...def.params[p]]));
}

const EXPECTED_ENTRIES = Object.entries(EXPECTED);

export interface TaskRequest {
  def: OperatorDef;
  a: CallArgs;
  /** keyword arguments after positional handling (TaskFlow passes its own) */
  kwargs: Map<string, PyValue>;
  kwAt: Map<string, number>;
  /** where each argument's value is written */
  valAt?: Map<string, number> | ((k: string) => number | undefined);
  anchors: Anchors;
}

function err(profile: Profile, type2: string, type3: string, msg: string, hint: string | null, at: number): PyException {
  return new PyException(profile === '2' ? type2 : type3, msg, hint, at);
}

export function createTask(rt: Runtime, req: TaskRequest): TaskObj {
  const p = rt.profile;
  const { def } = req;
  const kwargs = new Map(req.kwargs);
  const at = (k: string) => req.kwAt.get(k) ?? req.a.at;
  const va = req.valAt;
  const val = (k: string) => (typeof va === 'function' ? va(k) : va?.get(k)) ?? at(k);

  const dagArg = kwargs.get('dag');
  if (dagArg !== undefined && dagArg !== null && !(dagArg instanceof DagObj)) {
    throw new PyException('TypeError', `dag must be a DAG, not ${typeName(dagArg)}`, null, at('dag'));
  }
  const dag = (dagArg as DagObj | null | undefined) ?? rt.currentDag();
  const groupArg = kwargs.get('task_group');
  const group = groupArg instanceof GroupObj ? groupArg : rt.currentGroup(dag);

  // default_args: the DAG's, then the TaskGroup's, then the task's own (get_merged_defaults)
  const defaults = new Map<string, PyValue>();
  if (dag) for (const [k, v] of dag.args.defaultArgs.strEntries()) defaults.set(k, v);
  if (group) for (const [k, v] of group.defaultArgs.strEntries()) defaults.set(k, v);
  const own = kwargs.get('default_args');
  if (own instanceof PyDict) for (const [k, v] of own.strEntries()) defaults.set(k, v);
  kwargs.delete('default_args');

  const accepted = acceptedParams(def, p);
  for (const [k, v] of defaults) {
    if (!kwargs.has(k) && accepted.has(k) && k !== 'params') kwargs.set(k, v);
  }

  const missing = def.required.filter((r) => !kwargs.has(r));
  if (missing.length) {
    const msg = missing.length === 1 ? `missing keyword argument '${missing[0]}'` : `missing keyword arguments ${missing.map((m) => `'${m}'`).join(', ')}`;
    // a misspelt required argument shows up as "missing": point at the typo
    const typo = [...kwargs.keys()].find((k) => !accepted.has(k) && missing.some((m) => didYouMean(k, [m])));
    const hint = typo ? `'${typo}' looks like a misspelling of '${didYouMean(typo, missing)}'.` : `${def.className} needs ${missing.join(' and ')}=...`;
    throw err(p, 'AirflowException', 'TypeError', msg, hint, typo ? at(typo) : req.a.at);
  }

  const taskIdV = kwargs.get('task_id');
  if (taskIdV === undefined) {
    throw new PyException(
      'TypeError',
      p === '2' ? "BaseOperator.__init__() missing 1 required positional argument: 'task_id'" : "BaseOperator.__init__() missing 1 required keyword-only argument: 'task_id'",
      `Every operator needs a task_id: ${def.className}(task_id="my_task", ...).`,
      req.a.at,
    );
  }

  const unknown = [...kwargs.keys()].filter((k) => !accepted.has(k));
  if (unknown.length) {
    const d = new PyDict(unknown.map((k) => [k, kwargs.get(k)!]));
    const hints = unknown.map((k) => {
      const close = didYouMean(k, accepted);
      return close ? `'${k}': did you mean '${close}'?` : `'${k}' is not an argument of ${def.className}.`;
    });
    throw err(
      p,
      'AirflowException',
      'TypeError',
      `Invalid arguments were passed to ${def.className} (task_id: ${str(taskIdV)}). Invalid arguments were:\n**kwargs: ${repr(d)}`,
      hints.join(' '),
      at(unknown[0]),
    );
  }

  if (typeof taskIdV !== 'string') {
    throw new PyException('TypeError', `The key has to be a string and is ${classRepr(taskIdV)}:${str(taskIdV)}`, 'task_id must be a string.', val('task_id'));
  }
  validateKey(taskIdV, val('task_id'), p, 'task_id');

  normalize(rt, def, kwargs, val, dag, taskIdV);
  typeCheck(p, kwargs, val);
  if (def.kind === 'sensor') sensorChecks(p, kwargs, val, dag, taskIdV);
  if (def.className === 'SqliteOperator' && p === '2') {
    rt.warn(req.a.at, 'AirflowProviderDeprecationWarning: Call to deprecated class SqliteOperator. (Please use `airflow.providers.common.sql.operators.sql.SQLExecuteQueryOperator`.)');
  }
  if (def.className === 'BashOperator' && kwargs.has('skip_exit_code') && p === '2') {
    rt.warn(at('skip_exit_code'), 'RemovedInAirflow3Warning: skip_exit_code is deprecated. Please use skip_on_exit_code');
  }

  const fullId = group ? group.childId(taskIdV) : taskIdV;
  const task = new TaskObj(fullId, def, kwargs, req.anchors, rt.nextOrder());
  if (group && group.label !== null) {
    if (group.children.some((c) => c instanceof TaskObj && c.taskId === fullId)) throw duplicateTask(fullId, at('task_id'));
  }
  if (group) {
    group.children.push(task);
    task.group = group;
  }
  if (dag) dag.addTask(task, at('task_id'));
  rt.tasks.push(task);
  xcomDependencies(rt, task, req.a.at);
  return task;
}

/** The conversions BaseOperator.__init__ applies, with its errors. */
function normalize(rt: Runtime, def: OperatorDef, kw: Map<string, PyValue>, at: (k: string) => number, dag: DagObj | null, taskId: string): void {
  const p = rt.profile;
  const r = kw.get('retries');
  if (r !== undefined && r !== null && typeof r !== 'number') {
    // parse_retries: int() conversion with a warning, or an error for non-numbers
    const n = typeof r === 'boolean' ? Number(r) : r instanceof PyFloat ? Math.trunc(r.v) : typeof r === 'string' && /^\s*[+-]?\d+\s*$/.test(r) ? Number(r) : NaN;
    if (Number.isNaN(n)) {
      throw err(p, 'AirflowException', 'RuntimeError', `'retries' type must be int, not ${typeName(r)}`, 'retries must be a whole number like 3.', at('retries'));
    }
    if (p === '2') rt.warn(at('retries'), `Implicitly converting 'retries' from ${repr(r)} to int`);
    kw.set('retries', n);
  }
  for (const k of ['retry_delay', 'max_retry_delay']) {
    const v = kw.get(k);
    if (v === undefined || v === null || v instanceof PyTimeDelta) continue;
    if (typeof v === 'number' || v instanceof PyFloat) continue; // coerce_timedelta: seconds
    throw new PyException('TypeError', `unsupported type for timedelta seconds component: ${typeName(v)}`, `${k} must be a timedelta (or a number of seconds).`, at(k));
  }
  const et = kw.get('execution_timeout');
  if (et !== undefined && et !== null && !(et instanceof PyTimeDelta)) {
    throw new PyException('ValueError', `execution_timeout must be timedelta object but passed as type: ${classRepr(et)}`, 'Use execution_timeout=timedelta(minutes=10).', at('execution_timeout'));
  }
  const ps = kw.get('pool_slots');
  if (typeof ps === 'number' && ps < 1) {
    throw new PyException('ValueError', `pool slots for ${taskId}${dag ? ` in dag ${dag.dagId}` : ''} cannot be less than 1`, null, at('pool_slots'));
  }
  const pw = kw.get('priority_weight');
  if (p === '2' && pw !== undefined && pw !== null && !isType(pw, 'int')) {
    throw new PyException('AirflowException', `\`priority_weight\` for task '${taskId}' only accepts integers, received '${classRepr(pw)}'.`, null, at('priority_weight'));
  }
  const wr = kw.get('weight_rule');
  if (wr !== undefined && wr !== null && !(typeof wr === 'string' && ['downstream', 'upstream', 'absolute'].includes(wr))) {
    throw err(p, 'AirflowException', 'ValueError', `Unknown priority strategy ${str(wr)}`, 'weight_rule is "downstream", "upstream" or "absolute".', at('weight_rule'));
  }
  trigger(rt, kw, at, dag, taskId);
  if (p === '2' && kw.has('task_concurrency') && kw.get('task_concurrency') && !kw.get('max_active_tis_per_dag')) {
    rt.warn(at('task_concurrency'), "RemovedInAirflow3Warning: The 'task_concurrency' parameter is deprecated. Please use 'max_active_tis_per_dag'.");
    kw.set('max_active_tis_per_dag', kw.get('task_concurrency')!);
  }
  for (const k of ['start_date', 'end_date']) {
    const v = kw.get(k);
    if (v === undefined || v === null || (v instanceof PyDateTime && !v.dateOnly)) continue;
    if (p === '2' && k === 'start_date') {
      rt.warn(at(k), `start_date for <Task(${def.className}): ${taskId}> isn't datetime.datetime`);
      kw.delete(k);
      continue;
    }
    throw typeMismatch(p, 'helpers', k, v, 'datetime', at(k), `${k} must be ${pyTypeForHint('datetime')}.`);
  }
  if (p === '3' && kw.has('sla') && kw.get('sla') !== null) {
    rt.warn(at('sla'), 'The SLA feature is removed in Airflow 3.0, replaced with Deadline Alerts in >=3.1');
  }
  if (p === '3' && kw.get('email') !== undefined && kw.get('email') !== null) {
    rt.warn(at('email'), 'RemovedInAirflow4Warning: Setting email on a task is deprecated; please migrate to SmtpNotifier.', true);
  }
}

function trigger(rt: Runtime, kw: Map<string, PyValue>, at: (k: string) => number, dag: DagObj | null, taskId: string): void {
  const p = rt.profile;
  let tr = kw.get('trigger_rule');
  if (tr === undefined) return;
  if (p === '2' && tr === 'dummy') {
    rt.warn(at('trigger_rule'), 'RemovedInAirflow3Warning: dummy Trigger Rule is deprecated. Please use `TriggerRule.ALWAYS`.');
    tr = 'always';
  }
  if (p === '2' && tr === 'none_failed_or_skipped') {
    rt.warn(at('trigger_rule'), 'RemovedInAirflow3Warning: none_failed_or_skipped Trigger Rule is deprecated. Please use `none_failed_min_one_success`.');
    tr = 'none_failed_min_one_success';
  }
  const rules = p === '2' ? TRIGGER_RULES_2 : TRIGGER_RULES_3;
  if (typeof tr === 'string' && rules.includes(tr)) {
    kw.set('trigger_rule', tr);
    return;
  }
  const shown = p === '2' ? `{${[...rules].sort().map((r) => `'${r}'`).join(', ')}}` : `[${rules.map((r) => `'${r}'`).join(', ')}]`;
  const close = typeof tr === 'string' ? didYouMean(tr, rules) : null;
  const removed = p === '3' && (tr === 'dummy' || tr === 'none_failed_or_skipped') ? ` Airflow 3 removed '${tr}': use '${tr === 'dummy' ? 'always' : 'none_failed_min_one_success'}'.` : '';
  throw err(
    p,
    'AirflowException',
    'ValueError',
    `The trigger_rule must be one of ${shown},'${dag ? dag.dagId : ''}.${taskId}'; received '${str(tr)}'.`,
    `'${str(tr)}' is not a trigger rule in Airflow ${p === '2' ? '2.10' : '3'}.${close ? ` Did you mean '${close}'?` : ''}${removed}`,
    at('trigger_rule'),
  );
}

function typeCheck(p: Profile, kw: Map<string, PyValue>, at: (k: string) => number): void {
  for (const [k, t] of EXPECTED_ENTRIES) {
    const v = kw.get(k);
    if (v === undefined || v === null || isType(v, t)) continue;
    throw typeMismatch(p, 'helpers', k, v, t, at(k), `${k} must be ${pyTypeForHint(t)}.`);
  }
  const email = kw.get('email');
  if (email !== undefined && email !== null && typeof email !== 'string' && !(email instanceof PyList) && !(email instanceof PyTuple)) {
    throw typeMismatch(p, 'helpers', 'email', email, 'str', at('email'), 'email must be a string or a list of strings.');
  }
}

/** BaseSensorOperator._coerce_* and _validate_input_values. */
function sensorChecks(p: Profile, kw: Map<string, PyValue>, at: (k: string) => number, dag: DagObj | null, taskId: string): void {
  const t2 = 'AirflowException';
  for (const k of ['poke_interval', 'timeout', 'max_wait']) {
    const v = kw.get(k);
    if (v === undefined || (v === null && k !== 'poke_interval')) continue;
    if (v instanceof PyTimeDelta) continue;
    const n = typeof v === 'number' ? v : v instanceof PyFloat ? v.v : NaN;
    if (!(n >= 0)) throw err(p, t2, 'ValueError', `Operator arg \`${k}\` must be timedelta object or a non-negative number`, null, at(k));
  }
  const mode = kw.get('mode');
  if (mode !== undefined && mode !== 'poke' && mode !== 'reschedule') {
    throw err(p, t2, 'ValueError', `The mode must be one of ['poke', 'reschedule'],'${dag ? dag.dagId : ''} .${taskId}'; received '${str(mode)}'.`, 'mode is "poke" or "reschedule".', at('mode'));
  }
  if (p === '3' && kw.get('soft_fail') === true && kw.get('never_fail') === true) {
    throw new PyException('ValueError', 'soft_fail and never_fail are mutually exclusive, you can not provide both.', null, at('never_fail'));
  }
}

/** XComArgs inside template fields make upstream dependencies (set_xcomargs_dependencies). */
function xcomDependencies(rt: Runtime, task: TaskObj, at: number): void {
  const found: TaskObj[] = [];
  const visit = (v: PyValue, depth: number) => {
    if (depth > 20) return;
    if (v instanceof XComArgObj) {
      if (!found.includes(v.task)) found.push(v.task);
    } else if (v instanceof PyList || v instanceof PyTuple) v.items.forEach((x) => visit(x, depth + 1));
    else if (v instanceof PyDict) v.entries().forEach(([, x]) => visit(x, depth + 1));
  };
  for (const f of task.op.templateFields) {
    const v = task.kwargs.get(f);
    if (v !== undefined) visit(v, 0);
  }
  for (const up of found) {
    if (!task.xcomFrom.includes(up)) task.xcomFrom.push(up);
    link([up], [task], at, rt.profile);
  }
}
