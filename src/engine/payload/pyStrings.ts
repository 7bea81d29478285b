// Python str methods, `%` formatting and str.format for templates (nunjucks only has JS's, and
// JS's replace replaces the first match only: `{{ ds.replace('-', '') }}` must give 20240601).
import { isPyObject, pyArgs, PyError, pyRepr, pyStr, splitArgs } from './pyValues.ts';

const WS = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? WS : String(chars);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  if (sep === null || sep === undefined) {
    const words = s.split(/[ \t\n\r\x0b\x0c]+/).filter((w) => w !== '');
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    // keep the remainder as written, like Python does
    const re = /[ \t\n\r\x0b\x0c]+/g;
    const t = fromRight ? s.trimEnd() : s.trimStart();
    const cuts = [...t.matchAll(re)].map((m) => [m.index as number, (m.index as number) + m[0].length]);
    const use = fromRight ? cuts.slice(-maxsplit) : cuts.slice(0, maxsplit);
    const out: string[] = [];
    let prev = 0;
    for (const [a, b] of use) {
      out.push(t.slice(prev, a));
      prev = b;
    }
    out.push(t.slice(prev));
    return out.map((x) => x.trim()).filter((x, i, arr) => x !== '' || i === arr.length - 1);
  }
  const sp = String(sep);
  if (sp === '') throw new PyError('ValueError', 'empty separator');
  const parts = s.split(sp);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - maxsplit).join(sp), ...parts.slice(parts.length - maxsplit)]
    : [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)];
}

function title(s: string): string {
  return s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

function affix(s: string, test: unknown, start: unknown, end: unknown, fn: (x: string, p: string) => boolean): boolean {
  const sub = s.slice(start === null || start === undefined ? 0 : Number(start), end === null || end === undefined ? undefined : Number(end));
  const options = Array.isArray(test) ? test : [test];
  return options.some((p) => fn(sub, String(p)));
}

function find(s: string, sub: unknown, start: unknown, end: unknown, last: boolean): number {
  const a = start === null || start === undefined ? 0 : Number(start);
  const b = end === null || end === undefined ? s.length : Number(end);
  const region = s.slice(a, b);
  const i = last ? region.lastIndexOf(String(sub)) : region.indexOf(String(sub));
  return i < 0 ? -1 : i + a;
}

type StrMethod = (s: string, ...args: unknown[]) => unknown;
const a1 = (fn: string, args: unknown[], spec: Record<string, unknown>) => pyArgs(fn, args, spec);

export const PY_STR_METHODS: Record<string, StrMethod> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (s) => title(s),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  strip: (s, ...a) => stripChars(s, a1('strip', a, { chars: null }).chars, true, true),
  lstrip: (s, ...a) => stripChars(s, a1('lstrip', a, { chars: null }).chars, true, false),
  rstrip: (s, ...a) => stripChars(s, a1('rstrip', a, { chars: null }).chars, false, true),
  split: (s, ...a) => {
    const x = a1('split', a, { sep: null, maxsplit: -1 });
    return split(s, x.sep, Number(x.maxsplit), false);
  },
  rsplit: (s, ...a) => {
    const x = a1('rsplit', a, { sep: null, maxsplit: -1 });
    return split(s, x.sep, Number(x.maxsplit), true);
  },
  splitlines: (s, ...a) => {
    const keep = a1('splitlines', a, { keepends: false }).keepends;
    const lines = s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    return keep ? lines : lines.map((l) => l.replace(/\r?\n$/, ''));
  },
  join: (s, iterable) => {
    const items = Array.isArray(iterable) ? iterable : typeof iterable === 'string' ? [...iterable] : Object.keys(iterable ?? {});
    items.forEach((x, i) => {
      if (typeof x !== 'string') throw new PyError('TypeError', `sequence item ${i}: expected str instance, ${pyTypeName(x)} found`);
    });
    return items.join(s);
  },
  replace: (s, ...a) => {
    const x = a1('replace', a, { old: '', new: '', count: -1 });
    const parts = s.split(String(x.old));
    const n = Number(x.count);
    if (n < 0 || parts.length - 1 <= n) return parts.join(String(x.new));
    return parts.slice(0, n + 1).join(String(x.new)) + String(x.old) + parts.slice(n + 1).join(String(x.old));
  },
  startswith: (s, ...a) => {
    const x = a1('startswith', a, { prefix: '', start: null, end: null });
    return affix(s, x.prefix, x.start, x.end, (t, p) => t.startsWith(p));
  },
  endswith: (s, ...a) => {
    const x = a1('endswith', a, { suffix: '', start: null, end: null });
    return affix(s, x.suffix, x.start, x.end, (t, p) => t.endsWith(p));
  },
  find: (s, sub, start, end) => find(s, sub, start, end, false),
  rfind: (s, sub, start, end) => find(s, sub, start, end, true),
  index: (s, sub, start, end) => {
    const i = find(s, sub, start, end, false);
    if (i < 0) throw new PyError('ValueError', 'substring not found');
    return i;
  },
  count: (s, sub) => (String(sub) === '' ? s.length + 1 : s.split(String(sub)).length - 1),
  format: (s, ...a) => strFormat(s, a),
  zfill: (s, width) => {
    const w = Number(width);
    const sign = /^[-+]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  center: (s, width, fill = ' ') => {
    const total = Math.max(0, Number(width) - s.length);
    const left = Math.floor(total / 2) + (total % 2 && Number(width) % 2 ? 1 : 0);
    return String(fill).repeat(left) + s + String(fill).repeat(total - left);
  },
  ljust: (s, width, fill = ' ') => s.padEnd(Number(width), String(fill)),
  rjust: (s, width, fill = ' ') => s.padStart(Number(width), String(fill)),
  isdigit: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  partition: (s, sep) => {
    const i = s.indexOf(String(sep));
    return i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)];
  },
  rpartition: (s, sep) => {
    const i = s.lastIndexOf(String(sep));
    return i < 0 ? ['', '', s] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)];
  },
  removeprefix: (s, p) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s),
  removesuffix: (s, p) => (String(p) && s.endsWith(String(p)) ? s.slice(0, -String(p).length) : s),
};

