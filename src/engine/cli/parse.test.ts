// The parser accepts and rejects what Airflow's argparse does, with its messages.
// Arguments: airflow/cli/cli_config.py (2.10.3), airflow-core/src/airflow/cli/cli_config.py (3.x).
// Messages: CPython 3.12 Lib/argparse.py; DefaultHelpParser.error wraps them as
// "{prog} command error: {message}, see help above."
import { describe, expect, it } from 'vitest';
import { CliUsageError } from './errors.ts';
import { parseCommand, type ParsedCommand } from './parse.ts';

function ok(line: string, profile: '2' | '3' = '3'): ParsedCommand {
  const r = parseCommand(line, profile);
  if (r instanceof CliUsageError) throw new Error(`unexpected usage error: ${r.message}`);
  return r;
}

function err(line: string, profile: '2' | '3' = '3'): CliUsageError {
  const r = parseCommand(line, profile);
  if (!(r instanceof CliUsageError)) throw new Error(`expected a usage error for: ${line}`);
  return r;
}

const D = (s: string) => ({ ms: Date.parse(s), offset_min: 0 });

describe('tokenizing', () => {
  it('keeps quoted JSON as one word', () => {
    expect(ok(`airflow dags trigger etl --conf '{"a": 1}'`).args.conf).toBe('{"a": 1}');
    expect(ok(`airflow dags trigger etl -c "{\\"a\\": 1}"`).args.conf).toBe('{"a": 1}');
  });
  it('rejects an unterminated quote and other programs', () => {
    expect(err(`airflow dags trigger etl --conf '{`).kind).toBe('program');
    expect(err('bash dags list').message).toContain('bash: command not found');
    expect(err('   ').kind).toBe('program');
  });
});

describe('dags trigger', () => {
  it('2.10: -e/--exec-date, -r, -c, --no-replace-microseconds', () => {
    const c = ok('airflow dags trigger etl -r my_run -c {} -e 2024-06-01T09:00:00+08:00 --no-replace-microseconds', '2');
    expect(c.run).toBe('dags.trigger');
    expect(c.args).toMatchObject({ dag_id: 'etl', run_id: 'my_run', conf: '{}', replace_microseconds: false, output: 'table' });
    expect(c.args.exec_date).toEqual({ ms: Date.parse('2024-06-01T01:00:00Z'), offset_min: 480 });
  });
  it('3.x: -l/--logical-date; -e does not exist there', () => {
    expect(ok('airflow dags trigger etl --logical-date 2024-06-01').args.logical_date).toEqual(D('2024-06-01T00:00:00Z'));
    expect(err('airflow dags trigger etl -e 2024-06-01').message).toBe(
      'airflow command error: unrecognized arguments: -e 2024-06-01, see help above.',
    );
  });
  it('needs the dag_id', () => {
    expect(err('airflow dags trigger', '2').message).toBe(
      'airflow dags trigger command error: the following arguments are required: dag_id, see help above.',
    );
  });
  it('accepts --flag=value and unique prefixes (allow_abbrev)', () => {
    expect(ok('airflow dags trigger etl --run=x --output=json').args).toMatchObject({ run_id: 'x', output: 'json' });
  });
  it('rejects a bad --output choice with the choices listed', () => {
    expect(err('airflow dags trigger etl -o xml').message).toBe(
      "airflow dags trigger command error: argument -o/--output: invalid choice: 'xml' (choose from table, json, yaml, plain), see help above.",
    );
  });
  it('says when an option lacks its value', () => {
    expect(err('airflow dags trigger etl --run-id').argparseMessage).toBe('argument -r/--run-id: expected one argument');
  });
});

describe('dags list-runs', () => {
  it('2.10 needs -d/--dag-id (a required flag)', () => {
    expect(err('airflow dags list-runs etl', '2').argparseMessage).toBe('the following arguments are required: -d/--dag-id');
    expect(ok('airflow dags list-runs -d etl --state failed --no-backfill -s 2024-01-01', '2').args).toMatchObject({
      dag_id: 'etl',
      state: 'failed',
      no_backfill: true,
      start_date: D('2024-01-01T00:00:00Z'),
    });
  });
  it('3.x takes the dag_id as a positional, and --limit', () => {
    expect(ok('airflow dags list-runs etl --limit 2').args).toMatchObject({ dag_id: 'etl', limit: 2 });
    expect(err('airflow dags list-runs etl --state paused').argparseMessage).toBe(
      "argument --state: invalid choice: 'paused' (choose from queued, running, success, failed)",
    );
  });
});

