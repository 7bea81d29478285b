// The metadata database as a learner browses it: Airflow's own table and column names per
// profile (2.10 dag_run.execution_date / 3.x logical_date and run_after, 3.x dag.is_stale and
// the backfill table), times as ISO text, JSON columns as JSON text.
// Tables: airflow/models/dag.py DagModel, dagrun.py, taskinstance.py, taskinstancehistory.py,
// log.py, xcom.py, pool.py (slot_pool), backfill.py (3.x), errors.py ParseImportError (import_error).
import type { Simulation } from '../simulation.ts';
import { iso, ViewError } from './common.ts';

export type Cell = string | number | boolean | null;

interface Column<R> {
  name: string;
  get: (r: R) => Cell;
}

interface TableDef {
  name: string;
  columns: Column<never>[];
  rows: () => readonly unknown[];
}

const json = (v: unknown): string => JSON.stringify(v);
const col = <R>(name: string, get: (r: R) => Cell): Column<R> => ({ name, get });

function tables(sim: Simulation): TableDef[] {
  const { db } = sim;
  const v3 = sim.profile === '3';
  const defs = [
    table('dag', () => [...db.dags.values()], [
      col('dag_id', (d) => d.dag_id),
      col('fileloc', (d) => d.fileloc),
      col('is_paused', (d) => d.is_paused),
      v3 ? col('is_stale', (d) => !d.is_active) : col('is_active', (d) => d.is_active),
      col('has_import_errors', (d) => d.has_import_errors),
      col(v3 ? 'timetable_summary' : 'schedule_interval', (d) => d.timetable_summary),
      col('max_active_runs', (d) => d.max_active_runs),
      col('max_active_tasks', (d) => d.max_active_tasks),
      col('next_dagrun', (d) => iso(d.next_dagrun)),
      col('next_dagrun_data_interval_start', (d) => iso(d.next_dagrun_data_interval_start)),
      col('next_dagrun_data_interval_end', (d) => iso(d.next_dagrun_data_interval_end)),
      col('next_dagrun_create_after', (d) => iso(d.next_dagrun_create_after)),
      col('last_parsed_time', (d) => iso(d.last_parsed_time)),
      col('owners', (d) => d.owners),
    ]),
    table('dag_run', () => db.dagRuns, [
      col('id', (r) => r.id),
      col('dag_id', (r) => r.dag_id),
      col('run_id', (r) => r.run_id),
      col('run_type', (r) => r.run_type),
      col('state', (r) => r.state),
      col(v3 ? 'logical_date' : 'execution_date', (r) => iso(r.logical_date)),
      col('data_interval_start', (r) => iso(r.data_interval_start)),
      col('data_interval_end', (r) => iso(r.data_interval_end)),
      ...(v3 ? [col('run_after', (r: (typeof db.dagRuns)[number]) => iso(r.run_after))] : []),
      col('queued_at', (r) => iso(r.queued_at)),
      col('start_date', (r) => iso(r.start_date)),
      col('end_date', (r) => iso(r.end_date)),
      col('clear_number', (r) => r.clear_number),
      col('conf', (r) => json(r.conf)),
      ...(v3 ? [col('backfill_id', (r: (typeof db.dagRuns)[number]) => r.backfill_id)] : [col('external_trigger', (r: (typeof db.dagRuns)[number]) => r.external_trigger)]),
      // dag_run.triggered_by arrived with Airflow 3.0 (migration a2c32e6c7729); 2.10.x has no such column
      ...(v3 ? [col('triggered_by', (r: (typeof db.dagRuns)[number]) => r.triggered_by)] : []),
    ]),
    table('task_instance', () => db.dagRuns.flatMap((r) => [...db.tisOf(r)]), [
      col('dag_id', (t) => t.dag_id),
      col('run_id', (t) => t.run_id),
      col('task_id', (t) => t.task_id),
      col('map_index', (t) => t.map_index),
      col('state', (t) => t.state),
      col('try_number', (t) => t.try_number),
      col('max_tries', (t) => t.max_tries),
      col('hostname', (t) => t.hostname),
      col('pool', (t) => t.pool),
      col('pool_slots', (t) => t.pool_slots),
      col('queue', (t) => t.queue),
      col('priority_weight', (t) => t.priority_weight),
      col('operator', (t) => t.operator),
      col('queued_dttm', (t) => iso(t.queued_dttm)),
      col('start_date', (t) => iso(t.start_date)),
      col('end_date', (t) => iso(t.end_date)),
      col('duration', (t) => t.duration),
    ]),
    table('task_instance_history', () => db.taskInstanceHistory, [
      col('dag_id', (h) => h.dag_id),
      col('run_id', (h) => h.run_id),
      col('task_id', (h) => h.task_id),
      col('map_index', (h) => h.map_index),
      col('try_number', (h) => h.try_number),
      col('state', (h) => h.state),
      col('hostname', (h) => h.hostname),
      col('pool', (h) => h.pool),
      col('queued_dttm', (h) => iso(h.queued_dttm)),
      col('start_date', (h) => iso(h.start_date)),
      col('end_date', (h) => iso(h.end_date)),
      col('duration', (h) => h.duration),
    ]),
    table('log', () => db.log, [
      col('id', (l) => l.id),
      col('dttm', (l) => iso(l.dttm)),
      col('dag_id', (l) => l.dag_id),
      col('task_id', (l) => l.task_id),
      col('run_id', (l) => l.run_id),
      col('try_number', (l) => l.try_number),
      col('event', (l) => l.event),
      col('owner', (l) => l.owner),
      col('extra', (l) => l.extra),
    ]),
    table('xcom', () => db.xcom, [
      col('dag_id', (x) => x.dag_id),
      col('run_id', (x) => x.run_id),
      col('task_id', (x) => x.task_id),
      col('map_index', (x) => x.map_index),
      col('key', (x) => x.key),
      col('value', (x) => json(x.value)),
      col('timestamp', (x) => iso(x.timestamp)),
    ]),
    table('slot_pool', () => [...db.pools.values()], [
      col('pool', (p) => p.pool),
      col('slots', (p) => p.slots),
      col('description', (p) => p.description),
      col('include_deferred', (p) => p.include_deferred),
    ]),
    table('import_error', () => db.importErrors, [
      col('id', (e) => e.id),
      col('timestamp', (e) => iso(e.timestamp)),
      col('filename', (e) => e.filename),
      col('stacktrace', (e) => e.message),
    ]),
  ];
  if (v3) {
    defs.push(
      table('backfill', () => db.backfills, [
        col('id', (b) => b.id),
        col('dag_id', (b) => b.dag_id),
        col('from_date', (b) => iso(b.from_date)),
        col('to_date', (b) => iso(b.to_date)),
        col('dag_run_conf', (b) => json(b.dag_run_conf)),
        col('is_paused', (b) => b.is_paused),
        col('reprocess_behavior', (b) => b.reprocess_behavior),
        col('max_active_runs', (b) => b.max_active_runs),
        col('created_at', (b) => iso(b.created_at)),
        col('completed_at', (b) => iso(b.completed_at)),
        col('updated_at', (b) => iso(b.updated_at)),
      ]),
    );
  }
  return defs;
}

