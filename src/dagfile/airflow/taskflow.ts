// TaskFlow: @task (and .branch/.short_circuit/.bash/.sensor), @dag.
// 2.10 airflow/decorators/base.py (DecoratedOperator, get_unique_task_id), airflow/models/dag.py::dag;
// 3.x task-sdk bases/decorator.py, definitions/dag.py::dag.

import { PyException, didYouMean } from '../errors.ts';
import { native, valueAt } from '../python/args.ts';
import { Scope } from '../python/scope.ts';
import { type CallArgs, PyDict, PyFunction, PyList, PyObject, type PyValue, typeName } from '../python/values.ts';
import { dagCallArgs } from './dag_args.ts';
import { DagObj, TaskObj, XComArgObj } from './model.ts';
import { type OperatorDef, TASKFLOW, TASKFLOW_UNMODELLED } from './operators.ts';
import type { Runtime } from './runtime.ts';
import { createTask } from './taskctor.ts';

/** airflow/utils/context.py KNOWN_CONTEXT_KEYS: parameters TaskFlow fills at run time. */
const CONTEXT_KEYS = new Set([
  'conf', 'conn', 'dag', 'dag_run', 'data_interval_end', 'data_interval_start', 'ds', 'ds_nodash', 'execution_date',
  'expanded_ti_count', 'exception', 'inlets', 'inlet_events', 'logical_date', 'macros', 'map_index_template', 'next_ds',
  'next_ds_nodash', 'next_execution_date', 'outlets', 'outlet_events', 'params', 'prev_data_interval_start_success',
  'prev_data_interval_end_success', 'prev_ds', 'prev_ds_nodash', 'prev_execution_date', 'prev_execution_date_success',
  'prev_start_date_success', 'prev_end_date_success', 'reason', 'run_id', 'task', 'task_instance',
  'task_instance_key_str', 'test_mode', 'templates_dict', 'ti', 'tomorrow_ds', 'tomorrow_ds_nodash',
  'triggering_dataset_events', 'triggering_asset_events', 'ts', 'ts_nodash', 'ts_nodash_with_tz', 'try_number',
  'var', 'yesterday_ds', 'yesterday_ds_nodash', 'run_after', 'task_reschedule_count',
]);

/** A function decorated with @task: calling it adds a task and returns its XComArg. */
export class TaskFlowFn extends PyObject {
  readonly typeName = '_TaskDecorator';
  constructor(
    readonly fn: PyFunction,
    readonly def: OperatorDef,
    readonly kwargs: Map<string, PyValue>,
    readonly kwAt: Map<string, number>,
    readonly valAt: Map<string, number> = new Map(),
  ) {
    super();
  }
  pyRepr(): string {
    return `<Task(${this.def.className}): ${this.fn.info.name}>`;
  }
}

/** The `task` object: callable as @task / @task(...), with .branch, .bash, ... variants. */
export function taskDecorator(rt: Runtime, variant: keyof typeof TASKFLOW = 'task'): PyValue {
  const def = TASKFLOW[variant];
  const deco = native(variant === 'task' ? 'task' : `task.${variant}`, (a) => {
    const first = a.pos[0] ?? a.kw.get('python_callable');
    if (a.pos.length > 1) throw new PyException('TypeError', `task() takes at most 1 positional argument (${a.pos.length} given)`, null, a.at);
    const kw = new Map(a.kw);
    kw.delete('python_callable');
    if (first instanceof PyFunction) return new TaskFlowFn(first, def, kw, a.kwAt, valueAt(a));
    if (first !== undefined && first !== null) {
      throw new PyException('TypeError', `@${def.operatorName.slice(1)} expects a function, not ${typeName(first)}`, null, a.at);
    }
    return native('decorator', (b) => {
      const f = b.pos[0];
      if (!(f instanceof PyFunction)) throw new PyException('TypeError', `@${def.operatorName.slice(1)}(...) must decorate a function`, null, b.at);
      return new TaskFlowFn(f, def, kw, a.kwAt, valueAt(a));
    });
  });
  return deco;
}

