// DeltaDataIntervalTimetable (airflow/timetables/interval.py; 3.x interval.py + _delta.py::DeltaMixin):
// `schedule=timedelta(...)` / relativedelta in 2.10, and in 3.x only with create_cron_data_intervals.
import type { DeltaSpec } from '../../dagfile/spec.ts';
import { DataIntervalTimetable } from './data-interval.ts';
import { addDelta, deltaSummary, roundingPeriodMs, subDelta } from './delta.ts';
import type { DataInterval } from './types.ts';

export class DeltaDataIntervalTimetable extends DataIntervalTimetable {
  readonly name = 'DeltaDataIntervalTimetable';
  readonly summary: string;

  /** @param timezone only for display: delta arithmetic is done in UTC */
  constructor(
    readonly delta: DeltaSpec,
    readonly timezone: string = 'UTC',
  ) {
    super();
    this.summary = deltaSummary(delta);
  }

  // No alignment at all: intervals are anchored at the start date.
  protected alignUp(t: number): number {
    return t;
  }
  protected alignDown(t: number): number {
    return t;
  }
  protected next(t: number): number {
    return addDelta(t, this.delta);
  }
  protected prev(t: number): number {
    return subDelta(t, this.delta);
  }

  /**
   * _skip_to_latest: now is floored to a whole number of periods since the Unix epoch (_round), then one
   * delta is subtracted. So with catchup=False the first interval sits on the epoch grid (UTC midnight
   * for a daily delta), not on start_date.
   */
  protected skipToLatest(earliest: number | null, now: number): number {
    const period = roundingPeriodMs(this.delta);
    const rounded = now - (((now % period) + period) % period);
    const newStart = subDelta(rounded, this.delta);
    return earliest === null ? newStart : Math.max(newStart, earliest);
  }

  infer_manual_data_interval(run_after: number): DataInterval {
    return { start: subDelta(run_after, this.delta), end: run_after };
  }
}
