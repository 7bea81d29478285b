// The objects a template sees as `dag`, `task`, `ti`, `dag_run`, `var`, `conn` and (2.10) `conf`,
// with the attributes teaching templates use and Python's str() of each.
import type { DagSpec, Profile, TaskSpec } from '../../dagfile/spec.ts';
import type { Config } from '../config.ts';
import { PyDateTime, PyTimedelta, PyTimezone } from './pyDatetime.ts';
import { pyArgs, PyError, REQUIRED, strRepr, type PyObject } from './pyValues.ts';

/** "no default given" for accessor get() */
const NOTSET = Symbol('NOTSET');

const dt = (ms: number | null | undefined): PyDateTime | null => (ms === null || ms === undefined ? null : new PyDateTime(ms));

/** `{{ dag }}`: attributes of airflow.models.dag.DAG (2.10) / the SDK DAG (3.x). */
export class DagObject implements PyObject {
  readonly __pyclass: string;
  readonly dag_id: string;
  readonly description: string | null;
  readonly tags: string[];
  readonly params: Record<string, unknown>;
  readonly fileloc: string;
  readonly doc_md: string | null;
  readonly timezone: PyTimezone;
  readonly start_date: PyDateTime | null;
  readonly end_date: PyDateTime | null;
  readonly catchup: boolean;
  readonly max_active_runs: number;
  readonly max_active_tasks: number;
  readonly owner: string;

  constructor(d: Partial<DagSpec> & Pick<DagSpec, 'dag_id'>, profile: Profile, config: Config) {
    this.__pyclass = profile === '2' ? 'airflow.models.dag.DAG' : 'airflow.sdk.definitions.dag.DAG';
    this.dag_id = d.dag_id;
    this.description = d.description ?? null;
    this.tags = d.tags ?? [];
    this.params = d.params ?? {};
    this.fileloc = d.fileloc ?? '';
    this.doc_md = d.doc_md ?? null;
    this.timezone = new PyTimezone(d.timezone ?? 'UTC');
    this.start_date = dt(d.start_date?.epoch_ms);
    this.end_date = dt(d.end_date?.epoch_ms);
    this.catchup = d.catchup ?? Boolean(config['scheduler.catchup_by_default']);
    this.max_active_runs = d.max_active_runs ?? Number(config['core.max_active_runs_per_dag']);
    this.max_active_tasks = d.max_active_tasks ?? Number(config['core.max_active_tasks_per_dag']);
    // DAG.owner: the owners of its tasks; the simulator's tasks all have the default owner
    this.owner = 'airflow';
  }

  __str__(): string {
    return `<DAG: ${this.dag_id}>`;
  }

  __repr__(): string {
    return this.__str__();
  }
}

/** `{{ task }}`: attributes of the operator. */
export class TaskObject implements PyObject {
  readonly __pyclass: string;
  readonly task_id: string;
  readonly dag_id: string;
  readonly task_type: string;
  readonly owner = 'airflow'; // [operators] default_owner
  readonly retries: number;
  readonly retry_delay: PyTimedelta;
  readonly retry_exponential_backoff: boolean | number;
  readonly max_retry_delay: PyTimedelta | null;
  readonly queue: string;
  readonly pool: string;
  readonly pool_slots: number;
  readonly priority_weight: number;
  readonly weight_rule: string;
  readonly trigger_rule: string;
  readonly depends_on_past: boolean;
  readonly wait_for_downstream: boolean;
  readonly execution_timeout: PyTimedelta | null;
  readonly start_date: PyDateTime | null;
  readonly end_date: PyDateTime | null;
  readonly doc_md: string | null;
  readonly upstream_task_ids: string[];
  readonly bash_command?: string;
  readonly env?: Record<string, string> | null;

  constructor(t: Partial<TaskSpec> & Pick<TaskSpec, 'task_id'>, dagId: string, profile: Profile) {
    this.task_type = t.operator ?? 'BaseOperator';
    this.__pyclass = t.operator ?? 'BaseOperator';
    this.task_id = t.task_id;
    this.dag_id = dagId;
    this.retries = t.retries ?? 0;
    this.retry_delay = new PyTimedelta((t.retry_delay_s ?? 300) * 1000);
    const backoff = t.retry_exponential_backoff ?? 0;
    this.retry_exponential_backoff = profile === '2' ? backoff !== 0 : backoff;
    this.max_retry_delay = t.max_retry_delay_s ? new PyTimedelta(t.max_retry_delay_s * 1000) : null;
    this.queue = t.queue ?? 'default';
    this.pool = t.pool ?? 'default_pool';
    this.pool_slots = t.pool_slots ?? 1;
    this.priority_weight = t.priority_weight ?? 1;
    this.weight_rule = t.weight_rule ?? 'downstream';
    this.trigger_rule = t.trigger_rule ?? 'all_success';
    this.depends_on_past = t.depends_on_past ?? false;
    this.wait_for_downstream = t.wait_for_downstream ?? false;
    this.execution_timeout = t.execution_timeout_s ? new PyTimedelta(t.execution_timeout_s * 1000) : null;
    this.start_date = dt(t.start_date?.epoch_ms);
    this.end_date = dt(t.end_date?.epoch_ms);
    this.doc_md = t.doc_md ?? null;
    this.upstream_task_ids = t.upstream_task_ids ?? [];
    if (t.op?.kind === 'bash') {
      this.bash_command = t.op.bash_command;
      this.env = t.op.env;
    }
  }

