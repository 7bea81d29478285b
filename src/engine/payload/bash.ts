// A bash interpreter for the commands teaching DAGs put in BashOperator: it runs a command the way
// `bash -c` does inside Airflow's SubprocessHook (stdout and stderr merged, last line returned),
// on a virtual clock: `sleep` advances time instead of waiting.
//
// Modelled (anything else behaves like a missing program: "bash: line N: cmd: command not found", 127):
//   builtins   echo (-n -e -E), printf, test / [ ], [[ ]], (( )), true, false, :, exit, set (-e -u -x
//              -o pipefail, and + to unset), export, unset
//   programs   sleep (GNU: N[smhd], decimals, several arguments, infinity), seq, cat (stdin only),
//              printenv / env, date (+FORMAT, -u, -I, -R; the virtual clock, TZ or UTC)
//   syntax     ; && || | ! newlines comments, if/elif/else/fi, for ... in, while, until, { }, ( ),
//              NAME=value, $VAR ${VAR} ${#VAR} ${VAR:-x} ${VAR-x} ${VAR:=x} ${VAR:+x} ${VAR:?msg},
//              $? $# $0 $$, $(...) and `...`, $((...)) 64-bit arithmetic, '...' "..." $'...' \,
//              redirections > >> < 2>&1 >&2 &> <<< (files do not exist: writes vanish, reads fail),
//              brace expansion {a,b} {1..5}, ~ (from HOME)
// Not modelled (a "simulator:" message, status 2): functions, case, select, arrays, here-documents.
// Also: globbing (no files match, so patterns stay literal, as bash does), background jobs (`&`
// runs in sequence), ${!x}, real files and any other program.
// A script that does not end within the step budget (an endless loop, `sleep infinity`) is
// reported as never ending.
import { ArithError, evalArith } from './bashArith.ts';
import { COMMANDS, type CmdCtx, type CmdIO } from './bashBuiltins.ts';
import { BashSyntaxError, Parser, type Node, type Part, type Redirect, type Word } from './bashSyntax.ts';
import { evalCond } from './bashCond.ts';

export interface BashLine {
  stream: 'stdout' | 'stderr';
  /** the line as Airflow logs it (rstripped) */
  text: string;
  /** virtual seconds since the command started when the line was complete */
  at_s: number;
}

export interface BashResult {
  /** null when the command never ends */
  exit_code: number | null;
  /** the sum of sleeps (virtual seconds); Infinity when the command never ends */
  duration_s: number;
  stdout: string[];
  stderr: string[];
  /** stdout and stderr merged in write order, as SubprocessHook reads them (stderr=STDOUT) */
  output: BashLine[];
  /** what BashOperator returns (and pushes to XCom): the last merged line, rstripped; '' if none */
  last_line: string;
  never_ends: boolean;
}

export interface BashOptions {
  /** virtual time (epoch ms) when the command starts, for `date`; default 0 */
  now_ms?: number;
  /** commands and loop iterations before the script counts as never ending; default 100000 */
  max_steps?: number;
}

export const MODELLED_COMMANDS: readonly string[] = [
  'echo', 'printf', 'test', '[', '[[', '((', 'true', 'false', ':', 'exit', 'set', 'export', 'unset',
  ...Object.keys(COMMANDS).filter((c) => !['echo', 'printf', 'test', '['].includes(c)),
];

const MAX_LINES = 10_000;
const FAKE_PID = '4242';

class ExitSignal {
  constructor(readonly code: number) {}
}
class NeverEnds {}
/** An expansion error: bash prints it and the (sub)shell exits with `code`. */
class Fatal {
  constructor(readonly message: string, readonly code: number) {}
}

/** Collects output the way a pipe read line by line does. */
class Output {
  readonly lines: BashLine[] = [];
  private cur = '';
  private curStream: BashLine['stream'] | null = null;
  private bufs = { stdout: '', stderr: '' };

  constructor(private readonly clock: Clock) {}

  write(stream: BashLine['stream'], text: string): void {
    if (this.lines.length >= MAX_LINES) return;
    this.bufs[stream] += text;
    for (const ch of text) {
      this.curStream ??= stream;
      if (ch !== '\n') {
        this.cur += ch;
        continue;
      }
      this.lines.push({ stream: this.curStream, text: this.cur.trimEnd(), at_s: this.clock.time_s });
      this.cur = '';
      this.curStream = null;
    }
  }

