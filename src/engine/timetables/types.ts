// The timetable contract, after Airflow's airflow/timetables/base.py. Instants are epoch ms (UTC).

export interface DataInterval {
  start: number;
  end: number;
}

/** What the scheduler needs to create the next run (Airflow's DagRunInfo). */
export interface DagRunInfo {
  /** the earliest moment the run may be created and start (3.x column run_after; 2.10: data_interval.end) */
  run_after: number;
  data_interval: DataInterval;
  /** == data_interval.start for every periodic timetable */
  logical_date: number;
}

/** Airflow's TimeRestriction: earliest/latest are inclusive; catchup as resolved for the DAG. */
export interface TimeRestriction {
  earliest: number | null;
  latest: number | null;
  catchup: boolean;
}

export interface Timetable {
  /** class name, as Airflow's UI and serialized DAG show it: "CronTriggerTimetable" */
  readonly name: string;
  /** Airflow's Timetable.summary: "@daily", "0 6 * * 1-5", "1 day, 0:00:00", "None", "@once" */
  readonly summary: string;
  /** false for NullTimetable (schedule=None): the scheduler never creates runs for it */
  readonly can_be_scheduled: boolean;
  /** true for cron/delta timetables (they can be backfilled / caught up) */
  readonly periodic: boolean;
  /** ContinuousTimetable forces 1 */
  readonly active_runs_limit: number | null;
  /** the zone cron expressions are evaluated in */
  readonly timezone: string;
  /** true for trigger timetables: restriction bounds are compared with run_after, not the logical date */
  readonly is_trigger: boolean;

  /**
   * The next automated run, or null if there is none (yet).
   * @param last the data interval of the last automated run (scheduled or backfill), or null
   * @param now the virtual clock, used by catchup=False and continuous/once logic
   */
  next_dagrun_info(last: DataInterval | null, restriction: TimeRestriction, now: number): DagRunInfo | null;

  /** The data interval of a manual run triggered at (2.10: logical date; 3.x: run_after). */
  infer_manual_data_interval(run_after: number): DataInterval;
}
