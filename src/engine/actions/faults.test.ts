// Faults: a killed Celery worker's tasks become zombies that the scheduler's heartbeat check fails
// (Airflow 2.10 airflow/jobs/scheduler_job_runner.py _find_zombies / _purge_zombies: TI running and
// Job.latest_heartbeat < now - scheduler_zombie_task_threshold (300 s), checked every
// zombie_detection_interval (10 s); a Log row "heartbeat timeout"; handle_failure retries.
// Airflow 3: the same with task_instance_heartbeat_timeout), and a stopped scheduler runs no loop
// while running tasks finish and Celery workers keep taking from the broker.
import { describe, expect, it } from 'vitest';
import { at, cmd, dag2, dag3, dump, sim, ti } from '../../../test/engine/helpers.ts';
import { whyNotRunning } from '../views/why.ts';
import { detectionAt, parseDuration } from './faults.ts';

const daily = 'schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False';
const RUN2 = 'scheduled__2024-01-01T00:00:00+00:00';
const celery = { 'core.executor': 'CeleryExecutor', 'sim.workers': 2, 'celery.worker_concurrency': 1 };

function killed(retries: number, profile: '2' | '3' = '2', config: Record<string, number> = {}) {
  const body = `BashOperator(task_id="t", bash_command="sleep 1800", retries=${retries}, retry_delay=timedelta(minutes=5))`;
  const s = sim(profile, '2024-01-02T00:00:00Z', { 'etl.py': profile === '2' ? dag2(body, daily) : dag3(body, daily) }, { ...celery, ...config });
  cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
  s.runUntil(at('2024-01-02T00:10:00Z'));
  const host = ti(s, profile === '2' ? RUN2 : s.db.dagRuns[0]!.run_id, 't').hostname;
  const out = cmd(s, '2024-01-02T00:10:00Z', `sim kill-worker ${host}`);
  return { s, out, host, run_id: s.db.dagRuns[0]!.run_id };
}

