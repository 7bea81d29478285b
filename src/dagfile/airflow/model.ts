// The Airflow objects a DAG file builds: DAG, tasks, TaskGroups, XComArgs, Labels.
// They mirror Airflow's in-memory model (task_dict, TaskGroup children, upstream/downstream).

import { PyException } from '../errors.ts';
import { PyDict, PyFunction, PyObject, type PyValue } from '../python/values.ts';
import type { OperatorDef } from './operators.ts';
import type { DagArgs } from './dag_args.ts';
import type { Profile } from '../spec.ts';

export interface Anchors {
  callFrom: number;
  callTo: number;
  stmtFrom: number;
  stmtTo: number;
  /** start of every statement being executed, outermost first (loops, with blocks, helper calls) */
  outer: number[];
  /** TaskFlow: where the decorated function is */
  fn?: PyFunction;
}

export class TaskObj extends PyObject {
  readonly upstream: TaskObj[] = [];
  readonly downstream: TaskObj[] = [];
  /** TaskFlow: tasks whose return values this task takes */
  readonly xcomFrom: TaskObj[] = [];
  dag: DagObj | null = null;
  group: GroupObj | null = null;
  docMd: string | null = null;
  /** attribute assignments after construction (t.doc_md = ..., t.retries = ...) */
  readonly overrides = new Map<string, PyValue>();

  constructor(
    public taskId: string,
    readonly op: OperatorDef,
    /** resolved keyword arguments (after default_args) */
    readonly kwargs: Map<string, PyValue>,
    readonly anchors: Anchors,
    readonly order: number,
  ) {
    super();
  }
  get typeName(): string {
    return this.op.className;
  }
  pyRepr(): string {
    return `<Task(${this.op.className}): ${this.taskId}>`;
  }
}

export class GroupObj extends PyObject {
  readonly typeName = 'TaskGroup';
  readonly children: (TaskObj | GroupObj)[] = [];
  constructor(
    /** _group_id: the label, without the parent's prefix (null for the root group) */
    readonly label: string | null,
    readonly parent: GroupObj | null,
    readonly dag: DagObj | null,
    readonly prefixGroupId: boolean,
    readonly defaultArgs: PyDict,
  ) {
    super();
  }

  /** Airflow's TaskGroup.group_id: prefixed by the parent's id when the parent prefixes. */
  get groupId(): string | null {
    if (this.label === null) return null;
    const p = this.parent;
    if (p && p.prefixGroupId && p.label !== null) return p.childId(this.label);
    return this.label;
  }

  childId(label: string): string {
    if (this.prefixGroupId) {
      const g = this.groupId;
      if (g) return `${g}.${label}`;
    }
    return label;
  }

  /** every task inside, recursively, in insertion order */
  tasks(): TaskObj[] {
    const out: TaskObj[] = [];
    for (const c of this.children) {
      if (c instanceof TaskObj) out.push(c);
      else out.push(...c.tasks());
    }
    return out;
  }

  roots(): TaskObj[] {
    const tasks = this.tasks();
    const ids = new Set(tasks);
    return tasks.filter((t) => t.upstream.every((u) => !ids.has(u)));
  }

  leaves(): TaskObj[] {
    const tasks = this.tasks();
    const ids = new Set(tasks);
    return tasks.filter((t) => t.downstream.every((d) => !ids.has(d)));
  }

  pyRepr(): string {
    return `<TaskGroup: ${this.groupId}>`;
  }
}

export class DagObj extends PyObject {
  readonly typeName = 'DAG';
  readonly tasks = new Map<string, TaskObj>();
  readonly root: GroupObj;
  readonly usedGroupIds = new Set<string>();
  /** where each edge "up\0down" was written, for cycle errors */
  readonly edgeAt = new Map<string, number>();
  registered = false;
  docMd: string | null;
  description: string | null;

  constructor(
    readonly dagId: string,
    readonly args: DagArgs,
    readonly at: number,
    readonly order: number,
  ) {
    super();
    this.root = new GroupObj(null, null, this, true, new PyDict());
    this.docMd = args.docMd;
    this.description = args.description;
  }

  pyRepr(): string {
    return `<DAG: ${this.dagId}>`;
  }

  /** DAG.add_task: dates clamped to the DAG's, duplicate ids rejected (DuplicateTaskIdFound). */
  addTask(t: TaskObj, at: number): void {
    if ((this.tasks.has(t.taskId) && this.tasks.get(t.taskId) !== t) || this.usedGroupIds.has(t.taskId)) {
      throw duplicateTask(t.taskId, at);
    }
    this.tasks.set(t.taskId, t);
    this.usedGroupIds.add(t.taskId);
    t.dag = this;
  }
}

export function duplicateTask(taskId: string, at: number): PyException {
  // airflow/models/dag.py DAG.add_task (2.10) and task-sdk definitions/dag.py (3.x)
  return new PyException(
    'DuplicateTaskIdFound',
    `Task id '${taskId}' has already been added to the DAG`,
    `Every task in a DAG needs its own task_id; rename one of the two '${taskId}' tasks.`,
    at,
  );
}

