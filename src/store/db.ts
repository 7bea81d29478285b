// The IndexedDB database (Dexie) and its schema history.
//
// To change the schema, append a version to SCHEMA; never edit a released one. A version
// that reshapes rows has an `upgrade`, which Dexie runs once, in the upgrade transaction,
// on databases older than it (v1 -> v2 -> ... in order):
//
//   { version: 2, stores: { workspaces: 'id, updatedAt, name' },
//     upgrade: (tx) => tx.table('workspaces').toCollection().modify((w) => { w.tags = []; }) },
//
// db.test.ts opens a v1 database written by the v1 declaration with the current class, so
// every migration is exercised against real v1 rows.
import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { LessonProgress, Workspace } from './types.ts';

export const DB_NAME = 'airflow-sim';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then indexes; null deletes a table. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      workspaces: 'id, updatedAt',
      settings: 'key',
      lessonProgress: 'lessonId, updatedAt',
    },
  },
];

export const LATEST_VERSION = SCHEMA[SCHEMA.length - 1]!.version;

export interface SettingRow {
  key: string;
  value: unknown;
}

export class SimDB extends Dexie {
  workspaces!: EntityTable<Workspace, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  lessonProgress!: EntityTable<LessonProgress, 'lessonId'>;

  /** `schema` is replaceable so tests can open with a future version; the app uses SCHEMA. */
  constructor(name = DB_NAME, options?: DexieOptions, schema: readonly SchemaVersion[] = SCHEMA) {
    super(name, options);
    for (const { version, stores, upgrade } of schema) {
      const v = this.version(version).stores(stores);
      if (upgrade) v.upgrade(upgrade);
    }
  }

  /**
   * The schema version on disk. Dexie 4 opens a database newer than the declared schema
   * without complaint, so an old tab must ask. Dexie stores version n as native n*10
   * (plus a small bump when it patches a schema difference).
   */
  diskVersion(): number {
    return Math.floor(this.backendDB().version / 10);
  }
}
