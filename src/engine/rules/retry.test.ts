import { describe, expect, it } from 'vitest';
import {
  backoffMultiplier,
  isEligibleToRetry,
  maxTriesAfterClear,
  nextRetryAt,
  nextRetryDelaySeconds,
  retryJitterKey,
  tryNumberWhenScheduled,
  type RetryDelayArgs,
} from './retry.ts';
import { jitteredBackoff, sha1Int } from './jitter.ts';

const JAN1 = Date.UTC(2024, 0, 1);
const base: RetryDelayArgs = {
  dag_id: 'etl',
  task_id: 'extract',
  logical_date: JAN1,
  try_number: 1,
  retry_delay_s: 300,
  retry_exponential_backoff: 2,
  max_retry_delay_s: null,
};

describe('jitter (hashlib.sha1 read as a base-16 int)', () => {
  it('matches Python int(hashlib.sha1(b"abc").hexdigest(), 16)', () => {
    // FIPS 180 test vector for "abc"
    expect(sha1Int('abc')).toBe(0xa9993e364706816aba3e25717850c26c9cd0d89dn);
  });
  it('stays in [min, 2*min - 1]', () => {
    for (let i = 0; i < 50; i++) {
      const v = jitteredBackoff(`k${i}`, 7n);
      expect(v >= 7n && v <= 13n).toBe(true);
    }
  });
});

describe('nextRetryDelaySeconds (TaskInstance.next_retry_datetime)', () => {
  it('AIRFLOW.md §4.4 example: etl/extract/2024-01-01, d=300 -> t=1: 404 s, t=2: 775 s', () => {
    expect(retryJitterKey(base)).toBe('etl#extract#2024-01-01 00:00:00+00:00#1');
    expect(nextRetryDelaySeconds(base, '2')).toBe(404);
    expect(nextRetryDelaySeconds({ ...base, try_number: 2 }, '2')).toBe(775);
    expect(nextRetryDelaySeconds(base, '3')).toBe(404);
    expect(nextRetryDelaySeconds({ ...base, try_number: 2 }, '3')).toBe(775);
  });

  // test_taskinstance.py::test_next_retry_datetime (2.10.3 tests/models, same in 3.x):
  // retry_delay=30s, backoff, max_retry_delay=60min, dag fail_dag; the TI's logical date is the
  // dag_maker DEFAULT_DATE 2016-01-01. The test asserts ranges; the exact values come from the same
  // formula evaluated in Python (hashlib), and must lie in those ranges.
  describe('test_next_retry_datetime', () => {
    const t = (try_number: number): number =>
      nextRetryDelaySeconds(
        {
          dag_id: 'fail_dag',
          task_id: 'task_with_exp_backoff_and_max_delay',
          logical_date: Date.UTC(2016, 0, 1),
          try_number,
          retry_delay_s: 30,
          retry_exponential_backoff: 2,
          max_retry_delay_s: 3600,
        },
        '2',
      );
    it.each([
      [0, 15, 30, 26], // a fresh TI has try_number 0: "between 30 * 2^0.5 and 30 * 2^1 (15 and 30)"
      [3, 120, 240, 194],
      [5, 480, 960, 518],
    ])('try %i lies in [%i, %i] (exactly %i)', (tryNumber, lo, hi, exact) => {
      const v = t(tryNumber);
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
      expect(v).toBe(exact);
    });
    it('try 9 and try 50 are capped by max_retry_delay (end_date + max_delay)', () => {
      expect(t(9)).toBe(3600);
      expect(t(50)).toBe(3600);
    });
  });

  // test_next_retry_datetime_short_or_zero_intervals: retry_delay 0, 0.5 or 1 s -> exactly 1 s
  it.each([0, 0.5, 1])('test_next_retry_datetime_short_or_zero_intervals[%s] -> 1 s', (seconds) => {
    const args: RetryDelayArgs = {
      dag_id: 'fail_dag',
      task_id: 'task_with_exp_backoff_and_short_or_zero_time_interval',
      logical_date: Date.UTC(2016, 0, 1),
      try_number: 0,
      retry_delay_s: seconds,
      retry_exponential_backoff: 2,
      max_retry_delay_s: 3600,
    };
    expect(nextRetryDelaySeconds(args, '2')).toBe(1);
    expect(nextRetryAt(1_000_000, args, '3')).toBe(1_001_000);
  });

  it('without backoff the delay is exactly retry_delay and max_retry_delay is ignored (§4.3)', () => {
    const plain = { ...base, retry_exponential_backoff: 0, max_retry_delay_s: 60 };
    expect(nextRetryDelaySeconds(plain, '2')).toBe(300);
    expect(nextRetryDelaySeconds({ ...plain, try_number: 5 }, '3')).toBe(300);
    expect(nextRetryDelaySeconds({ ...plain, retry_exponential_backoff: 1 }, '3')).toBe(300);
    expect(nextRetryAt(JAN1, { ...plain, retry_delay_s: 0.5 }, '2')).toBe(JAN1 + 500);
  });

  it('caps at [core] max_task_retry_delay (default 86400) and honours a custom cap', () => {
    expect(nextRetryDelaySeconds({ ...base, try_number: 20 }, '2')).toBe(86400);
    expect(nextRetryDelaySeconds({ ...base, try_number: 20, max_task_retry_delay_s: 1000 }, '3')).toBe(1000);
    // an astronomically large exponent: 3.x falls back to the cap instead of overflowing
    expect(nextRetryDelaySeconds({ ...base, try_number: 5000 }, '3')).toBe(86400);
  });

  it('max_retry_delay of 0 is falsy in Python and therefore ignored', () => {
    expect(nextRetryDelaySeconds({ ...base, max_retry_delay_s: 0 }, '2')).toBe(404);
  });

  // Values below: Airflow's formula evaluated with Python's hashlib (AIRFLOW.md §4.4 steps 1-5).
  it('3.x with no logical date hashes the string "None"', () => {
    const noDate = { ...base, logical_date: null };
    expect(retryJitterKey(noDate)).toBe('etl#extract#None#1');
    expect(nextRetryDelaySeconds(noDate, '3')).toBe(599);
  });

  it('the logical date is rendered with microseconds only when non-zero', () => {
    const withMs = { ...base, logical_date: JAN1 + 123 };
    expect(retryJitterKey(withMs)).toBe('etl#extract#2024-01-01 00:00:00.123000+00:00#1');
    expect(nextRetryDelaySeconds(withMs, '2')).toBe(414);
  });

  it('3.2+ float multiplier (1.5): ceil(300 * 1.5^2) = 675 -> 748', () => {
    expect(nextRetryDelaySeconds({ ...base, try_number: 3, retry_exponential_backoff: 1.5 }, '3')).toBe(748);
  });
});

