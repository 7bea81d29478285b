// Expression evaluation, attribute access and subscripts.

import type { Arg, Comprehension, Expr, FPart } from './ast.ts';
import { PyException, didYouMean } from '../errors.ts';
import type { Interp } from './interp.ts';
import { Scope } from './scope.ts';
import { iterate } from './iter.ts';
import { binaryOp, compareOp } from './ops.ts';
import { formatValue } from './format.ts';
import { builtinMethod } from './methods.ts';
import {
  type CallArgs,
  PyBoundMethod,
  PyDict,
  PyExceptionInstance,
  PyFloat,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PyNativeClass,
  PyObject,
  PyOpaque,
  PyRange,
  PySet,
  PyTuple,
  PyUserClass,
  type PyValue,
  repr,
  str,
  toNum,
  typeName,
} from './values.ts';
import { PyTimeDelta, PyRelativeDelta } from '../time/values.ts';

export class PySlice extends PyObject {
  readonly typeName = 'slice';
  constructor(
    readonly lower: PyValue,
    readonly upper: PyValue,
    readonly step: PyValue,
  ) {
    super();
  }
}

export function evalExpr(interp: Interp, e: Expr, scope: Scope): PyValue {
  try {
    return evalInner(interp, e, scope);
  } catch (err) {
    if (err instanceof PyException && err.pos === null) err.pos = e.from;
    throw err;
  }
}

function evalInner(interp: Interp, e: Expr, scope: Scope): PyValue {
  switch (e.t) {
    case 'name':
      return lookupName(interp, e.id, scope, e.from);
    case 'const': {
      const v = e.value;
      if (v === null || typeof v !== 'object') return v === 'ellipsis' ? new PyOpaque('Ellipsis') : v;
      if ('float' in v) return new PyFloat(v.float);
      return v.bytes;
    }
    case 'fstring':
      return fstring(interp, e.parts, scope);
    case 'list':
      return new PyList(elements(interp, e.elts, scope));
    case 'tuple':
      return new PyTuple(elements(interp, e.elts, scope));
    case 'set':
      return new PySet(elements(interp, e.elts, scope));
    case 'dict': {
      const d = new PyDict();
      for (const item of e.items) {
        if ('spread' in item) {
          const src = evalExpr(interp, item.spread, scope);
          if (!(src instanceof PyDict)) throw new PyException('TypeError', `'${typeName(src)}' object is not a mapping`, null, item.spread.from);
          for (const [k, v] of src.entries()) d.set(k, v);
        } else {
          d.set(evalExpr(interp, item.key, scope), evalExpr(interp, item.value, scope));
        }
      }
      return d;
    }
    case 'starred':
      throw new PyException('SyntaxError', "can't use starred expression here", null, e.from);
    case 'attr':
      return getAttr(interp, evalExpr(interp, e.obj, scope), e.name, e.nameSpan.from);
    case 'subscript':
      return getItem(evalExpr(interp, e.obj, scope), evalExpr(interp, e.index, scope), e.index.from);
    case 'slice':
      return new PySlice(
        e.lower ? evalExpr(interp, e.lower, scope) : null,
        e.upper ? evalExpr(interp, e.upper, scope) : null,
        e.step ? evalExpr(interp, e.step, scope) : null,
      );
    case 'call': {
      interp.tick(e.from);
      const fn = evalExpr(interp, e.func, scope);
      return interp.call(fn, callArgs(interp, e.args, scope, e.from, e.to, e.func.to));
    }
    case 'binop': {
      const a = evalExpr(interp, e.left, scope);
      const b = evalExpr(interp, e.right, scope);
      if (e.op === '>>' || e.op === '<<') {
        const r = interp.host.shift(e.op, a, b, e.opSpan.from);
        if (r !== undefined) return r;
      }
      try {
        return binaryOp(e.op, a, b);
      } catch (err) {
        if (err instanceof PyException && err.pos === null) err.pos = e.opSpan.from;
        throw err;
      }
    }
    case 'boolop': {
      const a = evalExpr(interp, e.left, scope);
      const t = interp.truth(a, e.left.from);
      if (e.op === 'and' ? !t : t) return a;
      return evalExpr(interp, e.right, scope);
    }
    case 'unary':
      return unary(interp, e.op, evalExpr(interp, e.operand, scope), e.operand.from);
    case 'compare': {
      let left = evalExpr(interp, e.left, scope);
      let result: PyValue = true;
      for (let i = 0; i < e.ops.length; i++) {
        const right = evalExpr(interp, e.rights[i], scope);
        result = compareOp(e.ops[i], left, right);
        if (result instanceof PyOpaque) return result;
        if (result === false) return false;
        left = right;
      }
      return result;
    }
    case 'ifexp':
      return interp.truth(evalExpr(interp, e.test, scope), e.test.from) ? evalExpr(interp, e.body, scope) : evalExpr(interp, e.orelse, scope);
    case 'lambda':
      return interp.makeFunction('<lambda>', e.params, e.body, scope, e.from, e.to, e.body.from, e.from);
    case 'comp': {
      const out: PyValue[] = [];
      comprehend(interp, e.gens, 0, new Scope(scope), (s) => out.push(evalExpr(interp, e.elt, s)));
      return e.kind === 'set' ? new PySet(out) : new PyList(out);
    }
    case 'dictcomp': {
      const d = new PyDict();
      comprehend(interp, e.gens, 0, new Scope(scope), (s) => d.set(evalExpr(interp, e.key, s), evalExpr(interp, e.value, s)));
      return d;
    }
    case 'walrus': {
      const v = evalExpr(interp, e.value, scope);
      scope.assign(e.target, v);
      return v;
    }
    case 'unsupported':
      throw new PyException('SyntaxError', `${e.what} is not supported by the simulator`, null, e.from);
  }
}

