// The engine parts the first screen never needs: the template engine (nunjucks), the Bash
// interpreter, the SQL hook and the CLI's commands (a third of the worker's code). They live in
// one chunk (partsAll.ts) that the browser worker fetches after the first view is answered and
// awaits before any call that may run a task or a command (simApi.ts). Node code (tests, the
// runner, the bench) installs them up front. The same code runs either way: loading it later
// changes nothing the engine does.
import type { Parts } from './partsAll.ts';

let parts: Parts | null = null;
let loading: Promise<void> | null = null;

/** null takes them away again (tests of the deferred path) */
export function installParts(p: Parts | null): void {
  parts = p;
  if (!p) loading = null;
}

export function partsLoaded(): boolean {
  return parts !== null;
}

/** The parts; throws when they are not loaded (a caller skipped loadParts: a bug, not bad input). */
export const NOT_LOADED = 'engine parts are not loaded yet (await loadParts() before running tasks or commands)';

export function engineParts(): Parts {
  if (!parts) throw new Error(NOT_LOADED);
  return parts;
}

/** Fetch and install the parts once. */
export function loadParts(): Promise<void> {
  if (parts) return Promise.resolve();
  loading ??= import('./partsAll.ts')
    .then((m) => installParts(m.PARTS))
    .catch((e: unknown) => {
      loading = null; // a failed fetch (offline for a moment): the next call tries again
      throw e;
    });
  return loading;
}
