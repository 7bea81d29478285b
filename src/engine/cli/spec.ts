// The Airflow CLI's commands and arguments, per profile, as cli_config.py defines them:
//   2.10: airflow/cli/cli_config.py at tag 2.10.3 (unchanged in 2.10.5)
//   3.x:  airflow-core/src/airflow/cli/cli_config.py of main (what AIRFLOW.md follows) for the
//         arguments of the commands we model; the command names (argparse's "invalid choice"
//         lists) are the 3.1 line's: main's newest groups (partitions, teams, state-store,
//         dags clear/stability) are not listed.
// Commands the simulator does not model keep their name (so argparse's "invalid choice"
// lists match Airflow's) and end in an 'unsupported' error.
import type { Profile } from '../../dagfile/spec.ts';
import type { ArgDef, CommandDef } from './argparse.ts';

const A = (flags: string[], rest: Omit<ArgDef, 'flags'> = {}): ArgDef => ({ flags, ...rest });
const flag = (flags: string[], help: string): ArgDef => A(flags, { action: 'store_true', help });
const action = (name: string, help: string, args: ArgDef[], run: string, description?: string): CommandDef => ({
  kind: 'action',
  name,
  help,
  args,
  run,
  ...(description ? { description } : {}),
});
const unsupported = (name: string, help = ''): CommandDef => action(name, help, [], 'unsupported');
const group = (name: string, help: string, subcommands: CommandDef[]): CommandDef => ({ kind: 'group', name, help, subcommands });

// ---- shared Args ----
const DAG_ID = A(['dag_id'], { help: 'The id of the dag' });
const TASK_ID = A(['task_id'], { help: 'The id of the task' });
const TASK_REGEX = A(['-t', '--task-regex'], { help: 'The regex to filter specific task_ids (optional)' });
const YES = A(['-y', '--yes'], { action: 'store_true', default: false, help: 'Do not prompt to confirm. Use with care!' });
const OUTPUT = A(['-o', '--output'], {
  help: 'Output format. Allowed values: json, yaml, plain, table (default: table)',
  metavar: '(table, json, yaml, plain)',
  choices: ['table', 'json', 'yaml', 'plain'],
  default: 'table',
});
const VERBOSE = flag(['-v', '--verbose'], 'Make logging output more verbose');
const NO_BACKFILL = flag(['--no-backfill'], 'filter all the backfill dagruns given the dag id');
const DR_STATE = A(['--state'], {
  help: 'Only list the DAG runs corresponding to the state',
  metavar: 'queued, running, success, failed',
  choices: ['queued', 'running', 'success', 'failed'],
});
const NUM_EXECUTIONS = A(['-n', '--num-executions'], {
  default: 1,
  type: 'positive_int',
  help: 'The number of next execution datetimes to show',
});
const TREAT_DAG_ID_AS_REGEX = flag(['--treat-dag-id-as-regex'], 'if set, dag_id will be treated as regex instead of an exact string');
const RUN_ID = A(['-r', '--run-id'], { help: 'Helps to identify this run' });
const CONF = A(['-c', '--conf'], { help: "JSON string that gets pickled into the DagRun's conf attribute" });
const REPLACE_MICRO = A(['--no-replace-microseconds'], {
  help: 'whether microseconds should be zeroed',
  dest: 'replace_microseconds',
  action: 'store_false',
  default: true,
});
const UPSTREAM = flag(['-u', '--upstream'], 'Include upstream tasks');
const ONLY_FAILED = flag(['-f', '--only-failed'], 'Only failed jobs');
const ONLY_RUNNING = flag(['-r', '--only-running'], 'Only running jobs');
const DOWNSTREAM = flag(['-d', '--downstream'], 'Include downstream tasks');
const DAG_REGEX = flag(['-R', '--dag-regex'], 'Search dag_id as regex instead of exact string');
const MAP_INDEX = A(['--map-index'], { type: 'int', default: -1, help: 'Mapped task index' });
const POOL_NAME = A(['pool'], { metavar: 'NAME', help: 'Pool name' });
const POOL_SLOTS = A(['slots'], { type: 'int', help: 'Pool slots' });
const POOL_DESCRIPTION = A(['description'], { help: 'Pool description' });
const POOL_INCLUDE_DEFERRED = flag(['--include-deferred'], 'Include deferred tasks in calculations for Pool');
const SECTION = A(['section'], { help: 'The section name' });
const OPTION = A(['option'], { help: 'The option name' });

