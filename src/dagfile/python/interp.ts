// The evaluator: runs the module's statements with a step budget. Expressions are in expr.ts.
// It never executes anything outside this subset: unknown libraries give opaque values.

import type { Handler, Module, Param, Stmt, Target } from './ast.ts';
import { BudgetExceeded, PyException, isSubclass } from '../errors.ts';
import { bindArgs } from './bind.ts';
import { Scope } from './scope.ts';
import { evalExpr } from './expr.ts';
import { iterate } from './iter.ts';
import { binaryOp } from './ops.ts';
import {
  type CallArgs,
  PyBoundMethod,
  PyDict,
  PyExceptionClass,
  PyExceptionInstance,
  PyFunction,
  PyInstance,
  PyList,
  PyNative,
  PyNativeClass,
  PyOpaque,
  PyTuple,
  PyUserClass,
  type PyValue,
  repr,
  str,
  truthy,
  typeName,
} from './values.ts';

export const MAX_STEPS = 400_000;
export const MAX_CALL_DEPTH = 120;

/** What the Airflow layer plugs into the evaluator. */
export interface Host {
  importModule(name: string, at: number): PyValue;
  importFrom(module: string, name: string, at: number, moduleAt?: number): PyValue;
  /** `with x:` — returns the value bound by `as`, and the exit action */
  enterContext(v: PyValue, at: number): { value: PyValue; exit: () => void };
  /** `a >> b` / `a << b` on tasks; undefined when the operands are not Airflow objects */
  shift(op: '>>' | '<<', a: PyValue, b: PyValue, at: number): PyValue | undefined;
  getAttr(obj: PyValue, name: string, at: number): PyValue | undefined;
  setAttr(obj: PyValue, name: string, value: PyValue, at: number): boolean;
  /** extra help for a NameError (e.g. the import line for a known operator) */
  nameHint(name: string): string | null;
  /** calling a class defined in the file */
  instantiate(cls: PyUserClass, args: CallArgs): PyValue | undefined;
  /** calling an Airflow object (decorated functions, ...); undefined when not one */
  call(fn: PyValue, args: CallArgs): PyValue | undefined;
}

type Signal = undefined | 'break' | 'continue' | { ret: PyValue };

export class Interp {
  steps = 0;
  depth = 0;
  host!: Host;
  readonly builtins = new Map<string, PyValue>();
  readonly globals = new Scope(null);
  /** statements being executed, innermost last (for `# sim:` comments) */
  readonly stmtStack: Stmt[] = [];
  private handling: PyException[] = [];

  constructor(
    readonly src: string,
    readonly maxSteps = MAX_STEPS,
  ) {}

  tick(at: number): void {
    if (++this.steps > this.maxSteps) {
      const e = new BudgetExceeded(`this file does too much work for the simulator: ${this.maxSteps} steps`);
      e.pos = at;
      throw e;
    }
  }

  run(mod: Module): void {
    this.execBlock(mod.body, this.globals);
  }

  execBlock(body: Stmt[], scope: Scope): Signal {
    for (const s of body) {
      const sig = this.execStmt(s, scope);
      if (sig) return sig;
    }
    return undefined;
  }

  execStmt(s: Stmt, scope: Scope): Signal {
    this.tick(s.from);
    this.stmtStack.push(s);
    try {
      return this.execInner(s, scope);
    } catch (e) {
      if (e instanceof PyException && e.pos === null) e.pos = s.from;
      throw e;
    } finally {
      this.stmtStack.pop();
    }
  }

