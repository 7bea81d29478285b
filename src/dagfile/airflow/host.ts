// Plugs the Airflow model into the evaluator: imports, `with`, >>, attributes of Airflow objects.

import { PyException, didYouMean } from '../errors.ts';
import type { Host } from '../python/interp.ts';
import { arg, native, valueAt } from '../python/args.ts';
import { stdlibModule } from '../python/stdlib.ts';
import { type CallArgs, PyDict, PyList, PyModule, PyOpaque, PySet, PyUserClass, type PyValue, str } from '../python/values.ts';
import { dateutilTzModule, datetimeModule, pendulumModule, pytzModule, relativedeltaModule, zoneinfoModule } from '../time/stdlib.ts';
import { canonicalModule, MOVED, REMOVED_NAMES, TABLES } from './imports.ts';
import { DagObj, GroupObj, LabelObj, TaskObj, XComArgObj, isDepNode } from './model.ts';
import { MODELLED_OPERATOR_NAMES, baseParams } from './operators.ts';
import type { Runtime } from './runtime.ts';
import { callTaskGroup, TaskGroupFactory } from './groups.ts';
import { setRelatives, shiftOp } from './deps.ts';
import type { Symbols } from './symbols.ts';
import { callDagFactory, callTaskFlow, DagFactory, TaskFlowFn, taskDecorator, taskVariant } from './taskflow.ts';

const SUPPORTED = `supported operators are: ${MODELLED_OPERATOR_NAMES.join(', ')}, and the TaskFlow decorators @task, @task.branch, @task.short_circuit, @task.bash, @task.sensor`;

export class AirflowHost implements Host {
  private readonly modules = new Map<string, PyModule>();

  constructor(
    private readonly rt: Runtime,
    private readonly sym: Symbols,
    private readonly filename: string,
  ) {}

  // ---- imports ----

  importModule(name: string, at: number): PyValue {
    const cached = this.modules.get(name);
    if (cached) return cached;
    const m = this.loadModule(name, at);
    this.modules.set(name, m);
    return m;
  }

  private loadModule(name: string, at: number): PyModule {
    if (name === 'airflow' || name.startsWith('airflow.')) {
      const table = TABLES[this.rt.profile][name];
      if (table) return this.sym.module(name, Object.keys(table.names).filter((n) => !table.names[n].warn));
      // a package that only has submodules we know (airflow.operators, airflow.providers...)
      const prefix = name + '.';
      if (Object.keys(TABLES[this.rt.profile]).some((m) => m.startsWith(prefix))) return new PyModule(name, new Map(), false);
      throw this.missingAirflowModule(name, at);
    }
    const clock = this.rt.clock;
    switch (name) {
      case 'datetime':
        return datetimeModule(clock);
      case 'pendulum':
        return pendulumModule(clock);
      case 'zoneinfo':
        return zoneinfoModule();
      case 'pytz':
        return pytzModule();
      case 'dateutil':
        return new PyModule('dateutil', new Map<string, PyValue>([['relativedelta', relativedeltaModule()], ['tz', dateutilTzModule()]]), false);
      case 'dateutil.relativedelta':
        return relativedeltaModule();
      case 'dateutil.tz':
        return dateutilTzModule();
    }
    return stdlibModule(this.rt.interp, name, this.filename);
  }

  private missingAirflowModule(name: string, at: number): PyException {
    const p = this.rt.profile;
    for (const [m, hint] of Object.entries(MOVED[p])) {
      if (name === m || name.startsWith(m + '.')) {
        return new PyException('ModuleNotFoundError', `No module named '${name}'`, hint, at);
      }
    }
    return new PyException(
      'ImportError',
      `${name} is not modelled by this simulator; ${SUPPORTED}`,
      'The simulator models the scheduling of the common core operators only. Describe other work with PythonOperator or @task plus `# sim:` directives.',
      at,
    );
  }

