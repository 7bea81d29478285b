// Rendering Airflow templates: a nunjucks Environment set up like Airflow's Jinja environment
// (DAG.get_template_env: autoescape off, StrictUndefined, airflow.templates.FILTERS), with the Python
// behaviour of jinjaRuntime.ts. The context comes from templateContext.ts.
import nunjucks from 'nunjucks';
import { withPythonSemantics } from './jinjaRuntime.ts';
import { PyDate, PyDateTime } from './pyDatetime.ts';
import { PY_STR_METHODS, printfFormat, pyTypeName } from './pyStrings.ts';
import { jinjaToJson, pyArgs, PyError, pyStr, splitArgs, Undef } from './pyValues.ts';

export type RenderResult = { ok: true; text: string } | { ok: false; error: string };

type Filter = (...args: unknown[]) => unknown;

const dateOnly = (fn: (d: PyDateTime | PyDate) => string) => (v: unknown) => {
  if (v === null) return null;
  if (!(v instanceof PyDateTime) && !(v instanceof PyDate)) {
    throw new PyError('AttributeError', `'${pyTypeName(v)}' object has no attribute 'strftime'`);
  }
  return fn(v);
};

/** airflow/templates.py FILTERS (same in 3.x). */
const AIRFLOW_FILTERS: Record<string, Filter> = {
  ds: dateOnly((d) => d.strftime('%Y-%m-%d')),
  ds_nodash: dateOnly((d) => d.strftime('%Y%m%d')),
  ts: dateOnly((d) => d.isoformat()),
  ts_nodash: dateOnly((d) => d.strftime('%Y%m%dT%H%M%S')),
  ts_nodash_with_tz: dateOnly((d) => d.isoformat().replace(/-/g, '').replace(/:/g, '')),
};

const str = (m: string) => (v: unknown, ...a: unknown[]) => PY_STR_METHODS[m](pyStr(v), ...a);

/** Jinja builtin filters nunjucks lacks or implements with JS semantics. */
const JINJA_FILTERS: Record<string, Filter> = {
  tojson: (v, ...a) => jinjaToJson(v, pyArgs('tojson', a, { indent: null }).indent as number | null),
  format: (v, ...a) => {
    const { pos, kw } = splitArgs(a);
    return printfFormat(pyStr(v), Object.keys(kw).length ? kw : pos);
  },
  default: (v, ...a) => {
    const { default_value, boolean } = pyArgs('default', a, { default_value: '', boolean: false });
    return v instanceof Undef || v === undefined || (boolean && !v) ? default_value : v;
  },
  string: (v) => pyStr(v),
  upper: str('upper'),
  lower: str('lower'),
  capitalize: str('capitalize'),
  title: str('title'),
  trim: (v, ...a) => PY_STR_METHODS.strip(pyStr(v), ...a),
  replace: (v, old, neu, count = null) => PY_STR_METHODS.replace(pyStr(v), old, neu, count === null ? -1 : count),
  join: (v, sep = '') => (Array.isArray(v) ? v.map(pyStr).join(String(sep)) : pyStr(v)),
  int: (v, ...a) => {
    const { default: d, base } = pyArgs('int', a, { default: 0, base: 10 });
    if (typeof v === 'number') return Math.trunc(v);
    const n = parseInt(String(v).trim(), Number(base));
    return Number.isNaN(n) || !/^\s*[-+]?[0-9a-z]+\s*$/i.test(String(v)) ? (Number.isNaN(Number(v)) ? d : Math.trunc(Number(v))) : n;
  },
  float: (v, ...a) => {
    const n = Number(typeof v === 'string' ? v.trim() : v);
    return Number.isNaN(n) ? pyArgs('float', a, { default: 0.0 }).default : n;
  },
  length: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
};
JINJA_FILTERS.d = JINJA_FILTERS.default;
JINJA_FILTERS.count = JINJA_FILTERS.length;

let env: nunjucks.Environment | null = null;

function environment(): nunjucks.Environment {
  if (env) return env;
  // dev: keep nunjucks' TemplateError (with the Python exception and line) instead of a bare Error
  const e = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false, dev: true });
  for (const [name, f] of Object.entries({ ...JINJA_FILTERS, ...AIRFLOW_FILTERS })) e.addFilter(name, f);
  // StrictUndefined: a filter given an undefined value raises, except default/d
  const filters = (e as unknown as { filters: Record<string, Filter> }).filters;
  for (const [name, f] of Object.entries(filters)) {
    if (name === 'default' || name === 'd') continue;
    filters[name] = function (this: unknown, v: unknown, ...rest: unknown[]) {
      if (v instanceof Undef) v.fail();
      return f.call(this, v, ...rest);
    };
  }
  const tests = e as unknown as { addTest(name: string, fn: (v: unknown) => boolean): void };
  tests.addTest('defined', (v) => v !== undefined && !(v instanceof Undef));
  tests.addTest('undefined', (v) => v === undefined || v instanceof Undef);
  tests.addTest('none', (v) => v === null);
  env = e;
  return e;
}

const cache = new Map<string, nunjucks.Template>();

function compiled(text: string): nunjucks.Template {
  let t = cache.get(text);
  if (!t) {
    t = new nunjucks.Template(text, environment(), undefined, true);
    if (cache.size > 500) cache.clear();
    cache.set(text, t);
  }
  return t;
}

interface NjTemplateError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/** nunjucks counts render lines from 0 and parse lines from 1. */
const at = (e: NjTemplateError, base: 0 | 1): string => (typeof e.lineno === 'number' ? ` (line ${e.lineno + 1 - base})` : '');

/** A compile failure, like jinja2's TemplateSyntaxError. */
function syntaxError(e: unknown): string {
  const err = e as NjTemplateError;
  if (!('lineno' in err) || err.cause instanceof TypeError) return 'TemplateSyntaxError: unexpected end of template'; // nunjucks' parser crashed
  const msg = String(err.message).replace(/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\n\s*/, '');
  return `TemplateSyntaxError: ${msg}${at(err, 1)}`;
}

/** A render failure: the Python exception Airflow would log, e.g. "UndefinedError: 'ds' is undefined". */
function renderError(e: unknown): string {
  const err = e as NjTemplateError;
  const cause = err.cause ?? e;
  if (cause instanceof PyError) return `${cause.type}: ${cause.message}${at(err, 0)}`;
  const msg = cause instanceof Error ? cause.message : String(cause);
  const filter = /filter not found: (\S+)/.exec(msg);
  if (filter) return `TemplateAssertionError: No filter named '${filter[1]}'.${at(err, 0)}`;
  return `${cause instanceof TypeError ? 'TypeError' : 'Error'}: ${msg.replace(/^Error: /, '')}${at(err, 0)}`;
}

/** Render an Airflow template; a syntax or render error comes back as text, never as an exception. */
export function renderTemplate(text: string, context: Record<string, unknown>): RenderResult {
  let t: nunjucks.Template;
  try {
    t = withPythonSemantics(() => compiled(text));
  } catch (e) {
    return { ok: false, error: syntaxError(e) };
  }
  try {
    return { ok: true, text: withPythonSemantics(() => t.render(context)) };
  } catch (e) {
    return { ok: false, error: renderError(e) };
  }
}
