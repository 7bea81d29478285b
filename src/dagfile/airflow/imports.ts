// Which Airflow module paths exist in each version, what they export, and which are deprecated shims.
// 2.10.3: airflow/__init__.py (__lazy_imports), airflow/operators/__init__.py and airflow/sensors/__init__.py
//         (__deprecated_classes: dummy, bash_operator, ...), airflow/decorators/__init__.py.
// 3.x:    airflow-core/src/airflow/{operators,sensors,decorators,utils,models}/__init__.py (add_deprecated_classes
//         shims that warn "The `x.y` attribute is deprecated. Please use `'z'`."), models/dag.py __getattr__,
//         task-sdk/src/airflow/sdk/__init__.py, providers/standard.

import type { Profile } from '../spec.ts';

/** A name a module exports: the simulator symbol it maps to, and the warning importing it gives. */
export interface Export {
  symbol: string;
  warn?: string;
}

export interface ModuleTable {
  /** modelled exports */
  names: Record<string, Export>;
  /** names that exist in Airflow but that the simulator does not model */
  unmodelled?: string[];
}

/** Symbols: operator class names, plus these. */
export const SYMBOLS = [
  'DAG', 'dag', 'task', 'task_group', 'TaskGroup', 'chain', 'chain_linear', 'cross_downstream', 'Label', 'Param',
  'TriggerRule', 'WeightRule', 'Variable', 'get_current_context', 'BaseOperator', 'days_ago', 'timezone',
  'AirflowException', 'AirflowSkipException', 'AirflowFailException', 'AirflowSensorTimeout',
  'CronDataIntervalTimetable', 'DeltaDataIntervalTimetable', 'CronTriggerTimetable', 'DeltaTriggerTimetable',
  'MultipleCronTriggerTimetable', 'NullTimetable', 'OnceTimetable', 'ContinuousTimetable', 'is_venv_installed',
] as const;

function dep2(module: string, name: string, target: string): Export {
  // 2.10 airflow/utils/deprecation_tools.py getattr_with_deprecation
  return { symbol: target.split('.').pop()!, warn: `DeprecationWarning: The \`${module}.${name}\` class is deprecated. Please use \`'${target}'\`.` };
}

function dep3(module: string, name: string, target: string): Export {
  // 3.x airflow-core utils/deprecation_tools.py getattr_with_deprecation
  return { symbol: target.split('.').pop()!, warn: `DeprecationWarning: The \`${module}.${name}\` attribute is deprecated. Please use \`'${target}'\`.` };
}

function plain(...names: string[]): Record<string, Export> {
  return Object.fromEntries(names.map((n) => [n, { symbol: n }]));
}

function shims(dep: typeof dep2, module: string, map: Record<string, string>): Record<string, Export> {
  return Object.fromEntries(Object.entries(map).map(([n, t]) => [n, dep(module, n, t)]));
}

const PY_UNMODELLED = ['PythonVirtualenvOperator', 'ExternalPythonOperator', 'BranchExternalPythonOperator', 'BranchPythonVirtualenvOperator'];
const EXC = plain('AirflowException', 'AirflowSkipException', 'AirflowFailException', 'AirflowSensorTimeout');
const TIMETABLES_2 = {
  'airflow.timetables.interval': { names: plain('CronDataIntervalTimetable', 'DeltaDataIntervalTimetable') },
  'airflow.timetables.trigger': { names: plain('CronTriggerTimetable') },
  'airflow.timetables.simple': { names: plain('NullTimetable', 'OnceTimetable', 'ContinuousTimetable'), unmodelled: ['DatasetTriggeredTimetable'] },
  'airflow.timetables.events': { names: {}, unmodelled: ['EventsTimetable'] },
};

