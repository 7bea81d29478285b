// DbApiHook.run over SQLite, as SQLExecuteQueryOperator calls it. Expected behaviour from
// providers/common/sql/src/airflow/providers/common/sql/hooks/sql.py (run, _run_command:
// "Running statement: %s, parameters: %s", "Rows affected: %s"; commit only after the last
// statement), handlers.py (return_single_query_results, fetch_all_handler) and
// providers/sqlite/.../hooks/sqlite.py (SqliteHook keeps supports_autocommit = False).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../warehouse/sqljs.ts';
import type { Warehouse, WarehouseFactory } from '../warehouse/types.ts';
import { executeSql, splitSql, type SqlRun } from './sqlHook.ts';

let open: WarehouseFactory;
beforeAll(async () => {
  open = await loadSqlJs();
});

const op = (sql: string | string[], more: Partial<SqlRun> = {}): SqlRun => ({
  sql,
  autocommit: false,
  parameters: null,
  fetch: true,
  do_xcom_push: true,
  split_statements: null,
  return_last: true,
  show_return_value_in_logs: false,
  ...more,
});

function salesDb(): Warehouse {
  const wh = open();
  wh.exec('CREATE TABLE sales (day TEXT PRIMARY KEY, amount INTEGER)');
  return wh;
}
const count = (wh: Warehouse) => wh.exec('SELECT count(*) FROM sales')[0]!.rows[0]![0];

describe('idempotency of a load run twice (a retry, a backfill of the same day)', () => {
  it('a plain INSERT into a table without a key adds the rows again', () => {
    const wh = open();
    wh.exec('CREATE TABLE sales (day TEXT, amount INTEGER)');
    const load = op("INSERT INTO sales VALUES ('2024-06-01', 100)");
    expect(executeSql(wh, load).error).toBeNull();
    expect(executeSql(wh, load).error).toBeNull();
    expect(wh.exec('SELECT count(*) FROM sales')[0]!.rows[0]![0]).toBe(2);
  });

  it('with a primary key the second plain INSERT fails with sqlite3.IntegrityError', () => {
    const wh = salesDb();
    const load = op("INSERT INTO sales VALUES ('2024-06-01', 100)");
    executeSql(wh, load);
    const r = executeSql(wh, load);
    expect(r.error).toBe('sqlite3.IntegrityError: UNIQUE constraint failed: sales.day');
    expect(count(wh)).toBe(1);
  });

  it('an UPSERT (INSERT ... ON CONFLICT(day) DO UPDATE) leaves one row with the latest value', () => {
    const wh = salesDb();
    const upsert = (n: number) => op(`INSERT INTO sales VALUES ('2024-06-01', ${n}) ON CONFLICT(day) DO UPDATE SET amount = excluded.amount`);
    expect(executeSql(wh, upsert(100)).error).toBeNull();
    expect(executeSql(wh, upsert(120)).error).toBeNull();
    expect(wh.exec('SELECT day, amount FROM sales')[0]!.rows).toEqual([['2024-06-01', 120]]);
  });

  it('delete-then-insert of the day in one task stays at one row', () => {
    const wh = open();
    wh.exec('CREATE TABLE sales (day TEXT, amount INTEGER)');
    const load = op(["DELETE FROM sales WHERE day = '2024-06-01'", "INSERT INTO sales VALUES ('2024-06-01', 100)"]);
    for (let i = 0; i < 3; i++) expect(executeSql(wh, load).error).toBeNull();
    expect(wh.exec('SELECT count(*) FROM sales')[0]!.rows[0]![0]).toBe(1);
  });
});

