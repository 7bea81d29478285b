// The operator classes the simulator models, with the keyword arguments each accepts per profile.
// Parameter lists follow the __init__ signatures in Airflow 2.10.3 (airflow/operators/*.py,
// airflow/sensors/*.py, airflow/models/baseoperator.py) and 3.x (task-sdk bases/operator.py,
// bases/sensor.py, providers/standard/src/airflow/providers/standard/{operators,sensors}/*.py).

import type { Profile } from '../spec.ts';

export type OpKind = 'bash' | 'python' | 'branch' | 'short_circuit' | 'empty' | 'trigger_dagrun' | 'sql' | 'sensor';
export type SensorKind = 'time_delta' | 'date_time' | 'external_task' | 'file' | 'python';

export interface OperatorDef {
  className: string;
  /** the UI's name for TaskFlow operators ("@task"); equals className otherwise */
  operatorName: string;
  kind: OpKind;
  sensor?: SensorKind;
  /** keyword arguments of the class itself and its non-BaseOperator parents */
  params: Record<Profile, readonly string[]>;
  required: readonly string[];
  templateFields: readonly string[];
  /** TaskFlow operators are created by calling a decorated function */
  taskflow: boolean;
}

/** BaseOperator.__init__ keyword arguments (2.10.3 signature). */
const BASE_2 = [
  'task_id', 'owner', 'email', 'email_on_retry', 'email_on_failure', 'retries', 'retry_delay',
  'retry_exponential_backoff', 'max_retry_delay', 'start_date', 'end_date', 'depends_on_past',
  'ignore_first_depends_on_past', 'wait_for_past_depends_before_skipping', 'wait_for_downstream', 'dag',
  'params', 'default_args', 'priority_weight', 'weight_rule', 'queue', 'pool', 'pool_slots', 'sla',
  'execution_timeout', 'on_execute_callback', 'on_failure_callback', 'on_success_callback',
  'on_retry_callback', 'on_skipped_callback', 'pre_execute', 'post_execute', 'trigger_rule', 'resources',
  'run_as_user', 'task_concurrency', 'map_index_template', 'max_active_tis_per_dag',
  'max_active_tis_per_dagrun', 'executor', 'executor_config', 'do_xcom_push', 'multiple_outputs', 'inlets',
  'outlets', 'task_group', 'doc', 'doc_md', 'doc_json', 'doc_yaml', 'doc_rst', 'task_display_name',
  'logger_name', 'allow_nested_operators',
] as const;

/** 3.x Task SDK BaseOperator: task_concurrency is gone; newer 3.x releases add a few. */
const BASE_3 = [
  ...BASE_2.filter((p) => p !== 'task_concurrency'),
  'retry_policy', 'depends_on_previous_tasks', 'render_template_as_native_obj',
] as const;

export function baseParams(profile: Profile): readonly string[] {
  return profile === '2' ? BASE_2 : BASE_3;
}

const SENSOR = ['poke_interval', 'timeout', 'soft_fail', 'mode', 'exponential_backoff', 'max_wait', 'silent_fail', 'never_fail'];
const PYTHON = ['python_callable', 'op_args', 'op_kwargs', 'templates_dict', 'templates_exts', 'show_return_value_in_logs'];
const DECORATED = ['python_callable', 'op_args', 'op_kwargs', 'kwargs_to_upstream', 'multiple_outputs'];
const BASH_2 = ['bash_command', 'env', 'append_env', 'output_encoding', 'skip_exit_code', 'skip_on_exit_code', 'cwd', 'output_processor'];
const BASH_3 = BASH_2.filter((p) => p !== 'skip_exit_code');
const SQL_BASE = ['conn_id', 'database', 'hook_params', 'retry_on_failure'];
const SQL_2 = ['sql', 'autocommit', 'parameters', 'handler', 'split_statements', 'return_last', 'show_return_value_in_logs', ...SQL_BASE];
const SQL_3 = [...SQL_2, 'output_processor', 'requires_result_fetch'];
const PY_TF = ['templates_dict', 'op_args', 'op_kwargs'];

function both(p: readonly string[]): Record<Profile, readonly string[]> {
  return { '2': p, '3': p };
}

function def(className: string, kind: OpKind, params: Record<Profile, readonly string[]>, required: string[], templateFields: string[], extra: Partial<OperatorDef> = {}): OperatorDef {
  return { className, operatorName: className, kind, params, required, templateFields, taskflow: false, ...extra };
}

