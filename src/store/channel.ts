// Tells other tabs of the same app that something changed. BroadcastChannel reaches every
// same-origin tab; where it does not exist (old browsers, some test environments) tabs are
// simply not told, and the revision check still stops a stale tab from overwriting.
import type { ExternalChange } from './types.ts';

export const CHANNEL_NAME = 'airflow-sim';

interface Envelope {
  db: string;
  from: string;
  change: ExternalChange;
}

export interface ChangeChannel {
  post(change: ExternalChange): void;
  close(): void;
}

/** `dbName` keeps stores over different databases (tests, future profiles) apart on one channel. */
export function openChannel(dbName: string, tabId: string, receive: (c: ExternalChange) => void): ChangeChannel {
  if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} };
  const bc = new BroadcastChannel(CHANNEL_NAME);
  bc.onmessage = (ev: MessageEvent<Envelope>) => {
    const m = ev.data;
    if (m && m.db === dbName && m.from !== tabId && m.change) receive(m.change);
  };
  return {
    post(change) {
      try {
        bc.postMessage({ db: dbName, from: tabId, change } satisfies Envelope);
      } catch {
        // a closed channel: the other tabs' revision check still protects the data
      }
    },
    close() {
      bc.onmessage = null;
      bc.close();
    },
  };
}

/** A random id; crypto.getRandomValues works on plain http too, unlike randomUUID. */
export function randomId(prefix: string): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
