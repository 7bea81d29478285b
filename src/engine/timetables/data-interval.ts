// _DataIntervalTimetable.next_dagrun_info (airflow/timetables/interval.py; 3.x
// airflow-core/src/airflow/timetables/interval.py, same logic). A run covers [tick_k, tick_k+1) and is
// created once its interval has ended: run_after = data_interval.end, logical_date = data_interval.start.
import { intervalInfo, orNone } from './base.ts';
import type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';

export abstract class DataIntervalTimetable implements Timetable {
  abstract readonly name: string;
  abstract readonly summary: string;
  readonly can_be_scheduled = true;
  readonly periodic = true;
  readonly active_runs_limit = null;
  /** restriction bounds are compared with the logical date (interval start) */
  readonly is_trigger = false;
  abstract readonly timezone: string;

  /** catchup=False: the earliest start allowed now (see the subclasses). */
  protected abstract skipToLatest(earliest: number | null, now: number): number;
  protected abstract alignUp(t: number): number;
  protected abstract alignDown(t: number): number;
  protected abstract next(t: number): number;
  protected abstract prev(t: number): number;

  next_dagrun_info(last: DataInterval | null, restriction: TimeRestriction, now: number): DagRunInfo | null {
    return orNone(() => {
      let earliest = restriction.earliest;
      if (!restriction.catchup) earliest = this.skipToLatest(earliest, now);
      else if (earliest !== null) earliest = this.alignUp(earliest);
      let start: number;
      if (last === null) {
        // First run: the first tick at or after the start date, so a partial first interval is skipped.
        if (earliest === null) return null;
        start = earliest;
      } else {
        // Aligning the last end handles a DAG whose schedule changed since that run.
        const alignedLastEnd = this.alignDown(last.end);
        start = earliest !== null ? Math.max(alignedLastEnd, earliest) : alignedLastEnd;
      }
      // end_date bounds the logical date: the last interval may end after end_date.
      if (restriction.latest !== null && start > restriction.latest) return null;
      return intervalInfo(start, this.next(start));
    });
  }

  abstract infer_manual_data_interval(run_after: number): DataInterval;
}
