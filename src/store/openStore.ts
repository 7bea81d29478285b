// Open the store: IndexedDB when the browser allows it, this tab's memory when it does not
// (private mode, storage blocked, a broken profile), with the reason in store.status().
import { DB_NAME, LATEST_VERSION, SimDB } from './db.ts';
import { DexieBackend } from './dexieBackend.ts';
import { MemoryBackend } from './memoryBackend.ts';
import { NOT_AVAILABLE, OPEN_TIMED_OUT, errorText } from './reasons.ts';
import { WorkspaceStore } from './workspaceStore.ts';

export interface OpenOptions {
  /** Database name; tests give each test its own. */
  name?: string;
  /** Defaults to the browser's indexedDB; tests pass a fake-indexeddb IDBFactory. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Give up and use memory after this long (an open blocked by another tab never settles). */
  openTimeout_ms?: number;
  now?: () => string;
}

export async function openStore(opts: OpenOptions = {}): Promise<WorkspaceStore> {
  const name = opts.name ?? DB_NAME;
  const inMemory = (code: 'unavailable' | 'timeout', reason: string, detail?: string) =>
    new WorkspaceStore(new MemoryBackend(), { notPersistent: { code, reason, detail }, now: opts.now });
  const factory = opts.indexedDB ?? globalThis.indexedDB;
  if (!factory) return inMemory('unavailable', NOT_AVAILABLE, 'no indexedDB object');

  let db: SimDB;
  try {
    db = new SimDB(name, { indexedDB: factory, IDBKeyRange: opts.IDBKeyRange ?? globalThis.IDBKeyRange });
    const opened = db.open();
    const timedOut = await Promise.race([opened.then(() => false), delay(opts.openTimeout_ms ?? 8000).then(() => true)]);
    if (timedOut) {
      opened.then(() => db.close(), () => {}); // if it opens later, let it go: this tab already chose memory
      return inMemory('timeout', OPEN_TIMED_OUT);
    }
  } catch (e) {
    return inMemory('unavailable', NOT_AVAILABLE, errorText(e));
  }

  const store = new WorkspaceStore(new DexieBackend(db), { db, dbName: name, now: opts.now });
  // A newer app version (another tab, or a cached old copy of this one) owns the schema:
  // writing old-shaped rows into it could corrupt work, so this tab stops writing.
  if (db.diskVersion() > LATEST_VERSION) store.markOutdated();
  db.on('versionchange', (ev: IDBVersionChangeEvent) => {
    if (ev.newVersion !== null && Math.floor(ev.newVersion / 10) > LATEST_VERSION) store.markOutdated();
    // Dexie then closes this connection so the other tab's upgrade is not blocked.
  });
  return store;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    // Node keeps a process alive for a pending timer; browsers have no unref.
    (t as { unref?: () => void }).unref?.();
  });
}
