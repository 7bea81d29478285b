// Word expansion for the bash interpreter: braces, ~, parameters (${x:-y} ...), $(...), $((...)),
// then word splitting on unquoted results. There is no globbing: the simulated worker has no files,
// and bash keeps a pattern that matches nothing as written.
import type { CmdIO } from './bashBuiltins.ts';
import { Lexer, type Part, type Word } from './bashLex.ts';

/** An expansion error: bash prints it and the (sub)shell exits with `code`. */
export class Fatal {
  constructor(readonly message: string, readonly code: number) {}
}

/** What expansion needs from the shell. */
export interface ExpandHost {
  readonly vars: Map<string, string>;
  status: number;
  readonly opts: { nounset: boolean };
  arith(text: string, line: number): bigint;
  /** run `src` in a subshell with stdout captured */
  commandSub(src: string, io: CmdIO): { out: string; status: number };
}

type OnSub = (status: number) => void;

const FAKE_PID = '4242';

/** Brace and tilde expansion, then the other expansions with word splitting. */
export function expandFields(h: ExpandHost, w: Word, io: CmdIO, onSub?: OnSub): string[] {
  return braceWords(tilde(h, w)).flatMap((bw) => splitFields(h, bw, io, onSub));
}

/** Expansion without splitting (assignments, redirection targets, [[ ]] operands). */
export function expandString(h: ExpandHost, w: Word, io: CmdIO, onSub?: OnSub): string {
  return w.parts.map((p) => expandPart(h, p, w.line, io, onSub)).join('');
}

/** A [[ == ]] right-hand side as a RegExp: unquoted parts are glob patterns. */
export function expandPattern(h: ExpandHost, w: Word, io: CmdIO): RegExp {
  let re = '';
  for (const p of w.parts) {
    const v = expandPart(h, p, w.line, io);
    re += p.quoted ? escapeRe(v) : globToRe(v);
  }
  return new RegExp(`^${re}$`, 's');
}

function tilde(h: ExpandHost, w: Word): Word {
  const first = w.parts[0];
  const home = h.vars.get('HOME');
  if (!first || first.k !== 'lit' || first.quoted || home === undefined || !/^~(\/|$)/.test(first.text)) return w;
  return { ...w, parts: [{ ...first, text: home + first.text.slice(1) }, ...w.parts.slice(1)] };
}

function splitFields(h: ExpandHost, w: Word, io: CmdIO, onSub?: OnSub): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false; // a quoted part makes a field even when empty ("")
  for (const p of w.parts) {
    const v = expandPart(h, p, w.line, io, onSub);
    if (p.k === 'lit' || p.quoted) {
      cur += v;
      has ||= p.quoted || v !== '';
      continue;
    }
    v.split(/[ \t\n]+/).forEach((piece, i) => {
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

function expandPart(h: ExpandHost, p: Part, line: number, io: CmdIO, onSub?: OnSub): string {
  switch (p.k) {
    case 'lit': return p.text;
    case 'param': return param(h, p, line, io);
    case 'arith': return String(h.arith(expandString(h, Lexer.quoted(p.expr, line), io), line));
    case 'cmd': {
      const r = h.commandSub(p.src, io);
      h.status = r.status;
      onSub?.(r.status);
      return r.out.replace(/\n+$/, '');
    }
  }
}

const SPECIAL: Record<string, (h: ExpandHost) => string> = {
  '?': (h) => String(h.status),
  $: () => FAKE_PID,
  '#': () => '0', // no positional parameters with bash -c
  '@': () => '',
  '*': () => '',
  '0': () => 'bash',
  '-': () => 'hBc',
  '!': () => '',
};

function param(h: ExpandHost, p: Part & { k: 'param' }, line: number, io: CmdIO): string {
  const value = SPECIAL[p.name] ? SPECIAL[p.name](h) : h.vars.get(p.name);
  const set = value !== undefined;
  const nullOrUnset = !set || value === '';
  const arg = (): string => (p.arg ? expandString(h, p.arg, io) : '');
  switch (p.op) {
    case '#': return String((value ?? '').length);
    case ':-': return nullOrUnset ? arg() : (value as string);
    case '-': return set ? (value as string) : arg();
    case ':=': case '=':
      if (p.op === ':=' ? nullOrUnset : !set) {
        const v = arg();
        h.vars.set(p.name, v);
        return v;
      }
      return value as string;
    case ':+': return nullOrUnset ? '' : arg();
    case '+': return set ? arg() : '';
    case ':?': case '?':
      if (p.op === ':?' ? nullOrUnset : !set) {
        throw new Fatal(`bash: line ${line}: ${p.name}: ${arg() || 'parameter null or not set'}`, 127);
      }
      return value as string;
  }
  if (value !== undefined) return value;
  if (h.opts.nounset && !/^[1-9]$/.test(p.name)) throw new Fatal(`bash: line ${line}: ${p.name}: unbound variable`, 127);
  return '';
}

// ---- brace expansion -------------------------------------------------------------------

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
    const bounds = [i, ...commas, j];
    const alts = commas.length ? bounds.slice(1).map((b, k) => text.slice(bounds[k] + 1, b)) : braceSequence(text.slice(i + 1, j));
    if (!alts) continue;
    const prefix = text.slice(0, i);
    const suffixes = braceExpand(text.slice(j + 1));
    return alts.flatMap((a) => braceExpand(a).flatMap((x) => suffixes.map((s) => prefix + x + s)));
  }
  return [text];
}

function braceSequence(inner: string): string[] | null {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  const chr = /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inner);
  const m = num ?? chr;
  if (!m) return null;
  const from = num ? Number(m[1]) : m[1].charCodeAt(0);
  const to = num ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  // a leading zero on either end pads every number to the longer width ({-03..2} -> -03 ... 002)
  const width = num && /(^|[\s-])0\d/.test(`${m[1]} ${m[2]}`) ? Math.max(m[1].length, m[2].length) : 0;
  const show = (v: number): string => {
    if (!num) return String.fromCharCode(v);
    if (!width) return String(v);
    return (v < 0 ? '-' : '') + String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
  };
  const out: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    out.push(show(v));
    if (out.length > 100_000) break;
  }
  return out;
}

// ---- text helpers ------------------------------------------------------------------------

/** How `set -x` shows a word: bare when safe, else in single quotes. */
export function traceQuote(s: string): string {
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
    else if (c === '[' && s.indexOf(']', i + 2) > 0) {
      const end = s.indexOf(']', i + 2);
      re += '[' + s.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = end;
    } else if (c === '\\' && i + 1 < s.length) re += escapeRe(s[++i]);
    else re += escapeRe(c);
  }
  return re;
}
