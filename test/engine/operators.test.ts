// Operators and limits not covered elsewhere, end to end.
// Expected values: 2.10 jobs/scheduler_job_runner.py::_schedule_dag_run (dagrun_timeout: the run
// fails, its unfinished TIs are skipped), models/taskinstance.py (execution_timeout raises
// AirflowTaskTimeout, an ordinary failure), executors/sequential_executor.py (one task at a time),
// operators/trigger_dagrun.py, operators/python.py ShortCircuitOperator
// (ignore_downstream_trigger_rules=True skips every downstream task), ti_deps/deps/prev_dagrun_dep.py
// (wait_for_downstream: the previous run's direct downstream TIs must be success/skipped).
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, runs, sim, ti, tis } from './helpers.ts';

const daily2 = 'schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False';
const RUN = 'scheduled__2024-01-01T00:00:00+00:00';

function oneRun(body: string, until: string, args = daily2, config = {}, extra: Record<string, string> = {}) {
  const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(body, args), ...extra }, config);
  cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
  s.runUntil(at(until));
  return s;
}

describe('timeouts', () => {
  it('dagrun_timeout fails the run and skips its unfinished task instances', () => {
    const s = oneRun(
      'BashOperator(task_id="slow", bash_command="sleep 3600") >> BashOperator(task_id="after", bash_command="echo after")',
      '2024-01-02T02:00:00Z',
      `${daily2}, dagrun_timeout=timedelta(minutes=30)`,
    );
    const r = runs(s)[0]!;
    expect(r.state).toBe('failed');
    // detected by the first scheduler loop after the deadline (Airflow's loop runs about every second)
    expect(r.end_date).toBe('2024-01-02T00:30:01Z');
    expect(tis(s).map((t) => [t.task_id, t.state])).toEqual([
      ['slow', 'skipped'],
      ['after', 'skipped'],
    ]);
  });

  it('execution_timeout fails the try when its time is up (and it is retried like any failure)', () => {
    const s = oneRun(
      'BashOperator(task_id="slow", bash_command="sleep 600", execution_timeout=timedelta(seconds=60), retries=1, retry_delay=timedelta(seconds=30))',
      '2024-01-02T01:00:00Z',
    );
    expect(ti(s, RUN, 'slow')).toMatchObject({ state: 'failed', try_number: 2, start_date: '2024-01-02T00:01:30Z', end_date: '2024-01-02T00:02:30Z' });
  });

  it('a command that never ends holds its slot until execution_timeout ends it', () => {
    const s = oneRun(
      'BashOperator(task_id="forever", bash_command="while true; do sleep 1; done", execution_timeout=timedelta(minutes=2))',
      '2024-01-02T01:00:00Z',
    );
    expect(ti(s, RUN, 'forever')).toMatchObject({ state: 'failed', end_date: '2024-01-02T00:02:00Z' });
  });
});

describe('SequentialExecutor (Airflow 2 only)', () => {
  it('runs one task at a time on the scheduler host', () => {
    const body = ['a', 'b'].map((id) => `BashOperator(task_id="${id}", bash_command="sleep 60")`).join('\n');
    const s = oneRun(body, '2024-01-02T01:00:00Z', daily2, { 'core.executor': 'SequentialExecutor' });
    expect(tis(s).map((t) => [t.start_date, t.hostname])).toEqual([
      ['2024-01-02T00:00:00Z', 'scheduler'],
      ['2024-01-02T00:01:00Z', 'scheduler'],
    ]);
  });

  it('is refused under Airflow 3, which removed it', () => {
    expect(() => sim('3', '2024-01-02T00:00:00Z', {}, { 'core.executor': 'SequentialExecutor' })).toThrow(/removed in Airflow 3/);
  });
});

describe('operators', () => {
  it('TriggerDagRunOperator creates a manual run of the target DAG', () => {
    const target = dag2('BashOperator(task_id="t", bash_command="echo hi")', 'schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), is_paused_upon_creation=False', 'target');
    const s = oneRun(
      'from airflow.operators.trigger_dagrun import TriggerDagRunOperator\nTriggerDagRunOperator(task_id="kick", trigger_dag_id="target")',
      '2024-01-02T01:00:00Z',
      daily2,
      {},
      { 'target.py': target },
    );
    expect(ti(s, RUN, 'kick').state).toBe('success');
    const triggered = runs(s, 'target');
    expect(triggered).toHaveLength(1);
    expect(triggered[0]).toMatchObject({ run_type: 'manual', triggered_by: 'operator', state: 'success' });
  });

  it('ShortCircuitOperator with a falsy result skips everything downstream, even all_done tasks', () => {
    const s = oneRun(
      `from airflow.operators.python import ShortCircuitOperator
check = ShortCircuitOperator(task_id="check", python_callable=lambda: False)
a = BashOperator(task_id="a", bash_command="echo a")
b = BashOperator(task_id="b", bash_command="echo b", trigger_rule="all_done")
check >> a >> b`,
      '2024-01-02T01:00:00Z',
    );
    expect(tis(s).map((t) => [t.task_id, t.state])).toEqual([
      ['check', 'success'],
      ['a', 'skipped'],
      ['b', 'skipped'],
    ]);
  });

  it("wait_for_downstream: a task waits until the previous run's direct downstream tasks succeeded", () => {
    const s = sim('2', '2024-06-03T12:00:00Z', {
      'etl.py': dag2(
        `a = BashOperator(task_id="a", bash_command="echo a", wait_for_downstream=True)
b = BashOperator(task_id="b", bash_command="{% if ds == '2024-06-01' %}exit 1{% endif %}")
a >> b`,
        'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), max_active_runs=2',
      ),
    });
    cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-06-03T13:00:00Z'));
    const [first, second] = runs(s);
    expect(ti(s, first!.run_id, 'b').state).toBe('failed');
    expect(ti(s, second!.run_id, 'a').state).toBe(null);
    expect(second!.state).toBe('running');
  });
});
