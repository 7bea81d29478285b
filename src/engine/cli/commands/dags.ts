// `airflow dags ...`: list, list-import-errors, list-runs, state, next-execution,
// pause, unpause, trigger. Sources: airflow/cli/commands/dag_command.py (2.10.3) and
// airflow-core/src/airflow/cli/commands/dag_command.py (3.1 line).
import { defaultTimezone } from '../../config.ts';
import type { EngineContext } from '../../context.ts';
import type { DagRow, DagRunRow } from '../../metastore/rows.ts';
import type { DagRunInfo, DataInterval } from '../../timetables/types.ts';
import { parseDate, type ParsedDate } from '../dates.ts';
import { AirflowError, SystemExitError } from '../errors.ts';
import { printAs, PyDatetime, type PyValue } from '../output/console.ts';
import type { ParsedCommand } from '../parse.ts';
import { pyIsoformat, pyJsonDumps, pyListRepr } from '../pyfmt.ts';
import { pyJsonLoads } from '../pyjson.ts';
import {
  absFileloc,
  bool,
  BUNDLE_NAME,
  confirm,
  date,
  getDag,
  getDagModel,
  output,
  relFileloc,
  runByIdOrDate,
  str,
  type Handler,
  type Out,
} from './common.ts';

const iso = (ms: number | null): PyValue => (ms === null ? null : pyIsoformat(ms));

// ---- dags list ----

const VALID_COLUMNS_2 = [
  'dag_id', 'dag_display_name', 'root_dag_id', 'is_paused', 'is_active', 'is_subdag', 'last_parsed_time',
  'last_pickled', 'last_expired', 'scheduler_lock', 'pickle_id', 'default_view', 'fileloc', 'file_token',
  'owners', 'description', 'schedule_interval', 'timetable_description', 'tags', 'max_active_tasks',
  'max_active_runs', 'max_consecutive_failed_dag_runs', 'has_task_concurrency_limits', 'has_import_errors',
  'next_dagrun', 'next_dagrun_data_interval_start', 'next_dagrun_data_interval_end', 'next_dagrun_create_after',
];
const VALID_COLUMNS_3 = [
  'bundle_name', 'bundle_version', 'dag_display_name', 'dag_id', 'description', 'file_token', 'fileloc',
  'has_import_errors', 'has_task_concurrency_limits', 'is_paused', 'is_stale', 'last_expired', 'last_parse_duration',
  'last_parsed_time', 'max_active_runs', 'max_active_tasks', 'max_consecutive_failed_dag_runs',
  'next_dagrun_data_interval_end', 'next_dagrun_data_interval_start', 'next_dagrun_logical_date',
  'next_dagrun_run_after', 'owners', 'relative_fileloc', 'tags', 'timetable_description', 'timetable_summary',
];

/** dag_schema.dump(DagModel) (2.10) / DAGResponse.model_dump() (3.x), for the fields we model. */
function dagDetail(ctx: EngineContext, row: DagRow): Record<string, PyValue> {
  const loaded = ctx.loaded.get(row.dag_id);
  const spec = loaded?.spec;
  const hasTaskLimits = !!spec?.tasks.some((t) => t.max_active_tis_per_dag !== null || t.max_active_tis_per_dagrun !== null);
  const common: Record<string, PyValue> = {
    dag_id: row.dag_id,
    dag_display_name: row.dag_id,
    is_paused: row.is_paused,
    last_parsed_time: iso(row.last_parsed_time),
    last_expired: null,
    fileloc: absFileloc(row.fileloc),
    owners: row.owners ? row.owners.split(',') : [],
    description: spec?.description ?? null,
    timetable_description: null,
    tags: row.tags.map((name): PyValue => (ctx.profile === '2' ? { name } : { name, dag_id: row.dag_id })),
    max_active_tasks: row.max_active_tasks,
    max_active_runs: row.max_active_runs,
    max_consecutive_failed_dag_runs: 0,
    has_task_concurrency_limits: hasTaskLimits,
    has_import_errors: row.has_import_errors,
    next_dagrun_data_interval_start: iso(row.next_dagrun_data_interval_start),
    next_dagrun_data_interval_end: iso(row.next_dagrun_data_interval_end),
  };
  if (ctx.profile === '2') {
    return {
      ...common,
      root_dag_id: null,
      is_active: row.is_active,
      is_subdag: false,
      last_pickled: null,
      scheduler_lock: null,
      pickle_id: null,
      default_view: 'grid',
      file_token: null,
      schedule_interval: null,
      next_dagrun: iso(row.next_dagrun),
      next_dagrun_create_after: iso(row.next_dagrun_create_after),
    };
  }
  return {
    ...common,
    is_stale: !row.is_active,
    last_parse_duration: null,
    bundle_name: BUNDLE_NAME,
    bundle_version: null,
    relative_fileloc: relFileloc(row.fileloc),
    file_token: null,
    timetable_summary: row.timetable_summary === 'None' ? null : row.timetable_summary,
    next_dagrun_logical_date: iso(row.next_dagrun),
    next_dagrun_run_after: iso(row.next_dagrun_create_after),
  };
}

