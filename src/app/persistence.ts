// Glue between the UI and the store: which workspace a tab opens, saving it as the learner
// works (debounced, never overlapping, stopping on a conflict instead of overwriting), and
// workspace files to download and open.
import type { WorkspaceStore } from '../store/workspaceStore.ts';
import type { Profile, SaveResult, Workspace, WorkspaceDraft } from '../store/types.ts';
import { isObject, readDraft, check, show } from '../store/validate.ts';

// --- opening ---

export interface DefaultWorkspaceOptions {
  /** The workspace this tab had open before a reload (the UI keeps it in sessionStorage, per tab). */
  preferId?: string | null;
  name?: string;
  start?: string;
  /** Defaults to the profile setting, then Airflow 3. */
  profile?: Profile;
  view?: string;
  /** Only reuse a workspace of `profile` (each profile keeps its own workspace). */
  matchProfile?: boolean;
}

export interface Opened {
  ws: Workspace;
  created: boolean;
  /** Set when creating it could not be written to IndexedDB (the workspace is then in memory only). */
  warning?: Extract<SaveResult, { kept: 'memory' }>;
}

/** Open the preferred workspace, else the most recently saved one, else a new one with the sample files. */
export async function loadOrCreateDefaultWorkspace(
  store: WorkspaceStore,
  sampleFiles: Record<string, string>,
  opts: DefaultWorkspaceOptions = {},
): Promise<Opened> {
  const preferred = opts.preferId ? await store.getWorkspace(opts.preferId) : undefined;
  if (preferred) return { ws: preferred, created: false };
  for (const { id, profile } of await store.listWorkspaces()) {
    if (opts.matchProfile && profile !== opts.profile) continue;
    const ws = await store.getWorkspace(id);
    if (ws) return { ws, created: false };
  }
  const start = opts.start ?? '2024-06-01T00:00:00Z';
  const draft: WorkspaceDraft = {
    name: opts.name ?? 'My workspace',
    profile: opts.profile ?? (await store.getSetting('profile')) ?? '3',
    files: { ...sampleFiles },
    config: {},
    seed: 1,
    start,
    commands: [],
    fileEdits: [],
    clock: start,
    view: opts.view ?? 'dags',
  };
  const r = await store.createWorkspace(draft);
  if (r.ok) return { ws: r.ws, created: true };
  if ('kept' in r) return { ws: r.ws, created: true, warning: r };
  throw new Error(`the default workspace could not be created: ${r.message}`);
}

// --- autosave ---

export interface Autosaver {
  /** The tab's workspace changed: save it once changes pause for `delay_ms`. */
  schedule(ws: Workspace): void;
  /** Save what is scheduled now (before unload or switching workspace); resolves when written, with undefined if nothing was scheduled. */
  flush(): Promise<SaveResult | undefined>;
  /** Stop the timer; what was scheduled and not flushed is dropped. */
  dispose(): void;
}

export interface AutosaveOptions {
  delay_ms?: number;
  /** Every save's result: the UI adopts `ws.revision` on ok/kept and shows conflicts. */
  onResult?: (r: SaveResult) => void;
  /** A save that threw (a bug, or a read IndexedDB refused); console.error when not given. */
  onError?: (e: unknown) => void;
}

/**
 * The revision rule: each save names the revision this tab's copy is based on (the later of
 * the workspace's own and the last this saver wrote). After a conflict the saver stops for that
 * workspace until it is given one at least as new as the conflicting revision: the UI either
 * loads the other tab's version or, to keep its own, schedules it with `revision = current.revision`.
 * After writing through the store directly (appendCommand, setFile), schedule the workspace
 * those return, so the saver sees their revision.
 */
