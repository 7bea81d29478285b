// Makes nunjucks behave like Airflow's Jinja (STACK.md §3.7): StrictUndefined (Airflow's default
// `template_undefined`), Python str() output (None, True, lists...), Python truthiness, `and`/`or`
// returning operands, tuples, datetime arithmetic, % formatting, and Python str methods
// (replace-all, split, strip, format...).
//
// nunjucks compiles templates to JS that calls `runtime.*` helpers; like its own installJinjaCompat,
// we patch those helpers and a few Compiler methods once. Every runtime change only applies while
// `withPythonSemantics` runs, so any other user of nunjucks keeps stock behaviour.
import nunjucks from 'nunjucks';
import { dateArith } from './pyDatetime.ts';
import { PY_STR_METHODS, printfFormat } from './pyStrings.ts';
import { isPyObject, objectTypeRepr, PyError, pyStr, pyTruth, PyTuple, Undef } from './pyValues.ts';

type AnyFn = (...args: any[]) => any;
interface NjNode {
  typename: string;
  lineno: number;
  colno: number;
  [field: string]: any;
}
interface NjCompiler {
  _emit(code: string): void;
  compile(node: NjNode, frame: unknown): void;
}
const nj = nunjucks as unknown as {
  runtime: Record<string, any>;
  compiler: { Compiler: { prototype: Record<string, AnyFn> } };
  nodes: { Node: { extend(name: string, props: object): new (lineno: number, colno: number, ...fields: unknown[]) => NjNode } };
  installJinjaCompat(): void;
};

let active = 0;
let installed = false;

/** Run `fn` with the Python behaviour switched on (renders are synchronous, so a counter suffices). */
export function withPythonSemantics<T>(fn: () => T): T {
  install();
  active++;
  try {
    return fn();
  } finally {
    active--;
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  nj.installJinjaCompat();
  patchRuntime(nj.runtime);
  patchCompiler();
}

// ---- runtime -------------------------------------------------------------------------------

function patchRuntime(rt: Record<string, any>): void {
  const orig = {
    suppressValue: rt.suppressValue as AnyFn,
    lookup: rt.contextOrFrameLookup as AnyFn,
    member: rt.memberLookup as AnyFn,
    callWrap: rt.callWrap as AnyFn,
    fromIterator: rt.fromIterator as AnyFn,
  };
  rt.suppressValue = function (val: unknown, autoescape: boolean) {
    if (!active) return orig.suppressValue(val, autoescape);
    if (val instanceof Undef) val.fail();
    if (val === undefined) return '';
    if (val instanceof rt.SafeString) return val;
    return pyStr(val);
  };
  rt.contextOrFrameLookup = function (context: unknown, frame: unknown, name: string) {
    const v = orig.lookup(context, frame, name);
    return active && v === undefined ? Undef.name(name) : v;
  };
  rt.memberLookup = function (obj: unknown, key: unknown, ...rest: unknown[]) {
    if (!active) return orig.member(obj, key, ...rest);
    if (obj instanceof Undef) obj.fail();
    if (rest.length === 2) {
      // a slice [a:b:c]: strings stay strings
      const r = orig.member(obj, key, ...rest) as unknown[];
      return typeof obj === 'string' ? r.join('') : r;
    }
    return pyMember(obj, key, orig.member);
  };
  rt.callWrap = function (fn: unknown, name: string, context: unknown, args: unknown[]) {
    if (!active) return orig.callWrap(fn, name, context, args);
    if (fn instanceof Undef) fn.fail();
    if (typeof fn !== 'function') throw new PyError('TypeError', `'${objectTypeRepr(fn).replace(/ object$/, '')}' object is not callable`);
    return fn.apply(context, args);
  };
  rt.fromIterator = function (arr: unknown) {
    if (active && arr instanceof Undef) arr.fail();
    return orig.fromIterator(arr);
  };
  rt.pyTruth = (v: unknown) => (active ? pyTruth(v) : Boolean(v));
  rt.pyOr = (a: unknown, b: () => unknown) => (rt.pyTruth(a) ? a : b());
  rt.pyAnd = (a: unknown, b: () => unknown) => (rt.pyTruth(a) ? b() : a);
  rt.pyBin = (op: string, a: unknown, b: unknown) => (active ? pyBinary(op, a, b) : jsBinary(op, a, b));
  rt.pyCompare = (first: unknown, rest: Array<[string, unknown]>) => compareChain(first, rest);
  rt.pyTuple = (items: unknown[]) => PyTuple.from(items);
}

function jsBinary(op: string, a: any, b: any): unknown {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '%') return a % b;
  if (op === '/') return a / b;
  if (op === '//') return Math.floor(a / b);
  return '' + a + b; // ~
}

