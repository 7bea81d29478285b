// The Airflow CLI of the simulator: one parser for the headless runner and the console.
//   parseCommand(line, profile, opts?) -> ParsedCommand | CliUsageError
//   runCommand(ctx, line)              -> CommandResult (throws CliUsageError)
export { parseCommand, type ParsedCommand, type ParseOptions } from './parse.ts';
export { runCommand, CLI_HOSTNAME } from './run.ts';
export { AirflowError, CliUsageError, SystemExitError } from './errors.ts';
export { AIRFLOW_VERSION, commandsFor, SIM_COMMANDS } from './spec/index.ts';
export { tokenize } from './tokenize.ts';
export type { BackfillPlan2 } from '../actions/backfill2.ts';
