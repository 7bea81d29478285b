// One task instance in full: its row, its task, every try with that try's log lines, the
// rendered template fields, its XComs, and why it is not running (why.ts).
// Airflow 2.10 www/views.py Airflow.task / rendered_templates / log; 3.x public/task_instances.py,
// public/log.py, public/xcom.py.
import type { TaskInstanceRow, TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { iso, requireRun, requireTi, runSummary, type Iso, type Lang, type RunSummary } from './common.ts';
import { historyOfRun, triesOf, type Try } from './tries.ts';
import { whyNotRunning, type WhyNotRunning } from './why.ts';

export interface LogLine {
  at: string;
  level: 'INFO' | 'WARNING' | 'ERROR';
  text: string;
}

export interface TaskInstanceDetail {
  dag_id: string;
  run: RunSummary;
  task_id: string;
  map_index: number;
  ti: {
    state: TIState;
    try_number: number;
    max_tries: number;
    /** the last try number that may run: a failed try N is retried while N <= max_tries
     *  (TaskInstance.is_eligible_to_retry, airflow/models/taskinstance.py), so max_tries + 1 */
    tries_allowed: number;
    pool: string;
    pool_slots: number;
    priority_weight: number;
    queue: string;
    operator: string;
    hostname: string | null;
    queued_dttm: Iso;
    start_date: Iso;
    end_date: Iso;
    duration_s: number | null;
    next_retry_at: Iso;
    reschedule_at: Iso;
  };
  /** the task as the DAG file defines it now (null when the DAG no longer has it) */
  task: {
    operator: string;
    operator_name: string;
    trigger_rule: string;
    upstream_task_ids: string[];
    downstream_task_ids: string[];
    retries: number;
    retry_delay_s: number;
    depends_on_past: boolean;
    wait_for_downstream: boolean;
    pool: string;
    queue: string;
    execution_timeout_s: number | null;
    max_active_tis_per_dag: number | null;
    max_active_tis_per_dagrun: number | null;
    /** the templated fields as written in the file */
    template_fields: Record<string, string>;
    doc_md: string | null;
    file: string;
    line: number;
  } | null;
  tries: (Try & { log: LogLine[] })[];
  /** the templated fields as rendered for the latest try (null before the first try renders) */
  rendered_fields: Record<string, string> | null;
  xcom: { key: string; value: unknown; timestamp: string }[];
  why: WhyNotRunning;
}

export function taskInstanceDetail(sim: Simulation, dag_id: string, run_id: string, task_id: string, lang: Lang = 'en'): TaskInstanceDetail {
  const run = requireRun(sim, dag_id, run_id);
  const ti = requireTi(sim, run, task_id);
  const logs = logsOf(sim, ti);
  const tries = triesOf(ti, historyOfRun(sim, run).get(task_id) ?? []).map((t) => ({ ...t, log: logs.get(t.try_number) ?? [] }));
  return {
    dag_id,
    run: runSummary(sim, run),
    task_id,
    map_index: ti.map_index,
    ti: {
      state: ti.state,
      try_number: ti.try_number,
      max_tries: ti.max_tries,
      tries_allowed: ti.max_tries + 1,
      pool: ti.pool,
      pool_slots: ti.pool_slots,
      priority_weight: ti.priority_weight,
      queue: ti.queue,
      operator: ti.operator,
      hostname: ti.hostname,
      queued_dttm: iso(ti.queued_dttm),
      start_date: iso(ti.start_date),
      end_date: iso(ti.end_date),
      duration_s: ti.duration,
      next_retry_at: iso(ti.next_retry_at),
      reschedule_at: iso(ti.reschedule_at),
    },
    task: taskOf(sim, dag_id, task_id),
    tries,
    rendered_fields: ti.rendered_fields ? { ...ti.rendered_fields } : null,
    xcom: sim.db.xcomOf(dag_id, run_id, task_id, ti.map_index).map((x) => ({ key: x.key, value: x.value, timestamp: iso(x.timestamp)! })),
    why: whyNotRunning(sim, ti, lang),
  };
}

function taskOf(sim: Simulation, dag_id: string, task_id: string): TaskInstanceDetail['task'] {
  const dag = sim.loaded.get(dag_id);
  const t = dag?.tasks.get(task_id);
  if (!dag || !t) return null;
  return {
    operator: t.operator,
    operator_name: t.operator_name ?? t.operator,
    trigger_rule: t.trigger_rule,
    upstream_task_ids: [...t.upstream_task_ids],
    downstream_task_ids: [...(dag.downstream.get(task_id) ?? [])],
    retries: t.retries,
    retry_delay_s: t.retry_delay_s,
    depends_on_past: t.depends_on_past,
    wait_for_downstream: t.wait_for_downstream,
    pool: t.pool,
    queue: t.queue,
    execution_timeout_s: t.execution_timeout_s,
    max_active_tis_per_dag: t.max_active_tis_per_dag,
    max_active_tis_per_dagrun: t.max_active_tis_per_dagrun,
    template_fields: { ...t.template_fields },
    doc_md: t.doc_md,
    file: dag.spec.fileloc,
    line: t.line,
  };
}

/** The task's log lines by try_number (Airflow keeps one log file per try). */
function logsOf(sim: Simulation, ti: TaskInstanceRow): Map<number, LogLine[]> {
  const out = new Map<number, LogLine[]>();
  for (const l of sim.db.taskLogs) {
    if (l.task_id !== ti.task_id || l.run_id !== ti.run_id || l.dag_id !== ti.dag_id || l.map_index !== ti.map_index) continue;
    let list = out.get(l.try_number);
    if (!list) out.set(l.try_number, (list = []));
    list.push({ at: iso(l.at)!, level: l.level, text: l.text });
  }
  return out;
}