export function createAutosaver(store: WorkspaceStore, opts: AutosaveOptions = {}): Autosaver {
  const delay_ms = opts.delay_ms ?? 800;
  const known = new Map<string, number>(); // revision last written by this saver
  const stopped = new Map<string, number>(); // revision a conflict showed, per workspace
  let latest: Workspace | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  async function save(ws: Workspace): Promise<SaveResult | undefined> {
    const expected = Math.max(ws.revision, known.get(ws.id) ?? -1);
    if (expected < (stopped.get(ws.id) ?? -1)) return undefined;
    const r = await store.save(ws, expected);
    if (r.ok || 'kept' in r) {
      known.set(ws.id, r.ws.revision);
      stopped.delete(ws.id);
    } else if (r.reason === 'conflict') {
      stopped.set(ws.id, r.current.revision);
    } else if (r.reason === 'not-found') {
      stopped.set(ws.id, Infinity); // deleted elsewhere: the UI can save a copy as a new workspace
    }
    opts.onResult?.(r);
    return r;
  }

  // One save at a time: a second save must build on the revision the first one wrote.
  function enqueue(): Promise<SaveResult | undefined> {
    const ws = latest;
    latest = undefined;
    if (!ws) return chain.then(() => undefined);
    const p = chain.then(() => save(ws));
    chain = p.catch(() => undefined); // a failed save must not stop the ones after it
    return p;
  }

  return {
    schedule(ws) {
      latest = ws;
      clearTimeout(timer);
      timer = setTimeout(() => enqueue().catch(opts.onError ?? console.error), delay_ms);
    },
    flush() {
      clearTimeout(timer);
      return enqueue();
    },
    dispose() {
      clearTimeout(timer);
      latest = undefined;
    },
  };
}

/** Flush when the page is hidden or unloaded: a reload within the debounce delay would lose the last edit. */
export function flushWhenHidden(saver: Autosaver, target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis, isHidden = () => globalThis.document?.visibilityState === 'hidden'): () => void {
  const onHide = () => void saver.flush();
  const onVisibility = () => {
    if (isHidden()) onHide();
  };
  target.addEventListener('pagehide', onHide);
  target.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', onHide);
    target.removeEventListener('visibilitychange', onVisibility);
  };
}

// --- workspace files ---

export const WORKSPACE_FORMAT = 'airflow-sim-workspace';
export const WORKSPACE_FORMAT_VERSION = 1;
const MAX_FILE_CHARS = 20_000_000;

/** A JSON file with everything needed to rebuild the workspace elsewhere (not its id or revision). */
export function exportWorkspaceFile(ws: Workspace, exportedAt = new Date().toISOString()): string {
  const { id: _id, revision: _revision, updatedAt: _updatedAt, ...draft } = ws;
  return JSON.stringify({ format: WORKSPACE_FORMAT, version: WORKSPACE_FORMAT_VERSION, exportedAt, workspace: draft }, null, 2);
}

/** A download name such as "my-workspace.airflow-sim.json". */
export function workspaceFileName(ws: Pick<Workspace, 'name'>): string {
  const slug = ws.name.normalize('NFKC').trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${slug || 'workspace'}.airflow-sim.json`;
}

/** Read a workspace file; the draft is ready for store.createWorkspace. Errors name what is wrong. */
export function importWorkspaceFile(text: string): { ok: true; ws: WorkspaceDraft } | { ok: false; error: string } {
  if (text.length > MAX_FILE_CHARS) return { ok: false, error: `the file is too large (${text.length} characters; at most ${MAX_FILE_CHARS})` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not a JSON file: ${(e as Error).message}` };
  }
  if (!isObject(raw) || raw.format !== WORKSPACE_FORMAT) {
    return { ok: false, error: `not a workspace file (expected "format": "${WORKSPACE_FORMAT}", found ${isObject(raw) ? show(raw.format) : 'no object'})` };
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    return { ok: false, error: `version: must be a whole number, not ${show(raw.version)}` };
  }
  if (raw.version > WORKSPACE_FORMAT_VERSION) {
    return { ok: false, error: `version: the file is format ${raw.version}, written by a newer version of the app (this one reads ${WORKSPACE_FORMAT_VERSION}); update the app` };
  }
  const r = check(() => readDraft(raw.workspace, 'workspace'));
  return r.ok ? { ok: true, ws: r.value } : { ok: false, error: r.message };
}