// ---- 2.10 only ----
const SUBDIR = A(['-S', '--subdir'], {
  help:
    "File location or directory from which to look for the dag. Defaults to '[AIRFLOW_HOME]/dags' where " +
    "[AIRFLOW_HOME] is the value you set for 'AIRFLOW_HOME' config you set in 'airflow.cfg' ",
  default: '[AIRFLOW_HOME]/dags',
});
const EXECUTION_DATE = A(['execution_date'], { help: 'The execution date of the DAG', type: 'parsedate' });
const EXECUTION_DATE_OR_RUN_ID = A(['execution_date_or_run_id'], { help: 'The execution_date of the DAG or run_id of the DAGRun' });
const START_DATE_2 = A(['-s', '--start-date'], { help: 'Override start_date YYYY-MM-DD', type: 'parsedate' });
const END_DATE_2 = A(['-e', '--end-date'], { help: 'Override end_date YYYY-MM-DD', type: 'parsedate' });
const DAG_ID_REQ_FLAG = A(['-d', '--dag-id'], { required: true, help: 'The id of the dag' });
const EXEC_DATE = A(['-e', '--exec-date'], { help: 'The execution date of the DAG', type: 'parsedate' });
const TREE = flag(
  ['-t', '--tree'],
  'Deprecated - use `dags show` instead. Display tasks in a tree. Note that generating the tree can be slow and the output very large for some DAGs.',
);
const DAG_LIST_COLUMNS_2 = A(['--columns'], {
  type: 'string_list',
  help: "List of columns to render. (default: ['dag_id', 'fileloc', 'owner', 'is_paused'])",
  default: ['dag_id', 'fileloc', 'owners', 'is_paused'],
});

const BACKFILL_2_ARGS: ArgDef[] = [
  DAG_ID,
  TASK_REGEX,
  START_DATE_2,
  END_DATE_2,
  flag(['-m', '--mark-success'], 'Mark jobs as succeeded without running them'),
  flag(['-l', '--local'], 'Run the task using the LocalExecutor'),
  flag(
    ['-x', '--donot-pickle'],
    'Do not attempt to pickle the DAG object to send over to the workers, just tell the workers to run their version of the code',
  ),
  YES,
  flag(['--continue-on-failures'], 'if set, the backfill will keep going even if some of the tasks failed'),
  flag(['--disable-retry'], 'if set, the backfill will set tasks as failed without retrying.'),
  flag(['-i', '--ignore-dependencies'], 'Skip upstream tasks, run only the tasks matching the regexp. Only works in conjunction with task_regex'),
  flag(
    ['-I', '--ignore-first-depends-on-past'],
    'Ignores depends_on_past dependencies for the first set of tasks only (subsequent executions in the backfill DO respect depends_on_past)',
  ),
  SUBDIR,
  A(['--pool'], { help: 'Resource pool to use' }),
  A(['--delay-on-limit'], {
    help: 'Amount of time in seconds to wait when the limit on maximum active dag runs (max_active_runs) has been reached before trying to execute a dag run again',
    type: 'float',
    default: 1.0,
  }),
  flag(['-n', '--dry-run'], 'Perform a dry run for each task. Only renders Template Fields for each task, nothing else'),
  VERBOSE,
  CONF,
  flag(['--reset-dagruns'], 'if set, the backfill will delete existing backfill-related DAG runs and start anew with fresh, running DAG runs'),
  flag(
    ['--rerun-failed-tasks'],
    'if set, the backfill will auto-rerun all the failed tasks for the backfill date range instead of throwing exceptions',
  ),
  flag(
    ['-B', '--run-backwards'],
    'if set, the backfill will run tasks from the most recent day first.  if there are tasks that depend_on_past this option will throw an exception',
  ),
  flag(['--treat-dag-as-regex'], 'Deprecated -- use `--treat-dag-id-as-regex` instead'),
  TREAT_DAG_ID_AS_REGEX,
];

