// The Python values behind Airflow's importable names (DAG, BashOperator, chain, TriggerRule, ...).

import { PyException } from '../errors.ts';
import { arg, native } from '../python/args.ts';
import { type CallArgs, PyExceptionClass, PyModule, PyNativeClass, type PyValue, str } from '../python/values.ts';
import { airflowTimezoneModule, daysAgo } from '../time/stdlib.ts';
import { dagCallArgs } from './dag_args.ts';
import { chain, chainLinear, crossDownstream } from './deps.ts';
import { TaskGroupFactory, taskGroupClass } from './groups.ts';
import { DagObj, LabelObj } from './model.ts';
import { OPERATORS } from './operators.ts';
import { paramClass } from './params.ts';
import type { Runtime } from './runtime.ts';
import { createTask, TRIGGER_RULES_2, TRIGGER_RULES_3 } from './taskctor.ts';
import { dagDecorator, taskDecorator } from './taskflow.ts';
import { timetableClasses } from './timetables.ts';
import { PyFunction } from '../python/values.ts';

export class Symbols {
  private readonly cache = new Map<string, PyValue>();
  /** the `task` decorators (their attributes are .branch, .bash, ...) */
  readonly taskDecorators = new Set<PyValue>();
  /** operator classes, to recognise custom subclasses */
  readonly operatorClasses = new Set<PyValue>();

  constructor(
    private readonly rt: Runtime,
    private readonly argText: (a: CallArgs, name: string) => string | null,
  ) {}

  get(name: string): PyValue {
    let v = this.cache.get(name);
    if (v === undefined) {
      v = this.make(name);
      this.cache.set(name, v);
    }
    return v;
  }