export const dagsList: Handler = (ctx, cmd, out) => {
  const cols = (cmd.args.columns as string[] | null) ?? [];
  const valid = ctx.profile === '2' ? VALID_COLUMNS_2 : VALID_COLUMNS_3;
  const invalid = cols.filter((c) => !valid.includes(c));
  if (invalid.length) {
    out.print(`Error: Ignoring the following invalid columns: ${pyListRepr(invalid)}.  List of valid columns: ${pyListRepr(valid)}`);
  }
  if (ctx.db.importErrors.length) out.print('Error: Failed to load all files. For details, run `airflow dags list-import-errors`');
  const rows = [...ctx.loaded.keys()]
    .sort()
    .map((id) => ctx.db.dags.get(id))
    .filter((r): r is DagRow => !!r)
    .map((r) => {
      const d = dagDetail(ctx, r);
      return Object.fromEntries(cols.filter((c) => valid.includes(c)).map((c) => [c, d[c] ?? null]));
    });
  out.printLines(printAs(rows, output(cmd)));
};

// ---- dags list-import-errors ----

export const dagsListImportErrors: Handler = (ctx, cmd, out) => {
  const rows = ctx.db.importErrors.map((e): Record<string, PyValue> =>
    ctx.profile === '2'
      ? { filepath: absFileloc(e.filename), error: e.message }
      : { bundle_name: BUNDLE_NAME, filepath: relFileloc(e.filename), error: e.message },
  );
  out.printLines(printAs(rows, output(cmd)));
  return rows.length ? 1 : 0;
};

// ---- dags list-runs ----

export const dagsListRuns: Handler = (ctx, cmd, out) => {
  const dag_id = str(cmd, 'dag_id')!;
  getDagModel(ctx, dag_id);
  const state = str(cmd, 'state');
  const start = date(cmd, 'start_date');
  const end = date(cmd, 'end_date');
  let runs = ctx.db.runsOf(dag_id).filter(
    (r) =>
      (!state || r.state === state) &&
      (!bool(cmd, 'no_backfill') || r.run_type !== 'backfill') &&
      (!start || (r.logical_date !== null && r.logical_date >= start.ms)) &&
      (!end || (r.logical_date !== null && r.logical_date <= end.ms)),
  );
  // DagRun.find orders by logical date (NULLs last, as PostgreSQL does); the CLI then
  // sorts by execution_date (2.10) or run_after (3.x), newest first, stably.
  runs = [...runs].sort((a, b) => (a.logical_date ?? Infinity) - (b.logical_date ?? Infinity));
  const rows =
    ctx.profile === '2'
      ? runs
          .sort((a, b) => (b.logical_date ?? 0) - (a.logical_date ?? 0))
          .map((r) => ({
            dag_id: r.dag_id,
            run_id: r.run_id,
            state: r.state,
            execution_date: r.logical_date === null ? '' : pyIsoformat(r.logical_date),
            start_date: r.start_date === null ? '' : pyIsoformat(r.start_date),
            end_date: r.end_date === null ? '' : pyIsoformat(r.end_date),
          }))
      : runs
          .sort((a, b) => b.run_after - a.run_after)
          .map((r) => ({
            dag_id: r.dag_id,
            run_id: r.run_id,
            state: r.state,
            run_after: pyIsoformat(r.run_after),
            logical_date: r.logical_date === null ? '' : pyIsoformat(r.logical_date),
            start_date: r.start_date === null ? '' : pyIsoformat(r.start_date),
            end_date: r.end_date === null ? '' : pyIsoformat(r.end_date),
          }));
  // 3.x --limit: the most recent N after filtering and sorting
  const limit = cmd.args.limit as number | null | undefined;
  out.printLines(printAs(limit ? rows.slice(0, limit) : rows, output(cmd)));
};

// ---- dags state ----

