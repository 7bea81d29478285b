import { describe, expect, it } from 'vitest';
import {
  addDelta,
  afterFalsePoke,
  externalTaskDates,
  externalTaskPoke,
  firstTryNumber,
  nextPokeInterval,
  parseTargetTime,
  sensorTargetTime,
  simulatedConditionMet,
  timeReached,
  type SensorSpec,
} from './sensors.ts';

const H = 3_600_000;
const JUNE1 = Date.UTC(2024, 5, 1);
const JUNE2 = Date.UTC(2024, 5, 2);

function sensor(over: Partial<SensorSpec> = {}): SensorSpec {
  return {
    kind: 'sensor', sensor: 'time_delta', poke_interval_s: 60, timeout_s: 604800, mode: 'poke', soft_fail: false,
    exponential_backoff: false, delta: null, target_time: null, external_dag_id: null, external_task_id: null,
    execution_delta: null, allowed_states: [], failed_states: [], filepath: null, ...over,
  };
}

describe('time sensors', () => {
  const hour = { kind: 'timedelta', seconds: 3600 } as const;
  it('TimeDeltaSensor waits for data_interval_end + delta (2.10 time_delta.py, 3.x _derive_base_time)', () => {
    const s = sensor({ delta: hour });
    const run = { data_interval_end: JUNE2, run_after: JUNE2 };
    expect(sensorTargetTime(s, run, '2')).toEqual({ ok: true, ms: JUNE2 + H });
    expect(sensorTargetTime(s, run, '3')).toEqual({ ok: true, ms: JUNE2 + H });
  });
  it('3.x falls back to run_after when the run has no data interval; 2.10 cannot', () => {
    const s = sensor({ delta: hour });
    const run = { data_interval_end: null, run_after: JUNE1 + 10 * H };
    expect(sensorTargetTime(s, run, '3')).toEqual({ ok: true, ms: JUNE1 + 11 * H });
    expect(sensorTargetTime(s, run, '2')).toEqual({ ok: false, error: 'ValueError: `data_interval_end` not found in task context.' });
  });
  it('poke succeeds only strictly after the target (utcnow() > target_dttm)', () => {
    expect(timeReached(JUNE2 + H, JUNE2 + H)).toBe(false);
    expect(timeReached(JUNE2 + H + 1, JUNE2 + H)).toBe(true);
  });
  it('relativedelta adds months first, clipping the day (dateutil)', () => {
    const month = { kind: 'relativedelta', years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 } as const;
    expect(addDelta(Date.UTC(2024, 0, 31), month)).toBe(Date.UTC(2024, 1, 29));
    expect(addDelta(Date.UTC(2024, 2, 31), month, -1)).toBe(Date.UTC(2024, 1, 29));
  });
  it('DateTimeSensor parses target_time like timezone.parse (naive = default_timezone)', () => {
    expect(parseTargetTime('2024-06-01T10:00:00+00:00')).toEqual({ ok: true, ms: JUNE1 + 10 * H });
    expect(parseTargetTime('2024-06-01T10:00:00Z')).toEqual({ ok: true, ms: JUNE1 + 10 * H });
    expect(parseTargetTime('2024-06-01 10:00:00', 'Europe/Amsterdam')).toEqual({ ok: true, ms: JUNE1 + 8 * H });
    expect(parseTargetTime('2024-06-01')).toEqual({ ok: true, ms: JUNE1 });
    expect(parseTargetTime('2024-06-01T12:30:00+02:00')).toEqual({ ok: true, ms: JUNE1 + 10.5 * H });
    expect(parseTargetTime('tomorrow')).toEqual({ ok: false, error: 'ParserError: Unable to parse string [tomorrow]' });
    const s = sensor({ sensor: 'date_time', target_time: '{{ ds }}T09:00:00' });
    expect(sensorTargetTime(s, { data_interval_end: JUNE2, run_after: JUNE2 }, '3', '2024-06-01T09:00:00')).toEqual({ ok: true, ms: JUNE1 + 9 * H });
  });
  it('FileSensor / PythonSensor become true ready_after_s after the first poke', () => {
    expect(simulatedConditionMet(JUNE1, JUNE1 + 299_000, 300)).toBe(false);
    expect(simulatedConditionMet(JUNE1, JUNE1 + 300_000, 300)).toBe(true);
    expect(simulatedConditionMet(JUNE1, JUNE1, null)).toBe(true);
  });
});

