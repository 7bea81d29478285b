// Task-instance and DAG-run state vocabulary, after airflow/utils/state.py (2.10) and
// airflow-core/src/airflow/utils/state.py (3.x), plus the table of legal transitions
// (shared AIRFLOW.md §4.1, §8) that the engine asserts with.

/** `null` is Airflow's None: the TI exists but the scheduler has not decided anything yet. */
export type TIState =
  | null
  | 'scheduled'
  | 'queued'
  | 'running'
  | 'success'
  | 'failed'
  | 'up_for_retry'
  | 'up_for_reschedule'
  | 'deferred'
  | 'restarting'
  | 'upstream_failed'
  | 'skipped'
  | 'removed';

export type DagRunState = 'queued' | 'running' | 'success' | 'failed';

export const TI_STATES: readonly TIState[] = [
  null,
  'scheduled',
  'queued',
  'running',
  'success',
  'failed',
  'up_for_retry',
  'up_for_reschedule',
  'deferred',
  'restarting',
  'upstream_failed',
  'skipped',
  'removed',
];

export const DAG_RUN_STATES: readonly DagRunState[] = ['queued', 'running', 'success', 'failed'];

/** State.finished: terminal, needs no further action. */
export const FINISHED_STATES: ReadonlySet<TIState> = new Set<TIState>([
  'success',
  'failed',
  'skipped',
  'upstream_failed',
  'removed',
]);

/** State.unfinished. */
export const UNFINISHED_STATES: ReadonlySet<TIState> = new Set<TIState>([
  null,
  'scheduled',
  'queued',
  'running',
  'restarting',
  'up_for_retry',
  'up_for_reschedule',
  'deferred',
]);

/** State.failed_states / State.success_states (used by DagRun.update_state on leaves). */
export const FAILED_STATES: ReadonlySet<TIState> = new Set<TIState>(['failed', 'upstream_failed']);
export const SUCCESS_STATES: ReadonlySet<TIState> = new Set<TIState>(['success', 'skipped']);

/** ti_deps/dependencies_states.py SCHEDULEABLE_STATES: the states whose deps (trigger rule...) are evaluated. */
export const SCHEDULEABLE_STATES: ReadonlySet<TIState> = new Set<TIState>([null, 'up_for_retry', 'up_for_reschedule']);

/** State.adoptable_states: what a scheduler resets to None when the executor that held it is gone. */
export const ADOPTABLE_STATES: ReadonlySet<TIState> = new Set<TIState>(['queued', 'running', 'restarting']);

export const FINISHED_DR_STATES: ReadonlySet<DagRunState> = new Set<DagRunState>(['success', 'failed']);
export const UNFINISHED_DR_STATES: ReadonlySet<DagRunState> = new Set<DagRunState>(['queued', 'running']);

export function isFinished(state: TIState): boolean {
  return FINISHED_STATES.has(state);
}

/** Who makes a state change. The union of all actors is what `canTransition(from, to)` checks. */
export type TransitionActor = 'scheduler' | 'worker' | 'triggerer' | 'user';

/** The state a TI has in the table's keys: null is spelled 'none'. */
type Key = Exclude<TIState, null> | 'none';
const key = (s: TIState): Key => (s === null ? 'none' : s);

const SCHEDULER: Partial<Record<Key, TIState[]>> = {
  // deps met -> scheduled; trigger rule marks; task gone from the DAG -> removed;
  // EmptyOperator without callbacks -> success directly (DagRun.schedule_tis).
  none: ['scheduled', 'skipped', 'upstream_failed', 'removed', 'success'],
  // SCHEDULEABLE_STATES are re-evaluated too, so the trigger rule can mark them.
  up_for_retry: ['scheduled', 'skipped', 'upstream_failed', 'removed'],
  up_for_reschedule: ['scheduled', 'skipped', 'upstream_failed', 'removed'],
  scheduled: ['queued', 'removed'],
  // executor reports a failure / stuck in queued (requeue or fail); orphan reset -> None
  queued: ['scheduled', 'failed', 'up_for_retry', null],
  // zombie / executor-reported failure (handle_failure); orphan reset -> None
  running: ['failed', 'up_for_retry', null],
  restarting: [null],
  // trigger timeout: the scheduler sends the TI back to a worker to fail it (next_method="__fail__")
  deferred: ['scheduled'],
};

const WORKER: Partial<Record<Key, TIState[]>> = {
  queued: ['running'],
  running: ['success', 'failed', 'up_for_retry', 'skipped', 'up_for_reschedule', 'deferred'],
  // a TI cleared while running is killed and always eligible to retry (_is_eligible_to_retry)
  restarting: ['up_for_retry', 'failed'],
};

const TRIGGERER: Partial<Record<Key, TIState[]>> = {
  // trigger fired -> back to a worker (scheduled), or end_from_trigger ends it there
  deferred: ['scheduled', 'success', 'failed', 'skipped'],
};

/** Clear (-> None, running -> restarting) and mark success/failed/skipped (set_state) accept any state. */
function userTargets(from: TIState): TIState[] {
  const out: TIState[] = ['success', 'failed', 'skipped'];
  out.push(from === 'running' ? 'restarting' : null);
  return out.filter((s) => s !== from);
}

const TABLES: Record<Exclude<TransitionActor, 'user'>, Partial<Record<Key, TIState[]>>> = {
  scheduler: SCHEDULER,
  worker: WORKER,
  triggerer: TRIGGERER,
};

function actorTargets(from: TIState, actor: TransitionActor): TIState[] {
  if (actor === 'user') return userTargets(from);
  const targets = [...(TABLES[actor][key(from)] ?? [])];
  // dagrun_timeout: the scheduler fails the run and skips every unfinished TI (scheduler_job_runner.py)
  if (actor === 'scheduler' && UNFINISHED_STATES.has(from)) targets.push('skipped');
  return targets;
}

/** The states `from` may move to, for one actor or (no actor) for any of them. */
export function transitionsFrom(from: TIState, actor?: TransitionActor): TIState[] {
  const actors: TransitionActor[] = actor ? [actor] : ['scheduler', 'worker', 'triggerer', 'user'];
  const out = new Set<TIState>();
  for (const a of actors) for (const t of actorTargets(from, a)) out.add(t);
  return [...out];
}

/**
 * Whether Airflow ever moves a TI from `from` to `to` (for one actor, or any actor when omitted).
 * A state "moving" to itself is not a transition.
 */
export function canTransition(from: TIState, to: TIState, actor?: TransitionActor): boolean {
  if (from === to) return false;
  return transitionsFrom(from, actor).includes(to);
}

const DR_TRANSITIONS: Record<DagRunState, DagRunState[]> = {
  queued: ['running', 'success', 'failed'], // started by the scheduler, or marked by a user
  running: ['success', 'failed'], // update_state, dagrun_timeout, or marked; clearing keeps it running (§8)
  success: ['queued', 'failed'], // clear -> queued; mark failed
  failed: ['queued', 'success'], // clear -> queued; mark success
};

/** DAG-run state changes: queued -> running -> success|failed; clearing a finished run re-queues it (§8). */
export function canTransitionRun(from: DagRunState, to: DagRunState): boolean {
  return from !== to && DR_TRANSITIONS[from].includes(to);
}
