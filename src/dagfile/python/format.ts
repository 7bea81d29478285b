// format(value, spec): the format-spec mini-language for f-strings and str.format.

import { PyException } from '../errors.ts';
import { PyDateTime } from '../time/values.ts';
import { strftime } from '../time/strftime.ts';
import { PyFloat, type PyValue, floatRepr, str, toNum, typeName } from './values.ts';

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

export function formatValue(v: PyValue, spec: string): string {
  if (v instanceof PyDateTime) return strftime(v, spec);
  const m = SPEC.exec(spec);
  if (!m) throw new PyException('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  const [, fillCh, align, sign, , zero, width, group, prec, type] = m;
  let body: string;
  const numeric = typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
  if (type && type !== 's' && !numeric) {
    throw new PyException('ValueError', `Unknown format code '${type}' for object of type '${typeName(v)}'`);
  }
  if (!numeric || type === 's') {
    body = str(v);
    if (prec) body = body.slice(0, Number(prec));
  } else {
    const x = toNum(v);
    switch (type) {
      case 'd':
      case 'n':
        if (v instanceof PyFloat) throw new PyException('ValueError', "Unknown format code 'd' for object of type 'float'");
        body = String(Math.abs(x));
        break;
      case 'f':
      case 'F':
        body = Math.abs(x).toFixed(prec ? Number(prec) : 6);
        break;
      case 'e':
      case 'E':
        body = Math.abs(x).toExponential(prec ? Number(prec) : 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (type === 'E') body = body.toUpperCase();
        break;
      case '%':
        body = (Math.abs(x) * 100).toFixed(prec ? Number(prec) : 6) + '%';
        break;
      case 'x':
      case 'X':
        body = Math.abs(x).toString(16);
        if (type === 'X') body = body.toUpperCase();
        break;
      case 'o':
        body = Math.abs(x).toString(8);
        break;
      case 'b':
        body = Math.abs(x).toString(2);
        break;
      case 'g':
      case 'G':
        body = String(Number(Math.abs(x).toPrecision(prec ? Number(prec) || 1 : 6)));
        break;
      default:
        body = v instanceof PyFloat ? (prec ? Math.abs(x).toFixed(Number(prec)) : floatRepr(Math.abs(x))) : String(Math.abs(x));
    }
    if (group) {
      const [int, frac] = body.split('.');
      body = int.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (frac !== undefined ? '.' + frac : '');
    }
    const neg = x < 0 || Object.is(x, -0);
    const signStr = neg ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    body = signStr + body;
    if (zero && !align && width) {
      const w = Number(width);
      if (body.length < w) body = signStr + body.slice(signStr.length).padStart(w - signStr.length, '0');
      return body;
    }
  }
  if (!width) return body;
  const w = Number(width);
  if (body.length >= w) return body;
  const fill = fillCh ?? ' ';
  const a = align ?? (numeric && type !== 's' ? '>' : '<');
  const padN = w - body.length;
  if (a === '<') return body + fill.repeat(padN);
  if (a === '>' || a === '=') return fill.repeat(padN) + body;
  const left = Math.floor(padN / 2);
  return fill.repeat(left) + body + fill.repeat(padN - left);
}
