// Tokens of the bash subset (bashSyntax.ts parses them): words with their quoting and
// expansions ($x ${x:-y} $(...) $((...)) `...`), operators, newlines.

export type Part =
  | { k: 'lit'; text: string; quoted: boolean }
  | { k: 'param'; name: string; op: ParamOp | null; arg: Word | null; quoted: boolean }
  | { k: 'cmd'; src: string; line: number; quoted: boolean }
  | { k: 'arith'; expr: string; quoted: boolean };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#';

export interface Word {
  parts: Part[];
  line: number;
}

/** A bash syntax error; `lines` are what bash prints (without the trailing newline). */
export class BashSyntaxError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export type Tok =
  | { t: 'word'; w: Word; raw: string; line: number }
  | { t: 'op'; op: string; fd: number | null; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

export const META = ' \t\n;&|()<>';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

export class Lexer {
  pos = 0;
  line = 1;
  /** where the token being lexed starts (after blanks and comments) */
  tokStart = 0;

  constructor(readonly src: string) {}

  advanceTo(end: number): void {
    for (let i = this.pos; i < end; i++) if (this.src[i] === '\n') this.line++;
    this.pos = end;
  }

  skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.advanceTo(this.pos + 2);
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  lex(): Tok {
    this.skipBlanks();
    this.tokStart = this.pos;
    const line = this.line;
    if (this.pos >= this.src.length) return { t: 'eof', line };
    const c = this.src[this.pos];
    if (c === '\n') {
      this.advanceTo(this.pos + 1);
      return { t: 'nl', line };
    }
    const fdMatch = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (fdMatch) {
      this.pos += fdMatch[1].length;
      return { ...this.lexOp(line), fd: Number(fdMatch[1]) };
    }
    if (META.includes(c)) return this.lexOp(line);
    const start = this.pos;
    const w = this.lexWord();
    return { t: 'word', w, raw: this.src.slice(start, this.pos), line };
  }

  private lexOp(line: number): Extract<Tok, { t: 'op' }> {
    for (const op of ['&>>', '<<<', '&&', '||', ';;', '>>', '>&', '<&', '&>', '<<', ';', '&', '|', '(', ')', '<', '>']) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        if (op === '<<') notModelled('here-documents (<<)', line);
        return { t: 'op', op, fd: null, line };
      }
    }
    throw new Error(`unreachable: operator at ${this.pos}`);
  }

  private lexWord(): Word {
    const line = this.line;
    const parts: Part[] = [];
    const lit = (text: string, quoted: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.k === 'lit' && last.quoted === quoted) last.text += text;
      else parts.push({ k: 'lit', text, quoted });
    };
    while (this.pos < this.src.length && !META.includes(this.src[this.pos])) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.advanceTo(this.pos + 2);
        } else if (n === undefined) {
          lit('\\', false);
          this.pos++;
        } else {
          lit(n, true);
          this.pos += 2;
        }
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.unterminated("'", line);
        lit(this.src.slice(this.pos + 1, end), true);
        this.advanceTo(end + 1);
      } else if (c === '"') {
        this.pos++;
        this.lexDoubleQuoted(parts, line);
      } else if (c === '$' || c === '`') {
        const p = this.lexDollar(false);
        if (p) {
          parts.push(p);
        } else {
          lit('$', false);
          this.pos++;
        }
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return { parts, line };
  }

  private lexDoubleQuoted(parts: Part[], line: number): void {
    let buf = '';
    const flush = (): void => {
      if (buf) parts.push({ k: 'lit', text: buf, quoted: true });
      buf = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) this.unterminated('"', line);
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        flush();
        if (parts.length === 0 || !parts.some((p) => p.quoted)) parts.push({ k: 'lit', text: '', quoted: true });
        return;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.src[this.pos + 1] ?? '')) {
        if (this.src[this.pos + 1] !== '\n') buf += this.src[this.pos + 1];
        this.advanceTo(this.pos + 2);
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.lexDollar(true);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === '\n') this.line++;
      buf += c;
      this.pos++;
    }
  }

  /** $name, ${...}, $(...), $((...)), `...`, $'...'; null when the `$` is literal. */
  private lexDollar(quoted: boolean): Part | null {
    const s = this.src;
    const line = this.line;
    if (s[this.pos] === '`') {
      const end = s.indexOf('`', this.pos + 1);
      if (end < 0) this.unterminated('`', line);
      const src = s.slice(this.pos + 1, end);
      this.advanceTo(end + 1);
      return { k: 'cmd', src, line, quoted };
    }
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const end = findArithEnd(s, this.pos + 3);
      if (end < 0) this.unterminated(')', line);
      const expr = s.slice(this.pos + 3, end);
      this.advanceTo(end + 2);
      return { k: 'arith', expr, quoted };
    }
    if (n === '(') {
      const end = findClose(s, this.pos + 2, '(', ')');
      if (end < 0) this.unterminated(')', line);
      const src = s.slice(this.pos + 2, end);
      this.advanceTo(end + 1);
      return { k: 'cmd', src, line, quoted };
    }
    if (n === '{') return this.lexBraceParam(quoted, line);
    if (n === "'" && !quoted) {
      const end = s.indexOf("'", this.pos + 2);
      if (end < 0) this.unterminated("'", line);
      const text = ansiC(s.slice(this.pos + 2, end));
      this.advanceTo(end + 1);
      return { k: 'lit', text, quoted: true };
    }
    const name = NAME_RE.exec(s.slice(this.pos + 1))?.[0] ?? (n !== undefined && '?$#@*0123456789-!'.includes(n) ? n : null);
    if (!name) return null;
    this.pos += 1 + name.length;
    return { k: 'param', name, op: null, arg: null, quoted };
  }

  private lexBraceParam(quoted: boolean, line: number): Part {
    const s = this.src;
    const end = findClose(s, this.pos + 2, '{', '}');
    if (end < 0) this.unterminated('}', line);
    const body = s.slice(this.pos + 2, end);
    this.advanceTo(end + 1);
    if (body.startsWith('#') && /^#[A-Za-z_][A-Za-z0-9_]*$/.test(body)) {
      return { k: 'param', name: body.slice(1), op: '#', arg: null, quoted };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*0-9!])(?:(:-|-|:=|=|:\+|\+|:\?|\?)([\s\S]*))?$/.exec(body);
    if (!m) throw new BashSyntaxError([`bash: line ${line}: \${${body}}: bad substitution`]);
    const arg = m[2] ? new Lexer(m[3]).wordFrom(m[3], line) : null;
    return { k: 'param', name: m[1], op: (m[2] as ParamOp | undefined) ?? null, arg, quoted };
  }

  /** Text lexed as if between double quotes (for arithmetic expressions). */
  static quoted(text: string, line: number): Word {
    const p = new Lexer(text + '"');
    p.line = line;
    const parts: Part[] = [];
    p.lexDoubleQuoted(parts, line);
    return { parts, line };
  }

  /** The default-value text of ${x:-text} as one word (quotes honoured, no splitting into words). */
  private wordFrom(text: string, line: number): Word {
    this.line = line;
    const parts: Part[] = [];
    while (this.pos < text.length) {
      const w = this.lexWordAllowingBlanks();
      parts.push(...w.parts);
    }
    return { parts, line };
  }

  private lexWordAllowingBlanks(): Word {
    const c = this.src[this.pos];
    if (META.includes(c)) {
      this.pos++;
      return { parts: [{ k: 'lit', text: c, quoted: false }], line: this.line };
    }
    return this.lexWord();
  }

  private unterminated(quote: string, line: number): never {
    throw new BashSyntaxError([`bash: -c: line ${line}: unexpected EOF while looking for matching \`${quote}'`]);
  }
}

export /** Valid bash the simulator does not interpret: say so plainly instead of pretending it is an error. */
function notModelled(what: string, line: number): never {
  throw new BashSyntaxError([`simulator: line ${line}: ${what} are not modelled by the simulator's bash; see the list of supported commands`]);
}

export /** Index of the `close` matching an already-open `open` (quotes skipped), or -1. */
function findClose(s: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) return -1;
      i = e;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `))` closing an arithmetic expression opened with `((`, or -1. */
export function findArithEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') {
      if (depth === 0) return s[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** $'...' escapes. */
function ansiC(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
  return s.replace(/\\(.)/g, (m, c: string) => map[c] ?? m);
}