/** The value a TaskFlow call returns: a reference to the task's return value. */
export class XComArgObj extends PyObject {
  readonly typeName = 'PlainXComArg';
  constructor(
    readonly task: TaskObj,
    readonly key: string = 'return_value',
  ) {
    super();
  }
  /** airflow/models/xcom_arg.py PlainXComArg.__str__ */
  pyStr(): string {
    const dagId = this.task.dag ? this.task.dag.dagId : 'None';
    return `{{ task_instance.xcom_pull(task_ids='${this.task.taskId}', dag_id='${dagId}', key='${this.key}') }}`;
  }
  pyRepr(): string {
    return `XComArg(${this.task.pyRepr()})`;
  }
  /** xcom_arg["key"]: a reference to another key of the same task's XCom */
  pyGetItem(key: PyValue, at: number): PyValue {
    if (typeof key !== 'string') throw new PyException('ValueError', `XComArg only supports str lookup, received ${typeof key === 'number' ? 'int' : 'value'}`, null, at);
    return new XComArgObj(this.task, key);
  }
}

/** Label("...") in `a >> Label("x") >> b`: remembers both sides and links them. */
export class LabelObj extends PyObject {
  readonly typeName = 'EdgeModifier';
  readonly ups: TaskObj[] = [];
  readonly downs: TaskObj[] = [];
  constructor(readonly label: string) {
    super();
  }
  pyRepr(): string {
    return `Label(${JSON.stringify(this.label)})`;
  }
}

export type DepNode = TaskObj | GroupObj | XComArgObj | LabelObj;

export function isDepNode(v: PyValue): v is DepNode {
  return v instanceof TaskObj || v instanceof GroupObj || v instanceof XComArgObj || v instanceof LabelObj;
}

/** Links `ups` >> `downs`, the way BaseOperator._set_relatives does, with the DAG checks. */
export function link(ups: TaskObj[], downs: TaskObj[], at: number, profile: Profile): void {
  if (!ups.length || !downs.length) return;
  const all = [...ups, ...downs];
  const dags = [...new Set(all.map((t) => t.dag).filter((d): d is DagObj => d !== null))];
  // 2.10 airflow/models/taskmixin.py DependencyMixin._set_relatives; 3.x task-sdk definitions/_internal/node.py
  const word = profile === '2' ? 'DAG' : 'Dag';
  if (dags.length > 1) {
    throw new PyException(
      profile === '2' ? 'AirflowException' : 'RuntimeError',
      `Tried to set relationships between tasks in more than one ${word}: {${dags.map((d) => d.pyRepr()).join(', ')}}`,
      'A task can only depend on tasks of the same DAG. Use ExternalTaskSensor or TriggerDagRunOperator between DAGs.',
      at,
    );
  }
  if (dags.length === 0) {
    throw new PyException(
      profile === '2' ? 'AirflowException' : 'ValueError',
      `Tried to create relationships between tasks that don't have ${word}s yet. Set the ${word} for at least one task and try again: [${all.map((t) => t.pyRepr()).join(', ')}]`,
      'Create the tasks inside `with DAG(...)` or pass dag=... to them.',
      at,
    );
  }
  const dag = dags[0];
  for (const t of all) if (!t.dag) dag.addTask(t, at);
  for (const u of ups) {
    for (const d of downs) {
      if (!d.upstream.includes(u)) d.upstream.push(u);
      if (!u.downstream.includes(d)) u.downstream.push(d);
      if (!dag.edgeAt.has(`${u.taskId}\0${d.taskId}`)) dag.edgeAt.set(`${u.taskId}\0${d.taskId}`, at);
    }
  }
}

/** The tasks an upstream side contributes (its leaves). */
export function leavesOf(n: DepNode): TaskObj[] {
  if (n instanceof TaskObj) return [n];
  if (n instanceof XComArgObj) return [n.task];
  if (n instanceof GroupObj) return n.leaves();
  return n.ups.slice();
}

/** The tasks a downstream side contributes (its roots). */
export function rootsOf(n: DepNode): TaskObj[] {
  if (n instanceof TaskObj) return [n];
  if (n instanceof XComArgObj) return [n.task];
  if (n instanceof GroupObj) return n.roots();
  return n.downs.slice();
}

/** up >> down for single nodes, keeping Labels' memory of both sides. */
export function setDownstream(up: DepNode, down: DepNode, at: number, profile: Profile): void {
  const ups = leavesOf(up);
  const downs = rootsOf(down);
  if (down instanceof LabelObj) for (const u of ups) if (!down.ups.includes(u)) down.ups.push(u);
  if (up instanceof LabelObj) for (const d of downs) if (!up.downs.includes(d)) up.downs.push(d);
  link(ups, downs, at, profile);
}
