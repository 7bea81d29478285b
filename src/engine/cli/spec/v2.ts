// Airflow 2.10's commands: airflow/cli/cli_config.py at tag 2.10.3 (unchanged in 2.10.5),
// with the FAB auth manager's commands (users, roles, sync-perm, fab-db).
import type { ArgDef, CommandDef } from '../argparse.ts';
import {
  A,
  flag,
  action,
  unsupported,
  group,
  DAG_ID,
  TASK_ID,
  TASK_REGEX,
  YES,
  OUTPUT,
  VERBOSE,
  NO_BACKFILL,
  DR_STATE,
  NUM_EXECUTIONS,
  TREAT_DAG_ID_AS_REGEX,
  RUN_ID,
  CONF,
  REPLACE_MICRO,
  UPSTREAM,
  ONLY_FAILED,
  ONLY_RUNNING,
  DOWNSTREAM,
  DAG_REGEX,
  MAP_INDEX,
  POOL_NAME,
  POOL_SLOTS,
  POOL_DESCRIPTION,
  POOL_INCLUDE_DEFERRED,
  SECTION,
  OPTION,
} from './common.ts';

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

export const COMMANDS_2: CommandDef[] = [
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
