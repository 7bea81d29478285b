// Harmless standard-library modules DAG files import at module level (os, json, logging, math...).
// Anything else outside Airflow is an opaque module: using its values for DAG structure is an error,
// importing it is fine (task code is never run).

import { PyException } from '../errors.ts';
import { arg, native } from './args.ts';
import { iterate } from './iter.ts';
import type { Interp } from './interp.ts';
import { PyDict, PyFloat, PyList, PyModule, PyOpaque, PySet, PyTuple, type PyValue, floatRepr, str, strRepr, toNum } from './values.ts';

function dumps(v: PyValue, indent: number | null, depth = 0): string {
  if (depth > 50) throw new PyException('RecursionError', 'maximum recursion depth exceeded while encoding a JSON object');
  const nl = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const end = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = indent === null ? ', ' : ',';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? floatRepr(v.v) : v.v > 0 ? 'Infinity' : v.v < 0 ? '-Infinity' : 'NaN';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (v instanceof PyList || v instanceof PyTuple) {
    if (!v.items.length) return '[]';
    return '[' + v.items.map((x) => nl + dumps(x, indent, depth + 1)).join(sep) + end + ']';
  }
  if (v instanceof PyDict) {
    if (!v.map.size) return '{}';
    return '{' + v.entries().map(([k, x]) => `${nl}${JSON.stringify(str(k))}: ${dumps(x, indent, depth + 1)}`).join(sep) + end + '}';
  }
  throw new PyException('TypeError', `Object of type ${v instanceof PySet ? 'set' : (v as { typeName: string }).typeName} is not JSON serializable`);
}

function fromJson(x: unknown): PyValue {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? x : new PyFloat(x);
  if (Array.isArray(x)) return new PyList(x.map(fromJson));
  return new PyDict(Object.entries(x as object).map(([k, v]) => [k, fromJson(v)]));
}

function jsonModule(): PyModule {
  return new PyModule(
    'json',
    new Map<string, PyValue>([
      ['dumps', native('dumps', (a) => {
        const ind = a.kw.get('indent');
        return dumps(arg(a, 0, 'obj'), typeof ind === 'number' ? ind : null);
      })],
      ['loads', native('loads', (a) => {
        try {
          return fromJson(JSON.parse(str(arg(a, 0, 's'))));
        } catch (e) {
          if (e instanceof PyException) throw e;
          throw new PyException('JSONDecodeError', 'Expecting value', null, a.at);
        }
      })],
    ]),
    false,
  );
}

function osModule(filename: string): PyModule {
  const environ = new PyDict();
  const path = new PyModule(
    'os.path',
    new Map<string, PyValue>([
      ['join', native('join', (a) => a.pos.map((p) => str(p)).reduce((acc, p) => (p.startsWith('/') ? p : acc ? acc.replace(/\/$/, '') + '/' + p : p), ''))],
      ['basename', native('basename', (a) => str(arg(a, 0, 'p')).split('/').pop() ?? '')],
      ['dirname', native('dirname', (a) => str(arg(a, 0, 'p')).split('/').slice(0, -1).join('/'))],
      ['abspath', native('abspath', (a) => str(arg(a, 0, 'path')))],
      ['realpath', native('realpath', (a) => str(arg(a, 0, 'path')))],
      ['splitext', native('splitext', (a) => {
        const p = str(arg(a, 0, 'p'));
        const i = p.lastIndexOf('.');
        return new PyTuple(i > p.lastIndexOf('/') + 0 && i > 0 ? [p.slice(0, i), p.slice(i)] : [p, '']);
      })],
      ['exists', new PyOpaque('os.path.exists')],
    ]),
    true,
  );
  void filename;
  return new PyModule(
    'os',
    new Map<string, PyValue>([
      ['environ', environ],
      ['getenv', native('getenv', (a) => arg(a, 1, 'default', null))],
      ['path', path],
      ['sep', '/'],
      ['linesep', '\n'],
    ]),
    true,
  );
}

