// A manual run, as `airflow dags trigger` creates it in each profile; the dates and
// run_id come from timetables/runid.ts::manualRunFields (2.10 and 3.x trigger_dag.py).
import { AirflowError } from '../cli/errors.ts';
import type { TriggerOptions } from '../context.ts';
import type { DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { pyIso } from '../time.ts';
import { manualRunFields } from '../timetables/runid.ts';

export function manualRun(
  sim: Simulation,
  dag_id: string,
  opts: TriggerOptions,
): DagRunRow {
  const dag = sim.loaded.get(dag_id);
  if (!dag) throw new AirflowError('airflow.exceptions.DagNotFound', `Dag id ${dag_id} not found in DagModel`);
  const f = manualRunFields(sim.profile, dag.timetable, sim.now, {
    logicalDate: opts.logical_date ?? null,
    runId: opts.run_id ?? null,
    replaceMicroseconds: opts.replace_microseconds ?? true,
  });
  const same = sim.db.getDagRun(dag_id, f.run_id) ?? (f.logical_date === null ? undefined : sim.db.runAtLogicalDate(dag_id, f.logical_date));
  if (same) {
    // api/common/trigger_dag.py: DagRunAlreadyExists
    const when = same.logical_date === null ? '' : ` at ${pyIso(same.logical_date)}`;
    throw new AirflowError('airflow.exceptions.DagRunAlreadyExists', `A Dag Run already exists for dag id ${dag_id}${when} with run id ${same.run_id}`);
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
    triggered_by: opts.triggered_by ?? 'cli',
    external_trigger: true,
    ...(opts.created_by ? { created_by: opts.created_by } : {}),
  });
  sim.wakeScheduler();
  return run;
}
