// The cluster-level views: architecture (components, queues, workers, messages), the metastore
// tables, and the scrub bar's markers. Also: asking for views never changes a simulation.
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, dag3, dump, sim } from '../../../test/engine/helpers.ts';
import { architecture } from './architecture.ts';
import { dagList } from './dagList.ts';
import { gantt } from './gantt.ts';
import { graph } from './graph.ts';
import { grid } from './grid.ts';
import { intervalTimeline } from './intervalTimeline.ts';
import { metastoreTable, metastoreTables } from './metastoreTables.ts';
import { taskInstanceDetail } from './taskInstance.ts';
import { timelineMarkers } from './timelineMarkers.ts';

const START = '2024-06-03T12:00:00Z';
const NONE = 'schedule=None, start_date=pendulum.datetime(2024, 6, 1, tz="UTC")';
const RUN = 'manual__2024-06-03T12:00:00+00:00';
const three = ['a', 'b', 'c'].map((id) => `BashOperator(task_id="${id}", bash_command="sleep 60")`).join('\n');

function celery() {
  const s = sim('3', START, { 'etl.py': dag3(three, NONE) }, { 'core.executor': 'CeleryExecutor', 'sim.workers': 2, 'celery.worker_concurrency': 1 });
  cmd(s, START, 'airflow dags unpause etl');
  cmd(s, START, 'airflow dags trigger etl');
  s.runUntil(at('2024-06-03T12:00:30Z'));
  return s;
}

describe('architecture', () => {
  it('Celery: the broker holds what no worker slot took; each worker lists what it runs', () => {
    const v = architecture(celery());
    expect(v.executor).toBe('CeleryExecutor');
    expect(v.queue).toEqual({ id: 'broker', depth: 1, tis: [{ dag_id: 'etl', run_id: RUN, task_id: 'c', try_number: 1 }] });
    expect(v.workers.map((w) => [w.id, w.slots_used, w.slots_total, w.running.map((r) => r.task_id)])).toEqual([
      ['worker-1', 1, 1, ['a']],
      ['worker-2', 1, 1, ['b']],
    ]);
    expect(v.scheduler).toMatchObject({ queued_runs: 0, running_runs: 1, scheduled_tis: 0, active_tis: 3, parallelism: 32 });
    expect(v.dag_processor).toMatchObject({ files: 1, dags: 1, import_errors: 0, last_parsed: '2024-06-03T12:00:00Z' });
    expect(v.metastore.rows).toMatchObject({ dag: 1, dag_run: 1, task_instance: 3, backfill: 0 });
    // every message endpoint is a component of the view
    const ids = new Set(['dag_processor', 'scheduler', 'metastore', 'api_server', 'cli', v.queue.id, ...v.workers.map((w) => w.id)]);
    for (const m of v.messages) expect([ids.has(m.from), ids.has(m.to)]).toEqual([true, true]);
    expect(v.messages.some((m) => m.kind === 'run_task' && m.from === 'broker' && m.to === 'worker-2')).toBe(true);
  });

  it('messages since a sequence number, the newest `limit` of them, and how many were left out', () => {
    const s = celery();
    const all = architecture(s, 0, 10_000);
    expect(all.skipped).toBe(0);
    expect(all.messages.map((m) => m.seq)).toEqual(all.messages.map((_, i) => i + 1));
    const since = architecture(s, all.last_seq - 5, 3);
    expect(since.messages.map((m) => m.seq)).toEqual([all.last_seq - 2, all.last_seq - 1, all.last_seq]);
    expect(since.skipped).toBe(2);
    expect(architecture(s, all.last_seq).messages).toEqual([]);
  });

  it('LocalExecutor: the task processes run on the scheduler host, `parallelism` slots', () => {
    const s = sim('2', START, { 'etl.py': dag2(three, NONE) }, { 'core.parallelism': 2 });
    cmd(s, START, 'airflow dags unpause etl');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    const v = architecture(s);
    expect(v.queue).toMatchObject({ id: 'executor', depth: 0 });
    expect(v.workers).toEqual([{ id: 'scheduler', slots_used: 2, slots_total: 2, running: expect.any(Array), down_until: null }]);
    expect(v.scheduler.scheduled_tis).toBe(1);
    expect(v.metastore.rows).not.toHaveProperty('backfill');
    expect(v.api_server).toBeNull();
  });

  // 2.10: `dags trigger` writes the run in the CLI process (api/common/trigger_dag.py) and a task
  // process writes its own state. 3.x: the task process goes through the API server's Task
  // Execution API (task-sdk execution_time/supervisor.py -> api_fastapi/execution_api/routes/task_instances.py).
  it('who writes what: the CLI creates a triggered run; workers write directly (2.10) or through the API server (3.x)', () => {
    const v3 = architecture(celery(), 0, 10_000);
    expect(v3.api_server).toEqual({ id: 'api_server' });
    const created = v3.messages.find((m) => m.kind === 'create_dag_run')!;
    expect([created.from, created.to]).toEqual(['cli', 'metastore']);
    const running3 = v3.messages.filter((m) => m.kind === 'set_state' && m.task_id === 'a' && m.text.includes('running on'));
    expect(running3.map((m) => [m.from, m.to])).toEqual([['worker-1', 'api_server'], ['api_server', 'metastore']]);

    const s2 = sim('2', START, { 'etl.py': dag2(three, NONE) }, { 'core.executor': 'CeleryExecutor', 'sim.workers': 2, 'celery.worker_concurrency': 1 });
    cmd(s2, START, 'airflow dags unpause etl');
    cmd(s2, START, 'airflow dags trigger etl');
    s2.runUntil(at('2024-06-03T12:00:30Z'));
    const v2 = architecture(s2, 0, 10_000);
    const running2 = v2.messages.filter((m) => m.kind === 'set_state' && m.task_id === 'a' && m.text.includes('running on'));
    expect(running2.map((m) => [m.from, m.to])).toEqual([['worker-1', 'metastore']]);
    expect(v2.messages.find((m) => m.kind === 'create_dag_run')!.from).toBe('cli');
  });
});

