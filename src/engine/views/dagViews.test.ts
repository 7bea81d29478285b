// The DAG-level views through real DAG files: the DAG list, grid, graph, Gantt chart,
// interval timeline and task-instance detail.
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, dag3, sim } from '../../../test/engine/helpers.ts';
import { ViewError } from './common.ts';
import { dagList } from './dagList.ts';
import { gantt } from './gantt.ts';
import { graph } from './graph.ts';
import { grid } from './grid.ts';
import { intervalTimeline } from './intervalTimeline.ts';
import { taskInstanceDetail } from './taskInstance.ts';

const DAILY = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")';

/** extract >> group "load" (a, b) >> report; b fails its first try, then succeeds. */
const BODY3 = `extract = BashOperator(task_id="extract", bash_command="echo extracted {{ ds }}")
with TaskGroup("load") as load:
    a = BashOperator(task_id="a", bash_command="sleep 30")
    b = BashOperator(task_id="b", bash_command="{% if ti.try_number == 1 %}exit 1{% endif %}", retries=1, retry_delay=timedelta(seconds=30))

@task
def report():
    # sim: duration=10s
    return "ok"

extract >> load >> report()`;

function airflow3(args = `${DAILY}, catchup=True`) {
  return sim('3', '2024-06-03T12:00:00Z', { 'etl.py': `from airflow.sdk import TaskGroup\n${dag3(BODY3, args)}` });
}

describe('dagList', () => {
  it('gives each DAG its schedule in words, next run, latest runs and tags; and import errors per file', () => {
    const s = sim('2', '2024-06-03T12:00:00Z', {
      'etl.py': dag2('BashOperator(task_id="t", bash_command="echo t")', `${DAILY}, tags=["team-a"]`),
      'broken.py': 'from airflow import DAG\nwith DAG(dag_id="x" schedule=None):\n    pass\n',
    });
    let v = dagList(s, 'en');
    expect(v.dags).toHaveLength(1);
    expect(v.dags[0]).toMatchObject({
      dag_id: 'etl',
      file: 'etl.py',
      is_paused: true,
      loaded: true,
      tags: ['team-a'],
      catchup: true,
      schedule: { text: '@daily', words: 'every day at 00:00 (UTC)', timetable: 'CronDataIntervalTimetable', summary: '0 0 * * *' },
      // 2.10: the first interval 06-01..06-02 is created once it has ended
      next_run: { logical_date: '2024-06-01T00:00:00Z', data_interval_start: '2024-06-01T00:00:00Z', data_interval_end: '2024-06-02T00:00:00Z', create_after: '2024-06-02T00:00:00Z' },
      next_run_blocked: { code: 'paused' },
      recent_runs: [],
    });
    expect(v.import_errors).toHaveLength(1);
    expect(v.import_errors[0]).toMatchObject({ file: 'broken.py', line: 2 });
    expect(v.import_errors[0]!.message).toMatch(/SyntaxError/);
    expect(dagList(s, 'ko').dags[0]!.schedule.words).toBe('매일 00:00 (UTC)');

    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    v = dagList(s, 'en', { recent: 1 });
    expect(v.dags[0]!.recent_runs).toEqual([
      { run_id: 'scheduled__2024-06-02T00:00:00+00:00', state: 'success', run_type: 'scheduled', logical_date: '2024-06-02T00:00:00Z', run_after: '2024-06-03T00:00:00Z' },
    ]);
    expect(v.dags[0]!.run_counts).toEqual({ queued: 0, running: 0, success: 2, failed: 0 });
    expect(v.dags[0]!.next_run).toMatchObject({ logical_date: '2024-06-03T00:00:00Z', create_after: '2024-06-04T00:00:00Z' });
    expect(v.dags[0]!.next_run_blocked).toBeNull();
  });

  it('says when max_active_runs keeps the next run from being created', () => {
    const s = sim('3', '2024-06-03T12:00:00Z', { 'etl.py': dag3('BashOperator(task_id="t", bash_command="sleep 3600")', `${DAILY}, catchup=True, max_active_runs=1`) });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T12:10:00Z'));
    const d = dagList(s).dags[0]!;
    expect(d.active_runs).toBe(1);
    expect(d.next_run).toMatchObject({ logical_date: '2024-06-02T00:00:00Z', create_after: null });
    expect(d.next_run_blocked).toMatchObject({ code: 'max_active_runs' });
    expect(d.next_run_blocked!.text).toContain('1 active run(s) reached max_active_runs (1)');
  });
});

