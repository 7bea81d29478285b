// Errors raised while reading a DAG file, and how they become Airflow-style import errors.

import type { ImportErrorSpec } from './spec.ts';

/**
 * A Python exception raised by the evaluated file (or by Airflow code it calls).
 * `type` is the Python class name ("NameError", "AirflowException", ...); `message` is what
 * Python/Airflow would print after the colon; `hint` is our plain explanation for learners.
 */
export class PyException extends Error {
  pos: number | null;
  constructor(
    public type: string,
    message: string,
    public hint: string | null = null,
    pos: number | null = null,
  ) {
    super(message);
    this.pos = pos;
  }
}

/** The file does more work than the simulator allows (steps, recursion, sizes). Not catchable by `try`. */
export class BudgetExceeded extends Error {
  pos: number | null = null;
}

/** Python's exception hierarchy, as far as `except X:` needs it. */
const PARENT: Record<string, string> = {
  Exception: 'BaseException',
  ImportError: 'Exception',
  ModuleNotFoundError: 'ImportError',
  NameError: 'Exception',
  UnboundLocalError: 'NameError',
  TypeError: 'Exception',
  ValueError: 'Exception',
  LookupError: 'Exception',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  AttributeError: 'Exception',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  RuntimeError: 'Exception',
  RecursionError: 'RuntimeError',
  NotImplementedError: 'RuntimeError',
  AssertionError: 'Exception',
  StopIteration: 'Exception',
  OSError: 'Exception',
  FileNotFoundError: 'OSError',
  SyntaxError: 'Exception',
  AirflowException: 'Exception',
  AirflowSkipException: 'AirflowException',
  AirflowFailException: 'AirflowException',
  AirflowDagCycleException: 'AirflowException',
  DuplicateTaskIdFound: 'AirflowException',
  AirflowTimetableInvalid: 'AirflowException',
  ParamValidationError: 'AirflowException',
  TaskAlreadyInTaskGroup: 'AirflowException',
  ZoneInfoNotFoundError: 'KeyError',
  InvalidTimezone: 'ValueError',
  JSONDecodeError: 'ValueError',
};

export function isSubclass(type: string, base: string): boolean {
  for (let t: string | undefined = type; t; t = PARENT[t]) if (t === base) return true;
  return false;
}

export function knownExceptionTypes(): string[] {
  return [...Object.keys(PARENT), 'BaseException'];
}

/** 1-based line and column of a source offset. */
export function lineCol(lineStarts: number[], pos: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: pos - lineStarts[lo] + 1 };
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function makeError(filename: string, lineStarts: number[], pos: number, message: string): ImportErrorSpec {
  const { line, column } = lineCol(lineStarts, Math.max(0, pos));
  return { filename, line, column, message };
}

/** "NameError: name 'x' is not defined" plus the plain explanation on the next line. */
export function formatException(e: PyException): string {
  const head = e.message ? `${e.type}: ${e.message}` : e.type;
  return e.hint ? `${head}\n${e.hint}` : head;
}

/** Levenshtein distance, capped for speed. */
export function editDistance(a: string, b: string, cap = 4): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < best) best = cur[j];
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate, Python-style ("Did you mean: 'x'?"), or null when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(name, c, 3);
    const limit = Math.max(1, Math.min(3, Math.floor((name.length + 1) / 3)));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

export function suggestion(name: string, candidates: Iterable<string>): string {
  const s = didYouMean(name, candidates);
  return s ? ` Did you mean: '${s}'?` : '';
}