/** Attributes of `task`: task.branch, task.bash, ... */
export function taskVariant(rt: Runtime, name: string, at: number): PyValue | undefined {
  if (name === 'python') return taskDecorator(rt, 'task');
  if (name in TASKFLOW && name !== 'task') return taskDecorator(rt, name as keyof typeof TASKFLOW);
  if (TASKFLOW_UNMODELLED.includes(name)) {
    throw new PyException('SimulatorLimitation', `@task.${name} is not modelled by this simulator`, 'Modelled TaskFlow decorators: @task, @task.branch, @task.short_circuit, @task.bash, @task.sensor.', at);
  }
  if (name.startsWith('__')) return undefined;
  const close = didYouMean(name, ['python', ...Object.keys(TASKFLOW).filter((k) => k !== 'task'), ...TASKFLOW_UNMODELLED]);
  throw new PyException('AttributeError', `'TaskDecoratorCollection' object has no attribute '${name}'${close ? `. Did you mean: '${close}'?` : ''}`, null, at);
}

/** 2.10 airflow/decorators/base.py get_unique_task_id: extract, extract__1, extract__2 ... */
function uniqueTaskId(rt: Runtime, taskId: string, dag: DagObj | null): string {
  if (!dag) return taskId;
  const group = rt.currentGroup(dag);
  const full = group ? group.childId(taskId) : taskId;
  if (!dag.tasks.has(full)) return taskId;
  const prefix = full.replace(/__\d+$/, '');
  let max = 0;
  for (const id of dag.tasks.keys()) {
    if (id.startsWith(prefix + '__')) {
      const rest = id.slice(prefix.length + 2);
      if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
    }
  }
  return `${taskId.replace(/__\d+$/, '')}__${max + 1}`;
}

/** Calls the decorated function: checks the arguments against its signature and adds the task. */
export function callTaskFlow(rt: Runtime, f: TaskFlowFn, a: CallArgs): PyValue {
  checkSignature(rt, f.fn, a);
  const kwargs = new Map(f.kwargs);
  const kwAt = new Map(f.kwAt);
  const dagArg = kwargs.get('dag');
  const dag = dagArg instanceof DagObj ? dagArg : rt.currentDag();
  const requested = kwargs.get('task_id');
  const base = typeof requested === 'string' ? requested : f.fn.info.name;
  kwargs.set('task_id', uniqueTaskId(rt, base, dag));
  if (!kwAt.has('task_id')) kwAt.set('task_id', a.at);
  kwargs.set('python_callable', f.fn);
  kwargs.set('op_args', new PyList(a.pos.slice()));
  kwargs.set('op_kwargs', new PyDict([...a.kw.entries()]));
  const span = rt.statementSpan();
  const task = createTask(rt, {
    def: f.def,
    a,
    kwargs,
    kwAt,
    valAt: f.valAt,
    anchors: { callFrom: a.callFrom, callTo: a.callTo, stmtFrom: span.from, stmtTo: span.to, outer: span.outer, fn: f.fn },
  });
  return new XComArgObj(task);
}

/** inspect.signature(fn).bind(*args, **kwargs), with context keys defaulted to None. */
function checkSignature(rt: Runtime, fn: PyFunction, a: CallArgs): void {
  const params = fn.info.params;
  const normal = params.filter((p) => p.kind === 'normal');
  const star = params.some((p) => p.kind === 'star');
  const dstar = params.some((p) => p.kind === 'dstar');
  if (a.pos.length > normal.length && !star) throw new PyException('TypeError', 'too many positional arguments', `${fn.info.name}() takes ${normal.length} argument(s) but was called with ${a.pos.length}.`, a.at);
  const bound = new Set(normal.slice(0, a.pos.length).map((p) => p.name));
  for (const k of a.kw.keys()) {
    const p = params.find((x) => x.name === k && (x.kind === 'normal' || x.kind === 'kwonly'));
    if (!p && !dstar) throw new PyException('TypeError', `got an unexpected keyword argument '${k}'`, `${fn.info.name}() has no parameter '${k}'.`, a.kwAt.get(k) ?? a.at);
    if (bound.has(k)) throw new PyException('TypeError', `multiple values for argument '${k}'`, null, a.kwAt.get(k) ?? a.at);
    bound.add(k);
  }
  for (const p of params) {
    if ((p.kind === 'normal' || p.kind === 'kwonly') && !bound.has(p.name) && !p.default && !CONTEXT_KEYS.has(p.name)) {
      throw new PyException('TypeError', `missing a required argument: '${p.name}'`, `Call ${fn.info.name}() with a value for '${p.name}' (for example the result of another task).`, a.at);
    }
  }
  void rt;
}

