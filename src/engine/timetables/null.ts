// NullTimetable (airflow/timetables/simple.py, same in 3.x): `schedule=None`; manual/external triggers only.
import { exactInterval } from './base.ts';
import type { DagRunInfo, DataInterval, Timetable } from './types.ts';

export class NullTimetable implements Timetable {
  readonly name = 'NullTimetable';
  readonly summary = 'None';
  readonly can_be_scheduled = false;
  readonly periodic = false;
  readonly active_runs_limit = null;
  readonly is_trigger = false;

  constructor(readonly timezone: string = 'UTC') {}

  next_dagrun_info(): DagRunInfo | null {
    return null;
  }

  /** _TrivialTimetable: DataInterval.exact(run_after) */
  infer_manual_data_interval(run_after: number): DataInterval {
    return exactInterval(run_after);
  }
}
