// run_ids and manual-run fields. shared AIRFLOW.md §2; 2.10 airflow/utils/types.py::DagRunType.generate_run_id
// and airflow/api/common/trigger_dag.py; 3.x airflow-core/src/airflow/timetables/base.py::generate_run_id,
// models/dagrun.py::DagRun.generate_run_id, api/common/trigger_dag.py, and
// airflow-core/tests/unit/timetables/test_trigger_timetable.py::test_generate_run_id_without_partition_key
// for the "manual__2025-06-07T08:09:00+00:00" form.
import { describe, expect, it } from 'vitest';
import { CronDataIntervalTimetable } from './cron-data-interval.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import {
  backfillRunFields,
  dagRunGenerateRunId3,
  generateRunId,
  manualRunFields,
  randomRunIdSuffix,
  RANDOM_STRING_CHARS,
  scheduledRunFields,
} from './runid.ts';
import { di, interval, utc } from './test-helpers.ts';

describe('generateRunId', () => {
  it('2.10: <run_type>__<logical date> (the interval start for [01-01, 01-02))', () => {
    expect(generateRunId('2', 'scheduled', utc('2024-01-01'), utc('2024-01-02'))).toBe('scheduled__2024-01-01T00:00:00+00:00');
  });
  it('3.x: <run_type>__<run_after> (the interval end for a data-interval DAG)', () => {
    expect(generateRunId('3', 'scheduled', utc('2024-01-01'), utc('2024-01-02'))).toBe('scheduled__2024-01-02T00:00:00+00:00');
  });
  it('3.x: manual__2025-06-07T08:09:00+00:00 (test_generate_run_id_without_partition_key)', () => {
    expect(generateRunId('3', 'manual', null, utc('2025-06-07T08:09'))).toBe('manual__2025-06-07T08:09:00+00:00');
  });
  it('microseconds appear only when non-zero', () => {
    expect(generateRunId('3', 'manual', null, utc('2024-01-25T01:02:03.456'))).toBe('manual__2024-01-25T01:02:03.456000+00:00');
  });
  it('2.10 cannot make an id without a logical date', () => {
    expect(() => generateRunId('2', 'manual', null, 0)).toThrow();
  });
});

describe('scheduled and backfill runs', () => {
  const info = interval('2024-01-01', '2024-01-02');
  it('scheduled: 2.10 from the logical date, 3.x from run_after', () => {
    expect(scheduledRunFields('2', info).run_id).toBe('scheduled__2024-01-01T00:00:00+00:00');
    expect(scheduledRunFields('3', info)).toEqual({
      run_id: 'scheduled__2024-01-02T00:00:00+00:00',
      run_type: 'scheduled',
      logical_date: utc('2024-01-01'),
      data_interval: di('2024-01-01', '2024-01-02'),
      run_after: utc('2024-01-02'),
    });
  });
  it('3.x with the default CronTriggerTimetable: run_after == logical date, so the ids look alike', () => {
    const tick = new CronTriggerTimetable('3', '@daily', 'UTC').next_dagrun_info(null, { earliest: utc('2024-01-01'), latest: null, catchup: true }, 0)!;
    expect(scheduledRunFields('3', tick).run_id).toBe('scheduled__2024-01-01T00:00:00+00:00');
  });
  it('backfill: backfill__<logical date> in 2.10, backfill__<run_after> in 3.x', () => {
    expect(backfillRunFields('2', info).run_id).toBe('backfill__2024-01-01T00:00:00+00:00');
    expect(backfillRunFields('3', info).run_id).toBe('backfill__2024-01-02T00:00:00+00:00');
  });
});

describe('manualRunFields', () => {
  const daily = new CronDataIntervalTimetable('@daily', 'UTC');
  const t = utc('2024-01-25T01:02:03.456');

  it('2.10: logical date = trigger time (microseconds zeroed), interval inferred from it', () => {
    expect(manualRunFields('2', daily, t)).toEqual({
      run_id: 'manual__2024-01-25T01:02:03+00:00',
      run_type: 'manual',
      logical_date: utc('2024-01-25T01:02:03'),
      data_interval: di('2024-01-24', '2024-01-25'),
      run_after: t,
    });
  });

  it('2.10 --no-replace-microseconds keeps them', () => {
    expect(manualRunFields('2', daily, t, { replaceMicroseconds: false }).run_id).toBe('manual__2024-01-25T01:02:03.456000+00:00');
  });

  it('2.10 with -e: that logical date and its inferred interval', () => {
    const f = manualRunFields('2', daily, t, { logicalDate: utc('2024-01-10T06:00') });
    expect(f.logical_date).toBe(utc('2024-01-10T06:00'));
    expect(f.data_interval).toEqual(di('2024-01-09', '2024-01-10'));
    expect(f.run_id).toBe('manual__2024-01-10T06:00:00+00:00');
  });

  it('3.x without a logical date: logical date and interval NULL, run_id from run_after, no suffix', () => {
    expect(manualRunFields('3', daily, t)).toEqual({
      run_id: 'manual__2024-01-25T01:02:03.456000+00:00',
      run_type: 'manual',
      logical_date: null,
      data_interval: null,
      run_after: t,
    });
  });

  it('3.x with a logical date: the interval is inferred from run_after, not from the logical date', () => {
    const f = manualRunFields('3', daily, t, { logicalDate: utc('2024-01-10T06:00:00.789') });
    expect(f.logical_date).toBe(utc('2024-01-10T06:00'));
    expect(f.data_interval).toEqual(di('2024-01-24', '2024-01-25'));
    expect(f.run_id).toBe('manual__2024-01-25T01:02:03.456000+00:00');
  });

  it('an explicit run id is used as given', () => {
    expect(manualRunFields('3', daily, t, { runId: 'my_run' }).run_id).toBe('my_run');
  });
});

describe('3.x DagRun.generate_run_id', () => {
  it('adds _<random> only when there is no logical date', () => {
    expect(dagRunGenerateRunId3('manual', utc('2024-01-01'), utc('2024-01-02'), 'abcdEFG1')).toBe('manual__2024-01-02T00:00:00+00:00');
    expect(dagRunGenerateRunId3('manual', null, utc('2024-01-02'), 'abcdEFG1')).toBe('manual__2024-01-02T00:00:00+00:00_abcdEFG1');
  });
  it('the suffix is 8 letters/digits from the given generator', () => {
    let i = 0;
    const s = randomRunIdSuffix(() => (i++ * 0.13) % 1);
    expect(s).toHaveLength(8);
    expect([...s].every((c) => RANDOM_STRING_CHARS.includes(c))).toBe(true);
    i = 0;
    expect(randomRunIdSuffix(() => (i++ * 0.13) % 1)).toBe(s);
  });
});
