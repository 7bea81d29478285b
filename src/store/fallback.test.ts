// When IndexedDB cannot be used or refuses a write, the learner's work stays in memory and
// the store says why.
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { LATEST_VERSION, SCHEMA, SimDB } from './db.ts';
import { openStore } from './openStore.ts';
import { NOT_AVAILABLE, OPEN_TIMED_OUT, writeFailure } from './reasons.ts';
import { draft, fakeIdb, tick } from './testkit.ts';
import type { ExternalChange, SaveResult, Workspace } from './types.ts';
import type { WorkspaceStore } from './workspaceStore.ts';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
function keep<S extends { close(): void }>(s: S): S {
  open.push(s);
  return s;
}
function saved(r: SaveResult): Workspace {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.message}`);
  return r.ws;
}
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Make one table's put fail like a full disk until `restore` is called. */
function fillDisk(s: WorkspaceStore, table: 'workspaces' | 'settings' | 'lessonProgress') {
  const t = s.db![table] as unknown as { put: unknown };
  const put = t.put;
  t.put = () => Promise.reject(quota());
  return () => {
    t.put = put;
  };
}

describe('no IndexedDB', () => {
  it('works in memory with the same interface, and says why', async () => {
    const s = keep(await openStore({ indexedDB: undefined, name: 'none' }));
    expect(s.persistent).toBe(false);
    expect(s.status()).toEqual({ persistent: false, reason: NOT_AVAILABLE, outdated: false, unsaved: [] });
    expect(s.status().reason).toBe('IndexedDB is not available in this browser (private mode?)');
    const ws = saved(await s.createWorkspace(draft()));
    const next = saved(await s.appendCommand(ws.id, { at: '2024-06-01T00:00:00Z', run: 'airflow dags list' }, 1));
    expect(await s.getWorkspace(ws.id)).toEqual(next);
    expect(await s.save(ws, 1)).toMatchObject({ ok: false, reason: 'conflict' }); // the revision rule holds in memory too
    expect(await s.setSetting('language', 'en')).toEqual({ ok: true });
    expect(await s.getSetting('language')).toBe('en');
  });

  it('falls back when opening throws (storage blocked by the browser)', async () => {
    const blocked = {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const s = keep(await openStore({ ...fakeIdb(), indexedDB: blocked }));
    expect(s.persistent).toBe(false);
    expect(s.status().reason).toBe(NOT_AVAILABLE);
    expect(s.notPersistent).toMatchObject({ code: 'unavailable', detail: expect.stringMatching(/InvalidStateError/) });
    expect(saved(await s.createWorkspace(draft())).revision).toBe(1);
  });

  it('falls back when opening never finishes', async () => {
    const silent = { open: () => ({}) } as unknown as IDBFactory; // a request that never fires an event
    const s = keep(await openStore({ ...fakeIdb(), indexedDB: silent, openTimeout_ms: 30 }));
    expect(s.persistent).toBe(false);
    expect(s.notPersistent?.code).toBe('timeout');
    expect(s.status().reason).toBe(OPEN_TIMED_OUT);
  });
});

describe('a full disk (QuotaExceededError)', () => {
  it('keeps the workspace in memory, reads it back, and writes it once space is free', async () => {
    const idb = fakeIdb();
    const s = keep(await openStore(idb));
    const ws = saved(await s.createWorkspace(draft()));
    const restore = fillDisk(s, 'workspaces');

    const r = await s.save({ ...ws, name: 'unsaved work' }, ws.revision);
    expect(r).toMatchObject({ ok: false, reason: 'quota', kept: 'memory', ws: { name: 'unsaved work', revision: 2 } });
    expect((await s.getWorkspace(ws.id))?.name).toBe('unsaved work');
    expect((await s.listWorkspaces())[0]).toMatchObject({ name: 'unsaved work', revision: 2 });
    expect(s.status().unsaved).toEqual([`workspace:${ws.id}`]);

    // Still full: the next save builds on the kept revision and is kept too.
    const r2 = await s.save({ ...ws, name: 'more work' }, 2);
    expect(r2).toMatchObject({ ok: false, reason: 'quota', ws: { revision: 3 } });

    restore();
    const r3 = saved(await s.save({ ...ws, name: 'final' }, 3));
    expect(r3.revision).toBe(4);
    expect(s.status().unsaved).toEqual([]);
    const reloaded = keep(await openStore(idb));
    expect(await reloaded.getWorkspace(ws.id)).toEqual(r3);
  });

  it('retryUnsaved writes what was kept', async () => {
    const idb = fakeIdb();
    const s = keep(await openStore(idb));
    const restore = fillDisk(s, 'workspaces');
    const r = await s.createWorkspace(draft({ name: 'made while full' }));
    expect(r).toMatchObject({ ok: false, reason: 'quota' });
    restore();
    expect((await s.retryUnsaved()).unsaved).toEqual([]);
    const reloaded = keep(await openStore(idb));
    expect((await reloaded.listWorkspaces()).map((w) => w.name)).toEqual(['made while full']);
  });

  it('a tab holding unsaved work still cannot overwrite what another tab saved meanwhile', async () => {
    const idb = fakeIdb();
    const a = keep(await openStore(idb));
    const b = keep(await openStore(idb));
    const ws = saved(await a.createWorkspace(draft()));
    const restore = fillDisk(a, 'workspaces');
    const kept = await a.save({ ...ws, name: 'A, unsaved' }, 1);
    expect(kept).toMatchObject({ reason: 'quota', ws: { revision: 2 } });
    saved(await b.save({ ...ws, name: 'B' }, 1));
    restore();
    expect(await a.save({ ...ws, name: 'A again' }, 2)).toMatchObject({ ok: false, reason: 'conflict', current: { name: 'B' } });
  });

  it('keeps settings and progress in memory too', async () => {
    const s = keep(await openStore(fakeIdb()));
    fillDisk(s, 'settings');
    fillDisk(s, 'lessonProgress');
    expect(await s.setSetting('theme', 'dark')).toMatchObject({ ok: false, reason: 'quota', kept: 'memory' });
    expect(await s.getSetting('theme')).toBe('dark');
    expect(await s.setProgress({ lessonId: 'l', stepsDone: ['a'], answers: {} })).toMatchObject({ ok: false, reason: 'quota' });
    expect((await s.getProgress('l'))?.stepsDone).toEqual(['a']);
    expect(s.status().unsaved).toEqual(['setting:theme', 'progress:l']);
  });

  it('recognises quota errors however Dexie wraps them', () => {
    expect(writeFailure(quota())).toBe('quota');
    expect(writeFailure(new Dexie.AbortError('Transaction aborted', quota()))).toBe('quota');
    expect(writeFailure(new Dexie.QuotaExceededError('full'))).toBe('quota');
    expect(writeFailure(new Error('something else'))).toBe('error');
  });

  it('keeps the data on any other write failure, with the error named', async () => {
    const s = keep(await openStore(fakeIdb()));
    const ws = saved(await s.createWorkspace(draft()));
    (s.db!.workspaces as unknown as { put: unknown }).put = () => Promise.reject(new DOMException('disk on fire', 'UnknownError'));
    expect(await s.save({ ...ws, seed: 2 }, 1)).toMatchObject({ ok: false, reason: 'error', kept: 'memory', message: expect.stringMatching(/UnknownError: disk on fire/) });
    expect((await s.getWorkspace(ws.id))?.seed).toBe(2);
  });
});

describe('a newer app version', () => {
  const newerSchema = [...SCHEMA, { version: LATEST_VERSION + 1, stores: { workspaces: 'id, updatedAt, name' } }];

  it('upgrading the database in another tab stops this tab writing, keeps its work, and tells it', async () => {
    const idb = fakeIdb();
    const s = keep(await openStore(idb));
    const ws = saved(await s.createWorkspace(draft()));
    const heard: ExternalChange[] = [];
    s.onExternalChange((c) => heard.push(c));

    const newer = keep(new SimDB(idb.name, idb, newerSchema));
    await newer.open(); // would hang if this tab blocked the upgrade
    await tick();
    expect(heard).toContainEqual({ kind: 'outdated' });
    expect(s.status()).toMatchObject({ outdated: true, reason: expect.stringMatching(/reload this tab/) });

    const r = await s.save({ ...ws, name: 'old code' }, 1);
    expect(r).toMatchObject({ ok: false, reason: 'outdated', kept: 'memory' });
    expect((await s.getWorkspace(ws.id))?.name).toBe('old code');
    expect((await newer.workspaces.get(ws.id))?.name).toBe('My workspace');
    expect(await s.deleteWorkspace(ws.id)).toMatchObject({ ok: false, reason: 'outdated' });
  });

  it('an old copy of the app opened over a newer database does not write to it', async () => {
    const idb = fakeIdb();
    const newer = new SimDB(idb.name, idb, newerSchema);
    await newer.open();
    newer.close();
    const s = keep(await openStore(idb));
    expect(s.status().outdated).toBe(true);
    expect(await s.setSetting('theme', 'dark')).toMatchObject({ ok: false, reason: 'outdated' });
  });
});
