// Whether one task instance may be scheduled: the scheduler's dependency checks.
// Airflow: ti_deps/deps/trigger_rule_dep.py (flag_upstream_failed=True),
// prev_dagrun_dep.py (depends_on_past, wait_for_downstream),
// not_in_retry_period_dep.py, ready_to_reschedule.py.
import type { Profile, TaskSpec } from '../../dagfile/spec.ts';
import type { LoadedDag } from '../context.ts';
import type { Metastore } from '../metastore/metastore.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';
import { evaluateTriggerRule, type UpstreamCounts } from '../rules/triggerRule.ts';

/** Which of Airflow's dependencies decided: TriggerRuleDep, PrevDagrunDep, NotInRetryPeriodDep, ReadyToRescheduleDep. */
export type DepName = 'trigger_rule' | 'depends_on_past' | 'retry_period' | 'reschedule_period';

export type DepResult =
  | { kind: 'ready' }
  | { kind: 'mark'; dep: 'trigger_rule'; state: 'skipped' | 'upstream_failed'; reason: string }
  | { kind: 'blocked'; dep: DepName; reason: string; /** when it may pass by itself (retry delay, reschedule) */ until?: number };

export interface DepInput {
  db: Metastore;
  dag: LoadedDag;
  run: DagRunRow;
  task: TaskSpec;
  ti: TaskInstanceRow;
  /** this run's TIs by task_id */
  tis: ReadonlyMap<string, TaskInstanceRow>;
  now: number;
  profile: Profile;
  /** the first run of a backfill ignores depends_on_past */
  ignoreDependsOnPast?: boolean;
  /** _are_premature_tis: ignore the retry and reschedule waiting periods */
  ignoreWaitPeriods?: boolean;
}

export function upstreamCounts(task: TaskSpec, tis: ReadonlyMap<string, TaskInstanceRow>): UpstreamCounts {
  const c: UpstreamCounts = { success: 0, failed: 0, skipped: 0, upstream_failed: 0, removed: 0, done: 0, total: 0 };
  for (const up of task.upstream_task_ids) {
    c.total++;
    const s = tis.get(up)?.state;
    if (s === 'success') c.success++;
    else if (s === 'failed') c.failed++;
    else if (s === 'skipped') c.skipped++;
    else if (s === 'upstream_failed') c.upstream_failed++;
    else if (s === 'removed') c.removed++;
    else continue;
    c.done++;
  }
  return c;
}

export function evaluateDeps(d: DepInput): DepResult {
  const decision = evaluateTriggerRule(d.task.trigger_rule, upstreamCounts(d.task, d.tis), d.profile);
  if (decision.kind === 'skip') return { kind: 'mark', dep: 'trigger_rule', state: 'skipped', reason: decision.reason };
  if (decision.kind === 'upstream_failed') return { kind: 'mark', dep: 'trigger_rule', state: 'upstream_failed', reason: decision.reason };
  if (decision.kind === 'wait') return { kind: 'blocked', dep: 'trigger_rule', reason: decision.reason };

  const past = d.ignoreDependsOnPast ? null : dependsOnPastBlock(d);
  if (past) return { kind: 'blocked', dep: 'depends_on_past', reason: past };

  if (!d.ignoreWaitPeriods) {
    if (d.ti.state === 'up_for_retry' && d.ti.next_retry_at !== null && d.now < d.ti.next_retry_at) {
      return { kind: 'blocked', dep: 'retry_period', reason: 'waiting for the retry delay to pass', until: d.ti.next_retry_at };
    }
    if (d.ti.state === 'up_for_reschedule' && d.ti.reschedule_at !== null && d.now < d.ti.reschedule_at) {
      return { kind: 'blocked', dep: 'reschedule_period', reason: 'the sensor is waiting for its next poke', until: d.ti.reschedule_at };
    }
  }
  return { kind: 'ready' };
}

/** PrevDagrunDep: the reason the TI must wait, or null when it may go. */
function dependsOnPastBlock(d: DepInput): string | null {
  const { task, run, db } = d;
  if (!task.depends_on_past && !task.wait_for_downstream) return null;
  if (run.logical_date === null) return null;
  const prev = previousRun(db, run, d.dag.catchup);
  if (!prev) return null; // first run ever: passes
  if (d.dag.catchup && task.start_date && prev.logical_date! < task.start_date.epoch_ms) return null;
  const prevTi = db.getTaskInstance(prev.dag_id, prev.run_id, task.task_id);
  if (!prevTi) {
    if (task.ignore_first_depends_on_past && !hasEarlierTi(db, run, task.task_id)) return null;
    return "depends_on_past is true for this task's DAG, but the previous task instance has not run yet.";
  }
  if (prevTi.state !== 'success' && prevTi.state !== 'skipped') {
    return `depends_on_past is true for this task, but the previous task instance (run ${prev.run_id}) is in the state '${prevTi.state ?? 'None'}' which is not a successful state.`;
  }
  if (task.wait_for_downstream) {
    const downstream = d.dag.downstream.get(task.task_id) ?? [];
    const done = downstream.every((id) => {
      const s = db.getTaskInstance(prev.dag_id, prev.run_id, id)?.state;
      return s === 'success' || s === 'skipped';
    });
    if (!done) {
      return `The tasks downstream of the previous task instance (run ${prev.run_id}) haven't completed (and wait_for_downstream is True).`;
    }
  }
  return null;
}

/** With catchup the previous non-manual run, otherwise the previous run of any type (by logical date). */
function previousRun(db: Metastore, run: DagRunRow, catchup: boolean): DagRunRow | null {
  let best: DagRunRow | null = null;
  for (const r of db.runsOf(run.dag_id)) {
    if (r.logical_date === null || r.logical_date >= run.logical_date!) continue;
    if (catchup && r.run_type === 'manual') continue;
    if (!best || r.logical_date > best.logical_date!) best = r;
  }
  return best;
}

function hasEarlierTi(db: Metastore, run: DagRunRow, task_id: string): boolean {
  return db.runsOf(run.dag_id).some(
    (r) => r.logical_date !== null && r.logical_date < run.logical_date! && !!db.getTaskInstance(r.dag_id, r.run_id, task_id),
  );
}
