// Helpers for native functions: read positional/keyword arguments with Python's errors.

import { PyException } from '../errors.ts';
import { type CallArgs, type NativeImpl, PyNative, type PyValue, typeName } from './values.ts';

export function native(name: string, impl: NativeImpl): PyNative {
  return new PyNative(name, impl);
}

/** Argument `i` (positional) or `name` (keyword), or the default. */
export function arg(a: CallArgs, i: number, name: string, def?: PyValue): PyValue {
  if (i >= 0 && i < a.pos.length) {
    if (a.kw.has(name)) throw new PyException('TypeError', `argument for '${name}' given by name ('${name}') and position (${i + 1})`, null, a.kwAt.get(name) ?? a.at);
    return a.pos[i];
  }
  const v = a.kw.get(name);
  if (v !== undefined) return v;
  if (def === undefined) throw new PyException('TypeError', `missing required argument '${name}' (pos ${i + 1})`, null, a.at);
  return def;
}

/** Where an argument was written, for errors. */
export function argAt(a: CallArgs, i: number, name: string): number {
  if (i >= 0 && i < a.pos.length) return a.posAt[i] ?? a.at;
  return a.kwValue?.get(name)?.[0] ?? a.kwAt.get(name) ?? a.at;
}

/** Rejects keyword arguments outside `allowed` and too many positionals. */
export function checkArgs(fname: string, a: CallArgs, allowed: string[], maxPos: number): void {
  if (a.pos.length > maxPos) {
    throw new PyException('TypeError', `${fname}() takes at most ${maxPos} positional argument${maxPos === 1 ? '' : 's'} (${a.pos.length} given)`, null, a.at);
  }
  for (const k of a.kw.keys()) {
    if (!allowed.includes(k)) throw new PyException('TypeError', `${fname}() got an unexpected keyword argument '${k}'`, null, a.kwAt.get(k) ?? a.at);
  }
}

export function wantStr(v: PyValue, what: string, at?: number): string {
  if (typeof v !== 'string') throw new PyException('TypeError', `${what} must be str, not ${typeName(v)}`, null, at ?? null);
  return v;
}

export function wantInt(v: PyValue, what: string, at?: number): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new PyException('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer (${what})`, null, at ?? null);
  return v;
}

/** where each keyword argument's value starts */
export function valueAt(a: CallArgs): Map<string, number> {
  return new Map([...(a.kwValue ?? new Map<string, [number, number]>()).entries()].map(([k, v]) => [k, v[0]]));
}