const COMMANDS_2: CommandDef[] = [
  group('dags', 'Manage DAGs', [
    unsupported('details', 'Get DAG details given a DAG id'),
    action('list', 'List all the DAGs', [SUBDIR, OUTPUT, VERBOSE, DAG_LIST_COLUMNS_2], 'dags.list'),
    action('list-import-errors', 'List all the DAGs that have import errors', [SUBDIR, OUTPUT, VERBOSE], 'dags.list-import-errors'),
    unsupported('report', 'Show DagBag loading report'),
    action('list-runs', 'List DAG runs given a DAG id', [DAG_ID_REQ_FLAG, NO_BACKFILL, DR_STATE, OUTPUT, VERBOSE, START_DATE_2, END_DATE_2], 'dags.list-runs'),
    unsupported('list-jobs', 'List the jobs'),
    action('state', 'Get the status of a dag run', [DAG_ID, EXECUTION_DATE, SUBDIR, VERBOSE], 'dags.state'),
    action('next-execution', 'Get the next execution datetimes of a DAG', [DAG_ID, SUBDIR, NUM_EXECUTIONS, VERBOSE], 'dags.next-execution'),
    action('pause', 'Pause DAG(s)', [DAG_ID, SUBDIR, TREAT_DAG_ID_AS_REGEX, YES, OUTPUT, VERBOSE], 'dags.pause'),
    action('unpause', 'Resume paused DAG(s)', [DAG_ID, SUBDIR, TREAT_DAG_ID_AS_REGEX, YES, OUTPUT, VERBOSE], 'dags.unpause'),
    action(
      'trigger',
      "Trigger a new DAG run. If DAG is paused then dagrun state will remain queued, and the task won't run.",
      [DAG_ID, SUBDIR, RUN_ID, CONF, EXEC_DATE, VERBOSE, REPLACE_MICRO, OUTPUT],
      'dags.trigger',
    ),
    unsupported('delete', 'Delete all DB records related to the specified DAG'),
    unsupported('show', "Displays DAG's tasks with their dependencies"),
    unsupported('show-dependencies', 'Displays DAGs with their dependencies'),
    action('backfill', 'Run subsections of a DAG for a specified date range', BACKFILL_2_ARGS, 'dags.backfill'),
    unsupported('test', 'Execute one single DagRun'),
    unsupported('reserialize', 'Reserialize all DAGs by parsing the DagBag files'),
  ]),
  group('tasks', 'Manage tasks', [
    action('list', 'List the tasks within a DAG', [DAG_ID, TREE, SUBDIR, VERBOSE], 'tasks.list'),
    action(
      'clear',
      'Clear a set of task instance, as if they never ran',
      [
        DAG_ID,
        TASK_REGEX,
        START_DATE_2,
        END_DATE_2,
        SUBDIR,
        UPSTREAM,
        DOWNSTREAM,
        YES,
        ONLY_FAILED,
        ONLY_RUNNING,
        flag(['-x', '--exclude-subdags'], 'Exclude subdags'),
        flag(['-X', '--exclude-parentdag'], 'Exclude ParentDAGS if the task cleared is a part of a SubDAG'),
        DAG_REGEX,
        VERBOSE,
      ],
      'tasks.clear',
    ),
    action('state', 'Get the status of a task instance', [DAG_ID, TASK_ID, EXECUTION_DATE_OR_RUN_ID, SUBDIR, VERBOSE, MAP_INDEX], 'tasks.state'),
    unsupported('failed-deps', 'Returns the unmet dependencies for a task instance'),
    unsupported('render', "Render a task instance's template(s)"),
    unsupported('run', 'Run a single task instance'),
    unsupported('test', 'Test a task instance'),
    action(
      'states-for-dag-run',
      'Get the status of all task instances in a dag run',
      [DAG_ID, EXECUTION_DATE_OR_RUN_ID, OUTPUT, VERBOSE],
      'tasks.states-for-dag-run',
    ),
  ]),
  group('pools', 'Manage pools', [
    action('list', 'List pools', [OUTPUT, VERBOSE], 'pools.list'),
    action('get', 'Get pool size', [POOL_NAME, OUTPUT, VERBOSE], 'pools.get'),
    action('set', 'Configure pool', [POOL_NAME, POOL_SLOTS, POOL_DESCRIPTION, POOL_INCLUDE_DEFERRED, OUTPUT, VERBOSE], 'pools.set'),
    action('delete', 'Delete pool', [POOL_NAME, OUTPUT, VERBOSE], 'pools.delete'),
    unsupported('import', 'Import pools'),
    unsupported('export', 'Export all pools'),
  ]),
  group('config', 'View configuration', [
    action('get-value', 'Print the value of the configuration', [SECTION, OPTION, VERBOSE], 'config.get-value'),
    unsupported('list', 'List options for the configuration'),
  ]),
  action('version', 'Show the version', [], 'version'),
  ...[
    'variables',
    'jobs',
    'db',
    'kerberos',
    'webserver',
    'scheduler',
    'triggerer',
    'dag-processor',
    'cheat-sheet',
    'connections',
    'providers',
    'rotate-fernet-key',
    'info',
    'plugins',
    'standalone',
    // the FAB auth manager's commands (the 2.10 default auth manager)
    'users',
    'roles',
    'sync-perm',
    'fab-db',
  ].map((n) => unsupported(n)),
];

