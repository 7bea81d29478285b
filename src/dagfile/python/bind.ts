// Binding call arguments to a function's parameters, with CPython's TypeError messages.

import { PyException, didYouMean } from '../errors.ts';
import type { Param } from './ast.ts';
import type { Scope } from './scope.ts';
import { type CallArgs, PyDict, PyTuple, type PyValue } from './values.ts';

/** Python's argument binding, with CPython's error messages. */
export function bindArgs(name: string, params: Param[], defaults: Map<string, PyValue>, pos: PyValue[], a: CallArgs, scope: Scope): void {
  const positional = params.filter((p) => p.kind === 'normal');
  const star = params.find((p) => p.kind === 'star');
  const dstar = params.find((p) => p.kind === 'dstar');
  const bound = new Map<string, PyValue>();
  if (pos.length > positional.length && !star) {
    const n = positional.length;
    throw new PyException('TypeError', `${name}() takes ${n} positional argument${n === 1 ? '' : 's'} but ${pos.length} ${pos.length === 1 ? 'was' : 'were'} given`, null, a.at);
  }
  positional.forEach((p, i) => {
    if (i < pos.length) bound.set(p.name, pos[i]);
  });
  if (star) scope.vars.set(star.name, new PyTuple(pos.slice(positional.length)));
  const extra = new PyDict();
  for (const [k, v] of a.kw) {
    const p = params.find((x) => x.name === k && (x.kind === 'normal' || x.kind === 'kwonly'));
    if (!p) {
      if (dstar) {
        extra.set(k, v);
        continue;
      }
      const names = params.filter((x) => x.kind === 'normal' || x.kind === 'kwonly').map((x) => x.name);
      const hint = didYouMean(k, names);
      throw new PyException('TypeError', `${name}() got an unexpected keyword argument '${k}'${hint ? `. Did you mean '${hint}'?` : ''}`, null, a.kwAt.get(k) ?? a.at);
    }
    if (bound.has(k)) throw new PyException('TypeError', `${name}() got multiple values for argument '${k}'`, null, a.kwAt.get(k) ?? a.at);
    bound.set(k, v);
  }
  const missing: string[] = [];
  for (const p of params) {
    if (p.kind !== 'normal' && p.kind !== 'kwonly') continue;
    if (bound.has(p.name)) continue;
    if (defaults.has(p.name)) bound.set(p.name, defaults.get(p.name)!);
    else missing.push(p.name);
  }
  if (missing.length) {
    const kind = params.find((p) => p.name === missing[0])?.kind === 'kwonly' ? 'keyword-only' : 'positional';
    const list = missing.length === 1 ? `'${missing[0]}'` : missing.slice(0, -1).map((m) => `'${m}'`).join(', ') + ` and '${missing[missing.length - 1]}'`;
    throw new PyException('TypeError', `${name}() missing ${missing.length} required ${kind} argument${missing.length === 1 ? '' : 's'}: ${list}`, null, a.at);
  }
  for (const [k, v] of bound) scope.vars.set(k, v);
  if (dstar) scope.vars.set(dstar.name, extra);
}