describe('sim kill-worker', () => {
  it('the task stays running until its heartbeat is older than 300 s, then goes up_for_retry', () => {
    const { s, out, run_id } = killed(1);
    expect(out).toContain('1 running task instance(s) stop heartbeating');
    // latest_heartbeat (00:10:00) < now - 300 s is first true at the 10 s check after 00:15:00
    expect(detectionAt(at('2024-01-02T00:10:00Z'))).toBe(at('2024-01-02T00:15:10Z'));
    s.runUntil(at('2024-01-02T00:15:00Z'));
    expect(ti(s, run_id, 't').state).toBe('running');
    s.runUntil(at('2024-01-02T00:15:10Z'));
    expect(ti(s, run_id, 't')).toMatchObject({ state: 'up_for_retry', try_number: 1, end_date: '2024-01-02T00:15:10Z' });
    const row = s.db.log.find((l) => l.event === 'heartbeat timeout')!;
    expect(row).toMatchObject({ task_id: 't', run_id, try_number: 1 });
    expect(row.extra).toContain('Task did not emit heartbeat within time limit (300 seconds) and will be terminated.');
    expect(s.messages.messages.some((m) => m.text.startsWith("Detected zombie job: {'DAG Id': 'etl', 'Task Id': 't'"))).toBe(true);
    // the dead process never reports: the try that would have ended at 00:30 does not; the retry (5 min later) runs
    s.runUntil(at('2024-01-02T01:00:00Z'));
    expect(ti(s, run_id, 't')).toMatchObject({ state: 'success', try_number: 2, start_date: '2024-01-02T00:20:10Z', end_date: '2024-01-02T00:50:10Z' });
  });

  // the limit is [scheduler] scheduler_zombie_task_threshold in 2.10 and task_instance_heartbeat_timeout in 3.x
  it('the heartbeat limit is the profile\'s config key', () => {
    const two = killed(1, '2', { 'scheduler.scheduler_zombie_task_threshold': 60 });
    two.s.runUntil(at('2024-01-02T00:11:10Z'));
    expect(ti(two.s, two.run_id, 't')).toMatchObject({ state: 'up_for_retry', end_date: '2024-01-02T00:11:10Z' });
    const three = killed(1, '3', { 'scheduler.task_instance_heartbeat_timeout': 120 });
    three.s.runUntil(at('2024-01-02T00:12:00Z'));
    expect(ti(three.s, three.run_id, 't').state).toBe('running');
    three.s.runUntil(at('2024-01-02T00:12:10Z'));
    expect(ti(three.s, three.run_id, 't')).toMatchObject({ state: 'up_for_retry', end_date: '2024-01-02T00:12:10Z' });
    expect(three.s.db.log.find((l) => l.event === 'heartbeat timeout')!.extra).toContain('within time limit (120 seconds)');
  });

  it('without retries left the task fails; Airflow 3 words it as a task instance without a heartbeat', () => {
    const { s, run_id } = killed(0, '3');
    s.runUntil(at('2024-01-02T00:20:00Z'));
    expect(ti(s, run_id, 't')).toMatchObject({ state: 'failed', end_date: '2024-01-02T00:15:10Z' });
    expect(s.messages.messages.some((m) => m.text.startsWith('Detected a task instance without a heartbeat: '))).toBe(true);
    expect(dump(s).dag_runs[0]!.state).toBe('failed');
  });

  // A clear sets a running TI to restarting and relies on its process to see that and stop; a
  // dead worker's process never does. Airflow 3's heartbeat check takes RUNNING and RESTARTING TIs
  // (airflow-core/src/airflow/jobs/scheduler_job_runner.py _find_task_instances_without_heartbeats);
  // 2.10's _find_zombies only RUNNING ones, so there the TI stays restarting.
  it('a zombie cleared while its worker is dead stays restarting; Airflow 3 fails it at the heartbeat check', () => {
    const { s, run_id } = killed(0, '3');
    cmd(s, '2024-01-02T00:11:00Z', 'airflow tasks clear etl -t t -y');
    s.runUntil(at('2024-01-02T00:15:00Z'));
    expect(ti(s, run_id, 't').state).toBe('restarting');
    // "why is this not running?" says what will happen, not "its process is being stopped"
    const row3 = [...s.db.tisOf(s.db.dagRuns[0]!)].find((x) => x.task_id === 't')!;
    expect(whyNotRunning(s, row3).summary).toMatch(/no process is left to stop\. The scheduler fails it once its heartbeat is more than 300 s old/);
    s.runUntil(at('2024-01-02T00:15:10Z'));
    // a restarting TI is always eligible to retry (TaskInstance.is_eligible_to_retry)
    expect(ti(s, run_id, 't')).toMatchObject({ state: 'up_for_retry', try_number: 1, end_date: '2024-01-02T00:15:10Z' });
    expect(s.db.log.some((l) => l.event === 'heartbeat timeout' && l.task_id === 't')).toBe(true);
  });

  it('Airflow 2.10: a zombie cleared while its worker is dead is not found by _find_zombies (running only)', () => {
    const { s, run_id } = killed(0, '2');
    cmd(s, '2024-01-02T00:11:00Z', 'airflow tasks clear etl -t t -y');
    s.runUntil(at('2024-01-02T01:00:00Z'));
    expect(ti(s, run_id, 't').state).toBe('restarting');
    expect(s.db.log.some((l) => l.event === 'heartbeat timeout')).toBe(false);
    const row2 = [...s.db.tisOf(s.db.dagRuns[0]!)].find((x) => x.task_id === 't')!;
    expect(whyNotRunning(s, row2).summary).toMatch(/zombie check only looks at running tasks, so it stays restarting\. Clear it again/);
    // clear_task_instances: only a RUNNING TI becomes RESTARTING; any other state is reset to None
    cmd(s, '2024-01-02T01:00:00Z', 'airflow tasks clear etl -t t -y');
    s.runUntil(at('2024-01-02T01:00:05Z'));
    expect(ti(s, run_id, 't').state).toBe('running');
  });

  it('the killed worker takes nothing until it is restarted', () => {
    const body = 'BashOperator(task_id="a", bash_command="sleep 60")\nBashOperator(task_id="b", bash_command="sleep 60")\nBashOperator(task_id="c", bash_command="sleep 60")';
    const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(body, daily) }, { ...celery, 'sim.workers': 2 });
    cmd(s, '2024-01-02T00:00:00Z', 'sim kill-worker worker-1 --for 10m');
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    s.runUntil(at('2024-01-02T00:30:00Z'));
    const hosts = ['a', 'b', 'c'].map((id) => ti(s, RUN2, id));
    // worker-2 runs them one after another; worker-1 comes back at 00:10, when all are done
    expect(hosts.map((t) => t.hostname)).toEqual(['worker-2', 'worker-2', 'worker-2']);
    expect(hosts.map((t) => t.start_date)).toEqual(['2024-01-02T00:00:00Z', '2024-01-02T00:01:00Z', '2024-01-02T00:02:00Z']);
  });

  it('refuses what is not a Celery worker, saying why', () => {
    const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2('EmptyOperator(task_id="e")', daily) });
    const r = s.command('sim kill-worker worker-1');
    expect(r.exit_code).toBe(1);
    expect(r.output).toContain('kill-worker needs the CeleryExecutor');
    const c = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2('EmptyOperator(task_id="e")', daily) }, celery);
    expect(c.command('sim kill-worker worker-9').output).toContain('No worker named worker-9 (workers: worker-1, worker-2)');
    expect(c.command('sim kill-worker worker-1 --for soon').output).toContain('is not a duration');
  });
});

