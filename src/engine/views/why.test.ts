// "Why is this task not running?" for each blocking reason, through real DAG files and commands.
// Each test builds the situation the engine really reaches, then checks the reason named and its
// numbers; the Airflow texts are those of airflow/ti_deps/deps/*.py (see blockers.ts).
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, dag3, sim } from '../../../test/engine/helpers.ts';
import type { Simulation } from '../simulation.ts';
import { taskInstanceDetail } from './taskInstance.ts';

const START = '2024-06-03T12:00:00Z';
const NONE = 'schedule=None, start_date=pendulum.datetime(2024, 6, 1, tz="UTC")';
const DAILY = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")';
const MANUAL = (t: string) => `manual__${t}+00:00`;

const why = (s: Simulation, run_id: string, task_id: string, lang: 'en' | 'ko' = 'en') => taskInstanceDetail(s, 'etl', run_id, task_id, lang).why;
const codes = (s: Simulation, run_id: string, task_id: string) => why(s, run_id, task_id).blockers.map((b) => b.code);

function unpaused3(body: string, args = NONE, config = {}): Simulation {
  const s = sim('3', START, { 'etl.py': dag3(body, args) }, config);
  cmd(s, START, 'airflow dags unpause etl');
  return s;
}

/** Step events one at a time until `done` holds (a state between two events of one instant). */
function stepUntil(s: Simulation, done: () => boolean): void {
  for (let i = 0; i < 10_000 && !done(); i++) if (!s.step()) break;
  expect(done()).toBe(true);
}

