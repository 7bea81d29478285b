// `airflow tasks ...`: list, state, states-for-dag-run, clear. Sources:
// airflow/cli/commands/task_command.py (2.10.3), airflow-core/src/airflow/cli/commands/task_command.py.
import { clearTaskInstances, findTaskInstances, selectTaskIds } from '../../actions/clear.ts';
import type { EngineContext, LoadedDag } from '../../context.ts';
import type { DagRunRow, TaskInstanceRow } from '../../metastore/rows.ts';
import { AirflowError, AIRFLOW_EXCEPTION } from '../errors.ts';
import { printAs } from '../output/console.ts';
import { pyIsoformat, pyRepr } from '../pyfmt.ts';
import { bool, confirm, date, getDag, output, runByIdOrDate, str, type Handler } from './common.ts';
import { cliDateParser, pyRegex } from './dags.ts';

/** TaskInstance.__repr__ */
export function tiRepr(ti: TaskInstanceRow): string {
  const prefix = `<TaskInstance: ${ti.dag_id}.${ti.task_id} ${ti.run_id} ` + (ti.map_index !== -1 ? `map_index=${ti.map_index} ` : '');
  return `${prefix}[${ti.state ?? 'None'}]>`;
}

const dateWord = (ctx: EngineContext) => (ctx.profile === '2' ? 'execution_date' : 'logical_date');

function taskOf(dag: LoadedDag, task_id: string) {
  const task = dag.spec.tasks.find((t) => t.task_id === task_id);
  if (!task) throw new AirflowError('airflow.exceptions.TaskNotFound', `Task ${task_id} not found`);
  return task;
}

export const tasksList: Handler = (ctx, cmd, out) => {
  const dag = getDag(ctx, str(cmd, 'dag_id')!);
  if (bool(cmd, 'tree')) {
    // DAG.tree_view (2.10): roots sorted by task_id, downstream depth-first, 4 spaces per level
    const byId = new Map(dag.spec.tasks.map((t) => [t.task_id, t]));
    const walk = (id: string, level: number) => {
      out.print(' '.repeat(level * 4) + `<Task(${byId.get(id)!.operator}): ${id}>`);
      for (const d of [...(dag.downstream.get(id) ?? [])].sort()) walk(d, level + 1);
    };
    for (const t of dag.spec.tasks.filter((x) => !x.upstream_task_ids.length).map((x) => x.task_id).sort()) walk(t, 0);
    return;
  }
  out.print(dag.spec.tasks.map((t) => t.task_id).sort().join('\n'));
};

export const tasksState: Handler = (ctx, cmd, out) => {
  const dag = getDag(ctx, str(cmd, 'dag_id')!);
  const task = taskOf(dag, str(cmd, 'task_id')!);
  const mapIndex = (cmd.args.map_index as number) ?? -1;
  if (mapIndex >= 0) throw new AirflowError('RuntimeError', 'map_index passed to non-mapped task');
  const value = str(cmd, ctx.profile === '2' ? 'execution_date_or_run_id' : 'logical_date_or_run_id')!;
  const run = runByIdOrDate(ctx, dag.spec.dag_id, value, cliDateParser(ctx));
  if (!run) {
    throw new AirflowError(
      'airflow.exceptions.DagRunNotFound',
      `DagRun for ${dag.spec.dag_id} with run_id or ${dateWord(ctx)} of ${pyRepr(value)} not found`,
    );
  }
  const ti = ctx.db.getTaskInstance(run.dag_id, run.run_id, task.task_id, mapIndex);
  if (!ti) {
    throw new AirflowError(
      'airflow.exceptions.TaskInstanceNotFound',
      `TaskInstance for ${dag.spec.dag_id}, ${task.task_id}, map=${mapIndex} with run_id or ${dateWord(ctx)} of ${pyRepr(value)} not found`,
    );
  }
  out.print(ti.state ?? 'None');
};

