// DAG.check_cycle (2.10 airflow/utils/dag_cycle_tester.py; 3.x task-sdk definitions/dag.py):
// an iterative DFS over task_dict in insertion order. We also return the cycle's path so the
// message can show it ("extract >> transform >> load >> extract").

import type { DagObj, TaskObj } from '../airflow/model.ts';

export interface Cycle {
  /** Airflow's "Faulty task": the task whose downstream is already on the DFS path */
  faulty: string;
  /** the loop, first task repeated at the end */
  path: string[];
  /** where the closing edge (faulty >> path[0]) was written */
  at: number;
}

export function findCycle(dag: DagObj): Cycle | null {
  const NEW = 0;
  const IN_PROGRESS = 1;
  const DONE = 2;
  const state = new Map<TaskObj, number>();
  for (const start of dag.tasks.values()) {
    if ((state.get(start) ?? NEW) === DONE) continue;
    const stack: TaskObj[] = [start];
    while (stack.length) {
      const cur = stack[stack.length - 1];
      if ((state.get(cur) ?? NEW) === NEW) state.set(cur, IN_PROGRESS);
      let next: TaskObj | null = null;
      for (const d of cur.downstream) {
        const s = state.get(d) ?? NEW;
        if (s === IN_PROGRESS) {
          const from = stack.indexOf(d);
          const path = [...stack.slice(from), d].map((t) => t.taskId);
          return { faulty: cur.taskId, path, at: dag.edgeAt.get(`${cur.taskId}\0${d.taskId}`) ?? dag.at };
        }
        if (s === NEW) {
          next = d;
          break;
        }
      }
      if (next) stack.push(next);
      else {
        state.set(cur, DONE);
        stack.pop();
      }
    }
  }
  return null;
}
