import { describe, expect, it } from 'vitest';
import type { TaskSpec, WeightRule } from '../../dagfile/spec.ts';
import { priorityWeights } from './priority.ts';

function task(task_id: string, upstream_task_ids: string[], priority_weight = 1, weight_rule: WeightRule = 'downstream'): TaskSpec {
  return {
    task_id,
    operator: 'EmptyOperator',
    upstream_task_ids,
    task_group: '',
    op: { kind: 'empty' },
    sim: { duration_s: null, fail_tries: [], fail_always: false, skip: false, branch: null, ready_after_s: null, log: [] },
    trigger_rule: 'all_success',
    retries: 0,
    retry_delay_s: 300,
    retry_exponential_backoff: 0,
    max_retry_delay_s: null,
    depends_on_past: false,
    wait_for_downstream: false,
    ignore_first_depends_on_past: true,
    wait_for_past_depends_before_skipping: false,
    pool: 'default_pool',
    pool_slots: 1,
    priority_weight,
    weight_rule,
    queue: 'default',
    execution_timeout_s: null,
    start_date: null,
    end_date: null,
    max_active_tis_per_dag: null,
    max_active_tis_per_dagrun: null,
    template_fields: {},
    xcom_args: [],
    doc_md: null,
    line: 1,
  };
}

/** tests/models/test_dag.py: `depth` stages of `width` tasks, every task depending on every task of the previous stage. */
function pipeline(width: number, depth: number, weight: number, rule: WeightRule): TaskSpec[] {
  const out: TaskSpec[] = [];
  for (let i = 0; i < depth; i++) {
    for (let j = 0; j < width; j++) {
      const ups = i === 0 ? [] : Array.from({ length: width }, (_, k) => `stage${i - 1}.${k}`);
      out.push(task(`stage${i}.${j}`, ups, weight, rule));
    }
  }
  return out;
}

describe('priorityWeights (priority_weight_total)', () => {
  it('test_dag_task_priority_weight_total: downstream = ((depth - (d+1)) * width + 1) * weight', () => {
    const w = priorityWeights(pipeline(5, 5, 5, 'downstream'));
    for (const [id, v] of w) {
      const d = Number(/^stage(\d+)/.exec(id)?.[1]);
      expect(v).toBe(((5 - (d + 1)) * 5 + 1) * 5);
    }
  });

  it('test_dag_task_priority_weight_total_using_upstream: (d * width + 1) * weight', () => {
    const w = priorityWeights(pipeline(5, 5, 3, 'upstream'));
    for (const [id, v] of w) {
      const d = Number(/^stage(\d+)/.exec(id)?.[1]);
      expect(v).toBe((d * 5 + 1) * 3);
    }
  });

  it('test_dag_task_priority_weight_total_using_absolute: own weight', () => {
    for (const v of priorityWeights(pipeline(5, 5, 10, 'absolute')).values()) expect(v).toBe(10);
  });

  it('a diamond counts the shared downstream task once (get_flat_relative_ids is a set)', () => {
    // a >> [b, c] >> d
    const w = priorityWeights([task('a', []), task('b', ['a']), task('c', ['a']), task('d', ['b', 'c'])]);
    expect(Object.fromEntries(w)).toEqual({ a: 4, b: 2, c: 2, d: 1 });
  });

  it('relatives contribute their own priority_weight regardless of their weight_rule', () => {
    const w = priorityWeights([task('a', [], 1), task('b', ['a'], 10, 'absolute')]);
    expect(w.get('a')).toBe(11);
    expect(w.get('b')).toBe(10);
  });

  it('with default weights a chain runs roots first (AIRFLOW.md §6)', () => {
    const w = priorityWeights([task('extract', []), task('transform', ['extract']), task('load', ['transform'])]);
    expect([w.get('extract'), w.get('transform'), w.get('load')]).toEqual([3, 2, 1]);
  });

  it('3.x clamps to the 32-bit DB range (db_safe_priority); 2.10 does not', () => {
    const big = [task('a', [], 2147483647), task('b', ['a'], 10)];
    expect(priorityWeights(big, '3').get('a')).toBe(2147483647);
    expect(priorityWeights(big, '2').get('a')).toBe(2147483657);
  });
});
