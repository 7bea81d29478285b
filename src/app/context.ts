// Components reach the shared SimClient through Svelte context.
import { getContext, setContext } from 'svelte';
import type { SimClient } from './client.svelte.ts';

const KEY = Symbol('sim-client');

export function provideClient(client: SimClient): void {
  setContext(KEY, client);
}

export function useClient(): SimClient {
  const c = getContext<SimClient | undefined>(KEY);
  if (!c) throw new Error('useClient() outside the app: provideClient() first');
  return c;
}
