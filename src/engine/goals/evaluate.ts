// Evaluates the goal language (types.ts) against a Simulation. Rows are the Metastore view's
// (views/metastoreTables.ts: Airflow's table and column names per profile, times as ISO text with
// Z, JSON columns as JSON text) plus two pseudo tables: "message" (the component message log,
// bus.ts) and "command" (the session's command log). Evaluation only reads: asking whether a goal
// holds cannot change a replay.
//
// A teacher's mistake must fail loudly, never read as "the goal does not hold yet": an unknown
// table or column, a malformed goal, or a comparison of a number column with text throws a
// GoalError naming what is valid. Every branch of all/any is evaluated (no short cut), so a typo
// in a branch that does not decide the answer is found too.
import type { Simulation } from '../simulation.ts';
import { isoZ } from '../time.ts';
import { metastoreTables, tableRows } from '../views/metastoreTables.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { predicateProblems, queryProblems } from './shape.ts';
import type { Cond, Predicate, Query, RowSet } from './types.ts';

export class GoalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoalError';
  }
}

/** The warehouse could not answer a goal's SQL (no such table yet, no warehouse yet). In a goal this
 *  means "does not hold yet" (the learner has not created the table); a query's value throws it. */
export class SqlRefused extends GoalError {}

/** What the Simulation itself does not hold: the command log lives in the session (playback.ts). */
export interface GoalContext {
  commands?: readonly { at: number; run: string; exit_code: number; output: string }[];
  /** an empty database to read while the simulation has none (sql.js is loaded but nothing used SQL yet:
   *  the same state, see src/worker/warehouse.ts) */
  emptyWarehouse?: () => Warehouse | null;
}

export interface Verdict {
  holds: boolean;
  /** each comparison with the value the engine found, for a teacher or a failing test to read */
  detail: string;
}

interface Table {
  name: string;
  columns: string[];
  rows: () => readonly unknown[];
  cell: (row: unknown, column: number) => unknown;
}

const arrayCell = (row: unknown, i: number) => (row as unknown[])[i];

const PSEUDO = ['message', 'command'];
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const show = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v));
const profileName = (sim: Simulation) => (sim.profile === '2' ? 'Airflow 2.10' : 'Airflow 3');

function openTable(sim: Simulation, ctx: GoalContext, name: string): Table {
  if (name === 'message') {
    return {
      name,
      columns: ['seq', 'at', 'from', 'to', 'kind', 'text', 'dag_id', 'run_id', 'task_id'],
      rows: () => sim.messages.messages.map((m) => [m.seq, isoZ(m.at), m.from, m.to, m.kind, m.text, m.dag_id ?? null, m.run_id ?? null, m.task_id ?? null]),
      cell: arrayCell,
    };
  }
  if (name === 'command') {
    const log = ctx.commands;
    if (!log) throw new GoalError('the "command" table is the session\'s command log, and none was given here (evaluate through SimSession.evaluate)');
    return { name, columns: ['at', 'run', 'exit_code', 'output'], rows: () => log.map((c) => [isoZ(c.at), c.run, c.exit_code, c.output]), cell: arrayCell };
  }
  const t = tableRows(sim, name);
  if (!t) {
    const names = [...metastoreTables(sim).map((x) => x.name), ...PSEUDO];
    throw new GoalError(`no table "${name}" under ${profileName(sim)} (tables: ${names.join(', ')})`);
  }
  return t;
}

function columnIndex(sim: Simulation, t: Table, column: string): number {
  const i = t.columns.indexOf(column);
  if (i >= 0) return i;
  const renamed: Record<string, string> = { logical_date: 'execution_date', execution_date: 'logical_date', is_active: 'is_stale', is_stale: 'is_active', schedule_interval: 'timetable_summary', timetable_summary: 'schedule_interval' };
  const other = renamed[column];
  const hint = other && t.columns.includes(other) ? `; ${profileName(sim)} calls it "${other}" (a lesson run under both profiles can use data_interval_start or run_id)` : '';
  throw new GoalError(`table ${t.name} has no column "${column}" under ${profileName(sim)}${hint} (columns: ${t.columns.join(', ')})`);
}

/** The rows of a RowSet that pass its `where` (read a cell with table.cell). */
function select(sim: Simulation, ctx: GoalContext, r: RowSet): { table: Table; rows: unknown[] } {
  const table = openTable(sim, ctx, r.table);
  const filters = Object.entries(r.where ?? {}).map(([col, cond]) => ({ i: columnIndex(sim, table, col), cond, where: `${table.name}.${col}` }));
  const rows = table.rows().filter((row) => filters.every((f) => condHolds(table.cell(row, f.i), f.cond, f.where)));
  return { table, rows };
}

