// The Gantt chart of one run: per task, each try's queued / start / end and where it ran
// (2.10 www/views.py gantt shows every try from task_instance_history + task_instance;
// 3.x routes/ui/gantt.py the same tries).
import type { TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { iso, requireRun, runSummary, taskRows, type Iso, type RunSummary } from './common.ts';
import { historyOfRun, triesOf, type Try } from './tries.ts';

export interface GanttRow {
  task_id: string;
  group: string;
  state: TIState;
  tries: Try[];
}

export interface GanttView {
  dag_id: string;
  run: RunSummary;
  clock: string;
  rows: GanttRow[];
  /** the earliest queued/start and latest end over all tries (or the clock while some try runs) */
  span: { start: Iso; end: Iso };
}

export function gantt(sim: Simulation, dag_id: string, run_id: string): GanttView {
  const run = requireRun(sim, dag_id, run_id);
  const history = historyOfRun(sim, run);
  const rows: GanttRow[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of taskRows(sim, dag_id, [run])) {
    const ti = sim.db.getTaskInstance(dag_id, run_id, t.task_id);
    if (!ti) continue;
    const tries = triesOf(ti, history.get(t.task_id) ?? []);
    for (const tr of tries) {
      for (const v of [tr.queued_dttm, tr.start_date]) if (v) lo = Math.min(lo, Date.parse(v));
      if (tr.end_date) hi = Math.max(hi, Date.parse(tr.end_date));
      else if (tr.start_date) hi = Math.max(hi, sim.now);
    }
    rows.push({ task_id: t.task_id, group: t.group, state: ti.state, tries });
  }
  return {
    dag_id,
    run: runSummary(sim, run),
    clock: iso(sim.now)!,
    rows,
    span: { start: Number.isFinite(lo) ? iso(lo) : null, end: Number.isFinite(hi) ? iso(hi) : null },
  };
}
