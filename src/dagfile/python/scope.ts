// Name resolution: function scopes chained to their defining scope, then module globals, then builtins.

import type { PyValue } from './values.ts';

export class Scope {
  readonly vars = new Map<string, PyValue>();
  globalNames: Set<string> | null = null;
  nonlocalNames: Set<string> | null = null;

  constructor(
    /** the enclosing scope (null for the module scope) */
    readonly parent: Scope | null,
  ) {}

  get module(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }

  lookup(name: string): PyValue | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }

  assign(name: string, value: PyValue): void {
    if (this.globalNames?.has(name)) {
      this.module.vars.set(name, value);
      return;
    }
    if (this.nonlocalNames?.has(name)) {
      for (let s = this.parent; s; s = s.parent) {
        if (s.vars.has(name)) {
          s.vars.set(name, value);
          return;
        }
      }
    }
    this.vars.set(name, value);
  }

  delete(name: string): boolean {
    if (this.globalNames?.has(name)) return this.module.vars.delete(name);
    return this.vars.delete(name);
  }

  /** every visible name (for "Did you mean") */
  names(): string[] {
    const out = new Set<string>();
    for (let s: Scope | null = this; s; s = s.parent) for (const k of s.vars.keys()) out.add(k);
    return [...out];
  }
}
