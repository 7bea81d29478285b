// Bash arithmetic ($((...)) and ((...))): 64-bit signed integers, C operators and precedence,
// variables by bare name, assignment and ++/--. Parameter expansion happens before (in bash.ts).

export class ArithError extends Error {}

/** Variable access for the evaluator: string values as bash stores them. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Ast =
  | { k: 'num'; v: bigint }
  | { k: 'var'; name: string }
  | { k: 'un'; op: string; a: Ast }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; name: string }
  | { k: 'bin'; op: string; a: Ast; b: Ast; text: string }
  | { k: 'assign'; op: string; name: string; b: Ast }
  | { k: 'cond'; c: Ast; a: Ast; b: Ast }
  | { k: 'comma'; a: Ast; b: Ast };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')', ','];

const BIN: Array<[ops: string[], right: boolean]> = [
  [['||'], false],
  [['&&'], false],
  [['|'], false],
  [['^'], false],
  [['&'], false],
  [['==', '!='], false],
  [['<', '<=', '>', '>='], false],
  [['<<', '>>'], false],
  [['+', '-'], false],
  [['*', '/', '%'], false],
  [['**'], true],
];

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

class ArithParser {
  private toks: Array<{ t: string; at: number }> = [];
  private i = 0;

  constructor(private readonly src: string) {
    const re = /\s*(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\S)/y;
    let m: RegExpExecArray | null;
    while ((m = re.exec(src))) {
      let t = m[1];
      const at = m.index + m[0].length - t.length;
      const op = OPS.find((o) => src.startsWith(o, at));
      if (op && !/^[\w]/.test(t)) {
        t = op;
        re.lastIndex = at + op.length;
      }
      this.toks.push({ t, at });
    }
  }

  parse(): Ast {
    if (this.toks.length === 0) return { k: 'num', v: 0n };
    const e = this.comma();
    if (this.i < this.toks.length) this.fail(this.toks[this.i].at, 'syntax error in expression');
    return e;
  }

  private peek(): string | undefined {
    return this.toks[this.i]?.t;
  }

  private fail(at: number, what: string): never {
    // at the end of the input bash names the last token it read
    const token = at >= this.src.length ? (this.toks[this.toks.length - 1]?.t ?? '') : this.src.slice(at).trim();
    throw new ArithError(`${this.src.trim()}: ${what} (error token is "${token}")`);
  }

  private comma(): Ast {
    let a = this.assign();
    while (this.peek() === ',') {
      this.i++;
      a = { k: 'comma', a, b: this.assign() };
    }
    return a;
  }

  private assign(): Ast {
    const t = this.toks[this.i];
    const op = this.toks[this.i + 1]?.t;
    if (t && /^[A-Za-z_]/.test(t.t) && op && /^([-+*/%&|^]|<<|>>)?=$/.test(op)) {
      this.i += 2;
      return { k: 'assign', op, name: t.t, b: this.assign() };
    }
    return this.ternary();
  }

  private ternary(): Ast {
    const c = this.binary(0);
    if (this.peek() !== '?') return c;
    this.i++;
    const a = this.assign();
    if (this.peek() !== ':') this.fail(this.toks[this.i]?.at ?? this.src.length, "expected `:' for conditional expression");
    this.i++;
    return { k: 'cond', c, a, b: this.assign() };
  }

  private binary(level: number): Ast {
    if (level >= BIN.length) return this.unary();
    const [ops, right] = BIN[level];
    let a = this.binary(level + 1);
    while (ops.includes(this.peek() ?? '')) {
      const op = this.toks[this.i++].t;
      const rstart = this.toks[this.i]?.at ?? this.src.length;
      const b = right ? this.binary(level) : this.binary(level + 1);
      a = { k: 'bin', op, a, b, text: this.src.slice(rstart).trim() };
    }
    return a;
  }

  private unary(): Ast {
    const t = this.peek();
    if (t === '++' || t === '--') {
      this.i++;
      const name = this.peek();
      if (!name || !/^[A-Za-z_]/.test(name)) this.fail(this.toks[this.i]?.at ?? this.src.length, 'syntax error: operand expected');
      this.i++;
      return { k: 'incdec', op: t, prefix: true, name };
    }
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      this.i++;
      return { k: 'un', op: t, a: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Ast {
    const tok = this.toks[this.i];
    if (!tok) this.fail(this.src.length, 'syntax error: operand expected');
    if (tok.t === '(') {
      this.i++;
      const e = this.comma();
      if (this.peek() !== ')') this.fail(this.toks[this.i]?.at ?? this.src.length, 'missing `)\'');
      this.i++;
      return e;
    }
    if (/^[A-Za-z_]/.test(tok.t)) {
      this.i++;
      const n = this.peek();
      if (n === '++' || n === '--') {
        this.i++;
        return { k: 'incdec', op: n, prefix: false, name: tok.t };
      }
      return { k: 'var', name: tok.t };
    }
    if (/^\d/.test(tok.t)) {
      this.i++;
      return { k: 'num', v: parseNumber(tok.t, () => this.fail(tok.at, 'value too great for base')) };
    }
    return this.fail(tok.at, 'syntax error: operand expected');
  }
}

function parseNumber(t: string, bad: () => never): bigint {
  if (/^0[xX]/.test(t)) return wrap(BigInt(t));
  const based = /^(\d+)#(.+)$/.exec(t);
  if (based) {
    const base = Number(based[1]);
    let v = 0n;
    for (const ch of based[2]) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= base) bad();
      v = v * BigInt(base) + BigInt(d);
    }
    return wrap(v);
  }
  if (t.length > 1 && t.startsWith('0')) {
    if (!/^[0-7]+$/.test(t)) bad();
    return wrap(BigInt('0o' + t.slice(1)));
  }
  return wrap(BigInt(t));
}