/** A function decorated with @dag. Calling it creates the DAG and runs the body inside it. */
export class DagFactory extends PyObject {
  readonly typeName = 'function';
  called = false;
  constructor(
    readonly fn: PyFunction,
    readonly a: CallArgs,
    readonly dagIdArg: PyValue | null,
    readonly argText: (name: string) => string | null,
  ) {
    super();
  }
}

export function dagDecorator(rt: Runtime, argText: (a: CallArgs, name: string) => string | null): PyValue {
  return native('dag', (a) => {
    const first = a.pos[0];
    if (first instanceof PyFunction) return makeFactory(rt, first, { ...a, pos: [] }, null, argText);
    return native('decorator', (b) => {
      const f = b.pos[0];
      if (!(f instanceof PyFunction)) throw new PyException('TypeError', '@dag(...) must decorate a function', null, b.at);
      return makeFactory(rt, f, a, typeof first === 'string' && first.trim() ? first : null, argText);
    });
  });
}

function makeFactory(rt: Runtime, fn: PyFunction, a: CallArgs, dagId: string | null, argText: (a: CallArgs, name: string) => string | null): DagFactory {
  const factory = new DagFactory(fn, a, dagId, (n) => argText(a, n));
  rt.dagFactories.push({ name: fn.info.name, at: fn.info.from, called: false });
  return factory;
}

export function callDagFactory(rt: Runtime, f: DagFactory, a: CallArgs): DagObj {
  const entry = rt.dagFactories.find((d) => d.at === f.fn.info.from);
  if (entry) entry.called = true;
  // bind the call arguments first: Python raises TypeError before the DAG exists
  const scope = new Scope(f.fn.info.closure as Scope);
  rt.interp.bind(f.fn.info.name, f.fn.info.params, f.fn.info.defaults, a.pos, a, scope);
  const kw = new Map(f.a.kw);
  if (f.dagIdArg !== null && !kw.has('dag_id')) kw.set('dag_id', f.dagIdArg);
  const { dagId, args } = dagCallArgs(rt, { a: { ...f.a, pos: [], kw }, fnName: f.fn.info.name, argText: f.argText });
  // DAG params from the function's arguments (dag_obj.param(name, value))
  for (const p of f.fn.info.params) {
    const v = scope.vars.get(p.name);
    if (v !== undefined && (p.kind === 'normal' || p.kind === 'kwonly') && !(p.name in args.params)) args.params[p.name] = jsonish(v);
  }
  const doc = docstring(f.fn);
  if (doc && !args.docMd) args.docMd = doc;
  const dag = new DagObj(dagId, args, f.a.at, rt.nextOrder());
  rt.dags.push(dag);
  const exit = rt.pushDag(dag);
  try {
    rt.interp.callFunction(f.fn, a, null);
  } finally {
    exit();
  }
  return dag;
}

function jsonish(v: PyValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

export function docstring(fn: PyFunction): string | null {
  const body = fn.info.body;
  if (!Array.isArray(body)) return null;
  const first = body[0];
  if (first && first.t === 'expr' && first.value.t === 'const' && typeof first.value.value === 'string') return dedent(first.value.value);
  return null;
}

function dedent(s: string): string {
  const lines = s.split('\n');
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return [lines[0].trim(), ...lines.slice(1).map((l) => l.slice(n))].join('\n').trim();
}

export function isTaskFlowTask(t: TaskObj): boolean {
  return t.op.taskflow;
}