function table2(): Record<string, ModuleTable> {
  const ops = 'airflow.operators';
  return {
    airflow: { names: plain('DAG'), unmodelled: ['Dataset', 'XComArg'] },
    'airflow.models': { names: plain('DAG', 'Param', 'Variable', 'BaseOperator'), unmodelled: ['DagRun', 'TaskInstance', 'XCom', 'Connection', 'Pool', 'DagBag'] },
    'airflow.models.dag': { names: plain('DAG', 'dag') },
    'airflow.models.param': { names: plain('Param'), unmodelled: ['ParamsDict', 'DagParam'] },
    'airflow.models.variable': { names: plain('Variable') },
    'airflow.models.baseoperator': { names: plain('chain', 'chain_linear', 'cross_downstream', 'BaseOperator') },
    'airflow.decorators': { names: plain('dag', 'task', 'task_group'), unmodelled: ['setup', 'teardown'] },
    'airflow.operators.bash': { names: plain('BashOperator') },
    'airflow.operators.python': { names: plain('PythonOperator', 'BranchPythonOperator', 'ShortCircuitOperator', 'get_current_context', 'is_venv_installed'), unmodelled: PY_UNMODELLED },
    'airflow.operators.empty': { names: plain('EmptyOperator') },
    'airflow.operators.trigger_dagrun': { names: plain('TriggerDagRunOperator'), unmodelled: ['TriggerDagRunLink'] },
    [`${ops}.dummy`]: { names: shims(dep2, `${ops}.dummy`, { DummyOperator: 'airflow.operators.empty.EmptyOperator', EmptyOperator: 'airflow.operators.empty.EmptyOperator' }) },
    [`${ops}.dummy_operator`]: { names: shims(dep2, `${ops}.dummy_operator`, { DummyOperator: 'airflow.operators.empty.EmptyOperator', EmptyOperator: 'airflow.operators.empty.EmptyOperator' }) },
    [`${ops}.bash_operator`]: { names: shims(dep2, `${ops}.bash_operator`, { BashOperator: 'airflow.operators.bash.BashOperator' }) },
    [`${ops}.python_operator`]: {
      names: shims(dep2, `${ops}.python_operator`, {
        PythonOperator: 'airflow.operators.python.PythonOperator',
        BranchPythonOperator: 'airflow.operators.python.BranchPythonOperator',
        ShortCircuitOperator: 'airflow.operators.python.ShortCircuitOperator',
      }),
      unmodelled: ['PythonVirtualenvOperator'],
    },
    [`${ops}.dagrun_operator`]: { names: shims(dep2, `${ops}.dagrun_operator`, { TriggerDagRunOperator: 'airflow.operators.trigger_dagrun.TriggerDagRunOperator' }) },
    'airflow.sensors.time_delta': { names: plain('TimeDeltaSensor'), unmodelled: ['TimeDeltaSensorAsync', 'WaitSensor'] },
    'airflow.sensors.date_time': { names: plain('DateTimeSensor'), unmodelled: ['DateTimeSensorAsync'] },
    'airflow.sensors.external_task': { names: plain('ExternalTaskSensor'), unmodelled: ['ExternalTaskMarker', 'ExternalDagLink'] },
    'airflow.sensors.filesystem': { names: plain('FileSensor') },
    'airflow.sensors.python': { names: plain('PythonSensor') },
    'airflow.sensors.time_delta_sensor': { names: shims(dep2, 'airflow.sensors.time_delta_sensor', { TimeDeltaSensor: 'airflow.sensors.time_delta.TimeDeltaSensor' }) },
    'airflow.sensors.date_time_sensor': { names: shims(dep2, 'airflow.sensors.date_time_sensor', { DateTimeSensor: 'airflow.sensors.date_time.DateTimeSensor' }) },
    'airflow.sensors.external_task_sensor': { names: shims(dep2, 'airflow.sensors.external_task_sensor', { ExternalTaskSensor: 'airflow.sensors.external_task.ExternalTaskSensor' }) },
    'airflow.utils.task_group': { names: plain('TaskGroup') },
    'airflow.utils.trigger_rule': { names: plain('TriggerRule') },
    'airflow.utils.weight_rule': { names: plain('WeightRule') },
    'airflow.utils.edgemodifier': { names: plain('Label') },
    'airflow.utils.dates': {
      names: {
        days_ago: {
          symbol: 'days_ago',
          warn: "RemovedInAirflow3Warning: Function `days_ago` is deprecated and will be removed in Airflow 3.0. You can achieve equivalent behavior with `pendulum.today('UTC').add(days=-N, ...)`",
        },
      },
    },
    'airflow.utils': { names: plain('timezone') },
    'airflow.utils.timezone': { names: {} },
    'airflow.utils.helpers': { names: plain('chain', 'cross_downstream') },
    'airflow.exceptions': { names: EXC },
    ...TIMETABLES_2,
    'airflow.providers.common.sql.operators.sql': { names: plain('SQLExecuteQueryOperator'), unmodelled: ['SQLCheckOperator', 'SQLValueCheckOperator', 'SQLIntervalCheckOperator', 'SQLThresholdCheckOperator', 'BranchSQLOperator', 'SQLColumnCheckOperator', 'SQLTableCheckOperator'] },
    'airflow.providers.sqlite.operators.sqlite': { names: plain('SqliteOperator') },
  };
}

