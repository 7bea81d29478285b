// Parser for the bash subset the simulator interprets (see bash.ts for the list). It reads one
// top-level line at a time, as `bash -c` does, so commands before a syntax error still run.
import { BashSyntaxError, findArithEnd, Lexer, notModelled, type Part, type Tok, type Word } from './bashLex.ts';

export { BashSyntaxError, type Part, type Word } from './bashLex.ts';
export type { ParamOp } from './bashLex.ts';

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

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!', '[[', ']]']);

export class Parser {
  private readonly lx: Lexer;
  private peeked: { tok: Tok; start: number; end: number; endLine: number } | null = null;

  constructor(private readonly src: string) {
    this.lx = new Lexer(src);
  }

  /** Text lexed as if between double quotes (for arithmetic expressions). */
  static quoted(text: string, line: number): Word {
    return Lexer.quoted(text, line);
  }

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
      this.lx.pos = start;
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
      if (next.tok.t === 'op' && next.tok.op === '(' && next.start === this.lx.pos) {
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
    const line = this.lx.line;
    const start = this.lx.pos + 2;
    const end = findArithEnd(this.src, start);
    if (end < 0) this.eof();
    this.lx.advanceTo(end + 2);
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
    this.lx.pos = p.end;
    this.lx.line = p.endLine;
    this.peeked = null;
    return p.tok;
  }

  private peek(): Tok {
    return this.peekFull().tok;
  }

  private peekFull(): { tok: Tok; start: number; end: number; endLine: number } {
    if (!this.peeked) {
      const save = [this.lx.pos, this.lx.line] as const;
      const tok = this.lx.lex();
      this.peeked = { tok, start: this.lx.tokStart, end: this.lx.pos, endLine: this.lx.line };
      [this.lx.pos, this.lx.line] = save;
    }
    return this.peeked;
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
