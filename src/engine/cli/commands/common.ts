// What every command handler shares: the printed lines, argument access, and the
// lookups Airflow's CLI does before acting (airflow/utils/cli.py get_dag, DagModel).
import type { CommandResult, EngineContext, LoadedDag } from '../../context.ts';
import type { DagRow, DagRunRow } from '../../metastore/rows.ts';
import type { ParsedDate } from '../dates.ts';
import { AirflowError, AIRFLOW_EXCEPTION, SystemExitError } from '../errors.ts';
import type { OutputFormat } from '../output/console.ts';
import type { ParsedCommand } from '../parse.ts';
import { pyRepr } from '../pyfmt.ts';

/** Where the dags folder is in the official image (AIRFLOW_HOME=/opt/airflow). */
export const DAGS_FOLDER = '/opt/airflow/dags';
/** [dag_processor] bundle of the dags folder in 3.x */
export const BUNDLE_NAME = 'dags-folder';

/** What a command printed, stdout and stderr in the order a terminal shows them. */
export class Out {
  readonly lines: string[] = [];
  print(...texts: string[]): void {
    for (const t of texts) this.lines.push(...t.split('\n'));
  }
  printLines(lines: readonly string[]): void {
    this.lines.push(...lines);
  }
}

/** A handler returns the exit code (default 0), or a pending CommandResult (2.10 backfill). */
export type Handler = (ctx: EngineContext, cmd: ParsedCommand, out: Out) => number | void | CommandResult;

export function str(cmd: ParsedCommand, key: string): string | null {
  const v = cmd.args[key];
  return typeof v === 'string' ? v : null;
}

export function bool(cmd: ParsedCommand, key: string): boolean {
  return cmd.args[key] === true;
}

export function date(cmd: ParsedCommand, key: string): ParsedDate | null {
  const v = cmd.args[key];
  return v && typeof v === 'object' && 'ms' in v ? (v as ParsedDate) : null;
}

export function output(cmd: ParsedCommand): OutputFormat {
  return (str(cmd, 'output') ?? 'table') as OutputFormat;
}

/** utils/cli.get_dag: the DAG as parsed from its file, or AirflowException. */
export function getDag(ctx: EngineContext, dag_id: string): LoadedDag {
  const dag = ctx.loaded.get(dag_id);
  if (!dag) throw new AirflowError(AIRFLOW_EXCEPTION, `Dag ${pyRepr(dag_id)} could not be found; either it does not exist or it failed to parse.`);
  return dag;
}

/** DagModel.get_dagmodel or SystemExit("DAG: x does not exist in 'dag' table"). */
export function getDagModel(ctx: EngineContext, dag_id: string): DagRow {
  const row = ctx.db.dags.get(dag_id);
  if (!row) throw new SystemExitError(`DAG: ${dag_id} does not exist in 'dag' table`);
  return row;
}

/** The absolute path Airflow shows as fileloc. */
export function absFileloc(fileloc: string): string {
  return fileloc.startsWith('/') ? fileloc : `${DAGS_FOLDER}/${fileloc}`;
}

/** DagFileProcessor's relative_fileloc (3.x). */
export function relFileloc(fileloc: string): string {
  return fileloc.startsWith(DAGS_FOLDER + '/') ? fileloc.slice(DAGS_FOLDER.length + 1) : fileloc;
}

/**
 * The run a "logical date or run_id" argument names (3.x cli/utils.py
 * fetch_dag_run_from_run_id_or_logical_date_string; 2.10 task_command._get_dag_run):
 * first as a run_id, then as a date (the latest run at that logical date).
 */
export function runByIdOrDate(ctx: EngineContext, dag_id: string, value: string, parse: (s: string) => ParsedDate | null): DagRunRow | null {
  const byId = ctx.db.getDagRun(dag_id, value);
  if (byId) return byId;
  const d = parse(value);
  if (!d) return null;
  let found: DagRunRow | null = null;
  for (const r of ctx.db.runsOf(dag_id)) if (r.logical_date === d.ms && (!found || r.id > found.id)) found = r;
  return found;
}

/** ask_yesno: the simulator cannot wait for a keyboard, so it shows the prompt answered "y". */
export function confirm(out: Out, question: string): true {
  out.print(question, 'y');
  return true;
}
