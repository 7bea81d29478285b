// The deferred parts are fetched over the network in the browser: a failed fetch (offline for a
// moment) must not leave every later call failing until the page is reloaded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installParts, loadParts, partsLoaded } from './parts.ts';
import { PARTS } from './partsAll.ts';

afterEach(() => {
  vi.doUnmock('./partsAll.ts');
  installParts(PARTS);
});

describe('loadParts', () => {
  it('tries again after a failed fetch', async () => {
    installParts(null);
    // a module whose parts cannot be had: the import's promise rejects, as a failed chunk fetch does
    vi.doMock('./partsAll.ts', () => ({
      get PARTS(): never {
        throw new Error('Failed to fetch dynamically imported module');
      },
    }));
    await expect(loadParts()).rejects.toThrow();
    expect(partsLoaded()).toBe(false);
    vi.doUnmock('./partsAll.ts');
    await loadParts();
    expect(partsLoaded()).toBe(true);
  });
});