function lookupName(interp: Interp, name: string, scope: Scope, at: number): PyValue {
  const v = scope.lookup(name);
  if (v !== undefined) return v;
  const b = interp.builtins.get(name);
  if (b !== undefined) return b;
  const close = didYouMean(name, [...scope.names(), ...interp.builtins.keys()]);
  const hint = interp.host.nameHint(name);
  throw new PyException('NameError', `name '${name}' is not defined${close ? `. Did you mean: '${close}'?` : ''}`, hint, at);
}

function elements(interp: Interp, elts: Expr[], scope: Scope): PyValue[] {
  const out: PyValue[] = [];
  for (const x of elts) {
    if (x.t === 'starred') out.push(...iterate(interp, evalExpr(interp, x.value, scope), x.value.from));
    else out.push(evalExpr(interp, x, scope));
  }
  return out;
}

function comprehend(interp: Interp, gens: Comprehension[], i: number, scope: Scope, emit: (s: Scope) => void): void {
  if (i >= gens.length) {
    emit(scope);
    return;
  }
  const g = gens[i];
  // the first iterable is evaluated in the enclosing scope, as in Python
  const items = iterate(interp, evalExpr(interp, g.iter, i === 0 ? (scope.parent ?? scope) : scope), g.iter.from);
  for (const item of items) {
    interp.tick(g.iter.from);
    interp.assign(g.target, item, scope);
    if (g.ifs.every((c) => interp.truth(evalExpr(interp, c, scope), c.from))) comprehend(interp, gens, i + 1, scope, emit);
  }
}

export function callArgs(interp: Interp, args: Arg[], scope: Scope, from: number, to: number, funcEnd: number): CallArgs {
  const a: CallArgs = { pos: [], kw: new Map(), at: from, posAt: [], kwAt: new Map(), callFrom: from, callTo: to, kwValue: new Map() };
  void funcEnd;
  for (const arg of args) {
    switch (arg.kind) {
      case 'pos':
        a.pos.push(evalExpr(interp, arg.value, scope));
        a.posAt.push(arg.from);
        break;
      case 'star':
        for (const v of iterate(interp, evalExpr(interp, arg.value, scope), arg.value.from)) {
          a.pos.push(v);
          a.posAt.push(arg.from);
        }
        break;
      case 'kw':
        if (a.kw.has(arg.name!)) throw new PyException('SyntaxError', `keyword argument repeated: ${arg.name}`, null, arg.from);
        a.kw.set(arg.name!, evalExpr(interp, arg.value, scope));
        a.kwAt.set(arg.name!, arg.from);
        a.kwValue!.set(arg.name!, [arg.value.from, arg.value.to]);
        break;
      case 'dstar': {
        const d = evalExpr(interp, arg.value, scope);
        if (d instanceof PyOpaque) break;
        if (!(d instanceof PyDict)) throw new PyException('TypeError', `argument after ** must be a mapping, not ${typeName(d)}`, null, arg.from);
        for (const [k, v] of d.entries()) {
          if (typeof k !== 'string') throw new PyException('TypeError', 'keywords must be strings', null, arg.from);
          if (a.kw.has(k)) throw new PyException('TypeError', `got multiple values for keyword argument '${k}'`, null, arg.from);
          a.kw.set(k, v);
          a.kwAt.set(k, arg.from);
        }
      }
    }
  }
  return a;
}

function fstring(interp: Interp, parts: FPart[], scope: Scope): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = evalExpr(interp, p.expr, scope);
    const spec = p.spec ? fstring(interp, p.spec, scope) : '';
    let s: string;
    if (p.conv === 'r' || p.conv === 'a') s = repr(v);
    else if (p.conv === 's') s = str(v);
    else s = spec ? formatValue(v, spec) : p.selfDoc && !p.conv ? repr(v) : str(v);
    if (p.conv && spec) s = formatValue(s, spec);
    out += (p.selfDoc ?? '') + s;
    if (out.length > 1_000_000) throw new PyException('MemoryError', 'string too large for the simulator');
  }
  return out;
}