describe('the DAG and the run', () => {
  it('a paused DAG: Dag Not Paused first, then the run that waits to start', () => {
    const s = sim('3', START, { 'etl.py': dag3('BashOperator(task_id="a", bash_command="echo a")', NONE) });
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    const w = why(s, MANUAL('2024-06-03T12:00:00'), 'a');
    expect(w.status).toBe('waiting');
    expect(w.blockers.map((b) => b.code)).toEqual(['dag_paused', 'run_queued']);
    expect(w.blockers[0]).toMatchObject({ dep: 'Dag Not Paused', airflow: "Task's DAG 'etl' is paused.", source: 'ti_deps/deps/dag_unpaused_dep.py' });
    expect(w.summary).toContain('airflow dags unpause etl');
    cmd(s, '2024-06-03T13:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:01:00Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'a')).toMatchObject({ status: 'done', blockers: [] });
  });

  it('a run queued behind max_active_runs says how many runs are running', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="sleep 600")', `${NONE}, max_active_runs=2`);
    for (const t of ['12:00:00', '12:00:01', '12:00:02']) cmd(s, `2024-06-03T${t}Z`, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:01:00Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'a').status).toBe('running');
    const w = why(s, MANUAL('2024-06-03T12:00:02'), 'a');
    expect(w.blockers[0]).toMatchObject({ code: 'run_max_active_runs', dep: 'Dagrun Running', params: { running: 2, limit: 2, backfill_id: null } });
    expect(w.blockers[0]!.text).toContain('2 run(s) are running');
    expect(w.blockers[0]!.airflow).toBe("Task instance's dagrun was not in the 'running' state but in the state 'queued'.");
    expect(why(s, MANUAL('2024-06-03T12:00:02'), 'a', 'ko').blockers[0]!.text).toContain('2개의 run이 실행 중');
    // when one finishes, the queued run starts: the reason was the limit
    s.runUntil(at('2024-06-03T12:10:00Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:02'), 'a').status).toBe('running');
  });

  it('a queued run of an unpaused DAG starts in the next loop', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="echo a")');
    s.runUntil(at('2024-06-03T12:00:00Z'));
    s.command('airflow dags trigger etl'); // no scheduler loop has run since
    expect(codes(s, MANUAL('2024-06-03T12:00:00'), 'a')).toEqual(['run_queued']);
  });

  it('a run whose run_after is still ahead is not due', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="echo a")');
    s.runUntil(at('2024-06-03T12:00:00Z'));
    const later = at('2024-06-03T18:00:00Z');
    s.createDagRun({ dag_id: 'etl', run_id: 'future', run_type: 'manual', state: 'queued', logical_date: null, data_interval: null, run_after: later, triggered_by: 'test' });
    s.wakeScheduler(later);
    s.runUntil(at('2024-06-03T13:00:00Z'));
    const w = why(s, 'future', 'a');
    expect(w.blockers[0]).toMatchObject({ code: 'run_not_due', params: { run_after: '2024-06-03T18:00:00Z' } });
    s.runUntil(at('2024-06-03T18:00:01Z'));
    expect(why(s, 'future', 'a').status).toBe('done');
  });

  it('a finished run holds an unfinished task instance: Dagrun Running', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="sleep 60")\nBashOperator(task_id="b", bash_command="echo b")', NONE, { 'core.parallelism': 1 });
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    const run = s.db.getDagRun('etl', MANUAL('2024-06-03T12:00:00'))!;
    s.db.setRunState(run, 'failed'); // as a direct database edit would leave it
    expect(why(s, run.run_id, 'b').blockers[0]).toMatchObject({
      code: 'run_finished',
      airflow: "Task instance's dagrun was not in the 'running' state but in the state 'failed'.",
    });
  });

  it('a DAG whose file stopped loading: the import error, with its line', () => {
    const s = unpaused3('a = BashOperator(task_id="a", bash_command="sleep 60")\nb = BashOperator(task_id="b", bash_command="echo b")\na >> b');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:10Z'));
    s.setFile('etl.py', 'from airflow.sdk import DAG\nwith DAG(dag_id="etl" schedule=None):\n    pass\n');
    const w = why(s, MANUAL('2024-06-03T12:00:00'), 'b');
    expect(w.blockers[0]!.code).toBe('dag_not_loaded');
    expect(w.blockers[0]!.text).toMatch(/import error \(line 2: /);
  });

  it('a task removed from the file: the scheduler marks it removed', () => {
    const s = unpaused3('a = BashOperator(task_id="a", bash_command="sleep 60")\nb = BashOperator(task_id="b", bash_command="echo b")\na >> b');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:10Z'));
    s.setFile('etl.py', dag3('BashOperator(task_id="a", bash_command="sleep 60")', NONE));
    expect(codes(s, MANUAL('2024-06-03T12:00:00'), 'b')).toEqual(['task_removed']);
    s.runUntil(at('2024-06-03T12:00:11Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'b')).toMatchObject({ state: 'removed', status: 'done' });
  });
});

describe("the task's own dependencies", () => {
  it('trigger rule not met, with the upstream counts', () => {
    const s = unpaused3('a = BashOperator(task_id="a", bash_command="sleep 60")\nb = BashOperator(task_id="b", bash_command="sleep 600")\nc = BashOperator(task_id="c", bash_command="echo c")\n[a, b] >> c');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:02:00Z'));
    const w = why(s, MANUAL('2024-06-03T12:00:00'), 'c');
    expect(w.blockers).toHaveLength(1);
    expect(w.blockers[0]).toMatchObject({ code: 'trigger_rule', dep: 'Trigger Rule', params: { rule: 'all_success', done: 1, total: 2, success: 1, failed: 0, upstream: 'a=success, b=running' } });
    expect(w.summary).toBe('Trigger rule all_success needs all 2 upstream tasks to succeed; 1 of 2 done: 1 success');
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'c', 'ko').summary).toContain('직접 업스트림 2개 중 1개 끝남');
  });

  it('depends_on_past: the previous run of the task failed (Airflow 2.10)', () => {
    const s = sim('2', START, {
      'etl.py': dag2(`BashOperator(task_id="load", bash_command="{% if ds == '2024-06-01' %}exit 1{% endif %}", depends_on_past=True)`, `${DAILY}, max_active_runs=2`),
    });
    cmd(s, START, 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    const w = why(s, 'scheduled__2024-06-02T00:00:00+00:00', 'load');
    expect(w.blockers[0]).toMatchObject({ code: 'depends_on_past', dep: 'Previous Dagrun State', source: 'ti_deps/deps/prev_dagrun_dep.py' });
    expect(w.blockers[0]!.airflow).toBe(
      "depends_on_past is true for this task, but the previous task instance (run scheduled__2024-06-01T00:00:00+00:00) is in the state 'failed' which is not a successful state.",
    );
  });

  it('up for retry: waits until the retry delay has passed', () => {
    const s = unpaused3('BashOperator(task_id="b", bash_command="exit 1", retries=1, retry_delay=timedelta(minutes=5))');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:03:00Z'));
    const w = why(s, MANUAL('2024-06-03T12:00:00'), 'b');
    // the try ran 12:00:00..12:00:01 (bash takes a second); retry_delay 5 min
    expect(w.blockers[0]).toMatchObject({ code: 'retry_wait', dep: 'Not In Retry Period', until: '2024-06-03T12:05:01Z', params: { try_number: 1, max_tries: 1 } });
    expect(w.blockers[0]!.airflow).toBe(
      'Task is not ready for retry yet but will be retried automatically. Current date is 2024-06-03T12:03:00+00:00 and task will be retried at 2024-06-03T12:05:01+00:00.',
    );
    s.runUntil(at('2024-06-03T12:05:01Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'b')).toMatchObject({ state: 'running', status: 'running' });
  });

  it('up for reschedule: a sensor in reschedule mode pokes again later', () => {
    const s = sim('2', '2024-01-02T00:00:00Z', {
      'etl.py': `from airflow.sensors.time_delta import TimeDeltaSensor\n${dag2('TimeDeltaSensor(task_id="wait", delta=timedelta(minutes=30), poke_interval=600, mode="reschedule")', 'schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False')}`,
    });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-01-02T00:05:00Z'));
    const w = why(s, 'scheduled__2024-01-01T00:00:00+00:00', 'wait');
    expect(w.state).toBe('up_for_reschedule');
    expect(w.blockers[0]).toMatchObject({ code: 'reschedule_wait', dep: 'Ready To Reschedule', until: '2024-01-02T00:10:00Z' });
    expect(w.blockers[0]!.airflow).toContain('task will be rescheduled at 2024-01-02T00:10:00+00:00.');
  });

  it('an upstream failed a moment ago: the scheduler marks the task upstream_failed in its next loop', () => {
    const s = unpaused3('a = BashOperator(task_id="a", bash_command="exit 1")\nb = BashOperator(task_id="b", bash_command="echo b")\na >> b');
    cmd(s, START, 'airflow dags trigger etl');
    const a = () => s.db.getTaskInstance('etl', MANUAL('2024-06-03T12:00:00'), 'a');
    stepUntil(s, () => a()?.state === 'failed');
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'b').blockers[0]).toMatchObject({ code: 'will_be_marked', params: { state: 'upstream_failed' } });
  });

  it('all dependencies met a moment ago: the next loop schedules it', () => {
    const s = unpaused3('a = BashOperator(task_id="a", bash_command="echo a")\nb = BashOperator(task_id="b", bash_command="echo b")\na >> b');
    cmd(s, START, 'airflow dags trigger etl');
    const a = () => s.db.getTaskInstance('etl', MANUAL('2024-06-03T12:00:00'), 'a');
    stepUntil(s, () => a()?.state === 'success');
    const w = why(s, MANUAL('2024-06-03T12:00:00'), 'b');
    expect(w.blockers.map((b) => b.code)).toEqual(['next_loop']);
    expect(w.blockers[0]!.airflow).toMatch(/^All dependencies are met but the task instance is not running/);
  });
});

