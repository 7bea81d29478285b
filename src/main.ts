// Start the app: the engine's worker, the store, the learner's workspace, then the UI.
import * as Comlink from 'comlink';
import { mount } from 'svelte';
import { SimClient } from './app/client.svelte.ts';
import { browserLang, i18n, type Lang } from './app/i18n.svelte.ts';
import { loadOrCreateDefaultWorkspace } from './app/persistence.ts';
import { sampleFiles } from './app/samples/index.ts';
import { watchShareLinks } from './app/share/openLink.svelte.ts';
import { theme, type Theme } from './app/theme.svelte.ts';
import type { Profile } from './dagfile/spec.ts';
import { openStore, type WorkspaceStore } from './store/index.ts';
import App from './ui/App.svelte';
import { storeNotice } from './ui/shell/storeNotice.svelte.ts';
import './ui/theme.css';
import type { SimApi } from './worker/simApi.ts';

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<SimApi>(worker);

/** The learner's workspace for a profile (one per profile), created from that profile's samples. */
async function workspaceFor(store: WorkspaceStore, profile: Profile) {
  const name = `Airflow ${profile === '2' ? '2.10' : '3.x'}`;
  return (await loadOrCreateDefaultWorkspace(store, sampleFiles(profile), { profile, matchProfile: true, name })).ws;
}

async function start(): Promise<void> {
  const store = await openStore();
  await i18n.use(((await store.getSetting('language')) as Lang | undefined) ?? browserLang(navigator.languages));
  const profile = ((await store.getSetting('profile')) as Profile | undefined) ?? '3';
  theme.set(((await store.getSetting('theme')) as Theme | undefined) ?? 'system', false);
  theme.save = (t) => void store.setSetting('theme', t);
  // saving: memory only, or another tab saved the open workspace (StoreNotice tells the learner)
  storeNotice.memory = store.notPersistent?.code ?? null;
  const client = new SimClient(api.session, store, {
    onSave: (r) => {
      if (!r.ok && r.reason === 'conflict') storeNotice.kind = 'conflict';
    },
  });
  // another tab changed the workspace open here (whichever opened it: a profile switch, a kept
  // link, an imported file)
  store.onExternalChange((c) => {
    if (c.kind === 'outdated') storeNotice.kind = 'outdated';
    else if (c.kind === 'workspace' && c.id === client.workspaceId && !storeNotice.kind) storeNotice.kind = 'changed';
    else if (c.kind === 'workspace-deleted' && c.id === client.workspaceId) storeNotice.kind = 'deleted';
  });
  const openWorkspace = async (ws: Awaited<ReturnType<typeof workspaceFor>>) => {
    if (storeNotice.kind !== 'outdated') storeNotice.kind = null; // a fresh copy of the workspace
    await client.open(ws);
  };
  addEventListener('pagehide', () => void client.flush());
  mount(App, {
    target: document.getElementById('app')!,
    props: {
      client,
      onLang: (lang: Lang) => {
        void i18n.use(lang);
        void store.setSetting('language', lang);
      },
      onProfile: async (p: Profile) => {
        void store.setSetting('profile', p);
        await openWorkspace(await workspaceFor(store, p));
      },
    },
  });
  await openWorkspace(await workspaceFor(store, profile));
  // a share link (#w=...) opens over it, unsaved; the learner's own workspace stays as it was
  await watchShareLinks(client);
}

void start();
