// The BashOperator around the interpreter: the environment it gives the command (get_env) and
// what an exit code means (execute). 2.10 airflow/operators/bash.py; 3.x providers/standard
// operators/bash.py; context_to_airflow_vars in airflow/utils/operator_helpers.py (2.10) and
// task-sdk execution_time/context.py (3.x).
import type { Profile } from '../../dagfile/spec.ts';
import { pyIso } from '../time.ts';

export interface BashEnvArgs {
  /** BashOperator(env=...), null when not given */
  env: Record<string, string> | null;
  /** BashOperator(append_env=...) (default False) */
  append_env?: boolean;
  /** the worker's os.environ */
  system_env: Record<string, string>;
  dag_id: string;
  task_id: string;
  run_id: string;
  logical_date: number | null;
  try_number: number;
  /** task.owner ([operators] default_owner "airflow") */
  owner?: string;
  email?: string | null;
}

/**
 * get_env: env=None means the worker's environment; an explicit env replaces it unless append_env.
 * Then the AIRFLOW_CTX_* variables are added (a falsy value, like try_number 0, is left out).
 */
export function bashOperatorEnv(a: BashEnvArgs, profile: Profile): Record<string, string> {
  const env = a.env === null ? { ...a.system_env } : a.append_env ? { ...a.system_env, ...a.env } : { ...a.env };
  const ctx: Array<[string, string | null]> = [
    ['AIRFLOW_CTX_DAG_EMAIL', a.email ?? null],
    ['AIRFLOW_CTX_DAG_OWNER', a.owner ?? 'airflow'],
    ['AIRFLOW_CTX_DAG_ID', a.dag_id],
    ['AIRFLOW_CTX_TASK_ID', a.task_id],
    [profile === '2' ? 'AIRFLOW_CTX_EXECUTION_DATE' : 'AIRFLOW_CTX_LOGICAL_DATE', a.logical_date === null ? null : pyIso(a.logical_date)],
    ['AIRFLOW_CTX_TRY_NUMBER', a.try_number ? String(a.try_number) : null],
    ['AIRFLOW_CTX_DAG_RUN_ID', a.run_id],
  ];
  for (const [k, v] of ctx) if (v) env[k] = v;
  return env;
}

export type BashOutcome =
  | { state: 'success'; return_value: string }
  | { state: 'skipped'; message: string }
  | { state: 'failed'; message: string };

/**
 * What BashOperator.execute does with the exit code: skip_on_exit_code (default [99]) raises
 * AirflowSkipException (skipped, never retried); another non-zero code raises AirflowException
 * (failed, or up_for_retry with retries left); 0 returns the last output line (pushed to XCom).
 */
export function bashOutcome(exit_code: number, last_line: string, skip_on_exit_code: number[]): BashOutcome {
  if (skip_on_exit_code.includes(exit_code)) return { state: 'skipped', message: `Bash command returned exit code ${exit_code}. Skipping.` };
  if (exit_code !== 0) return { state: 'failed', message: `Bash command failed. The command returned a non-zero exit code ${exit_code}.` };
  return { state: 'success', return_value: last_line };
}
