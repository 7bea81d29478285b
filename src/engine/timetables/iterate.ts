// The date iteration backfill uses (shared AIRFLOW.md §3). Both versions force catchup and ignore the
// DAG's own start_date: the restriction is built from the requested range alone.
import type { DagRunInfo, TimeRestriction, Timetable } from './types.ts';

/** A timetable that never stops (e.g. @continuous reaching into the future) must not hang the tab. */
const MAX_INFOS = 100_000;

function iterate(tt: Timetable, from: number, to: number, now: number): DagRunInfo[] {
  const restriction: TimeRestriction = { earliest: from, latest: to, catchup: true };
  const out: DagRunInfo[] = [];
  let info = tt.next_dagrun_info(null, restriction, now);
  while (info !== null && out.length < MAX_INFOS) {
    const prev = out[out.length - 1];
    // Guard against a timetable that stops advancing (Python would loop forever).
    if (prev && info.run_after <= prev.run_after && info.logical_date <= prev.logical_date) break;
    out.push(info);
    info = tt.next_dagrun_info(info.data_interval, restriction, now);
  }
  return out;
}

/**
 * 2.10 DAG.iter_dagrun_infos_between(earliest=from, latest=to, align=True) (airflow/models/dag.py):
 * the first run is the timetable's first with `from` as start date, i.e. `from` aligned **up** to the
 * schedule; `to` bounds the logical date (trigger timetables: the trigger time), inclusive. Future
 * dates are kept. `now` only matters for @continuous.
 */
export function infosBetween2(tt: Timetable, from: number, to: number, now: number): DagRunInfo[] {
  return iterate(tt, from, to, now);
}

/**
 * 2.10 BackfillJobRunner._execute (airflow/jobs/backfill_job_runner.py): the dates of
 * `airflow dags backfill -s from -e to`, latest first with -B/--run-backwards. (The caller refuses
 * --run-backwards when a task has depends_on_past, and a running non-backfill run in the range.)
 */
export function backfillInfos2(tt: Timetable, from: number, to: number, opts: { runBackwards?: boolean; now: number }): DagRunInfo[] {
  const infos = infosBetween2(tt, from, to, opts.now);
  return opts.runBackwards ? infos.reverse() : infos;
}

/**
 * 3.x SerializedDAG.iter_dagrun_infos_between(from, to) (airflow-core/src/airflow/serialization/
 * definitions/dag.py): next_dagrun_info from `from` with catchup forced until it returns None.
 */
export function infosBetween3(tt: Timetable, from: number, to: number, now: number): DagRunInfo[] {
  return iterate(tt, from, to, now);
}

/**
 * 3.x backfill.py::_get_info_list: the runs `airflow backfill create --from-date F --to-date T`
 * creates, in sort_ordinal order. Runs whose data_interval_end is not strictly before `now` are
 * dropped (with a trigger timetable the interval end is the trigger time, so today's past tick stays).
 * With --run-backwards the list is reversed after filtering.
 */
export function backfillInfos3(tt: Timetable, from: number, to: number, now: number, runBackwards = false): DagRunInfo[] {
  const infos = infosBetween3(tt, from, to, now).filter((x) => x.data_interval.end < now);
  return runBackwards ? infos.reverse() : infos;
}

export interface BackfillRefusal {
  /** the Airflow exception class */
  type: 'DagNonPeriodicScheduleException' | 'InvalidBackfillDateRange' | 'InvalidBackfillDate';
  message: string;
}

/**
 * The date checks of 3.x backfill.py::_create_backfill / _validate_backfill_params, in Airflow's order
 * (the depends_on_past/reverse and reprocess checks need the tasks and stay with the caller).
 * Afterwards an empty backfillInfos3() means RuntimeError("No runs to create for Dag <dag_id>").
 */
export function checkBackfill3(dagId: string, tt: Timetable, from: number, to: number, now: number, iso: (ms: number) => string): BackfillRefusal | null {
  if (!tt.periodic) {
    return { type: 'DagNonPeriodicScheduleException', message: `${dagId} has a non-periodic schedule that does not support backfills` };
  }
  if (from > to) {
    return { type: 'InvalidBackfillDateRange', message: `from_date (${iso(from)}) must not be after to_date (${iso(to)}).` };
  }
  if (from >= now && to >= now) {
    return { type: 'InvalidBackfillDate', message: 'Backfill cannot be executed for future dates.' };
  }
  return null;
}
