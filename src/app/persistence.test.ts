import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/openStore.ts';
import { draft, ETL, fakeIdb, tick } from '../store/testkit.ts';
import type { SaveResult, Workspace } from '../store/types.ts';
import type { WorkspaceStore } from '../store/workspaceStore.ts';
import {
  createAutosaver,
  exportWorkspaceFile,
  flushWhenHidden,
  importWorkspaceFile,
  loadOrCreateDefaultWorkspace,
  workspaceFileName,
} from './persistence.ts';

const open: WorkspaceStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function store(idb = fakeIdb()) {
  const s = await openStore(idb);
  open.push(s);
  return s;
}
function saved(r: SaveResult | undefined): Workspace {
  if (!r?.ok) throw new Error(`expected ok, got ${r ? `${r.reason}: ${r.message}` : 'nothing'}`);
  return r.ws;
}
const SAMPLES = { 'etl.py': ETL };

describe('loadOrCreateDefaultWorkspace', () => {
  it('creates a workspace from the samples on first run, with the profile setting', async () => {
    const s = await store();
    await s.setSetting('profile', '2');
    const first = await loadOrCreateDefaultWorkspace(s, SAMPLES, { start: '2024-06-03T12:00:00Z' });
    expect(first.created).toBe(true);
    expect(first.ws).toMatchObject({ profile: '2', files: SAMPLES, start: '2024-06-03T12:00:00Z', clock: '2024-06-03T12:00:00Z', revision: 1 });
    const again = await loadOrCreateDefaultWorkspace(s, SAMPLES);
    expect(again).toEqual({ ws: first.ws, created: false });
  });

  it('opens the workspace this tab had, else the most recently saved one', async () => {
    let t = 0;
    const s = await openStore({ ...fakeIdb(), now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, t++)).toISOString() });
    open.push(s);
    const older = saved(await s.createWorkspace(draft({ name: 'older' })));
    const newer = saved(await s.createWorkspace(draft({ name: 'newer' })));
    expect((await loadOrCreateDefaultWorkspace(s, SAMPLES, { preferId: older.id })).ws.id).toBe(older.id);
    expect((await loadOrCreateDefaultWorkspace(s, SAMPLES)).ws.id).toBe(newer.id);
    expect((await loadOrCreateDefaultWorkspace(s, SAMPLES, { preferId: 'deleted-elsewhere' })).ws.id).toBe(newer.id);
  });

  it('with matchProfile, each profile keeps its own workspace', async () => {
    const s = await store();
    const three = await loadOrCreateDefaultWorkspace(s, SAMPLES, { profile: '3', matchProfile: true });
    const two = await loadOrCreateDefaultWorkspace(s, SAMPLES, { profile: '2', matchProfile: true });
    expect([three.ws.profile, two.ws.profile, two.created]).toEqual(['3', '2', true]);
    expect(two.ws.id).not.toBe(three.ws.id);
    expect((await loadOrCreateDefaultWorkspace(s, SAMPLES, { profile: '3', matchProfile: true })).ws.id).toBe(three.ws.id);
  });

  it('works on a store without IndexedDB', async () => {
    const s = await openStore({ indexedDB: undefined });
    open.push(s);
    const r = await loadOrCreateDefaultWorkspace(s, SAMPLES);
    expect(r.created).toBe(true);
    expect(s.persistent).toBe(false);
  });

  it('returns the new workspace even when the disk is full, with the warning', async () => {
    const s = await store();
    (s.db!.workspaces as unknown as { put: unknown }).put = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const r = await loadOrCreateDefaultWorkspace(s, SAMPLES);
    expect(r).toMatchObject({ created: true, ws: { files: SAMPLES }, warning: { reason: 'quota' } });
  });
});

