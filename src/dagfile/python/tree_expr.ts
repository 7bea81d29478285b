// lezer-python expression nodes -> AST expressions.

import type { SyntaxNode } from '@lezer/common';
import type { Arg, Comprehension, DictItem, Expr, FPart, Param, Target } from './ast.ts';
import { PyException } from '../errors.ts';
import { fstringText, splitLiteral, stringValue } from './strings.ts';

const MAX_BRACKET_DEPTH = 200;
const MAX_EXPR_DEPTH = 1500;
const BRACKETED = new Set([
  'ParenthesizedExpression',
  'TupleExpression',
  'ArrayExpression',
  'SetExpression',
  'DictionaryExpression',
  'CallExpression',
  'ArrayComprehensionExpression',
  'ComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
]);

export function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function syntaxError(msg: string, pos: number): PyException {
  return new PyException('SyntaxError', msg, null, pos);
}

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=', '<>', 'in', 'not in', 'is', 'is not']);

export class ExprConverter {
  private depth = 0;
  private total = 0;
  constructor(protected src: string) {}

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  /** Comma-separated expressions: one expression, or a tuple when there is a comma. */
  exprList(nodes: SyntaxNode[], pos: number): Expr {
    const parts = nodes.filter((k) => k.name !== 'Comment');
    const elts: Expr[] = [];
    let comma = false;
    for (let i = 0; i < parts.length; i++) {
      const k = parts[i];
      if (k.name === ',') {
        comma = true;
        continue;
      }
      if (k.name === '*') {
        const v = parts[i + 1];
        if (!v) throw syntaxError('invalid syntax', k.from);
        elts.push({ from: k.from, to: v.to, t: 'starred', value: this.expr(v) });
        i++;
        continue;
      }
      elts.push(this.expr(k));
    }
    if (elts.length === 0) {
      if (parts.length === 0) throw syntaxError('invalid syntax', pos);
      return { from: parts[0].from, to: parts[parts.length - 1].to, t: 'tuple', elts: [] };
    }
    if (!comma && elts.length === 1) return elts[0];
    return { from: elts[0].from, to: elts[elts.length - 1].to, t: 'tuple', elts };
  }

  expr(n: SyntaxNode): Expr {
    // CPython allows 200 nested brackets; long operator chains (a >> b >> ...) only cost stack
    const bracket = BRACKETED.has(n.name);
    if (bracket && this.depth + 1 > MAX_BRACKET_DEPTH) {
      throw new PyException('SyntaxError', 'too many nested parentheses', 'This expression is nested too deeply.', n.from);
    }
    if (this.total + 1 > MAX_EXPR_DEPTH) {
      throw new PyException('SyntaxError', 'expression too complex', 'Split this expression into several statements.', n.from);
    }
    if (bracket) this.depth++;
    this.total++;
    try {
      return this.exprInner(n);
    } finally {
      if (bracket) this.depth--;
      this.total--;
    }
  }