  finish(): void {
    if (this.curStream) this.lines.push({ stream: this.curStream, text: this.cur.trimEnd(), at_s: this.clock.time_s });
    this.cur = '';
    this.curStream = null;
  }

  split(stream: BashLine['stream']): string[] {
    const s = this.bufs[stream];
    if (s === '') return [];
    const parts = s.split('\n');
    if (s.endsWith('\n')) parts.pop();
    return parts;
  }
}

interface Clock {
  time_s: number;
  steps: number;
  max_steps: number;
  now0_ms: number;
}

type Sink = (text: string) => void;

interface IO {
  stdin: string;
  out: Sink;
  err: Sink;
}

class Shell {
  status = 0;
  condDepth = 0;

  constructor(
    readonly vars: Map<string, string>,
    readonly exported: Set<string>,
    readonly opts: { errexit: boolean; nounset: boolean; xtrace: boolean; pipefail: boolean },
    readonly clock: Clock,
    readonly depth: number,
  ) {}

  subshell(): Shell {
    const s = new Shell(new Map(this.vars), new Set(this.exported), { ...this.opts }, this.clock, this.depth + 1);
    s.status = this.status;
    return s;
  }

  step(): void {
    if (++this.clock.steps > this.clock.max_steps) throw new NeverEnds();
  }

