// OnceTimetable (airflow/timetables/simple.py; 3.x airflow-core/src/airflow/timetables/simple.py):
// `schedule="@once"`: one run at exactly the start date, whatever catchup is.
import type { Profile } from '../../dagfile/spec.ts';
import { exactInfo, exactInterval } from './base.ts';
import type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';

export class OnceTimetable implements Timetable {
  readonly name = 'OnceTimetable';
  readonly summary = '@once';
  readonly can_be_scheduled = true;
  readonly periodic = false;
  readonly active_runs_limit = null;
  readonly is_trigger = false;

  constructor(
    readonly profile: Profile,
    readonly timezone: string = 'UTC',
  ) {}

  next_dagrun_info(last: DataInterval | null, r: TimeRestriction, now: number): DagRunInfo | null {
    if (last !== null) return null; // already ran
    // 2.10: no start date, no run. 3.x (commit 8166e86d4e, after 3.0.0): no start date means "now".
    let runAfter: number;
    if (r.earliest !== null) runAfter = r.earliest;
    else if (this.profile === '3') runAfter = now;
    else return null;
    if (r.latest !== null && runAfter > r.latest) return null;
    return exactInfo(runAfter);
  }

  infer_manual_data_interval(run_after: number): DataInterval {
    return exactInterval(run_after);
  }
}
