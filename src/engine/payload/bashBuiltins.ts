// The commands the bash interpreter models that do not change shell state: echo, printf, test/[,
// sleep, seq, cat, printenv/env, date. Messages follow GNU bash 5.2 / coreutils 9.1 (Debian 12,
// the base of the official Airflow images) as run through subprocess.Popen like Airflow does.
import { strftime, wallTime } from './strftime.ts';
import { testCommand } from './bashTest.ts';

export interface CmdIO {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
}

export interface CmdCtx {
  /** the script line of the command, for "bash: line N:" messages */
  line: number;
  /** exported variables, in definition order */
  environ(): Array<[string, string]>;
  isSet(name: string): boolean;
  /** virtual now (epoch ms), including the sleeps done so far */
  now_ms(): number;
  /** advance the virtual clock */
  sleep(seconds: number): void;
}

export type Command = (args: string[], io: CmdIO, ctx: CmdCtx) => number;

// ---- echo ------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Backslash escapes of `echo -e` / printf %b. Returns the text and whether \c stopped the output. */
export function backslashEscapes(s: string): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[i + 1];
    if (n === 'c') return { text, stop: true };
    if (n in ESCAPES) {
      text += ESCAPES[n];
      i++;
    } else if (n === '0' || n === 'x') {
      const m = (n === '0' ? /^[0-7]{0,3}/ : /^[0-9a-fA-F]{1,2}/).exec(s.slice(i + 2)) as RegExpExecArray;
      if (n === 'x' && !m[0]) {
        text += '\\x';
      } else {
        text += String.fromCharCode(parseInt(m[0] || '0', n === '0' ? 8 : 16));
      }
      i += 1 + m[0].length;
    } else {
      text += c;
    }
  }
  return { text, stop: false };
}

const echo: Command = (args, io) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const f of args[i].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = backslashEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  io.out(newline ? text + '\n' : text);
  return 0;
};

// ---- printf ----------------------------------------------------------------------------

