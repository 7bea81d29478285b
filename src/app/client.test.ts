// The UI's client against a real SimSession (no worker): commands land in the console log
// with their output, the clock moves, and going back replays to the same state.
import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../store/memoryBackend.ts';
import { WorkspaceStore } from '../store/workspaceStore.ts';
import { SimSession } from '../worker/session.ts';
import { SimClient } from './client.svelte.ts';
import { sampleFiles } from './samples/index.ts';

const ws = {
  id: 'w1', name: 'test', profile: '3' as const, files: sampleFiles('3'), config: {}, seed: 1,
  start: '2024-06-01T00:00:00Z', commands: [], fileEdits: [], clock: '2024-06-01T00:00:00Z', view: 'grid', revision: 0, updatedAt: '',
};

/** A workspace in a store (in memory, as with no IndexedDB). */
async function stored() {
  const store = new WorkspaceStore(new MemoryBackend(), { notPersistent: { code: 'unavailable', reason: 'test' } });
  const { id: _id, revision: _revision, updatedAt: _updatedAt, ...draft } = ws;
  const r = await store.createWorkspace(draft);
  if (!r.ok && !('kept' in r)) throw new Error(r.message);
  return { store, created: r };
}

describe('SimClient', () => {
  it('opens a workspace, runs CLI commands into the console log, and moves the clock', async () => {
    const c = new SimClient(new SimSession());
    expect(await c.open(ws)).toBe(true);
    expect(c.clock).toBe('2024-06-01T00:00:00Z');
    const e = await c.command('airflow dags unpause etl', true);
    expect(e).toMatchObject({ exit_code: 0, fromUi: true });
    expect(e.output).toContain('etl');
    await c.runToNext('run_created');
    expect(c.notice).toBeTruthy();
    const bad = await c.command('airflow dags frobnicate');
    expect(bad.exit_code).toBe(2);
    expect(bad.output).toMatch(/invalid choice: 'frobnicate'/);
    expect(c.consoleLog).toHaveLength(2);
  });

  it('going back an hour replays to the state it had then', async () => {
    const s = new SimSession();
    const c = new SimClient(s);
    await c.open(ws);
    await c.command('airflow dags unpause etl');
    await c.jumpTo('2024-06-02T06:00:00Z');
    const at6 = JSON.stringify((s.dump() as { ok: true; value: unknown }).value);
    await c.jumpTo('2024-06-02T07:00:00Z');
    await c.stepBack(3600_000);
    expect(c.clock).toBe('2024-06-02T06:00:00Z');
    expect(JSON.stringify((s.dump() as { ok: true; value: unknown }).value)).toBe(at6);
  });

  it('a failed load is an error message, not an exception', async () => {
    const c = new SimClient(new SimSession());
    expect(await c.open({ ...ws, start: 'yesterday' })).toBe(false);
    expect(c.error).toBeTruthy();
  });

  it('saves the state after a clock action or command, at once (a reload right after finds it)', async () => {
    const { store, created } = await stored();
    const c = new SimClient(new SimSession(), store);
    await c.open(created.ws);
    await c.command('airflow dags unpause etl');
    await c.runToNext('run_created');
    await c.step();
    await c.flush();
    const saved = await store.getWorkspace(created.ws.id);
    expect(saved?.clock).toBe(c.clock);
    expect(saved?.clock).not.toBe('2024-06-01T00:00:00Z');
    expect(saved?.commands.map((x) => x.run)).toEqual(['airflow dags unpause etl']);
  });

  it('reports a save another tab beat to it as a conflict', async () => {
    const { store, created } = await stored();
    const results: string[] = [];
    const a = new SimClient(new SimSession(), store);
    const b = new SimClient(new SimSession(), store, { onSave: (r) => results.push(r.ok ? 'ok' : r.reason) });
    await a.open(created.ws);
    await b.open(created.ws);
    await a.command('airflow dags unpause etl');
    await a.flush();
    await b.command('airflow dags list');
    await b.flush();
    expect(results).toEqual(['conflict']);
    expect((await store.getWorkspace(created.ws.id))?.commands.map((x) => x.run)).toEqual(['airflow dags unpause etl']);
  });
});
