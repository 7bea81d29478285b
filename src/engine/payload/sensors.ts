// What a sensor decides at each poke, and when it pokes next. The engine schedules the events.
// Sources: 2.10 airflow/sensors/base.py, time_delta.py, date_time.py, external_task.py,
// airflow/utils/sensor_helper.py; 3.x task-sdk/src/airflow/sdk/bases/sensor.py and
// providers/standard/src/airflow/providers/standard/sensors/{time_delta,date_time,external_task}.py.
import { Temporal } from 'temporal-polyfill';
import type { DeltaSpec, OperatorKind, Profile } from '../../dagfile/spec.ts';
import { jitteredBackoff } from '../rules/jitter.ts';
import { pyStr } from '../time.ts';

export type SensorSpec = Extract<OperatorKind, { kind: 'sensor' }>;

/** [sensors] default_timeout (7 days), the default of BaseSensorOperator(timeout=...). */
export const DEFAULT_SENSOR_TIMEOUT_S = 604800;

/** datetime + timedelta / relativedelta (years and months first, day clipped to the month, then the rest). */
export function addDelta(ms: number, delta: DeltaSpec, sign: 1 | -1 = 1): number {
  if (delta.kind === 'timedelta') return ms + sign * delta.seconds * 1000;
  const start = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO('UTC');
  const moved = start.add({ years: sign * delta.years, months: sign * delta.months }, { overflow: 'constrain' });
  const rest = ((delta.weeks * 7 + delta.days) * 86400 + delta.hours * 3600 + delta.minutes * 60 + delta.seconds) * 1000;
  return moved.epochMilliseconds + sign * rest;
}

// ---- targets of the time sensors ----------------------------------------------------------

export interface RunTimes {
  data_interval_end: number | null;
  /** 3.x dag_run.run_after */
  run_after: number | null;
}

/**
 * TimeDeltaSensor: data_interval_end + delta. 3.x falls back to run_after when the run has no
 * data interval (a manual run without a logical date); 2.10 always has one.
 */
export function timeDeltaTarget(delta: DeltaSpec, run: RunTimes, profile: Profile): number {
  const base = run.data_interval_end ?? (profile === '3' ? run.run_after : null);
  if (base === null) throw new Error('`data_interval_end` not found in task context.');
  return addDelta(base, delta);
}

/**
 * DateTimeSensor target: timezone.parse(rendered target_time), where a naive time is read in
 * [core] default_timezone. Returns epoch ms, or an error message like pendulum's ParserError.
 */
export function parseTargetTime(text: string, default_tz = 'UTC'): { ok: true; ms: number } | { ok: false; error: string } {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(t);
  if (!m) return { ok: false, error: `ParserError: Unable to parse string [${text}]` };
  const pad = (s: string | undefined, n = 2): string => (s ?? '0').padStart(n, '0');
  const local = `${m[1]}-${m[2]}-${m[3]}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}.${(m[7] ?? '0').padEnd(6, '0').slice(0, 3)}`;
  try {
    const pdt = Temporal.PlainDateTime.from(local, { overflow: 'reject' });
    if (m[8]) {
      const off = m[8] === 'Z' ? '+00:00' : m[8].length === 3 ? `${m[8]}:00` : m[8].includes(':') ? m[8] : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
      return { ok: true, ms: Temporal.Instant.from(`${local}${off}`).epochMilliseconds };
    }
    return { ok: true, ms: pdt.toZonedDateTime(default_tz).epochMilliseconds };
  } catch {
    return { ok: false, error: `ParserError: Unable to parse string [${text}]` };
  }
}

/**
 * The moment a time sensor waits for: TimeDeltaSensor from the run's times, DateTimeSensor from its
 * rendered target_time (render it with template.ts first). null for the other sensors.
 */
