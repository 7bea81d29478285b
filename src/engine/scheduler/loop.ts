// One loop of the scheduler (SchedulerJobRunner._do_scheduling), run whenever
// something may have changed: a command, a finished task, a due run or retry.
//   1. create runs whose next_dagrun_create_after has come (_create_dagruns_for_dags)
//   2. queued runs -> running within max_active_runs (_start_queued_dagruns)
//   3. each running run: dagrun_timeout, update_state, schedule_tis (_schedule_all_dag_runs)
//   4. scheduled TIs -> queued within the limits, sent to the executor (critical section)
//   5. the executor hands queued TIs to free worker slots (executor heartbeat)
import { purgeZombies } from '../actions/faults.ts';
import { cfgNum } from '../config.ts';
import type { DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { generateRunId } from '../timetables/runid.ts';
import { startQueuedRuns } from './dagRuns.ts';
import { enqueueScheduled } from './queueing.ts';
import { passOverRun } from './runState.ts';

export function schedulerLoop(sim: Simulation): void {
  // _find_and_purge_zombies runs on its own timer in the scheduler's loop (actions/faults.ts)
  if (sim.faults.zombies.size) purgeZombies(sim);
  let again = createDueRuns(sim);
  startQueuedRuns(sim.db, sim.now, (run) => {
    sim.message('scheduler', 'metastore', 'start_dag_run', `run ${run.run_id} is now running`, run);
    const timeout = sim.loaded.get(run.dag_id)?.spec.dagrun_timeout_s;
    // the check is strict (start_date < now - timeout): the first loop after the deadline sees it,
    // and Airflow's scheduler loops about every second
    if (timeout) wakeRunAt(sim, run, sim.now + timeout * 1000 + 1000);
  }, (run) => examinable(sim, run));
  for (const run of runsToExamine(sim)) {
    if (run.state !== 'running') continue;
    if (!examinable(sim, run)) {
      sim.db.markDirty(run); // look again once it can be examined (unpaused, due)
      continue;
    }
    again = examineRun(sim, run) || again;
  }
  sim.backfills2.tick();
  const q = enqueueScheduled({ db: sim.db, loaded: sim.loaded, config: sim.config, now: sim.now, examinable: (r) => examinable(sim, r) });
  sim.waitingReasons = q.waiting;
  for (const ti of q.queued) {
    sim.message('scheduler', sim.executor.queueName, 'queue_task', `queue ${ti.task_id} (try ${ti.try_number})`, ti);
    sim.executor.submit(ti);
  }
  sim.workers.dispatch();
  markBackfillsComplete(sim);
  if (again || q.hitLoopLimit) sim.wakeScheduler();
}

/**
 * The runs whose state may have changed: those written to since the last loop, those whose
 * timer (retry delay, reschedule, dagrun_timeout) has come, and, for a DAG with
 * depends_on_past or wait_for_downstream tasks, all its unfinished runs (a run can unblock the next).
 * Airflow looks at up to 20 running runs a loop, round robin; re-examining an unchanged run
 * gives the same answer, so the simulator skips it.
 */
function runsToExamine(sim: Simulation): DagRunRow[] {
  const runs = new Set(sim.db.takeDirtyRuns());
  for (const [run, at] of sim.runWakes) {
    if (at > sim.now) continue;
    runs.add(run);
    sim.runWakes.delete(run);
  }
  for (const run of [...runs]) {
    const dag = sim.loaded.get(run.dag_id);
    if (dag?.spec.tasks.some((t) => t.depends_on_past || t.wait_for_downstream)) {
      for (const other of sim.db.unfinishedRunsOf(run.dag_id)) runs.add(other);
    }
  }
  return [...runs].sort((a, b) => a.id - b.id);
}

/** Examine `run` again at `at` (and wake the scheduler then). */
function wakeRunAt(sim: Simulation, run: DagRunRow, at: number): void {
  const prev = sim.runWakes.get(run);
  if (prev === undefined || at < prev || prev <= sim.now) sim.runWakes.set(run, at);
  sim.wakeScheduler(at);
}

/** The scheduler looks only at runs of unpaused, loaded DAGs; 2.10 backfill runs belong to the backfill job. */
export function examinable(sim: Simulation, run: DagRunRow): boolean {
  const row = sim.db.dags.get(run.dag_id);
  if (!row || row.is_paused || !row.is_active || !sim.loaded.has(run.dag_id)) return false;
  if (sim.profile === '2' && run.run_type === 'backfill') return false;
  return run.run_after <= sim.now;
}

/** Returns true when another loop should follow at once. */
function createDueRuns(sim: Simulation): boolean {
  const due: { dag_id: string; at: number }[] = [];
  for (const row of sim.db.dags.values()) {
    if (row.is_paused || !row.is_active || !sim.loaded.has(row.dag_id)) continue;
    sim.refreshIfStale(row.dag_id);
    if (row.next_dagrun_create_after !== null && row.next_dagrun_create_after <= sim.now) {
      due.push({ dag_id: row.dag_id, at: row.next_dagrun_create_after });
    } else if (row.next_dagrun_create_after !== null) {
      // Airflow's scheduler loops every second and would find it due then; we wake at that instant
      // (a DAG unpaused at the very tick its next run was computed has no other wake-up)
      sim.wakeScheduler(row.next_dagrun_create_after);
    }
  }
  due.sort((a, b) => a.at - b.at || (a.dag_id < b.dag_id ? -1 : 1));
  const perLoop = cfgNum(sim.config, 'scheduler.max_dagruns_to_create_per_loop');
  for (const { dag_id } of due.slice(0, perLoop)) createScheduledRun(sim, dag_id);
  return due.length > perLoop;
}

function createScheduledRun(sim: Simulation, dag_id: string): void {
  const row = sim.db.dags.get(dag_id)!;
  const interval = { start: row.next_dagrun_data_interval_start!, end: row.next_dagrun_data_interval_end! };
  const logical = row.next_dagrun!;
  const run_after = row.next_dagrun_create_after!;
  const run_id = generateRunId(sim.profile, 'scheduled', logical, run_after);
  // _create_dag_runs: skip a date that already has a run, but move on past it all the same
  const exists = sim.db.runAtLogicalDate(dag_id, logical) ?? sim.db.getDagRun(dag_id, run_id);
  if (!exists) {
    sim.createDagRun({
      dag_id,
      run_id,
      run_type: 'scheduled',
      state: 'queued',
      logical_date: logical,
      data_interval: interval,
      run_after,
      triggered_by: 'timetable',
    });
  }
  sim.refreshNextDagRun(dag_id, sim.now, interval);
}

/** dagrun_timeout, then one pass of update_state + schedule_tis. True: loop again now. */
function examineRun(sim: Simulation, run: DagRunRow): boolean {
  const dag = sim.loaded.get(run.dag_id)!;
  const timeout = dag.spec.dagrun_timeout_s;
  if (timeout && run.start_date !== null && run.start_date < sim.now - timeout * 1000) {
    // _schedule_dag_run: a timed-out run fails and its unfinished TIs become skipped
    for (const ti of sim.db.tisOf(run)) {
      if (ti.state === 'success' || ti.state === 'failed' || ti.state === 'skipped' || ti.state === 'upstream_failed' || ti.state === 'removed') continue;
      if (ti.state === 'running' || ti.state === 'queued') sim.workers.kill(ti);
      sim.db.setTIState(ti, 'skipped');
    }
    finishRun(sim, run, 'failed', `run ${run.run_id} timed out (dagrun_timeout); its unfinished tasks were skipped`);
    return true;
  }
  const pass = passOverRun({
    db: sim.db,
    dag,
    run,
    now: sim.now,
    profile: sim.profile,
    ignoreDependsOnPast: ignoresDependsOnPast(sim, run),
    onRemove: (ti) => sim.workers.kill(ti),
    onMark: (ti, reason) => sim.message('scheduler', 'metastore', 'set_state', `${ti.task_id} -> ${ti.state}: ${reason}`, ti),
  });
  for (const ti of pass.scheduled) {
    sim.message('scheduler', 'metastore', 'set_state', `${ti.task_id} -> ${ti.state} (try ${ti.try_number})`, ti);
  }
  if (pass.wakeAt !== null) wakeRunAt(sim, run, pass.wakeAt);
  if (pass.finished) {
    const why = pass.deadlock ? 'Task deadlock (no runnable tasks); marking run failed' : `Marking run ${pass.finished}`;
    finishRun(sim, run, pass.finished, why);
    return true;
  }
  return pass.changed;
}

export function finishRun(sim: Simulation, run: DagRunRow, state: 'success' | 'failed', why: string): void {
  sim.db.setRunState(run, state);
  run.end_date = sim.now;
  sim.message('scheduler', 'metastore', 'finish_dag_run', `${run.run_id}: ${why}`, run);
  // a finished run frees a max_active_runs slot: next_dagrun_create_after is recomputed with today's clock
  sim.refreshNextDagRun(run.dag_id);
}

/** _mark_backfills_complete (3.x): a backfill none of whose runs is queued or running is complete. */
function markBackfillsComplete(sim: Simulation): void {
  for (const b of sim.db.backfills) {
    if (b.completed_at !== null) continue;
    const open = [...sim.db.unfinishedRunsOf(b.dag_id)].some((r) => r.backfill_id === b.id);
    if (!open) {
      b.completed_at = sim.now;
      b.updated_at = sim.now;
      sim.message('scheduler', 'metastore', 'backfill_complete', `backfill ${b.id} of ${b.dag_id} is complete`);
    }
  }
}

/** Whether the run's TIs skip the depends_on_past check: the first date of a 2.10 backfill job,
 *  the first run of a 3.x backfill. */
export function ignoresDependsOnPast(sim: Simulation, run: DagRunRow): boolean {
  return sim.backfills2.ignoresDependsOnPast(run) || isFirstBackfillRun(sim, run);
}

/** 3.x: the first run of a backfill ignores depends_on_past (models/backfill.py). */
function isFirstBackfillRun(sim: Simulation, run: DagRunRow): boolean {
  if (run.backfill_id === null || run.sort_ordinal !== 1) return false;
  return sim.profile === '3';
}
