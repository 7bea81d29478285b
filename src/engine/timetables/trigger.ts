// _TriggerTimetable.next_dagrun_info (3.x airflow-core/src/airflow/timetables/trigger.py; 2.10
// airflow/timetables/trigger.py::CronTriggerTimetable). A run fires at each tick T: run_after = T,
// data_interval = [T - interval, T], logical_date = T - interval. Restriction bounds are compared
// with the trigger time T, not with the logical date.
import type { DeltaSpec, Profile } from '../../dagfile/spec.ts';
import { intervalInfo, orNone } from './base.ts';
import { subDelta } from './delta.ts';
import type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';

export const ZERO_DELTA: DeltaSpec = { kind: 'timedelta', seconds: 0 };

export abstract class TriggerTimetable implements Timetable {
  abstract readonly name: string;
  abstract readonly summary: string;
  abstract readonly timezone: string;
  readonly can_be_scheduled = true;
  readonly periodic = true;
  readonly active_runs_limit = null;
  readonly is_trigger = true;

  constructor(
    readonly profile: Profile,
    /** the data interval length before each tick (default timedelta(0)) */
    readonly interval: DeltaSpec = ZERO_DELTA,
  ) {}

  protected abstract alignUp(t: number): number;
  protected abstract alignDown(t: number): number;
  protected abstract next(t: number): number;
  /** 3.x _calc_first_run: where a DAG without start_date starts (run_immediately for crons). */
  protected abstract calcFirstRun(now: number): number;

  next_dagrun_info(last: DataInterval | null, r: TimeRestriction, now: number): DagRunInfo | null {
    return orNone(() => {
      const tick = this.nextTick(last, r, now);
      if (tick === null) return null;
      if (r.latest !== null && r.latest < tick) return null;
      return intervalInfo(subDelta(tick, this.interval), tick);
    });
  }

  private nextTick(last: DataInterval | null, r: TimeRestriction, now: number): number | null {
    if (r.catchup) {
      if (last !== null) return this.next(last.end);
      if (r.earliest === null) {
        // 2.10: "Don't know where to catch up from, give up." 3.x: _calc_first_run().
        return this.profile === '2' ? null : this.calcFirstRun(now);
      }
      return this.alignUp(r.earliest);
    }
    // catchup=False: the most recent past tick, so a newly unpaused DAG runs at once...
    const candidates = [this.alignDown(now)];
    // ...but never before the tick after the last run, nor before the start date.
    if (last !== null) candidates.push(this.next(last.end));
    else if (r.earliest === null && this.profile === '3') candidates.push(this.calcFirstRun(now));
    if (r.earliest !== null) candidates.push(this.alignUp(r.earliest));
    return Math.max(...candidates);
  }

  /** [run_after - interval, run_after] (both versions). */
  infer_manual_data_interval(run_after: number): DataInterval {
    return { start: subDelta(run_after, this.interval), end: run_after };
  }
}