describe("the scheduler's limits (a scheduled task instance)", () => {
  const two = (extra = '') => `BashOperator(task_id="a", bash_command="sleep 60"${extra})\nBashOperator(task_id="b", bash_command="sleep 60"${extra})`;
  const RUN = MANUAL('2024-06-03T12:00:00');

  function started(body: string, args = NONE, config = {}, before: string[] = []): Simulation {
    const s = unpaused3(body, args, config);
    for (const c of before) cmd(s, START, c);
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    expect(s.db.getTaskInstance('etl', RUN, 'a')!.state).toBe('running');
    return s;
  }

  it('pool full: open slots of the pool and the slots the task needs', () => {
    const s = started(two(', pool="p"'), NONE, {}, ['airflow pools set p 1 "one slot"']);
    const w = why(s, RUN, 'b');
    expect(w.state).toBe('scheduled');
    expect(w.blockers[0]).toMatchObject({ code: 'pool_full', dep: 'Pool Slots Available', params: { pool: 'p', slots: 1, open: 0, needed: 1 } });
    expect(w.blockers[0]!.airflow).toBe('Not scheduling since there are 0 open slots in pool p and require 1 pool slots');
  });

  it("when every pool is full, the scheduler's own loop records the pool as the reason", () => {
    const s = started(two(), NONE, { 'core.default_pool_task_slot_count': 1 });
    const b = s.db.getTaskInstance('etl', RUN, 'b')!;
    expect(s.waitingReasons.get(b)).toMatchObject({ limit: 'pool_full', pool: 'default_pool', open: 0, slots: 1 });
    expect(why(s, RUN, 'b').blockers[0]).toMatchObject({ code: 'pool_full', params: { pool: 'default_pool' } });
  });

  it('a pool that does not exist', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="echo a", pool="nope")');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    expect(why(s, RUN, 'a').blockers[0]).toMatchObject({ code: 'pool_missing', airflow: "Tasks using non-existent pool 'nope' will not be scheduled" });
  });

  it('[core] parallelism reached', () => {
    const s = started(two(), NONE, { 'core.parallelism': 1 });
    expect(why(s, RUN, 'b').blockers[0]).toMatchObject({ code: 'parallelism', params: { parallelism: 1, active: 1 } });
  });

  it("the DAG's max_active_tasks reached (3.x says Dag, 2.10 says DAG)", () => {
    const s = started(two(), `${NONE}, max_active_tasks=1`);
    expect(why(s, RUN, 'b').blockers[0]).toMatchObject({
      code: 'max_active_tasks',
      dep: 'Task Instance Slots Available',
      params: { max: 1 },
      airflow: "The maximum number of running tasks (1) for this task's Dag 'etl' has been reached.",
    });
    const s2 = sim('2', START, { 'etl.py': dag2(two(), `${NONE}, max_active_tasks=1`) });
    cmd(s2, START, 'airflow dags unpause etl');
    cmd(s2, START, 'airflow dags trigger etl');
    s2.runUntil(at('2024-06-03T12:00:30Z'));
    expect(why(s2, RUN, 'b').blockers[0]!.airflow).toBe("The maximum number of running tasks (1) for this task's DAG 'etl' has been reached.");
  });

  it("the task's max_active_tis_per_dag reached across runs", () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="sleep 600", max_active_tis_per_dag=1)');
    cmd(s, START, 'airflow dags trigger etl');
    cmd(s, '2024-06-03T12:00:01Z', 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:01'), 'a').blockers[0]).toMatchObject({
      code: 'max_active_tis_per_dag',
      dep: 'Task Concurrency',
      params: { max: 1 },
      airflow: 'The max task concurrency has been reached.',
    });
  });

  it('queued, waiting for a Celery worker slot in the broker', () => {
    const s = started(two(), NONE, { 'core.executor': 'CeleryExecutor', 'sim.workers': 1, 'celery.worker_concurrency': 1 });
    const w = why(s, RUN, 'b');
    expect(w.state).toBe('queued');
    expect(w.blockers[0]).toMatchObject({ code: 'executor_queue', params: { queue: 'broker', position: 1, waiting: 1, used: 1, total: 1, workers: 1 } });
  });

  it("queued, waiting for the SequentialExecutor's one slot (Airflow 2.10)", () => {
    const s = sim('2', START, { 'etl.py': dag2(two(), NONE) }, { 'core.executor': 'SequentialExecutor' });
    cmd(s, START, 'airflow dags unpause etl');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    expect(why(s, RUN, 'b').blockers[0]).toMatchObject({ code: 'executor_queue', params: { queue: 'executor', used: 1, total: 1 } });
  });
});

