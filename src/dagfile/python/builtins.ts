// Built-in functions and types of the evaluated subset.

import { PyException, knownExceptionTypes } from '../errors.ts';
import type { Interp } from './interp.ts';
import { arg, native } from './args.ts';
import { iterate } from './iter.ts';
import { MAX_SEQ, order } from './ops.ts';
import { formatValue } from './format.ts';
import { getAttr } from './expr.ts';
import {
  type CallArgs,
  PyDict,
  PyExceptionClass,
  PyFloat,
  PyList,
  PyNativeClass,
  PyOpaque,
  PyRange,
  PySet,
  PyTuple,
  type PyValue,
  floatRepr,
  isNumber,
  repr,
  str,
  toNum,
  truthy,
  typeName,
} from './values.ts';

function toInt(v: PyValue, at: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return Math.trunc(v.v);
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (!/^[+-]?\d+$/.test(t)) throw new PyException('ValueError', `invalid literal for int() with base 10: ${repr(v)}`, null, at);
    return Number(t);
  }
  throw new PyException('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`, null, at);
}

function toFloat(v: PyValue, at: number): PyFloat {
  if (isNumber(v)) return new PyFloat(toNum(v));
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'inf' || t === '+inf' || t === 'infinity') return new PyFloat(Infinity);
    if (t === '-inf' || t === '-infinity') return new PyFloat(-Infinity);
    if (t === 'nan') return new PyFloat(NaN);
    const n = Number(t.replace(/_/g, ''));
    if (t === '' || Number.isNaN(n)) throw new PyException('ValueError', `could not convert string to float: ${repr(v)}`, null, at);
    return new PyFloat(n);
  }
  throw new PyException('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`, null, at);
}

function isInstance(v: PyValue, cls: PyValue): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstance(v, c));
  const t = typeName(v);
  if (cls instanceof PyNativeClass) {
    if (cls.name === 'int') return t === 'int' || t === 'bool';
    if (cls.name === 'object') return true;
    if (cls.name === 'timedelta') return t === 'timedelta' || t === 'Duration';
    if (cls.name === 'datetime') return t === 'datetime' || t === 'DateTime';
    return cls.name === t;
  }
  if (cls instanceof PyExceptionClass) return t === cls.name;
  return false;
}