export const OPERATORS: Record<string, OperatorDef> = {
  BashOperator: def('BashOperator', 'bash', { '2': BASH_2, '3': BASH_3 }, ['bash_command'], ['bash_command', 'env', 'cwd']),
  PythonOperator: def('PythonOperator', 'python', both(PYTHON), ['python_callable'], PY_TF),
  BranchPythonOperator: def('BranchPythonOperator', 'branch', both(PYTHON), ['python_callable'], PY_TF),
  ShortCircuitOperator: def('ShortCircuitOperator', 'short_circuit', both([...PYTHON, 'ignore_downstream_trigger_rules']), ['python_callable'], PY_TF),
  EmptyOperator: def('EmptyOperator', 'empty', both([]), [], []),
  TriggerDagRunOperator: def(
    'TriggerDagRunOperator',
    'trigger_dagrun',
    {
      '2': ['trigger_dag_id', 'trigger_run_id', 'conf', 'logical_date', 'reset_dag_run', 'wait_for_completion', 'poke_interval', 'allowed_states', 'failed_states', 'skip_when_already_exists', 'deferrable', 'execution_date'],
      '3': ['trigger_dag_id', 'trigger_run_id', 'conf', 'logical_date', 'reset_dag_run', 'wait_for_completion', 'poke_interval', 'allowed_states', 'failed_states', 'skip_when_already_exists', 'fail_when_dag_is_paused', 'deferrable', 'openlineage_inject_parent_info', 'note', 'run_after'],
    },
    ['trigger_dag_id'],
    ['trigger_dag_id', 'trigger_run_id', 'logical_date', 'conf', 'wait_for_completion', 'skip_when_already_exists'],
  ),
  SQLExecuteQueryOperator: def('SQLExecuteQueryOperator', 'sql', { '2': SQL_2, '3': SQL_3 }, ['sql'], ['sql', 'parameters', 'conn_id', 'database', 'hook_params']),
  SqliteOperator: def('SqliteOperator', 'sql', both(['sqlite_conn_id', ...SQL_2.filter((p) => p !== 'conn_id')]), ['sql'], ['sql']),
  TimeDeltaSensor: def('TimeDeltaSensor', 'sensor', { '2': [...SENSOR, 'delta'], '3': [...SENSOR, 'delta', 'deferrable', 'end_from_trigger'] }, ['delta'], [], { sensor: 'time_delta' }),
  DateTimeSensor: def(
    'DateTimeSensor',
    'sensor',
    { '2': [...SENSOR, 'target_time'], '3': [...SENSOR, 'target_time', 'deferrable', 'start_from_trigger', 'end_from_trigger', 'trigger_kwargs'] },
    ['target_time'],
    ['target_time'],
    { sensor: 'date_time' },
  ),
  ExternalTaskSensor: def(
    'ExternalTaskSensor',
    'sensor',
    both([...SENSOR, 'external_dag_id', 'external_task_id', 'external_task_ids', 'external_task_group_id', 'allowed_states', 'skipped_states', 'failed_states', 'execution_delta', 'execution_date_fn', 'check_existence', 'poll_interval', 'deferrable']),
    ['external_dag_id'],
    ['external_dag_id', 'external_task_id', 'external_task_ids', 'external_task_group_id'],
    { sensor: 'external_task' },
  ),
  FileSensor: def('FileSensor', 'sensor', both([...SENSOR, 'filepath', 'fs_conn_id', 'recursive', 'deferrable', 'start_from_trigger', 'trigger_kwargs']), ['filepath'], ['filepath'], { sensor: 'file' }),
  PythonSensor: def('PythonSensor', 'sensor', both([...SENSOR, 'python_callable', 'op_args', 'op_kwargs', 'templates_dict']), ['python_callable'], PY_TF, { sensor: 'python' }),
};

/** TaskFlow operators (airflow/decorators/*.py in 2.10; providers/standard/decorators in 3.x). */
export const TASKFLOW: Record<string, OperatorDef> = {
  task: def('_PythonDecoratedOperator', 'python', both([...DECORATED, 'templates_dict', 'templates_exts', 'show_return_value_in_logs']), [], PY_TF, { operatorName: '@task', taskflow: true }),
  branch: def('_BranchPythonDecoratedOperator', 'branch', both([...DECORATED, 'templates_dict', 'templates_exts', 'show_return_value_in_logs']), [], PY_TF, { operatorName: '@task.branch', taskflow: true }),
  short_circuit: def('_ShortCircuitDecoratedOperator', 'short_circuit', both([...DECORATED, 'templates_dict', 'templates_exts', 'show_return_value_in_logs', 'ignore_downstream_trigger_rules']), [], PY_TF, { operatorName: '@task.short_circuit', taskflow: true }),
  bash: def('_BashDecoratedOperator', 'bash', { '2': [...DECORATED, ...BASH_2.filter((p) => p !== 'bash_command')], '3': [...DECORATED, ...BASH_3.filter((p) => p !== 'bash_command')] }, [], ['bash_command', 'env', 'cwd', 'op_args', 'op_kwargs'], { operatorName: '@task.bash', taskflow: true }),
  sensor: def('DecoratedSensorOperator', 'sensor', both([...DECORATED, ...SENSOR, 'templates_dict']), [], ['op_args', 'op_kwargs'], { operatorName: '@task.sensor', sensor: 'python', taskflow: true }),
};

/** `@task.<name>` variants that exist in Airflow but are not modelled. */
export const TASKFLOW_UNMODELLED = ['virtualenv', 'external_python', 'branch_virtualenv', 'branch_external_python', 'docker', 'kubernetes', 'kubernetes_cmd', 'pyspark', 'run_if', 'skip_if', 'setup', 'teardown', 'snowpark', 'stub', 'llm', 'agent'];

export const MODELLED_OPERATOR_NAMES = Object.keys(OPERATORS);
