// When the worker loads sql.js, so results are identical headless and in the browser.
// The rule: a Simulation gets a warehouse whenever sql.js is loaded, and sql.js is loaded (awaited)
// before any input that mentions SQL is applied: a workspace whose files or recorded actions name
// a SQL operator or run `sim sql`, a file saved with one, a `sim sql` command. Until then nothing
// could have written to a warehouse, so a Simulation built without one behaves exactly as one
// with an empty warehouse; Playback attaches the empty warehouse before applying the first SQL
// input. The headless runner loads sql.js before it starts, which is the same thing.
// sql.js and its wasm are imported dynamically: the first view never downloads them.
import { loadSqlJs, sqlJsFactory } from '../engine/warehouse/sqljs.ts';
import type { WarehouseFactory } from '../engine/warehouse/types.ts';

/** A DAG file that names a SQL operator or the SQL providers' modules. */
const SQL_SOURCE = /SQLExecuteQueryOperator|SqliteOperator|providers\.common\.sql|providers\.sqlite/;
/** A command line of `sim sql`. */
const SQL_COMMAND = /^\s*sim\s+sql(\s|$)/;

export function sourceNeedsWarehouse(source: string | null | undefined): boolean {
  return !!source && SQL_SOURCE.test(source);
}

export function commandNeedsWarehouse(line: string): boolean {
  return SQL_COMMAND.test(line);
}

/** Does a workspace (its initial files and recorded actions) need the warehouse? Loose on shape:
 *  it is called before the workspace is validated. */
export function workspaceNeedsWarehouse(ws: unknown): boolean {
  if (!ws || typeof ws !== 'object') return false;
  const w = ws as { files?: unknown; commands?: unknown; fileEdits?: unknown };
  if (w.files && typeof w.files === 'object' && Object.values(w.files).some((s) => typeof s === 'string' && sourceNeedsWarehouse(s))) return true;
  const list = (x: unknown) => (Array.isArray(x) ? (x as { run?: unknown; source?: unknown }[]) : []);
  return (
    list(w.commands).some((c) => typeof c?.run === 'string' && commandNeedsWarehouse(c.run)) ||
    list(w.fileEdits).some((e) => typeof e?.source === 'string' && sourceNeedsWarehouse(e.source))
  );
}

/** The factory once loaded, else null. */
export function warehouseFactory(): WarehouseFactory | null {
  return sqlJsFactory();
}

const isNode = !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;

/** Load sql.js once: in the browser with the wasm URL Vite emitted, in Node from node_modules. */
export async function loadWarehouse(): Promise<WarehouseFactory> {
  if (isNode) return loadSqlJs();
  const { default: wasmUrl } = await import('sql.js/dist/sql-wasm.wasm?url');
  return loadSqlJs(() => wasmUrl);
}