function pyBinary(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof Undef) a.fail();
  if (b instanceof Undef) b.fail();
  if (op === '~') return pyStr(a) + pyStr(b);
  if (op === '+' || op === '-') {
    const d = dateArith(op, a, b);
    if (d !== undefined) return d;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (b === 0) throw new PyError('ZeroDivisionError', op === '/' ? 'division by zero' : 'integer division or modulo by zero');
    if (op === '/') return a / b;
    if (op === '//') return Math.floor(a / b);
    return ((a % b) + b) % b; // Python's modulo takes the divisor's sign
  }
  if (op === '%' && typeof a === 'string') return printfFormat(a, b);
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  const t = (v: unknown): string => objectTypeRepr(v).replace(/ object$/, '');
  if (op === '+' && typeof a === 'string') throw new PyError('TypeError', `can only concatenate str (not "${t(b)}") to str`);
  throw new PyError('TypeError', `unsupported operand type(s) for ${op}: '${t(a)}' and '${t(b)}'`);
}

function pyEq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (isPyObject(a) || isPyObject(b)) {
    return isPyObject(a) && isPyObject(b) && a.__pyclass === b.__pyclass && a.valueOf() === b.valueOf();
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => pyEq((a as any)[k], (b as any)[k]));
  }
  return typeof a === 'boolean' || typeof b === 'boolean' ? Number(a) === Number(b) : false;
}

function compareChain(first: unknown, rest: Array<[string, unknown]>): boolean {
  let a = first;
  for (const [op, b] of rest) {
    if (active && (a instanceof Undef || b instanceof Undef)) (a instanceof Undef ? a : (b as Undef)).fail();
    let ok: boolean;
    switch (op) {
      case '==': case '===': ok = active ? pyEq(a, b) : a == b; break;
      case '!=': case '!==': ok = active ? !pyEq(a, b) : a != b; break;
      case '<': ok = (a as any) < (b as any); break;
      case '>': ok = (a as any) > (b as any); break;
      case '<=': ok = (a as any) <= (b as any); break;
      default: ok = (a as any) >= (b as any);
    }
    if (!ok) return false;
    a = b;
  }
  return true;
}

const DICT_METHODS: Record<string, (d: Record<string, unknown>, ...args: unknown[]) => unknown> = {
  get: (d, key, dflt = null) => (Object.prototype.hasOwnProperty.call(d, String(key)) ? d[String(key)] : dflt),
  items: (d) => Object.entries(d),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
};

/** Jinja's getattr/getitem on a value; a miss gives a StrictUndefined that raises when used. */
function pyMember(obj: unknown, key: unknown, fallback: AnyFn): unknown {
  if (obj === null || obj === undefined) return Undef.member(null, key);
  if (typeof obj === 'string') {
    if (typeof key === 'number') return indexed(obj, key);
    const m = PY_STR_METHODS[String(key)];
    return m ? (...args: unknown[]) => m(obj, ...args) : Undef.member(obj, key);
  }
  if (Array.isArray(obj)) {
    if (typeof key === 'number') return indexed(obj, key);
    const v = fallback(obj, key); // jinja-compat's list methods (append, count, index...)
    return typeof v === 'function' ? v : Undef.member(obj, key);
  }
  if (typeof obj !== 'object' && typeof obj !== 'function') return Undef.member(obj, key);
  const k = String(key);
  const plainDict = !isPyObject(obj) && Object.getPrototypeOf(obj) === Object.prototype;
  // nunjucks compiles d.x and d['x'] alike; Jinja's d.x prefers the attribute, so dict methods win
  if (plainDict && DICT_METHODS[k]) return (...args: unknown[]) => DICT_METHODS[k](obj as Record<string, unknown>, ...args);
  if (plainDict && Object.prototype.hasOwnProperty.call(obj, k)) return (obj as Record<string, unknown>)[k];
  if (!plainDict && k in (obj as object)) {
    const v = (obj as Record<string, unknown>)[k];
    if (typeof v === 'function') return (v as AnyFn).bind(obj);
    if (v !== undefined) return v;
  }
  return Undef.member(obj, key);
}

