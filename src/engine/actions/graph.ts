// Task relatives in a DAG: BaseOperator.get_flat_relatives(upstream=...) — all tasks
// reachable upstream or downstream, transitively.
import type { LoadedDag } from '../context.ts';

export function downstreamOf(dag: LoadedDag, task_id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dag.downstream.get(task_id) ?? [])];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push(...(dag.downstream.get(t) ?? []));
  }
  return seen;
}

export function upstreamOf(dag: LoadedDag, task_id: string): Set<string> {
  const ups = new Map(dag.spec.tasks.map((t) => [t.task_id, t.upstream_task_ids]));
  const seen = new Set<string>();
  const stack = [...(ups.get(task_id) ?? [])];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push(...(ups.get(t) ?? []));
  }
  return seen;
}
