// `airflow pools ...` (airflow/cli/commands/pool_command.py; 3.x same file under airflow-core).
import { deletePool, getPool, PoolNotFound, setPool } from '../../actions/pools.ts';
import type { PoolRow } from '../../metastore/rows.ts';
import { SystemExitError } from '../errors.ts';
import { printAs } from '../output/console.ts';
import { bool, output, str, type Handler } from './common.ts';

const poolRow = (p: PoolRow) => ({ pool: p.pool, slots: p.slots, description: p.description, include_deferred: p.include_deferred });

export const poolsList: Handler = (ctx, cmd, out) => {
  out.printLines(printAs([...ctx.db.pools.values()].map(poolRow), output(cmd)));
};

export const poolsGet: Handler = (ctx, cmd, out) => {
  const name = str(cmd, 'pool')!;
  try {
    out.printLines(printAs([poolRow(getPool(ctx, name))], output(cmd)));
  } catch (e) {
    if (e instanceof PoolNotFound) throw new SystemExitError(`Pool ${name} does not exist`);
    throw e;
  }
};

export const poolsSet: Handler = (ctx, cmd, out) => {
  if (str(cmd, 'team_name')) {
    throw new SystemExitError('Error: team_name cannot be set when multi_team mode is disabled. Please contact your administrator.');
  }
  const name = str(cmd, 'pool')!;
  setPool(ctx, name, cmd.args.slots as number, str(cmd, 'description') ?? '', bool(cmd, 'include_deferred'));
  out.print(`Pool ${name} created`);
  ctx.wakeScheduler();
};

export const poolsDelete: Handler = (ctx, cmd, out) => {
  const name = str(cmd, 'pool')!;
  try {
    deletePool(ctx, name);
  } catch (e) {
    if (e instanceof PoolNotFound) throw new SystemExitError(`Pool ${name} does not exist`);
    throw e;
  }
  out.print(`Pool ${name} deleted`);
  ctx.wakeScheduler();
};
