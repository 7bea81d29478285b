// Backfills: 2.10 `airflow dags backfill` (airflow/cli/commands/dag_command.py dag_backfill,
// _run_dag_backfill) and 3.x `airflow backfill create`
// (airflow-core/src/airflow/cli/commands/backfill_command.py create_backfill).
import { planBackfill2 } from '../../actions/backfill2.ts';
import { createBackfill3, dryRunBackfill3, type ReprocessBehavior } from '../../actions/backfill3.ts';
import { clearTaskInstances, findTaskInstances, selectTaskIds } from '../../actions/clear.ts';
import type { CommandResult, EngineContext, LoadedDag } from '../../context.ts';
import { backfillInfos2 } from '../../timetables/index.ts';
import { AirflowError, AIRFLOW_EXCEPTION, SystemExitError } from '../errors.ts';
import { renderGrid } from '../output/grid.ts';
import { pyDatetimeStr } from '../pyfmt.ts';
import { pyJsonLoads } from '../pyjson.ts';
import { bool, confirm, date, getDag, str, type Handler, type Out } from './common.ts';
import { pyRegex } from './dags.ts';
import { tiRepr } from './tasks.ts';

/** Airflow 2.10's console log line: [%(asctime)s] {%(filename)s:%(lineno)d} %(levelname)s - %(message)s */
export function logLine2(now: number, file: string, line: number, level: string, message: string): string {
  const ts = new Date(now).toISOString().replace('Z', '+0000');
  return `[${ts}] {${file}:${line}} ${level} - ${message}`;
}

function backfillDag2(ctx: EngineContext, dag_id: string, byRegex: boolean): LoadedDag {
  if (!byRegex) return getDag(ctx, dag_id);
  const re = pyRegex(dag_id);
  const matched = [...ctx.loaded.values()].filter((d) => re.test(d.spec.dag_id)).sort((a, b) => (a.spec.dag_id < b.spec.dag_id ? -1 : 1));
  if (!matched.length) {
    throw new AirflowError(AIRFLOW_EXCEPTION, `dag_id could not be found with regex: ${dag_id}. Either the dag did not exist or it failed to parse.`);
  }
  if (matched.length > 1) throw new SystemExitError(`The simulator backfills one DAG at a time; ${dag_id} matches ${matched.length} DAGs.`);
  return matched[0]!;
}

export const dagsBackfill: Handler = (ctx, cmd, out): number | CommandResult => {
  let start = date(cmd, 'start_date');
  let end = date(cmd, 'end_date');
  if (!start && !end) throw new AirflowError(AIRFLOW_EXCEPTION, 'Provide a start_date and/or end_date');
  end = end ?? start;
  start = start ?? end;
  const dag = backfillDag2(ctx, str(cmd, 'dag_id')!, bool(cmd, 'treat_dag_id_as_regex') || bool(cmd, 'treat_dag_as_regex'));
  const confText = str(cmd, 'conf');
  const conf = confText ? (pyJsonLoads(confText) as Record<string, unknown>) : null;
  const regex = str(cmd, 'task_regex');
  let taskIds: Set<string> | null = null;
  if (regex) {
    taskIds = selectTaskIds(dag, { task_regex: pyRegex(regex), upstream: !bool(cmd, 'ignore_dependencies') });
    if (!taskIds.size) throw new AirflowError(AIRFLOW_EXCEPTION, `There are no tasks that match '${regex}' regex. Nothing to run, exiting...`);
  }
  const dag_id = dag.spec.dag_id;
  if (bool(cmd, 'dry_run')) {
    out.print(`Dry run of DAG ${dag_id} on ${pyDatetimeStr(start!.ms, start!.offset_min)}`);
    for (const _info of backfillInfos2(dag.timetable, start!.ms, end!.ms, { now: ctx.now })) {
      for (const t of dag.spec.tasks) if (!taskIds || taskIds.has(t.task_id)) out.print(`Task ${t.task_id} located in DAG ${dag_id}`);
    }
    return 0;
  }
  if (bool(cmd, 'reset_dagruns')) resetDagRuns(ctx, dag, taskIds, start!.ms, end!.ms, bool(cmd, 'yes'), out);
  const res = planBackfill2(ctx, {
    dag,
    start: start!.ms,
    end: end!.ms,
    run_backwards: bool(cmd, 'run_backwards'),
    rerun_failed_tasks: bool(cmd, 'rerun_failed_tasks'),
    continue_on_failures: bool(cmd, 'continue_on_failures'),
    disable_retry: bool(cmd, 'disable_retry'),
    mark_success: bool(cmd, 'mark_success'),
    conf,
    task_ids: taskIds ? [...taskIds] : null,
    create_runs: false, // the job creates runs pass by pass, as BackfillJobRunner._get_dag_run does
  });
  if (res.kind === 'nothing') {
    for (const l of res.log) out.print(logLine2(ctx.now, 'backfill_job_runner.py', l.line, l.level, l.message));
    return 0;
  }
  const result: CommandResult = { exit_code: 0, output: out.lines.join('\n'), pending: true };
  ctx.startBackfillJob2(res.plan, result);
  ctx.wakeScheduler();
  return result;
};

