// One scheduler pass over one running dag run: DagRun.update_state and
// DagRun.schedule_tis (airflow-core/src/airflow/models/dagrun.py).
// - TIs in None/up_for_retry/up_for_reschedule are checked; the trigger rule may
//   mark them skipped/upstream_failed at once (flag_upstream_failed=True).
// - The run's state comes from its leaf tasks only, once nothing is unfinished.
// - Deadlock: unfinished TIs remain, none can run, and none depends on the past,
//   has a per-task concurrency limit or is deferred ("should_schedule").
// - schedule_tis: try_number+1 on the way to scheduled (not from up_for_reschedule);
//   EmptyOperator goes straight to success without an executor.
import type { Profile } from '../../dagfile/spec.ts';
import type { LoadedDag } from '../context.ts';
import type { Metastore } from '../metastore/metastore.ts';
import { UNFINISHED, type DagRunRow, type TaskInstanceRow } from '../metastore/rows.ts';
import { evaluateDeps } from './tiDeps.ts';

const SCHEDULEABLE = new Set([null, 'up_for_retry', 'up_for_reschedule']);
/** unfinished states whose TI is already on its way: its dependencies were met */
const IN_FLIGHT = new Set(['scheduled', 'queued', 'running', 'restarting', 'deferred']);

export interface RunPass {
  /** TIs that moved to scheduled (or straight to success, for EmptyOperator) */
  scheduled: TaskInstanceRow[];
  /** the trigger rule changed some TI's state: another pass may change more */
  changed: boolean;
  /** the run reached a final state in this pass */
  finished: 'success' | 'failed' | null;
  deadlock: boolean;
  /** the earliest instant a blocked TI may pass by itself (retry delay, reschedule) */
  wakeAt: number | null;
}

export interface RunPassInput {
  db: Metastore;
  dag: LoadedDag;
  run: DagRunRow;
  now: number;
  profile: Profile;
  /** the first run of a 3.x backfill (and every 2.10 backfill run's first date) ignores depends_on_past */
  ignoreDependsOnPast?: boolean;
  onMark?: (ti: TaskInstanceRow, reason: string) => void;
  /** a TI whose task left the DAG is about to be marked removed (stop it if it runs) */
  onRemove?: (ti: TaskInstanceRow) => void;
}

export function passOverRun(p: RunPassInput): RunPass {
  const { db, dag, run, now } = p;
  const tis = new Map<string, TaskInstanceRow>();
  for (const ti of db.tisOf(run)) tis.set(ti.task_id, ti);
  const out: RunPass = { scheduled: [], changed: false, finished: null, deadlock: false, wakeAt: null };
  const ready: TaskInstanceRow[] = [];
  let premature = false;

  for (const ti of tis.values()) {
    const task = dag.tasks.get(ti.task_id);
    if (!task) {
      // task_instance_scheduling_decisions: a TI whose task left the DAG is marked removed
      if (ti.state !== 'removed') {
        p.onRemove?.(ti);
        db.setTIState(ti, 'removed');
        out.changed = true;
      }
      continue;
    }
    if (!SCHEDULEABLE.has(ti.state)) continue;
    const input = { db, dag, run, task, ti, tis, now, profile: p.profile, ignoreDependsOnPast: p.ignoreDependsOnPast };
    const dep = evaluateDeps(input);
    if (dep.kind === 'mark') {
      db.setTIState(ti, dep.state);
      ti.start_date ??= now;
      ti.end_date ??= now;
      ti.duration = (ti.end_date - ti.start_date) / 1000;
      out.changed = true;
      p.onMark?.(ti, dep.reason);
    } else if (dep.kind === 'ready') {
      ready.push(ti);
    } else if (dep.until !== undefined) {
      out.wakeAt = Math.min(out.wakeAt ?? Infinity, dep.until);
      premature ||= evaluateDeps({ ...input, ignoreWaitPeriods: true }).kind === 'ready';
    }
  }

  for (const ti of ready) scheduleTi(db, dag, ti, now, out);

  const unfinished = [...tis.values()].filter((t) => UNFINISHED.has(t.state));
  const leaves = leafTis(dag, tis);
  if (unfinished.length === 0 && leaves.some((t) => t.state === 'failed' || t.state === 'upstream_failed')) {
    out.finished = 'failed';
  } else if (unfinished.length === 0 && leaves.every((t) => t.state === 'success' || t.state === 'skipped')) {
    out.finished = 'success';
  } else if (shouldSchedule(dag, unfinished)) {
    const runnable = out.scheduled.length > 0 || out.changed || premature || unfinished.some((t) => IN_FLIGHT.has(t.state!));
    if (!runnable) {
      out.finished = 'failed';
      out.deadlock = true;
    }
  }
  return out;
}

function scheduleTi(db: Metastore, dag: LoadedDag, ti: TaskInstanceRow, now: number, out: RunPass): void {
  const task = dag.tasks.get(ti.task_id)!;
  if (ti.state === 'up_for_retry') db.archiveTry(ti);
  if (ti.state !== 'up_for_reschedule') ti.try_number += 1;
  if (task.op.kind === 'empty') {
    // DagRun.schedule_tis: EmptyOperator without callbacks never reaches an executor.
    db.setTIState(ti, 'success');
    ti.start_date = now;
    ti.end_date = now;
    ti.duration = 0;
    out.changed = true;
  } else {
    db.setTIState(ti, 'scheduled');
  }
  out.scheduled.push(ti);
}

function leafTis(dag: LoadedDag, tis: ReadonlyMap<string, TaskInstanceRow>): TaskInstanceRow[] {
  const leaves: TaskInstanceRow[] = [];
  for (const [task_id, ti] of tis) {
    if ((dag.downstream.get(task_id) ?? []).length === 0 && ti.state !== 'removed') leaves.push(ti);
  }
  return leaves;
}

/** _UnfinishedStates.should_schedule: only then may a run be declared deadlocked. */
function shouldSchedule(dag: LoadedDag, unfinished: TaskInstanceRow[]): boolean {
  if (unfinished.length === 0) return false;
  return unfinished.every((ti) => {
    const task = dag.tasks.get(ti.task_id);
    if (!task) return true;
    return (
      !task.depends_on_past &&
      task.max_active_tis_per_dag === null &&
      task.max_active_tis_per_dagrun === null &&
      ti.state !== 'deferred'
    );
  });
}

