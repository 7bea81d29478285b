// run_ids and the date fields of new DagRuns, per profile (shared AIRFLOW.md §2).
// 2.10: DagRunType.generate_run_id (airflow/utils/types.py) via Timetable.generate_run_id
//       (airflow/timetables/base.py): "<run_type>__<logical_date.isoformat()>".
// 3.x:  Timetable.generate_run_id (airflow-core/src/airflow/timetables/base.py, #46616):
//       "<run_type>__<run_after.isoformat()>"; DagRun.generate_run_id (models/dagrun.py) adds
//       "_<random>" when there is no logical date.
import type { Profile } from '../../dagfile/spec.ts';
import { pyIso } from '../time.ts';
import type { DagRunInfo, DataInterval, Timetable } from './types.ts';

/** DagRunType values. 2.10 has dataset_triggered; 3.x asset_triggered (3.2 adds asset_materialization). */
export type RunType = 'scheduled' | 'manual' | 'backfill' | 'dataset_triggered' | 'asset_triggered' | 'asset_materialization';

/**
 * The run_id Airflow generates. Python isoformat of the UTC instant: +00:00, microseconds only when
 * non-zero. 2.10 needs the logical date; 3.x uses run_after.
 * @example generateRunId('2', 'scheduled', Date.UTC(2024,0,1), Date.UTC(2024,0,2)) === 'scheduled__2024-01-01T00:00:00+00:00'
 * @example generateRunId('3', 'scheduled', Date.UTC(2024,0,1), Date.UTC(2024,0,2)) === 'scheduled__2024-01-02T00:00:00+00:00'
 */
export function generateRunId(profile: Profile, runType: RunType, logicalDate: number | null, runAfter: number): string {
  if (profile === '2') {
    if (logicalDate === null) throw new Error('Airflow 2.10 run_ids need a logical date');
    return `${runType}__${pyIso(logicalDate)}`;
  }
  return `${runType}__${pyIso(runAfter)}`;
}

/** airflow.utils.strings.get_random_string's alphabet (string.ascii_letters + string.digits). */
export const RANDOM_STRING_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** get_random_string(8) from a seeded generator returning numbers in [0, 1). */
export function randomRunIdSuffix(random: () => number, length = 8): string {
  let s = '';
  for (let i = 0; i < length; i++) s += RANDOM_STRING_CHARS[Math.floor(random() * RANDOM_STRING_CHARS.length)];
  return s;
}

/**
 * 3.x DagRun.generate_run_id, used where Airflow calls it directly (TriggerDagRunOperator, backfill):
 * "<run_type>__<run_after>" when there is a logical date, else "<run_type>__<run_after>_<random>".
 * `airflow dags trigger` and the scheduler use the timetable's form (generateRunId), without suffix.
 */
export function dagRunGenerateRunId3(runType: RunType, logicalDate: number | null, runAfter: number, randomSuffix: string): string {
  const base = `${runType}__${pyIso(runAfter)}`;
  return logicalDate !== null ? base : `${base}_${randomSuffix}`;
}

/** The date fields and id of a DagRun about to be created. */
export interface NewRunFields {
  run_id: string;
  run_type: RunType;
  /** null only in 3.x (manual runs without a logical date, asset-triggered runs) */
  logical_date: number | null;
  data_interval: DataInterval | null;
  /** 3.x column; for 2.10 runs the simulator keeps the moment the run may start under the same name */
  run_after: number;
}

/** A run the scheduler creates from the timetable's next DagRunInfo (SchedulerJobRunner._create_dag_runs). */
export function scheduledRunFields(profile: Profile, info: DagRunInfo): NewRunFields {
  return {
    run_id: generateRunId(profile, 'scheduled', info.logical_date, info.run_after),
    run_type: 'scheduled',
    logical_date: info.logical_date,
    data_interval: info.data_interval,
    run_after: info.run_after,
  };
}

/**
 * A backfill run for one DagRunInfo. 2.10 (backfill_job_runner.py -> dag.create_dagrun with
 * run_type=backfill): backfill__<logical date>. 3.x (backfill.py::_create_backfill_dag_run_non_partitioned,
 * DagRun.generate_run_id with a logical date): backfill__<run_after>.
 */
export function backfillRunFields(profile: Profile, info: DagRunInfo): NewRunFields {
  return {
    run_id: generateRunId(profile, 'backfill', info.logical_date, info.run_after),
    run_type: 'backfill',
    logical_date: info.logical_date,
    data_interval: info.data_interval,
    run_after: info.run_after,
  };
}

/** Python datetime.replace(microsecond=0): drop the sub-second part. */
export function zeroMicroseconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export interface ManualTriggerOptions {
  /** `--logical-date` / `-e` / the API's logical_date; null or absent: not given */
  logicalDate?: number | null;
  /** `--no-replace-microseconds` sets this to false (default true, both versions) */
  replaceMicroseconds?: boolean;
  /** an explicit `--run-id` */
  runId?: string | null;
}

/**
 * What a manual trigger (`airflow dags trigger`, the UI/API trigger) creates.
 *
 * 2.10 (airflow/api/common/trigger_dag.py::_trigger_dag): logical_date = the given date or the trigger
 * time, microseconds zeroed; data_interval = timetable.infer_manual_data_interval(logical_date) — so
 * for a daily cron DAG the logical date is the trigger time, not the interval start; run_id
 * manual__<logical_date>. (Airflow also refuses a logical date before a start_date given in
 * default_args — only there, not for start_date=; the caller knows where the start date came from.)
 *
 * 3.x (airflow-core/src/airflow/api/common/trigger_dag.py::_trigger_dag): run_after = the trigger time
 * (microseconds kept); without a logical date (the CLI default) logical_date and data_interval are
 * NULL; with one, logical_date = it (microseconds zeroed) and the interval is inferred from
 * **run_after**, not from the logical date. run_id = timetable.generate_run_id = manual__<run_after>,
 * with no random suffix.
 */
export function manualRunFields(profile: Profile, timetable: Timetable, triggerTime: number, opts: ManualTriggerOptions = {}): NewRunFields {
  const replace = opts.replaceMicroseconds ?? true;
  const given = opts.logicalDate ?? null;
  if (profile === '2') {
    const raw = given ?? triggerTime;
    const logical = replace ? zeroMicroseconds(raw) : raw;
    return {
      run_id: opts.runId ?? generateRunId('2', 'manual', logical, triggerTime),
      run_type: 'manual',
      logical_date: logical,
      data_interval: timetable.infer_manual_data_interval(logical),
      run_after: triggerTime,
    };
  }
  const logical = given === null ? null : replace ? zeroMicroseconds(given) : given;
  return {
    run_id: opts.runId ?? generateRunId('3', 'manual', logical, triggerTime),
    run_type: 'manual',
    logical_date: logical,
    data_interval: logical === null ? null : timetable.infer_manual_data_interval(triggerTime),
    run_after: triggerTime,
  };
}