  /** BaseOperator.__repr__ (both versions): <Task(BashOperator): extract> */
  __str__(): string {
    return `<Task(${this.task_type}): ${this.task_id}>`;
  }

  __repr__(): string {
    return this.__str__();
  }
}

export interface XcomPullArgs {
  task_ids: string | string[] | null;
  dag_id: string | null;
  key: string | null;
  include_prior_dates: boolean;
  map_indexes: number | number[] | null;
  default: unknown;
  run_id: string | null;
}

export interface TiFields {
  dag_id: string;
  task_id: string;
  run_id: string;
  try_number: number;
  max_tries: number;
  map_index: number;
  state: string | null;
  logical_date: number | null;
  start_date: number | null;
  task: TaskObject;
  xcom_pull?: (args: XcomPullArgs) => unknown;
}

/** `{{ ti }}` / `{{ task_instance }}` */
export class TaskInstanceObject implements PyObject {
  readonly __pyclass: string;
  readonly dag_id: string;
  readonly task_id: string;
  readonly run_id: string;
  readonly try_number: number;
  readonly max_tries: number;
  readonly map_index: number;
  readonly state: string | null;
  readonly logical_date: PyDateTime | null;
  readonly execution_date?: PyDateTime | null;
  readonly start_date: PyDateTime | null;
  readonly task: TaskObject;
  readonly hostname = 'worker-0';

  constructor(private readonly f: TiFields, profile: Profile) {
    this.__pyclass = profile === '2' ? 'airflow.models.taskinstance.TaskInstance' : 'airflow.sdk.execution_time.task_runner.RuntimeTaskInstance';
    this.dag_id = f.dag_id;
    this.task_id = f.task_id;
    this.run_id = f.run_id;
    this.try_number = f.try_number;
    this.max_tries = f.max_tries;
    this.map_index = f.map_index;
    this.state = f.state;
    this.logical_date = dt(f.logical_date);
    if (profile === '2') this.execution_date = dt(f.logical_date);
    this.start_date = dt(f.start_date);
    this.task = f.task;
  }

  /** ti.xcom_pull(task_ids=None, dag_id=None, key='return_value', include_prior_dates=False, *, map_indexes, default, run_id) */
  xcom_pull(...args: unknown[]): unknown {
    const a = pyArgs('xcom_pull', args, {
      task_ids: null, dag_id: null, key: 'return_value', include_prior_dates: false, map_indexes: null, default: null, run_id: null,
    });
    const value = this.f.xcom_pull?.(a as unknown as XcomPullArgs);
    return value === undefined || value === null ? a.default : value;
  }

  /** TaskInstance.__repr__ (2.10): <TaskInstance: etl.extract scheduled__... [running]> */
  __str__(): string {
    const mi = this.map_index !== -1 ? `map_index=${this.map_index} ` : '';
    return `<TaskInstance: ${this.dag_id}.${this.task_id} ${this.run_id} ${mi}[${this.state ?? 'None'}]>`;
  }

  __repr__(): string {
    return this.__str__();
  }
}

export interface DagRunFields {
  dag_id: string;
  run_id: string;
  run_type: string;
  logical_date: number | null;
  data_interval_start: number | null;
  data_interval_end: number | null;
  run_after: number | null;
  start_date: number | null;
  queued_at: number | null;
  external_trigger: boolean;
  conf: Record<string, unknown>;
  state: string;
  clear_number: number;
}

/** `{{ dag_run }}`: 2.10 DagRun ORM object / 3.x DagRun datamodel. */
export class DagRunObject implements PyObject {
  readonly __pyclass: string;
  readonly dag_id: string;
  readonly run_id: string;
  readonly run_type: string;
  readonly logical_date: PyDateTime | null;
  readonly execution_date?: PyDateTime | null;
  readonly external_trigger?: boolean;
  readonly run_after?: PyDateTime | null;
  readonly data_interval_start: PyDateTime | null;
  readonly data_interval_end: PyDateTime | null;
  readonly start_date: PyDateTime | null;
  readonly queued_at: PyDateTime | null;
  readonly conf: Record<string, unknown>;
  readonly state: string;
  readonly clear_number: number;

  constructor(f: DagRunFields, private readonly profile: Profile) {
    this.__pyclass = profile === '2' ? 'airflow.models.dagrun.DagRun' : 'airflow.sdk.api.datamodels._generated.DagRun';
    this.dag_id = f.dag_id;
    this.run_id = f.run_id;
    this.run_type = f.run_type;
    this.logical_date = dt(f.logical_date);
    if (profile === '2') {
      this.execution_date = dt(f.logical_date);
      this.external_trigger = f.external_trigger;
    } else {
      this.run_after = dt(f.run_after);
    }
    this.data_interval_start = dt(f.data_interval_start);
    this.data_interval_end = dt(f.data_interval_end);
    this.start_date = dt(f.start_date);
    this.queued_at = dt(f.queued_at);
    this.conf = f.conf;
    this.state = f.state;
    this.clear_number = f.clear_number;
  }

