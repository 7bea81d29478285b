// Static reading of Python literals: `return "task_a"` in a branch callable, `# sim: returns=...`.
// Nothing here executes code: only constant expressions are folded.

import type { Expr, Stmt } from '../python/ast.ts';
import { parseModule } from '../python/tree.ts';
import type { PyFunction } from '../python/values.ts';

const NOT_LITERAL = Symbol('not literal');
type Lit = unknown | typeof NOT_LITERAL;

export function literalOf(e: Expr, depth = 0): Lit {
  if (depth > 30) return NOT_LITERAL;
  switch (e.t) {
    case 'const': {
      const v = e.value;
      if (v === null || typeof v !== 'object') return v === 'ellipsis' ? NOT_LITERAL : v;
      if ('float' in v) return v.float;
      return v.bytes;
    }
    case 'fstring':
      return e.parts.every((p) => typeof p === 'string') ? e.parts.join('') : NOT_LITERAL;
    case 'list':
    case 'tuple':
    case 'set': {
      const out: unknown[] = [];
      for (const x of e.elts) {
        const v = literalOf(x, depth + 1);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const it of e.items) {
        if ('spread' in it) return NOT_LITERAL;
        const k = literalOf(it.key, depth + 1);
        const v = literalOf(it.value, depth + 1);
        if (k === NOT_LITERAL || v === NOT_LITERAL || (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean' && k !== null)) return NOT_LITERAL;
        out[String(k === null ? 'None' : k)] = v;
      }
      return out;
    }
    case 'unary': {
      const v = literalOf(e.operand, depth + 1);
      if (typeof v !== 'number') return NOT_LITERAL;
      return e.op === '-' ? -v : e.op === '+' ? v : NOT_LITERAL;
    }
    default:
      return NOT_LITERAL;
  }
}

export type Returns = { kind: 'none' } | { kind: 'one'; value: unknown } | { kind: 'many'; values: unknown[] } | { kind: 'dynamic' };

const returnsCache = new WeakMap<PyFunction, Returns>();

/** What a function returns, when that is visible in its source (cached per function). */
export function literalReturns(fn: PyFunction): Returns {
  let r = returnsCache.get(fn);
  if (!r) returnsCache.set(fn, (r = computeReturns(fn)));
  return r;
}

function computeReturns(fn: PyFunction): Returns {
  const body = fn.info.body;
  if (!Array.isArray(body)) {
    const v = literalOf(body);
    return v === NOT_LITERAL ? { kind: 'dynamic' } : { kind: 'one', value: v };
  }
  const found: Lit[] = [];
  let implicitEnd = true;
  const visit = (stmts: Stmt[]) => {
    for (const s of stmts) {
      switch (s.t) {
        case 'return':
          found.push(s.value ? literalOf(s.value) : null);
          break;
        case 'if':
          s.branches.forEach((b) => visit(b.body));
          break;
        case 'for':
        case 'while':
          visit(s.body);
          visit(s.orelse);
          break;
        case 'with':
          visit(s.body);
          break;
        case 'try':
          visit(s.body);
          s.handlers.forEach((h) => visit(h.body));
          visit(s.orelse);
          visit(s.finalbody);
          break;
      }
    }
  };
  visit(body);
  if (alwaysLeaves(body)) implicitEnd = false;
  if (found.length === 0) return { kind: 'none' };
  if (found.some((v) => v === NOT_LITERAL)) return { kind: 'dynamic' };
  const values = implicitEnd ? [...found, null] : found;
  const keys = new Set(values.map((v) => JSON.stringify(v)));
  if (keys.size === 1) return { kind: 'one', value: values[0] };
  return { kind: 'many', values: [...keys].map((k) => JSON.parse(k)) };
}

/** True when every path through the block ends in return/raise (so no implicit `return None`). */
function alwaysLeaves(stmts: Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.t === 'return' || last.t === 'raise') return true;
  if (last.t === 'if') return last.branches.some((b) => b.test === null) && last.branches.every((b) => alwaysLeaves(b.body));
  if (last.t === 'with') return alwaysLeaves(last.body);
  if (last.t === 'try') return alwaysLeaves(last.finalbody) || (alwaysLeaves(last.body) && last.handlers.every((h) => alwaysLeaves(h.body)));
  return false;
}

/** `# sim: returns=<python literal>` */
export function parseLiteral(src: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const mod = parseModule(`(${src})\n`);
    const s = mod.body[0];
    if (mod.body.length !== 1 || !s || s.t !== 'expr') return { ok: false, error: 'not a single value' };
    const v = literalOf(s.value);
    if (v === NOT_LITERAL) return { ok: false, error: 'only literals like 42, "text", [1, 2], {"k": "v"}, True, None' };
    return { ok: true, value: v };
  } catch {
    return { ok: false, error: 'not valid Python' };
  }
}
