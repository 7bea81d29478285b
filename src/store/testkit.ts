// For the store's tests: a fresh fake IndexedDB per test (tests never share a database),
// and a valid workspace draft to vary.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openStore, type OpenOptions } from './openStore.ts';
import type { WorkspaceDraft } from './types.ts';

let counter = 0;

/** A new, empty IndexedDB universe and a database name in it. */
export function fakeIdb(): Required<Pick<OpenOptions, 'indexedDB' | 'IDBKeyRange' | 'name'>> {
  return { indexedDB: new IDBFactory(), IDBKeyRange, name: `test-db-${++counter}` };
}

/** Two "tabs": two stores over one database. */
export async function twoTabs(extra: OpenOptions = {}) {
  const idb = fakeIdb();
  const a = await openStore({ ...idb, ...extra });
  const b = await openStore({ ...idb, ...extra });
  return { idb, a, b };
}

export const ETL = `from airflow.sdk import DAG
with DAG(dag_id="etl", schedule="@daily"):
    pass
`;

export function draft(over: Partial<WorkspaceDraft> = {}): WorkspaceDraft {
  return {
    name: 'My workspace',
    profile: '3',
    files: { 'etl.py': ETL },
    config: { 'core.parallelism': 8 },
    seed: 7,
    start: '2024-06-01T00:00:00Z',
    commands: [],
    fileEdits: [],
    clock: '2024-06-01T00:00:00Z',
    view: 'dags',
    ...over,
  };
}

/** Resolve after the BroadcastChannel has had time to deliver (it is asynchronous). */
export function tick(ms = 20): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
