// Iteration over values (for loops, unpacking, list(), comprehensions).

import { BudgetExceeded, PyException } from '../errors.ts';
import type { Interp } from './interp.ts';
import { PyDict, PyList, PyOpaque, PyRange, PySet, PyTuple, type PyValue, typeName } from './values.ts';

export function iterate(interp: Interp, v: PyValue, at: number): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (typeof v === 'string') return [...v];
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PySet) return v.items();
  if (v instanceof PyRange) {
    const n = v.length;
    if (n > interp.maxSteps - interp.steps) {
      const e = new BudgetExceeded(`this file does too much work for the simulator: ${interp.maxSteps} steps (a loop over ${n} items)`);
      e.pos = at;
      throw e;
    }
    const out: PyValue[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = v.start + i * v.step;
    return out;
  }
  const custom = (v as { pyIter?: () => PyValue[] } | null)?.pyIter;
  if (v && typeof v === 'object' && typeof custom === 'function') return custom.call(v);
  if (v instanceof PyOpaque) {
    throw new PyException(
      'SimulatorLimitation',
      `the simulator cannot iterate over ${v.desc} while reading the file`,
      'Build the list of tasks from values written in the file (lists, dicts, range()).',
      at,
    );
  }
  throw new PyException('TypeError', `'${typeName(v)}' object is not iterable`, null, at);
}