export function sensorTargetTime(
  sensor: SensorSpec,
  run: RunTimes,
  profile: Profile,
  rendered_target_time: string | null = null,
  default_tz = 'UTC',
): { ok: true; ms: number | null } | { ok: false; error: string } {
  if (sensor.sensor === 'time_delta') {
    try {
      return { ok: true, ms: timeDeltaTarget(sensor.delta ?? { kind: 'timedelta', seconds: 0 }, run, profile) };
    } catch (e) {
      return { ok: false, error: `ValueError: ${(e as Error).message}` };
    }
  }
  if (sensor.sensor === 'date_time') return parseTargetTime(rendered_target_time ?? sensor.target_time ?? '', default_tz);
  return { ok: true, ms: null };
}

/** Both time sensors succeed when `utcnow() > target` (strictly after). */
export function timeReached(now_ms: number, target_ms: number): boolean {
  return now_ms > target_ms;
}

/**
 * FileSensor / PythonSensor in the simulator: the condition becomes true `ready_after_s` seconds
 * after the first poke (sim.ready_after_s; null means at once).
 */
export function simulatedConditionMet(first_poke_ms: number, now_ms: number, ready_after_s: number | null): boolean {
  return now_ms - first_poke_ms >= (ready_after_s ?? 0) * 1000;
}

// ---- ExternalTaskSensor ------------------------------------------------------------------

export type PokeOutcome =
  | { kind: 'done' }
  | { kind: 'not_yet' }
  /** the poke raised: the TI fails (or retries, if it has retries left) */
  | { kind: 'fail'; message: string }
  /** AirflowSkipException */
  | { kind: 'skip'; message: string };

/** The dates ExternalTaskSensor looks at: (logical_date, or 3.x run_after) - execution_delta. */
export function externalTaskDates(sensor: SensorSpec, logical_date: number | null, run_after: number | null, profile: Profile): number[] {
  const base = logical_date ?? (profile === '3' ? run_after : null);
  if (base === null) throw new Error('Either `logical_date` or `dag_run.run_after` must be provided in the context');
  return [sensor.execution_delta ? addDelta(base, sensor.execution_delta, -1) : base];
}

/**
 * State of the external TI (task_id given) or DagRun (task_id null) at a logical date, or null when
 * it does not exist.
 */
export type ExternalStateLookup = (dag_id: string, task_id: string | null, logical_date: number) => string | null;

/**
 * One poke of ExternalTaskSensor: failed_states first (fail, or skip with soft_fail), then
 * skipped_states, then success when every date is in allowed_states (default ['success']).
 * A missing run or TI counts as nothing: the sensor keeps waiting until its timeout.
 */
export function externalTaskPoke(
  sensor: SensorSpec,
  dates: number[],
  lookup: ExternalStateLookup,
  skipped_states: string[] = [],
): PokeOutcome {
  const dag = sensor.external_dag_id ?? '';
  const tasks = sensor.external_task_id ? [sensor.external_task_id] : null;
  const allowed = sensor.allowed_states.length ? sensor.allowed_states : ['success'];
  // sensor_helper._get_count: matching TIs divided by the number of task ids, or matching DagRuns
  const count = (states: string[]): number => {
    let n = 0;
    for (const d of dates) {
      for (const t of tasks ?? [null]) {
        const s = lookup(dag, t, d);
        if (s !== null && states.includes(s)) n++;
      }
    }
    return tasks ? n / tasks.length : n;
  };
  const what = tasks ? `Some of the external tasks ['${tasks.join("', '")}'] in DAG ${dag}` : `The external DAG ${dag}`;
  if (sensor.failed_states.length && count(sensor.failed_states) > 0) {
    return sensor.soft_fail ? { kind: 'skip', message: `${what} failed. Skipping due to soft_fail.` } : { kind: 'fail', message: `${what} failed.` };
  }
  if (skipped_states.length && count(skipped_states) > 0) {
    return { kind: 'skip', message: `${what} reached a state in our states-to-skip-on list. Skipping.` };
  }
  return count(allowed) === dates.length ? { kind: 'done' } : { kind: 'not_yet' };
}

// ---- timing: timeout, poke interval, reschedule ---------------------------------------------