  private make(name: string): PyValue {
    const rt = this.rt;
    const p = rt.profile;
    const def = OPERATORS[name] ?? (name === 'DummyOperator' ? OPERATORS.EmptyOperator : undefined);
    if (def) {
      const cls = new PyNativeClass(
        def.className,
        (a) => {
          if (a.pos.length) {
            throw new PyException(p === '2' ? 'AirflowException' : 'TypeError', 'Use keyword arguments when initializing operators', `Write ${def.className}(task_id="...", ...) with names for every argument.`, a.posAt[0]);
          }
          const span = rt.statementSpan();
          return createTask(rt, { def, a, kwargs: a.kw, kwAt: a.kwAt, valAt: (k) => a.kwValue?.get(k)?.[0], anchors: { callFrom: a.callFrom, callTo: a.callTo, stmtFrom: span.from, stmtTo: span.to, outer: span.outer } });
        },
        new Map([['partial', unmodelledMapping(`${def.className}.partial`)]]),
      );
      this.operatorClasses.add(cls);
      return cls;
    }
    const tt = timetableClasses(p).get(name);
    if (tt) return tt;
    switch (name) {
      case 'DAG':
        return new PyNativeClass('DAG', (a) => {
          const { dagId, args } = dagCallArgs(rt, { a, argText: (n) => this.argText(a, n) });
          const dag = new DagObj(dagId, args, a.at, rt.nextOrder());
          rt.dags.push(dag);
          return dag;
        });
      case 'dag':
        return dagDecorator(rt, this.argText);
      case 'task': {
        const t = taskDecorator(rt, 'task');
        this.taskDecorators.add(t);
        return t;
      }
      case 'task_group':
        return native('task_group', (a) => {
          const f = a.pos[0];
          if (f instanceof PyFunction) return new TaskGroupFactory(f, new Map(a.kw), a.kwAt);
          return native('decorator', (b) => {
            const fn = b.pos[0];
            if (!(fn instanceof PyFunction)) throw new PyException('TypeError', '@task_group(...) must decorate a function', null, b.at);
            const kw = new Map(a.kw);
            if (typeof f === 'string') kw.set('group_id', f);
            return new TaskGroupFactory(fn, kw, a.kwAt);
          });
        });
      case 'TaskGroup':
        return taskGroupClass(rt);
      case 'chain':
        return native('chain', (a) => chain(rt, a));
      case 'cross_downstream':
        return native('cross_downstream', (a) => crossDownstream(rt, a));
      case 'chain_linear':
        return native('chain_linear', (a) => chainLinear(rt, a));
      case 'Label':
        return new PyNativeClass('Label', (a) => new LabelObj(str(arg(a, 0, 'label'))));
      case 'Param':
        return paramClass();
      case 'TriggerRule': {
        const rules = p === '2' ? TRIGGER_RULES_2 : TRIGGER_RULES_3;
        return new PyNativeClass('TriggerRule', (a) => checkEnum('TriggerRule', rules, arg(a, 0, 'value'), a.at), new Map(rules.map((r) => [r.toUpperCase(), r])));
      }
      case 'WeightRule': {
        const rules = ['downstream', 'upstream', 'absolute'];
        return new PyNativeClass('WeightRule', (a) => checkEnum('WeightRule', rules, arg(a, 0, 'value'), a.at), new Map(rules.map((r) => [r.toUpperCase(), r])));
      }
      case 'Variable':
        return new PyNativeClass('Variable', null, new Map([['get', native('get', (a) => variableGet(rt, a))]]));
      case 'get_current_context':
        return native('get_current_context', (a) => {
          throw new PyException(
            p === '2' ? 'AirflowException' : 'RuntimeError',
            'Current context was requested but no context was found! Are you running within an Airflow task?',
            'get_current_context() only works inside a running task, not at the top level of the DAG file.',
            a.at,
          );
        });
      case 'BaseOperator': {
        const cls = new PyNativeClass('BaseOperator', (a) => {
          throw new PyException('SimulatorLimitation', 'BaseOperator itself is not modelled by this simulator', 'Use EmptyOperator for a task that does nothing, or PythonOperator / @task with `# sim:` directives.', a.at);
        });
        this.operatorClasses.add(cls);
        return cls;
      }
      case 'is_venv_installed':
        // the simulated workers have no virtualenv: example DAGs then skip their @task.virtualenv tasks
        return native('is_venv_installed', () => false);
      case 'days_ago':
        return daysAgo(rt.clock);
      case 'timezone':
        return airflowTimezoneModule(rt.clock, rt.defaultZone, p === '2' ? 'airflow.utils.timezone' : 'airflow.sdk.timezone');
      case 'AirflowException':
      case 'AirflowSkipException':
      case 'AirflowFailException':
      case 'AirflowSensorTimeout':
        return new PyExceptionClass(name);
    }
    throw new PyException('ImportError', `cannot import name '${name}'`, null, null);
  }

  /** A module object for `import airflow.x` / attribute access on it. */
  module(name: string, names: string[]): PyModule {
    return new PyModule(name, new Map(names.map((n) => [n, this.get(n)])), false);
  }
}

function checkEnum(cls: string, values: string[], v: PyValue, at: number): PyValue {
  if (typeof v === 'string' && values.includes(v)) return v;
  throw new PyException('ValueError', `'${str(v)}' is not a valid ${cls}`, null, at);
}

function unmodelledMapping(what: string): PyValue {
  return native('partial', (a) => {
    throw new PyException('SimulatorLimitation', `dynamic task mapping (${what} / .expand) is not modelled by this simulator`, 'Create the tasks with a for loop instead; each gets its own task_id.', a.at);
  });
}

function variableGet(rt: Runtime, a: CallArgs): PyValue {
  const key = str(arg(a, 0, 'key'));
  const def = a.kw.get('default_var') ?? a.kw.get('default') ?? (a.pos.length > 1 ? a.pos[1] : undefined);
  if (def !== undefined) {
    rt.warn(a.at, `Note: Variable.get('${key}') at the top level of a DAG file reads the metadata database at every parse; the simulator has no Variables and uses the default ${str(def)}.`);
    return def;
  }
  throw new PyException(
    rt.profile === '2' ? 'KeyError' : 'KeyError',
    `'Variable ${key} does not exist'`,
    `The simulator has no Airflow Variables. Pass a default (Variable.get("${key}", default_var=...)) or use "{{ var.value.${key} }}" in a templated field.`,
    a.at,
  );
}