function table3(): Record<string, ModuleTable> {
  const std = 'airflow.providers.standard';
  const sdk = 'airflow.sdk';
  const opShims: Record<string, Record<string, string>> = {
    python: {
      PythonOperator: `${std}.operators.python.PythonOperator`,
      BranchPythonOperator: `${std}.operators.python.BranchPythonOperator`,
      ShortCircuitOperator: `${std}.operators.python.ShortCircuitOperator`,
      get_current_context: 'airflow.sdk.get_current_context',
    },
    bash: { BashOperator: `${std}.operators.bash.BashOperator` },
    trigger_dagrun: { TriggerDagRunOperator: `${std}.operators.trigger_dagrun.TriggerDagRunOperator` },
    empty: { EmptyOperator: `${std}.operators.empty.EmptyOperator` },
  };
  const sensorShims: Record<string, Record<string, string>> = {
    python: { PythonSensor: `${std}.sensors.python.PythonSensor` },
    date_time: { DateTimeSensor: `${std}.sensors.date_time.DateTimeSensor` },
    time_delta: { TimeDeltaSensor: `${std}.sensors.time_delta.TimeDeltaSensor` },
    filesystem: { FileSensor: `${std}.sensors.filesystem.FileSensor` },
    external_task: { ExternalTaskSensor: `${std}.sensors.external_task.ExternalTaskSensor` },
  };
  const t: Record<string, ModuleTable> = {
    airflow: { names: plain('DAG'), unmodelled: ['Asset', 'XComArg'] },
    [sdk]: {
      names: plain('DAG', 'dag', 'task', 'task_group', 'TaskGroup', 'chain', 'chain_linear', 'cross_downstream', 'Label', 'Param', 'TriggerRule', 'WeightRule', 'Variable', 'get_current_context', 'BaseOperator', 'timezone', 'CronDataIntervalTimetable', 'DeltaDataIntervalTimetable', 'CronTriggerTimetable', 'DeltaTriggerTimetable', 'MultipleCronTriggerTimetable'),
      unmodelled: ['Asset', 'AssetAlias', 'AssetAll', 'AssetAny', 'AssetWatcher', 'Connection', 'Context', 'EdgeModifier', 'Metadata', 'XComArg', 'asset', 'setup', 'teardown', 'literal', 'get_parsing_context', 'BaseSensorOperator', 'PokeReturnValue', 'BaseHook', 'ObjectStoragePath', 'EventsTimetable', 'AssetOrTimeSchedule'],
    },
    'airflow.models': { names: plain('DAG', 'Param', 'Variable', 'BaseOperator'), unmodelled: ['DagRun', 'TaskInstance', 'XCom', 'Connection', 'Pool', 'DagBag'] },
    'airflow.models.dag': {
      names: {
        // airflow-core models/dag.py __getattr__
        DAG: { symbol: 'DAG', warn: "DeprecatedImportWarning: Import 'DAG' directly from the airflow module is deprecated and will be removed in the future. Please import it from 'airflow.sdk'." },
        dag: { symbol: 'dag', warn: "DeprecatedImportWarning: Import 'dag' directly from the airflow module is deprecated and will be removed in the future. Please import it from 'airflow.sdk'." },
      },
    },
    'airflow.models.param': { names: shims(dep3, 'airflow.models.param', { Param: 'airflow.sdk.Param' }) },
    'airflow.models.variable': { names: plain('Variable') },
    'airflow.models.baseoperator': {
      names: shims(dep3, 'airflow.models.baseoperator', {
        BaseOperator: 'airflow.sdk.bases.operator.BaseOperator',
        chain: 'airflow.sdk.bases.operator.chain',
        chain_linear: 'airflow.sdk.bases.operator.chain_linear',
        cross_downstream: 'airflow.sdk.bases.operator.cross_downstream',
      }),
    },
    'airflow.decorators': { names: shims(dep3, 'airflow.decorators', { dag: 'airflow.sdk.dag', task: 'airflow.sdk.task', task_group: 'airflow.sdk.task_group' }), unmodelled: ['setup', 'teardown'] },
    'airflow.utils.task_group': { names: shims(dep3, 'airflow.utils.task_group', { TaskGroup: 'airflow.sdk.TaskGroup' }) },
    'airflow.utils.trigger_rule': { names: plain('TriggerRule') },
    'airflow.utils.weight_rule': { names: plain('WeightRule') },
    'airflow.utils.edgemodifier': { names: plain('Label') },
    'airflow.utils.dates': { names: {} },
    'airflow.utils': { names: plain('timezone') },
    'airflow.utils.timezone': { names: {} },
    'airflow.exceptions': { names: EXC },
    'airflow.timetables.interval': { names: plain('CronDataIntervalTimetable', 'DeltaDataIntervalTimetable') },
    'airflow.timetables.trigger': { names: plain('CronTriggerTimetable', 'DeltaTriggerTimetable', 'MultipleCronTriggerTimetable') },
    'airflow.timetables.simple': { names: plain('NullTimetable', 'OnceTimetable', 'ContinuousTimetable'), unmodelled: ['AssetTriggeredTimetable'] },
    'airflow.timetables.events': { names: {}, unmodelled: ['EventsTimetable'] },
    'airflow.providers.common.sql.operators.sql': { names: plain('SQLExecuteQueryOperator'), unmodelled: ['SQLCheckOperator', 'SQLValueCheckOperator', 'SQLIntervalCheckOperator', 'SQLThresholdCheckOperator', 'BranchSQLOperator', 'SQLColumnCheckOperator', 'SQLTableCheckOperator'] },
    [`${std}.operators.bash`]: { names: plain('BashOperator') },
    [`${std}.operators.python`]: { names: plain('PythonOperator', 'BranchPythonOperator', 'ShortCircuitOperator', 'get_current_context', 'is_venv_installed'), unmodelled: PY_UNMODELLED },
    [`${std}.operators.empty`]: { names: plain('EmptyOperator') },
    [`${std}.operators.trigger_dagrun`]: { names: plain('TriggerDagRunOperator'), unmodelled: ['TriggerDagRunLink'] },
    [`${std}.sensors.time_delta`]: { names: plain('TimeDeltaSensor'), unmodelled: ['TimeDeltaSensorAsync', 'WaitSensor'] },
    [`${std}.sensors.date_time`]: { names: plain('DateTimeSensor'), unmodelled: ['DateTimeSensorAsync'] },
    [`${std}.sensors.external_task`]: { names: plain('ExternalTaskSensor'), unmodelled: ['ExternalTaskMarker', 'ExternalDagLink'] },
    [`${std}.sensors.filesystem`]: { names: plain('FileSensor') },
    [`${std}.sensors.python`]: { names: plain('PythonSensor') },
  };
  for (const [m, names] of Object.entries(opShims)) t[`airflow.operators.${m}`] = { names: shims(dep3, `airflow.operators.${m}`, names) };
  for (const [m, names] of Object.entries(sensorShims)) t[`airflow.sensors.${m}`] = { names: shims(dep3, `airflow.sensors.${m}`, names) };
  return t;
}