  /** Parse and run a script one top-level line at a time; returns the exit status. */
  runScript(src: string, io: IO): number {
    const parser = new Parser(src);
    try {
      for (;;) {
        const node = parser.next();
        if (!node) break;
        this.status = this.execList(node, io);
      }
    } catch (e) {
      if (e instanceof BashSyntaxError) {
        io.err(e.lines.join('\n') + '\n');
        return 2;
      }
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof Fatal) {
        io.err(e.message + '\n');
        return e.code;
      }
      throw e;
    }
    return this.status;
  }

  /** Run in a subshell: exits end the subshell only. */
  inSubshell(io: IO, body: (sh: Shell) => number): number {
    const sh = this.subshell();
    try {
      return body(sh);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof Fatal) {
        io.err(e.message + '\n');
        return e.code;
      }
      throw e;
    }
  }

  // ---- lists and commands -----------------------------------------------------------------

  exec(node: Node, io: IO): number {
    switch (node.t) {
      case 'list': return this.execList(node, io);
      case 'andor': return this.execAndOr(node, io);
      case 'pipeline': return this.execPipeline(node, io);
      case 'simple': return this.execSimple(node, io);
      case 'if': return this.withRedirs(node.redirs, io, (io2) => this.execIf(node, io2));
      case 'for': return this.withRedirs(node.redirs, io, (io2) => this.execFor(node, io2));
      case 'while': return this.withRedirs(node.redirs, io, (io2) => this.execWhile(node, io2));
      case 'group':
        return this.withRedirs(node.redirs, io, (io2) =>
          node.subshell ? this.inSubshell(io2, (sh) => sh.execList(node.body, io2)) : this.execList(node.body, io2),
        );
      case 'arith': return this.execArith(node.expr, node.line);
      case 'cond': return this.execCond(node, io);
    }
  }

  execList(node: Node, io: IO): number {
    if (node.t !== 'list') return this.execItem(node, io);
    let st = 0;
    for (const item of node.items) st = this.execItem(item, io);
    return st;
  }

  private execItem(node: Node, io: IO): number {
    const st = this.exec(node, io);
    this.status = st;
    if (node.t !== 'andor') this.errexit(st, node);
    return st;
  }

  /** set -e: exit on a failing simple command, pipeline or subshell outside a tested context. */
  private errexit(st: number, node: Node): void {
    if (st === 0 || !this.opts.errexit || this.condDepth > 0) return;
    if (node.t === 'pipeline' && node.neg) return;
    if (node.t === 'simple' || node.t === 'pipeline' || node.t === 'arith' || node.t === 'cond' || (node.t === 'group' && node.subshell)) {
      throw new ExitSignal(st);
    }
  }

  private execAndOr(node: Node & { t: 'andor' }, io: IO): number {
    const chain = [node.first, ...node.rest.map((r) => r.node)];
    let st = 0;
    for (let i = 0; i < chain.length; i++) {
      if (i > 0) {
        const op = node.rest[i - 1].op;
        if ((op === '&&' && st !== 0) || (op === '||' && st === 0)) continue;
      }
      const last = i === chain.length - 1;
      if (!last) this.condDepth++;
      try {
        st = this.exec(chain[i], io);
      } finally {
        if (!last) this.condDepth--;
      }
      this.status = st;
      if (last) this.errexit(st, chain[i]);
    }
    return st;
  }

  private execPipeline(node: Node & { t: 'pipeline' }, io: IO): number {
    if (node.neg) this.condDepth++;
    let st = 0;
    try {
      st = node.cmds.length === 1 ? this.exec(node.cmds[0], io) : this.runPipe(node.cmds, io);
    } finally {
      if (node.neg) this.condDepth--;
    }
    return node.neg ? (st === 0 ? 1 : 0) : st;
  }

  /** Every element runs in a subshell, all at the same time: the pipeline lasts as long as the slowest. */
  private runPipe(cmds: Node[], io: IO): number {
    const start = this.clock.time_s;
    let end = start;
    let input = io.stdin;
    const statuses: number[] = [];
    cmds.forEach((cmd, i) => {
      this.clock.time_s = start;
      let captured = '';
      const out: Sink = i === cmds.length - 1 ? io.out : (t) => (captured += t);
      statuses.push(this.inSubshell(io, (sh) => sh.exec(cmd, { stdin: input, out, err: io.err })));
      input = captured;
      end = Math.max(end, this.clock.time_s);
    });
    this.clock.time_s = end;
    if (this.opts.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return statuses[statuses.length - 1];
  }

  private execIf(node: Node & { t: 'if' }, io: IO): number {
    for (const c of node.clauses) {
      if (this.test(c.cond, io) === 0) return this.execList(c.body, io);
    }
    return node.else_ ? this.execList(node.else_, io) : 0;
  }

  /** Run a condition list: set -e does not apply inside it. */
  private test(cond: Node, io: IO): number {
    this.condDepth++;
    try {
      return this.execList(cond, io);
    } finally {
      this.condDepth--;
    }
  }

  private execFor(node: Node & { t: 'for' }, io: IO): number {
    const items = node.words ? node.words.flatMap((w) => this.expandFields(w, io)) : [];
    let st = 0;
    for (const item of items) {
      this.step();
      this.vars.set(node.name, item);
      st = this.execList(node.body, io);
    }
    return st;
  }

  private execWhile(node: Node & { t: 'while' }, io: IO): number {
    let st = 0;
    for (;;) {
      this.step();
      const c = this.test(node.cond, io);
      if ((c === 0) === node.until) return st;
      st = this.execList(node.body, io);
    }
  }

  private execArith(expr: string, line: number): number {
    this.step();
    const text = this.expandString(Parser.quoted(expr, line), { stdin: '', out: () => {}, err: () => {} });
    return this.arith(text, line) !== 0n ? 0 : 1;
  }

  private arith(text: string, line: number): bigint {
    try {
      return evalArith(text, { get: (n) => this.vars.get(n), set: (n, v) => this.vars.set(n, v) });
    } catch (e) {
      if (e instanceof ArithError) throw new Fatal(`bash: line ${line}: ${e.message}`, 1);
      throw e;
    }
  }

  private execCond(node: Node & { t: 'cond' }, io: IO): number {
    this.step();
    return evalCond(node.args, {
      expand: (w) => this.expandString(w, io),
      pattern: (w) => this.expandPattern(w, io),
      arith: (text) => this.arith(text, node.line),
      isSet: (name) => this.vars.has(name),
      line: node.line,
      err: io.err,
    });
  }

  // ---- simple commands ---------------------------------------------------------------------

  private execSimple(node: Node & { t: 'simple' }, io: IO): number {
    this.step();
    let subStatus: number | null = null;
    const argv = node.words.flatMap((w) => this.expandFields(w, io, (s) => (subStatus = s)));
    const assigns = node.assigns.map((a) => [a.name, this.expandString(a.value, io, (s) => (subStatus = s))] as const);
    if (this.opts.xtrace) {
      const shown = [...assigns.map(([k, v]) => `${k}=${traceQuote(v)}`), ...argv.map(traceQuote)];
      if (argv.length === 0) for (const s of shown) io.err(`${'+'.repeat(this.depth + 1)} ${s}\n`);
      else io.err(`${'+'.repeat(this.depth + 1)} ${shown.join(' ')}\n`);
    }
    const redirected = this.redirect(node.redirs, io, node.line);
    if (redirected === null) return 1;
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      return subStatus ?? 0;
    }
    // NAME=value cmd: the assignment is only in the command's environment
    const saved = assigns.map(([k]) => [k, this.vars.get(k), this.exported.has(k)] as const);
    for (const [k, v] of assigns) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    try {
      return this.run(argv, redirected, node.line);
    } finally {
      for (const [k, v, wasExported] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
        if (!wasExported) this.exported.delete(k);
      }
    }
  }

  private run(argv: string[], io: IO, line: number): number {
    const [name, ...args] = argv;
    switch (name) {
      case 'true': case ':': return 0;
      case 'false': return 1;
      case 'exit': return this.exit(args, io, line);
      case 'set': return this.set(args, io, line);
      case 'export': return this.export(args, io, line);
      case 'unset':
        for (const a of args) {
          this.vars.delete(a);
          this.exported.delete(a);
        }
        return 0;
    }
    const cmd = COMMANDS[name];
    if (cmd) return cmd(args, io as CmdIO, this.cmdCtx(line));
    io.err(name.includes('/') ? `bash: line ${line}: ${name}: No such file or directory\n` : `bash: line ${line}: ${name}: command not found\n`);
    return 127;
  }

  private cmdCtx(line: number): CmdCtx {
    return {
      line,
      environ: () => [...this.exported].filter((k) => this.vars.has(k)).map((k) => [k, this.vars.get(k) as string]),
      isSet: (n) => this.vars.has(n),
      now_ms: () => this.clock.now0_ms + Math.round(this.clock.time_s * 1000),
      sleep: (s) => {
        if (!Number.isFinite(s)) throw new NeverEnds();
        this.clock.time_s += s;
      },
    };
  }

  private exit(args: string[], io: IO, line: number): never {
    if (args.length === 0) throw new ExitSignal(this.status);
    if (!/^\s*[-+]?\d+\s*$/.test(args[0])) {
      io.err(`bash: line ${line}: exit: ${args[0]}: numeric argument required\n`);
      throw new ExitSignal(2);
    }
    if (args.length > 1) {
      io.err(`bash: line ${line}: exit: too many arguments\n`);
      throw new ExitSignal(1);
    }
    throw new ExitSignal(((Number(args[0]) % 256) + 256) % 256);
  }

  private set(args: string[], io: IO, line: number): number {
    const names: Record<string, keyof Shell['opts']> = { e: 'errexit', u: 'nounset', x: 'xtrace', errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', pipefail: 'pipefail' };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const on = a.startsWith('-');
      if (a === '--' || a === '-') break;
      if (!/^[-+]/.test(a)) break; // positional parameters: not modelled
      const flags = a.slice(1);
      if (flags === 'o') {
        const opt = names[args[++i] ?? ''];
        if (!opt || opt.length === 1) {
          io.err(`bash: line ${line}: set: ${args[i] ?? ''}: invalid option name\n`);
          return 2;
        }
        this.opts[opt] = on;
        continue;
      }
      for (const f of flags) {
        if (f === 'o') {
          const opt = names[args[++i] ?? ''];
          if (opt) this.opts[opt] = on;
          continue;
        }
        const opt = names[f];
        if (!opt) {
          io.err(`bash: line ${line}: set: ${a[0]}${f}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`);
          return 2;
        }
        this.opts[opt] = on;
      }
    }
    return 0;
  }

  private export(args: string[], io: IO, line: number): number {
    let st = 0;
    for (const a of args) {
      if (a === '-p' || a === '-n') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(=([\s\S]*))?$/.exec(a);
      if (!m) {
        io.err(`bash: line ${line}: export: \`${a}': not a valid identifier\n`);
        st = 1;
        continue;
      }
      if (m[2] !== undefined) this.vars.set(m[1], m[3]);
      this.exported.add(m[1]);
    }
    return st;
  }

  // ---- redirections ------------------------------------------------------------------------

  /** Apply redirections left to right; null when one failed (the command does not run). */
  private redirect(redirs: Redirect[], io: IO, line: number): IO | null {
    if (redirs.length === 0) return io;
    const fds: Array<Sink | null> = [null, io.out, io.err];
    let stdin = io.stdin;
    const discard: Sink = () => {};
    const toFile = (target: string): Sink => (target === '/dev/stdout' ? io.out : target === '/dev/stderr' ? io.err : discard);
    for (const r of redirs) {
      const target = this.expandString(r.target, io);
      switch (r.op) {
        case '>': case '>>': fds[r.fd] = toFile(target); break;
        case '&>': case '&>>': fds[1] = fds[2] = toFile(target); break;
        case '>&':
          if (target === '-') fds[r.fd] = discard;
          else if (/^\d+$/.test(target) && fds[Number(target)] !== undefined) fds[r.fd] = fds[Number(target)];
          else if (/^\d+$/.test(target)) {
            io.err(`bash: line ${line}: ${target}: Bad file descriptor\n`);
            return null;
          } else fds[1] = fds[2] = toFile(target);
          break;
        case '<<<': stdin = target + '\n'; break;
        case '<': case '<&':
          if (target === '/dev/null') stdin = '';
          else if (r.op === '<&' && /^\d+$/.test(target)) break;
          else {
            io.err(`bash: line ${line}: ${target}: No such file or directory\n`);
            return null;
          }
      }
    }
    return { stdin, out: fds[1] ?? discard, err: fds[2] ?? discard };
  }

  private withRedirs(redirs: Redirect[], io: IO, body: (io: IO) => number): number {
    const r = this.redirect(redirs, io, 0);
    return r === null ? 1 : body(r);
  }

  // ---- expansion ---------------------------------------------------------------------------

  /** Brace and tilde expansion, then parameter/command/arithmetic expansion with word splitting
   *  (no globbing: no files exist, and bash keeps an unmatched pattern as written). */
  expandFields(w: Word, io: IO, onSub?: (status: number) => void): string[] {
    return braceWords(this.tilde(w)).flatMap((bw) => this.splitFields(bw, io, onSub));
  }

  private tilde(w: Word): Word {
    const first = w.parts[0];
    const home = this.vars.get('HOME');
    if (!first || first.k !== 'lit' || first.quoted || home === undefined || !/^~(\/|$)/.test(first.text)) return w;
    return { ...w, parts: [{ ...first, quoted: false, text: home + first.text.slice(1) }, ...w.parts.slice(1)] };
  }

  private splitFields(w: Word, io: IO, onSub?: (status: number) => void): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const p of w.parts) {
      const v = this.expandPart(p, w.line, io, onSub);
      if (p.k === 'lit' || p.quoted) {
        cur += v;
        has ||= p.quoted || v !== '';
        continue;
      }
      const pieces = v.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (has) fields.push(cur);
          cur = '';
          has = false;
        }
        if (piece) {
          cur += piece;
          has = true;
        }
      });
    }
    if (has) fields.push(cur);
    return fields;
  }

  /** Expansion without splitting (assignments, redirection targets, [[ ]] operands). */
  expandString(w: Word, io: IO, onSub?: (status: number) => void): string {
    return w.parts.map((p) => this.expandPart(p, w.line, io, onSub)).join('');
  }

  /** A [[ == ]] right-hand side as a RegExp: unquoted parts are glob patterns. */
  private expandPattern(w: Word, io: IO): RegExp {
    let re = '';
    for (const p of w.parts) {
      const v = this.expandPart(p, w.line, io);
      re += p.quoted ? escapeRe(v) : globToRe(v);
    }
    return new RegExp(`^${re}$`, 's');
  }

  private expandPart(p: Part, line: number, io: IO, onSub?: (status: number) => void): string {
    switch (p.k) {
      case 'lit': return p.text;
      case 'param': return this.param(p, line, io);
      case 'arith': return String(this.arith(this.expandString(Parser.quoted(p.expr, line), io), line));
      case 'cmd': {
        let captured = '';
        const st = this.inSubshell(io, (sh) => sh.runScript(p.src, { stdin: '', out: (t) => (captured += t), err: io.err }));
        this.status = st;
        onSub?.(st);
        return captured.replace(/\n+$/, '');
      }
    }
  }

  private param(p: Part & { k: 'param' }, line: number, io: IO): string {
    const special: Record<string, () => string> = {
      '?': () => String(this.status),
      $: () => FAKE_PID,
      '#': () => '0',
      '@': () => '',
      '*': () => '',
      '0': () => 'bash',
      '-': () => 'hBc',
      '!': () => '',
    };
    const value = special[p.name] ? special[p.name]() : this.vars.get(p.name);
    const set = value !== undefined && (p.name in special ? !/^[1-9]$/.test(p.name) : true);
    const arg = (): string => (p.arg ? this.expandString(p.arg, io) : '');
    const nullOrUnset = !set || value === '';
    switch (p.op) {
      case '#': return String((value ?? '').length);
      case ':-': return nullOrUnset ? arg() : (value as string);
      case '-': return !set ? arg() : (value as string);
      case ':=': case '=':
        if (p.op === ':=' ? nullOrUnset : !set) {
          const v = arg();
          this.vars.set(p.name, v);
          return v;
        }
        return value as string;
      case ':+': return nullOrUnset ? '' : arg();
      case '+': return !set ? '' : arg();
      case ':?': case '?':
        if (p.op === ':?' ? nullOrUnset : !set) {
          throw new Fatal(`bash: line ${line}: ${p.name}: ${arg() || 'parameter null or not set'}`, 127);
        }
        return value as string;
    }
    if (value === undefined) {
      if (this.opts.nounset && !/^[1-9]$/.test(p.name)) throw new Fatal(`bash: line ${line}: ${p.name}: unbound variable`, 127);
      return '';
    }
    return value;
  }
}

