// What the CLI commands and user actions see of the running simulation.
// The Simulation implements it; commands in src/engine/cli and actions in
// src/engine/actions are written against this interface only.
import type { DagSpec, Profile } from '../dagfile/spec.ts';
import type { Config } from './config.ts';
import type { Metastore } from './metastore/metastore.ts';
import type { DagRunRow, DagRunState, RunType, TaskInstanceRow } from './metastore/rows.ts';
import type { DataInterval, TimeRestriction, Timetable } from './timetables/types.ts';
import type { Warehouse } from './warehouse/types.ts';

/** A DAG as the DAG processor last loaded it (only DAGs whose files import cleanly). */
export interface LoadedDag {
  spec: DagSpec;
  timetable: Timetable;
  catchup: boolean;
  restriction: TimeRestriction;
  /** task_id -> priority_weight total under the task's weight_rule */
  priorities: Map<string, number>;
  /** task_id -> task */
  tasks: Map<string, DagSpec['tasks'][number]>;
  /** task_id -> direct downstream task_ids */
  downstream: Map<string, string[]>;
}

export interface NewDagRun {
  dag_id: string;
  run_id: string;
  run_type: RunType;
  state: DagRunState;
  logical_date: number | null;
  data_interval: DataInterval | null;
  run_after: number;
  conf?: Record<string, unknown>;
  backfill_id?: number | null;
  sort_ordinal?: number | null;
  triggered_by: string;
  external_trigger?: boolean;
  /** the component whose process writes the row (default: from triggered_by); a worker host for
   *  TriggerDagRunOperator */
  created_by?: string;
}

export interface TriggerOptions {
  logical_date?: number | null;
  run_id?: string | null;
  conf?: Record<string, unknown>;
  /** --no-replace-microseconds gives false (default true) */
  replace_microseconds?: boolean;
  /** DagRunTriggeredByType: 'cli' (default) or 'operator' (TriggerDagRunOperator) */
  triggered_by?: 'cli' | 'operator';
  /** the worker host running TriggerDagRunOperator */
  created_by?: string;
}

/** What a command printed and how it ended. A 2.10 backfill keeps running after the
 *  command returns; it sets `pending` and fills output and exit_code when it ends. */
export interface CommandResult {
  exit_code: number;
  output: string;
  pending?: boolean;
}

export interface EngineContext {
  readonly profile: Profile;
  readonly config: Config;
  /** the virtual clock, epoch ms */
  readonly now: number;
  readonly db: Metastore;
  /** DAGs that loaded from their files, by dag_id */
  readonly loaded: ReadonlyMap<string, LoadedDag>;
  /** file name -> source, as the DAG processor sees the dags folder */
  readonly files: ReadonlyMap<string, string>;
  /** the SQL warehouse (`sim sql`, SQL tasks); null when sql.js was not loaded */
  readonly warehouse?: Warehouse | null;

  /** Create a dag_run and its task instances (DagRun.verify_integrity). Throws if the run_id exists. */
  createDagRun(args: NewDagRun): DagRunRow;
  /** A manual run as `airflow dags trigger` creates it in this profile (run_id, dates, conf).
   *  Throws AirflowError (DagNotFound, DagRunAlreadyExists) as Airflow does. */
  triggerDagRun(dag_id: string, opts: TriggerOptions): DagRunRow;
  /** Recompute DagModel.next_dagrun* for a DAG now (as a parse or the scheduler would). */
  refreshNextDagRun(dag_id: string): void;
  /** Ask the scheduler for a loop at the current instant (after a user action changed state). */
  wakeScheduler(): void;
  /** A running TI was cleared or marked: kill its process on the worker (it ends in `restarting`/new state). */
  killTaskInstance(ti: TaskInstanceRow): void;
  /** Record an audit-log row (Airflow's `log` table), like the CLI and UI do. */
  audit(event: string, fields: { dag_id?: string | null; task_id?: string | null; run_id?: string | null; extra?: string | null }): void;
  /** 2.10 `airflow dags backfill`: a BackfillJob runs the given dates in the CLI process. */
  startBackfillJob2(job: BackfillJob2, result: CommandResult): void;
  /** Record a message between components (shown in the architecture view). */
  message(from: string, to: string, kind: string, text: string): void;
}

/** What `airflow dags backfill` (2.10) decided to run, before it runs. */
export interface BackfillJob2 {
  dag_id: string;
  /** the run_id each date will have, in order (reversed with -B): the existing run's, or
   *  backfill__<date>; the job creates or adopts each run when its pass starts */
  run_ids: string[];
  rerun_failed_tasks: boolean;
  continue_on_failures: boolean;
  disable_retry: boolean;
  /** batch size: the DAG's max_active_runs */
  max_active_runs: number;
}
