// A manual run, as `airflow dags trigger` creates it in each profile; the dates and
// run_id come from timetables/runid.ts::manualRunFields (2.10 and 3.x trigger_dag.py).
import type { DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { pyIso } from '../time.ts';
import { manualRunFields } from '../timetables/runid.ts';

export class TriggerError extends Error {}

export function manualRun(
  sim: Simulation,
  dag_id: string,
  opts: { logical_date?: number | null; run_id?: string | null; conf?: Record<string, unknown> },
): DagRunRow {
  const dag = sim.loaded.get(dag_id);
  if (!dag) throw new TriggerError(`Dag id ${dag_id} not found`);
  const f = manualRunFields(sim.profile, dag.timetable, sim.now, { logicalDate: opts.logical_date ?? null, runId: opts.run_id ?? null });
  if (sim.db.getDagRun(dag_id, f.run_id)) {
    throw new TriggerError(`A Dag Run already exists for Dag ${dag_id} with run id ${f.run_id}`);
  }
  const same = f.logical_date === null ? undefined : sim.db.runsOf(dag_id).find((r) => r.logical_date === f.logical_date);
  if (same) {
    throw new TriggerError(`A dag run with logical_date ${pyIso(f.logical_date!)} already exists for dag ${dag_id} (run_id ${same.run_id})`);
  }
  const run = sim.createDagRun({
    dag_id,
    run_id: f.run_id,
    run_type: 'manual',
    state: 'queued',
    logical_date: f.logical_date,
    data_interval: f.data_interval,
    run_after: f.run_after,
    conf: opts.conf ?? {},
    triggered_by: 'cli',
    external_trigger: true,
  });
  sim.wakeScheduler();
  return run;
}