describe('autosave', () => {
  async function setup(delay_ms = 20) {
    const s = await store();
    const ws = saved(await s.createWorkspace(draft()));
    const results: SaveResult[] = [];
    const saver = createAutosaver(s, { delay_ms, onResult: (r) => results.push(r) });
    return { s, ws, saver, results };
  }

  it('saves once after changes pause, with the last change', async () => {
    const { s, ws, saver, results } = await setup();
    saver.schedule({ ...ws, clock: '2024-06-01T01:00:00Z' });
    saver.schedule({ ...ws, clock: '2024-06-01T02:00:00Z' });
    saver.schedule({ ...ws, clock: '2024-06-01T03:00:00Z' });
    expect(results).toEqual([]);
    await tick(80);
    expect(results).toHaveLength(1);
    expect(await s.getWorkspace(ws.id)).toMatchObject({ clock: '2024-06-01T03:00:00Z', revision: 2 });
  });

  it('builds each save on the revision the previous one wrote, even if the UI keeps the old object', async () => {
    const { s, ws, saver } = await setup();
    saver.schedule({ ...ws, view: 'grid' });
    expect(saved(await saver.flush()).revision).toBe(2);
    saver.schedule({ ...ws, view: 'graph' }); // still revision 1 in the UI's hands
    expect(saved(await saver.flush()).revision).toBe(3);
    expect((await s.getWorkspace(ws.id))?.view).toBe('graph');
  });

  it('never runs two saves at once (the second would conflict with the first)', async () => {
    const { ws, saver } = await setup();
    saver.schedule({ ...ws, seed: 2 });
    const first = saver.flush();
    saver.schedule({ ...ws, seed: 3 });
    const second = saver.flush();
    expect(saved(await first).revision).toBe(2);
    expect(saved(await second)).toMatchObject({ revision: 3, seed: 3 });
  });

  it('stops on a conflict instead of overwriting the other tab, until the UI resolves it', async () => {
    const idb = fakeIdb();
    const a = await store(idb);
    const b = await store(idb);
    const ws = saved(await a.createWorkspace(draft()));
    saved(await b.save({ ...ws, name: 'from tab B' }, ws.revision));

    const results: SaveResult[] = [];
    const saver = createAutosaver(a, { delay_ms: 5, onResult: (r) => results.push(r) });
    saver.schedule({ ...ws, name: 'from tab A' });
    expect(await saver.flush()).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 2 } });
    saver.schedule({ ...ws, name: 'from tab A, again' });
    expect(await saver.flush()).toBeUndefined(); // stopped: nothing written, nothing new reported
    expect(results).toHaveLength(1);
    expect((await a.getWorkspace(ws.id))?.name).toBe('from tab B');

    // The learner chose to keep A's version: the UI saves it over the revision it saw.
    saver.schedule({ ...ws, name: 'A wins', revision: 2 });
    expect(saved(await saver.flush())).toMatchObject({ name: 'A wins', revision: 3 });
  });

  it('keeps saving in memory when the disk is full, and the revisions still chain', async () => {
    const { s, ws, saver } = await setup();
    (s.db!.workspaces as unknown as { put: unknown }).put = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    saver.schedule({ ...ws, seed: 5 });
    expect(await saver.flush()).toMatchObject({ ok: false, reason: 'quota', ws: { revision: 2 } });
    saver.schedule({ ...ws, seed: 6 });
    expect(await saver.flush()).toMatchObject({ ok: false, reason: 'quota', ws: { revision: 3, seed: 6 } });
  });

  it('a save that throws does not stop the ones after it', async () => {
    const { s, ws, saver } = await setup();
    const real = s.save.bind(s);
    s.save = () => Promise.reject(new Error('bug'));
    saver.schedule({ ...ws, seed: 3 });
    await expect(saver.flush()).rejects.toThrow('bug');
    s.save = real;
    saver.schedule({ ...ws, seed: 4 });
    expect(saved(await saver.flush()).seed).toBe(4);
    expect(await saver.flush()).toBeUndefined(); // nothing scheduled
  });

  it('picks up the revision of a direct store write when given its result', async () => {
    const { s, ws, saver } = await setup();
    const after = saved(await s.appendCommand(ws.id, { at: ws.clock, run: 'airflow dags list' }, ws.revision));
    saver.schedule({ ...after, view: 'grid' });
    expect(saved(await saver.flush())).toMatchObject({ revision: 3, commands: after.commands, view: 'grid' });
  });

  it('dispose drops a pending save', async () => {
    const { s, ws, saver, results } = await setup(10);
    saver.schedule({ ...ws, seed: 9 });
    saver.dispose();
    await tick(40);
    expect(results).toEqual([]);
    expect((await s.getWorkspace(ws.id))?.seed).toBe(ws.seed);
  });

  it('flushes when the page is hidden', async () => {
    const { s, ws, saver } = await setup(60_000);
    const page = new EventTarget();
    let hidden = false;
    const stop = flushWhenHidden(saver, page, () => hidden);
    saver.schedule({ ...ws, seed: 11 });
    page.dispatchEvent(new Event('visibilitychange')); // visible: no flush
    await tick();
    expect((await s.getWorkspace(ws.id))?.seed).toBe(ws.seed);
    hidden = true;
    page.dispatchEvent(new Event('visibilitychange'));
    await tick();
    expect((await s.getWorkspace(ws.id))?.seed).toBe(11);
    saver.schedule({ ...ws, seed: 12, revision: 2 });
    page.dispatchEvent(new Event('pagehide'));
    await tick();
    expect((await s.getWorkspace(ws.id))?.seed).toBe(12);
    stop();
    saver.dispose();
  });
});