  private execInner(s: Stmt, scope: Scope): Signal {
    switch (s.t) {
      case 'expr':
        evalExpr(this, s.value, scope);
        return undefined;
      case 'assign': {
        const v = evalExpr(this, s.value, scope);
        for (const t of s.targets) this.assign(t, v, scope);
        return undefined;
      }
      case 'augassign': {
        const cur = evalExpr(this, targetAsExpr(s.target), scope);
        const rhs = evalExpr(this, s.value, scope);
        let v: PyValue;
        if (cur instanceof PyList && s.op === '+') {
          cur.items.push(...iterate(this, rhs, s.value.from));
          v = cur;
        } else {
          v = this.host.shift(s.op as '>>', cur, rhs, s.from) ?? binaryOp(s.op, cur, rhs);
        }
        this.assign(s.target, v, scope);
        return undefined;
      }
      case 'annassign':
        if (s.value) this.assign(s.target, evalExpr(this, s.value, scope), scope);
        return undefined;
      case 'if':
        for (const b of s.branches) {
          if (!b.test || this.truth(evalExpr(this, b.test, scope), b.test.from)) return this.execBlock(b.body, scope);
        }
        return undefined;
      case 'for':
        return this.execFor(s, scope);
      case 'while': {
        while (this.truth(evalExpr(this, s.test, scope), s.test.from)) {
          this.tick(s.from);
          const sig = this.execBlock(s.body, scope);
          if (sig === 'break') return undefined;
          if (sig && sig !== 'continue') return sig;
        }
        return this.execBlock(s.orelse, scope);
      }
      case 'break':
      case 'continue':
        return s.t;
      case 'pass':
        return undefined;
      case 'return':
        return { ret: s.value ? evalExpr(this, s.value, scope) : null };
      case 'def':
        return this.execDef(s, scope);
      case 'class':
        return this.execClass(s, scope);
      case 'import':
        for (const n of s.names) {
          const mod = this.host.importModule(n.module, n.span.from);
          const top = n.module.split('.')[0];
          scope.assign(n.asName ?? top, n.asName || top === n.module ? mod : this.host.importModule(top, n.span.from));
        }
        return undefined;
      case 'from':
        if (s.level > 0) throw new PyException('ImportError', 'attempted relative import with no known parent package', 'A DAG file is imported on its own: use absolute imports.', s.from);
        for (const n of s.names) {
          if (n.name === '*') throw new PyException('SyntaxError', "'import *' is not supported by the simulator", 'Import the names you use explicitly.', n.span.from);
          scope.assign(n.asName ?? n.name, this.host.importFrom(s.module, n.name, n.span.from, s.moduleSpan.from));
        }
        return undefined;
      case 'with':
        return this.execWith(s, scope, 0);
      case 'try':
        return this.execTry(s, scope);
      case 'raise':
        return this.execRaise(s, scope);
      case 'assert':
        if (!this.truth(evalExpr(this, s.test, scope), s.test.from)) {
          throw new PyException('AssertionError', s.msg ? str(evalExpr(this, s.msg, scope)) : '', null, s.from);
        }
        return undefined;
      case 'scope': {
        const set = s.kind === 'global' ? (scope.globalNames ??= new Set()) : (scope.nonlocalNames ??= new Set());
        for (const n of s.names) set.add(n);
        return undefined;
      }
      case 'del':
        for (const t of s.targets) this.deleteTarget(t, scope);
        return undefined;
      case 'unsupported':
        throw new PyException('SyntaxError', `${s.what} are not supported by the simulator`, null, s.from);
    }
  }

  truth(v: PyValue, at: number): boolean {
    if (v instanceof PyOpaque) {
      throw new PyException(
        'SimulatorLimitation',
        `the simulator cannot know the value of ${v.desc} while reading the file`,
        'DAG structure must not depend on values that only exist at run time (random numbers, network calls, files).',
        at,
      );
    }
    return truthy(v);
  }

  private execFor(s: Extract<Stmt, { t: 'for' }>, scope: Scope): Signal {
    const items = iterate(this, evalExpr(this, s.iter, scope), s.iter.from);
    for (const item of items) {
      this.tick(s.from);
      this.assign(s.target, item, scope);
      const sig = this.execBlock(s.body, scope);
      if (sig === 'break') return undefined;
      if (sig && sig !== 'continue') return sig;
    }
    return this.execBlock(s.orelse, scope);
  }

  private execDef(s: Extract<Stmt, { t: 'def' }>, scope: Scope): Signal {
    let fn: PyValue = this.makeFunction(s.name, s.params, s.body, scope, s.from, s.to, s.bodyFrom, s.decorators[0]?.from ?? s.from);
    for (let i = s.decorators.length - 1; i >= 0; i--) {
      const d = s.decorators[i];
      const deco = evalExpr(this, d.expr, scope);
      fn = this.call(deco, this.args([fn], d.from, d.from, d.to));
    }
    scope.assign(s.name, fn);
    return undefined;
  }

  makeFunction(name: string, params: Param[], body: Stmt[] | Extract<Stmt, { t: 'expr' }>['value'], scope: Scope, from: number, to: number, bodyFrom: number, decoratorFrom: number): PyFunction {
    const defaults = new Map<string, PyValue>();
    for (const p of params) if (p.default) defaults.set(p.name, evalExpr(this, p.default, scope));
    return new PyFunction({ name, params, body, defaults, closure: scope, from, to, bodyFrom, decoratorFrom });
  }

  private execClass(s: Extract<Stmt, { t: 'class' }>, scope: Scope): Signal {
    const bases = s.bases.filter((a) => a.kind === 'pos').map((a) => evalExpr(this, a.value, scope));
    const ns = new Scope(scope);
    this.execBlock(s.body, ns);
    scope.assign(s.name, new PyUserClass(s.name, bases, ns.vars));
    return undefined;
  }