function printfNumber(arg: string | undefined, io: CmdIO, ctx: CmdCtx, bad: { v: boolean }): number {
  if (arg === undefined || arg === '') return 0;
  const t = arg.trim();
  if (/^['"]/.test(t)) return t.charCodeAt(1) || 0;
  const v = /^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : Number(t);
  if (Number.isNaN(v)) {
    io.err(`bash: line ${ctx.line}: printf: ${arg}: invalid number\n`);
    bad.v = true;
    return 0;
  }
  return v;
}

function formatOne(spec: string, conv: string, arg: string | undefined, io: CmdIO, ctx: CmdCtx, bad: { v: boolean }): string {
  const m = /^([-+ 0#]*)(\d*)(?:\.(\d*))?$/.exec(spec) as RegExpExecArray;
  const flags = m[1];
  const width = m[2] ? Number(m[2]) : 0;
  const prec = m[3] !== undefined ? Number(m[3] || '0') : null;
  let body: string;
  let numeric = true;
  switch (conv) {
    case 's':
      body = arg ?? '';
      if (prec !== null) body = body.slice(0, prec);
      numeric = false;
      break;
    case 'b':
      body = backslashEscapes(arg ?? '').text;
      numeric = false;
      break;
    case 'c':
      body = (arg ?? '').charAt(0);
      numeric = false;
      break;
    case 'd': case 'i': case 'u': {
      const n = Math.trunc(printfNumber(arg, io, ctx, bad));
      body = String(Math.abs(n));
      if (prec !== null) body = body.padStart(prec, '0');
      body = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
      break;
    }
    case 'x': case 'X': case 'o': {
      const n = Math.trunc(printfNumber(arg, io, ctx, bad));
      body = (n >>> 0).toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') body = body.toUpperCase();
      break;
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
      const n = printfNumber(arg, io, ctx, bad);
      const p = prec ?? 6;
      body = conv === 'f' || conv === 'F' ? n.toFixed(p) : conv.toLowerCase() === 'e' ? cExp(n.toExponential(p)) : String(Number(n.toPrecision(p || 1)));
      if (conv === 'E' || conv === 'G') body = body.toUpperCase();
      if (n >= 0 && flags.includes('+')) body = '+' + body;
      break;
    }
    default:
      return '%' + spec + conv;
  }
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(body) ? body[0] : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

/** JS "1.5e+0" -> C "1.500000e+00" style exponent (two digits at least). */
function cExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

const printf: Command = (args, io, ctx) => {
  if (args.length === 0) {
    io.err(`bash: line ${ctx.line}: printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const [format, ...rest] = args;
  const bad = { v: false };
  let k = 0;
  let out = '';
  do {
    const before = k;
    let stop = false;
    out += format.replace(/%([-+ 0#]*\d*(?:\.\d*)?)([a-zA-Z%])|\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (tok, spec?: string, conv?: string) => {
      if (stop) return '';
      if (tok.startsWith('\\')) {
        const r = backslashEscapes(tok);
        if (r.stop) stop = true;
        return r.text;
      }
      if (conv === '%') return '%';
      return formatOne(spec as string, conv as string, rest[k++], io, ctx, bad);
    });
    if (stop || k === before) break;
  } while (k < rest.length);
  io.out(out);
  return bad.v ? 1 : 0;
};

// ---- sleep, seq, cat, printenv, date -------------------------------------------------------

const SLEEP_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** GNU sleep: each argument is NUMBER[smhd]; the pause is their sum. */
const sleep: Command = (args, io, ctx) => {
  if (args.length === 0) {
    io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf|infinity)([smhd]?)$/i.exec(a);
    if (!m) {
      io.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    const n = /^inf/i.test(m[1]) ? Infinity : Number(m[1]);
    total += n * SLEEP_UNITS[m[2].toLowerCase()];
  }
  ctx.sleep(total);
  return 0;
};

const seq: Command = (args, io) => {
  const nums = args.map(Number);
  if (args.length === 0 || args.length > 3 || nums.some((n) => Number.isNaN(n))) {
    const badArg = args.find((a) => Number.isNaN(Number(a)));
    io.err(badArg !== undefined ? `seq: invalid floating point argument: ‘${badArg}’\n` : 'seq: missing operand\n');
    io.err("Try 'seq --help' for more information.\n");
    return 1;
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step === 0) {
    io.err(`seq: invalid Zero increment value: ‘${args[1]}’\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  let out = '';
  for (let v = first, n = 0; step > 0 ? v <= last : v >= last; v = first + ++n * step) out += `${v}\n`;
  io.out(out);
  return 0;
};

const cat: Command = (args, io) => {
  let status = 0;
  for (const f of args.length ? args : ['-']) {
    if (f === '-') io.out(io.stdin);
    else {
      io.err(`cat: ${f}: No such file or directory\n`);
      status = 1;
    }
  }
  return status;
};

const printenv: Command = (args, io, ctx) => {
  const env = ctx.environ();
  if (args.length === 0) {
    io.out(env.map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const name of args) {
    const hit = env.find(([k]) => k === name);
    if (hit) io.out(hit[1] + '\n');
    else status = 1;
  }
  return status;
};

/** GNU date for the current (virtual) time; the worker's zone is TZ if set, else UTC. */
const date: Command = (args, io, ctx) => {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  let utc = false;
  for (const a of args) {
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc' || a === '--universal') utc = true;
    else if (a === '-I' || a === '--iso-8601' || a === '--iso-8601=date') fmt = '%Y-%m-%d';
    else if (a === '--iso-8601=seconds' || a === '-Iseconds') fmt = '%Y-%m-%dT%H:%M:%S%:z';
    else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else {
      io.err(`date: the simulator does not model the option '${a}'\n`);
      return 1;
    }
  }
  const tz = utc ? 'UTC' : (ctx.environ().find(([k]) => k === 'TZ')?.[1] ?? 'UTC');
  let zone = 'UTC';
  try {
    wallTime(0, tz);
    zone = tz;
  } catch {
    zone = 'UTC'; // glibc falls back to UTC for an unknown TZ
  }
  io.out(strftime(wallTime(ctx.now_ms(), zone), fmt) + '\n');
  return 0;
};

export const COMMANDS: Record<string, Command> = {
  echo,
  printf,
  test: testCommand('test'),
  '[': testCommand('['),
  sleep,
  seq,
  cat,
  printenv,
  env: (args, io, ctx) => (args.length ? notModelled('env', io) : printenv([], io, ctx)),
  date,
};

function notModelled(cmd: string, io: CmdIO): number {
  io.err(`${cmd}: the simulator only models this command without arguments\n`);
  return 1;
}
