// Every try of a task instance: the earlier ones from task_instance_history (Airflow 2.10+
// keeps each try there when a new one starts or the TI is cleared), the latest from
// task_instance itself (2.10 airflow/models/taskinstancehistory.py; 3.x the same model,
// shown by the UI's try selector through public/task_instances.py get_task_instance_tries).
import type { DagRunRow, TaskInstanceHistoryRow, TaskInstanceRow, TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { iso, type Iso } from './common.ts';

export interface Try {
  try_number: number;
  state: TIState;
  queued_dttm: Iso;
  start_date: Iso;
  end_date: Iso;
  duration_s: number | null;
  hostname: string | null;
  pool: string;
  /** true for the try the task_instance row holds now */
  current: boolean;
}

/** task_instance_history rows of one run, by task_id (one pass over the table). */
export function historyOfRun(sim: Simulation, run: DagRunRow): Map<string, TaskInstanceHistoryRow[]> {
  const out = new Map<string, TaskInstanceHistoryRow[]>();
  for (const h of sim.db.taskInstanceHistory) {
    if (h.dag_id !== run.dag_id || h.run_id !== run.run_id) continue;
    let list = out.get(h.task_id);
    if (!list) out.set(h.task_id, (list = []));
    list.push(h);
  }
  return out;
}

export function triesOf(ti: TaskInstanceRow, history: readonly TaskInstanceHistoryRow[]): Try[] {
  const tries: Try[] = history
    .filter((h) => h.map_index === ti.map_index)
    .map((h) => ({
      try_number: h.try_number,
      state: h.state,
      queued_dttm: iso(h.queued_dttm),
      start_date: iso(h.start_date),
      end_date: iso(h.end_date),
      duration_s: h.duration,
      hostname: h.hostname,
      pool: h.pool,
      current: false,
    }));
  // the row's own try, unless it is already history (a cleared TI keeps its try_number until it is scheduled)
  if (ti.try_number > 0 && !tries.some((t) => t.try_number === ti.try_number)) {
    tries.push({
      try_number: ti.try_number,
      state: ti.state,
      queued_dttm: iso(ti.queued_dttm),
      start_date: iso(ti.start_date),
      end_date: iso(ti.end_date),
      duration_s: ti.duration,
      hostname: ti.hostname,
      pool: ti.pool,
      current: true,
    });
  }
  return tries.sort((a, b) => a.try_number - b.try_number);
}