function unary(interp: Interp, op: string, v: PyValue, at: number): PyValue {
  if (op === 'not') return !interp.truth(v, at);
  if (v instanceof PyOpaque) return v;
  if (v instanceof PyTimeDelta) return op === '-' ? new PyTimeDelta(-v.us) : v;
  if (v instanceof PyRelativeDelta && op === '-') {
    const f = { ...v.f };
    for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] = -f[k];
    return new PyRelativeDelta(f);
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    const n = toNum(v);
    return op === '-' ? -n : op === '+' ? n : ~n;
  }
  if (v instanceof PyFloat && op !== '~') return new PyFloat(op === '-' ? -v.v : v.v);
  throw new PyException('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`, null, at);
}

export function getAttr(interp: Interp, obj: PyValue, name: string, at: number): PyValue {
  const hosted = interp.host.getAttr(obj, name, at);
  if (hosted !== undefined) return hosted;
  const m = builtinMethod(interp, obj, name, at);
  if (m !== undefined) return m;
  if (obj instanceof PyModule) {
    const v = obj.attrs.get(name);
    if (v !== undefined) return v;
    if (obj.opaque) return new PyOpaque(`${obj.name}.${name}`);
    try {
      return interp.host.importModule(`${obj.name}.${name}`, at);
    } catch {
      throw new PyException('AttributeError', `module '${obj.name}' has no attribute '${name}'`, null, at);
    }
  }
  if (obj instanceof PyNativeClass) {
    const v = obj.attrs.get(name);
    if (v !== undefined) return v;
    throw new PyException('AttributeError', `type object '${obj.name}' has no attribute '${name}'`, null, at);
  }
  if (obj instanceof PyInstance) {
    const v = obj.attrs.get(name) ?? obj.cls.attrs.get(name);
    if (v instanceof PyFunction) return new PyBoundMethod(obj, v);
    if (v !== undefined) return v;
  }
  if (obj instanceof PyUserClass) {
    const v = obj.attrs.get(name);
    if (v !== undefined) return v;
  }
  if (obj instanceof PyOpaque) return new PyOpaque(`${obj.desc}.${name}`);
  if (obj instanceof PyExceptionInstance && name === 'args') return new PyTuple([obj.message]);
  const candidates = obj instanceof PyInstance ? [...obj.attrs.keys()] : [];
  const close = didYouMean(name, candidates);
  throw new PyException('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'${close ? `. Did you mean: '${close}'?` : ''}`, null, at);
}

export function getItem(obj: PyValue, key: PyValue, at: number): PyValue {
  if (obj instanceof PyOpaque) return new PyOpaque(`${obj.desc}[...]`);
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v === undefined) throw new PyException('KeyError', repr(key), null, at);
    return v;
  }
  if (obj instanceof PyList || obj instanceof PyTuple || typeof obj === 'string' || obj instanceof PyRange) {
    const items: PyValue[] = typeof obj === 'string' ? [...obj] : obj instanceof PyRange ? [] : obj.items;
    if (key instanceof PySlice) {
      const src = obj instanceof PyRange ? rangeItems(obj) : items;
      const sliced = slice(src, key);
      if (typeof obj === 'string') return (sliced as string[]).join('');
      return obj instanceof PyTuple ? new PyTuple(sliced) : new PyList(sliced);
    }
    if (typeof key !== 'number' && typeof key !== 'boolean') {
      throw new PyException('TypeError', `${typeName(obj)} indices must be integers or slices, not ${typeName(key)}`, null, at);
    }
    if (obj instanceof PyRange) {
      const n = obj.length;
      const i = toNum(key) < 0 ? n + toNum(key) : toNum(key);
      if (i < 0 || i >= n) throw new PyException('IndexError', 'range object index out of range', null, at);
      return obj.start + i * obj.step;
    }
    const i = toNum(key) < 0 ? items.length + toNum(key) : toNum(key);
    if (i < 0 || i >= items.length) throw new PyException('IndexError', `${typeName(obj)} index out of range`, null, at);
    return items[i];
  }
  const custom = (obj as { pyGetItem?: (k: PyValue, at: number) => PyValue } | null)?.pyGetItem;
  if (obj instanceof PyObject && typeof custom === 'function') return custom.call(obj, key, at);
  throw new PyException('TypeError', `'${typeName(obj)}' object is not subscriptable`, null, at);
}

function rangeItems(r: PyRange): PyValue[] {
  const n = Math.min(r.length, 1_000_000);
  const out: PyValue[] = [];
  for (let i = 0; i < n; i++) out.push(r.start + i * r.step);
  return out;
}

function slice<T>(items: T[], s: PySlice): T[] {
  const n = items.length;
  const step = s.step === null ? 1 : toNum(s.step);
  if (step === 0) throw new PyException('ValueError', 'slice step cannot be zero');
  const norm = (v: PyValue, def: number): number => {
    if (v === null) return def;
    let i = toNum(v);
    if (i < 0) i += n;
    return step > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const start = norm(s.lower, step > 0 ? 0 : n - 1);
  const stop = norm(s.upper, step > 0 ? n : -1);
  const out: T[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i]);
  return out;
}
