// Airflow 3.x's commands: the arguments of airflow-core/src/airflow/cli/cli_config.py (main,
// what AIRFLOW.md follows) for the commands we model; the command names are the 3.1
// line's (main's newest groups partitions, teams, state-store, dags clear/stability are
// not listed).
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

export const COMMANDS_3: CommandDef[] = [
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