export function cliDateParser(ctx: EngineContext): (s: string) => ParsedDate | null {
  const tz = defaultTimezone(ctx.config);
  return (s) => {
    try {
      return parseDate(s, tz, ctx.now);
    } catch {
      return null;
    }
  };
}

export const dagsState: Handler = (ctx, cmd, out) => {
  const dag_id = str(cmd, 'dag_id')!;
  getDagModel(ctx, dag_id);
  let run: DagRunRow | null;
  if (ctx.profile === '2') {
    const d = date(cmd, 'execution_date')!;
    run = ctx.db.runsOf(dag_id).find((r) => r.logical_date === d.ms) ?? null;
  } else {
    run = runByIdOrDate(ctx, dag_id, str(cmd, 'logical_date_or_run_id')!, cliDateParser(ctx));
  }
  if (!run) out.print('None');
  else if (Object.keys(run.conf).length) out.print(`${run.state}, ${pyJsonDumps(run.conf)}`);
  else out.print(run.state);
};

// ---- dags next-execution ----

export const dagsNextExecution: Handler = (ctx, cmd, out) => {
  if (ctx.profile === '3') return nextExecution3(ctx, cmd, out);
  const dag_id = str(cmd, 'dag_id')!;
  const dag = getDag(ctx, dag_id);
  const row = ctx.db.dags.get(dag_id);
  if (!row) throw new AirflowError('sqlalchemy.exc.NoResultFound', 'No row was found when one was required');
  if (row.is_paused) out.print('[INFO] Please be reminded this DAG is PAUSED now.');
  const show = (interval: DataInterval | null) => {
    if (!interval) {
      out.print("[WARN] No following schedule can be found. This DAG may have schedule interval '@once' or `None`.", 'None');
    } else out.print(pyIsoformat(interval.start));
  };
  // DAG.get_next_data_interval(dag_model): DagModel.next_dagrun_data_interval
  let interval: DataInterval | null =
    row.next_dagrun === null
      ? null
      : { start: row.next_dagrun_data_interval_start ?? row.next_dagrun, end: row.next_dagrun_data_interval_end ?? row.next_dagrun };
  show(interval);
  const n = (cmd.args.num_executions as number) ?? 1;
  for (let i = 1; i < n; i++) {
    // DAG.next_dagrun_info(interval, restricted=False): no start/end date bounds, catchup on
    const info = dag.timetable.next_dagrun_info(interval, { earliest: null, latest: null, catchup: true }, ctx.now);
    interval = info ? info.data_interval : null;
    show(interval);
  }
};

const NEXT_FIELDS = ['logical_date', 'data_interval.start', 'data_interval.end', 'run_after'] as const;

function infoField(info: DagRunInfo, field: string): number | null {
  switch (field) {
    case 'logical_date':
      return info.logical_date;
    case 'data_interval.start':
      return info.data_interval.start;
    case 'data_interval.end':
      return info.data_interval.end;
    case 'run_after':
      return info.run_after;
    default:
      return null; // partition_key / partition_date: not partitioned
  }
}

/** 3.x dag_next_execution: --table, --field, and next_run_info_from_dag_model. */
function nextExecution3(ctx: EngineContext, cmd: ParsedCommand, out: Out): void {
  const table = bool(cmd, 'table');
  const field = str(cmd, 'field');
  if (table && field) throw new SystemExitError('Cannot use --table and --field together');
  const dag_id = str(cmd, 'dag_id')!;
  const dag = ctx.loaded.get(dag_id);
  const row = ctx.db.dags.get(dag_id);
  if (!dag || !row) throw new SystemExitError(`DAG: ${dag_id} does not exist in the database`);
  if (row.is_paused) out.print('[INFO] Please be reminded this DAG is PAUSED now.');
  const infos: (DagRunInfo | null)[] = [];
  let info: DagRunInfo | null =
    row.next_dagrun === null
      ? null
      : {
          logical_date: row.next_dagrun,
          data_interval: { start: row.next_dagrun_data_interval_start ?? row.next_dagrun, end: row.next_dagrun_data_interval_end ?? row.next_dagrun },
          run_after: row.next_dagrun_create_after ?? (dag.timetable.is_trigger ? row.next_dagrun : (row.next_dagrun_data_interval_end ?? row.next_dagrun)),
        };
  infos.push(info);
  const n = (cmd.args.num_executions as number) ?? 1;
  for (let i = 1; info && i < n; i++) {
    info = dag.timetable.next_dagrun_info(info.data_interval, { earliest: null, latest: null, catchup: true }, ctx.now);
    infos.push(info);
  }
  if (table) {
    const rows = infos.map((x) => {
      if (!x) throw new AirflowError('AttributeError', "'NoneType' object has no attribute 'logical_date'");
      return Object.fromEntries(NEXT_FIELDS.map((f) => [f, new PyDatetime(infoField(x, f)!)]));
    });
    out.printLines(printAs(rows, 'table'));
    return;
  }
  for (const x of infos) {
    if (!x) {
      out.print("[WARN] No following schedule can be found. This DAG may have schedule interval '@once' or `None`.", 'None');
      continue;
    }
    const v = infoField(x, field ?? 'logical_date');
    out.print(v === null ? 'None' : pyIsoformat(v));
  }
}

