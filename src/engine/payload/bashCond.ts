// `[[ ... ]]`: && || ! ( ), string tests with glob patterns on the right of == and !=, =~ regexes,
// < > on strings, arithmetic comparisons (-eq ...), and unary tests (-z -n -v; file tests are false).
import { ArithError } from './bashArith.ts';
import { unaryTest } from './bashTest.ts';
import type { Word } from './bashSyntax.ts';

export interface CondCtx {
  expand(w: Word): string;
  pattern(w: Word): RegExp;
  /** an operand of -eq etc., evaluated as an arithmetic expression (bash does this inside [[ ]]) */
  arith(text: string): bigint;
  isSet(name: string): boolean;
  line: number;
  err(text: string): void;
}

type Arg = Word | { op: string };

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-v']);
const ARITH = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class CondError extends Error {}

/** The operator text of an unquoted single-literal word or an operator token, else null. */
function opText(a: Arg | undefined): string | null {
  if (!a) return null;
  if ('op' in a) return a.op;
  const p = a.parts;
  return p.length === 1 && p[0].k === 'lit' && !p[0].quoted ? p[0].text : null;
}

class CondParser {
  private i = 0;
  constructor(private readonly args: Arg[], private readonly ctx: CondCtx) {}

  run(): boolean {
    const v = this.or();
    if (this.i < this.args.length) throw new CondError(`syntax error in conditional expression: unexpected token \`${opText(this.args[this.i]) ?? '?'}'`);
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (opText(this.args[this.i]) === '||') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (opText(this.args[this.i]) === '&&') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (opText(this.args[this.i]) === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private word(): Word {
    const a = this.args[this.i++];
    if (!a || 'op' in a) throw new CondError('unexpected argument in conditional expression');
    return a;
  }

  private primary(): boolean {
    const t = opText(this.args[this.i]);
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (opText(this.args[this.i]) !== ')') throw new CondError("expected `)'");
      this.i++;
      return v;
    }
    if (t !== null && UNARY.has(t) && this.i + 1 < this.args.length) {
      this.i++;
      return unaryTest(t, this.ctx.expand(this.word()), { isSet: this.ctx.isSet } as never);
    }
    const left = this.word();
    const op = opText(this.args[this.i]);
    if (op === null || ['&&', '||', ')'].includes(op)) return this.ctx.expand(left) !== '';
    this.i++;
    const l = this.ctx.expand(left);
    switch (op) {
      case '==': case '=': return this.ctx.pattern(this.word()).test(l);
      case '!=': return !this.ctx.pattern(this.word()).test(l);
      case '=~': return new RegExp(this.ctx.expand(this.word())).test(l);
      case '<': return l < this.ctx.expand(this.word());
      case '>': return l > this.ctx.expand(this.word());
    }
    if (ARITH.has(op)) {
      const a = this.ctx.arith(l);
      const b = this.ctx.arith(this.ctx.expand(this.word()));
      return { '-eq': a === b, '-ne': a !== b, '-lt': a < b, '-le': a <= b, '-gt': a > b, '-ge': a >= b }[op] as boolean;
    }
    throw new CondError(`conditional binary operator expected`);
  }
}

/** Exit status of a [[ ]] command: 0 true, 1 false, 2 on a malformed expression. */
export function evalCond(args: Arg[], ctx: CondCtx): number {
  try {
    return new CondParser(args, ctx).run() ? 0 : 1;
  } catch (e) {
    if (e instanceof CondError || e instanceof ArithError || e instanceof SyntaxError) {
      ctx.err(`bash: line ${ctx.line}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
