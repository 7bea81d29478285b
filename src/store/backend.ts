// What the store needs from a place to keep rows: IndexedDB (dexieBackend.ts) or this tab's
// memory (memoryBackend.ts). The store's rules (revisions, validation, fallbacks) sit above it.
import type { LessonProgress, Workspace } from './types.ts';

export type CasResult = { ok: true } | { ok: false; current: Workspace | undefined };

export interface Backend {
  getWorkspace(id: string): Promise<Workspace | undefined>;
  listWorkspaces(): Promise<Workspace[]>;
  /** Write `ws` only if the stored revision is `expected` (null: no row yet). Atomic across tabs. */
  putWorkspaceIf(ws: Workspace, expected: number | null): Promise<CasResult>;
  deleteWorkspace(id: string): Promise<void>;
  getSetting(key: string): Promise<unknown>;
  putSetting(key: string, value: unknown): Promise<void>;
  getProgress(lessonId: string): Promise<LessonProgress | undefined>;
  listProgress(): Promise<LessonProgress[]>;
  putProgress(p: LessonProgress): Promise<void>;
  close(): void;
}
