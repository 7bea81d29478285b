// ParseOptions: the [core] defaults the engine passes in, and tasks outside any DAG.
import { describe, expect, it } from 'vitest';
import { parseDagFile } from '../../src/dagfile/index.ts';

const SRC = `from airflow.sdk import DAG, task
from airflow.providers.standard.operators.empty import EmptyOperator
with DAG("d", schedule=None, default_args={"retry_delay": 10}):
    EmptyOperator(task_id="plain")
    EmptyOperator(task_id="own", retries=1, weight_rule="upstream")
`;

describe('ParseOptions', () => {
  it('[core] default_task_retries, default_task_retry_delay and default_task_weight_rule fill what the file does not say', () => {
    const r = parseDagFile('d.py', SRC, { profile: '3', default_task_retries: 3, default_task_retry_delay_s: 60, default_task_weight_rule: 'absolute' });
    const [plain, own] = r.dags[0].tasks;
    expect(plain).toMatchObject({ retries: 3, retry_delay_s: 10, weight_rule: 'absolute' }); // default_args beat [core]
    expect(own).toMatchObject({ retries: 1, weight_rule: 'upstream' });
  });

  it('BaseOperator defaults when nothing is configured', () => {
    // airflow/models/abstractoperator.py DEFAULT_* and [core] defaults
    const t = parseDagFile('d.py', SRC, { profile: '3' }).dags[0].tasks[0];
    expect(t).toMatchObject({
      retries: 0,
      pool: 'default_pool',
      pool_slots: 1,
      priority_weight: 1,
      queue: 'default',
      trigger_rule: 'all_success',
      weight_rule: 'downstream',
      depends_on_past: false,
      ignore_first_depends_on_past: true,
      wait_for_past_depends_before_skipping: false,
      execution_timeout_s: null,
      max_active_tis_per_dag: null,
    });
  });

  it('a task created outside any DAG belongs to none (with a notice)', () => {
    const src = `from airflow.decorators import task\nfrom airflow import DAG\n@task\ndef lonely():\n    pass\nlonely()\n`;
    const r = parseDagFile('d.py', src, { profile: '2' });
    expect(r.dags).toEqual([]);
    expect(r.warnings[0]).toMatchObject({ line: 6, column: 1, message: expect.stringContaining("task 'lonely' belongs to no DAG") });
  });

  it('the same input gives the same output (no hidden clock when now_ms is given)', () => {
    const src = `import pendulum\nfrom airflow.sdk import DAG\nwith DAG("d", schedule="@daily", start_date=pendulum.today("UTC").add(days=-2)):\n    pass\n`;
    const a = parseDagFile('d.py', src, { profile: '3', now_ms: Date.UTC(2025, 6, 10, 15) });
    const b = parseDagFile('d.py', src, { profile: '3', now_ms: Date.UTC(2025, 6, 10, 15) });
    expect(a).toEqual(b);
    expect(a.dags[0].start_date).toEqual({ epoch_ms: Date.UTC(2025, 6, 8), tz: 'UTC' });
  });
});

describe('DAG arguments that differ between 2.10 and 3.x', () => {
  it('an omitted schedule: 2.10 warns (implicit daily schedule), 3.x means None', () => {
    // 2.10 airflow/models/dag.py DAG.__init__ (ArgNotSet branch); 3.x task-sdk definitions/dag.py (schedule=None)
    const src = `from datetime import datetime\nfrom airflow import DAG\nwith DAG("d", start_date=datetime(2024, 1, 1)):\n    pass\n`;
    const r2 = parseDagFile('d.py', src, { profile: '2' });
    expect(r2.dags[0].schedule).toEqual({ kind: 'omitted' });
    expect(r2.warnings.map((w) => w.message)).toEqual([expect.stringContaining('Creating a DAG with an implicit schedule is deprecated')]);
    const r3 = parseDagFile('d.py', src, { profile: '3' });
    expect(r3.dags[0].schedule).toEqual({ kind: 'omitted' });
    expect(r3.warnings).toEqual([]);
  });

  it('2.10 accepts concurrency= as a deprecated alias of max_active_tasks; 3.x rejects it', () => {
    const src = `from airflow import DAG\nwith DAG("d", schedule=None, concurrency=3):\n    pass\n`;
    const r2 = parseDagFile('d.py', src, { profile: '2' });
    expect(r2.dags[0].max_active_tasks).toBe(3);
    expect(r2.warnings[0].message).toBe("RemovedInAirflow3Warning: The 'concurrency' parameter is deprecated. Please use 'max_active_tasks'.");
    expect(parseDagFile('d.py', src, { profile: '3' }).errors[0].message).toMatch(/^TypeError: DAG.__init__\(\) got an unexpected keyword argument 'concurrency'/);
  });

  it('start_date in default_args: the DAG keeps it in 3.x, only the tasks get it in 2.10', () => {
    // 3.x DAG._default_start_date; 2.10 DAG.__init__ only reads its time zone
    const src = `import pendulum\nfrom airflow import DAG\nfrom airflow.operators.empty import EmptyOperator\nwith DAG("d", schedule="@daily", default_args={"start_date": pendulum.datetime(2024, 5, 1, tz="Asia/Seoul")}):\n    EmptyOperator(task_id="t")\n`;
    const start = { epoch_ms: Date.UTC(2024, 3, 30, 15), tz: 'Asia/Seoul' };
    const d2 = parseDagFile('d.py', src, { profile: '2' }).dags[0];
    expect(d2.start_date).toBeNull();
    expect(d2.timezone).toBe('Asia/Seoul');
    expect(d2.tasks[0].start_date).toEqual(start);
    const d3 = parseDagFile('d.py', src, { profile: '3' }).dags[0];
    expect(d3.start_date).toEqual(start);
    expect(d3.tasks[0].start_date).toEqual(start);
  });
});

describe('odd options and arguments', () => {
  it('retries=None is 0 (parse_retries), even with [core] default_task_retries set', () => {
    const src = `from airflow.sdk import DAG\nfrom airflow.providers.standard.operators.empty import EmptyOperator\nwith DAG("d", schedule=None):\n    EmptyOperator(task_id="t", retries=None)\n`;
    expect(parseDagFile('d.py', src, { profile: '3', default_task_retries: 2 }).dags[0].tasks[0].retries).toBe(0);
  });

  it('an invalid default_timezone falls back to UTC with a note', () => {
    const src = `from datetime import datetime\nfrom airflow.sdk import DAG\nwith DAG("d", schedule=None, start_date=datetime(2024, 1, 1)):\n    pass\n`;
    const r = parseDagFile('d.py', src, { profile: '3', default_timezone: 'Mars/Olympus' });
    expect(r.dags[0].start_date).toEqual({ epoch_ms: Date.UTC(2024, 0, 1), tz: null });
    expect(r.warnings[0].message).toContain('"Mars/Olympus" is not an IANA time zone');
  });
});