describe('ExternalTaskSensor (external_task.py poke, sensor_helper._get_count)', () => {
  const states: Record<string, string> = {
    [`up|load|${JUNE1}`]: 'success',
    [`up|load|${JUNE1 - 24 * H}`]: 'failed',
    [`up||${JUNE1}`]: 'success',
  };
  const lookup = (dag: string, task: string | null, d: number): string | null => states[`${dag}|${task ?? ''}|${d}`] ?? null;
  const ext = (over: Partial<SensorSpec> = {}) => sensor({ sensor: 'external_task', external_dag_id: 'up', external_task_id: 'load', ...over });

  it('looks at logical_date - execution_delta (3.x: run_after when there is no logical date)', () => {
    expect(externalTaskDates(ext(), JUNE1, null, '2')).toEqual([JUNE1]);
    expect(externalTaskDates(ext({ execution_delta: { kind: 'timedelta', seconds: 86400 } }), JUNE1, null, '2')).toEqual([JUNE1 - 24 * H]);
    expect(externalTaskDates(ext(), null, JUNE2, '3')).toEqual([JUNE2]);
  });
  it('succeeds when the external TI is in allowed_states (default success)', () => {
    expect(externalTaskPoke(ext(), [JUNE1], lookup)).toEqual({ kind: 'done' });
  });
  it('keeps waiting when the external run or TI does not exist', () => {
    expect(externalTaskPoke(ext(), [JUNE2], lookup)).toEqual({ kind: 'not_yet' });
  });
  it('a failed external TI only matters with failed_states; then the sensor fails, or skips with soft_fail', () => {
    const day = [JUNE1 - 24 * H];
    expect(externalTaskPoke(ext(), day, lookup)).toEqual({ kind: 'not_yet' });
    expect(externalTaskPoke(ext({ failed_states: ['failed'] }), day, lookup)).toEqual({ kind: 'fail', message: "Some of the external tasks ['load'] in DAG up failed." });
    expect(externalTaskPoke(ext({ failed_states: ['failed'], soft_fail: true }), day, lookup)).toEqual({
      kind: 'skip', message: "Some of the external tasks ['load'] in DAG up failed. Skipping due to soft_fail.",
    });
  });
  it('skipped_states skip the sensor', () => {
    expect(externalTaskPoke(ext(), [JUNE1 - 24 * H], lookup, ['failed'])).toEqual({
      kind: 'skip', message: "Some of the external tasks ['load'] in DAG up reached a state in our states-to-skip-on list. Skipping.",
    });
  });
  it('without external_task_id it waits for the DAG run', () => {
    expect(externalTaskPoke(ext({ external_task_id: null }), [JUNE1], lookup)).toEqual({ kind: 'done' });
    expect(externalTaskPoke(ext({ external_task_id: null, failed_states: ['success'] }), [JUNE1], lookup)).toEqual({ kind: 'fail', message: 'The external DAG up failed.' });
  });
});

