// CronDataIntervalTimetable (airflow/timetables/interval.py; same in 3.x): `schedule="<cron>"` in 2.10,
// and in 3.x only with [scheduler] create_cron_data_intervals = True.
import { AirflowCron } from './cron.ts';
import { ScheduleComputeError } from './base.ts';
import { DataIntervalTimetable } from './data-interval.ts';
import type { DataInterval } from './types.ts';

export class CronDataIntervalTimetable extends DataIntervalTimetable {
  readonly name = 'CronDataIntervalTimetable';
  readonly cron: AirflowCron;

  constructor(cron: string, timezone: string) {
    super();
    this.cron = new AirflowCron(cron, timezone);
  }

  get summary(): string {
    return this.cron.expression;
  }

  get timezone(): string {
    return this.cron.timezone;
  }

  protected alignUp(t: number): number {
    return this.cron.alignUp(t);
  }
  protected alignDown(t: number): number {
    return this.cron.alignDown(t);
  }
  protected next(t: number): number {
    return this.cron.next(t);
  }
  protected prev(t: number): number {
    return this.cron.prev(t);
  }

  /**
   * _skip_to_latest: the latest interval that has fully ended. If now is exactly on a tick T, that is
   * [prev(T), T); otherwise it starts two ticks before now. The first run is max(that, align_up(start)).
   */
  protected skipToLatest(earliest: number | null, now: number): number {
    const lastStart = this.cron.prev(now);
    const nextStart = this.cron.next(lastStart);
    let newStart: number;
    if (nextStart === now) newStart = lastStart;
    else if (nextStart > now) newStart = this.cron.prev(lastStart);
    else throw new ScheduleComputeError("next schedule shouldn't be earlier");
    return earliest === null ? newStart : Math.max(newStart, this.cron.alignUp(earliest));
  }

  /** The last complete interval ending at or before run_after (a run at 01:00 on the 25th covers the 24th). */
  infer_manual_data_interval(run_after: number): DataInterval {
    const end = this.cron.alignDown(run_after);
    return { start: this.cron.prev(end), end };
  }
}
