// How Python shows values, for a Jinja emulation on JS values. Conventions: None is null, bool is
// boolean, int/float are numbers, str is string, list is an array, dict is a plain object, and
// richer objects (datetimes, the TI...) are classes with `__str__` / `__repr__`.

/** A Python exception raised while rendering: `type` is its class name (UndefinedError, KeyError...). */
export class PyError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

/**
 * Jinja's StrictUndefined (Airflow's default `template_undefined`): rendering it, testing its truth,
 * iterating it, calling it or reading an attribute of it raises UndefinedError with this message.
 */
export class Undef {
  constructor(readonly message: string) {}
  fail(): never {
    throw new PyError('UndefinedError', this.message);
  }
  /** `'x' is undefined` (a missing variable) */
  static name(name: string): Undef {
    return new Undef(`'${name}' is undefined`);
  }
  /** `'dict object' has no attribute 'x'` / `list object has no element 5` (jinja2.runtime.Undefined) */
  static member(obj: unknown, key: unknown): Undef {
    if (typeof key === 'string') return new Undef(`'${objectTypeRepr(obj)}' has no attribute '${key}'`);
    return new Undef(`${objectTypeRepr(obj)} has no element ${pyRepr(key)}`);
  }
}

/** A Python tuple: an array that prints as (1, 2). */
export class PyTuple extends Array<unknown> {}

/** Objects that know their Python class and how Python prints them. */
export interface PyObject {
  /** module-qualified class name for error messages: "airflow.models.dag.DAG" */
  readonly __pyclass: string;
  __str__(): string;
  __repr__(): string;
}

export function isPyObject(v: unknown): v is PyObject {
  return typeof v === 'object' && v !== null && typeof (v as PyObject).__str__ === 'function';
}

/** jinja2.utils.object_type_repr: "dict object", "None", "airflow.models.dag.DAG object". */
export function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return 'str object';
  if (typeof v === 'boolean') return 'bool object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int object' : 'float object';
  if (v instanceof PyTuple) return 'tuple object';
  if (Array.isArray(v)) return 'list object';
  if (isPyObject(v)) return `${v.__pyclass} object`;
  return 'dict object';
}

/** Python float repr for the cases JS differs ("inf", "nan", "1e-07"). */
function numberRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** repr() of a str: single quotes unless the text has ' and no ". */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

/** Python repr(). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v instanceof Undef) v.fail();
  if (typeof v === 'string') return strRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return numberRepr(v);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof PyTuple) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isPyObject(v)) return v.__repr__();
  if (typeof v === 'function') return `<function ${v.name || '<lambda>'}>`;
  const entries = Object.entries(v as Record<string, unknown>);
  return `{${entries.map(([k, x]) => `${strRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

/** Python str(): what `{{ value }}` prints. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isPyObject(v)) return v.__str__();
  return pyRepr(v);
}

/** Python truthiness: empty list/dict/str, 0, None and False are false. */
export function pyTruth(v: unknown): boolean {
  if (v instanceof Undef) v.fail();
  if (v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v)) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && !isPyObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.keys(v as object).length > 0;
  }
  return true;
}

/** json.dumps() with Python's default separators (", " and ": "), optionally with sorted keys. */
export function pyJsonDumps(v: unknown, sortKeys = false, indent: number | null = null): string {
  const enc = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (x instanceof Undef) x.fail();
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') return Number.isFinite(x) ? numberRepr(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
    if (typeof x === 'string') return JSON.stringify(x).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    const nl = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
    const end = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
    const sep = indent === null ? ', ' : ',';
    if (Array.isArray(x)) return x.length ? `[${nl}${x.map((e) => enc(e, depth + 1)).join(sep + nl)}${end}]` : '[]';
    if (isPyObject(x)) throw new PyError('TypeError', `Object of type ${x.__pyclass.split('.').pop()} is not JSON serializable`);
    let keys = Object.keys(x as object);
    if (sortKeys) keys = keys.sort();
    if (!keys.length) return '{}';
    const items = keys.map((k) => `${enc(k, depth + 1)}: ${enc((x as Record<string, unknown>)[k], depth + 1)}`);
    return `{${nl}${items.join(sep + nl)}${end}}`;
  };
  return enc(v, 0);
}

/** Jinja's |tojson: json.dumps(sort_keys=True) made safe for HTML (<, >, &, ' escaped). */
export function jinjaToJson(v: unknown, indent: number | null = null): string {
  return pyJsonDumps(v, true, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/'/g, '\\u0027');
}

/** The trailing {k: v, __keywords: true} object nunjucks passes for keyword arguments. */
function isKeywords(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (v as { __keywords?: unknown }).__keywords === true;
}

/**
 * Bind a call's arguments to Python-style parameters: positional first, then keywords.
 * `spec` maps parameter names to defaults (`REQUIRED` for none). Raises TypeError like Python.
 */
export const REQUIRED = Symbol('required');
export function pyArgs<T extends Record<string, unknown>>(fn: string, args: unknown[], spec: T): { [K in keyof T]: unknown } {
  const kw = args.length && isKeywords(args[args.length - 1]) ? (args[args.length - 1] as Record<string, unknown>) : null;
  const pos = kw ? args.slice(0, -1) : args;
  const names = Object.keys(spec);
  if (pos.length > names.length) {
    throw new PyError('TypeError', `${fn}() takes ${names.length} positional arguments but ${pos.length} were given`);
  }
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (i < pos.length) out[n] = pos[i];
  });
  for (const [k, v] of Object.entries(kw ?? {})) {
    if (k === '__keywords') continue;
    if (!names.includes(k)) throw new PyError('TypeError', `${fn}() got an unexpected keyword argument '${k}'`);
    out[k] = v;
  }
  for (const n of names) {
    if (n in out) continue;
    if (spec[n] === REQUIRED) throw new PyError('TypeError', `${fn}() missing 1 required positional argument: '${n}'`);
    out[n] = spec[n];
  }
  return out as { [K in keyof T]: unknown };
}

/** Split a call's arguments into positional values and keyword values (for *args, **kwargs). */
export function splitArgs(args: unknown[]): { pos: unknown[]; kw: Record<string, unknown> } {
  if (args.length && isKeywords(args[args.length - 1])) {
    const { __keywords: _, ...kw } = args[args.length - 1] as Record<string, unknown>;
    return { pos: args.slice(0, -1), kw };
  }
  return { pos: args, kw: {} };
}