export interface SensorClock {
  dag_id: string;
  task_id: string;
  now_ms: number;
  /**
   * When the sensor's clock started. poke mode: the start of this try. reschedule mode: the start
   * date of the first try since the TI was last cleared (first_try_number = max_tries - retries + 1),
   * so a timeout spans reschedules and even retries.
   */
  started_ms: number;
  /** pokes done so far in this poke-mode try (1 after the first poke) */
  poke_count: number;
  /** BaseSensorOperator(max_wait=...) in seconds, if given */
  max_wait_s?: number | null;
  /** the str() of started_at hashed for the jitter, when the caller knows it (see nextPokeInterval) */
  started_at_repr?: string;
}

export type AfterFalsePoke =
  /** AirflowSensorTimeout: failed, never retried; with soft_fail it is skipped instead */
  | { kind: 'timeout'; skipped: boolean; message: string }
  /** poke mode: the worker sleeps and pokes again, holding its slot */
  | { kind: 'poke_again'; at_ms: number; interval_s: number }
  /** reschedule mode: up_for_reschedule, the slot is freed until at_ms */
  | { kind: 'reschedule'; at_ms: number; interval_s: number };

/** Python's repr of a float (seconds): 3600.0, 12.5 */
function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** What BaseSensorOperator.execute does after a poke returned False. */
export function afterFalsePoke(sensor: SensorSpec, c: SensorClock): AfterFalsePoke {
  const runDuration = (c.now_ms - c.started_ms) / 1000;
  if (runDuration > sensor.timeout_s) {
    const message = `Sensor has timed out; run duration of ${pyFloat(runDuration)} seconds exceeds the specified timeout of ${pyFloat(sensor.timeout_s)}.`;
    return { kind: 'timeout', skipped: sensor.soft_fail, message };
  }
  const interval_s = nextPokeInterval(sensor, c);
  const at_ms = c.now_ms + Math.round(interval_s * 1000);
  return sensor.mode === 'reschedule' ? { kind: 'reschedule', at_ms, interval_s } : { kind: 'poke_again', at_ms, interval_s };
}

/**
 * _get_next_poke_interval: poke_interval, or with exponential_backoff a jittered
 * int(poke_interval * 2^(n-2)) (at least 1), never past the timeout, capped by max_wait.
 * The jitter hashes "{dag_id}#{task_id}#{started_at}#{n}". In reschedule mode started_at is the
 * first start date and n is re-estimated from the elapsed time. In poke mode Airflow hashes
 * str(time.monotonic()), which no simulation can know; the simulator uses the try's start in
 * seconds instead, so the interval stays in Airflow's range but not at Airflow's exact value.
 */
export function nextPokeInterval(sensor: SensorSpec, c: SensorClock): number {
  if (!sensor.exponential_backoff) return sensor.poke_interval_s;
  const reschedule = sensor.mode === 'reschedule';
  const startedAt = c.started_at_repr ?? (reschedule ? pyStr(c.started_ms) : pyFloat(c.started_ms / 1000));
  const elapsed = (c.now_ms - c.started_ms) / 1000;
  const jittered = (n: number): number => {
    const minBackoff = Math.max(Math.trunc(sensor.poke_interval_s * 2 ** (n - 2)), 1);
    return Number(jitteredBackoff(`${c.dag_id}#${c.task_id}#${startedAt}#${n}`, BigInt(minBackoff)));
  };
  let pokeCount = c.poke_count;
  if (reschedule) {
    let cumulative = 0;
    let estimated = 0;
    while (cumulative <= elapsed) {
      estimated++;
      cumulative += jittered(estimated);
    }
    pokeCount = estimated || pokeCount;
  }
  let interval = Math.min(sensor.timeout_s - Math.trunc(elapsed), jittered(pokeCount));
  if (c.max_wait_s) interval = Math.min(c.max_wait_s, interval);
  return interval;
}

/** The try whose first start date starts a reschedule-mode sensor's clock: max_tries - retries + 1. */
export function firstTryNumber(max_tries: number, retries: number): number {
  return max_tries - retries + 1;
}