// ---- dags pause / unpause ----

function setIsPaused(isPaused: boolean): Handler {
  return (ctx, cmd, out) => {
    const pattern = str(cmd, 'dag_id')!;
    const byRegex = bool(cmd, 'treat_dag_id_as_regex');
    const re = byRegex ? pyRegex(pattern) : null;
    const matched = [...ctx.db.dags.values()].filter(
      (d) => (re ? re.test(d.dag_id) : d.dag_id === pattern) && d.is_paused !== isPaused,
    );
    if (!matched.length) {
      out.print(`No ${isPaused ? 'un' : ''}paused DAGs were found`);
      return;
    }
    if (!bool(cmd, 'yes') && byRegex) {
      confirm(
        out,
        `You are about to ${isPaused ? '' : 'un'}pause ${matched.length} DAGs:\n${matched.map((d) => d.dag_id).join(',')}\n\nAre you sure? [y/n]`,
      );
    }
    // 2.10 prints the new state (`not dag.get_is_paused()` on a stale object); 3.x the old one
    const rows = matched.map((d) => {
      const old = d.is_paused;
      d.is_paused = isPaused;
      return { dag_id: d.dag_id, is_paused: ctx.profile === '2' ? isPaused : old };
    });
    out.printLines(printAs(rows, output(cmd)));
    ctx.wakeScheduler();
  };
}

export const dagsPause = setIsPaused(true);
export const dagsUnpause = setIsPaused(false);

/** A Python `re`/PostgreSQL `~` pattern as a JS RegExp (search anywhere). */
export function pyRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), 'u');
  } catch (e) {
    throw new AirflowError('re.error', (e as Error).message);
  }
}

// ---- dags trigger ----

function runDict(ctx: EngineContext, r: DagRunRow): Record<string, PyValue> {
  const dt = (ms: number | null) => (ms === null ? null : new PyDatetime(ms));
  const base: Record<string, PyValue> = {
    conf: r.conf as PyValue,
    dag_id: r.dag_id,
    dag_run_id: r.run_id,
    data_interval_start: dt(r.data_interval_start),
    data_interval_end: dt(r.data_interval_end),
    end_date: dt(r.end_date),
  };
  if (ctx.profile === '2') base.external_trigger = r.external_trigger;
  Object.assign(base, {
    last_scheduling_decision: null,
    logical_date: dt(r.logical_date),
    run_type: r.run_type,
    start_date: dt(r.start_date),
    state: r.state,
  });
  if (ctx.profile === '3') base.triggering_user_name = 'airflow';
  return base;
}

export const dagsTrigger: Handler = (ctx, cmd, out) => {
  const dag_id = str(cmd, 'dag_id')!;
  const conf = str(cmd, 'conf');
  const given = date(cmd, ctx.profile === '2' ? 'exec_date' : 'logical_date');
  const replaceMicro = cmd.args.replace_microseconds !== false;
  let logical: number | null | undefined;
  if (ctx.profile === '2') {
    // trigger_dag: execution_date or utcnow(), microseconds zeroed unless --no-replace-microseconds
    const t = given ? given.ms : ctx.now;
    logical = replaceMicro ? t - (t % 1000) : t;
  } else if (given) {
    logical = replaceMicro ? given.ms - (given.ms % 1000) : given.ms;
  }
  const parsedConf = conf ? (pyJsonLoads(conf) as Record<string, unknown>) : undefined;
  const run = ctx.triggerDagRun(dag_id, {
    ...(logical !== undefined ? { logical_date: logical } : {}),
    run_id: str(cmd, 'run_id'),
    replace_microseconds: replaceMicro,
    ...(parsedConf !== undefined ? { conf: parsedConf } : {}),
  });
  out.printLines(printAs([runDict(ctx, run)], output(cmd)));
  ctx.wakeScheduler();
};