// ---- 3.x only ----
const BUNDLE_NAME = A(['-B', '--bundle-name'], {
  help: 'The name of the DAG bundle to use; may be provided more than once',
  action: 'append',
  default: null,
});
const LOGICAL_DATE = A(['-l', '--logical-date'], { help: 'The logical date of the DAG', type: 'parsedate' });
const LOGICAL_DATE_OR_RUN_ID = A(['logical_date_or_run_id'], { help: 'The logical date of the DAG or run_id of the DAGRun' });
const DATE_HELP = 'YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS, YYYY-MM-DDTHH:MM:SS±HH:MM (ISO 8601), and other formats supported by pendulum.parse()';
const START_DATE_3 = A(['-s', '--start-date'], { help: `Override start_date. Accepts multiple datetime formats including: ${DATE_HELP}`, type: 'parsedate' });
const END_DATE_3 = A(['-e', '--end-date'], { help: `Override end_date. Accepts multiple datetime formats including: ${DATE_HELP}`, type: 'parsedate' });
const LIST_LOCAL = flag(['-l', '--local'], 'Shows local parsed DAGs and their import errors, ignores content serialized in DB');
const DAG_LIST_COLUMNS_3 = A(['--columns'], {
  type: 'string_list',
  help: "List of columns to render. (default: ['dag_id', 'fileloc', 'owners', 'is_paused', 'bundle_name', 'bundle_version'])",
  default: ['dag_id', 'fileloc', 'owners', 'is_paused', 'bundle_name', 'bundle_version'],
});

const BACKFILL_CREATE_ARGS: ArgDef[] = [
  A(['--dag-id'], { help: 'The dag to backfill.', required: true }),
  A(['--from-date'], {
    help: 'Backfill window start (inclusive). For partitioned Dags, this range is interpreted as the partition-date range (auto-detected).',
    type: 'parsedate',
    required: true,
  }),
  A(['--to-date'], {
    help: 'Backfill window end (inclusive). For partitioned Dags, this range is interpreted as the partition-date range (auto-detected).',
    type: 'parsedate',
    required: true,
  }),
  A(['--dag-run-conf'], { help: 'JSON dag run configuration.' }),
  flag(
    ['--run-backwards'],
    'If set, the backfill will run tasks from the most recent logical date first. Not supported if there are tasks that depend_on_past.',
  ),
  A(['--max-active-runs'], { type: 'positive_int', help: 'Max active runs for this backfill.' }),
  A(['--reprocess-behavior'], {
    help: 'When a run exists for the logical date, controls whether new runs will be created for the date. Default is none.',
    choices: ['none', 'completed', 'failed'],
  }),
  A(['--run-on-latest-version'], {
    help:
      '(Experimental) The backfill will run tasks using the latest bundle version instead of the version that was active ' +
      'when the original Dag run was created. If not specified, uses the DAG-level or global configuration default ' +
      '(falling back to True for backfills to preserve historical behavior).',
    action: 'boolean_optional',
    default: null,
  }),
  flag(['--dry-run'], 'Perform a dry run'),
];