  private execWith(s: Extract<Stmt, { t: 'with' }>, scope: Scope, i: number): Signal {
    if (i >= s.items.length) return this.execBlock(s.body, scope);
    const item = s.items[i];
    const ctx = evalExpr(this, item.expr, scope);
    const entered = this.host.enterContext(ctx, item.expr.from);
    try {
      if (item.asTarget) this.assign(item.asTarget, entered.value, scope);
      return this.execWith(s, scope, i + 1);
    } finally {
      entered.exit();
    }
  }

  private execTry(s: Extract<Stmt, { t: 'try' }>, scope: Scope): Signal {
    try {
      let sig: Signal;
      try {
        sig = this.execBlock(s.body, scope);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        const h = this.matchHandler(s.handlers, e, scope);
        if (!h) throw e;
        if (h.name) scope.assign(h.name, new PyExceptionInstance(e.type, e.message));
        this.handling.push(e);
        try {
          return this.execBlock(h.body, scope);
        } finally {
          this.handling.pop();
        }
      }
      if (sig) return sig;
      return this.execBlock(s.orelse, scope);
    } finally {
      if (s.finalbody.length) this.execBlock(s.finalbody, scope);
    }
  }

  private matchHandler(handlers: Handler[], e: PyException, scope: Scope): Handler | null {
    if (e.type === 'SimulatorLimitation') return null; // not a real Python exception: never swallow it
    for (const h of handlers) {
      if (!h.types) return h;
      const t = evalExpr(this, h.types, scope);
      const classes = t instanceof PyTuple ? t.items : [t];
      for (const c of classes) {
        if (c instanceof PyExceptionClass && isSubclass(e.type, c.name)) return h;
      }
    }
    return null;
  }

  private execRaise(s: Extract<Stmt, { t: 'raise' }>, scope: Scope): Signal {
    if (!s.exc) {
      const cur = this.handling[this.handling.length - 1];
      if (cur) throw cur;
      throw new PyException('RuntimeError', 'No active exception to reraise', null, s.from);
    }
    const v = evalExpr(this, s.exc, scope);
    if (v instanceof PyExceptionInstance) throw new PyException(v.cls, v.message, null, s.from);
    if (v instanceof PyExceptionClass) throw new PyException(v.name, '', null, s.from);
    throw new PyException('TypeError', 'exceptions must derive from BaseException', null, s.from);
  }

  // ---- assignment ----

  assign(t: Target, v: PyValue, scope: Scope): void {
    switch (t.t) {
      case 'name':
        scope.assign(t.id, v);
        return;
      case 'tuple':
        return this.unpack(t, v, scope);
      case 'starred':
        throw new PyException('SyntaxError', 'starred assignment target must be in a list or tuple', null, t.from);
      case 'attr': {
        const obj = evalExpr(this, t.obj, scope);
        if (this.host.setAttr(obj, t.name, v, t.from)) return;
        if (obj instanceof PyInstance) {
          obj.attrs.set(t.name, v);
          return;
        }
        if (obj instanceof PyOpaque) return;
        throw new PyException('AttributeError', `'${typeName(obj)}' object attribute '${t.name}' is read-only`, null, t.from);
      }
      case 'subscript': {
        const obj = evalExpr(this, t.obj, scope);
        const key = evalExpr(this, t.index, scope);
        if (obj instanceof PyDict) obj.set(key, v);
        else if (obj instanceof PyList) {
          if (typeof key !== 'number') throw new PyException('TypeError', `list indices must be integers or slices, not ${typeName(key)}`, null, t.from);
          const i = key < 0 ? obj.items.length + key : key;
          if (i < 0 || i >= obj.items.length) throw new PyException('IndexError', 'list assignment index out of range', null, t.from);
          obj.items[i] = v;
        } else if (!(obj instanceof PyOpaque)) {
          throw new PyException('TypeError', `'${typeName(obj)}' object does not support item assignment`, null, t.from);
        }
      }
    }
  }