describe('sim stop-scheduler', () => {
  const hourly = 'schedule="@hourly", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False';

  it('no run is created and nothing queued while it is stopped; running tasks finish; then it catches up', () => {
    const s = sim('3', '2024-01-02T00:00:00Z', { 'etl.py': dag3('BashOperator(task_id="a", bash_command="sleep 3600") >> BashOperator(task_id="b", bash_command="echo b")', hourly) });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    const out = cmd(s, '2024-01-02T00:30:00Z', 'sim stop-scheduler --for 2h');
    expect(out).toContain('Scheduler stopped until 2024-01-02T02:30:00Z');
    s.runUntil(at('2024-01-02T02:29:59Z'));
    const first = s.db.dagRuns[0]!.run_id;
    expect(s.db.dagRuns).toHaveLength(1);
    // the task process goes on without the scheduler and writes its end
    expect(ti(s, first, 'a')).toMatchObject({ state: 'success', end_date: '2024-01-02T01:00:00Z' });
    expect(ti(s, first, 'b').state).toBeNull();
    s.runUntil(at('2024-01-02T02:31:00Z'));
    expect(ti(s, first, 'b').start_date).toBe('2024-01-02T02:30:00Z');
    expect(s.db.dagRuns.length).toBeGreaterThan(1);
    expect(s.db.dagRuns.slice(1).every((r) => r.queued_at! >= at('2024-01-02T02:30:00Z'))).toBe(true);
  });

  it('Celery workers keep taking what is already in the broker', () => {
    const body = 'BashOperator(task_id="x", bash_command="sleep 600")\nBashOperator(task_id="y", bash_command="sleep 600")';
    const s = sim('2', '2024-01-02T00:00:00Z', { 'etl.py': dag2(body, daily) }, { ...celery, 'sim.workers': 1 });
    cmd(s, '2024-01-02T00:00:00Z', 'airflow dags unpause etl');
    cmd(s, '2024-01-02T00:05:00Z', 'sim stop-scheduler --for 1h');
    s.runUntil(at('2024-01-02T00:30:00Z'));
    expect(ti(s, RUN2, 'y')).toMatchObject({ state: 'success', start_date: '2024-01-02T00:10:00Z' });
  });

  it('reads durations as 90s, 10m, 1h, 2d', () => {
    expect([parseDuration('90s'), parseDuration('10m'), parseDuration('1h'), parseDuration('2d')]).toEqual([90_000, 600_000, 3_600_000, 172_800_000]);
    expect(parseDuration('0m')).toBeNull();
    expect(parseDuration('1 week')).toBeNull();
  });
});

describe('the architecture view shows the faults', () => {
  it('a killed worker is down until its restart; the scheduler counts the TIs without a heartbeat, and says when it is stopped', async () => {
    const { architecture } = await import('../views/architecture.ts');
    const { s, host } = killed(1);
    const v = architecture(s, 0, 0);
    expect(v.workers.find((w) => w.id === host)).toMatchObject({ down_until: '2024-01-02T00:15:00Z', slots_used: 0 });
    expect(v.scheduler).toMatchObject({ without_heartbeat: 1, stopped_until: null });
    cmd(s, '2024-01-02T00:10:00Z', 'sim stop-scheduler --for 30m');
    expect(architecture(s, 0, 0).scheduler.stopped_until).toBe('2024-01-02T00:40:00Z');
    // the check does not run while the scheduler is stopped: the zombie is found when it is back
    s.runUntil(at('2024-01-02T00:39:59Z'));
    expect(ti(s, RUN2, 't').state).toBe('running');
    s.runUntil(at('2024-01-02T00:40:00Z'));
    expect(ti(s, RUN2, 't')).toMatchObject({ state: 'up_for_retry', end_date: '2024-01-02T00:40:00Z' });
  });
});