function table<R>(name: string, rows: () => readonly R[], columns: Column<R>[]): TableDef {
  return { name, rows, columns: columns as Column<never>[] };
}

export interface TableInfo {
  name: string;
  columns: string[];
  rows: number;
}

/** The tables, in the order a learner meets them, with their columns and row counts. */
export function metastoreTables(sim: Simulation): TableInfo[] {
  return tables(sim).map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name), rows: t.rows().length }));
}

export interface TableQuery {
  /** words that must all appear (case-insensitive) in some column; "column:text" looks in one column */
  filter?: string;
  limit?: number;
  offset?: number;
}

export interface TableView {
  name: string;
  columns: string[];
  rows: Cell[][];
  /** rows in the table */
  total: number;
  /** rows that pass the filter (rows holds matched[offset, offset+limit)) */
  matched: number;
  offset: number;
  limit: number;
}

/** One table's columns, its rows and each cell as the view shows it (the lesson goals read these,
 *  src/engine/goals; cells are computed on demand, so a filter reads only its columns); null when the
 *  profile has no such table. */
export function tableRows(sim: Simulation, name: string): { name: string; columns: string[]; rows: () => readonly unknown[]; cell: (row: unknown, column: number) => Cell } | null {
  const t = tables(sim).find((x) => x.name === (ALIASES[name] ?? name));
  if (!t) return null;
  return { name: t.name, columns: t.columns.map((c) => c.name), rows: t.rows, cell: (row, i) => t.columns[i]!.get(row as never) };
}

/** Airflow's pool table is slot_pool; "pool" is accepted as well. */
const ALIASES: Record<string, string> = { pool: 'slot_pool' };

export function metastoreTable(sim: Simulation, name: string, q: TableQuery = {}): TableView {
  const all = tables(sim);
  const t = all.find((x) => x.name === (ALIASES[name] ?? name));
  if (!t) throw new ViewError(`no table '${name}' (tables: ${all.map((x) => x.name).join(', ')})`);
  const columns = t.columns.map((c) => c.name);
  const rows = t.rows().map((r) => t.columns.map((c) => c.get(r as never)));
  const match = matcher(columns, q.filter ?? '');
  const matched = rows.filter(match);
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.max(0, q.limit ?? 100);
  return { name: t.name, columns, rows: matched.slice(offset, offset + limit), total: rows.length, matched: matched.length, offset, limit };
}

function matcher(columns: string[], filter: string): (row: Cell[]) => boolean {
  const terms = filter
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const m = /^([a-z_]+)[:=](.*)$/i.exec(w);
      const i = m ? columns.indexOf(m[1]!.toLowerCase()) : -1;
      return i >= 0 ? { col: i, text: m![2]!.toLowerCase() } : { col: -1, text: w.toLowerCase() };
    });
  const str = (c: Cell) => (c === null ? 'null' : String(c)).toLowerCase();
  return (row) => terms.every((t) => (t.col >= 0 ? str(row[t.col]!).includes(t.text) : row.some((c) => str(c).includes(t.text))));
}