describe('grid', () => {
  it('runs in run order (latest `limit`), tasks in definition order with their group, cells with try numbers', () => {
    const s = airflow3();
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-04T12:00:00Z'));
    const g = grid(s, 'etl', { limit: 2 });
    expect(g.total_runs).toBe(4);
    expect(g.runs.map((r) => r.run_id)).toEqual(['scheduled__2024-06-03T00:00:00+00:00', 'scheduled__2024-06-04T00:00:00+00:00']);
    expect(g.tasks.map((t) => [t.task_id, t.group, t.label])).toEqual([
      ['extract', '', 'extract'],
      ['load.a', 'load', 'a'],
      ['load.b', 'load', 'b'],
      ['report', '', 'report'],
    ]);
    expect(g.groups).toEqual([{ group_id: 'load', parent: '', label: 'load' }]);
    expect(g.cells[2]!.map((c) => [c!.state, c!.try_number])).toEqual([['success', 2], ['success', 2]]);
    expect(g.runs[1]).toMatchObject({ state: 'success', run_type: 'scheduled', run_after: '2024-06-04T00:00:00Z', queued_at: '2024-06-04T00:00:00Z' });
  });

  it('an unknown DAG is a ViewError', () => {
    expect(() => grid(airflow3(), 'nope')).toThrow(ViewError);
  });
});

describe('graph', () => {
  it('nodes with operator, operator_name, group, trigger rule and state in a run; edges from upstream ids', () => {
    const s = airflow3();
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T12:00:10Z'));
    const RUN = 'scheduled__2024-06-01T00:00:00+00:00';
    const v = graph(s, 'etl', RUN);
    expect(v.nodes.map((n) => [n.task_id, n.operator_name, n.group, n.state])).toEqual([
      ['extract', 'BashOperator', '', 'success'],
      ['load.a', 'BashOperator', 'load', 'running'],
      ['load.b', 'BashOperator', 'load', 'up_for_retry'],
      ['report', '@task', '', null],
    ]);
    expect(v.nodes[3]).toMatchObject({ operator: '_PythonDecoratedOperator', trigger_rule: 'all_success' });
    expect(v.edges).toEqual([
      { source: 'extract', target: 'load.a' },
      { source: 'extract', target: 'load.b' },
      { source: 'load.a', target: 'report' },
      { source: 'load.b', target: 'report' },
    ]);
    expect(graph(s, 'etl').nodes.every((n) => n.state === null)).toBe(true);
    expect(() => graph(s, 'etl', 'nope')).toThrow("DAG 'etl' has no run 'nope'");
  });
});