describe('backfills', () => {
  const body = 'BashOperator(task_id="a", bash_command="sleep 60")';

  it('2.10: a cleared backfill run is never scheduled; a new backfill job takes it in a later pass', () => {
    const s = sim('2', START, { 'etl.py': dag2(body, `${DAILY}, max_active_runs=1`) });
    cmd(s, START, 'airflow dags backfill etl -s 2024-06-02 -e 2024-06-02');
    s.runUntil(at('2024-06-03T12:05:00Z'));
    cmd(s, '2024-06-03T12:05:00Z', 'airflow tasks clear etl -s 2024-06-02 -e 2024-06-02 -y');
    s.runUntil(at('2024-06-03T12:10:00Z'));
    const RUN = 'backfill__2024-06-02T00:00:00+00:00';
    expect(codes(s, RUN, 'a')).toEqual(['backfill_job_only']);
    cmd(s, '2024-06-03T12:10:00Z', 'airflow dags backfill etl -s 2024-06-01 -e 2024-06-02');
    s.runUntil(at('2024-06-03T12:10:30Z'));
    expect(why(s, 'backfill__2024-06-01T00:00:00+00:00', 'a').status).toBe('running');
    expect(codes(s, RUN, 'a')).toEqual(['backfill_job_pass']);
    s.runUntil(at('2024-06-03T12:11:30Z'));
    expect(why(s, RUN, 'a').status).toBe('running');
  });

  it('3.x: the runs of a paused backfill are not started', () => {
    const s = sim('3', START, { 'etl.py': dag3(body, `${DAILY}, catchup=False`) });
    cmd(s, START, 'airflow dags unpause etl');
    cmd(s, START, 'airflow backfill create --dag-id etl --from-date 2024-05-01 --to-date 2024-05-02');
    s.db.backfills[0]!.is_paused = true; // as the REST API's pause_backfill does
    s.runUntil(at('2024-06-03T12:10:00Z'));
    const run = s.db.runsOf('etl').find((r) => r.backfill_id === 1)!;
    expect(why(s, run.run_id, 'a').blockers[0]).toMatchObject({ code: 'backfill_paused', params: { backfill_id: 1 } });
  });
});

describe('states the scheduler does not hold', () => {
  it('running and done say so and name no blocker', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="sleep 60")');
    cmd(s, START, 'airflow dags trigger etl');
    s.runUntil(at('2024-06-03T12:00:30Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'a')).toMatchObject({ status: 'running', hostname: 'scheduler', since: '2024-06-03T12:00:00Z', blockers: [] });
    s.runUntil(at('2024-06-03T12:02:00Z'));
    expect(why(s, MANUAL('2024-06-03T12:00:00'), 'a')).toMatchObject({ status: 'done', state: 'success' });
  });

  it('restarting and deferred (states set from outside the scheduler)', () => {
    const s = unpaused3('BashOperator(task_id="a", bash_command="sleep 60")');
    cmd(s, START, 'airflow dags trigger etl');
    const ti = s.db.getTaskInstance('etl', MANUAL('2024-06-03T12:00:00'), 'a')!;
    s.db.setTIState(ti, 'restarting');
    expect(codes(s, ti.run_id, 'a')).toEqual(['restarting']);
    s.db.setTIState(ti, 'deferred');
    expect(codes(s, ti.run_id, 'a')).toEqual(['deferred']);
  });
});
