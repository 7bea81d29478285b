// Binary operators, comparisons and `in` for the evaluated subset.

import { PyException } from '../errors.ts';
import { PyDateTime, PyRelativeDelta, PyTimeDelta, addDelta } from '../time/values.ts';
import { Temporal } from 'temporal-polyfill';
import {
  PyDict,
  PyFloat,
  PyList,
  PyOpaque,
  PyRange,
  PySet,
  PyTuple,
  type PyValue,
  hashKey,
  isNumber,
  pyEquals,
  repr,
  str,
  toNum,
  typeName,
} from './values.ts';

/** Strings, lists and repeated values may not grow past this (memory safety). */
export const MAX_SEQ = 1_000_000;

function unsupported(op: string, a: PyValue, b: PyValue): PyException {
  return new PyException('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function num(x: number, float: boolean): PyValue {
  return float ? new PyFloat(x) : x;
}

function isFloaty(a: PyValue, b: PyValue): boolean {
  return a instanceof PyFloat || b instanceof PyFloat;
}

export function binaryOp(op: string, a: PyValue, b: PyValue): PyValue {
  if (a instanceof PyOpaque || b instanceof PyOpaque) return new PyOpaque(a instanceof PyOpaque ? a.desc : (b as PyOpaque).desc);
  if (isNumber(a) && isNumber(b)) return numeric(op, a, b);
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return checkLen(a + b);
      if (a instanceof PyList && b instanceof PyList) return new PyList(checkSeq([...a.items, ...b.items]));
      if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple(checkSeq([...a.items, ...b.items]));
      return timeAdd(a, b, 1) ?? raise(unsupported('+', a, b));
    case '-':
      if (a instanceof PySet && b instanceof PySet) return new PySet(a.items().filter((x) => !b.has(x)));
      return timeSub(a, b) ?? raise(unsupported('-', a, b));
    case '*':
      return repeat(a, b) ?? repeat(b, a) ?? timeMul(a, b) ?? raise(unsupported('*', a, b));
    case '/':
      if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) {
        if (b.us === 0) throw new PyException('ZeroDivisionError', 'division by zero');
        return new PyFloat(a.us / b.us);
      }
      if (a instanceof PyTimeDelta && isNumber(b)) {
        if (toNum(b) === 0) throw new PyException('ZeroDivisionError', 'division by zero');
        return new PyTimeDelta(Math.round(a.us / toNum(b)));
      }
      throw unsupported('/', a, b);
    case '//':
      if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) {
        if (b.us === 0) throw new PyException('ZeroDivisionError', 'integer division or modulo by zero');
        return Math.floor(a.us / b.us);
      }
      throw unsupported('//', a, b);
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      throw unsupported('%', a, b);
    case '|':
      if (a instanceof PySet && b instanceof PySet) return new PySet([...a.items(), ...b.items()]);
      if (a instanceof PyDict && b instanceof PyDict) return new PyDict([...a.entries(), ...b.entries()]);
      throw unsupported('|', a, b);
    case '&':
      if (a instanceof PySet && b instanceof PySet) return new PySet(a.items().filter((x) => b.has(x)));
      throw unsupported('&', a, b);
    default:
      throw unsupported(op, a, b);
  }
}

function raise(e: PyException): never {
  throw e;
}

function numeric(op: string, a: PyValue, b: PyValue): PyValue {
  const x = toNum(a);
  const y = toNum(b);
  const f = isFloaty(a, b);
  switch (op) {
    case '+':
      return num(x + y, f);
    case '-':
      return num(x - y, f);
    case '*':
      return num(x * y, f);
    case '/':
      if (y === 0) throw new PyException('ZeroDivisionError', 'division by zero');
      return new PyFloat(x / y);
    case '//':
      if (y === 0) throw new PyException('ZeroDivisionError', f ? 'float floor division by zero' : 'integer division or modulo by zero');
      return num(Math.floor(x / y), f);
    case '%':
      if (y === 0) throw new PyException('ZeroDivisionError', f ? 'float modulo' : 'integer division or modulo by zero');
      return num(x - Math.floor(x / y) * y, f);
    case '**':
      if (!f && y < 0) return new PyFloat(x ** y);
      return num(x ** y, f);
    case '@':
      throw unsupported('@', a, b);
  }
  if (f) throw unsupported(op, a, b);
  switch (op) {
    case '&':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : Number(BigInt(x) & BigInt(y));
    case '|':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : Number(BigInt(x) | BigInt(y));
    case '^':
      return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : Number(BigInt(x) ^ BigInt(y));
    case '<<':
      if (y < 0) throw new PyException('ValueError', 'negative shift count');
      if (y > 1000) throw new PyException('OverflowError', 'shift count too large for the simulator');
      return Number(BigInt(x) << BigInt(y));
    case '>>':
      if (y < 0) throw new PyException('ValueError', 'negative shift count');
      return Number(BigInt(x) >> BigInt(Math.min(y, 1000)));
  }
  throw unsupported(op, a, b);
}

function checkLen(s: string): string {
  if (s.length > MAX_SEQ) throw new PyException('MemoryError', 'string too large for the simulator');
  return s;
}

function checkSeq<T>(a: T[]): T[] {
  if (a.length > MAX_SEQ) throw new PyException('MemoryError', 'list too large for the simulator');
  return a;
}