/** Brace expansion ({a,b}, {1..5}, {a..e}, {01..10..2}) inside the unquoted literal parts of a word. */
function braceWords(w: Word): Word[] {
  let variants: Part[][] = [[]];
  for (const p of w.parts) {
    const alts = p.k === 'lit' && !p.quoted && p.text.includes('{') ? braceExpand(p.text) : null;
    variants = alts
      ? variants.flatMap((v) => alts.map((text) => [...v, { k: 'lit' as const, text, quoted: false }]))
      : variants.map((v) => [...v, p]);
  }
  return variants.map((parts) => ({ parts, line: w.line }));
}

export function braceExpand(text: string): string[] {
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    let depth = 0;
    let j = i;
    const commas: number[] = [];
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
      else if (text[j] === ',' && depth === 1) commas.push(j);
    }
    if (j >= text.length) return [text];
    const inner = text.slice(i + 1, j);
    const alts = commas.length ? splitAt(text, i + 1, commas, j) : braceSequence(inner);
    if (!alts) continue;
    const prefix = text.slice(0, i);
    const suffixes = braceExpand(text.slice(j + 1));
    return alts.flatMap((a) => braceExpand(a).flatMap((x) => suffixes.map((s) => prefix + x + s)));
  }
  return [text];
}

function splitAt(text: string, from: number, commas: number[], end: number): string[] {
  const bounds = [from - 1, ...commas, end];
  return bounds.slice(1).map((b, k) => text.slice(bounds[k] + 1, b));
}

