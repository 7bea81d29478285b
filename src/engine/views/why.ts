// "Why is this task not running?": the blocking dependencies of one task instance, decided by the
// engine's own rules, in the order a learner should read them:
//   1. the DAG (not loaded, paused)                          examinable() in scheduler/loop.ts
//   2. the run (2.10 backfill job, queued behind max_active_runs, not due, finished)
//                                                             startQueuedRuns in scheduler/dagRuns.ts
//   3. the task's dependencies (trigger rule, depends_on_past, retry delay, reschedule)
//                                                             evaluateDeps in scheduler/tiDeps.ts
//   4. the scheduler's limits for a scheduled TI (parallelism, pools, max_active_tasks, task
//      concurrency): the reason the last loop recorded (sim.waitingReasons), else the same check now
//                                                             scheduler/queueing.ts
//   5. a queued TI waits for an executor / worker slot       executor.ts
// Airflow evaluates the same set for its "dependencies" endpoint (3.x public/task_instances.py
// get_task_instance_dependencies; 2.10 www/views.py Airflow.task): SCHEDULER_QUEUED_DEPS plus the
// task's own deps (ti_deps/dependencies_deps.py).
import type { DagRunRow, TaskInstanceRow, TIState } from '../metastore/rows.ts';
import { FINISHED } from '../metastore/rows.ts';
import { queuedRunLimit, runningInGroup } from '../scheduler/dagRuns.ts';
import { ignoresDependsOnPast } from '../scheduler/loop.ts';
import { queueLimitFor } from '../scheduler/queueing.ts';
import { evaluateDeps, upstreamCounts } from '../scheduler/tiDeps.ts';
import type { Simulation } from '../simulation.ts';
import * as B from './blockers.ts';
import { iso, type Iso, type Lang } from './common.ts';

export type { Blocker, BlockerCode } from './blockers.ts';

export interface WhyNotRunning {
  state: TIState;
  /** done: finished; running: on a worker; waiting: something below holds it */
  status: 'done' | 'running' | 'waiting';
  /** what holds it, the first one first */
  blockers: B.Blocker[];
  /** one sentence: the first blocker, or what the task is doing */
  summary: string;
  /** for running TIs: the host it runs on, and since when */
  hostname: string | null;
  since: Iso;
}

/** the states the scheduler checks dependencies for (DagRun.schedule_tis / task_instance_scheduling_decisions) */
const SCHEDULEABLE = new Set<TIState>([null, 'up_for_retry', 'up_for_reschedule']);

export function whyNotRunning(sim: Simulation, ti: TaskInstanceRow, lang: Lang = 'en'): WhyNotRunning {
  const ko = lang === 'ko';
  const base = { state: ti.state, hostname: null, since: null };
  if (FINISHED.has(ti.state)) {
    const summary = ko ? `${ti.state} 상태로 끝났습니다.` : `It finished: ${ti.state}.`;
    return { ...base, status: 'done', blockers: [], summary };
  }
  if (ti.state === 'running') {
    const host = ti.hostname ?? '?';
    const summary = ko ? `${host}에서 실행 중입니다 (시도 ${ti.try_number}).` : `Running on ${host} (try ${ti.try_number}).`;
    return { ...base, status: 'running', blockers: [], summary, hostname: ti.hostname, since: iso(ti.start_date) };
  }
  const blockers = blockersOf(sim, ti, lang);
  return { ...base, status: 'waiting', blockers, summary: blockers[0]!.text };
}

function blockersOf(sim: Simulation, ti: TaskInstanceRow, lang: Lang): B.Blocker[] {
  if (ti.state === 'queued') return [executorQueue(sim, ti, lang)];
  if (ti.state === 'restarting') {
    // no process holds it (its worker was killed): nothing will stop it and report the retry
    const dead = !sim.executor.hostOf(ti) ? (ti.hostname ?? '?') : null;
    return [B.restarting(lang, dead, sim.profile)];
  }
  if (ti.state === 'deferred') return [B.deferred(lang)];
  const run = sim.db.runOf(ti);
  const out = [...dagBlockers(sim, run, lang), ...runBlockers(sim, run, lang)];
  if (SCHEDULEABLE.has(ti.state)) out.push(...depBlockers(sim, run, ti, lang));
  else if (out.length === 0) out.push(...queueBlockers(sim, ti, lang));
  if (out.length === 0) out.push(B.nextLoop(lang, ti.state));
  return out;
}

/** examinable(): the scheduler looks only at runs of loaded, active, unpaused DAGs.
 *  A 2.10 backfill job runs its dates whether the DAG is paused or not. */