/** The value of a query. Throws GoalError for a malformed query or an unknown table/column. */
export function runQuery(sim: Simulation, q: Query, ctx: GoalContext = {}): unknown {
  const problems = queryProblems(q, 'query');
  if (problems.length) throw new GoalError(problems.join('; '));
  return valueOf(sim, q, ctx);
}

function valueOf(sim: Simulation, q: Query, ctx: GoalContext): unknown {
  if ('count' in q) return select(sim, ctx, q.count).rows.length;
  if ('value' in q) {
    const { table, rows } = select(sim, ctx, q.value);
    const i = columnIndex(sim, table, q.value.column);
    const row = q.value.pick === 'last' ? rows[rows.length - 1] : rows[0];
    return row === undefined ? null : table.cell(row, i);
  }
  if ('values' in q) {
    const { table, rows } = select(sim, ctx, q.values);
    const i = columnIndex(sim, table, q.values.column);
    return rows.map((r) => table.cell(r, i));
  }
  if ('clock' in q) return isoZ(sim.now);
  return sqlValue(sim.warehouse ?? ctx.emptyWarehouse?.() ?? null, q.sql, !!q.rows);
}

function sqlValue(wh: Warehouse | null, sql: string, rows: boolean): unknown {
  if (!wh) throw new SqlRefused(`{"sql": ...} reads the warehouse, and this simulation has none (sql.js is not loaded): ${show(sql)}`);
  // Only reads, so checking a goal cannot change a replay: its first statement alone runs (a second
  // one could turn query_only off or open a transaction), under PRAGMA query_only (which refuses
  // the writes a SELECT-looking statement can hide: WITH ... DELETE).
  let result;
  wh.exec('PRAGMA query_only = ON');
  try {
    result = wh.run(sql);
  } catch (e) {
    const msg = (e as Error).message;
    if (/readonly/i.test(msg)) throw new GoalError(`a goal only reads the warehouse, and ${show(sql)} writes`);
    throw new SqlRefused(`the warehouse refused ${show(sql)}: ${msg}`);
  } finally {
    wh.exec('PRAGMA query_only = OFF');
  }
  if (rows) return result.rows;
  return result.rows[0]?.[0] ?? null;
}

/** Whether a predicate holds now. Throws GoalError for a teacher's mistake. */
export function evaluate(sim: Simulation, p: Predicate, ctx: GoalContext = {}): boolean {
  return check(sim, p, ctx).holds;
}

/** Whether a predicate holds, with what the engine found for each comparison. */
export function check(sim: Simulation, p: Predicate, ctx: GoalContext = {}): Verdict {
  const problems = predicateProblems(p, 'goal');
  if (problems.length) throw new GoalError(problems.join('; '));
  const lines: string[] = [];
  const holds = walk(sim, p, ctx, lines, '');
  return { holds, detail: lines.join('\n') };
}

function walk(sim: Simulation, p: Predicate, ctx: GoalContext, lines: string[], indent: string): boolean {
  const mark = (b: boolean) => (b ? '[holds]' : '[fails]');
  if ('all' in p || 'any' in p) {
    const all = 'all' in p;
    const at = lines.push('') - 1;
    const parts = (all ? (p as { all: Predicate[] }).all : (p as { any: Predicate[] }).any).map((x) => walk(sim, x, ctx, lines, indent + '  '));
    const holds = all ? parts.every(Boolean) : parts.some(Boolean);
    lines[at] = `${indent}${mark(holds)} ${all ? 'all of' : 'any of'}:`;
    return holds;
  }
  if ('not' in p) {
    const at = lines.push('') - 1;
    const holds = !walk(sim, p.not, ctx, lines, indent + '  ');
    lines[at] = `${indent}${mark(holds)} not:`;
    return holds;
  }
  let value: unknown;
  try {
    value = valueOf(sim, p.query, ctx);
  } catch (e) {
    if (!(e instanceof SqlRefused)) throw e;
    lines.push(`${indent}${mark(false)} ${e.message}`);
    return false;
  }
  const holds = condHolds(value, p.is, describe(p.query));
  lines.push(`${indent}${mark(holds)} ${describe(p.query)} is ${show(value)}; wanted ${describeCond(p.is)}`);
  return holds;
}

