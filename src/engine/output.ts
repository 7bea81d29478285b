// The metastore as the headless runner prints it (shared SCENARIO.md "Output"):
// ISO times in UTC with Z, null for no value, fields a profile lacks as null.
import type { CommandResult } from './context.ts';
import type { Simulation } from './simulation.ts';
import { isoZ } from './time.ts';

const t = (ms: number | null): string | null => (ms === null ? null : isoZ(ms));

export interface CommandRecord extends CommandResult {
  at: number;
  run: string;
}

export interface DumpOptions {
  /** include the component message log (DAG processor, scheduler, executor, workers...) */
  messages?: boolean;
}

export function dumpState(sim: Simulation, commands: CommandRecord[], opts: DumpOptions = {}) {
  const { db } = sim;
  return {
    airflow: sim.profile,
    clock: isoZ(sim.now),
    dag_runs: db.dagRuns.map((r) => ({
      dag_id: r.dag_id,
      run_id: r.run_id,
      run_type: r.run_type,
      state: r.state,
      logical_date: t(r.logical_date),
      data_interval_start: t(r.data_interval_start),
      data_interval_end: t(r.data_interval_end),
      run_after: sim.profile === '2' ? null : t(r.run_after),
      queued_at: t(r.queued_at),
      start_date: t(r.start_date),
      end_date: t(r.end_date),
      clear_number: r.clear_number,
      conf: r.conf,
      backfill_id: r.backfill_id,
      triggered_by: r.triggered_by,
    })),
    task_instances: db.dagRuns.flatMap((r) =>
      db.tisOf(r).map((ti) => ({
        dag_id: ti.dag_id,
        run_id: ti.run_id,
        task_id: ti.task_id,
        map_index: ti.map_index,
        state: ti.state,
        try_number: ti.try_number,
        max_tries: ti.max_tries,
        pool: ti.pool,
        priority_weight: ti.priority_weight,
        hostname: ti.hostname,
        queued_dttm: t(ti.queued_dttm),
        start_date: t(ti.start_date),
        end_date: t(ti.end_date),
        duration: ti.duration,
        next_retry_at: t(ti.next_retry_at),
      })),
    ),
    task_instance_history: db.taskInstanceHistory.map((h) => ({
      dag_id: h.dag_id,
      run_id: h.run_id,
      task_id: h.task_id,
      map_index: h.map_index,
      try_number: h.try_number,
      state: h.state,
      hostname: h.hostname,
      start_date: t(h.start_date),
      end_date: t(h.end_date),
      duration: h.duration,
    })),
    import_errors: db.importErrors.map((e) => ({ filename: e.filename, line: e.line, column: e.column, message: e.message })),
    dags: [...db.dags.values()].map((d) => {
      const dag = sim.loaded.get(d.dag_id);
      return {
        dag_id: d.dag_id,
        fileloc: d.fileloc,
        is_paused: d.is_paused,
        is_active: d.is_active,
        timetable: d.timetable,
        schedule: dag?.spec.schedule_text ?? null,
        timetable_summary: d.timetable_summary,
        catchup: dag?.catchup ?? null,
        max_active_runs: d.max_active_runs,
        max_active_tasks: d.max_active_tasks,
        next_dagrun: t(d.next_dagrun),
        next_dagrun_data_interval_start: t(d.next_dagrun_data_interval_start),
        next_dagrun_data_interval_end: t(d.next_dagrun_data_interval_end),
        next_dagrun_create_after: t(d.next_dagrun_create_after),
        tasks: (dag?.spec.tasks ?? []).map((task) => ({
          task_id: task.task_id,
          operator: task.operator,
          upstream_task_ids: task.upstream_task_ids,
          trigger_rule: task.trigger_rule,
          retries: task.retries,
          pool: task.pool,
          priority_weight: dag?.priorities.get(task.task_id) ?? task.priority_weight,
        })),
      };
    }),
    pools: [...db.pools.values()].map((p) => ({ pool: p.pool, slots: p.slots, description: p.description })),
    xcom: db.xcom.map((x) => ({ dag_id: x.dag_id, run_id: x.run_id, task_id: x.task_id, key: x.key, value: x.value })),
    commands: commands.map((c) => ({
      at: isoZ(c.at),
      run: c.run,
      exit_code: c.exit_code,
      output: c.output,
      ...(c.pending ? { pending: true } : {}),
    })),
    ...(opts.messages ? { messages: sim.messages.messages.map((m) => ({ ...m, at: isoZ(m.at) })) } : {}),
  };
}
