// lezer-python tree -> our AST (python/ast.ts). Statements here; expressions in tree_expr.ts.

import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { CommentInfo, Decorator, Handler, Module, Param, Stmt, Target } from './ast.ts';
import { PyException } from '../errors.ts';
import { parserCheck, tokenizerCheck } from './syntax.ts';
import { ExprConverter, kids, syntaxError } from './tree_expr.ts';

const MAX_BLOCK_DEPTH = 100;

export function parseModule(src: string): Module {
  const early = tokenizerCheck(src);
  if (early) throw early;
  const tree = parser.parse(src);
  const err = parserCheck(tree, src);
  if (err) throw err;
  const conv = new StmtConverter(src);
  const body = conv.block(kids(tree.topNode), 0);
  const comments = collectComments(tree.topNode, src);
  const first = body[0];
  let docstring: string | null = null;
  if (first && first.t === 'expr' && first.value.t === 'const' && typeof first.value.value === 'string') docstring = first.value.value;
  return { body, comments, docstring };
}

function collectComments(top: SyntaxNode, src: string): CommentInfo[] {
  const out: CommentInfo[] = [];
  let line = 1;
  let scanned = 0;
  const cursor = top.cursor();
  do {
    if (cursor.name !== 'Comment') continue;
    for (; scanned < cursor.from; scanned++) if (src.charCodeAt(scanned) === 10) line++;
    const lineStart = src.lastIndexOf('\n', cursor.from - 1) + 1;
    out.push({
      line,
      from: cursor.from,
      text: src.slice(cursor.from + 1, cursor.to),
      fullLine: src.slice(lineStart, cursor.from).trim() === '',
    });
  } while (cursor.next());
  return out;
}

class StmtConverter extends ExprConverter {
  constructor(src: string) {
    super(src);
  }

  /** Statements among the children (comments and punctuation skipped). */
  block(nodes: SyntaxNode[], depth: number): Stmt[] {
    if (depth > MAX_BLOCK_DEPTH) throw syntaxError('too many statically nested blocks', nodes[0]?.from ?? 0);
    const out: Stmt[] = [];
    for (const n of nodes) {
      if (n.name === 'Comment' || n.name === ':' || n.name === ';') continue;
      if (n.name === 'StatementGroup') out.push(...this.block(kids(n), depth));
      else out.push(this.stmt(n, depth));
    }
    return out;
  }

  body(n: SyntaxNode | undefined, depth: number): Stmt[] {
    if (!n) return [];
    return this.block(kids(n), depth + 1);
  }

  stmt(n: SyntaxNode, depth: number): Stmt {
    const span = { from: n.from, to: n.to };
    const c = kids(n);
    switch (n.name) {
      case 'ExpressionStatement':
        return { from: span.from, to: span.to, t: 'expr', value: this.exprList(c, n.from) };
      case 'AssignStatement':
        return this.assign(n, c);
      case 'UpdateStatement': {
        const opIdx = c.findIndex((k) => k.name === 'UpdateOp');
        const op = this.text(c[opIdx]).slice(0, -1);
        return { from: span.from, to: span.to, t: 'augassign', target: this.target(this.exprList(c.slice(0, opIdx), n.from)), op, value: this.exprList(c.slice(opIdx + 1), n.from) };
      }
      case 'PassStatement':
        return { from: span.from, to: span.to, t: 'pass' };
      case 'BreakStatement':
        return { from: span.from, to: span.to, t: 'break' };
      case 'ContinueStatement':
        return { from: span.from, to: span.to, t: 'continue' };
      case 'ReturnStatement':
        return { from: span.from, to: span.to, t: 'return', value: c.length > 1 ? this.exprList(c.slice(1), n.from) : null };
      case 'IfStatement':
        return this.ifStmt(n, c, depth);
      case 'ForStatement':
        return this.forStmt(n, c, depth);
      case 'WhileStatement': {
        const bodies = c.filter((k) => k.name === 'Body');
        return { from: span.from, to: span.to, t: 'while', test: this.expr(c[1]), body: this.body(bodies[0], depth), orelse: this.body(bodies[1], depth) };
      }
      case 'FunctionDefinition':
        return this.funcDef(n, c, [], depth);
      case 'ClassDefinition':
        return this.classDef(n, c, [], depth);
      case 'DecoratedStatement':
        return this.decorated(n, c, depth);
      case 'ImportStatement':
        return this.importStmt(n, c);
      case 'WithStatement':
        return this.withStmt(n, c, depth);
      case 'TryStatement':
        return this.tryStmt(n, c, depth);
      case 'RaiseStatement':
        return { from: span.from, to: span.to, t: 'raise', exc: c.length > 1 ? this.expr(c[1]) : null };
      case 'AssertStatement': {
        const exprs = c.filter((k) => !['assert', ','].includes(k.name));
        return { from: span.from, to: span.to, t: 'assert', test: this.expr(exprs[0]), msg: exprs[1] ? this.expr(exprs[1]) : null };
      }
      case 'ScopeStatement':
        return { from: span.from, to: span.to, t: 'scope', kind: c[0].name === 'global' ? 'global' : 'nonlocal', names: c.filter((k) => k.name === 'VariableName').map((k) => this.text(k)) };
      case 'DeleteStatement': {
        const exprs = c.filter((k) => k.name !== 'del' && k.name !== ',');
        return { from: span.from, to: span.to, t: 'del', targets: exprs.map((e) => this.target(this.expr(e))) };
      }
      default:
        return { from: span.from, to: span.to, t: 'unsupported', what: describeStmt(n.name) };
    }
  }