  /** 2.10 DagRun.__repr__; for 3.x a short form of the datamodel (its pydantic repr lists every field). */
  __str__(): string {
    const ld = this.logical_date ? this.logical_date.__str__() : 'None';
    if (this.profile === '3') return `DagRun(dag_id=${strRepr(this.dag_id)}, run_id=${strRepr(this.run_id)}, logical_date=${ld})`;
    const q = this.queued_at ? this.queued_at.__str__() : 'None';
    return `<DagRun ${this.dag_id} @ ${ld}: ${this.run_id}, state:${this.state}, queued_at: ${q}. externally triggered: ${this.external_trigger ? 'True' : 'False'}>`;
  }

  __repr__(): string {
    return this.__str__();
  }
}

/**
 * An object with Python __getattr__ semantics: any attribute name reaches `lookup` (a JS Proxy, so the
 * template runtime's `key in obj` test sees every name).
 */
function dynamicObject(base: PyObject & Record<string, unknown>, lookup: (key: string) => unknown): PyObject {
  return new Proxy(base, {
    has: () => true,
    get: (target, key) => {
      if (typeof key === 'symbol' || key in target) return target[key as keyof typeof target];
      return lookup(key);
    },
  });
}

/** `var.value` / `var.json` (VariableAccessor): missing variables raise. */
export function variableAccessor(vars: Record<string, string>, json: boolean, profile: Profile): PyObject {
  const read = (key: string, dflt: unknown): unknown => {
    if (!Object.prototype.hasOwnProperty.call(vars, key)) {
      if (dflt !== NOTSET) return dflt;
      if (profile === '2') throw new PyError('KeyError', `'Variable ${key} does not exist'`);
      throw new PyError('AirflowRuntimeError', `VARIABLE_NOT_FOUND: {'key': '${key}'}`);
    }
    if (!json) return vars[key];
    try {
      return JSON.parse(vars[key]);
    } catch (e) {
      throw new PyError('JSONDecodeError', (e as Error).message);
    }
  };
  const base = {
    __pyclass: 'airflow.utils.context.VariableAccessor',
    __str__: () => 'None',
    __repr__: () => 'None',
    get: (...args: unknown[]) => {
      const a = pyArgs('get', args, { key: REQUIRED, default_var: NOTSET });
      return read(String(a.key), a.default_var);
    },
  };
  return dynamicObject(base, (key) => read(key, NOTSET));
}

export interface ConnectionSpec {
  conn_type: string;
  host?: string | null;
  login?: string | null;
  schema?: string | null;
  port?: number | null;
  extra?: Record<string, unknown>;
}

/** `conn.<id>` (ConnectionAccessor). */
export function connectionAccessor(conns: Record<string, ConnectionSpec>): PyObject {
  const read = (id: string, dflt: unknown): unknown => {
    const c = conns[id];
    if (!c) {
      if (dflt !== NOTSET) return dflt;
      throw new PyError('AirflowNotFoundException', `The conn_id \`${id}\` isn't defined`);
    }
    return { conn_id: id, conn_type: c.conn_type, host: c.host ?? null, login: c.login ?? null, schema: c.schema ?? null, port: c.port ?? null, extra_dejson: c.extra ?? {} };
  };
  const base = {
    __pyclass: 'airflow.utils.context.ConnectionAccessor',
    __str__: () => '<ConnectionAccessor (dynamic access)>',
    __repr__: () => '<ConnectionAccessor (dynamic access)>',
    get: (...args: unknown[]) => {
      const a = pyArgs('get', args, { key: REQUIRED, default_conn: null });
      return read(String(a.key), a.default_conn);
    },
  };
  return dynamicObject(base, (key) => read(key, NOTSET));
}

/** 2.10's `conf`: the airflow.cfg accessor (conf.get('core', 'parallelism')). */
export function configAccessor(config: Config): PyObject & Record<string, unknown> {
  const get = (section: unknown, key: unknown): unknown => {
    const k = `${String(section).toLowerCase()}.${String(key).toLowerCase()}`;
    if (!(k in config)) throw new PyError('AirflowConfigException', `section/key [${String(section)}/${String(key)}] not found in config`);
    return config[k];
  };
  return {
    __pyclass: 'airflow.configuration.AirflowConfigParser',
    __str__: () => '<airflow.configuration.AirflowConfigParser object>',
    __repr__: () => '<airflow.configuration.AirflowConfigParser object>',
    get: (s: unknown, k: unknown) => String(get(s, k)).replace(/^(true|false)$/, (b) => (b === 'true' ? 'True' : 'False')),
    getint: (s: unknown, k: unknown) => Math.trunc(Number(get(s, k))),
    getfloat: (s: unknown, k: unknown) => Number(get(s, k)),
    getboolean: (s: unknown, k: unknown) => /^(true|t|1|yes|y|on)$/i.test(String(get(s, k))),
  };
}
