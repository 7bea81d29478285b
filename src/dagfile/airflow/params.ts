// Param(default, type=..., ...): a DAG/task param with a default value.

import { PyList, PyNativeClass, PyObject, type PyValue, repr } from '../python/values.ts';

export class ParamObj extends PyObject {
  readonly typeName = 'Param';
  constructor(
    readonly value: PyValue,
    readonly hasDefault: boolean,
    /** the JSON-schema "type" allows null (type="null" or a list containing "null") */
    readonly nullable: boolean = false,
  ) {
    super();
  }
  /** a required param: no default and null is not allowed (Param.has_value / schema check) */
  get required(): boolean {
    return !this.hasDefault && !this.nullable;
  }
  pyRepr(): string {
    return `Param(${repr(this.value)})`;
  }
}

export function paramClass(): PyNativeClass {
  return new PyNativeClass('Param', (a) => {
    const has = a.pos.length > 0 || a.kw.has('default');
    const type = a.kw.get('type');
    const nullable = type === 'null' || (type instanceof PyList && type.items.includes('null'));
    return new ParamObj(a.pos.length ? a.pos[0] : (a.kw.get('default') ?? null), has, nullable);
  });
}
