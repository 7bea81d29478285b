// sql.js and its wasm are fetched over the network in the browser: a failed fetch must not leave
// every later SQL input refused until the page is reloaded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSqlJs, sqlJsFactory } from './sqljs.ts';

afterEach(() => {
  vi.doUnmock('sql.js');
});

describe('loadSqlJs', () => {
  it('tries again after a failed load', async () => {
    vi.doMock('sql.js', () => ({
      default: () => Promise.reject(new Error('failed to fetch sql-wasm.wasm')),
    }));
    await expect(loadSqlJs()).rejects.toThrow('sql-wasm.wasm');
    expect(sqlJsFactory()).toBeNull();
    vi.doUnmock('sql.js');
    const factory = await loadSqlJs();
    expect(factory().exec('SELECT 1 + 1')[0]!.rows).toEqual([[2]]);
  });
});
