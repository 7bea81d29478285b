// ContinuousTimetable (airflow/timetables/simple.py; 3.x airflow-core/src/airflow/timetables/simple.py):
// `schedule="@continuous"`: a new run as soon as the previous one finishes, one at a time.
import type { Profile } from '../../dagfile/spec.ts';
import { exactInterval, intervalInfo } from './base.ts';
import type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';

export class ContinuousTimetable implements Timetable {
  readonly name = 'ContinuousTimetable';
  readonly summary = '@continuous';
  readonly can_be_scheduled = true;
  readonly periodic = false;
  /** the DAG must set max_active_runs=1, or it fails to load */
  readonly active_runs_limit = 1;
  readonly is_trigger = false;

  constructor(
    readonly profile: Profile,
    readonly timezone: string = 'UTC',
  ) {}

  next_dagrun_info(last: DataInterval | null, r: TimeRestriction, now: number): DagRunInfo | null {
    const span = this.profile === '2' ? this.span2(last, r, now) : this.span3(last, r, now);
    if (span === null) return null;
    if (r.latest !== null && span.end > r.latest) return null;
    return intervalInfo(span.start, span.end);
  }

  /** 2.10: needs a start date; first run [start, max(start, now)], then [last end, now]. */
  private span2(last: DataInterval | null, r: TimeRestriction, now: number): DataInterval | null {
    if (r.earliest === null) return null;
    if (last !== null) return { start: last.end, end: now };
    return { start: r.earliest, end: Math.max(r.earliest, now) };
  }

  /**
   * 3.x: as 2.10, plus: no start date means "from now" (3.2+, apache/airflow#61405), and a last run that
   * ends in the future (start_date moved forward) restarts from the start date (apache/airflow#45081).
   */
  private span3(last: DataInterval | null, r: TimeRestriction, now: number): DataInterval {
    const startDate = r.earliest ?? now;
    if (last === null) return { start: startDate, end: Math.max(startDate, now) };
    if (last.end > now) return { start: startDate, end: startDate + (last.end - last.start) };
    return { start: last.end, end: now };
  }

  infer_manual_data_interval(run_after: number): DataInterval {
    return exactInterval(run_after);
  }
}
