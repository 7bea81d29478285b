// What SQLExecuteQueryOperator.execute does with a SQLite connection, line by line:
//   providers/common/sql/src/airflow/providers/common/sql/operators/sql.py  (execute, _process_output)
//   providers/common/sql/src/airflow/providers/common/sql/hooks/sql.py      (DbApiHook.run, _run_command,
//       split_sql_string, _create_autocommit_connection, get_autocommit)
//   providers/common/sql/src/airflow/providers/common/sql/hooks/handlers.py (fetch_all_handler,
//       return_single_query_results)
//   providers/sqlite/src/airflow/providers/sqlite/hooks/sqlite.py           (SqliteHook: sqlite3.connect)
// and Python's sqlite3 module under it (legacy transaction control, the default: an implicit
// BEGIN before INSERT/UPDATE/DELETE/REPLACE; cursor.rowcount -1 for other statements; close()
// without commit() discards the open transaction).
//
// SqliteHook keeps DbApiHook.supports_autocommit = False, so `autocommit=True` changes nothing
// for SQLite: set_autocommit is never called, get_autocommit(conn) is False, and the hook commits
// once after the last statement. A statement that fails leaves the loop before that commit, the
// connection is closed, and the whole list rolls back (DDL run outside a transaction, such as a
// leading CREATE TABLE, has already committed itself: sqlite3 only opens transactions for DML).
import { pyRepr, pyValueRepr } from '../cli/pyfmt.ts';
import type { SqlCell, Warehouse } from '../warehouse/types.ts';

export type SqlParams = SqlCell[] | Record<string, SqlCell> | null;

export interface SqlRun {
  /** the operator's `sql` after rendering: a str, or a list of str */
  sql: string | string[];
  autocommit: boolean;
  parameters: SqlParams;
  /** a handler is passed (do_xcom_push, the default, with fetch_all_handler) */
  fetch: boolean;
  do_xcom_push: boolean;
  split_statements: boolean | null;
  return_last: boolean;
  show_return_value_in_logs: boolean;
}

export interface SqlRunOutcome {
  logs: string[];
  /** the exception's last traceback line when the task fails, e.g. sqlite3.IntegrityError: ... */
  error: string | null;
  /** what execute() returns (pushed as XCom return_value when not None) */
  value: unknown;
}

/** SQLite's own error, as Python's sqlite3 raises it (class from the message: sql.js gives no code). */
export class PySqliteError extends Error {
  constructor(
    readonly pyClass: string,
    message: string,
  ) {
    super(message);
  }
  get line(): string {
    return `${this.pyClass}: ${this.message}`;
  }
}

function sqliteError(e: unknown): PySqliteError {
  const msg = e instanceof Error ? e.message : String(e);
  // _pysqlite_seterror: SQLITE_CONSTRAINT and SQLITE_MISMATCH -> IntegrityError, SQLITE_TOOBIG -> DataError,
  // SQLITE_ERROR (syntax, no such table/column) and the rest -> OperationalError
  if (/constraint failed|datatype mismatch/i.test(msg)) return new PySqliteError('sqlite3.IntegrityError', msg);
  if (/too big/i.test(msg)) return new PySqliteError('sqlite3.DataError', msg);
  return new PySqliteError('sqlite3.OperationalError', msg);
}

// ---- the SQL text: comments, statements ----

/** The statements of a SQL text, each with its ';' (sqlparse.split keeps them: strip_semicolon is
 *  False for SqliteHook). Quotes ('', "", ``, []) are kept whole; comments are dropped with
 *  stripComments (sqlparse.format(strip_comments=True), as split_sql_string does). */
