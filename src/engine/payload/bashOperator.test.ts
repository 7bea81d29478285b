import { describe, expect, it } from 'vitest';
import { interpretBash } from './bash.ts';
import { bashOperatorEnv, bashOutcome } from './bashOperator.ts';

const base = {
  env: null, system_env: { PATH: '/usr/bin', HOME: '/home/airflow' }, dag_id: 'etl', task_id: 'extract',
  run_id: 'scheduled__2024-06-01T00:00:00+00:00', logical_date: Date.UTC(2024, 5, 1), try_number: 1,
};

describe('bashOperatorEnv (BashOperator.get_env + context_to_airflow_vars)', () => {
  it('2.10 exports AIRFLOW_CTX_EXECUTION_DATE, 3.x AIRFLOW_CTX_LOGICAL_DATE', () => {
    expect(bashOperatorEnv(base, '2')).toEqual({
      PATH: '/usr/bin', HOME: '/home/airflow', AIRFLOW_CTX_DAG_OWNER: 'airflow', AIRFLOW_CTX_DAG_ID: 'etl', AIRFLOW_CTX_TASK_ID: 'extract',
      AIRFLOW_CTX_EXECUTION_DATE: '2024-06-01T00:00:00+00:00', AIRFLOW_CTX_TRY_NUMBER: '1', AIRFLOW_CTX_DAG_RUN_ID: 'scheduled__2024-06-01T00:00:00+00:00',
    });
    const v3 = bashOperatorEnv(base, '3');
    expect(v3.AIRFLOW_CTX_LOGICAL_DATE).toBe('2024-06-01T00:00:00+00:00');
    expect(v3).not.toHaveProperty('AIRFLOW_CTX_EXECUTION_DATE');
    expect(bashOperatorEnv({ ...base, logical_date: null }, '3')).not.toHaveProperty('AIRFLOW_CTX_LOGICAL_DATE');
  });
  it('an explicit env replaces the worker environment unless append_env', () => {
    expect(bashOperatorEnv({ ...base, env: { X: '1' } }, '3')).not.toHaveProperty('PATH');
    expect(bashOperatorEnv({ ...base, env: { X: '1' }, append_env: true }, '3')).toMatchObject({ X: '1', PATH: '/usr/bin' });
  });
  it('the command sees them', () => {
    expect(interpretBash('echo "$AIRFLOW_CTX_DAG_ID try $AIRFLOW_CTX_TRY_NUMBER"', bashOperatorEnv(base, '3')).last_line).toBe('etl try 1');
  });
});

describe('bashOutcome (BashOperator.execute)', () => {
  it('99 skips by default, other non-zero codes fail, 0 returns the last line', () => {
    expect(bashOutcome(99, '', [99])).toEqual({ state: 'skipped', message: 'Bash command returned exit code 99. Skipping.' });
    expect(bashOutcome(1, 'oops', [99])).toEqual({ state: 'failed', message: 'Bash command failed. The command returned a non-zero exit code 1.' });
    expect(bashOutcome(99, '', [])).toMatchObject({ state: 'failed' }); // skip_on_exit_code=None
    expect(bashOutcome(0, 'done', [99])).toEqual({ state: 'success', return_value: 'done' });
  });
});
