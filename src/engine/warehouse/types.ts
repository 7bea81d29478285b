// The warehouse: the SQL database lesson 10's tasks write to (SQLite compiled to WebAssembly,
// sql.js). The engine sees only this interface, so it stays synchronous and deterministic; the
// sql.js module is loaded (async, once) by whoever builds the Simulation and handed in as a factory.

export type SqlCell = string | number | null;

export interface SqlResult {
  columns: string[];
  rows: SqlCell[][];
}

/** One statement's outcome: its result columns (empty when it returns none, e.g. an INSERT),
 *  its rows, and sqlite3_changes() after it. */
export interface StatementResult extends SqlResult {
  changes: number;
}

export interface Warehouse {
  /** run one statement (or a script); the results of its SELECTs; throws Error(sqlite's message) */
  exec(sql: string): SqlResult[];
  /** rows changed by the last INSERT/UPDATE/DELETE */
  changes(): number;
  /** the tables and their row counts, for the Warehouse view */
  tables(): { name: string; rows: number }[];
  /** Run exactly the first statement of `sql` (prepare/step), binding `params` (a list for `?`,
   *  an object for `:name`). Columns are given even when no row comes back. Throws Error(sqlite's message). */
  run(sql: string, params?: SqlCell[] | Record<string, SqlCell> | null): StatementResult;
  /** is a transaction open (not sqlite's autocommit mode)? */
  inTransaction(): boolean;
  /** Close the connection and open a new one on the same database: what a connection holds
   *  (PRAGMAs, TEMP tables, ATTACHed databases) is gone, as after sqlite3.connect() in Airflow's
   *  SqliteHook. Every SQL input starts with it, so a checkpoint (the file, not the connection)
   *  restores exactly what the playing state has. */
  reconnect(): void;
  /** the database file's bytes (sqlite3 serialize), e.g. to cache it */
  export(): Uint8Array;
  /** an independent copy (a checkpoint of the state): a deep copy of the object would share the
   *  database underneath, so implementations hold a function and refuse generic deep copies */
  clone(): Warehouse;
}

/** A fresh, empty database per Simulation: a replay starts from an empty warehouse. */
export type WarehouseFactory = () => Warehouse;
