// How Python prints values, for outputs that must match Airflow's byte for byte:
// repr() of str, str() of dicts/lists, datetime.isoformat()/str(), json.dumps().

/** Python's repr() of a str: single quotes unless the text has ' and no ". */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a float (JS numbers that came from JSON): 1.0 cannot be told from 1. */
function pyNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's str()/repr() of a JSON-like value (dict, list, str, number, bool, None). */
export function pyValueRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return pyRepr(v);
  if (Array.isArray(v)) return '[' + v.map(pyValueRepr).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyValueRepr(x)}`).join(', ') + '}';
  }
  return String(v);
}

/** Python's str() of a value as a table cell would show it (str of str is the str itself). */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyValueRepr(v);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** datetime.isoformat(sep) of an aware datetime at `offset_min` minutes from UTC. */
export function pyIsoformat(ms: number, offset_min = 0, sep = 'T'): string {
  const d = new Date(ms + offset_min * 60_000);
  const base =
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `${sep}${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const micros = d.getUTCMilliseconds() * 1000;
  const frac = micros ? '.' + String(micros).padStart(6, '0') : '';
  const sign = offset_min < 0 ? '-' : '+';
  const abs = Math.abs(offset_min);
  return `${base}${frac}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** str() of an aware datetime (pendulum 3 / datetime): isoformat with a space. */
export function pyDatetimeStr(ms: number, offset_min = 0): string {
  return pyIsoformat(ms, offset_min, ' ');
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      // ensure_ascii=True: \uXXXX, astral characters as a surrogate pair
      for (let i = 0; i < ch.length; i++) out += '\\u' + ch.charCodeAt(i).toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** Python's json.dumps(value) with its defaults: ", " and ": " separators, ensure_ascii. */
export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? pyNumber(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
  if (typeof v === 'string') return jsonString(v);
  if (Array.isArray(v)) return '[' + v.map(pyJsonDumps).join(', ') + ']';
  return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${jsonString(k)}: ${pyJsonDumps(x)}`).join(', ') + '}';
}

/** Python's ", ".join-free list repr of strings: ['a', 'b'] */
export function pyListRepr(items: readonly string[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']';
}