function braceSequence(inner: string): string[] | null {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  const chr = /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inner);
  const m = num ?? chr;
  if (!m) return null;
  const from = num ? Number(m[1]) : m[1].charCodeAt(0);
  const to = num ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const width = num && /^-?0\d/.test(m[1] + ' ' + m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    out.push(num ? (width ? String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0').replace(/^/, v < 0 ? '-' : '') : String(v)) : String.fromCharCode(v));
    if (out.length > 100_000) break;
  }
  return out;
}

/** How `set -x` shows a word: bare when safe, else in single quotes. */
function traceQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_\-.,:/@%+=]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function globToRe(s: string): string {
  let re = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = s.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += '[' + s.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (c === '\\' && i + 1 < s.length) re += escapeRe(s[++i]);
    else re += escapeRe(c);
  }
  return re;
}

/**
 * Run `command` as BashOperator does (bash -c, stderr merged into stdout) on the virtual clock.
 * `env` is the complete environment of the process (BashOperator.get_env builds it). Never throws.
 */
export function interpretBash(command: string, env: Record<string, string>, opts: BashOptions = {}): BashResult {
  const clock: Clock = { time_s: 0, steps: 0, max_steps: opts.max_steps ?? 100_000, now0_ms: opts.now_ms ?? 0 };
  const out = new Output(clock);
  const vars = new Map(Object.entries(env));
  const shell = new Shell(vars, new Set(vars.keys()), { errexit: false, nounset: false, xtrace: false, pipefail: false }, clock, 0);
  let exit_code: number | null;
  try {
    exit_code = shell.runScript(command, { stdin: '', out: (t) => out.write('stdout', t), err: (t) => out.write('stderr', t) });
  } catch (e) {
    if (e instanceof NeverEnds || e instanceof RangeError) {
      exit_code = null; // a RangeError is a stack overflow from runaway nesting: treat it as never ending
    } else {
      // a bug in the interpreter must not crash the simulation: report it like a crashed shell
      out.write('stderr', `bash: simulator error: ${e instanceof Error ? e.message : String(e)}\n`);
      exit_code = 1;
    }
  }
  out.finish();
  const never = exit_code === null;
  const last = out.lines[out.lines.length - 1];
  return {
    exit_code,
    duration_s: never ? Infinity : clock.time_s,
    stdout: out.split('stdout'),
    stderr: out.split('stderr'),
    output: out.lines,
    last_line: last ? last.text : '',
    never_ends: never,
  };
}
