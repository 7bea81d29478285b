// priority_weight_total per weight_rule (shared AIRFLOW.md §6), after airflow/task/priority_strategy.py
// and BaseOperator.priority_weight_total (2.10.3; 3.x the same, plus db_safe_priority clamping).
import type { Profile, TaskSpec } from '../../dagfile/spec.ts';

/** 3.x clamps the total to a 32-bit signed int (airflow/utils/weight_rule.py db_safe_priority). */
const DB_SAFE_MINIMUM = -2147483648;
const DB_SAFE_MAXIMUM = 2147483647;

/** All transitive relatives of `start` along `edges`, each once, `start` excluded (get_flat_relative_ids). */
function flatRelatives(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  return seen;
}

/**
 * The effective priority weight of every task:
 * - downstream (default): own priority_weight + that of every transitive downstream task;
 * - upstream: own + every transitive upstream task;
 * - absolute: own.
 * Relatives contribute their own priority_weight, whatever their weight_rule.
 */
export function priorityWeights(tasks: readonly TaskSpec[], profile: Profile = '3'): Map<string, number> {
  const byId = new Map(tasks.map((t) => [t.task_id, t]));
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const t of tasks) {
    const ups = t.upstream_task_ids.filter((u) => byId.has(u));
    upstream.set(t.task_id, ups);
    for (const u of ups) downstream.set(u, [...(downstream.get(u) ?? []), t.task_id]);
  }
  const out = new Map<string, number>();
  for (const t of tasks) {
    let total = t.priority_weight;
    if (t.weight_rule !== 'absolute') {
      const rel = flatRelatives(t.task_id, t.weight_rule === 'upstream' ? upstream : downstream);
      for (const id of rel) total += (byId.get(id) as TaskSpec).priority_weight;
    }
    out.set(t.task_id, profile === '3' ? Math.max(DB_SAFE_MINIMUM, Math.min(DB_SAFE_MAXIMUM, total)) : total);
  }
  return out;
}
