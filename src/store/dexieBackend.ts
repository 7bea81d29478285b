// Rows in IndexedDB through Dexie. The revision check and the write share one readwrite
// transaction; IndexedDB runs overlapping readwrite transactions one at a time, also across
// tabs, so two tabs cannot both pass the check for the same revision.
import type { Backend, CasResult } from './backend.ts';
import type { SimDB } from './db.ts';
import type { LessonProgress, Workspace } from './types.ts';

export class DexieBackend implements Backend {
  constructor(readonly db: SimDB) {}

  getWorkspace(id: string) {
    return this.db.workspaces.get(id);
  }
  listWorkspaces() {
    return this.db.workspaces.toArray();
  }
  putWorkspaceIf(ws: Workspace, expected: number | null): Promise<CasResult> {
    const t = this.db.workspaces;
    return this.db.transaction('rw', t, async (): Promise<CasResult> => {
      const current = await t.get(ws.id);
      if ((current?.revision ?? null) !== expected) return { ok: false, current };
      await t.put(ws);
      return { ok: true };
    });
  }
  async deleteWorkspace(id: string) {
    await this.db.workspaces.delete(id);
  }
  async getSetting(key: string) {
    return (await this.db.settings.get(key))?.value;
  }
  async putSetting(key: string, value: unknown) {
    await this.db.settings.put({ key, value });
  }
  getProgress(lessonId: string) {
    return this.db.lessonProgress.get(lessonId);
  }
  listProgress() {
    return this.db.lessonProgress.toArray();
  }
  async putProgress(p: LessonProgress) {
    await this.db.lessonProgress.put(p);
  }
  close() {
    this.db.close();
  }
}