  importFrom(module: string, name: string, at: number, moduleAt = at): PyValue {
    if (module !== 'airflow' && !module.startsWith('airflow.')) {
      const mod = this.importModule(module, moduleAt) as PyModule;
      const v = mod.attrs.get(name);
      if (v !== undefined) return v;
      if (mod.opaque) return new PyOpaque(`${module}.${name}`);
      // a submodule (from dateutil import relativedelta)
      try {
        return this.importModule(`${module}.${name}`, at);
      } catch {
        throw new PyException('ImportError', `cannot import name '${name}' from '${module}'`, null, at);
      }
    }
    const p = this.rt.profile;
    const table = TABLES[p][module];
    if (!table) {
      if (TABLES[p][`${module}.${name}`] || Object.keys(TABLES[p]).some((m) => m.startsWith(`${module}.${name}.`))) return this.importModule(`${module}.${name}`, at);
      if (Object.keys(TABLES[p]).some((m) => m.startsWith(`${module}.`))) {
        return fail('ImportError', `cannot import name '${name}' from '${module}'`, null, at);
      }
      throw this.missingAirflowModule(module, moduleAt);
    }
    const e = table.names[name];
    if (e) {
      if (e.warn) this.rt.warn(at, e.warn);
      return this.sym.get(e.symbol);
    }
    if (TABLES[p][`${module}.${name}`]) return this.importModule(`${module}.${name}`, at);
    const removed = REMOVED_NAMES[p][module]?.[name];
    if (removed) return fail('ImportError', `cannot import name '${name}' from '${module}'`, removed, at);
    if (table.unmodelled?.includes(name)) {
      return fail('ImportError', `${module}.${name} is not modelled by this simulator; ${SUPPORTED}`, 'Describe this work with PythonOperator or @task plus `# sim:` directives.', at);
    }
    const close = didYouMean(name, Object.keys(table.names));
    const where = canonicalModule(p, name);
    if (close || where) {
      const hint = where ? `In Airflow ${p === '2' ? '2.10' : '3'}, ${name} is imported from ${where}.` : null;
      return fail('ImportError', `cannot import name '${name}' from '${module}'${close ? `. Did you mean: '${close}'?` : ''}`, hint, at);
    }
    return fail('ImportError', `cannot import name '${name}' from '${module}': the simulator does not model it`, `If ${name} exists in Airflow ${p === '2' ? '2.10' : '3'}, this simulator does not cover it; ${SUPPORTED}.`, at);
  }

  // ---- with / >> / calls ----

  enterContext(v: PyValue, at: number): { value: PyValue; exit: () => void } {
    if (v instanceof DagObj) return { value: v, exit: this.rt.pushDag(v) };
    if (v instanceof GroupObj) return { value: v, exit: this.rt.pushGroup(v, at) };
    if (v instanceof PyOpaque) return { value: v, exit: () => undefined };
    throw new PyException('TypeError', `'${(v as { typeName?: string } | null)?.typeName ?? 'NoneType'}' object does not support the context manager protocol`, null, at);
  }

  shift(op: '>>' | '<<', a: PyValue, b: PyValue, at: number): PyValue | undefined {
    return shiftOp(this.rt, op, a, b, at);
  }

  call(fn: PyValue, a: CallArgs): PyValue | undefined {
    if (fn instanceof TaskFlowFn) return callTaskFlow(this.rt, fn, a);
    if (fn instanceof DagFactory) return callDagFactory(this.rt, fn, a);
    if (fn instanceof TaskGroupFactory) return callTaskGroup(this.rt, fn, a);
    return undefined;
  }

  /** a class defined in the file that derives from an operator (a custom operator) */
  private isOperatorClass(cls: PyUserClass): boolean {
    const seen = new Set<PyValue>();
    const isOperator = (c: PyValue): boolean => {
      if (seen.has(c)) return false;
      seen.add(c);
      if (this.sym.operatorClasses.has(c)) return true;
      return c instanceof PyUserClass && c.bases.some(isOperator);
    };
    return cls.bases.some(isOperator);
  }

