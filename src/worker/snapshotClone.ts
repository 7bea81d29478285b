// A prototype-preserving deep copy of an object graph: class instances keep their class, Maps,
// Sets and arrays are copied, shared references stay shared (one copy per original, so a row held
// by the run index and by the executor's queue is still one row), and WeakMaps are rebuilt for
// the keys the graph reaches. A function cannot be copied (its closure would still point into the
// original graph), so meeting one refuses the copy: the caller takes no snapshot then.
// Objects the caller knows to be immutable (parsed DAGs) are kept by reference, not walked.

export class Unclonable extends Error {}

export interface CloneOptions {
  /** originals kept by reference (immutable, or owned by no one but the graph's readers) */
  shared?: ReadonlySet<object>;
  /** append-only arrays whose items are never changed after they are pushed: items are shared */
  shareItems?: ReadonlySet<unknown[]>;
}

type Pending = { from: WeakMap<object, unknown> | WeakSet<object>; to: WeakMap<object, unknown> | WeakSet<object> };

/** Copy `root` and everything it reaches. Clone several roots in one call to keep links between them. */
export function deepClone<T extends unknown[]>(roots: T, opts: CloneOptions = {}): T {
  const memo = new Map<object, unknown>();
  const weak: Pending[] = [];
  const shared = opts.shared ?? new Set<object>();
  const shareItems = opts.shareItems ?? new Set<unknown[]>();

  const copy = (v: unknown): unknown => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    const o = v as object;
    if (shared.has(o)) return o;
    const seen = memo.get(o);
    if (seen !== undefined) return seen;
    if (typeof v === 'function') throw new Unclonable(`a function (${(v as { name?: string }).name || 'anonymous'}) is part of the state`);
    if (Array.isArray(o)) {
      const out: unknown[] = new Array(o.length);
      memo.set(o, out);
      if (shareItems.has(o)) for (let i = 0; i < o.length; i++) out[i] = o[i];
      else for (let i = 0; i < o.length; i++) out[i] = copy(o[i]);
      return out;
    }
    if (o instanceof Map) {
      const out = new Map();
      memo.set(o, out);
      for (const [k, x] of o) out.set(copy(k), copy(x));
      return out;
    }
    if (o instanceof Set) {
      const out = new Set();
      memo.set(o, out);
      for (const x of o) out.add(copy(x));
      return out;
    }
    if (o instanceof WeakMap || o instanceof WeakSet) {
      const out = o instanceof WeakMap ? new WeakMap() : new WeakSet();
      memo.set(o, out);
      weak.push({ from: o, to: out });
      return out;
    }
    if (o instanceof Date) {
      const out = new Date(o.getTime());
      memo.set(o, out);
      return out;
    }
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer || o instanceof RegExp || o instanceof Promise) {
      throw new Unclonable(`a ${o.constructor.name} is part of the state`);
    }
    const proto = Object.getPrototypeOf(o);
    const out = (proto === Object.prototype ? {} : Object.create(proto)) as Record<string, unknown>;
    memo.set(o, out);
    // own enumerable data fields: what class fields and object literals are (getters live on prototypes)
    const src = o as Record<string, unknown>;
    const keys = Object.keys(src);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const x = src[key];
      out[key] = x === null || typeof x !== 'object' ? (typeof x === 'function' ? copy(x) : x) : copy(x);
    }
    if (Object.isFrozen(o)) Object.freeze(out);
    return out;
  };

  const out = roots.map(copy) as T;
  // a WeakMap cannot be listed: ask it about every original the walk reached
  for (let i = 0; i < weak.length; i++) {
    const { from, to } = weak[i]!;
    for (const [orig, clone] of [...memo]) {
      if (typeof orig !== 'object' || orig === null) continue;
      if (from instanceof WeakMap) {
        if (from.has(orig)) (to as WeakMap<object, unknown>).set(clone as object, copy(from.get(orig)));
      } else if (from.has(orig)) (to as WeakSet<object>).add(clone as object);
    }
  }
  return out;
}
