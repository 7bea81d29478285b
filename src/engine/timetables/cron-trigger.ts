// CronTriggerTimetable: the 3.x default for a cron string (create_cron_data_intervals = False), and
// 2.10's with that config. 3.x adds `run_immediately` (airflow-core/src/airflow/timetables/trigger.py).
import type { DeltaSpec, Profile } from '../../dagfile/spec.ts';
import { AirflowCron } from './cron.ts';
import { TriggerTimetable, ZERO_DELTA } from './trigger.ts';

const FIVE_MINUTES = 5 * 60 * 1000;

export interface CronTriggerOptions {
  interval?: DeltaSpec;
  /** 3.x only. True, False, or a timedelta buffer (a relativedelta counts as "not a timedelta"). */
  run_immediately?: boolean | DeltaSpec;
}

export class CronTriggerTimetable extends TriggerTimetable {
  readonly name = 'CronTriggerTimetable';
  readonly cron: AirflowCron;
  readonly run_immediately: boolean | DeltaSpec;

  constructor(profile: Profile, cron: string, timezone: string, opts: CronTriggerOptions = {}) {
    super(profile, opts.interval ?? ZERO_DELTA);
    this.cron = new AirflowCron(cron, timezone);
    this.run_immediately = opts.run_immediately ?? false;
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

  /**
   * 3.x, used only when there is no start_date: run the previous tick if it is at most `buffer` ago,
   * else wait for the next one. True: always the previous tick. A timedelta: that buffer. False/None
   * (despite the docstring, not "never"): max(10% of the gap between the ticks, 5 minutes).
   */
  protected calcFirstRun(now: number): number {
    const past = this.cron.alignDown(now);
    const next = this.cron.alignUp(now);
    if (this.run_immediately === true) return past;
    const ri = this.run_immediately;
    const buffer = typeof ri === 'object' && ri.kind === 'timedelta' ? ri.seconds * 1000 : Math.max((next - past) / 10, FIVE_MINUTES);
    return now - past <= buffer ? past : next;
  }
}
