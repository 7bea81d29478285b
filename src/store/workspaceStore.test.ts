import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './openStore.ts';
import type { WorkspaceStore } from './workspaceStore.ts';
import type { ExternalChange, SaveResult, Workspace } from './types.ts';
import { draft, fakeIdb, tick, twoTabs } from './testkit.ts';

const open: WorkspaceStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function store(opts = fakeIdb(), now?: () => string) {
  const s = await openStore({ ...opts, now });
  open.push(s);
  return s;
}
async function tabs() {
  const t = await twoTabs();
  open.push(t.a, t.b);
  return t;
}
function saved(r: SaveResult): Workspace {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.message}`);
  return r.ws;
}

describe('workspaces', () => {
  it('creates, gets, lists (newest first), renames and deletes', async () => {
    let t = 0;
    const s = await store(fakeIdb(), () => new Date(Date.UTC(2025, 0, 1, 0, 0, t++)).toISOString());
    expect(s.persistent).toBe(true);
    const a = saved(await s.createWorkspace(draft({ name: 'A' })));
    const b = saved(await s.createWorkspace(draft({ name: 'B' })));
    expect(a.id).not.toBe(b.id);
    expect(a.revision).toBe(1);
    expect(await s.getWorkspace(a.id)).toEqual(a);
    expect((await s.listWorkspaces()).map((w) => w.name)).toEqual(['B', 'A']);

    const renamed = saved(await s.renameWorkspace(a.id, 'A2', a.revision));
    expect(renamed).toMatchObject({ name: 'A2', revision: 2 });
    expect((await s.listWorkspaces()).map((w) => w.name)).toEqual(['A2', 'B']);

    expect(await s.deleteWorkspace(b.id)).toEqual({ ok: true });
    expect(await s.getWorkspace(b.id)).toBeUndefined();
    expect((await s.listWorkspaces()).map((w) => w.id)).toEqual([a.id]);
  });

  it('survives closing and reopening the database (a reload)', async () => {
    const idb = fakeIdb();
    const s1 = await openStore(idb);
    const ws = saved(await s1.createWorkspace(draft()));
    const next = saved(await s1.save({ ...ws, clock: '2024-06-02T00:00:00Z', view: 'grid' }, ws.revision));
    s1.close();
    const s2 = await store(idb);
    expect(await s2.getWorkspace(ws.id)).toEqual(next);
  });

  it('save bumps the revision and stamps updatedAt', async () => {
    const s = await store(fakeIdb(), () => '2025-03-04T05:06:07.000Z');
    const ws = saved(await s.createWorkspace(draft()));
    const r = saved(await s.save({ ...ws, seed: 9 }, 1));
    expect(r).toMatchObject({ revision: 2, seed: 9, updatedAt: '2025-03-04T05:06:07.000Z' });
  });

  it('refuses a save based on an old revision and returns the current one', async () => {
    const s = await store();
    const v1 = saved(await s.createWorkspace(draft()));
    const v2 = saved(await s.save({ ...v1, name: 'newer' }, v1.revision));
    const r = await s.save({ ...v1, name: 'stale' }, v1.revision);
    expect(r).toMatchObject({ ok: false, reason: 'conflict', current: { name: 'newer', revision: 2 } });
    expect(await s.getWorkspace(v1.id)).toEqual(v2);
  });

  it('refuses invalid data, names what is wrong, and writes nothing', async () => {
    const s = await store();
    const ws = saved(await s.createWorkspace(draft()));
    const r = await s.save({ ...ws, profile: '4' as '3' }, ws.revision);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/workspace\.profile/) });
    expect(await s.getWorkspace(ws.id)).toEqual(ws);
    expect(await s.createWorkspace(draft({ start: 'yesterday' }))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await s.listWorkspaces()).toHaveLength(1);
  });

  it('stores plain data even from a proxy (Svelte $state), which IndexedDB cannot clone', async () => {
    const s = await store();
    const ws = saved(await s.createWorkspace(draft()));
    const proxied = new Proxy({ ...ws, name: 'via proxy' }, {});
    expect(() => structuredClone(proxied)).toThrow();
    expect(saved(await s.save(proxied, ws.revision)).name).toBe('via proxy');
  });

  it('appendCommand and setFile record at virtual times, with the revision rule', async () => {
    const s = await store();
    const ws = saved(await s.createWorkspace(draft({ clock: '2024-06-01T05:00:00Z' })));
    const c = saved(await s.appendCommand(ws.id, { at: '2024-06-01T01:00:00Z', run: 'airflow dags unpause etl' }, 1));
    expect(c.commands).toEqual([{ at: '2024-06-01T01:00:00Z', seq: 1, run: 'airflow dags unpause etl' }]);
    const f = saved(await s.setFile(ws.id, 'etl.py', 'edited', c.revision)); // at the clock
    expect(f.fileEdits).toEqual([{ at: '2024-06-01T05:00:00Z', seq: 2, name: 'etl.py', source: 'edited' }]);
    const back = saved(await s.resetFileToSample(ws.id, 'etl.py', 'sample', f.revision));
    expect(back.fileEdits.at(-1)).toMatchObject({ name: 'etl.py', source: 'sample', seq: 3 });

    expect(await s.appendCommand(ws.id, { at: '2024-06-01T06:00:00Z', run: 'x' }, 1)).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await s.appendCommand(ws.id, { at: '2024-06-01T00:30:00Z', run: 'x' }, back.revision)).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/forkAt/),
    });
    expect(await s.setFile('nope', 'a.py', 'x', 1)).toMatchObject({ ok: false, reason: 'not-found' });
    expect((await s.getWorkspace(ws.id))?.revision).toBe(back.revision);
  });
});

describe('two tabs over one database', () => {
  it('the second tab cannot overwrite the first with a stale revision', async () => {
    const { a, b } = await tabs();
    const ws = saved(await a.createWorkspace(draft()));
    const inB = (await b.getWorkspace(ws.id))!;
    saved(await a.save({ ...ws, name: 'saved in A' }, ws.revision));
    const r = await b.save({ ...inB, name: 'saved in B' }, inB.revision);
    expect(r).toMatchObject({ ok: false, reason: 'conflict', current: { name: 'saved in A', revision: 2 } });
    expect((await a.getWorkspace(ws.id))?.name).toBe('saved in A');
    // Saving deliberately over the current revision is how a tab chooses to keep its version.
    expect(saved(await b.save({ ...inB, name: 'B wins' }, 2)).revision).toBe(3);
  });

  it('only one of two saves racing from the same revision wins', async () => {
    const { a, b } = await tabs();
    const ws = saved(await a.createWorkspace(draft()));
    const [ra, rb] = await Promise.all([a.save({ ...ws, name: 'A' }, 1), b.save({ ...ws, name: 'B' }, 1)]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    const loser = ra.ok ? rb : ra;
    expect(loser).toMatchObject({ reason: 'conflict' });
  });

  it('tells the other tab what changed, not itself, and not stores of other databases', async () => {
    const { a, b } = await tabs();
    const other = await store(); // another database on the same channel
    const heardA: ExternalChange[] = [];
    const heardB: ExternalChange[] = [];
    const heardOther: ExternalChange[] = [];
    a.onExternalChange((c) => heardA.push(c));
    const stop = b.onExternalChange((c) => heardB.push(c));
    other.onExternalChange((c) => heardOther.push(c));

    const ws = saved(await a.createWorkspace(draft()));
    await a.setSetting('theme', 'dark');
    await a.setProgress({ lessonId: 'l1', stepsDone: ['s1'], answers: {} });
    await a.deleteWorkspace(ws.id);
    await tick();
    expect(heardB).toEqual([
      { kind: 'workspace', id: ws.id, revision: 1 },
      { kind: 'setting', key: 'theme' },
      { kind: 'progress', lessonId: 'l1' },
      { kind: 'workspace-deleted', id: ws.id },
    ]);
    expect(heardA).toEqual([]);
    expect(heardOther).toEqual([]);

    stop();
    await a.setSetting('theme', 'light');
    await tick();
    expect(heardB).toHaveLength(4);
  });

  it('a save after the other tab deleted the workspace reports not-found', async () => {
    const { a, b } = await tabs();
    const ws = saved(await a.createWorkspace(draft()));
    await b.deleteWorkspace(ws.id);
    expect(await a.save(ws, ws.revision)).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('settings', () => {
  it('gets and sets typed values and refuses others', async () => {
    const idb = fakeIdb();
    const s = await store(idb);
    expect(await s.getSetting('language')).toBeUndefined();
    expect(await s.setSetting('language', 'ko')).toEqual({ ok: true });
    expect(await s.setSetting('profile', '2')).toEqual({ ok: true });
    expect(await s.setSetting('theme', 'pink' as 'dark')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await s.getSettings()).toEqual({ language: 'ko', profile: '2' });
    // A stored value this app does not know (a newer app, devtools) reads as unset.
    await s.db!.settings.put({ key: 'reducedMotion', value: 'sometimes' });
    expect(await s.getSetting('reducedMotion')).toBeUndefined();
  });
});

describe('lesson progress', () => {
  const AT = '2025-01-01T00:00:00.000Z';

  it('sets, gets and round-trips through export and import', async () => {
    const s = await store(fakeIdb(), () => AT);
    await s.setProgress({ lessonId: 'catchup', stepsDone: ['a', 'b'], answers: { q1: 'x' } });
    expect(await s.getProgress('catchup')).toEqual({ lessonId: 'catchup', stepsDone: ['a', 'b'], answers: { q1: 'x' }, updatedAt: AT });
    const file = await s.exportProgress();
    expect(JSON.parse(file)).toMatchObject({ format: 'airflow-sim-progress', version: 1, lessons: [{ lessonId: 'catchup' }] });

    const elsewhere = await store();
    expect(await elsewhere.importProgress(file)).toEqual({ ok: true, imported: 1 });
    expect(await elsewhere.getProgress('catchup')).toEqual(await s.getProgress('catchup'));
  });

  it('import merges: steps are never lost, the later answers win', async () => {
    const s = await store();
    await s.setProgress({ lessonId: 'l', stepsDone: ['a', 'c'], answers: { q1: 'mine', q2: 'mine' }, updatedAt: '2025-01-02T00:00:00Z' });
    const file = JSON.stringify({
      format: 'airflow-sim-progress',
      version: 1,
      lessons: [{ lessonId: 'l', stepsDone: ['a', 'b'], answers: { q1: 'theirs', q3: 'theirs' }, updatedAt: '2025-01-01T00:00:00Z' }],
    });
    expect(await s.importProgress(file)).toEqual({ ok: true, imported: 1 });
    expect(await s.getProgress('l')).toEqual({
      lessonId: 'l',
      stepsDone: ['a', 'c', 'b'],
      answers: { q1: 'mine', q2: 'mine', q3: 'theirs' },
      updatedAt: '2025-01-02T00:00:00Z',
    });
  });

  it('refuses a bad file, names what is wrong, and imports nothing from it', async () => {
    const s = await store();
    const good = { lessonId: 'ok', stepsDone: [], answers: {}, updatedAt: '2025-01-01T00:00:00Z' };
    const bad = { ...good, lessonId: 'bad', stepsDone: [3] };
    const file = (lessons: unknown, extra = {}) => JSON.stringify({ format: 'airflow-sim-progress', version: 1, lessons, ...extra });
    expect(await s.importProgress(file([good, bad]))).toEqual({ ok: false, reason: 'invalid', message: expect.stringMatching(/^lessons\[1\]\.stepsDone\[0\]/) });
    expect(await s.getProgress('ok')).toBeUndefined();
    expect(await s.importProgress('{')).toMatchObject({ ok: false, message: expect.stringMatching(/^not a JSON file/) });
    expect(await s.importProgress('{"format":"other"}')).toMatchObject({ ok: false, message: expect.stringMatching(/not a lesson progress file/) });
    expect(await s.importProgress(file([good], { version: 2 }))).toMatchObject({ ok: false, message: expect.stringMatching(/update the app/) });
    expect(await s.importProgress(file([good, good]))).toMatchObject({ ok: false, message: expect.stringMatching(/appears twice/) });
    expect(await s.setProgress({ lessonId: '', stepsDone: [], answers: {} })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
