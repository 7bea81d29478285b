// Runtime values of the evaluated Python subset.
// ints, strs, bools and None are plain JS values (fast); floats are boxed so 3 and 3.0 stay
// different types, as Airflow's isinstance checks see them.

import { PyException } from '../errors.ts';
import type { Expr, Param, Stmt } from './ast.ts';

export type PyValue = null | boolean | number | string | PyFloat | PyObject;

export class PyFloat {
  constructor(readonly v: number) {}
}

let nextId = 1;

export abstract class PyObject {
  readonly oid = nextId++;
  abstract readonly typeName: string;
  /** Python's `<class '...'>` name, for error messages. */
  get qualName(): string {
    return this.typeName;
  }
}

export class PyList extends PyObject {
  readonly typeName = 'list';
  constructor(public items: PyValue[]) {
    super();
  }
}

export class PyTuple extends PyObject {
  readonly typeName = 'tuple';
  constructor(readonly items: PyValue[]) {
    super();
  }
}

export class PyDict extends PyObject {
  readonly typeName = 'dict';
  readonly map = new Map<string, [PyValue, PyValue]>();
  constructor(entries: [PyValue, PyValue][] = []) {
    super();
    for (const [k, v] of entries) this.set(k, v);
  }
  get(k: PyValue): PyValue | undefined {
    return this.map.get(hashKey(k))?.[1];
  }
  set(k: PyValue, v: PyValue): void {
    const h = hashKey(k);
    const old = this.map.get(h);
    this.map.set(h, [old ? old[0] : k, v]);
  }
  has(k: PyValue): boolean {
    return this.map.has(hashKey(k));
  }
  delete(k: PyValue): boolean {
    return this.map.delete(hashKey(k));
  }
  keys(): PyValue[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  entries(): [PyValue, PyValue][] {
    return [...this.map.values()];
  }
  /** string-keyed view (kwargs, default_args) */
  strEntries(): [string, PyValue][] {
    const out: [string, PyValue][] = [];
    for (const [k, v] of this.map.values()) if (typeof k === 'string') out.push([k, v]);
    return out;
  }
}

export class PySet extends PyObject {
  readonly typeName: string;
  readonly map = new Map<string, PyValue>();
  constructor(items: PyValue[] = [], frozen = false) {
    super();
    this.typeName = frozen ? 'frozenset' : 'set';
    for (const v of items) this.add(v);
  }
  add(v: PyValue): void {
    this.map.set(hashKey(v), v);
  }
  has(v: PyValue): boolean {
    return this.map.has(hashKey(v));
  }
  items(): PyValue[] {
    return [...this.map.values()];
  }
}

export class PyRange extends PyObject {
  readonly typeName = 'range';
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    super();
  }
  get length(): number {
    const n = Math.ceil((this.stop - this.start) / this.step);
    return Math.max(0, n);
  }
}

export interface FunctionInfo {
  name: string;
  params: Param[];
  /** statements for def, one expression for lambda */
  body: Stmt[] | Expr;
  defaults: Map<string, PyValue>;
  closure: unknown; // the defining scope (python/scope.ts)
  from: number;
  to: number;
  /** where the body starts (for `# sim:` comments at the top of it) */
  bodyFrom: number;
  /** decorator lines, first..last (for directives above the decorators) */
  decoratorFrom: number;
}

export class PyFunction extends PyObject {
  readonly typeName = 'function';
  constructor(readonly info: FunctionInfo) {
    super();
  }
}

export interface CallArgs {
  pos: PyValue[];
  kw: Map<string, PyValue>;
  /** source offsets for errors: the call, each positional arg, each keyword (its name) */
  at: number;
  posAt: number[];
  kwAt: Map<string, number>;
  /** source range of the whole call */
  callFrom: number;
  callTo: number;
  /** source range of each keyword argument's value (for schedule_text) */
  kwValue?: Map<string, [number, number]>;
}

export type NativeImpl = (a: CallArgs) => PyValue;

export class PyNative extends PyObject {
  readonly typeName: string;
  constructor(
    readonly name: string,
    readonly impl: NativeImpl,
    typeName = 'builtin_function_or_method',
  ) {
    super();
    this.typeName = typeName;
  }
}

/** A class-like native value: callable, has attributes (e.g. `datetime`, `TriggerRule`). */
export class PyNativeClass extends PyObject {
  readonly typeName = 'type';
  constructor(
    readonly name: string,
    readonly impl: NativeImpl | null,
    readonly attrs: Map<string, PyValue> = new Map(),
  ) {
    super();
  }
}

export class PyModule extends PyObject {
  readonly typeName = 'module';
  constructor(
    readonly name: string,
    readonly attrs: Map<string, PyValue>,
    /** modules we do not model: any attribute gives an opaque value */
    readonly opaque: boolean,
  ) {
    super();
  }
}

/** A value from a library the simulator does not model (random.choice(...), requests.get...). */
export class PyOpaque extends PyObject {
  readonly typeName = 'object';
  constructor(readonly desc: string) {
    super();
  }
}

export class PyExceptionClass extends PyObject {
  readonly typeName = 'type';
  constructor(readonly name: string) {
    super();
  }
}

export class PyExceptionInstance extends PyObject {
  constructor(
    readonly cls: string,
    readonly message: string,
  ) {
    super();
  }
  get typeName(): string {
    return this.cls;
  }
}

