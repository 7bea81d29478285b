// Python string literals: prefixes, quotes and escapes (the lezer tree keeps them raw).

import { PyException } from '../errors.ts';

export interface LiteralParts {
  prefix: string; // lower-case prefix letters: "", "r", "b", "f", "rb", "fr", ...
  quoteLen: number; // 1 or 3
  bodyFrom: number; // offset of the body inside the token text
  bodyTo: number;
}

export function splitLiteral(text: string): LiteralParts {
  let i = 0;
  for (let c = text.charCodeAt(0); (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = text.charCodeAt(++i));
  const prefix = text.slice(0, i).toLowerCase();
  const q = text[i];
  const triple = text.slice(i, i + 3) === q + q + q && text.length >= i + 6;
  const quoteLen = triple ? 3 : 1;
  const bodyFrom = i + quoteLen;
  let bodyTo = text.length - quoteLen;
  // an unterminated string is reported by the syntax check; stay safe here
  if (bodyTo < bodyFrom || text.slice(bodyTo) !== q.repeat(quoteLen)) bodyTo = text.length;
  return { prefix, quoteLen, bodyFrom, bodyTo };
}

const SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Decodes backslash escapes of a (non-raw) Python string body. */
export function decodeEscapes(body: string, pos: number): string {
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === '\n') continue; // line continuation
    if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) {
        throw new PyException('SyntaxError', `(unicode error) truncated \\${n} escape`, null, pos);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new PyException('SyntaxError', '(unicode error) illegal Unicode character', null, pos);
      out += String.fromCodePoint(code);
      i += len;
    } else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      out += String.fromCharCode(parseInt(oct, 8));
    } else if (n === 'N' && body[i + 1] === '{') {
      const end = body.indexOf('}', i);
      out += '?'; // named unicode escapes are not worth a table here
      i = end < 0 ? body.length : end;
    } else if (n in SIMPLE) {
      out += SIMPLE[n];
    } else {
      out += '\\' + n; // unknown escapes stay as written, as in Python
    }
  }
  return out;
}

/** The value of a plain (non-f) string token. */
export function stringValue(text: string, pos: number): { value: string; bytes: boolean } {
  const q = text.charCodeAt(0);
  // fast path: a plain "..." or '...' without escapes
  if ((q === 34 || q === 39) && text.length >= 2 && text.charCodeAt(text.length - 1) === q && text.indexOf('\\') < 0 && !(text.length >= 6 && text.charCodeAt(1) === q && text.charCodeAt(2) === q)) {
    return { value: text.slice(1, -1), bytes: false };
  }
  const p = splitLiteral(text);
  const body = text.slice(p.bodyFrom, p.bodyTo);
  const raw = p.prefix.includes('r');
  return { value: raw ? body : decodeEscapes(body, pos), bytes: p.prefix.includes('b') };
}

/** Literal text of an f-string segment: escapes, then doubled braces. */
export function fstringText(segment: string, raw: boolean, pos: number): string {
  const s = raw ? segment : decodeEscapes(segment, pos);
  if (s.indexOf('{{') < 0 && s.indexOf('}}') < 0) return s;
  return s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}