export const tasksStatesForDagRun: Handler = (ctx, cmd, out) => {
  const dag_id = str(cmd, 'dag_id')!;
  const value = str(cmd, ctx.profile === '2' ? 'execution_date_or_run_id' : 'logical_date_or_run_id')!;
  const parse = cliDateParser(ctx);
  let run: DagRunRow | null;
  if (ctx.profile === '2') {
    run = ctx.db.getDagRun(dag_id, value) ?? null;
    if (!run) {
      const d = parse(value);
      if (!d) throw new AirflowError(AIRFLOW_EXCEPTION, `Error parsing the supplied execution_date. Error: Invalid date string: ${value}`);
      run = ctx.db.runsOf(dag_id).find((r) => r.logical_date === d.ms) ?? null;
    }
  } else {
    run = runByIdOrDate(ctx, dag_id, value, parse);
  }
  if (!run) {
    throw new AirflowError('airflow.exceptions.DagRunNotFound', `DagRun for ${dag_id} with run_id or ${dateWord(ctx)} of ${pyRepr(value)} not found`);
  }
  const tis = ctx.db.tisOf(run);
  const mapped = tis.some((ti) => ti.map_index >= 0);
  const logical = run.logical_date === null ? '' : pyIsoformat(run.logical_date);
  const rows = tis.map((ti) => ({
    dag_id: ti.dag_id,
    [dateWord(ctx)]: logical,
    task_id: ti.task_id,
    state: ti.state,
    start_date: ti.start_date === null ? '' : pyIsoformat(ti.start_date),
    end_date: ti.end_date === null ? '' : pyIsoformat(ti.end_date),
    ...(mapped ? { map_index: ti.map_index >= 0 ? String(ti.map_index) : '' } : {}),
  }));
  out.printLines(printAs(rows, output(cmd)));
};

/** utils/cli.get_dags: one DAG by id, or every DAG whose id matches the regex (re.search). */
function dagsFor(ctx: EngineContext, dag_id: string, useRegex: boolean): LoadedDag[] {
  if (!useRegex) return [getDag(ctx, dag_id)];
  const re = pyRegex(dag_id);
  const matched = [...ctx.loaded.values()].filter((d) => re.test(d.spec.dag_id));
  if (!matched.length) {
    throw new AirflowError(AIRFLOW_EXCEPTION, `dag_id could not be found with regex: ${dag_id}. Either the dag did not exist or it failed to parse.`);
  }
  return matched;
}

export const tasksClear: Handler = (ctx, cmd, out) => {
  const dags = dagsFor(ctx, str(cmd, 'dag_id')!, bool(cmd, 'dag_regex'));
  const regex = str(cmd, 'task_regex');
  const start = date(cmd, 'start_date')?.ms ?? null;
  // 2.10: without -e, runs whose logical date is in the future are left out (allow_future_exec_dates)
  const end = date(cmd, 'end_date')?.ms ?? (ctx.profile === '2' ? ctx.now : null);
  const tis = dags.flatMap((dag) =>
    findTaskInstances(ctx, dag.spec.dag_id, {
      task_ids: regex ? selectTaskIds(dag, { task_regex: pyRegex(regex), upstream: bool(cmd, 'upstream'), downstream: bool(cmd, 'downstream') }) : null,
      start,
      end,
      only_failed: bool(cmd, 'only_failed'),
      only_running: bool(cmd, 'only_running'),
    }),
  );
  if (ctx.profile === '2') {
    // DAG.clear_dags
    if (!tis.length) {
      out.print('Nothing to clear.');
      return;
    }
    if (!bool(cmd, 'yes')) confirm(out, `You are about to delete these ${tis.length} tasks:\n${tis.map(tiRepr).join('\n')}\n\nAre you sure? [y/n]`);
  } else if (!bool(cmd, 'yes')) {
    // task_clear (3.x): a dry run first, then the prompt with the list's repr
    if (!tis.length) return;
    confirm(out, `You are about to delete these ${tis.length} tasks:\n[${tis.map(tiRepr).join(', ')}]\n\nAre you sure? [y/n]`);
  }
  if (tis.length) {
    clearTaskInstances(ctx, tis);
    ctx.wakeScheduler();
  }
};
