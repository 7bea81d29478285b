// Marking by hand, after airflow/api/common/mark_tasks.py (2.10.3) and
// tests/api_experimental/common/test_mark_tasks.py (shared AIRFLOW.md §8).
import { describe, expect, it } from 'vitest';
import { FakeContext } from '../cli/testkit.ts';
import { markDagRun, markTaskInstances, runsForMark } from './mark.ts';

const NOW = Date.UTC(2024, 5, 10);
const day = (d: number) => Date.UTC(2024, 5, d);

function setup() {
  const ctx = new FakeContext('2', NOW);
  const dag = ctx.addDag({
    dag_id: 'd',
    tasks: [{ task_id: 'a' }, { task_id: 'b', upstream: ['a'] }, { task_id: 'c', upstream: ['b'] }, { task_id: 'z' }],
  });
  return { ctx, dag };
}

function runningRun(ctx: FakeContext, run_id: string, logical: number, states: Record<string, string | null>) {
  const run = ctx.createDagRun({ dag_id: 'd', run_id, run_type: 'scheduled', state: 'running', logical_date: logical, data_interval: { start: logical, end: logical + 86_400_000 }, run_after: logical, triggered_by: 'timetable' });
  for (const ti of ctx.db.tisOf(run)) {
    const s = states[ti.task_id];
    if (s !== undefined) ctx.db.setTIState(ti, s as never);
    if (s === 'running') ti.start_date = NOW - 10_000;
  }
  return run;
}

describe('marking a DAG run', () => {
  it('success: every TI not already success becomes success, the run ends now (set_dag_run_state_to_success)', () => {
    const { ctx, dag } = setup();
    const run = runningRun(ctx, 'r', day(1), { a: 'success', b: 'running', c: null, z: 'failed' });
    const changed = markDagRun(ctx, dag, run, 'success');
    expect(changed.map((t) => t.task_id)).toEqual(['b', 'c', 'z']);
    expect(ctx.db.tisOf(run).map((t) => t.state)).toEqual(['success', 'success', 'success', 'success']);
    expect(run).toMatchObject({ state: 'success', end_date: NOW });
    expect(ctx.killed.map((t) => t.task_id)).toEqual(['b']);
    // TaskInstance.set_state fills start/end and the duration
    const c = ctx.db.tisOf(run)[2]!;
    expect([c.start_date, c.end_date, c.duration]).toEqual([NOW, NOW, 0]);
  });

  it('failed: running/deferred/up_for_reschedule fail, other unfinished TIs are skipped (set_dag_run_state_to_failed)', () => {
    const { ctx, dag } = setup();
    const run = runningRun(ctx, 'r', day(1), { a: 'success', b: 'running', c: 'up_for_retry', z: 'up_for_reschedule' });
    markDagRun(ctx, dag, run, 'failed');
    expect(ctx.db.tisOf(run).map((t) => [t.task_id, t.state])).toEqual([
      ['a', 'success'],
      ['b', 'failed'],
      ['c', 'skipped'],
      ['z', 'failed'],
    ]);
    expect(run.state).toBe('failed');
  });
});

describe('marking task instances (set_state)', () => {
  it('adds relatives with upstream/downstream and skips TIs already in the state', () => {
    const { ctx, dag } = setup();
    const run = runningRun(ctx, 'r', day(1), { a: 'success' });
    expect(markTaskInstances(ctx, dag, run, ['b'], 'success', { upstream: true }).map((t) => t.task_id)).toEqual(['b']);
    expect(markTaskInstances(ctx, dag, run, ['c'], 'failed').map((t) => t.task_id)).toEqual(['c']);
    expect(markTaskInstances(ctx, dag, run, ['a'], 'failed', { downstream: true }).map((t) => t.task_id)).toEqual(['a', 'b']);
    expect(ctx.db.tisOf(run).map((t) => t.state)).toEqual(['failed', 'failed', 'failed', null]);
    // the run itself is left to the scheduler
    expect(run.state).toBe('running');
  });

  it('--past/--future reach the runs on the schedule before/after (get_run_ids)', () => {
    const { ctx, dag } = setup();
    const r1 = runningRun(ctx, 'r1', day(1), {});
    const r2 = runningRun(ctx, 'r2', day(2), {});
    const r3 = runningRun(ctx, 'r3', day(3), {});
    expect(runsForMark(ctx, dag, r2, true, false)).toEqual([r1, r2]);
    expect(runsForMark(ctx, dag, r2, false, true)).toEqual([r2, r3]);
    expect(runsForMark(ctx, dag, r2, false, false)).toEqual([r2]);
    const changed = markTaskInstances(ctx, dag, r2, ['z'], 'success', { future: true });
    expect(changed.map((t) => t.run_id)).toEqual(['r2', 'r3']);
  });
});
