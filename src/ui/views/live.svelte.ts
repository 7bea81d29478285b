// A view's data from the worker session, re-asked whenever the simulation moves
// (client.version) or whatever the query reads changes (selection, language).
// While the clock plays, asks at most ~8 times a second; a late answer never
// overwrites a newer one.
import type { SimClient } from '../../app/client.svelte.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; kind: string };

export interface Live<T> {
  readonly value: T | null;
  readonly error: string | null;
  /** true until the first answer for the current inputs arrives */
  readonly loading: boolean;
}

const MIN_GAP_MS = 125;

/**
 * `prepare` runs inside an effect: read every reactive input there, and return the call to make
 * (or null when there is nothing to ask). Call from a component's script (it creates an $effect).
 */
export function live<T>(client: SimClient, prepare: () => (() => unknown) | null): Live<T> {
  const s = $state<{ value: T | null; error: string | null; loading: boolean }>({ value: null, error: null, loading: true });
  let seq = 0;
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  $effect(() => {
    void client.version;
    const call = prepare();
    const playing = client.playing;
    if (timer) clearTimeout(timer);
    timer = null;
    if (!call) {
      seq++;
      s.value = null;
      s.error = null;
      s.loading = false;
      return;
    }
    const run = async () => {
      timer = null;
      const mine = ++seq;
      last = performance.now();
      const r = (await call()) as Result<T>;
      if (mine !== seq) return;
      if (r.ok) {
        s.value = r.value;
        s.error = null;
      } else s.error = r.error;
      s.loading = false;
    };
    const wait = playing ? Math.max(0, MIN_GAP_MS - (performance.now() - last)) : 0;
    if (wait > 0) timer = setTimeout(run, wait);
    else void run();
    return () => {
      if (timer) clearTimeout(timer);
    };
  });

  return s;
}