  private unpack(t: Extract<Target, { t: 'tuple' }>, v: PyValue, scope: Scope): void {
    const items = iterate(this, v, t.from);
    const star = t.elts.findIndex((e) => e.t === 'starred');
    if (star < 0) {
      if (items.length !== t.elts.length) {
        const msg = items.length > t.elts.length ? `too many values to unpack (expected ${t.elts.length})` : `not enough values to unpack (expected ${t.elts.length}, got ${items.length})`;
        throw new PyException('ValueError', msg, null, t.from);
      }
      t.elts.forEach((e, i) => this.assign(e, items[i], scope));
      return;
    }
    const after = t.elts.length - star - 1;
    if (items.length < t.elts.length - 1) throw new PyException('ValueError', `not enough values to unpack (expected at least ${t.elts.length - 1}, got ${items.length})`, null, t.from);
    for (let i = 0; i < star; i++) this.assign(t.elts[i], items[i], scope);
    const st = t.elts[star] as Extract<Target, { t: 'starred' }>;
    this.assign(st.value, new PyList(items.slice(star, items.length - after)), scope);
    for (let i = 0; i < after; i++) this.assign(t.elts[star + 1 + i], items[items.length - after + i], scope);
  }

  private deleteTarget(t: Target, scope: Scope): void {
    if (t.t === 'name') {
      if (!scope.delete(t.id)) throw new PyException('NameError', `name '${t.id}' is not defined`, null, t.from);
    } else if (t.t === 'subscript') {
      const obj = evalExpr(this, t.obj, scope);
      const key = evalExpr(this, t.index, scope);
      if (obj instanceof PyDict) {
        if (!obj.delete(key)) throw new PyException('KeyError', repr(key), null, t.from);
      } else if (obj instanceof PyList && typeof key === 'number') {
        obj.items.splice(key < 0 ? obj.items.length + key : key, 1);
      }
    } else if (t.t === 'tuple') {
      for (const e of t.elts) this.deleteTarget(e, scope);
    }
  }

  // ---- calls ----

  args(pos: PyValue[], at: number, callFrom = at, callTo = at): CallArgs {
    return { pos, kw: new Map(), at, posAt: pos.map(() => at), kwAt: new Map(), callFrom, callTo };
  }

  call(fn: PyValue, a: CallArgs): PyValue {
    if (fn instanceof PyNative) return fn.impl(a);
    if (fn instanceof PyFunction) return this.callFunction(fn, a, null);
    if (fn instanceof PyNativeClass) {
      if (!fn.impl) throw new PyException('TypeError', `cannot create '${fn.name}' instances`, null, a.at);
      return fn.impl(a);
    }
    if (fn instanceof PyBoundMethod) return this.callFunction(fn.fn, a, fn.self);
    if (fn instanceof PyExceptionClass) return new PyExceptionInstance(fn.name, a.pos.length ? str(a.pos[0]) : '');
    if (fn instanceof PyUserClass) return this.host.instantiate(fn, a) ?? this.instantiate(fn, a);
    if (fn instanceof PyOpaque) return new PyOpaque(fn.desc.endsWith('()') ? fn.desc : `${fn.desc}()`);
    const hosted = this.host.call(fn, a);
    if (hosted !== undefined) return hosted;
    throw new PyException('TypeError', `'${typeName(fn)}' object is not callable`, null, a.at);
  }

  private instantiate(cls: PyUserClass, a: CallArgs): PyValue {
    const obj = new PyInstance(cls);
    const init = cls.attrs.get('__init__');
    if (init instanceof PyFunction) this.callFunction(init, a, obj);
    return obj;
  }

  callFunction(fn: PyFunction, a: CallArgs, self: PyValue | null): PyValue {
    if (this.depth >= MAX_CALL_DEPTH) throw new PyException('RecursionError', 'maximum recursion depth exceeded', 'A function in the file calls itself without end.', a.at);
    const info = fn.info;
    const scope = new Scope(info.closure as Scope);
    this.bind(info.name, info.params, info.defaults, self === null ? a.pos : [self, ...a.pos], a, scope);
    this.depth++;
    try {
      if (Array.isArray(info.body)) {
        const sig = this.execBlock(info.body, scope);
        return sig && typeof sig === 'object' ? sig.ret : null;
      }
      return evalExpr(this, info.body, scope);
    } finally {
      this.depth--;
    }
  }

  bind(name: string, params: Param[], defaults: Map<string, PyValue>, pos: PyValue[], a: CallArgs, scope: Scope): void {
    bindArgs(name, params, defaults, pos, a, scope);
  }
}

function targetAsExpr(t: Target): Extract<Stmt, { t: 'expr' }>['value'] {
  switch (t.t) {
    case 'name':
      return t;
    case 'attr':
      return { from: t.from, to: t.to, t: 'attr', obj: t.obj, name: t.name, nameSpan: { from: t.from, to: t.to } };
    case 'subscript':
      return t;
    default:
      throw new PyException('SyntaxError', "'tuple' is an illegal expression for augmented assignment", null, t.from);
  }
}
