// clear_task_instances and the selection of `airflow tasks clear`, against
// tests/models/test_cleartasks.py (Airflow 2.10.3) and shared AIRFLOW.md §4.2, §8.
import { describe, expect, it } from 'vitest';
import { FakeContext } from '../cli/testkit.ts';
import { clearTaskInstances, findTaskInstances, selectTaskIds } from './clear.ts';

const NOW = Date.UTC(2024, 5, 10);
const day = (d: number) => Date.UTC(2024, 5, d);

function setup(profile: '2' | '3' = '2') {
  const ctx = new FakeContext(profile, NOW);
  const dag = ctx.addDag({
    dag_id: 'd',
    tasks: [{ task_id: '0' }, { task_id: '1', retries: 2, upstream: ['0'] }, { task_id: '2', upstream: ['1'] }, { task_id: 'x_other' }],
  });
  return { ctx, dag };
}

describe('clearTaskInstances', () => {
  it('keeps try_number and gives a fresh budget: max_tries = try_number + retries (test_clear_task_instances)', () => {
    const { ctx } = setup();
    const run = ctx.finishedRun('d', 'r', day(1), 'success');
    const [ti0, ti1] = ctx.db.tisOf(run);
    clearTaskInstances(ctx, [ti0!, ti1!]);
    expect([ti0!.state, ti0!.try_number, ti0!.max_tries]).toEqual([null, 1, 1]);
    expect([ti1!.state, ti1!.try_number, ti1!.max_tries]).toEqual([null, 1, 3]);
  });

  it('requeues a finished run: queued, start/end cleared, clear_number + 1 (test_clear_task_instances_on_finished_dr)', () => {
    for (const state of ['success', 'failed'] as const) {
      const { ctx } = setup();
      const run = ctx.finishedRun('d', 'r', day(1), state);
      ctx.now = NOW + 5_000;
      clearTaskInstances(ctx, ctx.db.tisOf(run));
      expect(run).toMatchObject({ state: 'queued', start_date: null, end_date: null, queued_at: NOW + 5_000, clear_number: 1 });
      expect(ctx.db.unfinishedRuns.has(run)).toBe(true);
    }
  });

  it('leaves a queued or running run alone (test_clear_task_instances_on_running_dr)', () => {
    const { ctx } = setup();
    const run = ctx.createDagRun({ dag_id: 'd', run_id: 'r', run_type: 'scheduled', state: 'running', logical_date: day(1), data_interval: null, run_after: day(1), triggered_by: 'timetable' });
    clearTaskInstances(ctx, ctx.db.tisOf(run));
    expect(run).toMatchObject({ state: 'running', start_date: NOW, clear_number: 0 });
  });

  it('a running TI goes to restarting and is killed, with max_tries unchanged', () => {
    const { ctx } = setup();
    const run = ctx.createDagRun({ dag_id: 'd', run_id: 'r', run_type: 'scheduled', state: 'running', logical_date: day(1), data_interval: null, run_after: day(1), triggered_by: 'timetable' });
    const ti = ctx.db.tisOf(run)[1]!;
    ctx.db.setTIState(ti, 'running');
    ti.try_number = 1;
    ti.start_date = NOW - 60_000;
    clearTaskInstances(ctx, [ti]);
    expect([ti.state, ti.max_tries]).toEqual(['restarting', 2]);
    expect(ctx.killed).toEqual([ti]);
    expect(ctx.db.activeTIs.has(ti)).toBe(false);
  });

  it('records each try once in task_instance_history; unfinished tries as failed (test_task_instance_history_record)', () => {
    const { ctx } = setup();
    const run = ctx.finishedRun('d', 'r', day(1), 'failed', { '0': 'success', '1': 'up_for_retry', '2': null });
    const [ti0, ti1, ti2] = ctx.db.tisOf(run);
    clearTaskInstances(ctx, [ti0!, ti1!, ti2!]);
    expect(ctx.db.taskInstanceHistory.map((h) => [h.task_id, h.try_number, h.state])).toEqual([
      ['0', 1, 'success'],
      ['1', 1, 'failed'],
      ['2', 1, 'failed'],
    ]);
    clearTaskInstances(ctx, [ti0!]);
    expect(ctx.db.taskInstanceHistory).toHaveLength(3);
  });

  it('dag_run_state=false leaves runs as they are', () => {
    const { ctx } = setup();
    const run = ctx.finishedRun('d', 'r', day(1), 'success');
    clearTaskInstances(ctx, ctx.db.tisOf(run), { dag_run_state: false });
    expect(run.state).toBe('success');
  });
});

describe('selecting what to clear', () => {
  it('-t matches anywhere in the task_id (re.findall), -u/-d add all relatives', () => {
    const { dag } = setup();
    expect([...selectTaskIds(dag, { task_regex: /1/ })]).toEqual(['1']);
    expect([...selectTaskIds(dag, { task_regex: /^1$/, downstream: true })].sort()).toEqual(['1', '2']);
    expect([...selectTaskIds(dag, { task_regex: /2/, upstream: true })].sort()).toEqual(['0', '1', '2']);
    expect(selectTaskIds(dag, { task_regex: /other/ }).has('x_other')).toBe(true);
    expect(selectTaskIds(dag, {}).size).toBe(4);
  });

  it('-f selects failed and upstream_failed; with -r it is the union (Airflow\'s `state +=`)', () => {
    const { ctx } = setup();
    const run = ctx.finishedRun('d', 'r', day(1), 'failed', { '0': 'failed', '1': 'upstream_failed', '2': 'success', x_other: 'running' });
    const ids = (f: Parameters<typeof findTaskInstances>[2]) => findTaskInstances(ctx, 'd', f).map((t) => t.task_id);
    expect(ids({ only_failed: true })).toEqual(['0', '1']);
    expect(ids({ only_running: true })).toEqual(['x_other']);
    expect(ids({ only_failed: true, only_running: true })).toEqual(['0', '1', 'x_other']);
    void run;
  });

  it('-s/-e bound the logical date, inclusive; runs without one only match without bounds', () => {
    const { ctx } = setup('3');
    ctx.finishedRun('d', 'a', day(1), 'success');
    ctx.finishedRun('d', 'b', day(2), 'success');
    const manual = ctx.createDagRun({ dag_id: 'd', run_id: 'm', run_type: 'manual', state: 'success', logical_date: null, data_interval: null, run_after: day(3), triggered_by: 'cli' });
    const runsOf = (f: Parameters<typeof findTaskInstances>[2]) => [...new Set(findTaskInstances(ctx, 'd', f).map((t) => t.run_id))];
    expect(runsOf({ start: day(2) })).toEqual(['b']);
    expect(runsOf({ end: day(1) })).toEqual(['a']);
    expect(runsOf({})).toEqual(['a', 'b', manual.run_id]);
  });
});
