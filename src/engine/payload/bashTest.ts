// `test` and `[`: POSIX test by number of arguments (bash's test.c), -a -o ! ( ) beyond four.
// The simulated worker has no files, so file tests (-e -f -d ...) are false.
import type { CmdCtx, Command } from './bashBuiltins.ts';

class TestError extends Error {}

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-p', '-S', '-b', '-c', '-g', '-u', '-k', '-O', '-G', '-N', '-t', '-v', '-o']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function toInt(s: string, name: string): bigint {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${name}: ${s}: integer expression expected`);
  return BigInt(t);
}

/** A unary file/string test. The simulated worker has no files, so file tests are false. */
export function unaryTest(op: string, a: string, ctx: CmdCtx): boolean {
  if (op === '-z') return a === '';
  if (op === '-n') return a !== '';
  if (op === '-v') return ctx.isSet(a);
  if (op === '-t') return false;
  return false; // -e, -f, -d ...: no such file in the simulated worker
}

export function binaryTest(op: string, a: string, b: string, name: string): boolean {
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return toInt(a, name) === toInt(b, name);
    case '-ne': return toInt(a, name) !== toInt(b, name);
    case '-lt': return toInt(a, name) < toInt(b, name);
    case '-le': return toInt(a, name) <= toInt(b, name);
    case '-gt': return toInt(a, name) > toInt(b, name);
    case '-ge': return toInt(a, name) >= toInt(b, name);
    default: return false; // -nt, -ot, -ef on files that do not exist
  }
}

/** POSIX test, by number of arguments (bash's test.c posixtest), then -a/-o/!/() beyond four. */
function evalTest(a: string[], name: string, ctx: CmdCtx): boolean {
  switch (a.length) {
    case 0: return false;
    case 1: return a[0] !== '';
    case 2:
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0])) return unaryTest(a[0], a[1], ctx);
      throw new TestError(`${name}: ${a[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(a[1])) return binaryTest(a[1], a[0], a[2], name);
      if (a[1] === '-a') return a[0] !== '' && a[2] !== '';
      if (a[1] === '-o') return a[0] !== '' || a[2] !== '';
      if (a[0] === '!') return !evalTest(a.slice(1), name, ctx);
      if (a[0] === '(' && a[2] === ')') return a[1] !== '';
      throw new TestError(`${name}: ${a[1]}: binary operator expected`);
    case 4:
      if (a[0] === '!') return !evalTest(a.slice(1), name, ctx);
      if (a[0] === '(' && a[3] === ')') return evalTest(a.slice(1, 3), name, ctx);
      return new TestExpr(a, name, ctx).run();
    default:
      return new TestExpr(a, name, ctx).run();
  }
}

/** The general test grammar: expr := and ('-o' and)*; and := not ('-a' not)*; not := '!' not | primary. */
class TestExpr {
  private i = 0;
  constructor(private readonly a: string[], private readonly name: string, private readonly ctx: CmdCtx) {}
  run(): boolean {
    const v = this.or();
    if (this.i < this.a.length) throw new TestError(`${this.name}: too many arguments`);
    return v;
  }
  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') {
      this.i++;
      v = this.and() || v;
    }
    return v;
  }
  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') {
      this.i++;
      v = this.not() && v;
    }
    return v;
  }
  private not(): boolean {
    if (this.a[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }
  private primary(): boolean {
    const a = this.a;
    if (a[this.i] === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError(`${this.name}: \`)' expected`);
      this.i++;
      return v;
    }
    if (this.i + 2 < a.length && BINARY.has(a[this.i + 1])) {
      const v = binaryTest(a[this.i + 1], a[this.i], a[this.i + 2], this.name);
      this.i += 3;
      return v;
    }
    if (UNARY.has(a[this.i]) && this.i + 1 < a.length) {
      const v = unaryTest(a[this.i], a[this.i + 1], this.ctx);
      this.i += 2;
      return v;
    }
    return (a[this.i++] ?? '') !== '';
  }
}

export function testCommand(name: 'test' | '['): Command {
  return (args, io, ctx) => {
    let a = args;
    if (name === '[') {
      if (a[a.length - 1] !== ']') {
        io.err(`bash: line ${ctx.line}: [: missing \`]'\n`);
        return 2;
      }
      a = a.slice(0, -1);
    }
    try {
      return evalTest(a, name, ctx) ? 0 : 1;
    } catch (e) {
      if (!(e instanceof TestError)) throw e;
      io.err(`bash: line ${ctx.line}: ${e.message}\n`);
      return 2;
    }
  };
}
