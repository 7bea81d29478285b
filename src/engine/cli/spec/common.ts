// The pieces of cli_config.py both profiles share: the Arg definitions (ARG_*) and the
// ActionCommand/GroupCommand helpers.
import type { ArgDef, CommandDef } from '../argparse.ts';

export const A = (flags: string[], rest: Omit<ArgDef, 'flags'> = {}): ArgDef => ({ flags, ...rest });
export const flag = (flags: string[], help: string): ArgDef => A(flags, { action: 'store_true', help });
export const action = (name: string, help: string, args: ArgDef[], run: string, description?: string): CommandDef => ({
  kind: 'action',
  name,
  help,
  args,
  run,
  ...(description ? { description } : {}),
});
export const unsupported = (name: string, help = ''): CommandDef => action(name, help, [], 'unsupported');
export const group = (name: string, help: string, subcommands: CommandDef[]): CommandDef => ({ kind: 'group', name, help, subcommands });

// ---- shared Args ----
export const DAG_ID = A(['dag_id'], { help: 'The id of the dag' });
export const TASK_ID = A(['task_id'], { help: 'The id of the task' });
export const TASK_REGEX = A(['-t', '--task-regex'], { help: 'The regex to filter specific task_ids (optional)' });
export const YES = A(['-y', '--yes'], { action: 'store_true', default: false, help: 'Do not prompt to confirm. Use with care!' });
export const OUTPUT = A(['-o', '--output'], {
  help: 'Output format. Allowed values: json, yaml, plain, table (default: table)',
  metavar: '(table, json, yaml, plain)',
  choices: ['table', 'json', 'yaml', 'plain'],
  default: 'table',
});
export const VERBOSE = flag(['-v', '--verbose'], 'Make logging output more verbose');
export const NO_BACKFILL = flag(['--no-backfill'], 'filter all the backfill dagruns given the dag id');
export const DR_STATE = A(['--state'], {
  help: 'Only list the DAG runs corresponding to the state',
  metavar: 'queued, running, success, failed',
  choices: ['queued', 'running', 'success', 'failed'],
});
export const NUM_EXECUTIONS = A(['-n', '--num-executions'], {
  default: 1,
  type: 'positive_int',
  help: 'The number of next execution datetimes to show',
});
export const TREAT_DAG_ID_AS_REGEX = flag(['--treat-dag-id-as-regex'], 'if set, dag_id will be treated as regex instead of an exact string');
export const RUN_ID = A(['-r', '--run-id'], { help: 'Helps to identify this run' });
export const CONF = A(['-c', '--conf'], { help: "JSON string that gets pickled into the DagRun's conf attribute" });
export const REPLACE_MICRO = A(['--no-replace-microseconds'], {
  help: 'whether microseconds should be zeroed',
  dest: 'replace_microseconds',
  action: 'store_false',
  default: true,
});
export const UPSTREAM = flag(['-u', '--upstream'], 'Include upstream tasks');
export const ONLY_FAILED = flag(['-f', '--only-failed'], 'Only failed jobs');
export const ONLY_RUNNING = flag(['-r', '--only-running'], 'Only running jobs');
export const DOWNSTREAM = flag(['-d', '--downstream'], 'Include downstream tasks');
export const DAG_REGEX = flag(['-R', '--dag-regex'], 'Search dag_id as regex instead of exact string');
export const MAP_INDEX = A(['--map-index'], { type: 'int', default: -1, help: 'Mapped task index' });
export const POOL_NAME = A(['pool'], { metavar: 'NAME', help: 'Pool name' });
export const POOL_SLOTS = A(['slots'], { type: 'int', help: 'Pool slots' });
export const POOL_DESCRIPTION = A(['description'], { help: 'Pool description' });
export const POOL_INCLUDE_DEFERRED = flag(['--include-deferred'], 'Include deferred tasks in calculations for Pool');
export const SECTION = A(['section'], { help: 'The section name' });
export const OPTION = A(['option'], { help: 'The option name' });
