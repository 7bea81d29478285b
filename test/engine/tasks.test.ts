// Task instances end to end: retries, trigger rules, branching, limits, executors.
// Expected values: shared AIRFLOW.md §2 (run state from leaves), §4 (try_number, retries,
// backoff), §5 (trigger rules), §6 (limits), from the Airflow files cited there.
import { describe, expect, it } from 'vitest';
import { dumpState } from '../../src/engine/output.ts';
import { at, cmd, dag2, dag3, dump, runs, sim, ti, tis } from './helpers.ts';

const daily2 = 'schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False';
const RUN_2024_01_01 = 'scheduled__2024-01-01T00:00:00+00:00';

/** Airflow 2.10, one run for [2024-01-01, 2024-01-02) created at 2024-01-02T00:00. */
function oneRun2(body: string, until: string, config = {}) {
  const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(body, daily2) }, config);
  cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
  s.runUntil(at(until));
  return s;
}

describe('retries', () => {
  it('retries=2 gives three tries, retry_delay apart, then failed; earlier tries go to history', () => {
    const s = oneRun2(
      'BashOperator(task_id="extract", bash_command="exit 1", retries=2, retry_delay=timedelta(minutes=5))',
      '2024-01-02T01:00:00Z',
    );
    const t = ti(s, RUN_2024_01_01, 'extract');
    expect(t).toMatchObject({ state: 'failed', try_number: 3, max_tries: 2 });
    const hist = dump(s).task_instance_history;
    expect(hist.map((h) => [h.try_number, h.state])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
    ]);
    // each try takes 1 s; the next starts retry_delay (300 s) after the previous ended
    expect(hist.map((h) => [h.start_date, h.end_date])).toEqual([
      ['2024-01-02T00:00:00Z', '2024-01-02T00:00:01Z'],
      ['2024-01-02T00:05:01Z', '2024-01-02T00:05:02Z'],
    ]);
    expect(t.start_date).toBe('2024-01-02T00:10:02Z');
    expect(runs(s)[0]!.state).toBe('failed');
  });

  it('exponential backoff waits 404 s then 775 s for etl.extract on 2024-01-01 (SHA-1 jitter)', () => {
    const s = oneRun2(
      'BashOperator(task_id="extract", bash_command="exit 1", retries=2, retry_delay=timedelta(minutes=5), retry_exponential_backoff=True)',
      '2024-01-02T02:00:00Z',
    );
    const hist = dump(s).task_instance_history;
    const last = ti(s, RUN_2024_01_01, 'extract');
    const gap = (end: string | null, start: string | null) => (at(start!) - at(end!)) / 1000;
    expect(gap(hist[0]!.end_date, hist[1]!.start_date)).toBe(404);
    expect(gap(hist[1]!.end_date, last.start_date)).toBe(775);
  });

  it('the template sees ti.try_number: a task that fails only on its first try succeeds on the second', () => {
    const s = oneRun2(
      'BashOperator(task_id="flaky", bash_command="{% if ti.try_number < 2 %}exit 1{% else %}echo ok{% endif %}", retries=3, retry_delay=timedelta(seconds=10))',
      '2024-01-02T01:00:00Z',
    );
    expect(ti(s, RUN_2024_01_01, 'flaky')).toMatchObject({ state: 'success', try_number: 2 });
    expect(runs(s)[0]!.state).toBe('success');
  });
});