/** --reset-dagruns: DAG.clear_dags(start, end, confirm_prompt=not yes, dag_run_state=QUEUED). */
function resetDagRuns(ctx: EngineContext, dag: LoadedDag, taskIds: Set<string> | null, start: number, end: number, yes: boolean, out: Out): void {
  const tis = findTaskInstances(ctx, dag.spec.dag_id, { task_ids: taskIds, start, end });
  if (!tis.length) {
    out.print('Nothing to clear.');
    return;
  }
  if (!yes) confirm(out, `You are about to delete these ${tis.length} tasks:\n${tis.map(tiRepr).join('\n')}\n\nAre you sure? [y/n]`);
  clearTaskInstances(ctx, tis, { dag_run_state: 'queued' });
}

export const backfillCreate: Handler = (ctx, cmd, out) => {
  const from = date(cmd, 'from_date')!;
  const to = date(cmd, 'to_date')!;
  const reprocess = str(cmd, 'reprocess_behavior') as ReprocessBehavior | null;
  const runOnLatest = (cmd.args.run_on_latest_version as boolean | null) ?? true;
  const confText = str(cmd, 'dag_run_conf');
  const maxActive = (cmd.args.max_active_runs as number | null) ?? null;
  const req = {
    dag_id: str(cmd, 'dag_id')!,
    from_date: from.ms,
    to_date: to.ms,
    reverse: bool(cmd, 'run_backwards'),
    reprocess_behavior: reprocess,
    max_active_runs: maxActive,
    dag_run_conf: null as Record<string, unknown> | null,
  };
  if (bool(cmd, 'dry_run')) {
    const enumRepr = reprocess === null ? 'None' : `ReprocessBehavior.${reprocess.toUpperCase()}`;
    out.print(
      'Performing dry run of backfill.',
      'Printing params:',
      `    - dag_id = ${req.dag_id}`,
      `    - from_date = ${pyDatetimeStr(from.ms, from.offset_min)}`,
      `    - to_date = ${pyDatetimeStr(to.ms, to.offset_min)}`,
      `    - max_active_runs = ${maxActive ?? 'None'}`,
      `    - reverse = ${req.reverse ? 'True' : 'False'}`,
      `    - dag_run_conf = ${confText ?? 'None'}`,
      `    - reprocess_behavior = ${enumRepr}`,
      `    - run_on_latest_version = ${runOnLatest ? 'True' : 'False'}`,
    );
    const infos = dryRunBackfill3(ctx, req);
    out.print('Runs to be attempted:');
    out.printLines(renderGrid(infos.map((i) => ({ logical_date: pyDatetimeStr(i.logical_date), partition_key: null, partition_date: null }))));
    return;
  }
  if (confText) {
    try {
      req.dag_run_conf = pyJsonLoads(confText) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof AirflowError) throw new AirflowError('ValueError', `Invalid JSON in --dag-run-conf: ${e.message}`);
      throw e;
    }
  }
  createBackfill3(ctx, req);
};