function repeat(seq: PyValue, n: PyValue): PyValue | undefined {
  if (typeof n !== 'number' && typeof n !== 'boolean') return undefined;
  const k = Math.max(0, toNum(n));
  if (typeof seq === 'string') {
    if (seq.length * k > MAX_SEQ) throw new PyException('MemoryError', 'string too large for the simulator');
    return seq.repeat(k);
  }
  if (seq instanceof PyList || seq instanceof PyTuple) {
    if (seq.items.length * k > MAX_SEQ) throw new PyException('MemoryError', 'list too large for the simulator');
    const out: PyValue[] = [];
    for (let i = 0; i < k; i++) out.push(...seq.items);
    return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
  }
  return undefined;
}

function timeAdd(a: PyValue, b: PyValue, sign: 1 | -1): PyValue | undefined {
  if (a instanceof PyDateTime && (b instanceof PyTimeDelta || b instanceof PyRelativeDelta)) return addDelta(a, b, sign);
  if (b instanceof PyDateTime && (a instanceof PyTimeDelta || a instanceof PyRelativeDelta) && sign === 1) return addDelta(b, a, 1);
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return new PyTimeDelta(a.us + sign * b.us);
  if (a instanceof PyRelativeDelta && b instanceof PyRelativeDelta) {
    const f = { ...a.f };
    for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] += sign * b.f[k];
    return new PyRelativeDelta(f);
  }
  return undefined;
}

function timeSub(a: PyValue, b: PyValue): PyValue | undefined {
  if (a instanceof PyDateTime && b instanceof PyDateTime) {
    if (!a.tz !== !b.tz) throw new PyException('TypeError', "can't subtract offset-naive and offset-aware datetimes");
    if (!a.tz) return new PyTimeDelta((a.epochMsIn('UTC') - b.epochMsIn('UTC')) * 1000);
    return new PyTimeDelta((a.epochMs()! - b.epochMs()!) * 1000);
  }
  return timeAdd(a, b, -1);
}

function timeMul(a: PyValue, b: PyValue): PyValue | undefined {
  if (a instanceof PyTimeDelta && isNumber(b)) return new PyTimeDelta(Math.round(a.us * toNum(b)));
  if (b instanceof PyTimeDelta && isNumber(a)) return new PyTimeDelta(Math.round(b.us * toNum(a)));
  if (a instanceof PyRelativeDelta && typeof b === 'number') {
    const f = { ...a.f };
    for (const k of Object.keys(f) as (keyof typeof f)[]) f[k] *= b;
    return new PyRelativeDelta(f);
  }
  return undefined;
}

/** printf-style `"%s-%d" % (a, b)`. */
function percentFormat(fmt: string, args: PyValue): string {
  const list = args instanceof PyTuple ? args.items : [args];
  let i = 0;
  const out = fmt.replace(/%(\([^)]*\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdirfgexXo%])/g, (_m, key: string | undefined, _flags, width, prec, conv: string) => {
    if (conv === '%') return '%';
    let v: PyValue;
    if (key) {
      if (!(args instanceof PyDict)) throw new PyException('TypeError', 'format requires a mapping');
      v = args.get(key.slice(1, -1)) ?? null;
    } else {
      if (i >= list.length) throw new PyException('TypeError', 'not enough arguments for format string');
      v = list[i++];
    }
    let s: string;
    if (conv === 's') s = str(v);
    else if (conv === 'r') s = repr(v);
    else if (conv === 'd' || conv === 'i') s = String(Math.trunc(toNum(v)));
    else if (conv === 'f') s = toNum(v).toFixed(prec ? Number(prec) : 6);
    else s = String(toNum(v));
    return width ? s.padStart(Number(width)) : s;
  });
  if (!(args instanceof PyDict) && i < list.length) throw new PyException('TypeError', 'not all arguments converted during string formatting');
  return out;
}

// ---- comparisons ----

export function compareOp(op: string, a: PyValue, b: PyValue): boolean | PyValue {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
    case '<>':
      return !pyEquals(a, b);
    case 'is':
      return isSame(a, b);
    case 'is not':
      return !isSame(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  if (a instanceof PyOpaque || b instanceof PyOpaque) return new PyOpaque(a instanceof PyOpaque ? a.desc : (b as PyOpaque).desc);
  const c = order(a, b, op);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
  throw new PyException('SyntaxError', `unknown operator ${op}`);
}

function isSame(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (a instanceof PyFloat && b instanceof PyFloat) return a.v === b.v;
  return false;
}

export function order(a: PyValue, b: PyValue, op = '<'): number {
  if (isNumber(a) && isNumber(b)) return Math.sign(toNum(a) - toNum(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      if (!pyEquals(a.items[i], b.items[i])) return order(a.items[i], b.items[i], op);
    }
    return Math.sign(a.items.length - b.items.length);
  }
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return Math.sign(a.us - b.us);
  if (a instanceof PyDateTime && b instanceof PyDateTime) {
    if (!a.tz !== !b.tz) throw new PyException('TypeError', "can't compare offset-naive and offset-aware datetimes");
    if (!a.tz) return Temporal.PlainDateTime.compare(a.wall, b.wall);
    return Math.sign(a.epochMs()! - b.epochMs()!);
  }
  throw new PyException('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyException('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyList || container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (container instanceof PyDict) return container.map.has(hashKey(item));
  if (container instanceof PySet) return container.map.has(hashKey(item));
  if (container instanceof PyRange) {
    if (typeof item !== 'number') return false;
    const { start, stop, step } = container;
    if (step > 0 ? item < start || item >= stop : item > start || item <= stop) return false;
    return (item - start) % step === 0;
  }
  if (container instanceof PyOpaque) return false;
  throw new PyException('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}
