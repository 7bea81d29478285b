// MultipleCronTriggerTimetable (3.x airflow-core/src/airflow/timetables/trigger.py): fires at the union
// of several crons' ticks, at most one run per instant.
import type { DeltaSpec } from '../../dagfile/spec.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';

export class MultipleCronTriggerTimetable implements Timetable {
  readonly name = 'MultipleCronTriggerTimetable';
  readonly can_be_scheduled = true;
  readonly periodic = true;
  readonly active_runs_limit = null;
  readonly is_trigger = true;
  readonly timetables: CronTriggerTimetable[];

  constructor(crons: string[], timezone: string, opts: { interval?: DeltaSpec; run_immediately?: boolean | DeltaSpec } = {}) {
    if (crons.length === 0) throw new Error('cron expression required');
    this.timetables = crons.map((c) => new CronTriggerTimetable('3', c, timezone, opts));
  }

  /** ", ".join(t.summary for t in self._timetables) */
  get summary(): string {
    return this.timetables.map((t) => t.summary).join(', ');
  }

  get timezone(): string {
    return this.timetables[0].timezone;
  }

  /**
   * The candidate of each cron; catchup=True takes the earliest logical date. catchup=False prefers the
   * latest one at or before now (skipping as much as possible), else the earliest future one.
   * Python's min() keeps the first of equal keys, and so does this loop.
   */
  next_dagrun_info(last: DataInterval | null, restriction: TimeRestriction, now: number): DagRunInfo | null {
    const key = (info: DagRunInfo | null): number => {
      if (info === null) return Infinity;
      if (restriction.catchup) return info.logical_date;
      return info.logical_date <= now ? -info.logical_date : info.logical_date;
    };
    let best: DagRunInfo | null = null;
    let bestKey = Infinity;
    let first = true;
    for (const t of this.timetables) {
      const info = t.next_dagrun_info(last, restriction, now);
      const k = key(info);
      if (first || k < bestKey) {
        best = info;
        bestKey = k;
        first = false;
      }
    }
    return best;
  }

  /** min(t.infer_manual_data_interval(...), key=start); all are [run_after - interval, run_after]. */
  infer_manual_data_interval(run_after: number): DataInterval {
    let best = this.timetables[0].infer_manual_data_interval(run_after);
    for (const t of this.timetables.slice(1)) {
      const i = t.infer_manual_data_interval(run_after);
      if (i.start < best.start) best = i;
    }
    return best;
  }
}
