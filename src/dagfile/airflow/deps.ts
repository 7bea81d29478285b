// Dependencies: >>, <<, set_upstream/set_downstream, chain, cross_downstream, chain_linear.
// The operator overloads follow DependencyMixin (__rshift__ returns the right operand; list >> task
// goes through task.__rrshift__); chain() follows airflow/models/baseoperator.py::chain.

import { PyException } from '../errors.ts';
import { arg } from '../python/args.ts';
import { type CallArgs, PyList, PyOpaque, PyTuple, type PyValue, classRepr, typeName } from '../python/values.ts';
import { type DepNode, LabelObj, isDepNode, setDownstream } from './model.ts';
import type { Runtime } from './runtime.ts';

type Side = DepNode | DepNode[];

function asSide(v: PyValue, at: number): Side | null {
  if (isDepNode(v)) return v;
  if (v instanceof PyList || v instanceof PyTuple) {
    return v.items.map((x) => {
      if (!isDepNode(x)) {
        throw new PyException('TypeError', `Relationships can only be set between Operators; received ${typeName(x)}`, 'Only tasks, TaskFlow results, TaskGroups and Labels can be linked with >> and <<.', at);
      }
      return x;
    });
  }
  return null;
}

/** up >> down where either side may be a list (list >> list is handled by the caller). */
export function downstream(rt: Runtime, up: Side, down: Side, at: number): void {
  const ups = Array.isArray(up) ? up : [up];
  const downs = Array.isArray(down) ? down : [down];
  for (const u of ups) for (const d of downs) setDownstream(u, d, at, rt.profile);
}

/** The `>>` / `<<` operators on Airflow objects; undefined when neither side is one. */
export function shiftOp(rt: Runtime, op: '>>' | '<<', a: PyValue, b: PyValue, at: number): PyValue | undefined {
  const aNode = isDepNode(a);
  const bNode = isDepNode(b);
  if (!aNode && !bNode) {
    const aList = a instanceof PyList || a instanceof PyTuple;
    const bList = b instanceof PyList || b instanceof PyTuple;
    if (aList && bList && [...(a as PyList).items, ...(b as PyList).items].some(isDepNode)) {
      throw new PyException(
        'TypeError',
        `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
        `Python cannot apply ${op} between two lists. To link every task of the first list to every task of the second, use cross_downstream([...], [...]); to link them pairwise, use chain([...], [...]).`,
        at,
      );
    }
    return undefined;
  }
  const left = asSide(a, at);
  const right = asSide(b, at);
  if (!left || !right) {
    const other = left ? b : a;
    if (other instanceof PyOpaque) {
      throw new PyException('SimulatorLimitation', `${other.desc} is not a task the simulator knows`, 'Only tasks, TaskFlow results, TaskGroups and Labels can be linked with >> and <<.', at);
    }
    throw new PyException('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`, `${classRepr(other)} is not a task: only tasks, TaskFlow results, TaskGroups and Labels can be linked.`, at);
  }
  if (op === '>>') downstream(rt, left, right, at);
  else downstream(rt, right, left, at);
  // a >> b returns b; [a] >> b (b.__rrshift__) returns b; a << b returns b; [a] << b returns b
  return b;
}

/** task.set_downstream(x) / task.set_upstream(x) */
export function setRelatives(rt: Runtime, self: DepNode, upstream: boolean, a: CallArgs): PyValue {
  const other = asSide(arg(a, 0, 'task_or_task_list'), a.at);
  if (!other) throw new PyException('TypeError', `Relationships can only be set between Operators; received ${typeName(a.pos[0] ?? null)}`, null, a.at);
  if (upstream) downstream(rt, other, self, a.at);
  else downstream(rt, self, other, a.at);
  return null;
}

export function chain(rt: Runtime, a: CallArgs): PyValue {
  const p = rt.profile;
  const items = a.pos;
  for (let i = 0; i + 1 < items.length; i++) {
    const up = items[i];
    const down = items[i + 1];
    const at = a.posAt[i + 1] ?? a.at;
    if (isDepNode(up)) {
      downstream(rt, up, asSide(down, at) ?? fail(up, down, at), at);
      continue;
    }
    if (isDepNode(down)) {
      downstream(rt, asSide(up, at) ?? fail(up, down, at), down, at);
      continue;
    }
    const ul = asSide(up, at);
    const dl = asSide(down, at);
    if (!Array.isArray(ul) || !Array.isArray(dl)) fail(up, down, at);
    if (ul.length !== dl.length) {
      throw new PyException(
        p === '2' ? 'AirflowException' : 'ValueError',
        `Chain not supported for different length Iterable. Got ${ul.length} and ${dl.length}.`,
        'chain() links two neighbouring lists pairwise (first to first, second to second), so they must have the same length. To link every task to every task, use cross_downstream().',
        at,
      );
    }
    ul.forEach((u, j) => downstream(rt, u, dl[j], at));
  }
  return null;
}

function fail(up: PyValue, down: PyValue, at: number): never {
  throw new PyException('TypeError', `Chain not supported between instances of ${classRepr(up)} and ${classRepr(down)}`, 'chain() takes tasks, TaskGroups, Labels or lists of them.', at);
}

export function crossDownstream(rt: Runtime, a: CallArgs): PyValue {
  const from = asSide(arg(a, 0, 'from_tasks'), a.at);
  const to = asSide(arg(a, 1, 'to_tasks'), a.at);
  if (!from || !to) throw new PyException('TypeError', 'cross_downstream() takes lists of tasks', null, a.at);
  for (const f of Array.isArray(from) ? from : [from]) downstream(rt, f, to, a.at);
  return null;
}

export function chainLinear(rt: Runtime, a: CallArgs): PyValue {
  if (!a.pos.length) throw new PyException('ValueError', 'No tasks provided; nothing to do.', null, a.at);
  let prev: DepNode[] | null = null;
  let set = false;
  a.pos.forEach((el, i) => {
    const at = a.posAt[i] ?? a.at;
    if (el instanceof LabelObj) throw new PyException('ValueError', 'Labels are not supported by chain_linear', null, at);
    const side = asSide(el, at);
    if (!side) fail(a.pos[i - 1] ?? null, el, at);
    if (prev) {
      for (const t of prev) downstream(rt, t, side, at);
      set = true;
    }
    prev = Array.isArray(side) ? side : [side];
  });
  if (!set) throw new PyException('ValueError', 'No dependencies were set. Did you forget to expand with `*`?', null, a.at);
  return null;
}