describe('backoffMultiplier', () => {
  it('2.10 only tests truthiness: any non-zero value means 2', () => {
    expect(backoffMultiplier(0, '2')).toBeNull();
    expect(backoffMultiplier(2, '2')).toBe(2);
    expect(backoffMultiplier(1.5, '2')).toBe(2);
    expect(backoffMultiplier(1, '2')).toBe(2); // True == 1 in Python: still backoff with 2
  });
  it('3.2+: 0 and 1.0 mean off, negatives are off, other values are the multiplier', () => {
    expect(backoffMultiplier(0, '3')).toBeNull();
    expect(backoffMultiplier(1, '3')).toBeNull();
    expect(backoffMultiplier(-2, '3')).toBeNull();
    expect(backoffMultiplier(2, '3')).toBe(2);
    expect(backoffMultiplier(3.5, '3')).toBe(3.5);
  });
});

describe('retry eligibility (_is_eligible_to_retry) and clearing', () => {
  it('retries=2 gives at most 3 attempts', () => {
    // max_tries = retries = 2 when the TI is created; try_number 1..3
    expect(isEligibleToRetry({ state: 'running', try_number: 1, max_tries: 2 }, 2)).toBe(true);
    expect(isEligibleToRetry({ state: 'running', try_number: 2, max_tries: 2 }, 2)).toBe(true);
    expect(isEligibleToRetry({ state: 'running', try_number: 3, max_tries: 2 }, 2)).toBe(false);
  });
  it('retries=0 never retries; restarting always does', () => {
    expect(isEligibleToRetry({ state: 'running', try_number: 1, max_tries: 5 }, 0)).toBe(false);
    expect(isEligibleToRetry({ state: 'restarting', try_number: 9, max_tries: 0 }, 0)).toBe(true);
  });
  it('clearing gives a fresh budget: max_tries = try_number + retries (clear_task_instances)', () => {
    expect(maxTriesAfterClear(3, 2)).toBe(5);
    expect(isEligibleToRetry({ state: 'running', try_number: 4, max_tries: maxTriesAfterClear(3, 2) }, 2)).toBe(true);
  });
});

describe('tryNumberWhenScheduled (AIRFLOW.md §4.2; test_reschedule_handling)', () => {
  it('increments from None and up_for_retry, not from up_for_reschedule', () => {
    expect(tryNumberWhenScheduled(null, 0)).toBe(1);
    expect(tryNumberWhenScheduled('up_for_retry', 1)).toBe(2);
    expect(tryNumberWhenScheduled('up_for_reschedule', 1)).toBe(1);
  });
});