describe('trigger rules and run state', () => {
  it('an upstream failure marks all_success downstream upstream_failed, while an all_done leaf still runs and decides the run', () => {
    const s = oneRun2(
      `a = BashOperator(task_id="a", bash_command="exit 1")
b = BashOperator(task_id="b", bash_command="echo b")
c = BashOperator(task_id="c", bash_command="echo c")
cleanup = BashOperator(task_id="cleanup", bash_command="echo done", trigger_rule="all_done")
a >> c >> cleanup
b >> cleanup`,
      '2024-01-02T01:00:00Z',
    );
    expect(tis(s).map((t) => [t.task_id, t.state])).toEqual([
      ['a', 'failed'],
      ['b', 'success'],
      ['c', 'upstream_failed'],
      ['cleanup', 'success'],
    ]);
    expect(runs(s)[0]!.state).toBe('success');
  });

  it('marks upstream_failed before the other upstreams finish', () => {
    const s = oneRun2(
      `a = BashOperator(task_id="a", bash_command="exit 1")
b = BashOperator(task_id="b", bash_command="sleep 600")
x = BashOperator(task_id="x", bash_command="echo x")
[a, b] >> x`,
      '2024-01-02T00:00:05Z',
    );
    expect(ti(s, RUN_2024_01_01, 'b').state).toBe('running');
    expect(ti(s, RUN_2024_01_01, 'x').state).toBe('upstream_failed');
    expect(runs(s)[0]!.state).toBe('running');
  });

  it('a failed leaf fails the run once everything has finished', () => {
    const s = oneRun2('BashOperator(task_id="a", bash_command="echo a") >> BashOperator(task_id="b", bash_command="exit 3")', '2024-01-02T01:00:00Z');
    expect(runs(s)[0]).toMatchObject({ state: 'failed', end_date: '2024-01-02T00:00:02Z' });
  });

  it('exit 99 skips a bash task, and all_success downstream is skipped too', () => {
    const s = oneRun2(
      'BashOperator(task_id="a", bash_command="exit 99") >> BashOperator(task_id="b", bash_command="echo b")',
      '2024-01-02T01:00:00Z',
    );
    expect(tis(s).map((t) => t.state)).toEqual(['skipped', 'skipped']);
    expect(runs(s)[0]!.state).toBe('success');
  });

  it('a branch skips the path not taken; none_failed_min_one_success joins', () => {
    const s = oneRun2(
      `@task.branch
def choose():
    return "left"

left = EmptyOperator(task_id="left")
right = EmptyOperator(task_id="right")
join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
choose() >> [left, right] >> join`,
      '2024-01-02T01:00:00Z',
    );
    const states = Object.fromEntries(tis(s).map((t) => [t.task_id, t.state]));
    expect(states).toEqual({ choose: 'success', left: 'success', right: 'skipped', join: 'success' });
  });
});

describe('EmptyOperator never reaches an executor', () => {
  it('goes straight to success with try_number 1, no host and no duration', () => {
    const s = oneRun2('EmptyOperator(task_id="start")', '2024-01-02T00:10:00Z');
    expect(ti(s, RUN_2024_01_01, 'start')).toMatchObject({ state: 'success', try_number: 1, hostname: null, duration: 0 });
    expect(s.messages.messages.some((m) => m.kind === 'run_task')).toBe(false);
  });
});

describe('limits', () => {
  const three = ['a', 'b', 'c'].map((id) => `BashOperator(task_id="${id}", bash_command="sleep 60", pool="p")`).join('\n');

  it('a one-slot pool runs its tasks one at a time', () => {
    const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(three, daily2) });
    s.db.pools.set('p', { pool: 'p', slots: 1, description: '', include_deferred: false });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-01-02T01:00:00Z'));
    expect(tis(s).map((t) => t.start_date)).toEqual(['2024-01-02T00:00:00Z', '2024-01-02T00:01:00Z', '2024-01-02T00:02:00Z']);
  });

  it('higher priority_weight goes first', () => {
    const body = three.replace('task_id="c", bash_command="sleep 60", pool="p"', 'task_id="c", bash_command="sleep 60", pool="p", priority_weight=10');
    const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(body, daily2) });
    s.db.pools.set('p', { pool: 'p', slots: 1, description: '', include_deferred: false });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-01-02T01:00:00Z'));
    expect(ti(s, RUN_2024_01_01, 'c').start_date).toBe('2024-01-02T00:00:00Z');
  });

  it('core.parallelism caps queued + running task instances', () => {
    const four = ['a', 'b', 'c', 'd'].map((id) => `BashOperator(task_id="${id}", bash_command="sleep 60")`).join('\n');
    const s = oneRun2(four, '2024-01-02T01:00:00Z', { 'core.parallelism': 2 });
    expect(tis(s).map((t) => t.start_date)).toEqual([
      '2024-01-02T00:00:00Z',
      '2024-01-02T00:00:00Z',
      '2024-01-02T00:01:00Z',
      '2024-01-02T00:01:00Z',
    ]);
  });

  it('CeleryExecutor: N workers x worker_concurrency slots; a TI waits in queued for a free slot', () => {
    const s = oneRun2(three.replace(/, pool="p"/g, ''), '2024-01-02T01:00:00Z', {
      'core.executor': 'CeleryExecutor',
      'sim.workers': 2,
      'celery.worker_concurrency': 1,
    });
    const rows = tis(s);
    expect(rows.map((t) => t.hostname)).toEqual(['worker-1', 'worker-2', 'worker-1']);
    expect(rows[2]).toMatchObject({ queued_dttm: '2024-01-02T00:00:00Z', start_date: '2024-01-02T00:01:00Z' });
  });
});

