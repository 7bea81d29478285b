// The warehouse in the session: sql.js is loaded before any input that mentions SQL (the rule in
// warehouse.ts), so a workspace gives the same rows loaded fresh, replayed after going back, and
// headless; `sim sql` is recorded like any command and replayed with the learner's own writes.
import { describe, expect, it } from 'vitest';
import { SimSession, type Result } from './session.ts';
import { simApi } from './simApi.ts';
import { commandNeedsWarehouse, sourceNeedsWarehouse, warehouseFactory, workspaceNeedsWarehouse } from './warehouse.ts';
import type { Workspace } from './workspace.ts';

const SALES = `from datetime import datetime
from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator

with DAG("sales", schedule="@daily", start_date=datetime(2024, 6, 1), catchup=True):
    SQLExecuteQueryOperator(
        task_id="load",
        conn_id="sqlite_default",
        sql=["CREATE TABLE IF NOT EXISTS sales (day TEXT, amount INTEGER)", "INSERT INTO sales VALUES ('{{ ds }}', 100)"],
    )
`;

function workspace(over: Partial<Workspace> = {}): Workspace {
  return {
    profile: '3',
    files: { 'sales.py': SALES },
    config: {},
    seed: 1,
    start: '2024-06-01T00:00:00Z',
    commands: [{ at: '2024-06-01T00:01:00Z', run: 'airflow dags unpause sales' }],
    fileEdits: [],
    ...over,
  };
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.error}`);
  return r.value;
}

const count = (s: SimSession) => value(s.warehouseTables())?.find((t) => t.name === 'sales')?.rows ?? null;

describe('when sql.js is needed', () => {
  it('detects SQL operators in files and sim sql among commands', () => {
    expect(sourceNeedsWarehouse(SALES)).toBe(true);
    expect(sourceNeedsWarehouse('from airflow.providers.standard.operators.bash import BashOperator')).toBe(false);
    expect(commandNeedsWarehouse('sim sql "SELECT 1"')).toBe(true);
    expect(commandNeedsWarehouse('airflow dags list')).toBe(false);
    expect(workspaceNeedsWarehouse(workspace({ files: {} }))).toBe(false);
    expect(workspaceNeedsWarehouse(workspace({ files: {}, commands: [{ at: '2024-06-01T00:00:00Z', run: 'sim sql "SELECT 1"' }] }))).toBe(true);
    expect(workspaceNeedsWarehouse(workspace({ files: {}, fileEdits: [{ at: '2024-06-01T00:00:00Z', name: 'a.py', source: SALES }] }))).toBe(true);
  });

  it('a bare session refuses SQL inputs until sql.js is loaded (never runs them without a warehouse)', async () => {
    expect(warehouseFactory()).toBeNull();
    const s = new SimSession();
    expect(s.load(workspace())).toMatchObject({ ok: false, kind: 'not_loaded' });
    value(s.load(workspace({ files: {} })));
    expect(value(s.warehouseTables())).toBeNull();
    expect(s.command('sim sql "SELECT 1"')).toMatchObject({ ok: false, kind: 'not_loaded' });
    value(await s.loadWarehouse());
    // loaded later: an empty warehouse is attached before the first SQL input
    expect(value(s.command('sim sql "CREATE TABLE t (a)"')).exit_code).toBe(0);
    expect(value(s.warehouseTables())).toEqual([{ name: 't', rows: 0 }]);
  });
});

describe('replay rebuilds the same rows', () => {
  it('going back and forward again gives the same rows; sim sql writes are replayed', () => {
    const s = new SimSession();
    value(s.load(workspace()));
    value(s.runUntil('2024-06-03T12:00:00Z', { maxSteps: 1e6 }));
    expect(count(s)).toBe(3);
    value(s.command("sim sql \"INSERT INTO sales VALUES ('manual', 1)\""));
    expect(count(s)).toBe(4);
    value(s.jumpTo('2024-06-02T12:00:00Z'));
    expect(count(s)).toBe(2);
    value(s.runUntil('2024-06-04T12:00:00Z', { maxSteps: 1e6 }));
    expect(count(s)).toBe(5);
    const t = value(s.warehouseTable('sales'));
    expect(t.columns).toEqual(['day', 'amount']);
    expect(t.rows.map((r) => r[0])).toEqual(['2024-06-01', '2024-06-02', '2024-06-03', 'manual', '2024-06-04']);
    // a new session from the saved workspace lands on the same rows
    const again = new SimSession();
    value(again.load(value(s.workspace())));
    expect(value(again.warehouseTable('sales')).rows).toEqual(t.rows);
  });

  it("the worker's API loads sql.js itself before a SQL input, and the headless run gives the same rows", async () => {
    const session = simApi.session as unknown as { load(ws: Workspace): Promise<Result<unknown>> | Result<unknown>; warehouseTables(): Result<unknown> };
    value(await session.load(workspace({ clock: '2024-06-03T12:00:00Z' })));
    expect(value(session.warehouseTables())).toEqual([{ name: 'sales', rows: 3 }]);
    const out = (await simApi.run({
      airflow: '3',
      files: { 'sales.py': SALES },
      start: '2024-06-01T00:00:00Z',
      commands: [
        { at: '2024-06-01T00:01:00Z', run: 'airflow dags unpause sales' },
        { at: '2024-06-03T12:00:00Z', run: 'sim sql "SELECT count(*) AS n FROM sales"' },
      ],
      until: '2024-06-03T12:00:00Z',
    })) as { commands: { output: string }[] };
    expect(out.commands[1]!.output).toBe(['+---+', '| n |', '+---+', '| 3 |', '+---+', '(1 row)'].join('\n'));
  });
});

describe('checkpoints copy the warehouse (src/worker/snapshot.ts)', () => {
  it('going back from a checkpoint gives the rows of that instant, and the checkpoint keeps its own copy', async () => {
    const { Playback } = await import('./playback.ts');
    const { readWorkspace } = await import('./workspace.ts');
    const { actions, clock: _c, ...setup } = readWorkspace(workspace());
    const pb = new Playback(setup, actions, { checkpointEvery: 5, maxCheckpoints: 8 });
    const rows = () => pb.sim.warehouse!.exec('SELECT count(*) FROM sales')[0]!.rows[0]![0];
    pb.advance(Date.parse('2024-06-06T12:00:00Z'));
    expect(rows()).toBe(6);
    // a warehouse refuses generic deep copies; snapshot.ts copies it with clone(), so checkpoints exist
    expect(pb.checkpoints.size).toBeGreaterThan(0);
    pb.seek(Date.parse('2024-06-03T12:00:00Z'));
    expect(rows()).toBe(3);
    pb.advance(Date.parse('2024-06-06T12:00:00Z'));
    expect(rows()).toBe(6);
    // back again: the checkpoint was not changed by the play after the first restore
    pb.seek(Date.parse('2024-06-03T12:00:00Z'));
    expect(rows()).toBe(3);
  });
});
