// Param(default, type=..., ...): a DAG/task param with a default value.

import { PyNativeClass, PyObject, type PyValue, repr } from '../python/values.ts';

export class ParamObj extends PyObject {
  readonly typeName = 'Param';
  constructor(
    readonly value: PyValue,
    readonly hasDefault: boolean,
  ) {
    super();
  }
  pyRepr(): string {
    return `Param(${repr(this.value)})`;
  }
}

export function paramClass(): PyNativeClass {
  return new PyNativeClass('Param', (a) => {
    const has = a.pos.length > 0 || a.kw.has('default');
    return new ParamObj(a.pos.length ? a.pos[0] : (a.kw.get('default') ?? null), has);
  });
}
