// Start the app: the engine's worker, the store, the learner's workspace, then the UI.
import * as Comlink from 'comlink';
import { mount } from 'svelte';
import { SimClient } from './app/client.svelte.ts';
import { browserLang, i18n, translate, type Lang } from './app/i18n.svelte.ts';
import { loadOrCreateDefaultWorkspace } from './app/persistence.ts';
import { sampleFiles } from './app/samples/index.ts';
import type { Profile } from './dagfile/spec.ts';
import { openStore, type WorkspaceStore } from './store/index.ts';
import App from './ui/App.svelte';
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
  i18n.lang = ((await store.getSetting('language')) as Lang | undefined) ?? browserLang(navigator.languages);
  document.documentElement.lang = i18n.lang;
  const profile = ((await store.getSetting('profile')) as Profile | undefined) ?? '3';
  const status = store.status();
  const storeWarning = status.persistent ? null : translate(i18n.lang, 'app.storeMemory', { reason: status.reason ?? '' });

  const client = new SimClient(api.session, store);
  mount(App, {
    target: document.getElementById('app')!,
    props: {
      client,
      storeWarning,
      onLang: (lang: Lang) => {
        i18n.lang = lang;
        document.documentElement.lang = lang;
        void store.setSetting('language', lang);
      },
      onProfile: async (p: Profile) => {
        void store.setSetting('profile', p);
        await client.open(await workspaceFor(store, p));
      },
    },
  });
  await client.open(await workspaceFor(store, profile));
}

void start();
