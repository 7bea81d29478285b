// The warehouse on sql.js (SQLite 3 compiled to WebAssembly). sql.js is loaded once, async,
// by whoever builds Simulations (the worker, the headless runner, tests); the engine then gets a
// synchronous factory that opens a fresh in-memory database per Simulation, so a replay from
// the start rebuilds the same rows. Loading: in Node, initSqlJs() reads the wasm beside its JS;
// in the browser the caller passes `locateFile` (the URL Vite emitted for the wasm) - shared
// STACK.md 3.9. The module is imported dynamically so it never weighs on a bundle's first load.
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { SqlCell, StatementResult, Warehouse, WarehouseFactory } from './types.ts';

let loading: Promise<WarehouseFactory> | null = null;
let loaded: WarehouseFactory | null = null;

/** Load sql.js (once) and resolve to a factory of empty databases. */
export function loadSqlJs(locateFile?: (file: string) => string): Promise<WarehouseFactory> {
  loading ??= (async () => {
    const mod = (await import('sql.js')) as unknown as { default: (cfg?: object) => Promise<SqlJsStatic> };
    const SQL = await mod.default(locateFile ? { locateFile } : undefined);
    const open = (bytes?: Uint8Array) => new SQL.Database(bytes);
    loaded = () => new SqlJsWarehouse(open(), open);
    return loaded;
  })().catch((e: unknown) => {
    loading = null; // a failed fetch of sql.js or its wasm: the next call tries again
    throw e;
  });
  return loading;
}

/** The factory once loadSqlJs() has resolved, else null (callers that must stay synchronous). */
export function sqlJsFactory(): WarehouseFactory | null {
  return loaded;
}

function cell(v: SqlValue): SqlCell {
  if (v instanceof Uint8Array) return `b'${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}'`;
  return v;
}

/** A replay or a dropped checkpoint lets go of its warehouse: free its wasm memory then. */
const closer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Database>((db) => db.close()) : null;

export class SqlJsWarehouse implements Warehouse {
  constructor(
    private db: Database,
    /** opens a database (from bytes): also what makes a generic deep copy refuse this object */
    private readonly open: (bytes?: Uint8Array) => Database,
  ) {
    closer?.register(this, db, this);
  }

  reconnect(): void {
    // an in-memory database lives as long as its connection: carry the file over to a new one
    const old = this.db;
    this.db = this.open(old.export());
    closer?.unregister(this);
    old.close();
    closer?.register(this, this.db, this);
  }

  clone(): Warehouse {
    return new SqlJsWarehouse(this.open(this.db.export()), this.open);
  }

  exec(sql: string) {
    return this.db.exec(sql).map((r) => ({ columns: r.columns, rows: r.values.map((row) => row.map(cell)) }));
  }

  changes(): number {
    return this.db.getRowsModified();
  }

  tables() {
    const names = this.db.exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    return (names[0]?.values ?? []).map(([name]) => {
      const n = this.db.exec(`SELECT count(*) FROM "${String(name).replace(/"/g, '""')}"`);
      return { name: String(name), rows: Number(n[0]?.values[0]?.[0] ?? 0) };
    });
  }

  run(sql: string, params?: SqlCell[] | Record<string, SqlCell> | null): StatementResult {
    const stmt = this.db.prepare(sql);
    try {
      if (params) stmt.bind(params);
      const columns = stmt.getColumnNames();
      const rows: SqlCell[][] = [];
      while (stmt.step()) rows.push(stmt.get().map(cell));
      return { columns, rows, changes: this.db.getRowsModified() };
    } finally {
      stmt.free();
    }
  }

  inTransaction(): boolean {
    // sqlite3_get_autocommit is not exported by sql.js: BEGIN fails inside a transaction
    try {
      this.db.run('BEGIN');
    } catch {
      return true;
    }
    this.db.run('ROLLBACK');
    return false;
  }

  export(): Uint8Array {
    return this.db.export();
  }
}
