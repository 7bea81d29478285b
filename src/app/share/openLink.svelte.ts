// Opening a share link in the app: the linked workspace opens as a new, unsaved workspace beside
// the learner's own, which stays in the store untouched. A banner offers to keep the shared one
// (saved as a new workspace) or to go back. The fragment is cleared once read, so a reload or a
// bookmark does not open the link again over later work.
import type { SimClient } from '../client.svelte.ts';
import type { Workspace } from '../../store/index.ts';
import type { LinkError, SharedWorkspace } from './link.ts';

/** Cheap test before the decoder (fflate and the checks) is fetched: most page loads have no link. */
const LINK = /^#?w=/;

class SharedLink {
  /** the shared workspace now open (not saved) and the learner's own to go back to */
  open = $state<{ id: string; draft: SharedWorkspace; ownId: string | null } | null>(null);
  /** why the last link could not be opened */
  /** a link that could not be opened, or a shared workspace that could not be kept ('keep') */
  error = $state<{ code: LinkError['code'] | 'keep'; message: string } | null>(null);
  /** run before a link's workspace opens (the app leaves an open lesson, whose checks would read it) */
  beforeOpen: () => Promise<void> = async () => {};
}

export const sharedLink = new SharedLink();

/** Open the workspace in location.hash, if it holds a link. Resolves true when one was opened. */
export async function openLinkFromLocation(client: SimClient): Promise<boolean> {
  if (!LINK.test(location.hash)) return false;
  const { decodeLink } = await import('./link.ts');
  const d = decodeLink(location.hash);
  history.replaceState(history.state, '', location.pathname + location.search);
  if (!d.ok) {
    sharedLink.error = d;
    return false;
  }
  sharedLink.error = null;
  await sharedLink.beforeOpen();
  await client.flush(); // the learner's own work is written before another workspace replaces it
  const ownId = sharedLink.open?.ownId ?? client.workspaceId;
  const id = `shared:${Date.now().toString(36)}`;
  const ws: Workspace = { ...d.ws, id, revision: 0, updatedAt: new Date().toISOString() };
  client.consoleLog = []; // this tab's console belonged to the other workspace
  if (!(await client.open(ws, { save: false }))) {
    sharedLink.error = { code: 'invalid', message: client.error ?? '' };
    client.error = null;
    await backToOwn(client, ownId);
    return false;
  }
  sharedLink.open = { id, draft: d.ws, ownId };
  return true;
}

/** Read links now and whenever the fragment changes (a link pasted into an open tab). */
export async function watchShareLinks(client: SimClient): Promise<void> {
  addEventListener('hashchange', () => void openLinkFromLocation(client));
  await openLinkFromLocation(client);
}

/** Keep the shared workspace: save it as a new workspace of this browser and go on saving it. */
export async function keepShared(client: SimClient): Promise<boolean> {
  const open = sharedLink.open;
  if (!open || !client.store) return false;
  const now = (await client.snapshot()) ?? { ...open.draft };
  const { id: _id, revision: _r, updatedAt: _u, ...draft } = now as Workspace;
  const r = await client.store.createWorkspace({ ...open.draft, ...draft, view: client.view });
  if (!r.ok && !('kept' in r)) {
    sharedLink.error = { code: 'keep', message: r.message }; // the store refused it (full, another tab...)
    return false;
  }
  sharedLink.open = null;
  return client.open(r.ws);
}

/** Leave the shared workspace for the learner's own (as last saved). */
export async function backToOwn(client: SimClient, ownId = sharedLink.open?.ownId ?? null): Promise<void> {
  sharedLink.open = null;
  const own = ownId && client.store ? await client.store.getWorkspace(ownId) : undefined;
  if (!own) return;
  client.consoleLog = [];
  await client.open(own);
}
