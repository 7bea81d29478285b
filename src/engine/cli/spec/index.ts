// The Airflow CLI's commands and arguments per profile (see v2.ts, v3.ts), our `sim`
// commands, the legacy-name hook of DefaultHelpParser and the version we print.
// Commands the simulator does not model keep their name (so argparse's "invalid choice"
// lists match Airflow's) and end in an 'unsupported' error.
import type { Profile } from '../../../dagfile/spec.ts';
import type { CommandDef } from '../argparse.ts';
import {
  A,
  flag,
  action,
  unsupported,
  group,
  DAG_ID,
  TASK_ID,
} from './common.ts';
import { COMMANDS_2 } from './v2.ts';
import { COMMANDS_3 } from './v3.ts';

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
  action(
    'kill-worker',
    'Kill a Celery worker (kill -9): its running tasks stop heartbeating and the scheduler fails them after the heartbeat timeout',
    [A(['worker'], { help: 'The worker, e.g. worker-1' }), A(['--for'], { metavar: 'DURATION', help: 'Restart it after this long (90s, 10m, 1h; default 5m)' })],
    'sim.kill-worker',
  ),
  action(
    'stop-scheduler',
    'Stop the scheduler for a while: no loop runs (no new runs, nothing queued); running tasks go on',
    [A(['--for'], { metavar: 'DURATION', help: 'How long (90s, 10m, 1h, 2d; default 1h)' })],
    'sim.stop-scheduler',
  ),
  action(
    'sql',
    'Run SQL against the warehouse (the SQLite database SQL tasks write to) and print the rows',
    [A(['statement'], { help: 'One SQL statement, or several separated by ;' })],
    'sim.sql',
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