export const TABLES: Record<Profile, Record<string, ModuleTable>> = { '2': table2(), '3': table3() };

/** Modules that exist in one version only, with what to write instead. */
export const MOVED: Record<Profile, Record<string, string>> = {
  '2': {
    'airflow.sdk': 'airflow.sdk is Airflow 3\'s authoring module. In Airflow 2.10 write `from airflow import DAG` and `from airflow.decorators import dag, task, task_group`.',
    'airflow.providers.standard': 'The "standard" provider is Airflow 3\'s home for these operators. In Airflow 2.10 import them from airflow.operators.* and airflow.sensors.*.',
  },
  '3': {
    'airflow.operators.dummy': 'DummyOperator was removed in Airflow 3: use `from airflow.providers.standard.operators.empty import EmptyOperator`.',
    'airflow.operators.dummy_operator': 'DummyOperator was removed in Airflow 3: use `from airflow.providers.standard.operators.empty import EmptyOperator`.',
    'airflow.operators.bash_operator': 'Use `from airflow.providers.standard.operators.bash import BashOperator`.',
    'airflow.operators.python_operator': 'Use `from airflow.providers.standard.operators.python import PythonOperator`.',
    'airflow.operators.dagrun_operator': 'Use `from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator`.',
    'airflow.sensors.time_delta_sensor': 'Use `from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor`.',
    'airflow.sensors.date_time_sensor': 'Use `from airflow.providers.standard.sensors.date_time import DateTimeSensor`.',
    'airflow.sensors.external_task_sensor': 'Use `from airflow.providers.standard.sensors.external_task import ExternalTaskSensor`.',
    'airflow.utils.helpers': 'Use `from airflow.sdk import chain, cross_downstream`.',
    'airflow.providers.sqlite.operators': 'SqliteOperator was removed from the sqlite provider (4.0): use `SQLExecuteQueryOperator(conn_id="sqlite_default", sql=...)` from airflow.providers.common.sql.operators.sql.',
    'airflow.providers.sqlite.operators.sqlite': 'SqliteOperator was removed from the sqlite provider (4.0): use `SQLExecuteQueryOperator(conn_id="sqlite_default", sql=...)` from airflow.providers.common.sql.operators.sql.',
  },
};

