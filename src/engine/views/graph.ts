// The graph: the DAG's tasks and their dependencies, with each task's state in one run.
// No layout: the UI lays it out. Airflow 2.10 www/views.py graph_data (task_group_to_dict,
// dag_edges); 3.x routes/ui/structure.py structure_data.
import type { TriggerRule } from '../../dagfile/spec.ts';
import type { TIState } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { groupRows, labelOf, requireDag, requireRun, taskRows, type GroupRow } from './common.ts';

export interface GraphNode {
  task_id: string;
  label: string;
  /** the operator class (BashOperator, _PythonDecoratedOperator, ...) */
  operator: string;
  /** the serialized DAG's _operator_name, what the UI labels a node with ("@task" for TaskFlow) */
  operator_name: string;
  group: string;
  trigger_rule: TriggerRule | null;
  retries: number | null;
  pool: string | null;
  /** the TI's state in the asked run; null without a run or without a TI there */
  state: TIState;
  try_number: number | null;
  /** false when only an old run still has this task */
  in_dag: boolean;
}

export interface GraphView {
  dag_id: string;
  run_id: string | null;
  nodes: GraphNode[];
  edges: { source: string; target: string }[];
  groups: GroupRow[];
}

export function graph(sim: Simulation, dag_id: string, run_id?: string | null): GraphView {
  requireDag(sim, dag_id);
  const run = run_id ? requireRun(sim, dag_id, run_id) : null;
  const dag = sim.loaded.get(dag_id);
  const rows = taskRows(sim, dag_id, run ? [run] : []);
  const nodes = rows.map((r): GraphNode => {
    const task = dag?.tasks.get(r.task_id);
    const ti = run ? sim.db.getTaskInstance(dag_id, run.run_id, r.task_id) : undefined;
    return {
      task_id: r.task_id,
      label: task ? labelOf(task.task_id, task.task_group) : r.label,
      operator: task?.operator ?? ti?.operator ?? '',
      operator_name: task?.operator_name ?? task?.operator ?? ti?.operator ?? '',
      group: r.group,
      trigger_rule: task?.trigger_rule ?? null,
      retries: task?.retries ?? null,
      pool: task?.pool ?? ti?.pool ?? null,
      state: ti?.state ?? null,
      try_number: ti?.try_number ?? null,
      in_dag: r.in_dag,
    };
  });
  const edges = (dag?.spec.tasks ?? []).flatMap((t) => t.upstream_task_ids.map((up) => ({ source: up, target: t.task_id })));
  return { dag_id, run_id: run?.run_id ?? null, nodes, edges, groups: groupRows(rows) };
}
