// The shell that runs parsed bash (bashSyntax.ts): lists, && ||, pipelines, if/for/while, set -e,
// redirections, and the builtins that change shell state (exit, set, export, unset).
import { ArithError, evalArith } from './bashArith.ts';
import { COMMANDS, type CmdCtx, type CmdIO } from './bashBuiltins.ts';
import { evalCond } from './bashCond.ts';
import { expandFields, expandPattern, expandString, Fatal, traceQuote, type ExpandHost } from './bashExpand.ts';
import { BashSyntaxError, Parser, type Node, type Redirect } from './bashSyntax.ts';

export class ExitSignal {
  constructor(readonly code: number) {}
}
export class NeverEnds {}

export interface Clock {
  time_s: number;
  steps: number;
  max_steps: number;
  now0_ms: number;
}

type Sink = (text: string) => void;
type IO = CmdIO;

export class Shell implements ExpandHost {
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

  commandSub(src: string, io: IO): { out: string; status: number } {
    let out = '';
    const status = this.inSubshell(io, (sh) => sh.runScript(src, { stdin: '', out: (t) => (out += t), err: io.err }));
    return { out, status };
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
    const items = node.words ? node.words.flatMap((w) => expandFields(this, w, io)) : [];
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
    const text = expandString(this, Parser.quoted(expr, line), { stdin: '', out: () => {}, err: () => {} });
    return this.arith(text, line) !== 0n ? 0 : 1;
  }

  arith(text: string, line: number): bigint {
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
      expand: (w) => expandString(this, w, io),
      pattern: (w) => expandPattern(this, w, io),
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
    const argv = node.words.flatMap((w) => expandFields(this, w, io, (s) => (subStatus = s)));
    const assigns = node.assigns.map((a) => [a.name, expandString(this, a.value, io, (s) => (subStatus = s))] as const);
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
      const target = expandString(this, r.target, io);
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
}
