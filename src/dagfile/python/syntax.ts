// Syntax errors, reported the way CPython's tokenizer and parser word them.
// The tokenizer's bracket and string checks come first (as in CPython), then lezer's error nodes.

import type { Tree } from '@lezer/common';
import { PyException } from '../errors.ts';

const OPEN = '([{';
const CLOSE = ')]}';

/** Unclosed/unmatched brackets and unterminated strings. */
export function tokenizerCheck(src: string): PyException | null {
  const stack: { ch: string; pos: number }[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 35 /* # */) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 34 || c === 39) {
      const end = skipString(src, i);
      if (end < 0) return unterminated(src, i);
      i = end;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) stack.push({ ch: src[i], pos: i });
    else if (c === 41 || c === 93 || c === 125) {
      const ch = src[i];
      const top = stack.pop();
      if (!top) return new PyException('SyntaxError', `unmatched '${ch}'`, 'There is a closing bracket without an opening one.', i);
      if (OPEN.indexOf(top.ch) !== CLOSE.indexOf(ch)) {
        return new PyException('SyntaxError', `closing parenthesis '${ch}' does not match opening parenthesis '${top.ch}'`, null, i);
      }
    }
    i++;
  }
  const last = stack.pop();
  if (last) {
    return new PyException('SyntaxError', `'${last.ch}' was never closed`, `Add the matching '${CLOSE[OPEN.indexOf(last.ch)]}'.`, last.pos);
  }
  return null;
}

function unterminated(src: string, i: number): PyException {
  const c = src[i];
  const triple = src.startsWith(c + c + c, i);
  const line = src.slice(0, i).split('\n').length;
  return new PyException(
    'SyntaxError',
    triple ? `unterminated triple-quoted string literal (detected at line ${src.split('\n').length})` : `unterminated string literal (detected at line ${line})`,
    triple ? 'A string opened with three quotes must be closed with the same three quotes.' : 'Close the string with the same quote character it starts with.',
    stringStart(src, i),
  );
}

/** Where a string token begins, including prefix letters (f, r, b, u). */
function stringStart(src: string, quotePos: number): number {
  let s = quotePos;
  while (s > 0 && /[rRbBuUfF]/.test(src[s - 1]) && quotePos - s < 2) s--;
  if (s > 0 && /[\w]/.test(src[s - 1])) return quotePos;
  return s;
}

/** Offset after the string starting at `i` (a quote), or -1 when unterminated. */
function skipString(src: string, i: number): number {
  const q = src.charCodeAt(i);
  const triple = src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  const n = src.length;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c === 92 /* \\ */) {
      j += 2;
      continue;
    }
    if (!triple && c === 10) return -1;
    if (c === q && (!triple || (src.charCodeAt(j + 1) === q && src.charCodeAt(j + 2) === q))) return j + (triple ? 3 : 1);
    j++;
  }
  return -1;
}

/** The first lezer error node, as a Python-style SyntaxError. */
export function parserCheck(tree: Tree, src: string): PyException | null {
  let errPos = -1;
  let printPos = -1;
  tree.iterate({
    enter(n) {
      if (errPos >= 0) return false;
      if (n.type.isError) {
        errPos = n.from;
        return false;
      }
      if (n.name === 'PrintStatement' && printPos < 0) printPos = n.from;
      return undefined;
    },
  });
  if (printPos >= 0 && (errPos < 0 || printPos <= errPos)) {
    return new PyException('SyntaxError', "Missing parentheses in call to 'print'. Did you mean print(...)?", null, printPos);
  }
  if (errPos < 0) return null;
  const tok = tokenAt(src, errPos);
  if (!tok) return new PyException('SyntaxError', 'invalid syntax: unexpected end of file', 'The file ends in the middle of a statement.', errPos);
  const hint = indentHint(src, errPos);
  return new PyException('SyntaxError', `invalid syntax: unexpected '${tok.text}'`, hint, tok.pos);
}

function tokenAt(src: string, pos: number): { text: string; pos: number } | null {
  let i = pos;
  while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
  if (i >= src.length || /^\s*$/.test(src.slice(i))) return null;
  if (src[i] === '\n' || src[i] === '\r') return { text: 'end of line', pos: i };
  const m = /^([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*|\d[\w.]*|\*\*|\/\/|>>|<<|==|!=|<=|>=|->|:=|.)/.exec(src.slice(i, i + 80));
  return { text: m ? m[0] : src[i], pos: i };
}

function indentHint(src: string, pos: number): string | null {
  const lineStart = src.lastIndexOf('\n', pos - 1) + 1;
  const before = src.slice(lineStart, pos);
  if (/^\s+$/.test(before) && before.length > 0) return 'Check the indentation of this line: Python uses indentation to group statements.';
  return null;
}
