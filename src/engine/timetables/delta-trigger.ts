// DeltaTriggerTimetable (3.x airflow-core/src/airflow/timetables/trigger.py; backported to 2.11, absent
// from 2.10): the 3.x default for a timedelta schedule. Ticks are "previous + delta" and alignment is
// the identity, so with catchup=False the first run fires at the unpause instant itself.
import type { DeltaSpec } from '../../dagfile/spec.ts';
import { addDelta, deltaSummary } from './delta.ts';
import { TriggerTimetable, ZERO_DELTA } from './trigger.ts';

export class DeltaTriggerTimetable extends TriggerTimetable {
  readonly name = 'DeltaTriggerTimetable';
  readonly summary: string;

  /** @param timezone only for display: delta arithmetic is done in UTC */
  constructor(
    readonly delta: DeltaSpec,
    interval: DeltaSpec = ZERO_DELTA,
    readonly timezone: string = 'UTC',
  ) {
    super('3', interval);
    this.summary = deltaSummary(delta);
  }

  protected alignUp(t: number): number {
    return t;
  }
  protected alignDown(t: number): number {
    return t;
  }
  protected next(t: number): number {
    return addDelta(t, this.delta);
  }
  /** _calc_first_run = _align_to_prev(now) = now */
  protected calcFirstRun(now: number): number {
    return now;
  }
}