function dagBlockers(sim: Simulation, run: DagRunRow, lang: Lang): B.Blocker[] {
  const row = sim.db.dags.get(run.dag_id);
  if (!row || !row.is_active || !sim.loaded.has(run.dag_id)) {
    const file = row?.fileloc ?? '?';
    const err = sim.db.importErrors.find((e) => e.filename === file);
    return [B.dagNotLoaded(lang, run.dag_id, file, err ? `line ${err.line}: ${err.message.split('\n')[0]}` : null)];
  }
  if (row.is_paused && !isBackfill2(sim, run)) return [B.dagPaused(lang, run.dag_id)];
  return [];
}

function isBackfill2(sim: Simulation, run: DagRunRow): boolean {
  return sim.profile === '2' && run.run_type === 'backfill';
}

function runBlockers(sim: Simulation, run: DagRunRow, lang: Lang): B.Blocker[] {
  if (isBackfill2(sim, run)) {
    const job = sim.backfills2.jobRunState(run);
    if (job === null && run.state !== 'success' && run.state !== 'failed') return [B.backfillJobOnly(lang)];
    if (job === 'waiting') return [B.backfillJobPass(lang)];
  }
  if (run.state === 'success' || run.state === 'failed') return [B.runFinished(lang, run.state)];
  if (isBackfill2(sim, run)) return [];
  if (run.run_after > sim.now) return [B.runNotDue(lang, run.run_after)];
  if (run.state !== 'queued') return [];
  const { limit, backfill } = queuedRunLimit(sim.db, run);
  if (backfill?.is_paused) return [B.backfillPaused(lang, backfill.id)];
  const running = runningInGroup(sim.db, run);
  if (running >= limit) return [B.runMaxActiveRuns(lang, running, limit, backfill?.id ?? null)];
  return [B.runQueued(lang)];
}

/** evaluateDeps, exactly as the scheduler's pass over the run calls it (scheduler/runState.ts). */
function depBlockers(sim: Simulation, run: DagRunRow, ti: TaskInstanceRow, lang: Lang): B.Blocker[] {
  const dag = sim.loaded.get(run.dag_id);
  if (!dag) return [];
  const task = dag.tasks.get(ti.task_id);
  if (!task) return [B.taskRemoved(lang, ti.task_id)];
  const tis = new Map<string, TaskInstanceRow>();
  for (const t of sim.db.tisOf(run)) tis.set(t.task_id, t);
  const dep = evaluateDeps({ db: sim.db, dag, run, task, ti, tis, now: sim.now, profile: sim.profile, ignoreDependsOnPast: ignoresDependsOnPast(sim, run) });
  if (dep.kind === 'ready') return [];
  if (dep.kind === 'mark') return [B.willBeMarked(lang, dep.state, dep.reason)];
  switch (dep.dep) {
    case 'trigger_rule': {
      const upstream = task.upstream_task_ids.map((id) => ({ task_id: id, state: tis.get(id)?.state ?? null }));
      return [B.triggerRule(lang, task.trigger_rule, upstreamCounts(task, tis), upstream, dep.reason)];
    }
    case 'depends_on_past':
      return [B.dependsOnPast(lang, dep.reason)];
    case 'retry_period':
      return [B.retryWait(lang, sim.now, dep.until!, ti.try_number, ti.max_tries)];
    case 'reschedule_period':
      return [B.rescheduleWait(lang, sim.now, dep.until!)];
  }
}

/** The critical section's reason from the last loop, else the same limits judged now. */
function queueBlockers(sim: Simulation, ti: TaskInstanceRow, lang: Lang): B.Blocker[] {
  const why = sim.waitingReasons.get(ti) ?? queueLimitFor({ db: sim.db, loaded: sim.loaded, config: sim.config }, ti);
  return why ? [B.queueLimit(lang, why, ti.dag_id, ti.task_id, sim.profile, sim.db.activeTIs.size)] : [];
}

/** A queued TI: in the executor's queue (Celery: the broker) until a slot frees. */
function executorQueue(sim: Simulation, ti: TaskInstanceRow, lang: Lang): B.Blocker {
  const ex = sim.executor;
  let used = 0;
  let total = 0;
  for (const h of ex.hosts) {
    used += h.running.size;
    total += h.slots;
  }
  const i = ex.waiting.indexOf(ti);
  return B.executorQueue(lang, {
    queue: ex.queueName,
    position: i >= 0 ? i + 1 : null,
    waiting: ex.waiting.length,
    used,
    total: Number.isFinite(total) ? total : null,
    workers: ex.kind === 'CeleryExecutor' ? ex.hosts.length : 1,
  });
}