export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  if (isPyObject(v)) return v.__pyclass.split('.').pop() as string;
  return 'dict';
}

// ---- printf-style `%` ----------------------------------------------------------------------

function toNumber(v: unknown, conv: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  const need = 'dioxXc'.includes(conv) ? 'a real number is required, not ' : 'must be real number, not ';
  throw new PyError('TypeError', `%${conv} format: ${need}${pyTypeName(v)}`);
}

/** One printf conversion with flags/width/precision already parsed. */
function convert(conv: string, v: unknown, flags: string, width: number, prec: number | null): string {
  let body: string;
  let numeric = false;
  switch (conv) {
    case 's': body = pyStr(v); if (prec !== null) body = body.slice(0, prec); break;
    case 'r': case 'a': body = pyRepr(v); if (prec !== null) body = body.slice(0, prec); break;
    case 'c': body = typeof v === 'number' ? String.fromCodePoint(v) : String(v); break;
    default: {
      numeric = true;
      const n = toNumber(v, conv);
      const isInt = 'diuxXo'.includes(conv);
      const value = isInt ? Math.trunc(n) : n;
      const neg = value < 0 || (!isInt && Object.is(value, -0));
      const m = Math.abs(value);
      if (isInt) body = m.toString(conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10);
      else if (conv === 'f' || conv === 'F') body = m.toFixed(prec ?? 6);
      else if (conv === 'e' || conv === 'E') body = m.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      else body = formatG(m, prec ?? 6, flags.includes('#'));
      if (conv === 'X' || conv === 'E' || conv === 'G') body = body.toUpperCase();
      if (flags.includes('#') && (conv === 'x' || conv === 'X' || conv === 'o')) body = `0${conv}` + body;
      body = (neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
    }
  }
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (numeric && flags.includes('0')) {
    const s = /^[-+ ]/.test(body) ? body[0] : '';
    return s + body.slice(s.length).padStart(width - s.length, '0');
  }
  return body.padStart(width);
}

/** %g: shortest of %e / %f at the given significant digits, trailing zeros removed. */
function formatG(m: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (m === 0) return '0';
  const exp = Math.floor(Math.log10(m));
  let s = exp < -4 || exp >= p ? m.toExponential(p - 1).replace(/e([+-])(\d)$/, 'e$10$2') : m.toFixed(Math.max(0, p - 1 - exp));
  if (!alt) s = s.replace(/\.?0+(e|$)/, '$1');
  return s;
}

/** `format % args` (printf-style); args is a tuple (array), a mapping, or one value. */
export function printfFormat(format: string, args: unknown): string {
  const tuple = Array.isArray(args) ? args : null;
  const mapping = !tuple && args && typeof args === 'object' && !isPyObject(args) ? (args as Record<string, unknown>) : null;
  let k = 0;
  const next = (): unknown => {
    if (!tuple) {
      if (k++ > 0) throw new PyError('TypeError', 'not enough arguments for format string');
      return args;
    }
    if (k >= tuple.length) throw new PyError('TypeError', 'not enough arguments for format string');
    return tuple[k++];
  };
  let usedMapping = false;
  const out = format.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g, (_m, name?: string, flags = '', w?: string, p?: string, conv = 's') => {
    if (conv === '%') return '%';
    const width = w === '*' ? Number(next()) : w ? Number(w) : 0;
    const prec = p === '*' ? Number(next()) : p !== undefined ? Number(p) : null;
    let v: unknown;
    if (name !== undefined) {
      if (!mapping) throw new PyError('TypeError', 'format requires a mapping');
      if (!(name in mapping)) throw new PyError('KeyError', `'${name}'`);
      usedMapping = true;
      v = mapping[name];
    } else v = next();
    return convert(conv, v, flags, width, prec);
  });
  if (!usedMapping && tuple && k < tuple.length) throw new PyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

// ---- str.format ------------------------------------------------------------------------------

/** format(value, spec): [[fill]align][sign][#][0][width][,_][.precision][type]; datetimes use strftime. */
function formatSpec(v: unknown, spec: string): string {
  if (spec && v && typeof v === 'object' && typeof (v as { strftime?: unknown }).strftime === 'function') {
    return (v as { strftime: (f: string) => string }).strftime(spec);
  }
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!m) throw new PyError('ValueError', `Invalid format specifier '${spec}'`);
  const [, fillCh, align, sign = '-', alt, zero, w, group, p, type] = m;
  const width = w ? Number(w) : 0;
  const prec = p !== undefined ? Number(p) : null;
  let body: string;
  const isNum = typeof v === 'number' || typeof v === 'boolean';
  if (type === '%') body = convert('f', toNumber(v, 'f') * 100, sign === '-' ? '' : sign, 0, prec) + '%';
  else if (type && type !== 's') body = convert(type === 'n' ? 'd' : type === 'b' ? 'd' : type, v, (sign === '-' ? '' : sign) + (alt ?? ''), 0, prec);
  else if (isNum && !type) body = prec !== null ? formatG(Math.abs(Number(v)), prec, false).replace(/^/, Number(v) < 0 ? '-' : '') : pyStr(v);
  else body = prec !== null ? pyStr(v).slice(0, prec) : pyStr(v);
  if (type === 'b') body = Math.trunc(Number(v)).toString(2);
  if (group) body = body.replace(/^(-?)(\d+)/, (_x, s: string, d: string) => s + d.replace(/\B(?=(\d{3})+(?!\d))/g, group));
  const numeric = isNum || (type !== undefined && type !== 's');
  const fill = fillCh ?? (zero && numeric ? '0' : ' ');
  const al = align ?? (zero && numeric ? '=' : numeric ? '>' : '<');
  const gap = Math.max(0, width - body.length);
  if (al === '<') return body + fill.repeat(gap);
  if (al === '>') return fill.repeat(gap) + body;
  if (al === '^') return fill.repeat(Math.floor(gap / 2)) + body + fill.repeat(gap - Math.floor(gap / 2));
  const s = /^[-+ ]/.test(body) ? body[0] : '';
  return s + fill.repeat(gap) + body.slice(s.length);
}

/** str.format(*args, **kwargs) with {} {0} {name} {x.attr} {x[key]} !r !s and format specs. */
export function strFormat(template: string, callArgs: unknown[]): string {
  const { pos, kw } = splitArgs(callArgs);
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field?: string, conv?: string, spec = '') => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const path = /^([^.[]*)(.*)$/.exec(field ?? '') as RegExpExecArray;
    let v: unknown;
    if (path[1] === '') v = pos[auto++];
    else if (/^\d+$/.test(path[1])) v = pos[Number(path[1])];
    else if (path[1] in kw) v = kw[path[1]];
    else throw new PyError('KeyError', `'${path[1]}'`);
    if (v === undefined && (path[1] === '' || /^\d+$/.test(path[1]))) {
      throw new PyError('IndexError', `Replacement index ${path[1] || auto - 1} out of range for positional args tuple`);
    }
    for (const [, attr, key] of path[2].matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
      v = (v as Record<string, unknown>)?.[attr ?? key];
    }
    const shown = conv === 'r' || conv === 'a' ? pyRepr(v) : conv === 's' ? pyStr(v) : v;
    return formatSpec(shown, spec);
  });
}