function mathModule(): PyModule {
  const f1 = (name: string, fn: (x: number) => number, int = false) => native(name, (a) => (int ? fn(toNum(arg(a, 0, 'x'))) : new PyFloat(fn(toNum(arg(a, 0, 'x'))))));
  return new PyModule(
    'math',
    new Map<string, PyValue>([
      ['floor', f1('floor', Math.floor, true)],
      ['ceil', f1('ceil', Math.ceil, true)],
      ['sqrt', f1('sqrt', Math.sqrt)],
      ['log', f1('log', Math.log)],
      ['pi', new PyFloat(Math.PI)],
      ['e', new PyFloat(Math.E)],
      ['inf', new PyFloat(Infinity)],
    ]),
    true,
  );
}

function stringModule(): PyModule {
  return new PyModule(
    'string',
    new Map<string, PyValue>([
      ['ascii_lowercase', 'abcdefghijklmnopqrstuvwxyz'],
      ['ascii_uppercase', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
      ['ascii_letters', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'],
      ['digits', '0123456789'],
    ]),
    true,
  );
}

function itertoolsModule(interp: Interp): PyModule {
  return new PyModule(
    'itertools',
    new Map<string, PyValue>([
      ['product', native('product', (a) => {
        let out: PyValue[][] = [[]];
        for (const l of a.pos.map((x) => iterate(interp, x, a.at))) {
          out = out.flatMap((prefix) => l.map((v) => [...prefix, v]));
          if (out.length > 100_000) throw new PyException('MemoryError', 'product too large for the simulator', null, a.at);
        }
        return new PyList(out.map((t) => new PyTuple(t)));
      })],
      ['chain', native('chain', (a) => new PyList(a.pos.flatMap((x) => iterate(interp, x, a.at))))],
    ]),
    true,
  );
}

/** textwrap.dedent: strips the common leading whitespace (whitespace-only lines become empty). */
export function dedent(text: string): string {
  const lines = text.split('\n').map((l) => (/^[ \t]+$/.test(l) ? '' : l));
  let margin: string | null = null;
  for (const l of lines) {
    if (l === '') continue;
    const ind = /^[ \t]*/.exec(l)![0];
    if (margin === null || !ind.startsWith(margin)) {
      if (margin === null || margin.startsWith(ind)) margin = ind;
      else {
        let i = 0;
        while (i < margin.length && i < ind.length && margin[i] === ind[i]) i++;
        margin = margin.slice(0, i);
      }
    }
  }
  return margin ? lines.map((l) => l.slice(margin!.length)).join('\n') : lines.join('\n');
}

function textwrapModule(): PyModule {
  return new PyModule(
    'textwrap',
    new Map<string, PyValue>([
      ['dedent', native('dedent', (a) => dedent(str(arg(a, 0, 'text'))))],
      ['indent', native('indent', (a) => {
        const prefix = str(arg(a, 1, 'prefix'));
        return str(arg(a, 0, 'text')).split('\n').map((l) => (l.trim() ? prefix + l : l)).join('\n');
      })],
    ]),
    true,
  );
}

/** A standard-library or third-party module (never Airflow). */
export function stdlibModule(interp: Interp, name: string, filename: string): PyModule {
  switch (name) {
    case 'json':
      return jsonModule();
    case 'os':
      return osModule(filename);
    case 'os.path':
      return osModule(filename).attrs.get('path') as PyModule;
    case 'math':
      return mathModule();
    case 'string':
      return stringModule();
    case 'itertools':
      return itertoolsModule(interp);
    case 'textwrap':
      return textwrapModule();
    case 'typing':
      // TYPE_CHECKING is False when the file runs
      return new PyModule('typing', new Map<string, PyValue>([['TYPE_CHECKING', false]]), true);
  }
  return new PyModule(name, new Map(), true);
}

export { strRepr };
