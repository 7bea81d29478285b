// A checkpoint copies the warehouse's database file (sql.js export -> a new Database), not its
// connection: PRAGMAs, TEMP tables and ATTACHed databases live on the connection. So every SQL
// input gets a connection of its own, as in Airflow, where SqliteHook.get_conn opens
// sqlite3.connect() for each DbApiHook.run (providers/sqlite/.../hooks/sqlite.py) and closes it
// after: nothing a connection holds outlives the input, and a state restored from a checkpoint
// answers exactly as the one that kept playing.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import { loadSqlJs } from '../engine/warehouse/sqljs.ts';
import type { WarehouseFactory } from '../engine/warehouse/types.ts';
import { capture, restore } from './snapshot.ts';

let warehouse: WarehouseFactory;
beforeAll(async () => {
  warehouse = await loadSqlJs();
});

const sql = (sim: Simulation, s: string) => sim.command(`sim sql "${s}"`);

function pair(setup: string[]): [Simulation, Simulation] {
  const sim = new Simulation({ profile: '3', start: Date.UTC(2024, 5, 1), files: {}, warehouse });
  for (const s of setup) sql(sim, s);
  const cp = capture(sim, [], 0, 0);
  expect(cp).not.toBeNull();
  return [sim, restore(cp!).sim];
}

describe('the warehouse connection does not outlive a SQL input', () => {
  it('a PRAGMA foreign_keys=ON holds for its own command only, live and after a restore alike', () => {
    const [live, back] = pair(['PRAGMA foreign_keys=ON', 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))']);
    const a = sql(live, 'INSERT INTO c VALUES (5)');
    expect(sql(back, 'INSERT INTO c VALUES (5)')).toEqual(a);
    // SQLite's default on a new connection: foreign keys not enforced
    expect(a).toEqual({ exit_code: 0, output: '1 row changed' });
  });

  it('a TEMP table is gone when its command ends, live and after a restore alike', () => {
    const [live, back] = pair(['CREATE TEMP TABLE scratch (x INTEGER)']);
    const a = sql(live, 'SELECT count(*) FROM scratch');
    expect(sql(back, 'SELECT count(*) FROM scratch')).toEqual(a);
    expect(a.exit_code).toBe(1);
  });

  it('within one command the connection is shared: a TEMP table serves the next statement', () => {
    const sim = new Simulation({ profile: '3', start: Date.UTC(2024, 5, 1), files: {}, warehouse });
    expect(sql(sim, 'CREATE TEMP TABLE s (x INTEGER); INSERT INTO s VALUES (1); SELECT count(*) AS n FROM s').exit_code).toBe(0);
  });
});
