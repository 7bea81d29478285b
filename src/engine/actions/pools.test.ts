// Pool rules: airflow/api/client/local_client.py create_pool and airflow/models/pool.py (2.10.3).
import { describe, expect, it } from 'vitest';
import { FakeContext } from '../cli/testkit.ts';
import { deletePool, getPool, setPool } from './pools.ts';

describe('pools', () => {
  it('set creates, then updates (Pool.create_or_update_pool; test_pool_update_deferred)', () => {
    const ctx = new FakeContext('2', 0);
    setPool(ctx, 'foo', 1, 'foo_test', false);
    setPool(ctx, 'foo', 3, 'again', true);
    expect(getPool(ctx, 'foo')).toEqual({ pool: 'foo', slots: 3, description: 'again', include_deferred: true });
    expect([...ctx.db.pools.keys()]).toEqual(['default_pool', 'foo']);
  });
  it('rejects an empty name and a name longer than the column', () => {
    const ctx = new FakeContext('2', 0);
    expect(() => setPool(ctx, '  ', 1, '', false)).toThrow("Pool name shouldn't be empty");
    expect(() => setPool(ctx, 'p'.repeat(257), 1, '', false)).toThrow('pool name cannot be more than 256 characters');
  });
  it('default_pool cannot be deleted; unknown pools are PoolNotFound', () => {
    const ctx = new FakeContext('3', 0);
    expect(() => deletePool(ctx, 'default_pool')).toThrow('default_pool cannot be deleted');
    expect(() => deletePool(ctx, 'nope')).toThrow("Pool 'nope' doesn't exist");
    expect(() => getPool(ctx, 'nope')).toThrow('Pool nope not found');
  });
});