describe('metastore tables', () => {
  it("Airflow's table and column names per profile", () => {
    const s3 = celery();
    const names3 = metastoreTables(s3).map((t) => t.name);
    expect(names3).toEqual(['dag', 'dag_run', 'task_instance', 'task_instance_history', 'log', 'xcom', 'slot_pool', 'import_error', 'backfill']);
    const run3 = metastoreTables(s3).find((t) => t.name === 'dag_run')!;
    expect(run3.columns).toEqual(expect.arrayContaining(['logical_date', 'run_after', 'backfill_id', 'triggered_by']));
    expect(metastoreTables(s3).find((t) => t.name === 'dag')!.columns).toContain('is_stale');

    const s2 = sim('2', START, { 'etl.py': dag2(three, NONE) });
    const t2 = metastoreTables(s2);
    expect(t2.map((t) => t.name)).not.toContain('backfill');
    const run2 = t2.find((t) => t.name === 'dag_run')!;
    expect(run2.columns).toContain('execution_date');
    expect(run2.columns).not.toContain('run_after');
    expect(run2.columns).not.toContain('triggered_by'); // added in Airflow 3.0 (2.10.3's dagrun.py has no such column)
    expect(run2.columns).not.toContain('logical_date');
  });

  it('rows as ISO text, a filter on any column or on one (column:text), offset and limit', () => {
    const s = celery();
    const tis = metastoreTable(s, 'task_instance');
    expect(tis.total).toBe(3);
    const state = tis.columns.indexOf('state');
    const host = tis.columns.indexOf('hostname');
    expect(tis.rows.map((r) => [r[state], r[host]])).toEqual([
      ['running', 'worker-1'],
      ['running', 'worker-2'],
      ['queued', null],
    ]);
    expect(tis.rows[0]![tis.columns.indexOf('start_date')]).toBe('2024-06-03T12:00:00Z');
    expect(metastoreTable(s, 'task_instance', { filter: 'worker-2' }).matched).toBe(1);
    expect(metastoreTable(s, 'task_instance', { filter: 'state:queued' }).rows.map((r) => r[tis.columns.indexOf('task_id')])).toEqual(['c']);
    expect(metastoreTable(s, 'task_instance', { filter: 'state:run etl' }).matched).toBe(2);
    expect(metastoreTable(s, 'task_instance', { filter: 'hostname:null' }).matched).toBe(1);
    const page = metastoreTable(s, 'task_instance', { offset: 1, limit: 1 });
    expect([page.rows.length, page.matched, page.offset, page.limit]).toEqual([1, 3, 1, 1]);
    expect(metastoreTable(s, 'pool').name).toBe('slot_pool');
    expect(metastoreTable(s, 'log', { filter: 'event:cli_dag_trigger' }).matched).toBe(1);
    expect(() => metastoreTable(s, 'users')).toThrow(/no table 'users'/);
  });
});

describe('timeline markers', () => {
  it('commands, run creations, failed tries and failed runs, in time order', () => {
    const s = sim('3', START, {
      'etl.py': dag3('BashOperator(task_id="a", bash_command="exit 1", retries=1, retry_delay=timedelta(minutes=1))', NONE),
    });
    cmd(s, START, 'airflow dags unpause etl');
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:10:00Z'));
    const m = timelineMarkers(s);
    expect(m.map((x) => [x.at, x.kind, x.task_id, x.try_number])).toEqual([
      ['2024-06-03T12:00:00Z', 'command', null, null],
      ['2024-06-03T12:00:00Z', 'command', null, null],
      ['2024-06-03T12:00:00Z', 'run_created', null, null],
      ['2024-06-03T12:00:01Z', 'task_failed', 'a', 1],
      ['2024-06-03T12:01:02Z', 'task_failed', 'a', 2],
      ['2024-06-03T12:01:02Z', 'run_failed', null, null],
    ]);
    expect(m[1]!.text).toBe('airflow dags trigger etl');
    expect(timelineMarkers(s, { kinds: ['run_failed'] })).toHaveLength(1);
  });
});

describe('views only read', () => {
  it('asking for every view leaves the simulation byte-identical', () => {
    const s = celery();
    const before = JSON.stringify(dump(s));
    const eventsBefore = s.queue.size;
    dagList(s, 'ko');
    grid(s, 'etl');
    graph(s, 'etl', RUN);
    gantt(s, 'etl', RUN);
    intervalTimeline(s, 'etl', '2024-06-01', '2024-06-05');
    for (const t of ['a', 'b', 'c']) taskInstanceDetail(s, 'etl', RUN, t);
    architecture(s);
    for (const t of metastoreTables(s)) metastoreTable(s, t.name, { filter: 'x' });
    timelineMarkers(s);
    expect(JSON.stringify(dump(s))).toBe(before);
    expect(s.queue.size).toBe(eventsBefore);
    s.runUntil(at('2024-06-03T13:00:00Z'));
    expect(grid(s, 'etl').cells.flat().map((c) => c!.state)).toEqual(['success', 'success', 'success']);
  });
});
