// Running one command line against the simulation, as `airflow` would: parse (argparse
// errors are thrown as CliUsageError), write the audit-log row of @cli_utils.action_cli
// (before the command runs, so failing commands are logged too), run, and turn
// SystemExit / escaped exceptions into exit code 1 with what Python prints.
import { cfgStr, defaultTimezone } from '../config.ts';
import type { CommandResult, EngineContext } from '../context.ts';
import { backfillCreate, dagsBackfill } from './commands/backfill.ts';
import { Out, type Handler } from './commands/common.ts';
import {
  dagsList,
  dagsListImportErrors,
  dagsListRuns,
  dagsNextExecution,
  dagsPause,
  dagsState,
  dagsTrigger,
  dagsUnpause,
} from './commands/dags.ts';
import { configGetValue, version } from './commands/misc.ts';
import { poolsDelete, poolsGet, poolsList, poolsSet } from './commands/pools.ts';
import { simMarkRun, simMarkTask } from './commands/sim.ts';
import { simKillWorker, simStopScheduler } from './commands/simFaults.ts';
import { simSql } from './commands/simSql.ts';
import { tasksClear, tasksList, tasksState, tasksStatesForDagRun } from './commands/tasks.ts';
import { AirflowError, CliUsageError, SystemExitError } from './errors.ts';
import { parseCommand, type ParsedCommand } from './parse.ts';
import { pyJsonDumps, pyListRepr } from './pyfmt.ts';

interface CommandImpl {
  handler: Handler;
  /** the function @cli_utils.action_cli wraps (audit event cli_<name>); null: not audited */
  audit: string | null | ((cmd: ParsedCommand) => string);
}

const COMMANDS: Record<string, CommandImpl> = {
  'dags.list': { handler: dagsList, audit: 'dag_list_dags' },
  'dags.list-import-errors': { handler: dagsListImportErrors, audit: 'dag_list_import_errors' },
  'dags.list-runs': { handler: dagsListRuns, audit: 'dag_list_dag_runs' },
  'dags.state': { handler: dagsState, audit: 'dag_state' },
  'dags.next-execution': { handler: dagsNextExecution, audit: 'dag_next_execution' },
  'dags.pause': { handler: dagsPause, audit: 'dag_pause' },
  'dags.unpause': { handler: dagsUnpause, audit: 'dag_unpause' },
  'dags.trigger': { handler: dagsTrigger, audit: 'dag_trigger' },
  'dags.backfill': { handler: dagsBackfill, audit: 'dag_backfill' },
  'backfill.create': { handler: backfillCreate, audit: 'create_backfill' },
  'tasks.list': { handler: tasksList, audit: 'task_list' },
  'tasks.state': { handler: tasksState, audit: 'task_state' },
  'tasks.states-for-dag-run': { handler: tasksStatesForDagRun, audit: 'task_states_for_dag_run' },
  'tasks.clear': { handler: tasksClear, audit: 'task_clear' },
  'pools.list': { handler: poolsList, audit: null },
  'pools.get': { handler: poolsGet, audit: null },
  'pools.set': { handler: poolsSet, audit: 'pool_set' },
  'pools.delete': { handler: poolsDelete, audit: 'pool_delete' },
  'config.get-value': { handler: configGetValue, audit: null },
  version: { handler: version, audit: null },
  // the UI's own audit events: 2.10 views.py @action_logging names, 3.x REST API routes
  'sim.mark-run': { handler: simMarkRun, audit: (c) => (c.profile === '2' ? `dagrun_${c.args.state}` : 'patch_dag_run') },
  'sim.mark-task': { handler: simMarkTask, audit: (c) => (c.profile === '2' ? String(c.args.state) : 'patch_task_instance') },
  // faults for demos: nothing a real deployment's log table would show for the kill itself
  'sim.kill-worker': { handler: simKillWorker, audit: null },
  'sim.stop-scheduler': { handler: simStopScheduler, audit: null },
  // the learner's own database client: nothing in Airflow's log table
  'sim.sql': { handler: simSql, audit: null },
};

/** The host name the CLI's audit rows carry (socket.gethostname() of the machine running `airflow`). */
export const CLI_HOSTNAME = 'localhost';

function auditRow(ctx: EngineContext, cmd: ParsedCommand, impl: CommandImpl): void {
  if (impl.audit === null) return;
  const dag_id = typeof cmd.args.dag_id === 'string' ? cmd.args.dag_id : null;
  const task_id = typeof cmd.args.task_id === 'string' ? cmd.args.task_id : null;
  if (cmd.program === 'sim') {
    const event = typeof impl.audit === 'function' ? impl.audit(cmd) : impl.audit;
    ctx.audit(event, { dag_id, task_id, run_id: (cmd.args.run_id as string) ?? null, extra: null });
    return;
  }
  // cli_action_loggers.default_action_log: event cli_<function>, extra = json.dumps({host_name, full_command})
  const extra = pyJsonDumps({ host_name: CLI_HOSTNAME, full_command: pyListRepr(cmd.argv) });
  ctx.audit(`cli_${impl.audit}`, { dag_id, task_id, extra });
}

/** Run one command line now. Throws CliUsageError when the line is not valid CLI for the profile. */
export function runCommand(ctx: EngineContext, line: string): CommandResult {
  const parsed = parseCommand(line, ctx.profile, {
    now: ctx.now,
    timezone: defaultTimezone(ctx.config),
    executor: cfgStr(ctx.config, 'core.executor'),
  });
  if (parsed instanceof CliUsageError) throw parsed;
  if (parsed.run === '__help__') return { exit_code: 0, output: parsed.help ?? '' };
  const impl = COMMANDS[parsed.run];
  if (!impl) throw new CliUsageError(parsed.prog, `\`${parsed.prog}\` is not modelled by the simulator`, '', 'unsupported');
  auditRow(ctx, parsed, impl);
  const out = new Out();
  let exit_code = 0;
  try {
    const r = impl.handler(ctx, parsed, out);
    if (r && typeof r === 'object') return r;
    exit_code = r ?? 0;
  } catch (e) {
    if (e instanceof SystemExitError) {
      out.print(e.message);
      exit_code = e.exit_code;
    } else if (e instanceof AirflowError) {
      out.print(e.tracebackLine);
      exit_code = 1;
    } else if (e instanceof CliUsageError) {
      throw e;
    } else if (e instanceof Error) {
      // an error from the engine (e.g. ctx.triggerDagRun refusing): show its message
      out.print(e.message);
      exit_code = 1;
    } else throw e;
  }
  return { exit_code, output: trimOutput(out.lines) };
}

/** Lines without trailing spaces, without trailing empty lines. */
function trimOutput(lines: readonly string[]): string {
  const t = lines.map((l) => l.trimEnd());
  while (t.length && t[t.length - 1] === '') t.pop();
  return t.join('\n');
}
