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
