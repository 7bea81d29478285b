// Parser for the bash subset the simulator interprets (see bash.ts for the list). It reads one
// top-level line at a time, as `bash -c` does, so commands before a syntax error still run.

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

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<<';
  target: Word;
}

export type Node =
  | { t: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirs: Redirect[]; line: number }
  | { t: 'pipeline'; neg: boolean; cmds: Node[]; line: number }
  | { t: 'andor'; first: Node; rest: Array<{ op: '&&' | '||'; node: Node }> }
  | { t: 'list'; items: Node[] }
  | { t: 'if'; clauses: Array<{ cond: Node; body: Node }>; else_: Node | null; redirs: Redirect[] }
  | { t: 'for'; name: string; words: Word[] | null; body: Node; redirs: Redirect[]; line: number }
  | { t: 'while'; until: boolean; cond: Node; body: Node; redirs: Redirect[] }
  | { t: 'group'; subshell: boolean; body: Node; redirs: Redirect[] }
  | { t: 'arith'; expr: string; line: number }
  | { t: 'cond'; args: Array<Word | { op: string }>; line: number };

/** A bash syntax error; `lines` are what bash prints (without the trailing newline). */
export class BashSyntaxError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

type Tok =
  | { t: 'word'; w: Word; raw: string; line: number }
  | { t: 'op'; op: string; fd: number | null; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!', '[[', ']]']);
const META = ' \t\n;&|()<>';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

export class Parser {
  private pos = 0;
  private line = 1;
  private peeked: { tok: Tok; start: number; end: number; endLine: number } | null = null;
  /** where the token being lexed starts (after blanks and comments) */
  private tokStart = 0;

  constructor(private readonly src: string) {}

  /** The next top-level complete command (up to an unnested newline), or null at the end. */
  next(): Node | null {
    this.skipNewlines();
    if (this.peek().t === 'eof') return null;
    const items: Node[] = [this.andOr()];
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && (tok.op === ';' || tok.op === '&')) {
        this.take();
        const after = this.peek();
        if (after.t === 'nl' || after.t === 'eof') break;
        items.push(this.andOr());
        continue;
      }
      if (tok.t === 'nl' || tok.t === 'eof') break;
      this.unexpected(tok);
    }
    return { t: 'list', items };
  }

  // ---- grammar -------------------------------------------------------------------------

  /** A list inside a compound command, ended by one of `stops` (reserved words) or `)`. */
  private compoundList(stops: string[]): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.t === 'eof') this.eof();
      if (this.isReserved(tok, stops) || (tok.t === 'op' && tok.op === ')')) break;
      items.push(this.andOr());
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) this.take();
      else if (sep.t !== 'nl' && !this.isReserved(sep, stops) && !(sep.t === 'op' && sep.op === ')')) this.unexpected(sep);
    }
    if (items.length === 0) this.unexpected(this.peek());
    return { t: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: Array<{ op: '&&' | '||'; node: Node }> = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t !== 'op' || (tok.op !== '&&' && tok.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: tok.op, node: this.pipeline() });
    }
    return rest.length ? { t: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    const line = this.peek().line;
    let neg = false;
    if (this.isReserved(this.peek(), ['!'])) {
      this.take();
      neg = true;
    }
    const cmds = [this.command()];
    for (;;) {
      const tok = this.peek();
      if (tok.t !== 'op' || tok.op !== '|') break;
      this.take();
      this.skipNewlines();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !neg ? cmds[0] : { t: 'pipeline', neg, cmds, line };
  }

  private command(): Node {
    const { tok: first, start } = this.peekFull();
    if (first.t === 'op' && first.op === '(' && this.src.startsWith('((', start)) {
      this.peeked = null;
      this.pos = start;
      return this.arithCommand();
    }
    const tok = this.peek();
    if (tok.t === 'word' && this.plainText(tok.w) !== null) {
      switch (this.plainText(tok.w)) {
        case 'if': return this.withRedirs(this.ifClause());
        case 'for': return this.withRedirs(this.forClause());
        case 'while': case 'until': return this.withRedirs(this.whileClause());
        case '{': return this.withRedirs(this.group());
        case '[[': return this.condCommand();
      }
      if (tok.raw === 'case' || tok.raw === 'select' || tok.raw === 'function') {
        notModelled({ case: '`case` statements', select: '`select` loops', function: 'function definitions' }[tok.raw] as string, tok.line);
      }
      if (RESERVED.has(tok.raw)) this.unexpected(tok);
    }
    if (tok.t === 'op' && tok.op === '(') return this.withRedirs(this.subshell());
    return this.simple();
  }

  private simple(): Node {
    const line = this.peek().line;
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && isRedirOp(tok.op)) {
        redirs.push(this.redirect());
        continue;
      }
      if (tok.t !== 'word') break;
      this.take();
      const next = this.peekFull();
      if (next.tok.t === 'op' && next.tok.op === '(' && next.start === this.pos) {
        notModelled(/=$/.test(tok.raw) ? 'arrays' : 'function definitions', tok.line);
      }
      const asg = words.length === 0 ? splitAssignment(tok.w) : null;
      if (asg) assigns.push(asg);
      else words.push(tok.w);
    }
    if (assigns.length === 0 && words.length === 0 && redirs.length === 0) this.unexpected(this.peek());
    return { t: 'simple', assigns, words, redirs, line };
  }

  private redirect(): Redirect {
    const tok = this.take() as Extract<Tok, { t: 'op' }>;
    const target = this.peek();
    if (target.t !== 'word') this.unexpected(target);
    this.take();
    const op = tok.op as Redirect['op'];
    const fd = tok.fd ?? (op.startsWith('<') ? 0 : 1);
    return { fd, op, target: (target as Extract<Tok, { t: 'word' }>).w };
  }

  private withRedirs<T extends Node & { redirs: Redirect[] }>(node: T): T {
    for (;;) {
      const tok = this.peek();
      if (tok.t !== 'op' || !isRedirOp(tok.op)) return node;
      node.redirs.push(this.redirect());
    }
  }

  private ifClause(): Node & { t: 'if' } {
    this.take(); // if
    const clauses: Array<{ cond: Node; body: Node }> = [];
    let else_: Node | null = null;
    for (;;) {
      const cond = this.compoundList(['then']);
      this.expectReserved('then');
      const body = this.compoundList(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      const kw = this.take() as Extract<Tok, { t: 'word' }>;
      if (kw.raw === 'elif') continue;
      if (kw.raw === 'else') {
        else_ = this.compoundList(['fi']);
        this.expectReserved('fi');
      }
      return { t: 'if', clauses, else_, redirs: [] };
    }
  }

  private forClause(): Node & { t: 'for' } {
    const line = this.take().line; // for
    const nameTok = this.peek();
    const name = nameTok.t === 'word' ? this.plainText(nameTok.w) : null;
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.unexpected(nameTok);
    this.take();
    let words: Word[] | null = null;
    this.skipNewlines();
    if (this.isReserved(this.peek(), ['in'])) {
      this.take();
      words = [];
      for (let tok = this.peek(); tok.t === 'word'; tok = this.peek()) {
        words.push(tok.w);
        this.take();
      }
      const sep = this.peek();
      if (sep.t === 'op' && sep.op === ';') this.take();
      else if (sep.t !== 'nl') this.unexpected(sep);
    } else if (this.peek().t === 'op' && (this.peek() as { op: string }).op === ';') {
      this.take();
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.compoundList(['done']);
    this.expectReserved('done');
    return { t: 'for', name: name as string, words, body, redirs: [], line };
  }

  private whileClause(): Node & { t: 'while' } {
    const kw = this.take() as Extract<Tok, { t: 'word' }>;
    const cond = this.compoundList(['do']);
    this.expectReserved('do');
    const body = this.compoundList(['done']);
    this.expectReserved('done');
    return { t: 'while', until: kw.raw === 'until', cond, body, redirs: [] };
  }

  private group(): Node & { t: 'group' } {
    this.take(); // {
    const body = this.compoundList(['}']);
    this.expectReserved('}');
    return { t: 'group', subshell: false, body, redirs: [] };
  }

  private subshell(): Node & { t: 'group' } {
    this.take(); // (
    const body = this.compoundList([]);
    const close = this.peek();
    if (close.t !== 'op' || close.op !== ')') this.unexpected(close);
    this.take();
    return { t: 'group', subshell: true, body, redirs: [] };
  }

  private arithCommand(): Node {
    const line = this.line;
    const start = this.pos + 2;
    const end = findArithEnd(this.src, start);
    if (end < 0) this.eof();
    this.advanceTo(end + 2);
    return { t: 'arith', expr: this.src.slice(start, end), line };
  }

  private condCommand(): Node {
    const line = this.take().line; // [[
    const args: Array<Word | { op: string }> = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'word' && tok.raw === ']]') {
        this.take();
        return { t: 'cond', args, line };
      }
      if (tok.t === 'nl' || tok.t === 'eof') this.unexpected(tok);
      this.take();
      if (tok.t === 'word') args.push(tok.w);
      else if (tok.t === 'op') args.push({ op: tok.op });
    }
  }

  // ---- tokens ---------------------------------------------------------------------------

  private isReserved(tok: Tok, words: string[]): boolean {
    return tok.t === 'word' && words.includes(tok.raw) && this.plainText(tok.w) === tok.raw;
  }

  private expectReserved(word: string): void {
    const tok = this.peek();
    if (!this.isReserved(tok, [word])) this.unexpected(tok);
    this.take();
  }

  /** The text of a word made of one unquoted literal, else null. */
  private plainText(w: Word): string | null {
    return w.parts.length === 1 && w.parts[0].k === 'lit' && !w.parts[0].quoted ? w.parts[0].text : null;
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.take();
  }

  private take(): Tok {
    const p = this.peekFull();
    this.pos = p.end;
    this.line = p.endLine;
    this.peeked = null;
    return p.tok;
  }

  private peek(): Tok {
    return this.peekFull().tok;
  }

  private peekFull(): { tok: Tok; start: number; end: number; endLine: number } {
    if (!this.peeked) {
      const save = [this.pos, this.line] as const;
      const tok = this.lex();
      this.peeked = { tok, start: this.tokStart, end: this.pos, endLine: this.line };
      [this.pos, this.line] = save;
    }
    return this.peeked;
  }

  private advanceTo(end: number): void {
    for (let i = this.pos; i < end; i++) if (this.src[i] === '\n') this.line++;
    this.pos = end;
    this.peeked = null;
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.advanceTo(this.pos + 2);
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  private lex(): Tok {
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
    const arg = m[2] ? new Parser(m[3]).wordFrom(m[3], line) : null;
    return { k: 'param', name: m[1], op: (m[2] as ParamOp | undefined) ?? null, arg, quoted };
  }

  /** Text lexed as if between double quotes (for arithmetic expressions). */
  static quoted(text: string, line: number): Word {
    const p = new Parser(text + '"');
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

  // ---- errors ---------------------------------------------------------------------------

  private lineText(line: number): string {
    return this.src.split('\n')[line - 1] ?? '';
  }

  private unexpected(tok: Tok): never {
    if (tok.t === 'eof') this.eof();
    const text = tok.t === 'nl' ? 'newline' : tok.t === 'op' ? tok.op : tok.raw;
    throw new BashSyntaxError([
      `bash: -c: line ${tok.line}: syntax error near unexpected token \`${text}'`,
      `bash: -c: line ${tok.line}: \`${this.lineText(tok.line)}'`,
    ]);
  }

  private eof(): never {
    const lines = this.src.split('\n').length;
    throw new BashSyntaxError([`bash: -c: line ${lines + 1}: syntax error: unexpected end of file`]);
  }

  private unterminated(quote: string, line: number): never {
    throw new BashSyntaxError([`bash: -c: line ${line}: unexpected EOF while looking for matching \`${quote}'`]);
  }
}

/** Valid bash the simulator does not interpret: say so plainly instead of pretending it is an error. */
function notModelled(what: string, line: number): never {
  throw new BashSyntaxError([`simulator: line ${line}: ${what} are not modelled by the simulator's bash; see the list of supported commands`]);
}

function isRedirOp(op: string): boolean {
  return ['>', '>>', '<', '>&', '<&', '&>', '&>>', '<<<'].includes(op);
}

/** `NAME=value` at the start of a simple command. */
function splitAssignment(w: Word): { name: string; value: Word } | null {
  const first = w.parts[0];
  if (!first || first.k !== 'lit' || first.quoted) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const parts: Part[] = rest ? [{ k: 'lit', text: rest, quoted: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  return { name: m[1], value: { parts, line: w.line } };
}

/** Index of the `close` matching an already-open `open` (quotes skipped), or -1. */
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
function findArithEnd(s: string, from: number): number {
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