/** Names removed from a module that still exists (ImportError: cannot import name). */
export const REMOVED_NAMES: Record<Profile, Record<string, Record<string, string>>> = {
  '2': {},
  '3': {
    'airflow.utils.dates': { days_ago: "days_ago was removed in Airflow 3: use pendulum.today('UTC').add(days=-N) or, better, a fixed start_date." },
  },
};

/** Where each symbol lives in a profile, for NameError hints ("import it from ..."). */
export function canonicalModule(profile: Profile, symbol: string): string | null {
  const pref =
    profile === '2'
      ? ['airflow', 'airflow.decorators', 'airflow.operators.bash', 'airflow.operators.python', 'airflow.operators.empty', 'airflow.operators.trigger_dagrun', 'airflow.sensors.time_delta', 'airflow.sensors.date_time', 'airflow.sensors.external_task', 'airflow.sensors.filesystem', 'airflow.sensors.python', 'airflow.utils.task_group', 'airflow.models.baseoperator', 'airflow.utils.trigger_rule', 'airflow.utils.edgemodifier', 'airflow.models.param']
      : ['airflow.sdk', 'airflow.providers.standard.operators.bash', 'airflow.providers.standard.operators.python', 'airflow.providers.standard.operators.empty', 'airflow.providers.standard.operators.trigger_dagrun', 'airflow.providers.standard.sensors.time_delta', 'airflow.providers.standard.sensors.date_time', 'airflow.providers.standard.sensors.external_task', 'airflow.providers.standard.sensors.filesystem', 'airflow.providers.standard.sensors.python'];
  const all = [...pref, ...Object.keys(TABLES[profile])];
  for (const m of all) {
    const e = TABLES[profile][m]?.names[symbol];
    if (e && !e.warn) return m;
  }
  return null;
}