const COMMANDS_3: CommandDef[] = [
  group('dags', 'Manage DAGs', [
    unsupported('details', 'Get DAG details given a DAG id'),
    action('list', 'List all the DAGs', [OUTPUT, VERBOSE, DAG_LIST_COLUMNS_3, BUNDLE_NAME, LIST_LOCAL], 'dags.list'),
    action('list-import-errors', 'List all the DAGs that have import errors', [BUNDLE_NAME, OUTPUT, VERBOSE, LIST_LOCAL], 'dags.list-import-errors'),
    unsupported('report', 'Show DagBag loading report'),
    action(
      'list-runs',
      'List DAG runs given a DAG id',
      [
        DAG_ID,
        NO_BACKFILL,
        DR_STATE,
        A(['--limit'], { type: 'positive_int', help: 'Return a limited number of Dag runs, ordered by most recent run_after first' }),
        OUTPUT,
        VERBOSE,
        START_DATE_3,
        END_DATE_3,
      ],
      'dags.list-runs',
    ),
    unsupported('list-jobs', 'List the jobs'),
    action('state', 'Get the status of a dag run', [DAG_ID, LOGICAL_DATE_OR_RUN_ID, VERBOSE], 'dags.state'),
    action(
      'next-execution',
      'Get the next logical datetimes of a DAG',
      [
        DAG_ID,
        flag(['--table'], 'Show a table expected of attributes of next executions'),
        A(['--field'], {
          choices: ['logical_date', 'data_interval.start', 'data_interval.end', 'partition_key', 'partition_date', 'run_after'],
          default: null,
          help: 'Show given attribute of next executions',
        }),
        { ...NUM_EXECUTIONS, help: 'The number of next executions to show' },
        VERBOSE,
      ],
      'dags.next-execution',
    ),
    action('pause', 'Pause DAG(s)', [DAG_ID, TREAT_DAG_ID_AS_REGEX, YES, OUTPUT, VERBOSE], 'dags.pause'),
    action('unpause', 'Resume paused DAG(s)', [DAG_ID, TREAT_DAG_ID_AS_REGEX, YES, OUTPUT, VERBOSE], 'dags.unpause'),
    action(
      'trigger',
      "Trigger a new DAG run. If DAG is paused then dagrun state will remain queued, and the task won't run.",
      [DAG_ID, RUN_ID, CONF, LOGICAL_DATE, VERBOSE, REPLACE_MICRO, OUTPUT],
      'dags.trigger',
    ),
    unsupported('delete', 'Delete all DB records related to the specified DAG'),
    unsupported('show', "Displays DAG's tasks with their dependencies"),
    unsupported('show-dependencies', 'Displays DAGs with their dependencies'),
    unsupported('test', 'Execute one single DagRun'),
    unsupported('reserialize', 'Reserialize DAGs by parsing the DagBag files'),
  ]),
  group('backfill', 'Manage backfills', [
    action('create', 'Create a backfill for a dag.', BACKFILL_CREATE_ARGS, 'backfill.create', 'Run subsections of a DAG for a specified date range.'),
  ]),
  group('tasks', 'Manage tasks', [
    action('list', 'List the tasks within a DAG', [DAG_ID, BUNDLE_NAME, VERBOSE], 'tasks.list'),
    action(
      'clear',
      'Clear a set of task instance, as if they never ran',
      [DAG_ID, TASK_REGEX, START_DATE_3, END_DATE_3, BUNDLE_NAME, UPSTREAM, DOWNSTREAM, YES, ONLY_FAILED, ONLY_RUNNING, DAG_REGEX, VERBOSE],
      'tasks.clear',
    ),
    action('state', 'Get the status of a task instance', [DAG_ID, TASK_ID, LOGICAL_DATE_OR_RUN_ID, BUNDLE_NAME, VERBOSE, MAP_INDEX], 'tasks.state'),
    unsupported('failed-deps', 'Returns the unmet dependencies for a task instance'),
    unsupported('render', "Render a task instance's template(s)"),
    unsupported('test', 'Test a task instance'),
    action(
      'states-for-dag-run',
      'Get the status of all task instances in a dag run',
      [DAG_ID, LOGICAL_DATE_OR_RUN_ID, OUTPUT, VERBOSE],
      'tasks.states-for-dag-run',
    ),
  ]),
  group('pools', 'Manage pools', [
    action('list', 'List pools', [OUTPUT, VERBOSE], 'pools.list'),
    action('get', 'Get pool size', [POOL_NAME, OUTPUT, VERBOSE], 'pools.get'),
    action(
      'set',
      'Configure pool',
      [POOL_NAME, POOL_SLOTS, POOL_DESCRIPTION, POOL_INCLUDE_DEFERRED, A(['--team-name'], { help: 'Team name to assign the pool to (requires multi_team mode)' }), VERBOSE],
      'pools.set',
    ),
    action('delete', 'Delete pool', [POOL_NAME, VERBOSE], 'pools.delete'),
    unsupported('import', 'Import pools'),
    unsupported('export', 'Export all pools'),
  ]),
  group('config', 'View configuration', [
    action('get-value', 'Print the value of the configuration', [SECTION, OPTION, VERBOSE], 'config.get-value'),
    unsupported('list', 'List options for the configuration'),
    unsupported('lint', 'lint options for the configuration changes while migrating from Airflow 2.x to Airflow 3.0'),
    unsupported('update', 'update options for the configuration changes while migrating from Airflow 2.x to Airflow 3.0'),
  ]),
  action('version', 'Show the version', [], 'version'),
  ...[
    'assets',
    'variables',
    'jobs',
    'db',
    'kerberos',
    'api-server',
    'scheduler',
    'triggerer',
    'dag-processor',
    'cheat-sheet',
    'connections',
    'providers',
    'rotate-fernet-key',
    'info',
    'plugins',
    'standalone',
    'db-manager',
  ].map((n) => unsupported(n)),
];

