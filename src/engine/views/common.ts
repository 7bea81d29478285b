// What every view shares: ISO instants, lookups that fail with a clear message,
// the run order of Airflow's UI, and the rows of a DAG's tasks.
// Views only read the Simulation: they never call anything that changes it
// (not even refreshIfStale), so asking for a view cannot change a replay.
import type { DagRow, DagRunRow, TaskInstanceRow, TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { isoZ, parseInstant } from '../time.ts';

export type Lang = 'en' | 'ko';

/** An instant as the views give it: ISO 8601 UTC with Z, or null. */
export type Iso = string | null;

export const iso = (ms: number | null | undefined): Iso => (ms === null || ms === undefined ? null : isoZ(ms));

/** A view was asked about something that does not exist (a DAG, a run, a task, a table). */
export class ViewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewError';
  }
}

/** An instant given as epoch ms or ISO 8601 text (from the UI). */
export function instant(v: number | string, what: string): number {
  const ms = typeof v === 'number' ? v : parseInstant(v);
  if (ms === null || !Number.isFinite(ms)) throw new ViewError(`${what}: ${JSON.stringify(v)} is not an ISO 8601 time such as "2024-06-01T00:00:00Z"`);
  return ms;
}

export function requireDag(sim: Simulation, dag_id: string): DagRow {
  const row = sim.db.dags.get(dag_id);
  if (!row) throw new ViewError(`DAG '${dag_id}' not found`);
  return row;
}

export function requireRun(sim: Simulation, dag_id: string, run_id: string): DagRunRow {
  requireDag(sim, dag_id);
  const run = sim.db.getDagRun(dag_id, run_id);
  if (!run) throw new ViewError(`DAG '${dag_id}' has no run '${run_id}'`);
  return run;
}

export function requireTi(sim: Simulation, run: DagRunRow, task_id: string, map_index = -1): TaskInstanceRow {
  const ti = sim.db.getTaskInstance(run.dag_id, run.run_id, task_id, map_index);
  if (!ti) throw new ViewError(`run '${run.run_id}' of DAG '${run.dag_id}' has no task instance '${task_id}'`);
  return ti;
}

/** A run as the grid, the timeline and the DAG list show it. */
export interface RunSummary {
  run_id: string;
  run_type: DagRunRow['run_type'];
  state: DagRunRow['state'];
  logical_date: Iso;
  data_interval_start: Iso;
  data_interval_end: Iso;
  /** 3.x's run_after column; 2.10 has no such column, the engine keeps it as "when the run became due" */
  run_after: Iso;
  queued_at: Iso;
  start_date: Iso;
  end_date: Iso;
  /** seconds from start to end (or to now while running), null before it starts */
  duration_s: number | null;
  triggered_by: string;
  backfill_id: number | null;
  clear_number: number;
}

export function runSummary(sim: Simulation, run: DagRunRow): RunSummary {
  const end = run.end_date ?? (run.state === 'running' ? sim.now : null);
  return {
    run_id: run.run_id,
    run_type: run.run_type,
    state: run.state,
    logical_date: iso(run.logical_date),
    data_interval_start: iso(run.data_interval_start),
    data_interval_end: iso(run.data_interval_end),
    run_after: iso(run.run_after),
    queued_at: iso(run.queued_at),
    start_date: iso(run.start_date),
    end_date: iso(run.end_date),
    duration_s: run.start_date !== null && end !== null ? (end - run.start_date) / 1000 : null,
    triggered_by: run.triggered_by,
    backfill_id: run.backfill_id,
    clear_number: run.clear_number,
  };
}

/**
 * A DAG's runs in the order Airflow's UI shows them: Timetable.run_ordering, which is
 * ("data_interval_end", "logical_date") for schedules and ("logical_date",) for the trivial
 * timetables (None, @once, @continuous) (2.10 airflow/timetables/base.py and simple.py;
 * 3.x airflow-core/src/airflow/timetables/base.py, simple.py; used by 3.x routes/ui/grid.py).
 * Nulls go last, as in PostgreSQL; then run_after and creation order break ties.
 */
export function orderedRuns(sim: Simulation, dag_id: string): DagRunRow[] {
  const tt = sim.loaded.get(dag_id)?.timetable;
  const trivial = !tt || !tt.periodic;
  const key = (r: DagRunRow): (number | null)[] => (trivial ? [r.logical_date] : [r.data_interval_end, r.logical_date]);
  return [...sim.db.runsOf(dag_id)].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = nullsLast(ka[i]!, kb[i]!);
      if (c) return c;
    }
    return a.run_after - b.run_after || a.id - b.id;
  });
}

function nullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** One row of tasks: the DAG's tasks in definition order, then task_ids only old TIs still have. */
export interface TaskRow {
  task_id: string;
  /** the TaskGroup ("" = the DAG's root) */
  group: string;
  /** the task_id without its group prefix */
  label: string;
  /** false when the DAG (as loaded now) no longer has this task */
  in_dag: boolean;
}

export function taskRows(sim: Simulation, dag_id: string, runs: readonly DagRunRow[] = sim.db.runsOf(dag_id)): TaskRow[] {
  const rows: TaskRow[] = [];
  const seen = new Set<string>();
  for (const t of sim.loaded.get(dag_id)?.spec.tasks ?? []) {
    rows.push({ task_id: t.task_id, group: t.task_group, label: labelOf(t.task_id, t.task_group), in_dag: true });
    seen.add(t.task_id);
  }
  for (const run of runs) {
    for (const ti of sim.db.tisOf(run)) {
      if (seen.has(ti.task_id)) continue;
      seen.add(ti.task_id);
      rows.push({ task_id: ti.task_id, group: '', label: ti.task_id, in_dag: false });
    }
  }
  return rows;
}

export function labelOf(task_id: string, group: string): string {
  return group && task_id.startsWith(`${group}.`) ? task_id.slice(group.length + 1) : task_id;
}

/** Every TaskGroup of the DAG with its parent, outermost first, in definition order. */
export interface GroupRow {
  group_id: string;
  parent: string;
  label: string;
}

export function groupRows(tasks: readonly TaskRow[]): GroupRow[] {
  const out: GroupRow[] = [];
  const seen = new Set<string>();
  for (const t of tasks) {
    const parts = t.group ? t.group.split('.') : [];
    for (let i = 1; i <= parts.length; i++) {
      const id = parts.slice(0, i).join('.');
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ group_id: id, parent: parts.slice(0, i - 1).join('.'), label: parts[i - 1]! });
    }
  }
  return out;
}

export type { TIState };