describe('atomicity of a list of statements', () => {
  const batch = ["INSERT INTO sales VALUES ('2024-06-01', 1)", "INSERT INTO sales VALUES ('2024-06-02', 2)", "INSERT INTO sales VALUES ('2024-06-01', 3)"];

  it('autocommit=False: the third statement fails, no commit happens, the first two roll back', () => {
    const wh = salesDb();
    const r = executeSql(wh, op(batch));
    expect(r.error).toBe('sqlite3.IntegrityError: UNIQUE constraint failed: sales.day');
    expect(count(wh)).toBe(0);
    expect(wh.inTransaction()).toBe(false);
  });

  it('autocommit=True changes nothing for SQLite: SqliteHook.supports_autocommit is False, so it still rolls back', () => {
    const wh = salesDb();
    expect(executeSql(wh, op(batch, { autocommit: true })).error).toMatch(/IntegrityError/);
    expect(count(wh)).toBe(0);
  });

  it('statements split over two tasks half-commit: the first task committed before the second failed', () => {
    const wh = salesDb();
    expect(executeSql(wh, op(batch.slice(0, 2))).error).toBeNull();
    expect(executeSql(wh, op(batch.slice(2))).error).toMatch(/IntegrityError/);
    expect(count(wh)).toBe(2);
  });

  it('DDL before the first DML commits on its own (sqlite3 opens transactions for DML only)', () => {
    const wh = open();
    const r = executeSql(wh, op(['CREATE TABLE t (a INTEGER PRIMARY KEY)', 'INSERT INTO t VALUES (1)', 'INSERT INTO t VALUES (1)']));
    expect(r.error).toBe('sqlite3.IntegrityError: UNIQUE constraint failed: t.a');
    expect(wh.tables()).toEqual([{ name: 't', rows: 0 }]);
  });
});

describe('logs and results', () => {
  it('logs each statement and the rows it changed; a SELECT has no rowcount (-1)', () => {
    const wh = salesDb();
    const r = executeSql(wh, op(["INSERT INTO sales VALUES ('2024-06-01', 100)", 'SELECT day, amount FROM sales']));
    expect(r.logs).toEqual([
      `Executing: ["INSERT INTO sales VALUES ('2024-06-01', 100)", 'SELECT day, amount FROM sales']`,
      "Running statement: INSERT INTO sales VALUES ('2024-06-01', 100), parameters: None",
      'Rows affected: 1',
      'Running statement: SELECT day, amount FROM sales, parameters: None',
      "result: [None, [('2024-06-01', 100)]]",
    ]);
    // a list always returns one result per statement (return_single_query_results is False)
    expect(r.value).toEqual([null, [['2024-06-01', 100]]]);
  });

  it('a str returns the last result alone; an INSERT alone returns None (no XCom)', () => {
    const wh = salesDb();
    expect(executeSql(wh, op("INSERT INTO sales VALUES ('2024-06-01', 100)")).value).toBeUndefined();
    expect(executeSql(wh, op('SELECT amount FROM sales')).value).toEqual([[100]]);
    expect(executeSql(wh, op("SELECT amount FROM sales WHERE day = 'x'")).value).toEqual([]);
  });

  it('a str with two statements fails unless split_statements=True (sqlite3 runs one at a time)', () => {
    const wh = salesDb();
    const two = "DELETE FROM sales WHERE day = '2024-06-01'; INSERT INTO sales VALUES ('2024-06-01', 1);";
    expect(executeSql(wh, op(two)).error).toBe('sqlite3.ProgrammingError: You can only execute one statement at a time.');
    const r = executeSql(wh, op(two, { split_statements: true }));
    expect(r.error).toBeNull();
    expect(r.logs).toContain("Running statement: INSERT INTO sales VALUES ('2024-06-01', 1);, parameters: None");
    expect(count(wh)).toBe(1);
  });

  it('parameters bind to ? (list) and :name (dict)', () => {
    const wh = salesDb();
    executeSql(wh, op('INSERT INTO sales VALUES (?, ?)', { parameters: ['2024-06-01', 5] }));
    executeSql(wh, op('INSERT INTO sales VALUES (:day, :amount)', { parameters: { day: '2024-06-02', amount: 6 } }));
    expect(wh.exec('SELECT sum(amount) FROM sales')[0]!.rows[0]![0]).toBe(11);
  });

  it('a missing table is an OperationalError; an empty sql is a ValueError', () => {
    const wh = open();
    expect(executeSql(wh, op('SELECT * FROM nope')).error).toBe('sqlite3.OperationalError: no such table: nope');
    expect(executeSql(wh, op('  ')).error).toBe('ValueError: List of SQL statements is empty');
  });

  it('splitSql keeps quoted semicolons and drops comments when asked', () => {
    expect(splitSql("INSERT INTO t VALUES ('a;b'); -- c;\nSELECT 1", true)).toEqual(["INSERT INTO t VALUES ('a;b');", 'SELECT 1']);
  });
});
