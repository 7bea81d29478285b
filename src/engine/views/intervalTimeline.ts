// Data intervals on a time axis: for each run, the interval it covers, its logical date, when it
// became due (run_after) and when it was queued, started and ended, so a learner sees that the
// @daily run for June 25 (2.10: interval June 25..26) is created on June 26. Plus the DAG's next
// run (DagModel.next_dagrun*) and the clock.
import type { Simulation } from '../simulation.ts';
import { instant, iso, orderedRuns, requireDag, runSummary, type Iso, type RunSummary } from './common.ts';
import type { NextRun } from './dagList.ts';

export interface IntervalTimelineView {
  dag_id: string;
  profile: '2' | '3';
  clock: string;
  from: string;
  to: string;
  /** the timetable class: Cron/Delta*DataIntervalTimetable runs cover an interval and start at its end;
   *  trigger timetables have a zero-length interval at run_after (unless interval= is given) */
  timetable: string;
  /** runs with any of their instants (interval, logical date, run_after, queued/start/end) in from..to */
  runs: RunSummary[];
  next_run: NextRun | null;
}

export function intervalTimeline(sim: Simulation, dag_id: string, fromAt: number | string, toAt: number | string): IntervalTimelineView {
  const row = requireDag(sim, dag_id);
  const from = instant(fromAt, 'from');
  const to = instant(toAt, 'to');
  const runs = orderedRuns(sim, dag_id).filter((r) => {
    const lo = Math.min(...[r.data_interval_start, r.logical_date, r.run_after, r.queued_at].filter((v): v is number => v !== null));
    const hi = Math.max(...[r.data_interval_end, r.logical_date, r.run_after, r.end_date ?? (r.start_date !== null ? sim.now : null)].filter((v): v is number => v !== null));
    return hi >= from && lo <= to;
  });
  return {
    dag_id,
    profile: sim.profile,
    clock: iso(sim.now)!,
    from: iso(from)!,
    to: iso(to)!,
    timetable: row.timetable,
    runs: runs.map((r) => runSummary(sim, r)),
    next_run:
      row.next_dagrun === null
        ? null
        : {
            logical_date: iso(row.next_dagrun),
            data_interval_start: iso(row.next_dagrun_data_interval_start),
            data_interval_end: iso(row.next_dagrun_data_interval_end),
            create_after: iso(row.next_dagrun_create_after),
          },
  };
}

export type { Iso };
