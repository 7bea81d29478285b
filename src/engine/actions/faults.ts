// Faults for demos, as commands a scenario can replay: a Celery worker killed, the scheduler
// stopped for a while. What Airflow does about them:
// - A killed worker's tasks stay `running` in the metastore: nothing reports their end. Their
//   task heartbeats stop, and the scheduler's periodic check fails them once the last heartbeat is
//   older than the threshold, with the usual retry handling (TaskInstance.handle_failure, run by
//   the DAG processor on the scheduler's callback). Airflow 2.10: airflow/jobs/scheduler_job_runner.py
//   _find_zombies (TI running, Job.latest_heartbeat < now - [scheduler] scheduler_zombie_task_threshold
//   = 300 s), checked every zombie_detection_interval = 10 s; _purge_zombies logs "Detected zombie
//   job" and writes a Log row with event "heartbeat timeout". Airflow 3: the same check on
//   TI.last_heartbeat_at, [scheduler] task_instance_heartbeat_timeout = 300 s, every
//   task_instance_heartbeat_timeout_detection_interval = 10 s ("Detected a task instance without a
//   heartbeat"). Simplified: the last heartbeat is taken at the kill (real ones come every few
//   seconds), and Celery's redelivery of unacknowledged messages (acks_late) is not modelled.
// - A stopped scheduler runs no loop: no run is created, no task queued, no zombie found. Tasks
//   already running go on and write their end; Celery workers still take what is already in the
//   broker. When it is back, the next loop catches up.
import { cfgNum } from '../config.ts';
import type { TaskInstanceRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';

/** [scheduler] scheduler_zombie_task_threshold (2.10) / task_instance_heartbeat_timeout (3.x), 300 s by default */
export function heartbeatTimeoutMs(sim: Pick<Simulation, 'profile' | 'config'>): number {
  return cfgNum(sim.config, sim.profile === '2' ? 'scheduler.scheduler_zombie_task_threshold' : 'scheduler.task_instance_heartbeat_timeout') * 1000;
}
/** 10 s: zombie_detection_interval (2.10) = task_instance_heartbeat_timeout_detection_interval (3.x) */
export const DETECTION_INTERVAL_MS = 10_000;

export class FaultError extends Error {}

/** The faults in force, part of the simulation's state (plain data: checkpoints copy it). */
export class Faults {
  /** no scheduler loop before this instant */
  schedulerDownUntil = -Infinity;
  /** TIs whose worker died, with their last heartbeat */
  readonly zombies = new Map<TaskInstanceRow, number>();
  /** Celery workers that are down, until when */
  readonly workersDown = new Map<string, number>();

  schedulerDown(now: number): boolean {
    return now < this.schedulerDownUntil;
  }
}

/** The first periodic check that sees a heartbeat at `hb` as too old (strictly older than the timeout). */
export function detectionAt(hb: number, timeoutMs = 300_000): number {
  return (Math.floor((hb + timeoutMs) / DETECTION_INTERVAL_MS) + 1) * DETECTION_INTERVAL_MS;
}

/** sim kill-worker: the worker process dies; its tasks become zombies; it is back after `downMs`. */
export function killWorker(sim: Simulation, name: string, downMs: number): { tis: TaskInstanceRow[]; detectAt: number; backAt: number } {
  if (sim.executor.kind !== 'CeleryExecutor') {
    throw new FaultError(
      `kill-worker needs the CeleryExecutor (core.executor is ${sim.executor.kind}): with it the task processes run inside the scheduler's executor, which sees a killed process at once`,
    );
  }
  const host = sim.executor.hosts.find((h) => h.name === name);
  if (!host) throw new FaultError(`No worker named ${name} (workers: ${sim.executor.hosts.map((h) => h.name).join(', ')})`);
  if (sim.faults.workersDown.has(name)) throw new FaultError(`${name} is already down (back at ${new Date(sim.faults.workersDown.get(name)!).toISOString()})`);
  const tis = [...host.running];
  for (const ti of tis) {
    sim.faults.zombies.set(ti, sim.now);
    sim.workers.abandon(ti);
  }
  host.running.clear();
  host.down = true;
  const backAt = sim.now + downMs;
  sim.faults.workersDown.set(name, backAt);
  sim.schedule(backAt, 'worker_up', { worker: name });
  sim.message('cli', name, 'kill', `kill -9 ${name}: ${tis.length} running task(s) stop heartbeating`);
  const detectAt = detectionAt(sim.now, heartbeatTimeoutMs(sim));
  if (tis.length) sim.wakeScheduler(detectAt);
  return { tis, detectAt, backAt };
}

/** The worker_up event: a restarted worker has all its slots free and takes from the broker. */
export function workerUp(sim: Simulation, name: string): void {
  if (sim.faults.workersDown.get(name) !== sim.now) return;
  sim.faults.workersDown.delete(name);
  const host = sim.executor.hosts.find((h) => h.name === name);
  if (host) host.down = false;
  sim.message(name, sim.executor.queueName, 'worker_up', `${name} is back and takes tasks from the ${sim.executor.queueName}`);
  sim.workers.dispatch();
}

/** The scheduler's heartbeat check, at the start of a loop: fail (or retry) the TIs found. */
export function purgeZombies(sim: Simulation): void {
  for (const [ti, hb] of [...sim.faults.zombies]) {
    // 3.x also takes RESTARTING (cleared while its process was dead): _find_task_instances_without_heartbeats
    if (ti.state !== 'running' && !(ti.state === 'restarting' && sim.profile === '3')) {
      sim.faults.zombies.delete(ti); // marked meanwhile (or, in 2.10, cleared: it stays restarting): nothing to detect
      continue;
    }
    if (sim.now < detectionAt(hb, heartbeatTimeoutMs(sim))) continue;
    sim.faults.zombies.delete(ti);
    const details = `{'DAG Id': '${ti.dag_id}', 'Task Id': '${ti.task_id}', 'Run Id': '${ti.run_id}'${ti.map_index !== -1 ? `, 'Map Index': ${ti.map_index}` : ''}${ti.hostname ? `, 'Hostname': '${ti.hostname}'` : ''}}`;
    const text =
      sim.profile === '2' ? `Detected zombie job: ${details}` : `Detected a task instance without a heartbeat: ${details}`;
    sim.message('scheduler', 'dag_processor', 'heartbeat_timeout', text, ti);
    sim.db.addLog({
      dttm: sim.now,
      dag_id: ti.dag_id,
      task_id: ti.task_id,
      run_id: ti.run_id,
      try_number: ti.try_number,
      event: 'heartbeat timeout',
      owner: 'airflow',
      extra: `Task did not emit heartbeat within time limit (${heartbeatTimeoutMs(sim) / 1000} seconds) and will be terminated. See https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/tasks.html#${sim.profile === '2' ? 'zombie-undead-tasks' : 'task-instance-heartbeat-timeout'}`,
    });
    // executor.change_state(FAILED, remove_running=True), then handle_failure in the DAG processor
    sim.executor.release(ti);
    ti.end_date = sim.now;
    ti.duration = ti.start_date !== null ? (sim.now - ti.start_date) / 1000 : 0;
    sim.workers.fail(ti, true);
    sim.message('dag_processor', 'metastore', 'set_state', `${ti.task_id} -> ${ti.state} (heartbeat timeout)`, ti);
    sim.db.markDirty(sim.db.runOf(ti));
    sim.wakeScheduler();
  }
}

/** sim stop-scheduler: no loop until `now + ms`; then it catches up. */
export function stopScheduler(sim: Simulation, ms: number): number {
  const until = Math.max(sim.faults.schedulerDownUntil, sim.now + ms);
  sim.faults.schedulerDownUntil = until;
  sim.message('cli', 'scheduler', 'stop', `scheduler stopped until ${new Date(until).toISOString()}`);
  sim.wakeScheduler(until);
  return until;
}

/** A loop that comes while the scheduler is stopped: Celery workers still take from the broker. */
export function loopWhileDown(sim: Simulation): void {
  if (sim.executor.kind === 'CeleryExecutor') sim.workers.dispatch();
}

/** "30s", "10m", "1h", "2d" -> ms; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n * unit : null;
}
