// Retry timing and eligibility (shared AIRFLOW.md §4.2-4.4), after
// TaskInstance.next_retry_datetime and _is_eligible_to_retry in airflow/models/taskinstance.py (2.10.3)
// and airflow-core/src/airflow/models/taskinstance.py (3.x main, with the 3.2 float multiplier).
import type { Profile } from '../../dagfile/spec.ts';
import { pyStr } from '../time.ts';
import { jitteredBackoff } from './jitter.ts';
import type { TIState } from './tiState.ts';

/** [core] max_task_retry_delay default (MAX_RETRY_DELAY in abstractoperator.py). */
export const DEFAULT_MAX_TASK_RETRY_DELAY_S = 86400;

export interface RetryDelayArgs {
  dag_id: string;
  task_id: string;
  /** the run's logical date (epoch ms); null only in 3.x (renders as "None" in the hash key) */
  logical_date: number | null;
  /** the attempt that failed (a TI in up_for_retry keeps that try_number) */
  try_number: number;
  retry_delay_s: number;
  /** TaskSpec.retry_exponential_backoff: 0/1 = off, 2 = True, 3.2+ may give another multiplier */
  retry_exponential_backoff: number;
  max_retry_delay_s: number | null;
  /** [core] max_task_retry_delay; default 86400 */
  max_task_retry_delay_s?: number;
}

/**
 * The backoff multiplier in force, or null for a plain retry_delay.
 * 2.10 (and 3.0/3.1) only test truthiness: any non-zero value means 2.
 * 3.2+: `multiplier = value if value != 0 else 1.0; if multiplier != 1.0 and multiplier > 0`.
 */
export function backoffMultiplier(value: number, profile: Profile): number | null {
  if (profile === '2') return value ? 2 : null;
  const m = value !== 0 ? value : 1.0;
  return m !== 1.0 && m > 0 ? m : null;
}

/** The string whose SHA-1 gives the jitter: "{dag_id}#{task_id}#{str(logical_date)}#{try_number}". */
export function retryJitterKey(a: Pick<RetryDelayArgs, 'dag_id' | 'task_id' | 'logical_date' | 'try_number'>): string {
  const logical = a.logical_date === null ? 'None' : pyStr(a.logical_date);
  return `${a.dag_id}#${a.task_id}#${logical}#${a.try_number}`;
}

/** Seconds between the failed attempt's end_date and the earliest retry. */
export function nextRetryDelaySeconds(a: RetryDelayArgs, profile: Profile): number {
  const m = backoffMultiplier(a.retry_exponential_backoff, profile);
  if (m === null) return a.retry_delay_s; // max_retry_delay is ignored without backoff
  const cap = a.max_task_retry_delay_s ?? DEFAULT_MAX_TASK_RETRY_DELAY_S;
  let minBackoff = Math.ceil(a.retry_delay_s * m ** (a.try_number - 1));
  // 3.x catches the OverflowError and uses the cap (2.10 would crash; unreachable in practice)
  if (!Number.isFinite(minBackoff)) minBackoff = cap;
  if (minBackoff < 1) minBackoff = 1;
  const jittered = jitteredBackoff(retryJitterKey(a), BigInt(minBackoff));
  let delay = Number(jittered < BigInt(cap) ? jittered : BigInt(cap));
  if (a.max_retry_delay_s) delay = Math.min(delay, a.max_retry_delay_s); // timedelta(0) is falsy: ignored
  return delay;
}

/** next_retry_datetime: the failed attempt's end_date plus the delay (epoch ms). */
export function nextRetryAt(end_date_ms: number, a: RetryDelayArgs, profile: Profile): number {
  return end_date_ms + Math.round(nextRetryDelaySeconds(a, profile) * 1000);
}

/**
 * _is_eligible_to_retry: a failure becomes up_for_retry (not failed) when this holds.
 * A TI cleared while running (restarting) is always eligible.
 */
export function isEligibleToRetry(ti: { state: TIState; try_number: number; max_tries: number }, retries: number): boolean {
  if (ti.state === 'restarting') return true;
  return retries > 0 && ti.try_number <= ti.max_tries;
}

/**
 * max_tries after `clear_task_instances` for a TI that was not running: try_number + retries, a fresh
 * budget (try_number itself is kept). A running TI goes to restarting and keeps its max_tries.
 */
export function maxTriesAfterClear(try_number: number, retries: number): number {
  return try_number + retries;
}

/**
 * try_number when the scheduler moves a TI to scheduled: +1 from None or up_for_retry, unchanged
 * from up_for_reschedule (a reschedule-mode sensor keeps its try across pokes). AIRFLOW.md §4.2.
 */
export function tryNumberWhenScheduled(from: TIState, try_number: number): number {
  return from === 'up_for_reschedule' ? try_number : try_number + 1;
}
