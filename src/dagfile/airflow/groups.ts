// TaskGroup(...) and @task_group (2.10 airflow/utils/task_group.py, airflow/decorators/task_group.py;
// 3.x task-sdk definitions/taskgroup.py, definitions/decorators/task_group.py).

import { PyException } from '../errors.ts';
import { arg } from '../python/args.ts';
import { type CallArgs, PyDict, PyFunction, PyNativeClass, PyObject, type PyValue, typeName } from '../python/values.ts';
import { validateGroupKey } from './keys.ts';
import { DagObj, GroupObj } from './model.ts';
import type { Runtime } from './runtime.ts';

const TG_PARAMS = ['group_id', 'prefix_group_id', 'parent_group', 'dag', 'default_args', 'tooltip', 'ui_color', 'ui_fgcolor', 'add_suffix_on_collision', 'group_display_name'];

export function createGroup(rt: Runtime, a: CallArgs, fallbackId: string | null, suffixOnCollision: boolean): GroupObj {
  if (a.pos.length > 1) throw new PyException('TypeError', `TaskGroup.__init__() takes 2 positional arguments but ${a.pos.length + 1} were given`, null, a.at);
  for (const k of a.kw.keys()) {
    if (!TG_PARAMS.includes(k)) throw new PyException('TypeError', `TaskGroup.__init__() got an unexpected keyword argument '${k}'`, null, a.kwAt.get(k) ?? a.at);
  }
  const at = (k: string) => a.kwAt.get(k) ?? a.at;
  let label = arg(a, 0, 'group_id', fallbackId);
  if (label === null) throw new PyException('TypeError', "TaskGroup.__init__() missing 1 required positional argument: 'group_id'", null, a.at);
  if (typeof label !== 'string') throw new PyException('TypeError', `The key has to be a string and is <class '${typeName(label)}'>:${String(label)}`, null, at('group_id'));
  const prefix = a.kw.has('prefix_group_id') ? a.kw.get('prefix_group_id') !== false : true;
  if (prefix) validateGroupKey(label, a.pos.length ? a.posAt[0] : at('group_id'), rt.profile);
  else if (!label) throw new PyException('ValueError', 'group_id must not be empty', null, at('group_id'));

  const dagArg = a.kw.get('dag');
  const dag = dagArg instanceof DagObj ? dagArg : rt.currentDag();
  const parentArg = a.kw.get('parent_group');
  const parent = parentArg instanceof GroupObj ? parentArg : rt.currentGroup(dag);
  if (!dag || !parent) {
    throw new PyException('AirflowException', 'TaskGroup can only be used inside a dag', 'Create the TaskGroup inside `with DAG(...)` or a @dag function.', a.at);
  }
  const own = a.kw.get('default_args');
  if (own !== undefined && own !== null && !(own instanceof PyDict)) throw new PyException('TypeError', 'default_args must be a dict', null, at('default_args'));
  // _update_default_args: the parent's defaults, overridden by this group's
  const defaults = new PyDict([...parent.defaultArgs.entries(), ...((own as PyDict | undefined)?.entries() ?? [])]);

  const tmp = new GroupObj(label, parent, dag, prefix, defaults);
  let id = tmp.groupId!;
  if (dag.usedGroupIds.has(id)) {
    const suffix = suffixOnCollision || a.kw.get('add_suffix_on_collision') === true;
    if (!suffix) {
      throw new PyException('DuplicateTaskIdFound', `group_id '${id}' has already been added to the DAG`, `Another TaskGroup or task already uses the id '${id}'.`, a.pos.length ? a.posAt[0] : at('group_id'));
    }
    // _check_for_group_id_collisions: task_group__1, task_group__2, ...
    const base = label.replace(/__\d+$/, '');
    let max = 0;
    for (const used of dag.usedGroupIds) {
      const m = new RegExp(`^${escape(parent.childId(base))}__(\\d+)$`).exec(used);
      if (m) max = Math.max(max, Number(m[1]));
    }
    label = `${base}__${max + 1}`;
  }
  const group = new GroupObj(label, parent, dag, prefix, defaults);
  id = group.groupId!;
  parent.children.push(group);
  dag.usedGroupIds.add(id);
  return group;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function taskGroupClass(rt: Runtime): PyNativeClass {
  return new PyNativeClass('TaskGroup', (a) => createGroup(rt, a, null, false));
}

/** A function decorated with @task_group: calling it makes a group and runs the body inside. */
export class TaskGroupFactory extends PyObject {
  readonly typeName = 'TaskGroupDecorator';
  constructor(
    readonly fn: PyFunction,
    readonly kwargs: Map<string, PyValue>,
    readonly kwAt: Map<string, number>,
  ) {
    super();
  }
}

export function callTaskGroup(rt: Runtime, f: TaskGroupFactory, a: CallArgs): PyValue {
  const groupArgs: CallArgs = { ...a, pos: [], kw: new Map(f.kwargs), kwAt: new Map(f.kwAt) };
  const group = createGroup(rt, groupArgs, f.fn.info.name, true);
  const exit = rt.pushGroup(group, a.at);
  let ret: PyValue;
  try {
    ret = rt.interp.call(f.fn, a);
  } finally {
    exit();
  }
  // airflow/decorators/task_group.py: a returned task/XComArg is forwarded so dependencies bind to it
  return ret === null ? group : ret;
}
