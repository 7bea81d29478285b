// `sim ...`: what only Airflow's UI offers, as commands (so every UI action has a line a
// scenario can replay). The effects are the UI's: airflow/api/common/mark_tasks.py.
//   sim mark-run  DAG_ID RUN_ID {success,failed}
//   sim mark-task DAG_ID RUN_ID TASK_ID {success,failed} [--upstream] [--downstream] [--past] [--future]
import { markDagRun, markTaskInstances, type MarkState } from '../../actions/mark.ts';
import type { EngineContext } from '../../context.ts';
import type { DagRunRow } from '../../metastore/rows.ts';
import { SystemExitError } from '../errors.ts';
import { bool, str, type Handler, type Out } from './common.ts';
import { tiRepr } from './tasks.ts';

function findRun(ctx: EngineContext, dag_id: string, run_id: string): DagRunRow {
  if (!ctx.loaded.has(dag_id)) throw new SystemExitError(`DAG: ${dag_id} does not exist in 'dag' table`);
  const run = ctx.db.getDagRun(dag_id, run_id);
  if (!run) throw new SystemExitError(`DagRun ${run_id} of DAG ${dag_id} not found`);
  return run;
}

function report(out: Out, what: string, tis: readonly { dag_id: string; run_id: string; task_id: string; map_index: number; state: string | null }[]): void {
  out.print(`${what}; ${tis.length} task instance(s) changed${tis.length ? ':' : '.'}`);
  for (const ti of tis) out.print('  ' + tiRepr(ti as Parameters<typeof tiRepr>[0]));
}

export const simMarkRun: Handler = (ctx, cmd, out) => {
  const run = findRun(ctx, str(cmd, 'dag_id')!, str(cmd, 'run_id')!);
  const state = str(cmd, 'state') as MarkState;
  const tis = markDagRun(ctx, ctx.loaded.get(run.dag_id)!, run, state);
  report(out, `DagRun ${run.run_id} marked ${state}`, tis);
  ctx.wakeScheduler();
};

export const simMarkTask: Handler = (ctx, cmd, out) => {
  const run = findRun(ctx, str(cmd, 'dag_id')!, str(cmd, 'run_id')!);
  const dag = ctx.loaded.get(run.dag_id)!;
  const task_id = str(cmd, 'task_id')!;
  if (!dag.spec.tasks.some((t) => t.task_id === task_id)) throw new SystemExitError(`Task ${task_id} not found`);
  const state = str(cmd, 'state') as MarkState;
  const tis = markTaskInstances(ctx, dag, run, [task_id], state, {
    upstream: bool(cmd, 'upstream'),
    downstream: bool(cmd, 'downstream'),
    past: bool(cmd, 'past'),
    future: bool(cmd, 'future'),
  });
  report(out, `${task_id} marked ${state}`, tis);
  ctx.wakeScheduler();
};