export function installBuiltins(interp: Interp): void {
  const b = interp.builtins;
  const def = (name: string, fn: (a: CallArgs) => PyValue) => b.set(name, native(name, fn));
  const cls = (name: string, fn: ((a: CallArgs) => PyValue) | null) => b.set(name, new PyNativeClass(name, fn));
  const items = (v: PyValue, at: number) => iterate(interp, v, at);

  def('print', () => null);
  def('len', (a) => {
    const v = arg(a, 0, 'obj');
    if (typeof v === 'string') return [...v].length;
    if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
    if (v instanceof PyDict || v instanceof PySet) return v.map.size;
    if (v instanceof PyRange) return v.length;
    const custom = (v as { pyLen?: () => number } | null)?.pyLen;
    if (v && typeof v === 'object' && typeof custom === 'function') return custom.call(v);
    throw new PyException('TypeError', `object of type '${typeName(v)}' has no len()`, null, a.at);
  });
  cls('range', (a) => {
    const n = a.pos.map((x, i) => toInt(x, a.posAt[i]));
    if (n.length === 0 || n.length > 3) throw new PyException('TypeError', `range expected at least 1 argument, got ${n.length}`, null, a.at);
    const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
    if (step === 0) throw new PyException('ValueError', 'range() arg 3 must not be zero', null, a.at);
    return new PyRange(start, stop, step);
  });
  cls('str', (a) => (a.pos.length ? str(a.pos[0]) : ''));
  cls('int', (a) => (a.pos.length ? toInt(a.pos[0], a.posAt[0]) : 0));
  cls('float', (a) => (a.pos.length ? toFloat(a.pos[0], a.posAt[0]) : new PyFloat(0)));
  cls('bool', (a) => (a.pos.length ? interp.truth(a.pos[0], a.at) : false));
  cls('list', (a) => new PyList(a.pos.length ? items(a.pos[0], a.at) : []));
  cls('tuple', (a) => new PyTuple(a.pos.length ? items(a.pos[0], a.at) : []));
  cls('set', (a) => new PySet(a.pos.length ? items(a.pos[0], a.at) : []));
  cls('frozenset', (a) => new PySet(a.pos.length ? items(a.pos[0], a.at) : [], true));
  cls('dict', (a) => {
    const d = new PyDict();
    if (a.pos.length) {
      const src = a.pos[0];
      if (src instanceof PyDict) for (const [k, v] of src.entries()) d.set(k, v);
      else for (const pair of items(src, a.at)) {
        const kv = items(pair, a.at);
        if (kv.length !== 2) throw new PyException('ValueError', `dictionary update sequence element has length ${kv.length}; 2 is required`, null, a.at);
        d.set(kv[0], kv[1]);
      }
    }
    for (const [k, v] of a.kw) d.set(k, v);
    return d;
  });
  cls('object', null);
  def('enumerate', (a) => {
    const start = toInt(arg(a, 1, 'start', 0), a.at);
    return new PyList(items(arg(a, 0, 'iterable'), a.at).map((v, i) => new PyTuple([i + start, v])));
  });
  def('zip', (a) => {
    const lists = a.pos.map((x, i) => items(x, a.posAt[i]));
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    const out: PyValue[] = [];
    for (let i = 0; i < n; i++) out.push(new PyTuple(lists.map((l) => l[i])));
    return new PyList(out);
  });
  def('sorted', (a) => {
    const list = items(arg(a, 0, 'iterable'), a.at);
    const key = a.kw.get('key');
    const keyed = key ? list.map((v) => [interp.call(key, interp.args([v], a.at)), v] as const) : list.map((v) => [v, v] as const);
    keyed.sort((x, y) => order(x[0], y[0]));
    const out = keyed.map((x) => x[1]);
    if (truthy(a.kw.get('reverse') ?? false)) out.reverse();
    return new PyList(out);
  });
  def('reversed', (a) => new PyList(items(arg(a, 0, 'sequence'), a.at).reverse()));
  const minmax = (name: string, sign: number) =>
    def(name, (a) => {
      const list = a.pos.length === 1 ? items(a.pos[0], a.at) : a.pos;
      if (!list.length) {
        if (a.kw.has('default')) return a.kw.get('default')!;
        throw new PyException('ValueError', `${name}() arg is an empty sequence`, null, a.at);
      }
      const key = a.kw.get('key');
      const k = (v: PyValue) => (key ? interp.call(key, interp.args([v], a.at)) : v);
      return list.reduce((best, v) => (order(k(v), k(best)) * sign > 0 ? v : best));
    });
  minmax('max', 1);
  minmax('min', -1);
  def('sum', (a) => {
    let total: PyValue = arg(a, 1, 'start', 0);
    for (const v of items(arg(a, 0, 'iterable'), a.at)) {
      if (!isNumber(v)) throw new PyException('TypeError', `unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(v)}'`, null, a.at);
      const f = total instanceof PyFloat || v instanceof PyFloat;
      total = f ? new PyFloat(toNum(total) + toNum(v)) : toNum(total) + toNum(v);
    }
    return total;
  });
  def('abs', (a) => {
    const v = arg(a, 0, 'x');
    return v instanceof PyFloat ? new PyFloat(Math.abs(v.v)) : Math.abs(toNum(v));
  });
  def('round', (a) => {
    const x = toNum(arg(a, 0, 'number'));
    const nd = arg(a, 1, 'ndigits', null);
    if (nd === null) return Math.round(x);
    const p = 10 ** toNum(nd);
    return new PyFloat(Math.round(x * p) / p);
  });
  def('divmod', (a) => {
    const x = toNum(arg(a, 0, 'a'));
    const y = toNum(arg(a, 1, 'b'));
    if (y === 0) throw new PyException('ZeroDivisionError', 'integer division or modulo by zero', null, a.at);
    return new PyTuple([Math.floor(x / y), x - Math.floor(x / y) * y]);
  });
  def('pow', (a) => toNum(arg(a, 0, 'base')) ** toNum(arg(a, 1, 'exp')));
  def('isinstance', (a) => isInstance(arg(a, 0, 'obj'), arg(a, 1, 'class_or_tuple')));
  def('callable', (a) => {
    const v = arg(a, 0, 'obj');
    return v !== null && typeof v === 'object' && !(v instanceof PyFloat) && /function|method|type/.test(v.typeName);
  });
  def('hasattr', (a) => {
    try {
      getAttr(interp, arg(a, 0, 'obj'), String(arg(a, 1, 'name')), a.at);
      return true;
    } catch (e) {
      if (e instanceof PyException && e.type === 'AttributeError') return false;
      throw e;
    }
  });
  def('getattr', (a) => {
    try {
      return getAttr(interp, arg(a, 0, 'object'), String(arg(a, 1, 'name')), a.at);
    } catch (e) {
      if (e instanceof PyException && e.type === 'AttributeError' && a.pos.length > 2) return a.pos[2];
      throw e;
    }
  });
  def('repr', (a) => repr(arg(a, 0, 'obj')));
  def('format', (a) => formatValue(arg(a, 0, 'value'), String(arg(a, 1, 'format_spec', ''))));
  def('any', (a) => items(arg(a, 0, 'iterable'), a.at).some((v) => interp.truth(v, a.at)));
  def('all', (a) => items(arg(a, 0, 'iterable'), a.at).every((v) => interp.truth(v, a.at)));
  def('map', (a) => {
    const fn = arg(a, 0, 'function');
    const lists = a.pos.slice(1).map((x) => items(x, a.at));
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    const out: PyValue[] = [];
    for (let i = 0; i < n; i++) out.push(interp.call(fn, interp.args(lists.map((l) => l[i]), a.at)));
    return new PyList(out);
  });
  def('filter', (a) => {
    const fn = arg(a, 0, 'function');
    return new PyList(items(arg(a, 1, 'iterable'), a.at).filter((v) => interp.truth(fn === null ? v : interp.call(fn, interp.args([v], a.at)), a.at)));
  });
  def('chr', (a) => String.fromCodePoint(toNum(arg(a, 0, 'i'))));
  def('ord', (a) => String(arg(a, 0, 'c')).codePointAt(0) ?? 0);
  def('hex', (a) => '0x' + toNum(arg(a, 0, 'number')).toString(16));
  def('id', (a) => {
    const v = arg(a, 0, 'obj');
    return v && typeof v === 'object' && 'oid' in v ? v.oid : 0;
  });
  def('type', (a) => new PyNativeClass(typeName(arg(a, 0, 'object')), null));
  def('open', (a) => {
    throw new PyException('SimulatorLimitation', 'the simulator has no file system: open() cannot run while the DAG file is read', 'Read files inside a task, not at the top level of the DAG file.', a.at);
  });
  def('input', (a) => {
    throw new PyException('SimulatorLimitation', 'input() cannot run while the DAG file is read', null, a.at);
  });
  def('exit', (a) => {
    throw new PyException('SystemExit', a.pos.length ? str(a.pos[0]) : '', null, a.at);
  });
  b.set('quit', b.get('exit')!);
  def('iter', (a) => new PyList(items(arg(a, 0, 'object'), a.at)));
  def('next', (a) => {
    const v = arg(a, 0, 'iterator');
    if (v instanceof PyList && v.items.length) return v.items.shift()!;
    if (a.pos.length > 1) return a.pos[1];
    throw new PyException('StopIteration', '', null, a.at);
  });
  def('globals', () => {
    const d = new PyDict();
    for (const [k, v] of interp.globals.vars) d.set(k, v);
    return d;
  });
  def('vars', () => new PyDict());
  def('__import__', (a) => interp.host.importModule(String(arg(a, 0, 'name')), a.at));
  void MAX_SEQ;
  void floatRepr;
  b.set('NotImplemented', new PyOpaque('NotImplemented'));
  b.set('Ellipsis', new PyOpaque('Ellipsis'));
  for (const name of knownExceptionTypes()) {
    if (!name.startsWith('Airflow') && !['DuplicateTaskIdFound', 'ParamValidationError', 'TaskAlreadyInTaskGroup', 'ZoneInfoNotFoundError', 'InvalidTimezone', 'JSONDecodeError'].includes(name)) {
      b.set(name, new PyExceptionClass(name));
    }
  }
  for (const name of ['MemoryError', 'SystemExit', 'KeyboardInterrupt', 'Warning', 'DeprecationWarning', 'UserWarning']) b.set(name, new PyExceptionClass(name));
}