/** A class defined in the file. Only plain attribute bags are supported. */
export class PyUserClass extends PyObject {
  readonly typeName = 'type';
  constructor(
    readonly name: string,
    readonly bases: PyValue[],
    readonly attrs: Map<string, PyValue>,
  ) {
    super();
  }
}

export class PyInstance extends PyObject {
  readonly attrs = new Map<string, PyValue>();
  constructor(readonly cls: PyUserClass) {
    super();
  }
  get typeName(): string {
    return this.cls.name;
  }
}

export class PyBoundMethod extends PyObject {
  readonly typeName = 'method';
  constructor(
    readonly self: PyValue,
    readonly fn: PyFunction,
  ) {
    super();
  }
}

// ---- helpers ----

export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'int';
    case 'string':
      return 'str';
  }
  if (v instanceof PyFloat) return 'float';
  return v.typeName;
}

/** Python's `<class 'int'>` spelling (with module for the datetime family). */
export function classRepr(v: PyValue): string {
  const t = typeName(v);
  const mod: Record<string, string> = { timedelta: 'datetime.timedelta', datetime: 'datetime.datetime', DateTime: 'pendulum.datetime.DateTime' };
  return `<class '${mod[t] ?? t}'>`;
}

export function isInt(v: PyValue): v is number {
  return typeof v === 'number';
}

export function isNumber(v: PyValue): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

export function toNum(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  throw new PyException('TypeError', `'${typeName(v)}' object cannot be interpreted as a number`);
}

export function hashKey(v: PyValue): string {
  if (v === null) return 'N';
  switch (typeof v) {
    case 'boolean':
      return v ? 'n1' : 'n0';
    case 'number':
      return 'n' + v;
    case 'string':
      return 's' + v;
  }
  if (v instanceof PyFloat) return 'n' + v.v;
  if (v instanceof PyTuple) return 't(' + v.items.map(hashKey).join(',') + ')';
  if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && v.typeName === 'set')) {
    throw new PyException('TypeError', `unhashable type: '${v.typeName}'`);
  }
  const custom = (v as { hashKey?: () => string }).hashKey;
  if (typeof custom === 'function') return custom.call(v);
  return 'o' + v.oid;
}

export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? s + '.0' : s;
}

export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch < ' ') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

/** Objects with their own str()/repr() (tasks, datetimes, ...). */
export interface Printable {
  pyStr?(): string;
  pyRepr(): string;
}

export function repr(v: PyValue, depth = 0): string {
  if (depth > 20) return '...';
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return String(v);
    case 'string':
      return strRepr(v);
  }
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof PyList) return '[' + v.items.map((x) => repr(x, depth + 1)).join(', ') + ']';
  if (v instanceof PyTuple) return '(' + v.items.map((x) => repr(x, depth + 1)).join(', ') + (v.items.length === 1 ? ',)' : ')');
  if (v instanceof PyDict) return '{' + v.entries().map(([k, x]) => `${repr(k, depth + 1)}: ${repr(x, depth + 1)}`).join(', ') + '}';
  if (v instanceof PySet) {
    if (v.map.size === 0) return v.typeName + '()';
    const inner = '{' + v.items().map((x) => repr(x, depth + 1)).join(', ') + '}';
    return v.typeName === 'set' ? inner : `frozenset(${inner})`;
  }
  if (v instanceof PyRange) return v.step === 1 ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  if (v instanceof PyFunction) return `<function ${v.info.name}>`;
  if (v instanceof PyNative) return `<built-in function ${v.name}>`;
  if (v instanceof PyNativeClass) return `<class '${v.name}'>`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  if (v instanceof PyExceptionClass) return `<class '${v.name}'>`;
  if (v instanceof PyExceptionInstance) return `${v.cls}(${strRepr(v.message)})`;
  if (v instanceof PyOpaque) return `<${v.desc}>`;
  const p = v as unknown as Printable;
  if (typeof p.pyRepr === 'function') return p.pyRepr();
  return `<${v.typeName} object>`;
}

export function str(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyExceptionInstance) return v.message;
  if (v instanceof PyObject) {
    const p = v as unknown as Printable;
    if (typeof p.pyStr === 'function') return p.pyStr();
  }
  return repr(v);
}

export function truthy(v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.map.size > 0;
  if (v instanceof PySet) return v.map.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  const b = (v as { pyBool?: () => boolean }).pyBool;
  if (typeof b === 'function') return b.call(v);
  return true;
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (isNumber(a) && isNumber(b)) return toNum(a) === toNum(b);
  if (a instanceof PyList && b instanceof PyList) return seqEq(a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqEq(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.map.size !== b.map.size) return false;
    for (const [h, [, v]] of a.map) {
      const o = b.map.get(h);
      if (!o || !pyEquals(v, o[1])) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.map.size !== b.map.size) return false;
    for (const h of a.map.keys()) if (!b.map.has(h)) return false;
    return true;
  }
  const eq = (a as { pyEq?: (o: PyValue) => boolean } | null)?.pyEq;
  if (a instanceof PyObject && typeof eq === 'function') return eq.call(a, b);
  return false;
}

function seqEq(a: PyValue[], b: PyValue[]): boolean {
  return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
}

export const NONE: PyValue = null;
