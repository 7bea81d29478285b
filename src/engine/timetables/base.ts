// Small pieces every timetable shares (after airflow/timetables/base.py).
import type { DagRunInfo, DataInterval } from './types.ts';
import { CronNoMatchError } from './cron.ts';

/** DagRunInfo.interval: a run over [start, end) created once `end` has passed. */
export function intervalInfo(start: number, end: number): DagRunInfo {
  return { run_after: end, data_interval: { start, end }, logical_date: start };
}

/** DagRunInfo.exact: a run at one instant (start == end == run_after). */
export function exactInfo(at: number): DagRunInfo {
  return intervalInfo(at, at);
}

/** DataInterval.exact */
export function exactInterval(at: number): DataInterval {
  return { start: at, end: at };
}

/** Airflow raised inside the timetable (e.g. `AssertionError("next schedule shouldn't be earlier")`). */
export class ScheduleComputeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleComputeError';
  }
}

/**
 * DAG.next_dagrun_info catches whatever the timetable raises, logs "Failed to fetch run info" and
 * returns None (2.10 airflow/models/dag.py; 3.x serialization/definitions/dag.py). We do the same for
 * the failures Airflow's own timetables can raise: a cron with no matching date, an assertion.
 */
export function orNone<T>(compute: () => T | null): T | null {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CronNoMatchError || e instanceof ScheduleComputeError) return null;
    throw e;
  }
}
