// SQL tasks in a running simulation: `sql` is rendered with the try's context, then run against
// the warehouse (providers/common/sql/.../operators/sql.py SQLExecuteQueryOperator.execute ->
// DbApiHook.run); a SQLite error fails the try (the traceback's last line), and a retry runs the
// statements again, which is what makes a plain INSERT non-idempotent.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../simulation.ts';
import { loadSqlJs } from '../warehouse/sqljs.ts';
import type { WarehouseFactory } from '../warehouse/types.ts';

let warehouse: WarehouseFactory;
beforeAll(async () => {
  warehouse = await loadSqlJs();
});

const START = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;

function dag(loadSql: string, opts: { retries?: number; fail?: string; list?: boolean } = {}): string {
  const sql = opts.list ? loadSql : JSON.stringify(loadSql);
  return `from datetime import datetime, timedelta
from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator

with DAG("sales", schedule="@daily", start_date=datetime(2024, 6, 1), catchup=True):
    create = SQLExecuteQueryOperator(
        task_id="create",
        conn_id="sqlite_default",
        sql="CREATE TABLE IF NOT EXISTS sales (day TEXT, amount INTEGER)",
    )
    ${opts.fail ? `# sim: fail=${opts.fail}` : ''}
    load = SQLExecuteQueryOperator(
        task_id="load",
        conn_id="sqlite_default",
        sql=${sql},
        retries=${opts.retries ?? 0},
        retry_delay=timedelta(minutes=1),
    )
    create >> load
`;
}

function run(file: string, profile: '2' | '3' = '3', days = 3): Simulation {
  const sim = new Simulation({ profile, start: START, files: { 'sales.py': file }, warehouse });
  expect(sim.db.importErrors).toEqual([]);
  // unpause a minute in (an unpause at the first parse's instant works too since the scheduler
  // wakes at next_dagrun_create_after: scheduler/loop.ts createDueRuns)
  sim.runUntil(START + 60_000);
  sim.command('airflow dags unpause sales');
  sim.runUntil(START + days * DAY - 1);
  return sim;
}

const rows = (sim: Simulation, sql: string) => sim.warehouse!.exec(sql)[0]?.rows ?? [];

describe('SQL tasks write to the warehouse', () => {
  it('renders {{ ds }} per run: catchup over 3 days loads 3 different days', () => {
    const sim = run(dag("INSERT INTO sales VALUES ('{{ ds }}', 100)"));
    expect(rows(sim, 'SELECT day FROM sales ORDER BY day')).toEqual([['2024-06-01'], ['2024-06-02'], ['2024-06-03']]);
    const ti = sim.db.getTaskInstance('sales', [...sim.db.runsOf('sales')][0]!.run_id, 'load', -1)!;
    // conn_id is a template field too (BaseSQLOperator.template_fields)
    expect(ti.rendered_fields).toEqual({ sql: "INSERT INTO sales VALUES ('2024-06-01', 100)", conn_id: 'sqlite_default' });
  });

  for (const profile of ['2', '3'] as const) {
    it(`profile ${profile}: a try that fails after its INSERT committed is retried and the day is loaded twice`, () => {
      const sim = run(dag("INSERT INTO sales VALUES ('{{ ds }}', 100)", { retries: 1, fail: '1' }), profile, 2);
      expect(rows(sim, "SELECT count(*) FROM sales WHERE day = '2024-06-01'")).toEqual([[2]]);
      const log = sim.db.taskLogs.filter((l) => l.task_id === 'load').map((l) => l.text);
      expect(log).toContain("Running statement: INSERT INTO sales VALUES ('2024-06-01', 100), parameters: None");
      expect(log).toContain('Rows affected: 1');
    });
  }

  it('delete-then-insert (one task, one transaction) keeps one row per day through the same retry', () => {
    const sim = run(dag(`["DELETE FROM sales WHERE day = '{{ ds }}'", "INSERT INTO sales VALUES ('{{ ds }}', 100)"]`, { retries: 1, fail: '1', list: true }), '3', 1);
    expect(rows(sim, 'SELECT count(*) FROM sales')).toEqual([[1]]);
  });

  it('a UNIQUE violation fails the try with sqlite3.IntegrityError in the log, and the retry fails the same way', () => {
    const file = dag("INSERT INTO sales VALUES ('{{ ds }}', 100)", { retries: 1 }).replace('(day TEXT, amount INTEGER)', '(day TEXT PRIMARY KEY, amount INTEGER)');
    const sim = new Simulation({ profile: '3', start: START, files: { 'sales.py': file }, warehouse });
    sim.warehouse!.exec("CREATE TABLE sales (day TEXT PRIMARY KEY, amount INTEGER); INSERT INTO sales VALUES ('2024-06-01', 1)");
    sim.command('airflow dags unpause sales');
    sim.runUntil(START + DAY - 1);
    const run0 = [...sim.db.runsOf('sales')][0]!;
    const ti = sim.db.getTaskInstance('sales', run0.run_id, 'load', -1)!;
    expect(ti.state).toBe('failed');
    expect(ti.try_number).toBe(2);
    const errors = sim.db.taskLogs.filter((l) => l.task_id === 'load' && l.level === 'ERROR').map((l) => l.text);
    expect(errors).toContain('sqlite3.IntegrityError: UNIQUE constraint failed: sales.day');
  });

  it('sim sql queries and writes the same database, and is refused nothing it needs', () => {
    const sim = run(dag("INSERT INTO sales VALUES ('{{ ds }}', 100)"), '3', 2);
    const r = sim.command('sim sql "SELECT day, amount FROM sales ORDER BY day"');
    expect(r.exit_code).toBe(0);
    expect(r.output).toBe(
      ['+------------+--------+', '| day        | amount |', '+------------+--------+', '| 2024-06-01 | 100    |', '| 2024-06-02 | 100    |', '+------------+--------+', '(2 rows)'].join('\n'),
    );
    expect(sim.command("sim sql \"DELETE FROM sales WHERE day = '2024-06-01'\"").output).toBe('1 row changed');
    expect(sim.command('sim sql "SELECT * FROM nope"')).toEqual({ exit_code: 1, output: 'Error: no such table: nope\n  in: SELECT * FROM nope' });
  });

  it('without conn_id the task fails as BaseHook.get_connection(None) does', () => {
    const sim = run(dag('SELECT 1').replace(/conn_id="sqlite_default",\n        sql="SELECT 1"/, 'sql="SELECT 1"'), '3', 1);
    const errors = sim.db.taskLogs.filter((l) => l.task_id === 'load' && l.level === 'ERROR').map((l) => l.text);
    expect(errors).toContain("airflow.exceptions.AirflowNotFoundException: The conn_id `None` isn't defined");
  });
});

// DbApiHook.run (providers/common/sql/.../hooks/sql.py) commits once, after the last statement;
// a try killed before that (execution_timeout's AirflowTaskTimeout, a clear's SIGTERM, a dead
// worker) leaves the transaction uncommitted, so SQLite discards it when the connection goes.
describe('SQL tasks commit when the try ends, not when it starts', () => {
  function timed(extra: string): Simulation {
    const file = dag("INSERT INTO sales VALUES ('{{ ds }}', 100)").replace(
      '    load = SQLExecuteQueryOperator(',
      `    # sim: duration=10m\n    load = SQLExecuteQueryOperator(${extra}`,
    );
    // profile 3: @daily is a CronTriggerTimetable, so the first run starts at START
    const sim = new Simulation({ profile: '3', start: START, files: { 'sales.py': file }, warehouse });
    sim.warehouse!.exec('CREATE TABLE sales (day TEXT, amount INTEGER)');
    sim.command('airflow dags unpause sales');
    return sim;
  }
  const load = (sim: Simulation) => sim.db.getTaskInstance('sales', [...sim.db.runsOf('sales')][0]!.run_id, 'load', -1)!;

  it('a running load has written nothing another connection can see; its rows appear when it succeeds', () => {
    const sim = timed('');
    sim.runUntil(START + 5 * 60_000);
    expect(load(sim).state).toBe('running');
    expect(rows(sim, 'SELECT count(*) FROM sales')).toEqual([[0]]);
    sim.runUntil(START + 20 * 60_000);
    expect(load(sim).state).toBe('success');
    expect(rows(sim, 'SELECT count(*) FROM sales')).toEqual([[1]]);
  });

  it('a try cut by execution_timeout rolls back: the table stays empty', () => {
    const sim = timed('\n        execution_timeout=timedelta(minutes=1),');
    sim.runUntil(START + 20 * 60_000);
    expect(load(sim).state).toBe('failed');
    expect(rows(sim, 'SELECT count(*) FROM sales')).toEqual([[0]]);
  });

  it('a try whose process is killed (cleared while running) rolls back', () => {
    const sim = timed('');
    sim.runUntil(START + 5 * 60_000);
    expect(load(sim).state).toBe('running');
    sim.command('airflow tasks clear sales -t load -y');
    sim.runUntil(START + 6 * 60_000);
    expect(load(sim).state).not.toBe('success');
    expect(rows(sim, 'SELECT count(*) FROM sales')).toEqual([[0]]);
  });
});
