// Sensors and clearing a running task, end to end.
// Expected values: Airflow's sensors/base.py (BaseSensorOperator.execute: success when poke is true,
// AirflowSensorTimeout when run_duration > timeout, never retried; soft_fail skips; mode=reschedule
// frees the slot as up_for_reschedule), sensors/time_delta.py (data_interval_end + delta),
// external_task.py; models/taskinstance.py is_eligible_to_retry (restarting is always eligible).
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, runs, sim, ti, tis } from './helpers.ts';

const daily2 = 'schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False';
const RUN = 'scheduled__2024-01-01T00:00:00+00:00';
const sensors = 'from airflow.sensors.time_delta import TimeDeltaSensor\nfrom airflow.sensors.external_task import ExternalTaskSensor\n';

function oneRun(body: string, until: string, extra: Record<string, string> = {}, config = {}) {
  const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': sensors + dag2(body, daily2), ...extra }, config);
  cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
  s.runUntil(at(until));
  return s;
}

describe('TimeDeltaSensor', () => {
  it('succeeds at the first poke after data_interval_end + delta (poke mode holds its slot)', () => {
    // interval ends 2024-01-02T00:00; delta 30 min; pokes every 10 min from 00:00 -> true at 00:40 (strictly after 00:30)
    const s = oneRun(
      'TimeDeltaSensor(task_id="wait", delta=timedelta(minutes=30), poke_interval=600) >> BashOperator(task_id="go", bash_command="echo go")',
      '2024-01-02T02:00:00Z',
    );
    expect(ti(s, RUN, 'wait')).toMatchObject({ state: 'success', try_number: 1, start_date: '2024-01-02T00:00:00Z', end_date: '2024-01-02T00:40:00Z' });
    expect(ti(s, RUN, 'go').start_date).toBe('2024-01-02T00:40:00Z');
  });

  it('mode=reschedule frees the worker slot between pokes', () => {
    const body = `TimeDeltaSensor(task_id="wait", delta=timedelta(minutes=30), poke_interval=600, mode="reschedule")
BashOperator(task_id="other", bash_command="sleep 60")`;
    const s = oneRun(body, '2024-01-02T00:05:00Z', {}, { 'core.parallelism': 1 });
    // with one slot, `other` can only run because the sensor gave its slot back
    expect(ti(s, RUN, 'wait').state).toBe('up_for_reschedule');
    expect(ti(s, RUN, 'other').state).toBe('success');
    s.runUntil(at('2024-01-02T02:00:00Z'));
    expect(ti(s, RUN, 'wait')).toMatchObject({ state: 'success', try_number: 1 });
  });

  it('times out without retrying: AirflowSensorTimeout fails the task even with retries left', () => {
    const s = oneRun('TimeDeltaSensor(task_id="wait", delta=timedelta(hours=5), poke_interval=600, timeout=1800, retries=3)', '2024-01-02T03:00:00Z');
    expect(ti(s, RUN, 'wait')).toMatchObject({ state: 'failed', try_number: 1 });
    const log = s.db.taskLogs.filter((l) => l.task_id === 'wait').map((l) => l.text).join('\n');
    expect(log).toMatch(/AirflowSensorTimeout: Sensor has timed out; run duration of 2400.0 seconds exceeds the specified timeout of 1800.0./);
  });

  it('soft_fail turns the timeout into skipped', () => {
    const s = oneRun('TimeDeltaSensor(task_id="wait", delta=timedelta(hours=5), poke_interval=600, timeout=1800, soft_fail=True)', '2024-01-02T03:00:00Z');
    expect(ti(s, RUN, 'wait').state).toBe('skipped');
    expect(runs(s)[0]!.state).toBe('success');
  });
});

describe('ExternalTaskSensor', () => {
  it('waits until the other DAG has run the task for the same logical date', () => {
    const upstream = dag2('BashOperator(task_id="export", bash_command="sleep 1800")', daily2, 'upstream');
    const s = sim('2', '2024-01-02T00:00:00Z', {
      'etl.py': sensors + dag2('ExternalTaskSensor(task_id="wait", external_dag_id="upstream", external_task_id="export", poke_interval=300)', daily2),
      'upstream.py': upstream,
    });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    cmd(s, '2024-01-02T01:00:00Z', 'airflow dags unpause upstream');
    s.runUntil(at('2024-01-02T03:00:00Z'));
    // upstream's export runs 01:00-01:30; the sensor's poke at 01:30 sees success
    expect(ti(s, RUN, 'wait')).toMatchObject({ state: 'success', end_date: '2024-01-02T01:30:00Z' });
  });
});

describe('clearing a running task', () => {
  it('restarting: the process is killed, the TI goes up_for_retry and runs again after retry_delay', () => {
    const s = oneRun('BashOperator(task_id="slow", bash_command="sleep 3600", retry_delay=timedelta(minutes=2))', '2024-01-02T00:10:00Z');
    expect(ti(s, RUN, 'slow').state).toBe('running');
    cmd(s, '2024-01-02T00:10:00Z', 'airflow tasks clear etl -t slow -y');
    expect(ti(s, RUN, 'slow')).toMatchObject({ state: 'up_for_retry', try_number: 1 });
    s.runUntil(at('2024-01-02T02:00:00Z'));
    expect(ti(s, RUN, 'slow')).toMatchObject({ state: 'success', try_number: 2, start_date: '2024-01-02T00:12:00Z' });
    expect(tis(s)).toHaveLength(1);
  });
});
