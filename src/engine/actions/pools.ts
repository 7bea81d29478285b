// Pools as the CLI and UI change them: airflow/api/client/local_client.py (create_pool,
// delete_pool) and airflow/models/pool.py (create_or_update_pool, delete_pool); same in 3.x.
import type { EngineContext } from '../context.ts';
import { DEFAULT_POOL } from '../metastore/metastore.ts';
import type { PoolRow } from '../metastore/rows.ts';
import { AirflowError, AIRFLOW_EXCEPTION } from '../cli/errors.ts';

/** Pool.pool is String(256). */
const POOL_NAME_LENGTH = 256;

export class PoolNotFound extends AirflowError {
  constructor(message: string) {
    super('airflow.exceptions.PoolNotFound', message);
  }
}

/** create_pool: validate, then create or update. slots -1 means unlimited; no other check. */
export function setPool(ctx: EngineContext, name: string, slots: number, description: string, include_deferred: boolean): PoolRow {
  if (!name.trim()) throw new AirflowError('airflow.exceptions.AirflowBadRequest', "Pool name shouldn't be empty");
  if (name.length > POOL_NAME_LENGTH) {
    throw new AirflowError(
      'airflow.exceptions.AirflowBadRequest',
      ctx.profile === '2' ? `pool name cannot be more than ${POOL_NAME_LENGTH} characters` : `Pool name cannot be more than ${POOL_NAME_LENGTH} characters`,
    );
  }
  let pool = ctx.db.pools.get(name);
  if (!pool) {
    pool = { pool: name, slots, description, include_deferred };
    ctx.db.pools.set(name, pool);
  } else {
    pool.slots = slots;
    pool.description = description;
    pool.include_deferred = include_deferred;
  }
  return pool;
}

export function getPool(ctx: EngineContext, name: string): PoolRow {
  const pool = ctx.db.pools.get(name);
  if (!pool) throw new PoolNotFound(`Pool ${name} not found`);
  return pool;
}

/** Pool.delete_pool: default_pool cannot go; an unknown pool is PoolNotFound. */
export function deletePool(ctx: EngineContext, name: string): PoolRow {
  if (name === DEFAULT_POOL) throw new AirflowError(AIRFLOW_EXCEPTION, `${DEFAULT_POOL} cannot be deleted`);
  const pool = ctx.db.pools.get(name);
  if (!pool) throw new PoolNotFound(`Pool '${name}' doesn't exist`);
  ctx.db.pools.delete(name);
  return pool;
}