/** A query in words, for failure messages. */
export function describe(q: Query): string {
  const rs = (r: RowSet) => `${r.table}${r.where && Object.keys(r.where).length ? ` where ${show(r.where)}` : ''}`;
  if ('count' in q) return `count of ${rs(q.count)}`;
  if ('value' in q) return `${q.value.pick === 'last' ? 'last' : 'first'} ${q.value.column} of ${rs(q.value)}`;
  if ('values' in q) return `every ${q.values.column} of ${rs(q.values)}`;
  if ('clock' in q) return 'the clock';
  return `sql ${show(q.sql)}${q.rows ? ' (rows)' : ''}`;
}

export function describeCond(c: Cond): string {
  if (c === null || typeof c !== 'object') return show(c);
  return Object.entries(c)
    .map(([k, v]) => `${k} ${show(v)}`)
    .join(' and ');
}

// ---- comparisons ----

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value satisfies a Cond; every operator of an object Cond must hold. */
export function condHolds(value: unknown, cond: Cond, where: string): boolean {
  if (!isObj(cond)) return equals(value, cond, where);
  const c = cond as Exclude<Cond, string | number | boolean | null>;
  return Object.entries(c).every(([op, arg]) => {
    switch (op) {
      case 'eq':
        return equals(value, arg, where);
      case 'ne':
        return !equals(value, arg, where);
      case 'in':
        return (arg as unknown[]).some((a) => equals(value, a, where));
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return order(value, arg as number | string, op, where);
      case 'contains':
        return contains(value, arg, where);
      case 'matches':
        return matches(value, arg as string, where);
      default:
        throw new GoalError(`${where}: unknown comparison "${op}"`);
    }
  });
}

function equals(value: unknown, expected: unknown, where: string): boolean {
  if (Array.isArray(value) || isObj(value) || Array.isArray(expected) || isObj(expected)) return JSON.stringify(value) === JSON.stringify(expected);
  if (value === null || expected === null || value === undefined) return value === expected;
  sameType(value, expected, where);
  if (typeof value === 'string' && ISO_Z.test(value) && typeof expected === 'string' && DATE_PREFIX.test(expected) && !ISO_Z.test(expected)) {
    throw new GoalError(`${where}: times are ISO 8601 in UTC with Z and seconds, like ${show(value)}; ${show(expected)} never equals one (use {"gte": ..., "lt": ...} for a day)`);
  }
  return value === expected;
}

function order(value: unknown, bound: number | string, op: string, where: string): boolean {
  if (value === null || value === undefined) return false;
  sameType(value, bound, where);
  if (typeof value !== 'number' && typeof value !== 'string') throw new GoalError(`${where}: "${op}" compares numbers or times, and this value is ${show(value)}`);
  if (typeof value === 'string' && ISO_Z.test(value) && typeof bound === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(bound) && !ISO_Z.test(bound)) {
    throw new GoalError(`${where}: compare times with a date ("2024-06-25") or an ISO time with Z and seconds ("2024-06-25T00:00:00Z"), not ${show(bound)}`);
  }
  const v = value as number | string;
  return op === 'gt' ? v > bound : op === 'gte' ? v >= bound : op === 'lt' ? v < bound : v <= bound;
}

function contains(value: unknown, needle: unknown, where: string): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some((x) => JSON.stringify(x) === JSON.stringify(needle));
  if (typeof value !== 'string') throw new GoalError(`${where}: "contains" looks inside text or a list, and this value is ${show(value)} (use a bare value or "eq")`);
  if (typeof needle !== 'string') throw new GoalError(`${where}: "contains" on text needs text, not ${show(needle)}`);
  return value.includes(needle);
}

function matches(value: unknown, pattern: string, where: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'string') throw new GoalError(`${where}: "matches" tests text, and this value is ${show(value)}`);
  return new RegExp(pattern).test(value);
}

/** 3 and "3" are different in a goal; say so rather than let the goal silently never hold. */
function sameType(value: unknown, expected: unknown, where: string): void {
  if (typeof value === typeof expected) return;
  const kind = (v: unknown) => (typeof v === 'string' ? 'text' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'true/false' : typeof v);
  throw new GoalError(`${where} is ${kind(value)} (${show(value)}) and the goal compares it with ${kind(expected)} (${show(expected)}); write ${typeof value === 'string' ? `"${String(expected)}"` : typeof value === 'number' ? 'a number without quotes' : 'true or false without quotes'}`);
}