  private assign(n: SyntaxNode, c: SyntaxNode[]): Stmt {
    const span = { from: n.from, to: n.to };
    const segments: SyntaxNode[][] = [[]];
    let typed = false;
    for (const k of c) {
      if (k.name === 'AssignOp') segments.push([]);
      else if (k.name === 'TypeDef') typed = true;
      else segments[segments.length - 1].push(k);
    }
    if (typed) {
      const target = this.target(this.exprList(segments[0], n.from));
      return { from: span.from, to: span.to, t: 'annassign', target, value: segments.length > 1 ? this.exprList(segments[1], n.from) : null };
    }
    if (segments.length < 2) throw syntaxError('invalid syntax', n.from);
    const value = this.exprList(segments[segments.length - 1], n.from);
    const targets = segments.slice(0, -1).map((s) => this.target(this.exprList(s, n.from)));
    return { from: span.from, to: span.to, t: 'assign', targets, value };
  }

  target(e: ReturnType<ExprConverter['expr']>): Target {
    switch (e.t) {
      case 'name':
        return e;
      case 'attr':
        return { from: e.from, to: e.to, t: 'attr', obj: e.obj, name: e.name };
      case 'subscript':
        return e;
      case 'tuple':
      case 'list':
        return { from: e.from, to: e.to, t: 'tuple', elts: e.elts.map((x) => this.target(x)) };
      case 'starred':
        return { from: e.from, to: e.to, t: 'starred', value: this.target(e.value) };
      default:
        throw new PyException('SyntaxError', `cannot assign to ${exprKind(e.t)}`, null, e.from);
    }
  }