  private exprInner(n: SyntaxNode): Expr {
    const span = { from: n.from, to: n.to };
    switch (n.name) {
      case 'VariableName':
        return { from: span.from, to: span.to, t: 'name', id: this.text(n) };
      case 'Number':
        return { from: span.from, to: span.to, t: 'const', value: parseNumber(this.text(n), n.from) };
      case 'String': {
        const { value, bytes } = stringValue(this.text(n), n.from);
        return { from: span.from, to: span.to, t: 'const', value: bytes ? { bytes: value } : value };
      }
      case 'FormatString':
        return { from: span.from, to: span.to, t: 'fstring', parts: this.fstring(n) };
      case 'ContinuedString':
        return this.continued(n);
      case 'Boolean':
        return { from: span.from, to: span.to, t: 'const', value: this.text(n) === 'True' };
      case 'None':
        return { from: span.from, to: span.to, t: 'const', value: null };
      case 'Ellipsis':
        return { from: span.from, to: span.to, t: 'const', value: 'ellipsis' };
      case 'ParenthesizedExpression': {
        const inner = kids(n).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== 'Comment');
        if (inner.length !== 1) return this.exprList(inner, n.from);
        return this.expr(inner[0]);
      }
      case 'TupleExpression':
        return { from: span.from, to: span.to, t: 'tuple', elts: this.elements(n) };
      case 'ArrayExpression':
        return { from: span.from, to: span.to, t: 'list', elts: this.elements(n) };
      case 'SetExpression':
        return { from: span.from, to: span.to, t: 'set', elts: this.elements(n) };
      case 'DictionaryExpression':
        return { from: span.from, to: span.to, t: 'dict', items: this.dictItems(n) };
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return this.comprehension(n, n.name === 'ArrayComprehensionExpression' ? 'list' : n.name === 'SetComprehensionExpression' ? 'set' : 'gen');
      case 'DictionaryComprehensionExpression':
        return this.dictComprehension(n);
      case 'CallExpression': {
        const c = kids(n);
        const argList = c[c.length - 1];
        if (c.length < 2 || argList.name !== 'ArgList') throw syntaxError('invalid syntax', n.from);
        return { from: span.from, to: span.to, t: 'call', func: this.expr(c[0]), args: this.args(argList) };
      }
      case 'MemberExpression':
        return this.member(n);
      case 'BinaryExpression':
        return this.binary(n);
      case 'UnaryExpression': {
        const c = kids(n);
        const op = this.text(c[0]);
        if (op !== 'not' && op !== '-' && op !== '+' && op !== '~') throw syntaxError('invalid syntax', n.from);
        return { from: span.from, to: span.to, t: 'unary', op, operand: this.expr(c[1]) };
      }
      case 'ConditionalExpression': {
        const c = kids(n).filter((k) => k.name !== 'if' && k.name !== 'else' && k.name !== 'Comment');
        return { from: span.from, to: span.to, t: 'ifexp', body: this.expr(c[0]), test: this.expr(c[1]), orelse: this.expr(c[2]) };
      }
      case 'LambdaExpression': {
        const c = kids(n);
        const pl = c.find((k) => k.name === 'ParamList');
        const colon = c.findIndex((k) => k.name === ':');
        return { from: span.from, to: span.to, t: 'lambda', params: pl ? this.params(pl) : [], body: this.expr(c[colon + 1]) };
      }
      case 'NamedExpression': {
        const c = kids(n);
        return { from: span.from, to: span.to, t: 'walrus', target: this.text(c[0]), value: this.expr(c[2]) };
      }
      case 'AwaitExpression':
        return { from: span.from, to: span.to, t: 'unsupported', what: 'await' };
      case 'YieldExpression':
        return { from: span.from, to: span.to, t: 'unsupported', what: 'yield' };
      default:
        throw syntaxError('invalid syntax', n.from);
    }
  }

  /** Overridden by the statement converter; lambdas need it too. */
  params(p: SyntaxNode): Param[] {
    const out: Param[] = [];
    let mode: Param['kind'] = 'normal';
    const c = kids(p);
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === '*' || k.name === '**') {
        const next = c[i + 1];
        if (next?.name === 'VariableName') {
          out.push({ from: k.from, to: next.to, name: this.text(next), kind: k.name === '*' ? 'star' : 'dstar', default: null });
          i++;
        }
        mode = 'kwonly';
      } else if (k.name === 'VariableName') {
        let def: Expr | null = null;
        if (c[i + 1]?.name === 'AssignOp') {
          def = this.expr(c[i + 2]);
          i += 2;
        }
        out.push({ from: k.from, to: k.to, name: this.text(k), kind: mode, default: def });
      }
    }
    return out;
  }

  private elements(n: SyntaxNode): Expr[] {
    const inner = kids(n).filter((k) => !['(', ')', '[', ']', '{', '}', 'Comment'].includes(k.name));
    if (inner.length === 0) return [];
    const e = this.exprList(inner, n.from);
    if (e.t === 'tuple' && (inner.some((k) => k.name === ',') || inner.length > 1)) return e.elts;
    return [e];
  }

  private dictItems(n: SyntaxNode): DictItem[] {
    const c = kids(n).filter((k) => k.name !== '{' && k.name !== '}' && k.name !== 'Comment');
    const out: DictItem[] = [];
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === ',') continue;
      if (k.name === '**') {
        out.push({ spread: this.expr(c[i + 1]) });
        i++;
        continue;
      }
      if (c[i + 1]?.name !== ':' || !c[i + 2]) throw syntaxError('invalid syntax', k.from);
      out.push({ key: this.expr(k), value: this.expr(c[i + 2]) });
      i += 2;
    }
    return out;
  }

  private gens(c: SyntaxNode[], start: number): Comprehension[] {
    const gens: Comprehension[] = [];
    let i = start;
    while (i < c.length) {
      const k = c[i];
      if (k.name === 'async') {
        i++;
        continue;
      }
      if (k.name !== 'for') throw syntaxError('invalid syntax', k.from);
      const inIdx = c.findIndex((x, j) => j > i && x.name === 'in');
      if (inIdx < 0) throw syntaxError('invalid syntax', k.from);
      const target = toTarget(this.exprList(c.slice(i + 1, inIdx), k.from));
      const iter = this.expr(c[inIdx + 1]);
      const ifs: Expr[] = [];
      i = inIdx + 2;
      while (c[i]?.name === 'if') {
        ifs.push(this.expr(c[i + 1]));
        i += 2;
      }
      gens.push({ target, iter, ifs });
    }
    return gens;
  }

  private comprehension(n: SyntaxNode, kind: 'list' | 'set' | 'gen'): Expr {
    const c = kids(n).filter((k) => !['(', ')', '[', ']', '{', '}', 'Comment'].includes(k.name));
    return { from: n.from, to: n.to, t: 'comp', kind, elt: this.expr(c[0]), gens: this.gens(c, 1) };
  }

  private dictComprehension(n: SyntaxNode): Expr {
    const c = kids(n).filter((k) => k.name !== '{' && k.name !== '}' && k.name !== 'Comment');
    if (c[1]?.name !== ':') throw syntaxError('invalid syntax', n.from);
    return { from: n.from, to: n.to, t: 'dictcomp', key: this.expr(c[0]), value: this.expr(c[2]), gens: this.gens(c, 3) };
  }

  args(argList: SyntaxNode): Arg[] {
    const c = kids(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== 'Comment');
    const out: Arg[] = [];
    if (c.some((k) => k.name === 'for')) {
      // a bare generator argument: f(x for x in y)
      const gen: Expr = { from: c[0].from, to: c[c.length - 1].to, t: 'comp', kind: 'gen', elt: this.expr(c[0]), gens: this.gens(c, 1) };
      return [{ from: gen.from, to: gen.to, kind: 'pos', value: gen }];
    }
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === ',') continue;
      if (k.name === '*' || k.name === '**') {
        const v = c[i + 1];
        if (!v) throw syntaxError('invalid syntax', k.from);
        out.push({ from: k.from, to: v.to, kind: k.name === '*' ? 'star' : 'dstar', value: this.expr(v) });
        i++;
      } else if (k.name === 'VariableName' && c[i + 1]?.name === 'AssignOp' && this.text(c[i + 1]) === '=') {
        const v = c[i + 2];
        if (!v) throw syntaxError('invalid syntax', k.from);
        out.push({ from: k.from, to: v.to, kind: 'kw', name: this.text(k), value: this.expr(v) });
        i += 2;
      } else {
        out.push({ from: k.from, to: k.to, kind: 'pos', value: this.expr(k) });
      }
    }
    return out;
  }

  private member(n: SyntaxNode): Expr {
    const c = kids(n);
    const obj = this.expr(c[0]);
    if (c[1]?.name === '.') {
      const p = c[2];
      if (!p) throw syntaxError('invalid syntax', n.to);
      return { from: n.from, to: n.to, t: 'attr', obj, name: this.text(p), nameSpan: { from: p.from, to: p.to } };
    }
    // subscript: obj [ index ]
    const inner = c.slice(2, -1).filter((k) => k.name !== 'Comment');
    if (inner.some((k) => k.name === ':')) return { from: n.from, to: n.to, t: 'subscript', obj, index: this.slice(inner, c[1].from) };
    return { from: n.from, to: n.to, t: 'subscript', obj, index: this.exprList(inner, c[1].from) };
  }

  private slice(inner: SyntaxNode[], pos: number): Expr {
    const parts: (Expr | null)[] = [null];
    for (const k of inner) {
      if (k.name === ':') parts.push(null);
      else parts[parts.length - 1] = this.expr(k);
    }
    return { from: pos, to: inner[inner.length - 1]?.to ?? pos, t: 'slice', lower: parts[0], upper: parts[1] ?? null, step: parts[2] ?? null };
  }

  private binary(n: SyntaxNode): Expr {
    const c = kids(n).filter((k) => k.name !== 'Comment');
    const left = c[0];
    // the operator may be one token ("+", "and") or two ("not in", "is not")
    let opEnd = 1;
    let op = this.text(c[1]);
    if ((op === 'not' && c[2]?.name === 'in') || (op === 'is' && c[2]?.name === 'not')) {
      op = op === 'not' ? 'not in' : 'is not';
      opEnd = 2;
    }
    const right = c[opEnd + 1];
    if (!left || !right) throw syntaxError('invalid syntax', n.from);
    const span = { from: n.from, to: n.to };
    const opSpan = { from: c[1].from, to: c[opEnd].to };
    if (op === 'and' || op === 'or') return { from: span.from, to: span.to, t: 'boolop', op, left: this.expr(left), right: this.expr(right) };
    if (COMPARE_OPS.has(op)) {
      const l = this.expr(left);
      const r = this.expr(right);
      // lezer nests `a < b < c` as ((a < b) < c); Python chains it
      if (l.t === 'compare' && left.name === 'BinaryExpression') return { from: span.from, to: span.to, t: 'compare', left: l.left, ops: [...l.ops, op], rights: [...l.rights, r] };
      return { from: span.from, to: span.to, t: 'compare', left: l, ops: [op], rights: [r] };
    }
    return { from: span.from, to: span.to, t: 'binop', op, left: this.expr(left), right: this.expr(right), opSpan };
  }

  private continued(n: SyntaxNode): Expr {
    const parts: FPart[] = [];
    let isF = false;
    let bytes = false;
    for (const k of kids(n)) {
      if (k.name === 'FormatString') {
        isF = true;
        parts.push(...this.fstring(k));
      } else if (k.name === 'String') {
        const v = stringValue(this.text(k), k.from);
        bytes ||= v.bytes;
        parts.push(v.value);
      }
    }
    if (!isF) {
      const s = parts.join('');
      return { from: n.from, to: n.to, t: 'const', value: bytes ? { bytes: s } : s };
    }
    return { from: n.from, to: n.to, t: 'fstring', parts };
  }

  private fstring(n: SyntaxNode): FPart[] {
    const text = this.text(n);
    const lit = splitLiteral(text);
    const raw = lit.prefix.includes('r');
    const bodyFrom = n.from + lit.bodyFrom;
    const bodyTo = n.from + lit.bodyTo;
    return this.fparts(kids(n).filter((k) => k.name === 'FormatReplacement'), bodyFrom, bodyTo, raw);
  }

  private fparts(reps: SyntaxNode[], from: number, to: number, raw: boolean): FPart[] {
    const parts: FPart[] = [];
    let at = from;
    for (const r of reps) {
      if (r.from > at) parts.push(fstringText(this.src.slice(at, r.from), raw, at));
      parts.push(this.replacement(r, raw));
      at = r.to;
    }
    if (to > at) parts.push(fstringText(this.src.slice(at, to), raw, at));
    return parts;
  }

  private replacement(r: SyntaxNode, raw: boolean): FPart {
    const c = kids(r);
    const exprNode = c.find((k) => !['{', '}', 'FormatSelfDoc', 'FormatConversion', 'FormatSpec', 'Comment', ','].includes(k.name));
    if (!exprNode) throw syntaxError("f-string: valid expression required before '}'", r.from);
    const exprNodes = c.filter((k) => !['{', '}', 'FormatSelfDoc', 'FormatConversion', 'FormatSpec', 'Comment'].includes(k.name));
    const expr = exprNodes.length > 1 ? this.exprList(exprNodes, r.from) : this.expr(exprNode);
    const convNode = c.find((k) => k.name === 'FormatConversion');
    const specNode = c.find((k) => k.name === 'FormatSpec');
    const selfDoc = c.some((k) => k.name === 'FormatSelfDoc') ? this.src.slice(r.from + 1, c.find((k) => k.name === 'FormatSelfDoc')!.to) : null;
    let spec: FPart[] | null = null;
    if (specNode) spec = this.fparts(kids(specNode).filter((k) => k.name === 'FormatReplacement'), specNode.from + 1, specNode.to, raw);
    return { expr, conv: convNode ? this.text(convNode).slice(1) : null, spec, selfDoc };
  }
}

export function toTarget(e: Expr): Target {
  switch (e.t) {
    case 'name':
    case 'subscript':
      return e;
    case 'attr':
      return { from: e.from, to: e.to, t: 'attr', obj: e.obj, name: e.name };
    case 'tuple':
    case 'list':
      return { from: e.from, to: e.to, t: 'tuple', elts: e.elts.map(toTarget) };
    case 'starred':
      return { from: e.from, to: e.to, t: 'starred', value: toTarget(e.value) };
    default:
      throw new PyException('SyntaxError', 'cannot assign to expression', null, e.from);
  }
}

function parseNumber(text: string, pos: number): number | { float: number } {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) throw new PyException('SyntaxError', 'complex numbers are not supported by the simulator', null, pos);
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO]/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
  if (/[.eE]/.test(t)) return { float: parseFloat(t) };
  if (/^0\d+$/.test(t) && /[1-9]/.test(t)) {
    throw new PyException('SyntaxError', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', null, pos);
  }
  const v = Number(t);
  if (Number.isNaN(v)) throw syntaxError('invalid decimal literal', pos);
  return v;
}