/** seq[i] with Python's negative indexes; out of range is an undefined that raises when used. */
function indexed(seq: string | unknown[], i: number): unknown {
  const j = i < 0 ? seq.length + i : i;
  return j >= 0 && j < seq.length ? seq[j] : Undef.member(seq, i);
}

// ---- compiler ------------------------------------------------------------------------------

function patchCompiler(): void {
  const C = nj.compiler.Compiler.prototype;
  // a node that compiles to runtime.pyTruth(<target>), put around if-conditions
  const PyTruth = nj.nodes.Node.extend('PyTruth', { fields: ['target'] });
  const origAssert = C.assertType;
  C.assertType = function (node: NjNode, ...types: unknown[]) {
    if (node instanceof PyTruth) return;
    return origAssert.call(this, node, ...types);
  };
  C.compilePyTruth = function (this: NjCompiler, node: NjNode, frame: unknown) {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.pyTruth(`);
    this.compile(node.target, frame);
    this._emit('))');
  };
  // record the line of every {{ ... }} so a render error can say where it happened
  C.compileOutput = function (this: NjCompiler & { buffer: string; compileLiteral: AnyFn }, node: NjNode, frame: unknown) {
    for (const child of node.children as NjNode[]) {
      if (child.typename === 'TemplateData') {
        if (!child.value) continue;
        this._emit(`${this.buffer} += `);
        this.compileLiteral(child, frame);
        this._emit(';\n');
      } else {
        this._emit(`lineno = ${child.lineno}; colno = ${child.colno};\n${this.buffer} += runtime.suppressValue(`);
        this.compile(child, frame);
        this._emit(', env.opts.autoescape);\n');
      }
    }
  };
  const wrapCond = (name: string): void => {
    const orig = C[name];
    C[name] = function (this: NjCompiler, node: NjNode, ...args: unknown[]) {
      const cond = node.cond;
      node.cond = new PyTruth(cond.lineno, cond.colno, cond);
      try {
        return orig.call(this, node, ...args);
      } finally {
        node.cond = cond;
      }
    };
  };
  wrapCond('compileIf');
  wrapCond('compileInlineIf');
  C.compileNot = function (this: NjCompiler, node: NjNode, frame: unknown) {
    this._emit('!runtime.pyTruth(');
    this.compile(node.target, frame);
    this._emit(')');
  };
  for (const [name, fn] of [['compileOr', 'pyOr'], ['compileAnd', 'pyAnd']] as const) {
    C[name] = function (this: NjCompiler, node: NjNode, frame: unknown) {
      this._emit(`runtime.${fn}(`);
      this.compile(node.left, frame);
      this._emit(', function() { return ');
      this.compile(node.right, frame);
      this._emit('; })');
    };
  }
  for (const [name, op] of [['compileAdd', '+'], ['compileSub', '-'], ['compileMod', '%'], ['compileDiv', '/'], ['compileFloorDiv', '//'], ['compileConcat', '~']] as const) {
    C[name] = function (this: NjCompiler, node: NjNode, frame: unknown) {
      this._emit(`runtime.pyBin(${JSON.stringify(op)}, `);
      this.compile(node.left, frame);
      this._emit(', ');
      this.compile(node.right, frame);
      this._emit(')');
    };
  }
  C.compileCompare = function (this: NjCompiler, node: NjNode, frame: unknown) {
    this._emit('runtime.pyCompare(');
    this.compile(node.expr, frame);
    this._emit(', [');
    (node.ops as NjNode[]).forEach((op, i) => {
      this._emit(`${i ? ', ' : ''}[${JSON.stringify(op.type)}, `);
      this.compile(op.expr, frame);
      this._emit(']');
    });
    this._emit('])');
  };
  // `(a, b)` is a tuple in Jinja; nunjucks would compile it to JS's comma operator
  const origGroup = C.compileGroup;
  C.compileGroup = function (this: NjCompiler, node: NjNode, frame: unknown) {
    if ((node.children as NjNode[]).length <= 1) return origGroup.call(this, node, frame);
    this._emit('runtime.pyTuple(');
    C.compileArray.call(this, node, frame);
    this._emit(')');
  };
}

