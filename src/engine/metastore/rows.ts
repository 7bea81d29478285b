// Rows of the simulated metadata database, shaped like Airflow's tables
// (airflow/models/dag.py DagModel, dagrun.py, taskinstance.py, taskinstancehistory.py,
// log.py, xcom.py, pool.py, backfill.py (3.x), errors.py ParseImportError).
// Instants are epoch ms (UTC) or null.

import type { DagRunState, TIState } from '../rules/tiState.ts';

export type { DagRunState, TIState };
export { FINISHED_STATES as FINISHED, UNFINISHED_STATES as UNFINISHED } from '../rules/tiState.ts';

export type { RunType } from '../timetables/runid.ts';
import type { RunType } from '../timetables/runid.ts';

export interface DagRow {
  dag_id: string;
  fileloc: string;
  is_paused: boolean;
  /** false once the DAG disappears from its file (Airflow: is_stale / is_active) */
  is_active: boolean;
  has_import_errors: boolean;
  timetable: string;
  timetable_summary: string;
  max_active_runs: number;
  max_active_tasks: number;
  /** DagModel.next_dagrun (logical date), next_dagrun_data_interval_*, next_dagrun_create_after */
  next_dagrun: number | null;
  next_dagrun_data_interval_start: number | null;
  next_dagrun_data_interval_end: number | null;
  next_dagrun_create_after: number | null;
  last_parsed_time: number | null;
  tags: string[];
  owners: string;
}

export interface DagRunRow {
  id: number;
  dag_id: string;
  run_id: string;
  run_type: RunType;
  state: DagRunState;
  logical_date: number | null;
  data_interval_start: number | null;
  data_interval_end: number | null;
  /** always kept internally; output as null under Airflow 2 (no such column) */
  run_after: number;
  queued_at: number | null;
  start_date: number | null;
  end_date: number | null;
  clear_number: number;
  conf: Record<string, unknown>;
  backfill_id: number | null;
  /** 2.10 external_trigger: manual runs */
  external_trigger: boolean;
  triggered_by: string;
  /** order among a backfill's runs (3.x BackfillDagRun.sort_ordinal) */
  sort_ordinal: number | null;
}

export interface TaskInstanceRow {
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  state: TIState;
  try_number: number;
  max_tries: number;
  pool: string;
  pool_slots: number;
  /** priority_weight as computed by the weight rule (TaskInstance.priority_weight) */
  priority_weight: number;
  queue: string;
  operator: string;
  hostname: string | null;
  queued_dttm: number | null;
  start_date: number | null;
  end_date: number | null;
  duration: number | null; // seconds
  /** when an up_for_retry TI may be scheduled again (Airflow computes it from end_date; kept for display) */
  next_retry_at: number | null;
  /** when an up_for_reschedule sensor pokes next */
  reschedule_at: number | null;
  /** the templated fields as rendered for the latest try */
  rendered_fields: Record<string, string> | null;
  /** first poke of a sensor (for timeouts across reschedules) */
  first_poke_at: number | null;
}

export interface TaskInstanceHistoryRow {
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  try_number: number;
  state: TIState;
  start_date: number | null;
  end_date: number | null;
  duration: number | null;
  hostname: string | null;
  pool: string;
  queued_dttm: number | null;
}

/** Airflow's `log` table: the audit log of events (CLI commands, state changes made by users). */
export interface LogRow {
  id: number;
  dttm: number;
  dag_id: string | null;
  task_id: string | null;
  run_id: string | null;
  try_number: number | null;
  event: string;
  owner: string;
  extra: string | null;
}

export interface XComRow {
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  key: string;
  value: unknown;
  timestamp: number;
}

export interface PoolRow {
  pool: string;
  slots: number;
  description: string;
  include_deferred: boolean;
}

export interface BackfillRow {
  id: number;
  dag_id: string;
  from_date: number;
  to_date: number;
  dag_run_conf: Record<string, unknown>;
  is_paused: boolean;
  reprocess_behavior: 'none' | 'failed' | 'completed';
  max_active_runs: number;
  run_backwards: boolean;
  created_at: number;
  completed_at: number | null;
  updated_at: number;
}

export interface ImportErrorRow {
  id: number;
  filename: string;
  timestamp: number;
  line: number;
  column: number;
  message: string;
}

/** One line of a task's log file (Airflow keeps these in files, not the DB). */
export interface TaskLogLine {
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  try_number: number;
  at: number;
  level: 'INFO' | 'WARNING' | 'ERROR';
  text: string;
}
