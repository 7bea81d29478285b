// The grid: runs as columns (in the UI's run order), tasks as rows (definition order, with their
// TaskGroup), one cell per task instance. Airflow 2.10 www/views.py grid_data; 3.x
// routes/ui/grid.py (structure, runs, ti_summaries).
import type { TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { groupRows, iso, orderedRuns, requireDag, runSummary, taskRows, type GroupRow, type Iso, type RunSummary, type TaskRow } from './common.ts';

export interface GridOptions {
  /** how many of the latest runs (default 25, [webserver] default_dag_run_display_number) */
  limit?: number;
}

export interface GridCell {
  state: TIState;
  try_number: number;
  /** start..end of the current try, for the cell's tooltip */
  start_date: Iso;
  end_date: Iso;
}

export interface GridView {
  dag_id: string;
  clock: string;
  runs: RunSummary[];
  tasks: TaskRow[];
  groups: GroupRow[];
  /** cells[task index][run index]; null where the run has no TI for that task */
  cells: (GridCell | null)[][];
  /** how many runs the DAG has in all (runs holds the latest `limit`) */
  total_runs: number;
}

export function grid(sim: Simulation, dag_id: string, opts: GridOptions = {}): GridView {
  requireDag(sim, dag_id);
  const limit = Math.max(0, opts.limit ?? 25);
  const all = orderedRuns(sim, dag_id);
  const runs = all.slice(Math.max(0, all.length - limit));
  const tasks = taskRows(sim, dag_id, runs);
  const cells = tasks.map((t) =>
    runs.map((run) => {
      const ti = sim.db.getTaskInstance(dag_id, run.run_id, t.task_id);
      return ti ? { state: ti.state, try_number: ti.try_number, start_date: iso(ti.start_date), end_date: iso(ti.end_date) } : null;
    }),
  );
  return {
    dag_id,
    clock: iso(sim.now)!,
    runs: runs.map((r) => runSummary(sim, r)),
    tasks,
    groups: groupRows(tasks),
    cells,
    total_runs: all.length,
  };
}
