// Typed operations over workspaces, settings and lesson progress, with the rules that keep
// saved work safe:
// - every workspace write names the revision it is based on; a stale one is refused (conflict),
//   so a second tab never silently overwrites the first;
// - a write IndexedDB refuses (quota, a newer app version, anything else) is kept in this tab's
//   memory, read back from there, and retried by the next write or retryUnsaved();
// - other tabs hear about every change through the BroadcastChannel.
import type { Backend } from './backend.ts';
import { openChannel, randomId, type ChangeChannel } from './channel.ts';
import type { SimDB } from './db.ts';
import { mergeProgress, parseProgressFile, progressToJson } from './progressFile.ts';
import { REASON_TEXT, errorText, writeFailure } from './reasons.ts';
import { isSettingValue } from './settings.ts';
import type * as T from './types.ts';
import { Invalid, check, readProgress, readWorkspace } from './validate.ts';
import { withCommand, withFile } from './workspace.ts';

export type DeleteResult = { ok: true } | { ok: false; reason: 'outdated' | 'error'; message: string };

export interface StoreOptions {
  /** Set when the store works in memory only: why (code and English text). */
  notPersistent?: { code: 'unavailable' | 'timeout'; reason: string; detail?: string };
  db?: SimDB;
  dbName?: string;
  /** Wall clock for updatedAt (tests pin it). */
  now?: () => string;
}

type Listener = (change: T.ExternalChange) => void;

export class WorkspaceStore {
  readonly persistent: boolean;
  /** The Dexie database when persistent (for liveQuery); undefined in memory mode. */
  readonly db: SimDB | undefined;
  private outdated = false;
  private readonly pendingWs = new Map<string, { ws: T.Workspace; base: number | null }>();
  private readonly pendingSettings = new Map<T.SettingKey, unknown>();
  private readonly pendingProgress = new Map<string, T.LessonProgress>();
  private readonly listeners = new Set<Listener>();
  private readonly channel: ChangeChannel;
  private readonly now: () => string;

  constructor(
    private readonly backend: Backend,
    private readonly opts: StoreOptions = {},
  ) {
    this.persistent = !opts.notPersistent;
    this.db = opts.db;
    this.now = opts.now ?? (() => new Date().toISOString());
    const receive = (c: T.ExternalChange) => this.emit(c);
    this.channel = this.persistent ? openChannel(opts.dbName ?? '', randomId('tab-'), receive) : { post() {}, close() {} };
  }

  status(): T.StoreStatus {
    const unsaved = [
      ...[...this.pendingWs.keys()].map((id) => `workspace:${id}`),
      ...[...this.pendingSettings.keys()].map((k) => `setting:${k}`),
      ...[...this.pendingProgress.keys()].map((id) => `progress:${id}`),
    ];
    const np = this.opts.notPersistent;
    const reason = np?.reason ?? (this.outdated ? REASON_TEXT.outdated : undefined);
    return { persistent: this.persistent, reason, outdated: this.outdated, unsaved };
  }

  /** The open-failure code and error text when not persistent (for the UI and bug reports). */
  get notPersistent() {
    return this.opts.notPersistent;
  }

  /** Called by openStore when a newer app version owns the database. */
  markOutdated(): void {
    if (this.outdated) return;
    this.outdated = true;
    this.emit({ kind: 'outdated' });
  }