class Evaluator {
  private depth = 0;
  constructor(
    private readonly vars: ArithVars,
    private readonly expr: string,
  ) {}

  /** A variable's value, itself evaluated as an expression (bash does this); unset or empty is 0. */
  private read(name: string): bigint {
    const raw = (this.vars.get(name) ?? '').trim();
    if (raw === '') return 0n;
    if (/^-?\d+$/.test(raw)) return wrap(BigInt(raw));
    if (++this.depth > 64) throw new ArithError(`${name}: expression recursion level exceeded`);
    try {
      return new Evaluator(this.vars, raw).evalNested(new ArithParser(raw).parse(), this.depth);
    } finally {
      this.depth--;
    }
  }

  evalNested(n: Ast, depth: number): bigint {
    this.depth = depth;
    return this.eval(n);
  }

  eval(n: Ast): bigint {
    switch (n.k) {
      case 'num': return n.v;
      case 'var': return this.read(n.name);
      case 'comma': this.eval(n.a); return this.eval(n.b);
      case 'cond': return this.eval(n.c) !== 0n ? this.eval(n.a) : this.eval(n.b);
      case 'un': {
        const a = this.eval(n.a);
        if (n.op === '-') return wrap(-a);
        if (n.op === '!') return a === 0n ? 1n : 0n;
        if (n.op === '~') return wrap(~a);
        return a;
      }
      case 'incdec': {
        const old = this.read(n.name);
        const v = wrap(n.op === '++' ? old + 1n : old - 1n);
        this.vars.set(n.name, String(v));
        return n.prefix ? v : old;
      }
      case 'assign': {
        const b = this.eval(n.b);
        const v = n.op === '=' ? b : this.apply(n.op.slice(0, -1), this.read(n.name), b, String(b));
        this.vars.set(n.name, String(v));
        return v;
      }
      case 'bin': {
        if (n.op === '&&') return this.eval(n.a) !== 0n && this.eval(n.b) !== 0n ? 1n : 0n;
        if (n.op === '||') return this.eval(n.a) !== 0n || this.eval(n.b) !== 0n ? 1n : 0n;
        return this.apply(n.op, this.eval(n.a), this.eval(n.b), n.text);
      }
    }
  }

  /** `token` is the source text of the right operand, for bash's "(error token is ...)". */
  private apply(op: string, a: bigint, b: bigint, token: string): bigint {
    const fail = (what: string): never => {
      throw new ArithError(`${this.expr.trim()}: ${what} (error token is "${token}")`);
    };
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/': case '%':
        if (b === 0n) fail('division by 0');
        return wrap(op === '/' ? a / b : a % b); // BigInt division truncates toward zero, like C
      case '**':
        if (b < 0n) fail('exponent less than 0');
        return wrap(a ** b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      default: return fail('syntax error: invalid arithmetic operator');
    }
  }
}

/** Evaluate an already-expanded arithmetic expression. Throws ArithError with bash's message text. */
export function evalArith(expr: string, vars: ArithVars): bigint {
  return new Evaluator(vars, expr).eval(new ArithParser(expr).parse());
}