describe('poke timing (BaseSensorOperator.execute, _get_next_poke_interval)', () => {
  const clock = { dag_id: 'etl', task_id: 'wait', started_ms: JUNE1, poke_count: 1 };
  it('times out only when the run duration exceeds timeout (strictly), with Airflow\'s message', () => {
    const s = sensor({ poke_interval_s: 5, timeout_s: 10 });
    expect(afterFalsePoke(s, { ...clock, now_ms: JUNE1 + 10_000 })).toEqual({ kind: 'poke_again', at_ms: JUNE1 + 15_000, interval_s: 5 });
    expect(afterFalsePoke(s, { ...clock, now_ms: JUNE1 + 13_000 })).toEqual({
      kind: 'timeout', skipped: false, message: 'Sensor has timed out; run duration of 13.0 seconds exceeds the specified timeout of 10.0.',
    });
    expect(afterFalsePoke({ ...s, soft_fail: true }, { ...clock, now_ms: JUNE1 + 13_000 })).toMatchObject({ kind: 'timeout', skipped: true });
  });
  it('reschedule mode frees the slot until the next poke', () => {
    const s = sensor({ mode: 'reschedule', poke_interval_s: 300, timeout_s: 3600 });
    expect(afterFalsePoke(s, { ...clock, now_ms: JUNE1 })).toEqual({ kind: 'reschedule', at_ms: JUNE1 + 300_000, interval_s: 300 });
  });
  it('test_sensor_with_exponential_backoff_off: always poke_interval', () => {
    const s = sensor({ poke_interval_s: 5, timeout_s: 60 });
    expect(nextPokeInterval(s, { ...clock, now_ms: JUNE1 + 10_000 })).toBe(5);
    expect(nextPokeInterval(s, { ...clock, poke_count: 2, now_ms: JUNE1 + 10_000 })).toBe(5);
  });
  // tests/sensors/test_base.py::test_sensor_with_exponential_backoff_on_and_max_wait: poke_interval 10,
  // timeout 60, max_wait 30, no DAG (dag_id "adhoc_airflow"), task "sensor_op", started_at
  // DEFAULT_DATE - 10s = 2014-12-31 23:59:50+00:00 -> intervals for poke_count 0..7
  it('test_sensor_with_exponential_backoff_on_and_max_wait: [2, 6, 13, 30, 30, 30, 30, 30]', () => {
    const s = sensor({ poke_interval_s: 10, timeout_s: 60, exponential_backoff: true });
    const started = Date.UTC(2014, 11, 31, 23, 59, 50);
    const got = [0, 1, 2, 3, 4, 5, 6, 7].map((n) =>
      nextPokeInterval(s, {
        dag_id: 'adhoc_airflow', task_id: 'sensor_op', started_ms: started, now_ms: started + 1000, poke_count: n,
        max_wait_s: 30, started_at_repr: '2014-12-31 23:59:50+00:00',
      }),
    );
    expect(got).toEqual([2, 6, 13, 30, 30, 30, 30, 30]);
  });
  it.each([0, 0.1, 0.9, 1, 2, 3])('test_sensor_with_exponential_backoff_on_and_small_poke_interval[%s]: non-decreasing', (pi) => {
    const s = sensor({ poke_interval_s: pi, timeout_s: 60, exponential_backoff: true });
    const iv = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => nextPokeInterval(s, { ...clock, poke_count: n, now_ms: JUNE1 + 1000 }));
    for (let i = 1; i < iv.length; i++) expect(iv[i]).toBeGreaterThanOrEqual(iv[i - 1]);
    if (pi > 0) expect(iv[0]).toBeLessThan(iv[iv.length - 1]);
    else expect(iv[0]).toBe(iv[iv.length - 1]);
  });
  // reschedule mode re-estimates the poke number from the elapsed time; values from the same
  // code evaluated in Python (hashlib), started_at = str(first start) = "2024-06-01 00:00:00+00:00"
  it.each([
    [0, 58],
    [100, 88],
    [1000, 497],
    [3590, 10], // capped at timeout - int(run_duration)
  ])('reschedule + exponential backoff after %i s -> %i s', (elapsed, want) => {
    const s = sensor({ mode: 'reschedule', poke_interval_s: 60, timeout_s: 3600, exponential_backoff: true });
    expect(nextPokeInterval(s, { ...clock, now_ms: JUNE1 + elapsed * 1000 })).toBe(want);
  });
  it('a reschedule-mode timeout counts from the first try since the last clear (test_reschedule_and_retry_timeout)', () => {
    expect(firstTryNumber(2, 2)).toBe(1); // retries=2: try 2 still measures from try 1's start
    expect(firstTryNumber(4, 2)).toBe(3); // after a clear at try 2, max_tries = 4: the clock restarts at try 3
  });
});