  onExternalChange(cb: Listener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(change: T.ExternalChange): void {
    for (const cb of [...this.listeners]) cb(change);
  }

  close(): void {
    this.channel.close();
    this.backend.close();
  }

  // --- workspaces ---

  async listWorkspaces(): Promise<T.WorkspaceSummary[]> {
    const rows = new Map((await this.backend.listWorkspaces()).map((w) => [w.id, w]));
    for (const [id, p] of this.pendingWs) rows.set(id, p.ws);
    return [...rows.values()]
      .map(({ id, name, profile, revision, updatedAt }) => ({ id, name, profile, revision, updatedAt }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name));
  }

  async getWorkspace(id: string): Promise<T.Workspace | undefined> {
    const p = this.pendingWs.get(id);
    return p ? structuredClone(p.ws) : this.backend.getWorkspace(id);
  }

  async createWorkspace(draft: T.WorkspaceDraft): Promise<T.SaveResult> {
    return this.saveAs({ ...draft, id: randomId('ws-') }, null);
  }

  /** Save `ws` as the next revision after `expectedRevision`; refused if the stored one differs. */
  save(ws: T.Workspace, expectedRevision: number): Promise<T.SaveResult> {
    return this.saveAs(ws, expectedRevision);
  }

  renameWorkspace(id: string, name: string, expectedRevision: number): Promise<T.SaveResult> {
    return this.update(id, expectedRevision, (ws) => ({ ...ws, name }));
  }

  appendCommand(id: string, cmd: { at: string; run: string }, expectedRevision: number): Promise<T.SaveResult> {
    return this.update(id, expectedRevision, (ws) => withCommand(ws, cmd.at, cmd.run));
  }

  /** Write or (source null) delete a DAG file at virtual time `at`, by default the workspace's clock. */
  setFile(id: string, name: string, source: string | null, expectedRevision: number, at?: string): Promise<T.SaveResult> {
    return this.update(id, expectedRevision, (ws) => withFile(ws, name, source, at ?? ws.clock));
  }

  /** Put a sample DAG file back as it shipped; an edit like any other, so replay sees it. */
  resetFileToSample(id: string, name: string, sampleSource: string, expectedRevision: number, at?: string): Promise<T.SaveResult> {
    return this.setFile(id, name, sampleSource, expectedRevision, at);
  }

  async deleteWorkspace(id: string): Promise<DeleteResult> {
    if (this.outdated) return { ok: false, reason: 'outdated', message: REASON_TEXT.outdated };
    try {
      await this.backend.deleteWorkspace(id);
    } catch (e) {
      return { ok: false, reason: 'error', message: `${REASON_TEXT.error} (${errorText(e)})` };
    }
    this.pendingWs.delete(id);
    this.channel.post({ kind: 'workspace-deleted', id });
    return { ok: true };
  }

  private async update(id: string, expected: number, edit: (ws: T.Workspace) => T.Workspace): Promise<T.SaveResult> {
    const current = await this.getWorkspace(id);
    if (!current) return { ok: false, reason: 'not-found', message: REASON_TEXT['not-found'] };
    if (current.revision !== expected) return conflict(current);
    try {
      return await this.saveAs(edit(current), expected);
    } catch (e) {
      if (e instanceof Invalid) return { ok: false, reason: 'invalid', message: e.message };
      throw e;
    }
  }

  private async saveAs(ws: Omit<T.Workspace, 'revision' | 'updatedAt'>, expected: number | null): Promise<T.SaveResult> {
    // JSON, not structuredClone: it also unwraps Svelte $state proxies, and what is stored is exactly what exports.
    const plain = check(() => JSON.parse(JSON.stringify({ ...ws, revision: (expected ?? 0) + 1, updatedAt: this.now() })) as unknown);
    const next = plain.ok ? check(() => readWorkspace(plain.value)) : plain;
    if (!next.ok) return { ok: false, reason: 'invalid', message: next.message };
    return this.writeWorkspace(next.value, expected);
  }

  private async writeWorkspace(next: T.Workspace, expected: number | null): Promise<T.SaveResult> {
    const held = this.pendingWs.get(next.id);
    if (held && held.ws.revision !== expected) return conflict(held.ws);
    // A row held in memory was based on `held.base`; the database must still be there.
    const base = held ? held.base : expected;
    const keep = (reason: T.KeptReason, detail?: string): T.SaveResult => {
      this.pendingWs.set(next.id, { ws: next, base });
      const message = detail ? `${REASON_TEXT[reason]} (${detail})` : REASON_TEXT[reason];
      return { ok: false, reason, message, ws: structuredClone(next), kept: 'memory' };
    };
    if (this.outdated) return keep('outdated');
    let r;
    try {
      r = await this.backend.putWorkspaceIf(next, base);
    } catch (e) {
      const reason = writeFailure(e);
      return keep(reason, reason === 'error' ? errorText(e) : undefined);
    }
    this.pendingWs.delete(next.id);
    if (!r.ok) {
      if (r.current) return conflict(r.current);
      return { ok: false, reason: 'not-found', message: REASON_TEXT['not-found'] };
    }
    this.channel.post({ kind: 'workspace', id: next.id, revision: next.revision });
    return { ok: true, ws: next };
  }

  // --- settings ---

  async getSetting<K extends T.SettingKey>(key: K): Promise<T.Settings[K] | undefined> {
    const v = this.pendingSettings.has(key) ? this.pendingSettings.get(key) : await this.backend.getSetting(key);
    return isSettingValue(key, v) ? v : undefined;
  }

  async getSettings(): Promise<Partial<T.Settings>> {
    const keys: T.SettingKey[] = ['language', 'theme', 'profile', 'reducedMotion'];
    const out: Partial<Record<T.SettingKey, unknown>> = {};
    for (const k of keys) {
      const v = await this.getSetting(k);
      if (v !== undefined) out[k] = v;
    }
    return out as Partial<T.Settings>;
  }

  async setSetting<K extends T.SettingKey>(key: K, value: T.Settings[K]): Promise<T.WriteResult> {
    if (!isSettingValue(key, value)) return { ok: false, reason: 'invalid', message: `${key}: ${JSON.stringify(value)} is not an allowed value` };
    return this.persist(
      () => this.backend.putSetting(key, value),
      () => this.pendingSettings.set(key, value),
      () => this.pendingSettings.delete(key),
      { kind: 'setting', key },
    );
  }

  // --- lesson progress ---

  async getProgress(lessonId: string): Promise<T.LessonProgress | undefined> {
    const held = this.pendingProgress.get(lessonId);
    return held ? structuredClone(held) : this.backend.getProgress(lessonId);
  }

  async listProgress(): Promise<T.LessonProgress[]> {
    const rows = new Map((await this.backend.listProgress()).map((p) => [p.lessonId, p]));
    for (const [id, p] of this.pendingProgress) rows.set(id, structuredClone(p));
    return [...rows.values()];
  }

  /** Replace one lesson's progress; updatedAt is now unless given. */
  async setProgress(p: Omit<T.LessonProgress, 'updatedAt'> & { updatedAt?: string }): Promise<T.WriteResult> {
    const r = check(() => readProgress(JSON.parse(JSON.stringify({ ...p, updatedAt: p.updatedAt ?? this.now() }))));
    if (!r.ok) return { ok: false, reason: 'invalid', message: r.message };
    return this.writeProgress(r.value);
  }

  private writeProgress(p: T.LessonProgress): Promise<T.WriteResult> {
    return this.persist(
      () => this.backend.putProgress(p),
      () => this.pendingProgress.set(p.lessonId, p),
      () => this.pendingProgress.delete(p.lessonId),
      { kind: 'progress', lessonId: p.lessonId },
    );
  }

  async exportProgress(): Promise<string> {
    return progressToJson(await this.listProgress(), this.now());
  }

  /** Merge a file from exportProgress into this store. Nothing is written unless the whole file is valid. */
  async importProgress(text: string): Promise<T.ImportResult> {
    const parsed = parseProgressFile(text);
    if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.message };
    let firstKept: T.ImportResult | undefined;
    for (const theirs of parsed.lessons) {
      const r = await this.writeProgress(mergeProgress(await this.getProgress(theirs.lessonId), theirs));
      if (!r.ok && r.reason !== 'invalid') firstKept ??= r;
    }
    return firstKept ?? { ok: true, imported: parsed.lessons.length };
  }

