// Methods of built-in types: str, list, dict, set, tuple (the ones DAG files use).

import { PyException } from '../errors.ts';
import type { Interp } from './interp.ts';
import { arg, native, wantStr } from './args.ts';
import { iterate } from './iter.ts';
import { order } from './ops.ts';
import { formatValue } from './format.ts';
import { timeAttr } from '../time/attrs.ts';
import {
  type CallArgs,
  PyDict,
  PyFloat,
  PyList,
  PySet,
  PyTuple,
  type PyValue,
  pyEquals,
  repr,
  str,
  typeName,
} from './values.ts';

export function builtinMethod(interp: Interp, obj: PyValue, name: string, at: number): PyValue | undefined {
  if (typeof obj === 'string') return strMethod(interp, obj, name);
  if (obj instanceof PyList) return listMethod(interp, obj, name) ?? seqMethod(obj, name);
  if (obj instanceof PyTuple) return seqMethod(obj, name);
  if (obj instanceof PyDict) return dictMethod(interp, obj, name);
  if (obj instanceof PySet) return setMethod(interp, obj, name);
  if (obj instanceof PyFloat && name === 'is_integer') return native(name, () => Number.isInteger(obj.v));
  return timeAttr(interp, obj, name, at);
}

function strMethod(interp: Interp, s: string, name: string): PyValue | undefined {
  const m = (fn: (a: CallArgs) => PyValue) => native(name, fn);
  switch (name) {
    case 'upper':
      return m(() => s.toUpperCase());
    case 'lower':
      return m(() => s.toLowerCase());
    case 'title':
      return m(() => s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()));
    case 'capitalize':
      return m(() => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s));
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      return m((a) => {
        const chars = arg(a, 0, 'chars', null);
        const set = chars === null ? null : wantStr(chars, 'chars');
        const isStrip = (c: string) => (set === null ? /\s/.test(c) : set.includes(c));
        let i = 0;
        let j = s.length;
        if (name !== 'rstrip') while (i < j && isStrip(s[i])) i++;
        if (name !== 'lstrip') while (j > i && isStrip(s[j - 1])) j--;
        return s.slice(i, j);
      });
    case 'split':
      return m((a) => {
        const sep = arg(a, 0, 'sep', null);
        const max = arg(a, 1, 'maxsplit', -1) as number;
        if (sep === null) return new PyList(s.trim().split(/\s+/).filter((x) => x !== ''));
        const parts = s.split(wantStr(sep, 'sep'));
        if (max >= 0 && parts.length > max + 1) return new PyList([...parts.slice(0, max), parts.slice(max).join(sep as string)]);
        return new PyList(parts);
      });
    case 'join':
      return m((a) => {
        const items = iterate(interp, arg(a, 0, 'iterable'), a.at);
        return items
          .map((x) => {
            if (typeof x !== 'string') throw new PyException('TypeError', `sequence item: expected str instance, ${typeName(x)} found`);
            return x;
          })
          .join(s);
      });
    case 'replace':
      return m((a) => s.split(wantStr(arg(a, 0, 'old'), 'old')).join(wantStr(arg(a, 1, 'new'), 'new')));
    case 'startswith':
    case 'endswith':
      return m((a) => {
        const p = arg(a, 0, 'prefix');
        const list = p instanceof PyTuple ? p.items : [p];
        return list.some((x) => (name === 'startswith' ? s.startsWith(wantStr(x, 'prefix')) : s.endsWith(wantStr(x, 'suffix'))));
      });
    case 'format':
      return m((a) => strFormat(s, a));
    case 'find':
      return m((a) => s.indexOf(wantStr(arg(a, 0, 'sub'), 'sub')));
    case 'count':
      return m((a) => s.split(wantStr(arg(a, 0, 'sub'), 'sub')).length - 1);
    case 'isdigit':
      return m(() => /^\d+$/.test(s));
    case 'isalpha':
      return m(() => /^\p{L}+$/u.test(s));
    case 'isidentifier':
      return m(() => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s));
    case 'zfill':
      return m((a) => s.padStart(arg(a, 0, 'width') as number, '0'));
    case 'splitlines':
      return m(() => new PyList(s.split(/\r?\n/)));
    case 'encode':
      return m(() => s);
  }
  return undefined;
}

/** str.format with {}, {0}, {name}, {name:spec} and {{ }}. */
export function strFormat(fmt: string, a: CallArgs): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv, spec) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    let v: PyValue;
    const key = field ?? '';
    if (key === '') v = a.pos[auto++];
    else if (/^\d+$/.test(key)) v = a.pos[Number(key)];
    else v = a.kw.get(key.split(/[.[]/)[0]) as PyValue;
    if (v === undefined) throw new PyException(key === '' || /^\d+$/.test(key) ? 'IndexError' : 'KeyError', key === '' || /^\d+$/.test(key) ? 'Replacement index out of range for positional args tuple' : repr(key));
    const s = conv === 'r' ? repr(v) : spec ? formatValue(v, spec) : str(v);
    return s;
  });
}