export function splitSql(text: string, stripComments = false): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  const flush = () => {
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      while (j < text.length && !(text[j] === close && text[j + 1] !== close)) j += text[j] === close ? 2 : 1;
      cur += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      if (!stripComments) cur += text.slice(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      if (!stripComments) cur += text.slice(i, stop);
      i = stop;
    } else if (c === ';') {
      cur += ';';
      flush();
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return out;
}

/** Only comments and whitespace? */
function blank(text: string): boolean {
  return splitSql(text, true).every((s) => s === ';');
}

/** sqlite3's is_dml: the first keyword, after whitespace and comments (Modules/_sqlite/cursor.c). */
function isDml(statement: string): boolean {
  const first = splitSql(statement, true)[0] ?? '';
  return /^(insert|update|delete|replace)/i.test(first.trimStart());
}

/** Python's DB-API cursor over the warehouse: execute() as sqlite3's cursor does it. */
class PyCursor {
  rowcount = -1;
  description: string[] | null = null;
  rows: SqlCell[][] = [];

  constructor(private readonly wh: Warehouse) {}

  execute(statement: string, parameters: SqlParams): void {
    const parts = splitSql(statement);
    if (parts.length > 1 && !parts.slice(1).every(blank)) {
      throw new PySqliteError('sqlite3.ProgrammingError', 'You can only execute one statement at a time.');
    }
    this.description = null;
    this.rows = [];
    this.rowcount = -1;
    if (blank(statement)) return;
    const dml = isDml(statement);
    try {
      // legacy transaction control: BEGIN before DML when sqlite is in autocommit mode
      if (dml && !this.wh.inTransaction()) this.wh.exec('BEGIN');
      const r = this.wh.run(statement, bindable(parameters));
      this.description = r.columns.length ? r.columns : null;
      this.rows = r.rows;
      if (dml) this.rowcount = r.changes;
    } catch (e) {
      throw e instanceof PySqliteError ? e : sqliteError(e);
    }
  }
}

/** sqlite3 takes a dict's keys without the ':' that sql.js wants. */
function bindable(p: SqlParams): SqlParams {
  if (!p || Array.isArray(p)) return p;
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [/^[:@$]/.test(k) ? k : `:${k}`, v]));
}

// ---- DbApiHook.run and SQLExecuteQueryOperator.execute ----

/** return_single_query_results (hooks/handlers.py) */
function singleResult(sql: string | string[], return_last: boolean, split: boolean | null): boolean {
  if (split !== null) return typeof sql === 'string' && (return_last || !split);
  return typeof sql === 'string' && return_last;
}

/** Python's repr of a fetched value: a list of row tuples, None. */
export function pyResultRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v) && (v as unknown[]).every((r) => Array.isArray(r))) return `[${(v as unknown[][]).map(tupleRepr).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(pyResultRepr).join(', ')}]`;
  return pyValueRepr(v);
}

function tupleRepr(row: unknown[]): string {
  const items = row.map((x) => (typeof x === 'string' ? pyRepr(x) : pyValueRepr(x)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function sqlRepr(sql: string | string[]): string {
  return typeof sql === 'string' ? sql : `[${sql.map(pyRepr).join(', ')}]`;
}

/** SQLExecuteQueryOperator.execute against a SQLite connection (SqliteHook). */
export function executeSql(wh: Warehouse, op: SqlRun): SqlRunOutcome {
  const logs = [`Executing: ${sqlRepr(op.sql)}`];
  const handler = op.do_xcom_push && op.fetch;
  const split = op.split_statements ?? false; // DbApiHook.run's default, SqliteHook keeps it
  let list: string[];
  if (typeof op.sql === 'string') list = split ? splitSql(op.sql, true) : op.sql.trim() ? [op.sql] : [];
  else list = op.sql;
  if (!list.length) return { logs, error: 'ValueError: List of SQL statements is empty', value: undefined };
  const single = singleResult(op.sql, op.return_last, op.split_statements);
  const results: unknown[] = [];
  let last: unknown = null;
  wh.reconnect(); // SqliteHook.get_conn: sqlite3.connect() for this run only
  const cur = new PyCursor(wh);
  try {
    for (const statement of list) {
      logs.push(`Running statement: ${statement}, parameters: ${op.parameters === null ? 'None' : pyValueRepr(op.parameters)}`);
      cur.execute(statement, op.parameters);
      if (cur.rowcount >= 0) logs.push(`Rows affected: ${cur.rowcount}`);
      if (handler) {
        const result = cur.description !== null ? cur.rows : null; // fetch_all_handler
        if (single) last = result;
        else results.push(result);
      }
    }
    // supports_autocommit is False for SqliteHook: get_autocommit(conn) is False, so commit now
    if (wh.inTransaction()) wh.exec('COMMIT');
  } catch (e) {
    // the exception leaves DbApiHook.run before conn.commit(); closing(conn) discards the transaction
    if (wh.inTransaction()) wh.exec('ROLLBACK');
    const err = e instanceof PySqliteError ? e : sqliteError(e);
    return { logs, error: err.line, value: undefined };
  }
  if (!op.do_xcom_push) return { logs, error: null, value: undefined };
  if (single) {
    if (op.show_return_value_in_logs) logs.push(`Operator output is: ${pyResultRepr([last])}`);
    return { logs, error: null, value: last ?? undefined };
  }
  const output = handler ? results : null;
  if (op.show_return_value_in_logs) logs.push(`Operator output is: ${pyResultRepr(output)}`);
  logs.push(`result: ${pyResultRepr(output)}`);
  return { logs, error: null, value: output ?? undefined };
}