describe('gantt and task-instance detail', () => {
  const RUN = 'scheduled__2024-06-01T00:00:00+00:00';

  function finished() {
    const s = airflow3();
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    return s;
  }

  it('every try of each task: the failed first try from task_instance_history, then the current one', () => {
    const v = gantt(finished(), 'etl', RUN);
    const b = v.rows.find((r) => r.task_id === 'load.b')!;
    expect(b.tries.map((t) => [t.try_number, t.state, t.start_date, t.end_date, t.hostname, t.current])).toEqual([
      [1, 'failed', '2024-06-03T12:00:01Z', '2024-06-03T12:00:02Z', 'scheduler', false],
      [2, 'success', '2024-06-03T12:00:32Z', '2024-06-03T12:00:33Z', 'scheduler', true],
    ]);
    expect(v.rows.map((r) => r.task_id)).toEqual(['extract', 'load.a', 'load.b', 'report']);
    expect(v.span).toEqual({ start: '2024-06-03T12:00:00Z', end: '2024-06-03T12:00:43Z' });
  });

  it('detail: TI fields, each try with its own log lines, rendered fields, XCom and why', () => {
    const s = finished();
    const b = taskInstanceDetail(s, 'etl', RUN, 'load.b');
    expect(b.ti).toMatchObject({ state: 'success', try_number: 2, max_tries: 1, tries_allowed: 2 }); // retries=1: tries 1 and 2 may run
    expect(b.tries.map((t) => t.log.at(-1)!.text)).toEqual([
      expect.stringContaining('Marking task as UP_FOR_RETRY'),
      expect.stringContaining('Marking task as SUCCESS'),
    ]);
    expect(b.tries[0]!.log[0]!.text).toBe('Starting attempt 1 of 2');
    expect(b.task).toMatchObject({ upstream_task_ids: ['extract'], downstream_task_ids: ['report'], retries: 1, retry_delay_s: 30, file: 'etl.py' });
    expect(b.why.status).toBe('done');
    const e = taskInstanceDetail(s, 'etl', RUN, 'extract');
    expect(e.rendered_fields).toEqual({ bash_command: 'echo extracted 2024-06-01' });
    expect(e.task!.template_fields).toEqual({ bash_command: 'echo extracted {{ ds }}' });
    expect(e.xcom).toEqual([{ key: 'return_value', value: 'extracted 2024-06-01', timestamp: '2024-06-03T12:00:01Z' }]);
    expect(taskInstanceDetail(s, 'etl', RUN, 'report').xcom.map((x) => x.value)).toEqual(['ok']);
    expect(() => taskInstanceDetail(s, 'etl', RUN, 'nope')).toThrow(ViewError);
  });
});

describe('intervalTimeline', () => {
  it('2.10: the run for June 1 covers June 1..2 and is created when that interval ends', () => {
    const s = sim('2', '2024-06-01T00:00:00Z', { 'etl.py': dag2('BashOperator(task_id="t", bash_command="echo t")', `${DAILY}, is_paused_upon_creation=False`) });
    s.runUntil(at('2024-06-03T06:00:00Z'));
    const v = intervalTimeline(s, 'etl', '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z');
    expect(v.timetable).toBe('CronDataIntervalTimetable');
    expect(v.runs.map((r) => [r.logical_date, r.data_interval_start, r.data_interval_end, r.queued_at])).toEqual([
      ['2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-02T00:00:00Z'],
      ['2024-06-02T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-03T00:00:00Z', '2024-06-03T00:00:00Z'],
    ]);
    expect(v.next_run).toEqual({
      logical_date: '2024-06-03T00:00:00Z',
      data_interval_start: '2024-06-03T00:00:00Z',
      data_interval_end: '2024-06-04T00:00:00Z',
      create_after: '2024-06-04T00:00:00Z',
    });
    expect(v.clock).toBe('2024-06-03T06:00:00Z');
    expect(intervalTimeline(s, 'etl', '2024-06-01T00:00:00Z', '2024-06-01T12:00:00Z').runs).toHaveLength(1);
    expect(() => intervalTimeline(s, 'etl', 'June 1', '2024-06-02')).toThrow(/not an ISO 8601 time/);
  });

  it('3.x: a cron schedule runs at the tick it is named after (zero-length interval)', () => {
    const s = sim('3', '2024-06-01T00:00:00Z', { 'etl.py': dag3('BashOperator(task_id="t", bash_command="echo t")', `${DAILY}, is_paused_upon_creation=False`) });
    s.runUntil(at('2024-06-02T06:00:00Z'));
    const v = intervalTimeline(s, 'etl', '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z');
    expect(v.runs.map((r) => [r.logical_date, r.data_interval_end, r.run_after, r.queued_at])).toEqual([
      ['2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z'],
      ['2024-06-02T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-02T00:00:00Z'],
    ]);
  });
});
