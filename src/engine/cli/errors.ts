// The ways a CLI command can end other than normally, as Airflow's CLI ends them.
//
// - CliUsageError: argparse rejected the line (exit 2). The runner stops the
//   scenario on it; the console prints it. Airflow's DefaultHelpParser.error
//   (airflow/cli/cli_config.py) prints the help, then
//   "\n{prog} command error: {message}, see help above.".
// - SystemExitError: the command called `raise SystemExit("msg")` (exit 1, msg on stderr).
// - AirflowError: an exception escaped the command; Python prints a traceback whose
//   last line is "{module}.{Class}: {message}" (exit 1). We print that last line.

export type UsageErrorKind = 'usage' | 'unsupported' | 'program';

export class CliUsageError extends Error {
  /** the parser whose error() ran: "airflow", "airflow dags", "airflow dags trigger" */
  readonly prog: string;
  /** argparse's own message: "unrecognized arguments: --foo" */
  readonly argparseMessage: string;
  /** argparse's usage line of that parser ("usage: airflow dags trigger [-h] ...") */
  readonly usage: string;
  readonly exit_code = 2;
  /** usage: rejected by argparse; unsupported: valid Airflow CLI the simulator does not model;
   *  program: the line does not start with `airflow` or `sim` */
  readonly kind: UsageErrorKind;

  constructor(prog: string, argparseMessage: string, usage = '', kind: UsageErrorKind = 'usage') {
    super(kind === 'usage' ? `${prog} command error: ${argparseMessage}, see help above.` : argparseMessage);
    this.name = 'CliUsageError';
    this.prog = prog;
    this.argparseMessage = argparseMessage;
    this.usage = usage;
    this.kind = kind;
  }
}

/** `raise SystemExit("message")` in an Airflow command: message on stderr, exit code 1. */
export class SystemExitError extends Error {
  readonly exit_code: number;
  constructor(message: string, exit_code = 1) {
    super(message);
    this.name = 'SystemExitError';
    this.exit_code = exit_code;
  }
}

/** An exception escaping an Airflow command. `pyClass` is the qualified name Python prints
 *  at the end of the traceback: "airflow.exceptions.DagNotFound". */
export class AirflowError extends Error {
  readonly pyClass: string;
  constructor(pyClass: string, message: string) {
    super(message);
    this.name = 'AirflowError';
    this.pyClass = pyClass;
  }
  /** The last line of Python's traceback. */
  get tracebackLine(): string {
    return this.message ? `${this.pyClass}: ${this.message}` : this.pyClass;
  }
}

export const AIRFLOW_EXCEPTION = 'airflow.exceptions.AirflowException';