function seqMethod(obj: PyList | PyTuple, name: string): PyValue | undefined {
  if (name === 'index') {
    return native(name, (a) => {
      const x = arg(a, 0, 'value');
      const i = obj.items.findIndex((y) => pyEquals(x, y));
      if (i < 0) throw new PyException('ValueError', `${repr(x)} is not in ${obj.typeName}`);
      return i;
    });
  }
  if (name === 'count') return native(name, (a) => obj.items.filter((y) => pyEquals(arg(a, 0, 'value'), y)).length);
  return undefined;
}

function listMethod(interp: Interp, l: PyList, name: string): PyValue | undefined {
  switch (name) {
    case 'append':
      return native(name, (a) => {
        l.items.push(arg(a, 0, 'object'));
        return null;
      });
    case 'extend':
      return native(name, (a) => {
        l.items.push(...iterate(interp, arg(a, 0, 'iterable'), a.at));
        return null;
      });
    case 'insert':
      return native(name, (a) => {
        l.items.splice(arg(a, 0, 'index') as number, 0, arg(a, 1, 'object'));
        return null;
      });
    case 'pop':
      return native(name, (a) => {
        if (!l.items.length) throw new PyException('IndexError', 'pop from empty list');
        const i = arg(a, 0, 'index', -1) as number;
        return l.items.splice(i < 0 ? l.items.length + i : i, 1)[0] ?? null;
      });
    case 'remove':
      return native(name, (a) => {
        const i = l.items.findIndex((y) => pyEquals(arg(a, 0, 'value'), y));
        if (i < 0) throw new PyException('ValueError', 'list.remove(x): x not in list');
        l.items.splice(i, 1);
        return null;
      });
    case 'reverse':
      return native(name, () => {
        l.items.reverse();
        return null;
      });
    case 'sort':
      return native(name, (a) => {
        const rev = arg(a, -1, 'reverse', false);
        l.items.sort((x, y) => order(x, y));
        if (rev) l.items.reverse();
        return null;
      });
    case 'copy':
      return native(name, () => new PyList(l.items.slice()));
    case 'clear':
      return native(name, () => {
        l.items.length = 0;
        return null;
      });
  }
  return undefined;
}

function dictMethod(interp: Interp, d: PyDict, name: string): PyValue | undefined {
  switch (name) {
    case 'get':
      return native(name, (a) => d.get(arg(a, 0, 'key')) ?? arg(a, 1, 'default', null));
    case 'items':
      return native(name, () => new PyList(d.entries().map(([k, v]) => new PyTuple([k, v]))));
    case 'keys':
      return native(name, () => new PyList(d.keys()));
    case 'values':
      return native(name, () => new PyList(d.entries().map((e) => e[1])));
    case 'update':
      return native(name, (a) => {
        if (a.pos.length) {
          const src = a.pos[0];
          if (src instanceof PyDict) for (const [k, v] of src.entries()) d.set(k, v);
          else for (const pair of iterate(interp, src, a.at)) {
            const kv = iterate(interp, pair, a.at);
            d.set(kv[0], kv[1]);
          }
        }
        for (const [k, v] of a.kw) d.set(k, v);
        return null;
      });
    case 'setdefault':
      return native(name, (a) => {
        const k = arg(a, 0, 'key');
        if (!d.has(k)) d.set(k, arg(a, 1, 'default', null));
        return d.get(k)!;
      });
    case 'pop':
      return native(name, (a) => {
        const k = arg(a, 0, 'key');
        const v = d.get(k);
        if (v === undefined) {
          const def = arg(a, 1, 'default', undefined as unknown as PyValue);
          if (def === undefined) throw new PyException('KeyError', repr(k));
          return def;
        }
        d.delete(k);
        return v;
      });
    case 'copy':
      return native(name, () => new PyDict(d.entries()));
  }
  return undefined;
}

function setMethod(interp: Interp, s: PySet, name: string): PyValue | undefined {
  switch (name) {
    case 'add':
      return native(name, (a) => {
        s.add(arg(a, 0, 'elem'));
        return null;
      });
    case 'update':
      return native(name, (a) => {
        for (const x of iterate(interp, arg(a, 0, 'iterable'), a.at)) s.add(x);
        return null;
      });
    case 'union':
      return native(name, (a) => new PySet([...s.items(), ...iterate(interp, arg(a, 0, 'other'), a.at)]));
  }
  return undefined;
}
