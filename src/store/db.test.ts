import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { LATEST_VERSION, SCHEMA, SimDB, type SchemaVersion } from './db.ts';
import { fakeIdb } from './testkit.ts';
import { readWorkspace, readProgress } from './validate.ts';

// What the app released as schema v1 wrote. Frozen here on purpose: when SCHEMA grows,
// this stays the v1 app's database, and the test below checks every migration against it.
const V1_STORES = { workspaces: 'id, updatedAt', settings: 'key', lessonProgress: 'lessonId, updatedAt' };
const V1_WORKSPACE = {
  id: 'ws-v1',
  name: 'From v1',
  profile: '2',
  files: { 'etl.py': 'from airflow import DAG\n' },
  config: { 'core.parallelism': 4 },
  seed: 3,
  start: '2024-06-01T00:00:00Z',
  commands: [{ at: '2024-06-01T00:00:00Z', seq: 1, run: 'airflow dags unpause etl' }],
  fileEdits: [{ at: '2024-06-02T00:00:00Z', seq: 2, name: 'etl.py', source: null }],
  clock: '2024-06-03T00:00:00Z',
  view: 'grid',
  revision: 4,
  updatedAt: '2025-01-01T10:00:00.000Z',
};
const V1_PROGRESS = { lessonId: 'catchup', stepsDone: ['intro'], answers: { q1: 'b' }, updatedAt: '2025-01-01T10:00:00.000Z' };

async function writeV1Database(idb: ReturnType<typeof fakeIdb>) {
  const v1 = new Dexie(idb.name, { indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange });
  v1.version(1).stores(V1_STORES);
  await v1.table('workspaces').put(V1_WORKSPACE);
  await v1.table('workspaces').put({ ...V1_WORKSPACE, id: 'ws-v1b', updatedAt: '2025-02-01T00:00:00.000Z' });
  await v1.table('settings').put({ key: 'language', value: 'ko' });
  await v1.table('lessonProgress').put(V1_PROGRESS);
  v1.close();
}

describe('SimDB schema', () => {
  it('declares versions in increasing order, and LATEST_VERSION is the last', () => {
    const versions = SCHEMA.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
    expect(LATEST_VERSION).toBe(versions.at(-1));
  });

  it('opens a database written by the v1 app and reads its rows in the current shape', async () => {
    const idb = fakeIdb();
    await writeV1Database(idb);
    const db = new SimDB(idb.name, idb);
    await db.open();
    expect(db.diskVersion()).toBe(LATEST_VERSION);
    const ws = await db.workspaces.get('ws-v1');
    // The current validator accepts the migrated row: the app can use it as is.
    expect(readWorkspace(ws)).toEqual(ws);
    expect(ws?.name).toBe('From v1');
    // Indexes survive: newest first by updatedAt.
    expect((await db.workspaces.orderBy('updatedAt').reverse().primaryKeys())).toEqual(['ws-v1b', 'ws-v1']);
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'ko' });
    expect(readProgress(await db.lessonProgress.get('catchup'))).toEqual(V1_PROGRESS);
    db.close();
  });

  it('runs a later version\'s upgrade on v1 rows, in version order (how v2+ migrations are added)', async () => {
    const idb = fakeIdb();
    await writeV1Database(idb);
    const order: number[] = [];
    const future: SchemaVersion[] = [
      ...SCHEMA,
      {
        version: LATEST_VERSION + 1,
        stores: { workspaces: 'id, updatedAt, name' },
        upgrade: (tx) => {
          order.push(LATEST_VERSION + 1);
          return tx.table('workspaces').toCollection().modify((w: Record<string, unknown>) => {
            w.tags = ['migrated'];
          });
        },
      },
      {
        version: LATEST_VERSION + 2,
        stores: {},
        upgrade: (tx) => {
          order.push(LATEST_VERSION + 2);
          return tx.table('workspaces').toCollection().modify((w: Record<string, unknown>) => {
            w.tags = [...(w.tags as string[]), 'twice'];
          });
        },
      },
    ];
    const db = new SimDB(idb.name, idb, future);
    await db.open();
    expect(order).toEqual([LATEST_VERSION + 1, LATEST_VERSION + 2]);
    expect(await db.workspaces.get('ws-v1')).toMatchObject({ name: 'From v1', tags: ['migrated', 'twice'] });
    // The new index exists and works.
    expect(await db.workspaces.where('name').equals('From v1').count()).toBe(2);
    expect(db.diskVersion()).toBe(LATEST_VERSION + 2);
    db.close();

    // Opening again does not run the upgrades a second time.
    const again = new SimDB(idb.name, idb, future);
    await again.open();
    expect(order).toHaveLength(2);
    again.close();
  });

  it('lets an old app see that the database on disk is newer than its schema', async () => {
    const idb = fakeIdb();
    const newer = new SimDB(idb.name, idb, [...SCHEMA, { version: LATEST_VERSION + 1, stores: { extra: 'id' } }]);
    await newer.open();
    newer.close();
    const old = new SimDB(idb.name, idb);
    await old.open(); // Dexie 4 opens it anyway, which is why diskVersion() exists
    expect(old.diskVersion()).toBe(LATEST_VERSION + 1);
    old.close();
  });
});