describe('dags next-execution / state / pause', () => {
  it('-n must be a positive int (cli_config.positive_int)', () => {
    expect(ok('airflow dags next-execution etl -n 3').args.num_executions).toBe(3);
    expect(ok('airflow dags next-execution etl').args.num_executions).toBe(1);
    expect(err('airflow dags next-execution etl -n 0').argparseMessage).toBe("argument -n/--num-executions: invalid positive int value: '0'");
    expect(err('airflow dags next-execution etl -n x').argparseMessage).toBe("argument -n/--num-executions: invalid positive int value: 'x'");
  });
  it('2.10 dags state parses its date; a bad one is "invalid parse value"', () => {
    expect(ok('airflow dags state etl 2024-06-01', '2').args.execution_date).toEqual(D('2024-06-01T00:00:00Z'));
    expect(err('airflow dags state etl yesterday-ish', '2').argparseMessage).toBe("argument execution_date: invalid parse value: 'yesterday-ish'");
  });
  it('3.x dags state takes a logical date or a run_id as text', () => {
    expect(ok('airflow dags state etl manual__x').args.logical_date_or_run_id).toBe('manual__x');
  });
  it('store_true flags refuse an explicit value', () => {
    expect(err('airflow dags pause etl --yes=1').argparseMessage).toBe("argument -y/--yes: ignored explicit argument '1'");
  });
});

describe('tasks', () => {
  it('clear: -t -s -e -u -d -f -r -y, clustered short flags', () => {
    const c = ok('airflow tasks clear etl -t "^load$" -s 2024-06-01 -e 2024-06-03 -udfry');
    expect(c.args).toMatchObject({ task_regex: '^load$', upstream: true, downstream: true, only_failed: true, only_running: true, yes: true });
  });
  it('clear: -x/--exclude-subdags exists only in 2.10', () => {
    expect(ok('airflow tasks clear etl -x -y', '2').args.exclude_subdags).toBe(true);
    expect(err('airflow tasks clear etl -x -y').argparseMessage).toBe('unrecognized arguments: -x');
  });
  it('list --tree is 2.10 only', () => {
    expect(ok('airflow tasks list etl --tree', '2').args.tree).toBe(true);
    expect(err('airflow tasks list etl --tree').argparseMessage).toBe('unrecognized arguments: --tree');
  });
  it('state needs dag_id, task_id and a date or run_id', () => {
    expect(err('airflow tasks state etl extract', '2').argparseMessage).toBe('the following arguments are required: execution_date_or_run_id');
    expect(err('airflow tasks state etl').argparseMessage).toBe('the following arguments are required: task_id, logical_date_or_run_id');
  });
});

