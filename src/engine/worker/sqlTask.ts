// A try of a SQL task (SQLExecuteQueryOperator, SqliteOperator): the rendered `sql` runs against
// the warehouse (payload/sqlHook.ts follows DbApiHook.run) when the try ends, since DbApiHook.run
// commits once after its last statement: a running load shows nothing to another connection, and
// a try cut short (execution_timeout, a clear's SIGTERM, a killed worker) never commits, so its
// rows are not there. A SQLite error fails the try with the exception's last line,
// as Airflow's log shows it (`sqlite3.IntegrityError: UNIQUE constraint failed: sales.day`), and
// retries follow as for any AirflowException. A `# sim: fail=N` fails the try after its
// statements committed: a load that wrote and then crashed, the case a retry must survive.
import type { TaskSpec } from '../../dagfile/spec.ts';
import { pyRepr } from '../cli/pyfmt.ts';
import type { SqlParams, SqlRun } from '../payload/sqlHook.ts';
import { engineParts } from '../parts.ts';
import type { SqlCell, Warehouse } from '../warehouse/types.ts';
import type { AttemptPlan } from './attempt.ts';

/** The `sql` field after rendering: one string, or the list's items (template fields sql[0], sql[1], ...). */
function renderedSql(task: TaskSpec, rendered: Record<string, string>): string | string[] {
  if (task.op.kind !== 'sql') throw new Error('not a SQL task');
  const n = task.op.sql_list ?? null;
  if (n === null) return rendered.sql ?? task.op.sql;
  return Array.from({ length: n }, (_, i) => rendered[`sql[${i}]`] ?? '');
}

/** parameters as written, string values rendered (parameters is a templated field). */
function renderedParams(task: TaskSpec, rendered: Record<string, string>): SqlParams {
  if (task.op.kind !== 'sql' || !task.op.parameters) return null;
  const p = task.op.parameters;
  const scalar = (v: unknown, key: string): SqlCell => {
    if (typeof v === 'string') return rendered[key] ?? v;
    if (typeof v === 'number' || v === null) return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return JSON.stringify(v);
  };
  if (Array.isArray(p)) return p.map((v, i) => scalar(v, `parameters[${i}]`));
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, scalar(v, `parameters.${k}`)]));
}

export function planSql(task: TaskSpec, try_number: number, rendered: Record<string, string>, warehouse: Warehouse | null, forcedFailure: boolean, duration_s: number): AttemptPlan {
  if (task.op.kind !== 'sql') throw new Error('not a SQL task');
  const op = task.op;
  const base = { duration_s, rendered };
  if (!op.conn_id) {
    // BaseSQLOperator.get_hook(conn_id=None) -> BaseHook.get_connection(None)
    const reason = 'airflow.exceptions.AirflowNotFoundException: The conn_id `None` isn\'t defined';
    return { ...base, outcome: 'failed', reason, logs: [`Executing: ${renderedSql(task, rendered)}`] };
  }
  if (!warehouse) {
    return { ...base, outcome: 'failed', reason: 'The warehouse (sql.js) is not loaded: the simulator could not run the SQL', logs: [] };
  }
  const run: SqlRun = {
    sql: renderedSql(task, rendered),
    autocommit: op.autocommit ?? false,
    parameters: renderedParams(task, rendered),
    fetch: op.fetch ?? true,
    do_xcom_push: op.do_xcom_push ?? true,
    split_statements: op.split_statements ?? null,
    return_last: op.return_last ?? true,
    show_return_value_in_logs: op.show_return_value_in_logs ?? false,
  };
  // provisional until the try ends (commitSql); a try cut before then keeps only this
  const logs = [`Executing: ${typeof run.sql === 'string' ? run.sql : `[${run.sql.map(pyRepr).join(', ')}]`}`];
  return { ...base, outcome: 'success', reason: '', logs, sql: { run, try_number, forcedFailure, extraLogs: task.sim.log } };
}

/** What planSql leaves for the end of the try (plain data: checkpoints copy it). */
export interface PendingSql {
  run: SqlRun;
  try_number: number;
  forcedFailure: boolean;
  extraLogs: string[];
}

/** The try reaches its end: run the statements and commit (or roll back on an error). */
export function commitSql(plan: AttemptPlan, warehouse: Warehouse | null): AttemptPlan {
  const p = plan.sql;
  if (!p) return plan;
  const base = { duration_s: plan.duration_s, rendered: plan.rendered };
  if (!warehouse) return { ...base, outcome: 'failed', reason: 'The warehouse (sql.js) is not loaded: the simulator could not run the SQL', logs: [] };
  const r = engineParts().executeSql(warehouse, p.run);
  const logs = [...r.logs, ...p.extraLogs];
  if (r.error) return { ...base, outcome: 'failed', reason: r.error, logs };
  if (p.forcedFailure) {
    return { ...base, outcome: 'failed', reason: `Task failed on try ${p.try_number} (as the file's # sim: fail says), after its statements committed`, logs };
  }
  return { ...base, outcome: 'success', reason: '', logs, ...(r.value !== undefined ? { xcom: r.value } : {}) };
}