/** Our own commands for what only Airflow's UI can do (`sim ...`). */
export const SIM_COMMANDS: CommandDef[] = [
  action(
    'mark-run',
    'Mark a DAG run success or failed, as the UI does (DAG run > Mark state as...)',
    [DAG_ID, A(['run_id'], { help: 'The run_id of the DAG run' }), A(['state'], { choices: ['success', 'failed'], help: 'The new state' })],
    'sim.mark-run',
  ),
  action(
    'mark-task',
    'Mark a task instance success or failed, as the UI does (Task instance > Mark state as...)',
    [
      DAG_ID,
      A(['run_id'], { help: 'The run_id of the DAG run' }),
      TASK_ID,
      A(['state'], { choices: ['success', 'failed'], help: 'The new state' }),
      flag(['--upstream'], 'Also mark all upstream tasks'),
      flag(['--downstream'], 'Also mark all downstream tasks'),
      flag(['--past'], 'Also mark the task in earlier runs'),
      flag(['--future'], 'Also mark the task in later runs'),
    ],
    'sim.mark-task',
  ),
];

/** Commands of the profile; a CeleryExecutor adds the `celery` group, as its provider does. */
export function commandsFor(profile: Profile, executor = 'LocalExecutor'): CommandDef[] {
  const base = profile === '2' ? COMMANDS_2 : COMMANDS_3;
  return executor === 'CeleryExecutor' ? [...base, unsupported('celery', 'Celery components')] : base;
}

/** DefaultHelpParser._check_value -> legacy_commands.check_legacy_command, per profile. */
export function legacyMessage(profile: Profile, subcommandsOf: string | null, value: string): string | null {
  if (profile === '2') {
    const map: Record<string, string> = {
      worker: 'celery worker',
      flower: 'celery flower',
      trigger_dag: 'dags trigger',
      delete_dag: 'dags delete',
      show_dag: 'dags show',
      list_dag: 'dags list',
      dag_status: 'dags status',
      backfill: 'dags backfill',
      list_dag_runs: 'dags list-runs',
      pause: 'dags pause',
      unpause: 'dags unpause',
      test: 'tasks test',
      clear: 'tasks clear',
      list_tasks: 'tasks list',
      task_failed_deps: 'tasks failed-deps',
      task_state: 'tasks state',
      run: 'tasks run',
      render: 'tasks render',
      initdb: 'db init',
      resetdb: 'db reset',
      upgradedb: 'db upgrade',
      checkdb: 'db check',
      shell: 'db shell',
      pool: 'pools',
      list_users: 'users list',
      create_user: 'users create',
      delete_user: 'users delete',
    };
    const to = map[value];
    return to ? `\`airflow ${value}\` command, has been removed, please use \`airflow ${to}\`` : null;
  }
  // 3.x: only subcommand choices (actions with _prog_prefix) are checked
  if (subcommandsOf === null) return null;
  const map: Record<string, string> = { 'dags backfill': 'backfill create', webserver: 'api-server' };
  const prefix = subcommandsOf.replace('airflow ', '');
  const full = `${prefix} ${value}`;
  const to = map[value] ?? map[full];
  return to ? `Command \`${full}\` has been removed. Please use \`airflow ${to}\`` : null;
}

/** The version `airflow version` prints per profile. */
export const AIRFLOW_VERSION: Record<Profile, string> = { '2': '2.10.5', '3': '3.1.5' };