  // --- writes that may be kept in memory ---

  private async persist(write: () => Promise<void>, keep: () => void, done: () => void, change: T.ExternalChange): Promise<T.WriteResult> {
    const kept = (reason: T.KeptReason, detail?: string): T.WriteResult => {
      keep();
      return { ok: false, reason, message: detail ? `${REASON_TEXT[reason]} (${detail})` : REASON_TEXT[reason], kept: 'memory' };
    };
    if (this.outdated) return kept('outdated');
    try {
      await write();
    } catch (e) {
      const reason = writeFailure(e);
      return kept(reason, reason === 'error' ? errorText(e) : undefined);
    }
    done();
    this.channel.post(change);
    return { ok: true };
  }

  /** Try again to write everything held in memory (after the learner freed space). */
  async retryUnsaved(): Promise<T.StoreStatus> {
    for (const { ws } of [...this.pendingWs.values()]) await this.writeWorkspace(ws, ws.revision);
    for (const [key, value] of [...this.pendingSettings]) await this.setSetting(key, value as never);
    for (const p of [...this.pendingProgress.values()]) await this.writeProgress(p);
    return this.status();
  }
}

function conflict(current: T.Workspace): T.SaveResult {
  return { ok: false, reason: 'conflict', message: REASON_TEXT.conflict, current: structuredClone(current) };
}