  instantiate(cls: PyUserClass, a: CallArgs): PyValue | undefined {
    if (this.isOperatorClass(cls)) throw customOperator(cls.name, a.at);
    return undefined;
  }

  nameHint(name: string): string | null {
    const m = canonicalModule(this.rt.profile, name);
    return m ? `${name} must be imported first: from ${m} import ${name}` : null;
  }

  // ---- attributes ----

  getAttr(obj: PyValue, name: string, at: number): PyValue | undefined {
    if (this.sym.taskDecorators.has(obj)) return taskVariant(this.rt, name, at);
    if (obj instanceof TaskObj) return this.taskAttr(obj, name, at);
    if (obj instanceof XComArgObj) return this.xcomAttr(obj, name, at);
    if (obj instanceof DagObj) return this.dagAttr(obj, name, at);
    if (obj instanceof GroupObj) return this.groupAttr(obj, name);
    if (obj instanceof LabelObj && name === 'label') return obj.label;
    if (obj instanceof TaskFlowFn || obj instanceof TaskGroupFactory) return this.decoratedAttr(obj, name, at);
    if (obj instanceof DagFactory && name === '__name__') return obj.fn.info.name;
    if (obj instanceof PyUserClass && this.isOperatorClass(obj)) throw customOperator(obj.name, at);
    return undefined;
  }

  private relatives(self: TaskObj | GroupObj | XComArgObj, name: string): PyValue | undefined {
    if (name === 'set_upstream' || name === 'set_downstream') return native(name, (a) => setRelatives(this.rt, self, name === 'set_upstream', a));
    if (name === 'update_relative') return native(name, () => null);
    return undefined;
  }

  private taskAttr(t: TaskObj, name: string, at: number): PyValue | undefined {
    const rel = this.relatives(t, name);
    if (rel) return rel;
    switch (name) {
      case 'task_id':
        return t.taskId;
      case 'dag':
        return t.dag;
      case 'dag_id':
        return t.dag ? t.dag.dagId : this.rt.profile === '2' ? 'adhoc_airflow' : '_in_memory_dag_';
      case 'output':
        return new XComArgObj(t);
      case 'task_group':
        return t.group;
      case 'upstream_task_ids':
        return new PySet(t.upstream.map((u) => u.taskId));
      case 'downstream_task_ids':
        return new PySet(t.downstream.map((d) => d.taskId));
      case 'upstream_list':
        return new PyList(t.upstream.slice());
      case 'downstream_list':
        return new PyList(t.downstream.slice());
      case 'roots':
      case 'leaves':
        return new PyList([t]);
      case 'doc_md':
        return t.docMd ?? t.kwargs.get('doc_md') ?? null;
      case 'expand':
      case 'expand_kwargs':
      case 'partial':
        return unmodelled(`dynamic task mapping (.${name})`, at);
      case 'as_setup':
      case 'as_teardown':
        return unmodelled(`setup/teardown tasks (.${name}())`, at);
    }
    if (t.overrides.has(name)) return t.overrides.get(name)!;
    if (t.kwargs.has(name)) return t.kwargs.get(name)!;
    return undefined;
  }

  private xcomAttr(x: XComArgObj, name: string, at: number): PyValue | undefined {
    const rel = this.relatives(x, name);
    if (rel) return rel;
    switch (name) {
      case 'operator':
        return x.task;
      case 'key':
        return x.key;
      case 'output':
        return x;
      case 'map':
      case 'zip':
      case 'concat':
      case 'expand':
        return unmodelled(`XComArg.${name}() (dynamic task mapping)`, at);
      case 'as_setup':
      case 'as_teardown':
        return unmodelled(`setup/teardown tasks (.${name}())`, at);
    }
    return undefined;
  }

  private groupAttr(g: GroupObj, name: string): PyValue | undefined {
    const rel = this.relatives(g, name);
    if (rel) return rel;
    switch (name) {
      case 'group_id':
        return g.groupId;
      case 'label':
        return g.label;
      case 'roots':
        return new PyList(g.roots());
      case 'leaves':
        return new PyList(g.leaves());
      case 'dag':
        return g.dag;
    }
    return undefined;
  }

