// The warehouse: the SQL database lesson 10's tasks write to (SQLite compiled to WebAssembly,
// sql.js). The engine sees only this interface, so it stays synchronous and deterministic; the
// sql.js module is loaded (async, once) by whoever builds the Simulation and handed in as a factory.

export type SqlCell = string | number | null;

export interface SqlResult {
  columns: string[];
  rows: SqlCell[][];
}

export interface Warehouse {
  /** run one statement (or a script); the results of its SELECTs; throws Error(sqlite's message) */
  exec(sql: string): SqlResult[];
  /** rows changed by the last INSERT/UPDATE/DELETE */
  changes(): number;
  /** the tables and their row counts, for the Warehouse view */
  tables(): { name: string; rows: number }[];
}

/** A fresh, empty database per Simulation: a replay starts from an empty warehouse. */
export type WarehouseFactory = () => Warehouse;
