// Rows in this tab's memory: the store's home when IndexedDB cannot be used.
// Values are cloned in and out, as IndexedDB does, so callers never share objects with it.
import type { Backend, CasResult } from './backend.ts';
import type { LessonProgress, Workspace } from './types.ts';

export class MemoryBackend implements Backend {
  private workspaces = new Map<string, Workspace>();
  private settings = new Map<string, unknown>();
  private progress = new Map<string, LessonProgress>();

  async getWorkspace(id: string) {
    return clone(this.workspaces.get(id));
  }
  async listWorkspaces() {
    return [...this.workspaces.values()].map((w) => clone(w)!);
  }
  async putWorkspaceIf(ws: Workspace, expected: number | null): Promise<CasResult> {
    const current = this.workspaces.get(ws.id);
    if ((current?.revision ?? null) !== expected) return { ok: false, current: clone(current) };
    this.workspaces.set(ws.id, clone(ws)!);
    return { ok: true };
  }
  async deleteWorkspace(id: string) {
    this.workspaces.delete(id);
  }
  async getSetting(key: string) {
    return clone(this.settings.get(key));
  }
  async putSetting(key: string, value: unknown) {
    this.settings.set(key, clone(value));
  }
  async getProgress(lessonId: string) {
    return clone(this.progress.get(lessonId));
  }
  async listProgress() {
    return [...this.progress.values()].map((p) => clone(p)!);
  }
  async putProgress(p: LessonProgress) {
    this.progress.set(p.lessonId, clone(p)!);
  }
  close() {}
}

function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}