describe('backfills', () => {
  it('2.10 dags backfill: -s/-e, -B, --reset-dagruns, abbreviations must be unique', () => {
    const c = ok('airflow dags backfill etl -s2024-06-01 --end-date=2024-06-03 -B --reset-dagruns -y --rerun-failed-tasks', '2');
    expect(c.args).toMatchObject({ run_backwards: true, reset_dagruns: true, yes: true, rerun_failed_tasks: true });
    expect(c.args.start_date).toEqual(D('2024-06-01T00:00:00Z'));
    expect(err('airflow dags backfill etl --re', '2').argparseMessage).toBe(
      'ambiguous option: --re could match --rerun-failed-tasks, --reset-dagruns',
    );
  });
  it('3.x: `dags backfill` was removed (legacy_commands.check_legacy_command)', () => {
    expect(err('airflow dags backfill etl -s 2024-06-01').message).toBe(
      'airflow dags command error: argument COMMAND: Command `dags backfill` has been removed. Please use `airflow backfill create`, see help above.',
    );
  });
  it('2.10: `airflow backfill` is the 1.10 command (legacy_commands.COMMAND_MAP)', () => {
    expect(err('airflow backfill create --dag-id etl', '2').argparseMessage).toBe(
      'argument GROUP_OR_COMMAND: `airflow backfill` command, has been removed, please use `airflow dags backfill`',
    );
  });
  it('3.x backfill create: required flags, choices, --no-run-on-latest-version', () => {
    expect(err('airflow backfill create --dag-id etl').argparseMessage).toBe('the following arguments are required: --from-date, --to-date');
    const c = ok('airflow backfill create --dag-id etl --from-date 2024-05-01 --to-date 2024-05-04 --reprocess-behavior failed --max-active-runs 2 --no-run-on-latest-version --dry-run');
    expect(c.args).toMatchObject({ dag_id: 'etl', reprocess_behavior: 'failed', max_active_runs: 2, run_on_latest_version: false, dry_run: true });
    expect(err('airflow backfill create --dag-id e --from-date 2024-05-01 --to-date 2024-05-02 --reprocess-behavior all').argparseMessage).toBe(
      "argument --reprocess-behavior: invalid choice: 'all' (choose from none, completed, failed)",
    );
  });
});

describe('pools, config, version', () => {
  it('pools set takes a negative slot count as a value, not an option', () => {
    expect(ok('airflow pools set p -1 "big pool"').args).toMatchObject({ pool: 'p', slots: -1, description: 'big pool' });
    expect(err('airflow pools set p many x').argparseMessage).toBe("argument slots: invalid int value: 'many'");
    expect(err('airflow pools set p 3').argparseMessage).toBe('the following arguments are required: description');
  });
  it('config get-value takes a section and an option; version takes nothing', () => {
    expect(ok('airflow config get-value core parallelism').args).toMatchObject({ section: 'core', option: 'parallelism' });
    expect(err('airflow version --short').argparseMessage).toBe('unrecognized arguments: --short');
  });
});

describe('command names', () => {
  it('lists the sorted choices of the group', () => {
    expect(err('airflow dags foo', '2').argparseMessage).toBe(
      "argument COMMAND: invalid choice: 'foo' (choose from backfill, delete, details, list, list-import-errors, list-jobs, list-runs, next-execution, pause, report, reserialize, show, show-dependencies, state, test, trigger, unpause)",
    );
    expect(err('airflow').argparseMessage).toBe('the following arguments are required: GROUP_OR_COMMAND');
    expect(err('airflow dags').argparseMessage).toBe('the following arguments are required: COMMAND');
  });
  it('3.x: webserver became api-server', () => {
    expect(err('airflow webserver').argparseMessage).toBe(
      'argument GROUP_OR_COMMAND: Command `airflow webserver` has been removed. Please use `airflow api-server`',
    );
  });
  it('a CeleryExecutor adds the celery group', () => {
    const r = parseCommand('airflow nope', '3', { executor: 'CeleryExecutor' });
    expect(r instanceof CliUsageError && r.argparseMessage).toContain("(choose from api-server, assets, backfill, celery, cheat-sheet,");
  });
  it('valid Airflow commands the simulator does not model are a distinct error', () => {
    const e = err('airflow scheduler -D');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toBe('`airflow scheduler` is valid Airflow CLI, but the simulator does not model it');
  });
  it('-h gives the help of the command', () => {
    const c = ok('airflow dags pause -h');
    expect(c.run).toBe('__help__');
    expect(c.help).toContain('usage: airflow dags pause [-h] [-o (table, json, yaml, plain)] [--treat-dag-id-as-regex] [-v] [-y] dag_id');
  });
});

describe('sim commands', () => {
  it('mark-run and mark-task', () => {
    expect(ok('sim mark-run etl manual__1 failed').args).toMatchObject({ dag_id: 'etl', run_id: 'manual__1', state: 'failed' });
    expect(ok('sim mark-task etl r1 load success --downstream --past').args).toMatchObject({ task_id: 'load', downstream: true, past: true, future: false });
    expect(err('sim mark-run etl r1 done').argparseMessage).toBe("argument state: invalid choice: 'done' (choose from success, failed)");
  });
});
