// Python's json.loads (CPython 3.12 json/decoder.py), so that a bad --conf fails
// with the message Airflow's users see: "Expecting value: line 1 column 1 (char 0)".
import { AirflowError } from './errors.ts';
import { pyRepr } from './pyfmt.ts';

const WS = ' \t\n\r';

function fail(doc: string, msg: string, pos: number): never {
  const lineno = doc.slice(0, pos).split('\n').length;
  const nl = doc.lastIndexOf('\n', pos - 1);
  const colno = nl < 0 ? pos + 1 : pos - nl;
  throw new AirflowError('json.decoder.JSONDecodeError', `${msg}: line ${lineno} column ${colno} (char ${pos})`);
}

function skip(doc: string, i: number): number {
  while (i < doc.length && WS.includes(doc[i]!)) i++;
  return i;
}

function parseString(doc: string, start: number): [string, number] {
  // start points just after the opening quote
  let out = '';
  let i = start;
  for (;;) {
    if (i >= doc.length) fail(doc, 'Unterminated string starting at', start - 1);
    const ch = doc[i]!;
    if (ch === '"') return [out, i + 1];
    if (ch === '\\') {
      const esc = doc[i + 1];
      if (esc === undefined) fail(doc, 'Unterminated string starting at', start - 1);
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc in simple) {
        out += simple[esc];
        i += 2;
      } else if (esc === 'u') {
        const hex = doc.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(doc, 'Invalid \\uXXXX escape', i + 1);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        fail(doc, `Invalid \\escape: ${pyRepr(esc)}`, i);
      }
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) fail(doc, 'Invalid control character at', i);
    out += ch;
    i++;
  }
}

function parseValue(doc: string, i: number): [unknown, number] {
  const ch = doc[i];
  if (ch === '"') return parseString(doc, i + 1);
  if (ch === '{') return parseObject(doc, i + 1);
  if (ch === '[') return parseArray(doc, i + 1);
  for (const [word, v] of [
    ['null', null],
    ['true', true],
    ['false', false],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ] as const) {
    if (doc.startsWith(word, i)) return [v, i + word.length];
  }
  const m = /^(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/.exec(doc.slice(i));
  if (m) return [Number(m[0]), i + m[0].length];
  fail(doc, 'Expecting value', i);
}

function parseObject(doc: string, i: number): [Record<string, unknown>, number] {
  const obj: Record<string, unknown> = {};
  i = skip(doc, i);
  if (doc[i] === '}') return [obj, i + 1];
  for (;;) {
    if (doc[i] !== '"') fail(doc, 'Expecting property name enclosed in double quotes', i);
    const [key, afterKey] = parseString(doc, i + 1);
    i = skip(doc, afterKey);
    if (doc[i] !== ':') fail(doc, "Expecting ':' delimiter", i);
    i = skip(doc, i + 1);
    const [v, afterValue] = parseValue(doc, i);
    obj[key] = v;
    i = skip(doc, afterValue);
    if (doc[i] === '}') return [obj, i + 1];
    if (doc[i] !== ',') fail(doc, "Expecting ',' delimiter", i);
    i = skip(doc, i + 1);
  }
}

function parseArray(doc: string, i: number): [unknown[], number] {
  const arr: unknown[] = [];
  i = skip(doc, i);
  if (doc[i] === ']') return [arr, i + 1];
  for (;;) {
    const [v, after] = parseValue(doc, i);
    arr.push(v);
    i = skip(doc, after);
    if (doc[i] === ']') return [arr, i + 1];
    if (doc[i] !== ',') fail(doc, "Expecting ',' delimiter", i);
    i = skip(doc, i + 1);
  }
}

/** json.loads(text): the value, or AirflowError('json.decoder.JSONDecodeError', ...). */
export function pyJsonLoads(doc: string): unknown {
  const start = skip(doc, 0);
  const [v, end] = parseValue(doc, start);
  const rest = skip(doc, end);
  if (rest !== doc.length) fail(doc, 'Extra data', rest);
  return v;
}