  private ifStmt(n: SyntaxNode, c: SyntaxNode[], depth: number): Stmt {
    const branches: { test: ReturnType<ExprConverter['expr']> | null; body: Stmt[] }[] = [];
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === 'if' || k.name === 'elif') {
        branches.push({ test: this.expr(c[i + 1]), body: this.body(c[i + 2], depth) });
        i += 2;
      } else if (k.name === 'else') {
        branches.push({ test: null, body: this.body(c[i + 1], depth) });
        i += 1;
      }
    }
    return { from: n.from, to: n.to, t: 'if', branches };
  }

  private forStmt(n: SyntaxNode, c: SyntaxNode[], depth: number): Stmt {
    const forIdx = c.findIndex((k) => k.name === 'for');
    const inIdx = c.findIndex((k) => k.name === 'in');
    const bodies = c.filter((k) => k.name === 'Body');
    const iterNodes = c.slice(inIdx + 1).filter((k) => k.name !== 'Body' && k.name !== 'else');
    return {
      from: n.from,
      to: n.to,
      t: 'for',
      target: this.target(this.exprList(c.slice(forIdx + 1, inIdx), n.from)),
      iter: this.exprList(iterNodes, n.from),
      body: this.body(bodies[0], depth),
      orelse: this.body(bodies[1], depth),
    };
  }

  private funcDef(n: SyntaxNode, c: SyntaxNode[], decorators: Decorator[], depth: number): Stmt {
    const nameNode = c.find((k) => k.name === 'VariableName');
    const paramNode = c.find((k) => k.name === 'ParamList');
    const bodyNode = c.find((k) => k.name === 'Body');
    if (!nameNode || !paramNode || !bodyNode) throw syntaxError('invalid syntax', n.from);
    const bodyKids = kids(bodyNode);
    const firstStmt = bodyKids.find((k) => k.name !== ':' && k.name !== 'Comment');
    return {
      from: n.from,
      to: n.to,
      t: 'def',
      name: this.text(nameNode),
      nameSpan: { from: nameNode.from, to: nameNode.to },
      params: this.params(paramNode),
      body: this.body(bodyNode, depth),
      decorators,
      bodyFrom: firstStmt ? firstStmt.from : bodyNode.to,
    };
  }

  override params(p: SyntaxNode): Param[] {
    const out: Param[] = [];
    let mode: Param['kind'] = 'normal';
    const c = kids(p);
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === '*' || k.name === '**') {
        const next = c[i + 1];
        if (next && next.name === 'VariableName') {
          out.push({ from: k.from, to: next.to, name: this.text(next), kind: k.name === '*' ? 'star' : 'dstar', default: null });
          i++;
        }
        mode = 'kwonly';
      } else if (k.name === 'VariableName') {
        let def = null;
        let j = i + 1;
        if (c[j]?.name === 'TypeDef') j++;
        if (c[j]?.name === 'AssignOp') {
          def = this.expr(c[j + 1]);
          j += 1;
        }
        out.push({ from: k.from, to: c[j]?.to ?? k.to, name: this.text(k), kind: mode, default: def });
        i = j;
      }
    }
    return out;
  }

  private classDef(n: SyntaxNode, c: SyntaxNode[], decorators: Decorator[], depth: number): Stmt {
    const nameNode = c.find((k) => k.name === 'VariableName');
    const argNode = c.find((k) => k.name === 'ArgList');
    const bodyNode = c.find((k) => k.name === 'Body');
    if (!nameNode) throw syntaxError('invalid syntax', n.from);
    return {
      from: n.from,
      to: n.to,
      t: 'class',
      name: this.text(nameNode),
      bases: argNode ? this.args(argNode) : [],
      body: this.body(bodyNode, depth),
      decorators,
    };
  }

  private decorated(n: SyntaxNode, c: SyntaxNode[], depth: number): Stmt {
    const decorators: Decorator[] = [];
    for (const k of c) {
      if (k.name === 'Decorator') decorators.push({ from: k.from, to: k.to, expr: this.decoratorExpr(k) });
      else if (k.name === 'FunctionDefinition') return this.funcDef(k, kids(k), decorators, depth);
      else if (k.name === 'ClassDefinition') return this.classDef(k, kids(k), decorators, depth);
    }
    throw syntaxError('invalid syntax', n.from);
  }

  /** `@a.b.c(args)` arrives as a flat list of names, dots and an ArgList. */
  private decoratorExpr(d: SyntaxNode): ReturnType<ExprConverter['expr']> {
    const c = kids(d).filter((k) => k.name !== 'At' && k.name !== 'Comment');
    let e: ReturnType<ExprConverter['expr']> | null = null;
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === '.') continue;
      if (k.name === 'ArgList') {
        if (!e) throw syntaxError('invalid syntax', k.from);
        e = { from: e.from, to: k.to, t: 'call', func: e, args: this.args(k) };
      } else if (k.name === 'VariableName' && e && c[i - 1]?.name === '.') {
        e = { from: e.from, to: k.to, t: 'attr', obj: e, name: this.text(k), nameSpan: { from: k.from, to: k.to } };
      } else if (!e) {
        e = this.expr(k);
      } else {
        throw syntaxError('invalid syntax', k.from);
      }
    }
    if (!e) throw syntaxError('invalid syntax', d.from);
    return e;
  }

  private importStmt(n: SyntaxNode, c: SyntaxNode[]): Stmt {
    const span = { from: n.from, to: n.to };
    if (c[0].name === 'from') {
      const importIdx = c.findIndex((k) => k.name === 'import');
      const modParts = c.slice(1, importIdx);
      let level = 0;
      let module = '';
      for (const k of modParts) {
        if (k.name === '.' && module === '') level++;
        else if (k.name === 'Ellipsis') level += 3;
        else module += k.name === '.' ? '.' : this.text(k);
      }
      const names: { name: string; asName: string | null; span: { from: number; to: number } }[] = [];
      const rest = c.slice(importIdx + 1);
      for (let i = 0; i < rest.length; i++) {
        const k = rest[i];
        if (k.name === 'VariableName' || k.name === '*') {
          let asName: string | null = null;
          if (rest[i + 1]?.name === 'as') {
            asName = this.text(rest[i + 2]);
            i += 2;
          }
          names.push({ name: this.text(k), asName, span: { from: k.from, to: k.to } });
        }
      }
      const moduleSpan = modParts.length ? { from: modParts[0].from, to: modParts[modParts.length - 1].to } : span;
      return { from: span.from, to: span.to, t: 'from', module, level, names, moduleSpan };
    }
    const names: { module: string; asName: string | null; span: { from: number; to: number } }[] = [];
    let cur = '';
    let curFrom = -1;
    let curTo = -1;
    for (let i = 1; i <= c.length; i++) {
      const k = c[i];
      if (!k || k.name === ',') {
        if (cur) names.push({ module: cur, asName: null, span: { from: curFrom, to: curTo } });
        cur = '';
        curFrom = -1;
        continue;
      }
      if (k.name === 'as') {
        names.push({ module: cur, asName: this.text(c[i + 1]), span: { from: curFrom, to: curTo } });
        cur = '';
        i++;
        continue;
      }
      if (curFrom < 0) curFrom = k.from;
      curTo = k.to;
      cur += k.name === '.' ? '.' : this.text(k);
    }
    return { from: span.from, to: span.to, t: 'import', names };
  }

  private withStmt(n: SyntaxNode, c: SyntaxNode[], depth: number): Stmt {
    const items: { expr: ReturnType<ExprConverter['expr']>; asTarget: Target | null }[] = [];
    const bodyNode = c.find((k) => k.name === 'Body');
    const inner = c.filter((k) => k.name !== 'with' && k.name !== 'Body' && k.name !== 'async');
    for (let i = 0; i < inner.length; i++) {
      const k = inner[i];
      if (k.name === ',') continue;
      const expr = this.expr(k);
      let asTarget: Target | null = null;
      if (inner[i + 1]?.name === 'as') {
        asTarget = this.target(this.expr(inner[i + 2]));
        i += 2;
      }
      items.push({ expr, asTarget });
    }
    return { from: n.from, to: n.to, t: 'with', items, body: this.body(bodyNode, depth) };
  }

  private tryStmt(n: SyntaxNode, c: SyntaxNode[], depth: number): Stmt {
    let body: Stmt[] = [];
    const handlers: Handler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    for (let i = 0; i < c.length; i++) {
      const k = c[i];
      if (k.name === 'try') {
        body = this.body(c[i + 1], depth);
        i++;
      } else if (k.name === 'except') {
        let j = i + 1;
        let types = null;
        let name: string | null = null;
        if (c[j] && c[j].name === '*') j++;
        if (c[j] && c[j].name !== 'Body') {
          types = this.expr(c[j]);
          j++;
          if (c[j]?.name === 'as') {
            name = this.text(c[j + 1]);
            j += 2;
          } else if (c[j]?.name === ',') {
            j++;
          }
        }
        handlers.push({ from: k.from, to: c[j]?.to ?? k.to, types, name, body: this.body(c[j], depth) });
        i = j;
      } else if (k.name === 'else') {
        orelse = this.body(c[i + 1], depth);
        i++;
      } else if (k.name === 'finally') {
        finalbody = this.body(c[i + 1], depth);
        i++;
      }
    }
    return { from: n.from, to: n.to, t: 'try', body, handlers, orelse, finalbody };
  }
}

function describeStmt(name: string): string {
  const m: Record<string, string> = {
    MatchStatement: 'match statements',
    YieldStatement: 'yield',
    TypeDefinition: 'type aliases',
    PrintStatement: 'print statements',
  };
  return m[name] ?? name;
}

function exprKind(t: string): string {
  const m: Record<string, string> = { call: 'function call', const: 'literal', binop: 'expression', compare: 'comparison', fstring: 'f-string expression', lambda: 'lambda' };
  return m[t] ?? 'expression';
}