describe('workspace files', () => {
  const ws: Workspace = { id: 'ws-x', ...draft({ commands: [{ at: '2024-06-01T00:00:00Z', seq: 1, run: 'airflow dags unpause etl' }] }), revision: 7, updatedAt: '2025-01-01T00:00:00.000Z' };

  it('round-trips everything but the identity', async () => {
    const text = exportWorkspaceFile(ws, '2025-02-02T00:00:00.000Z');
    expect(JSON.parse(text)).toMatchObject({ format: 'airflow-sim-workspace', version: 1, exportedAt: '2025-02-02T00:00:00.000Z' });
    const r = importWorkspaceFile(text);
    expect(r).toEqual({ ok: true, ws: draft({ commands: ws.commands }) });
    // and the draft goes straight into a store as a new workspace
    const s = await store();
    if (!r.ok) throw new Error(r.error);
    const created = saved(await s.createWorkspace(r.ws));
    expect(created.id).not.toBe(ws.id);
    expect(created.commands).toEqual(ws.commands);
  });

  it('names what is wrong with a bad file', () => {
    const file = (o: object) => JSON.stringify({ format: 'airflow-sim-workspace', version: 1, ...o });
    const bad = (text: string) => {
      const r = importWorkspaceFile(text);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad('{"format": ')).toMatch(/^not a JSON file: /);
    expect(bad('[1]')).toMatch(/^not a workspace file/);
    expect(bad(JSON.stringify({ format: 'airflow-sim-progress', version: 1 }))).toMatch(/found "airflow-sim-progress"/);
    expect(bad(file({ version: 2 }))).toMatch(/^version: .*newer version of the app/);
    expect(bad(file({ version: '1' }))).toMatch(/^version: must be a whole number/);
    expect(bad(file({}))).toBe('workspace: must be an object, not missing');
    const { name: _n, ...noName } = draft();
    expect(bad(file({ workspace: noName }))).toBe('workspace.name: must be a string, not missing');
    expect(bad(file({ workspace: { ...draft(), commands: [{ at: '2024-06-01T00:00:00Z', seq: 1, run: 'x' }, { at: 'later', seq: 2, run: 'y' }] } }))).toMatch(
      /^workspace\.commands\[1\]\.at: "later" is not an ISO 8601 time/,
    );
    expect(bad(file({ workspace: { ...draft(), id: 'x' } }))).toMatch(/^workspace: unknown key "id"/);
  });

  it('suggests a safe file name', () => {
    expect(workspaceFileName({ name: 'My ETL: v2/final' })).toBe('My-ETL-v2-final.airflow-sim.json');
    expect(workspaceFileName({ name: '  ' })).toBe('workspace.airflow-sim.json');
    expect(workspaceFileName({ name: '백필 연습' })).toBe('백필-연습.airflow-sim.json');
  });
});