describe('depends_on_past', () => {
  it('a task waits while its previous run failed; the run stays running (no deadlock)', () => {
    const s = sim('2', '2024-06-03T12:00:00Z', {
      'etl.py': dag2(
        `BashOperator(task_id="load", bash_command="{% if ds == '2024-06-01' %}exit 1{% endif %}", depends_on_past=True)`,
        'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), max_active_runs=2',
      ),
    });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    const r = runs(s);
    expect(r.map((x) => [x.logical_date, x.state])).toEqual([
      ['2024-06-01T00:00:00Z', 'failed'],
      ['2024-06-02T00:00:00Z', 'running'],
    ]);
    expect(ti(s, r[1]!.run_id, 'load').state).toBe(null);
  });
});

describe('removed tasks and deadlock', () => {
  it('a task removed from the file is marked removed and the run goes on without it', () => {
    const body = `a = BashOperator(task_id="a", bash_command="sleep 600")
b = BashOperator(task_id="b", bash_command="echo b")
a >> b`;
    const s = oneRun2(body, '2024-01-02T00:01:00Z');
    s.setFile('etl.py', dag2('b = BashOperator(task_id="b", bash_command="echo b")', daily2));
    s.runUntil(at('2024-01-02T00:02:00Z'));
    expect(ti(s, RUN_2024_01_01, 'a').state).toBe('removed');
    expect(ti(s, RUN_2024_01_01, 'b').state).toBe('success');
    expect(runs(s)[0]!.state).toBe('success');
  });

  it('a task waiting for an upstream that has no task instance in the run deadlocks it: the run fails', () => {
    // b starts later than this run's logical date, so the run has no TI for it (verify_integrity)
    const body = `b = BashOperator(task_id="b", bash_command="echo b", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"))
c = BashOperator(task_id="c", bash_command="echo c")
b >> c`;
    const s = oneRun2(body, '2024-01-02T00:10:00Z');
    expect(tis(s).map((t) => t.task_id)).toEqual(['c']);
    expect(ti(s, RUN_2024_01_01, 'c').state).toBe(null);
    expect(runs(s)[0]).toMatchObject({ state: 'failed', end_date: '2024-01-02T00:00:00Z' });
  });
});

describe('determinism', () => {
  it('the same scenario and seed give byte-identical output', () => {
    const build = () => {
      const s = sim('3', '2024-06-03T12:00:00Z', { 'etl.py': dag3('a = BashOperator(task_id="a", bash_command="sleep 5", retries=1)\nb = BashOperator(task_id="b", bash_command="exit 1", retries=2, retry_exponential_backoff=True)\na >> b') }, {
        'core.executor': 'CeleryExecutor',
        'sim.workers': 3,
      });
      cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
      cmd(s, '2024-06-03T12:30:00Z', 'airflow dags trigger etl');
      s.runUntil(at('2024-06-06T00:00:00Z'));
      return JSON.stringify(dumpState(s, [])) + JSON.stringify(s.messages.messages);
    };
    expect(build()).toBe(build());
  });
});

describe('branching details (SkipMixin.skip_all_except)', () => {
  it('a join directly downstream of the branch task is not skipped when it is downstream of the followed branch', () => {
    const s = oneRun2(
      `@task.branch
def choose():
    return "a"

a = EmptyOperator(task_id="a")
b = EmptyOperator(task_id="b")
join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
c = choose()
c >> [a, b, join]
a >> join
b >> join`,
      '2024-01-02T01:00:00Z',
    );
    const states = Object.fromEntries(tis(s).map((t) => [t.task_id, t.state]));
    expect(states).toEqual({ choose: 'success', a: 'success', b: 'skipped', join: 'success' });
  });

  it("a branch to a task id the DAG does not have fails the branch task with Airflow's message", () => {
    const s = oneRun2(
      `@task.branch
def choose():
    return "nope"

choose() >> EmptyOperator(task_id="a")`,
      '2024-01-02T01:00:00Z',
    );
    expect(ti(s, RUN_2024_01_01, 'choose').state).toBe('failed');
    const log = s.db.taskLogs.filter((l) => l.task_id === 'choose').map((l) => l.text).join('\n');
    expect(log).toContain("'branch_task_ids' must contain only valid task_ids. Invalid tasks found: {'nope'}.");
  });
});