  private dagAttr(d: DagObj, name: string, at: number): PyValue | undefined {
    switch (name) {
      case 'dag_id':
        return d.dagId;
      case 'description':
        return d.description;
      case 'doc_md':
        return d.docMd;
      case 'default_args':
        return d.args.defaultArgs;
      case 'start_date':
        return d.args.startDate;
      case 'end_date':
        return d.args.endDate;
      case 'tags':
        return new PyList(d.args.tags);
      case 'task_ids':
        return new PyList([...d.tasks.keys()]);
      case 'tasks':
        return new PyList([...d.tasks.values()]);
      case 'task_dict':
        return new PyDict([...d.tasks.entries()]);
      case 'get_task':
        return native('get_task', (a) => {
          const id = str(arg(a, 0, 'task_id'));
          const t = d.tasks.get(id);
          if (!t) throw new PyException('TaskNotFound', `Task ${id} not found`, null, a.at);
          return t;
        });
      case 'param':
        return native('param', (a) => arg(a, 1, 'default', null));
      case 'task': {
        const deco = taskDecorator(this.rt, 'task');
        this.sym.taskDecorators.add(deco);
        return deco;
      }
      case 'test':
      case 'cli':
      case 'run':
      case 'clear':
        return native(name, (a) => {
          this.rt.warn(a.at, `Note: dag.${name}() runs the DAG in real Airflow while the file is parsed; the simulator ignores it. Guard it with \`if __name__ == "__main__":\`.`);
          return null;
        });
    }
    void at;
    return undefined;
  }

  private decoratedAttr(f: TaskFlowFn | TaskGroupFactory, name: string, at: number): PyValue | undefined {
    switch (name) {
      case 'override':
        return native('override', (a) => {
          const kw = new Map([...f.kwargs, ...a.kw]);
          const kwAt = new Map([...f.kwAt, ...a.kwAt]);
          return f instanceof TaskFlowFn ? new TaskFlowFn(f.fn, f.def, kw, kwAt, new Map([...f.valAt, ...valueAt(a)])) : new TaskGroupFactory(f.fn, kw, kwAt);
        });
      case 'expand':
      case 'expand_kwargs':
      case 'partial':
        return unmodelled(`dynamic task mapping (.${name})`, at);
      case 'function':
        return f.fn;
      case '__name__':
        return f.fn.info.name;
    }
    return undefined;
  }

  setAttr(obj: PyValue, name: string, value: PyValue, at: number): boolean {
    if (obj instanceof DagObj) {
      if (name === 'doc_md') obj.docMd = typeof value === 'string' ? value : null;
      else if (name === 'description') obj.description = typeof value === 'string' ? value : null;
      return true;
    }
    if (obj instanceof TaskObj) {
      if (name === 'doc_md') obj.docMd = typeof value === 'string' ? value : null;
      else if (baseParams(this.rt.profile).includes(name) || obj.op.params[this.rt.profile].includes(name)) obj.overrides.set(name, value);
      return true;
    }
    if (isDepNode(obj) || obj instanceof TaskFlowFn || obj instanceof DagFactory) return true;
    void at;
    return false;
  }
}

function customOperator(name: string, at: number): PyException {
  return new PyException(
    'SimulatorLimitation',
    `custom operator classes (class ${name}(...Operator)) are not modelled by this simulator`,
    'Use a modelled operator, or PythonOperator / @task with `# sim:` directives that describe how long the work takes and whether it fails.',
    at,
  );
}

function fail(type: string, msg: string, hint: string | null, at: number): never {
  throw new PyException(type, msg, hint, at);
}

function unmodelled(what: string, at: number): never {
  throw new PyException('SimulatorLimitation', `${what} is not modelled by this simulator`, 'Create the tasks with a for loop instead; each gets its own task_id.', at);
}

