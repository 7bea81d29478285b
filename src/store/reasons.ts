// Reason codes with English text. The UI shows its own translation per code; the text
// here is the fallback and what tests and logs read.
import type { KeptReason, Reason } from './types.ts';

export const NOT_AVAILABLE = 'IndexedDB is not available in this browser (private mode?)';
export const OPEN_TIMED_OUT = 'IndexedDB did not open in time (another tab may be blocking it)';

export const REASON_TEXT: Record<Reason, string> = {
  conflict: 'Another tab saved this workspace after you opened it; reload it or save yours as a copy',
  'not-found': 'This workspace no longer exists (deleted in another tab?)',
  invalid: 'The data is not valid',
  quota: 'The browser has no storage space left; your work is kept in this tab only until space is freed',
  outdated: 'A newer version of the app updated the saved data in another tab; reload this tab to keep saving',
  error: 'Saving failed; your work is kept in this tab only',
};

/** Classify a failed IndexedDB write. Dexie wraps DOM errors; the cause may sit in `inner`. */
export function writeFailure(e: unknown): KeptReason {
  for (let err = e, depth = 0; err && depth < 5; depth++) {
    const name = (err as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return 'quota';
    err = (err as { inner?: unknown }).inner;
  }
  return 'error';
}

export function errorText(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const { name, message } = e as { name?: string; message?: string };
    return name ? `${name}: ${message ?? ''}` : String(message);
  }
  return String(e);
}
