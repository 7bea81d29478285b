// Commands run against a fake simulation; expected texts from Airflow's commands and tests:
// tests/cli/commands/test_dag_command.py, test_task_command.py, test_pool_command.py (2.10.3),
// airflow-core/tests/unit/cli/commands/ (3.x).
import { describe, expect, it } from 'vitest';
import { CliUsageError } from './errors.ts';
import { runCommand } from './run.ts';
import { FakeContext } from './testkit.ts';

const T0 = Date.UTC(2024, 5, 10, 12, 0, 0);
const day = (d: number) => Date.UTC(2024, 5, d);

function ctxWithEtl(profile: '2' | '3', opts: { paused?: boolean } = {}) {
  const ctx = new FakeContext(profile, T0);
  ctx.addDag(
    {
      dag_id: 'etl',
      tasks: [{ task_id: 'extract', retries: 2 }, { task_id: 'transform', upstream: ['extract'] }, { task_id: 'load', upstream: ['transform'] }],
    },
    opts,
  );
  return ctx;
}

describe('dags pause / unpause', () => {
  it('2.10 prints the new state; the audit row is cli_dag_unpause', () => {
    const ctx = ctxWithEtl('2');
    const r = runCommand(ctx, 'airflow dags unpause etl');
    expect(r).toEqual({ exit_code: 0, output: 'dag_id | is_paused\n=======+==========\netl    | False' });
    expect(ctx.db.dags.get('etl')!.is_paused).toBe(false);
    expect(ctx.wakes).toBe(1);
    const log = ctx.db.log.at(-1)!;
    expect(log.event).toBe('cli_dag_unpause');
    expect(log.dag_id).toBe('etl');
    expect(log.extra).toBe(`{"host_name": "localhost", "full_command": "['airflow', 'dags', 'unpause', 'etl']"}`);
  });

  it('3.x prints the state it replaced (dag_command.set_is_paused returns old values)', () => {
    const ctx = ctxWithEtl('3');
    expect(runCommand(ctx, 'airflow dags unpause etl').output).toBe('dag_id | is_paused\n=======+==========\netl    | True');
  });

  it('"No paused DAGs were found" when nothing changes (test_unpause_already_unpaused_dag_do_not_error)', () => {
    const ctx = ctxWithEtl('2', { paused: false });
    expect(runCommand(ctx, 'airflow dags unpause etl')).toEqual({ exit_code: 0, output: 'No paused DAGs were found' });
    expect(runCommand(ctx, 'airflow dags pause nope')).toEqual({ exit_code: 0, output: 'No unpaused DAGs were found' });
  });

  it('with a regex and no --yes, asks first', () => {
    const ctx = ctxWithEtl('3');
    ctx.addDag({ dag_id: 'etl_2', tasks: [{ task_id: 'a' }] });
    const r = runCommand(ctx, 'airflow dags unpause "^etl" --treat-dag-id-as-regex -o plain');
    // tabulate plain: a column is at least len(header) + 2 wide
    expect(r.output).toBe('You are about to unpause 2 DAGs:\netl,etl_2\n\nAre you sure? [y/n]\ny\ndag_id    is_paused\netl       True\netl_2     True');
  });
});

describe('dags trigger', () => {
  it('2.10: the exec date is coerced to UTC and the interval inferred (test_trigger_dag)', () => {
    const ctx = ctxWithEtl('2');
    const r = runCommand(ctx, `airflow dags trigger etl --run-id=test_trigger_dag --exec-date=2021-06-04T09:00:00+08:00 '--conf={"foo": "bar"}' -o json`);
    expect(r.exit_code).toBe(0);
    const run = ctx.db.getDagRun('etl', 'test_trigger_dag')!;
    expect(run.logical_date).toBe(Date.parse('2021-06-04T01:00:00Z'));
    expect([run.data_interval_start, run.data_interval_end]).toEqual([Date.parse('2021-06-03T00:00:00Z'), Date.parse('2021-06-04T00:00:00Z')]);
    expect(JSON.parse(r.output)).toEqual([
      {
        conf: { foo: 'bar' },
        dag_id: 'etl',
        dag_run_id: 'test_trigger_dag',
        data_interval_start: '2021-06-03 00:00:00+00:00',
        data_interval_end: '2021-06-04 00:00:00+00:00',
        end_date: null,
        external_trigger: 'True',
        last_scheduling_decision: null,
        logical_date: '2021-06-04 01:00:00+00:00',
        run_type: 'manual',
        start_date: null,
        state: 'queued',
      },
    ]);
  });

  it('3.x: no logical date by default; the table has triggering_user_name', () => {
    const ctx = ctxWithEtl('3');
    const r = runCommand(ctx, 'airflow dags trigger etl -o yaml');
    expect(r.output).toContain("  dag_run_id: manual__2024-06-10T12:00:00+00:00\n");
    expect(r.output).toContain('  logical_date: null\n');
    expect(r.output).toContain('  triggering_user_name: airflow');
    expect(r.output).not.toContain('external_trigger');
  });

  it('a --conf that is not JSON fails like json.loads (test_trigger_dag_invalid_conf)', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow dags trigger etl --conf "NOT JSON"')).toEqual({
      exit_code: 1,
      output: 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    });
    expect(ctx.db.dagRuns).toHaveLength(0);
  });

  it('an unknown DAG: DagNotFound from trigger_dag', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow dags trigger nope')).toEqual({
      exit_code: 1,
      output: 'airflow.exceptions.DagNotFound: Dag id nope not found in DagModel',
    });
    // the audit row is written before the command runs (cli_action_loggers pre-execution callback)
    expect(ctx.db.log.at(-1)!.event).toBe('cli_dag_trigger');
  });
});

describe('dags state / list-runs', () => {
  it('prints the state, with the conf when there is one (dag_command.dag_state)', () => {
    const ctx = ctxWithEtl('2');
    ctx.finishedRun('etl', 'scheduled__2024-06-01T00:00:00+00:00', day(1), 'success');
    expect(runCommand(ctx, 'airflow dags state etl 2024-06-01').output).toBe('success');
    expect(runCommand(ctx, 'airflow dags state etl 2024-06-02').output).toBe('None');
    ctx.db.getDagRun('etl', 'scheduled__2024-06-01T00:00:00+00:00')!.conf = { name: 'bob' };
    expect(runCommand(ctx, 'airflow dags state etl 2024-06-01T00:00:00+00:00').output).toBe('success, {"name": "bob"}');
    expect(runCommand(ctx, 'airflow dags state nope 2024-06-01')).toEqual({ exit_code: 1, output: "DAG: nope does not exist in 'dag' table" });
  });

  it('3.x dags state finds a run by run_id', () => {
    const ctx = ctxWithEtl('3');
    ctx.finishedRun('etl', 'manual__x', day(1), 'failed');
    expect(runCommand(ctx, 'airflow dags state etl manual__x').output).toBe('failed');
  });

  it('lists runs newest first, filtered (dag_command.dag_list_dag_runs)', () => {
    const ctx = ctxWithEtl('2');
    ctx.finishedRun('etl', 'scheduled__2024-06-01T00:00:00+00:00', day(1), 'success');
    ctx.finishedRun('etl', 'scheduled__2024-06-02T00:00:00+00:00', day(2), 'failed');
    const r = runCommand(ctx, 'airflow dags list-runs -d etl -o plain');
    const row = (...cells: string[]) => [cells[0]!.padEnd(8), cells[1]!.padEnd(36), cells[2]!.padEnd(7), cells[3]!.padEnd(25), cells[4]!.padEnd(25), cells[5]].join('  ');
    const started = '2024-06-10T12:00:00+00:00'; // FakeContext.finishedRun creates the run running at T0
    expect(r.output.split('\n')).toEqual([
      row('dag_id', 'run_id', 'state', 'execution_date', 'start_date', 'end_date'),
      row('etl', 'scheduled__2024-06-02T00:00:00+00:00', 'failed', '2024-06-02T00:00:00+00:00', started, '2024-06-02T00:02:00+00:00'),
      row('etl', 'scheduled__2024-06-01T00:00:00+00:00', 'success', '2024-06-01T00:00:00+00:00', started, '2024-06-01T00:02:00+00:00'),
    ]);
    expect(runCommand(ctx, 'airflow dags list-runs -d etl --state success -o json').output).toContain('"run_id": "scheduled__2024-06-01T00:00:00+00:00"');
    expect(runCommand(ctx, 'airflow dags list-runs -d etl --state queued').output).toBe('No data found');
    expect(runCommand(ctx, 'airflow dags list-runs -d nope').output).toBe("DAG: nope does not exist in 'dag' table");
  });

  it('3.x lists by run_after, with a logical_date column and --limit', () => {
    const ctx = ctxWithEtl('3');
    ctx.finishedRun('etl', 'a', day(1), 'success');
    ctx.finishedRun('etl', 'b', day(2), 'success');
    const rows = JSON.parse(runCommand(ctx, 'airflow dags list-runs etl --limit 1 -o json').output);
    expect(rows).toEqual([
      {
        dag_id: 'etl',
        run_id: 'b',
        state: 'success',
        run_after: '2024-06-02T00:00:00+00:00',
        logical_date: '2024-06-02T00:00:00+00:00',
        start_date: '2024-06-10T12:00:00+00:00',
        end_date: '2024-06-02T00:02:00+00:00',
      },
    ]);
  });
});

describe('dags next-execution', () => {
  it('reminds about a paused DAG and prints the next logical dates (test_next_execution)', () => {
    const ctx = ctxWithEtl('2');
    Object.assign(ctx.db.dags.get('etl')!, {
      next_dagrun: day(11),
      next_dagrun_data_interval_start: day(11),
      next_dagrun_data_interval_end: day(12),
      next_dagrun_create_after: day(12),
    });
    expect(runCommand(ctx, 'airflow dags next-execution etl -n 2').output).toBe(
      '[INFO] Please be reminded this DAG is PAUSED now.\n2024-06-11T00:00:00+00:00\n2024-06-12T00:00:00+00:00',
    );
  });

  it('prints None and a warning when there is no next run', () => {
    const ctx = new FakeContext('3', T0);
    ctx.addDag({ dag_id: 'manual_only', schedule: { kind: 'none' }, tasks: [{ task_id: 'a' }] }, { paused: false });
    expect(runCommand(ctx, 'airflow dags next-execution manual_only').output).toBe(
      "[WARN] No following schedule can be found. This DAG may have schedule interval '@once' or `None`.\nNone",
    );
    expect(runCommand(ctx, 'airflow dags next-execution nope')).toEqual({ exit_code: 1, output: 'DAG: nope does not exist in the database' });
  });
});

describe('dags list / list-import-errors', () => {
  it('default columns per profile; unknown columns are reported (test_cli_list_dags_invalid_cols)', () => {
    const ctx2 = ctxWithEtl('2');
    expect(runCommand(ctx2, 'airflow dags list').output).toBe(
      'dag_id | fileloc                  | owners  | is_paused\n' +
        '=======+==========================+=========+==========\n' +
        'etl    | /opt/airflow/dags/etl.py | airflow | True',
    );
    const ctx3 = ctxWithEtl('3');
    expect(runCommand(ctx3, 'airflow dags list -o json').output).toBe(
      '[{"dag_id": "etl", "fileloc": "/opt/airflow/dags/etl.py", "owners": ["airflow"], "is_paused": "True", "bundle_name": "dags-folder", "bundle_version": null}]',
    );
    expect(runCommand(ctx2, 'airflow dags list --columns dag_id,invalid_col').output).toContain(
      "Error: Ignoring the following invalid columns: ['invalid_col'].  List of valid columns: ['dag_id',",
    );
  });

  it('list-import-errors exits 1 when there are errors', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow dags list-import-errors')).toEqual({ exit_code: 0, output: 'No data found' });
    ctx.db.setImportErrors('bad.py', [{ filename: 'bad.py', timestamp: T0, line: 1, column: 1, message: "NameError: name 'x' is not defined" }]);
    expect(runCommand(ctx, 'airflow dags list-import-errors -o plain')).toEqual({
      exit_code: 1,
      output: "filepath                  error\n/opt/airflow/dags/bad.py  NameError: name 'x' is not defined",
    });
    expect(runCommand(ctx, 'airflow dags list').output.split('\n')[0]).toBe(
      'Error: Failed to load all files. For details, run `airflow dags list-import-errors`',
    );
  });
});

describe('tasks list / state / states-for-dag-run', () => {
  it('lists task ids sorted; 2.10 --tree draws the DAG (DAG.tree_view)', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow tasks list etl').output).toBe('extract\nload\ntransform');
    expect(runCommand(ctx, 'airflow tasks list etl --tree').output).toBe(
      '<Task(BashOperator): extract>\n    <Task(BashOperator): transform>\n        <Task(BashOperator): load>',
    );
    expect(runCommand(ctx, 'airflow tasks list nope')).toEqual({
      exit_code: 1,
      output: "airflow.exceptions.AirflowException: Dag 'nope' could not be found; either it does not exist or it failed to parse.",
    });
  });

  it('states-for-dag-run as JSON has the keys of test_task_states_for_dag_run', () => {
    const ctx = ctxWithEtl('2');
    ctx.finishedRun('etl', 'manual__2016-01-09T00:00:00+00:00', Date.UTC(2016, 0, 9), 'success');
    const rows = JSON.parse(runCommand(ctx, 'airflow tasks states-for-dag-run etl 2016-01-09T00:00:00+00:00 --output json').output);
    expect(rows[0]).toEqual({
      dag_id: 'etl',
      execution_date: '2016-01-09T00:00:00+00:00',
      task_id: 'extract',
      state: 'success',
      start_date: '2016-01-09T00:00:00+00:00',
      end_date: '2016-01-09T00:01:00+00:00',
    });
    expect(runCommand(ctx, 'airflow tasks states-for-dag-run not_exists_dag 2016-01-09')).toEqual({
      exit_code: 1,
      output: "airflow.exceptions.DagRunNotFound: DagRun for not_exists_dag with run_id or execution_date of '2016-01-09' not found",
    });
  });

  it('tasks state prints the TI state', () => {
    const ctx = ctxWithEtl('3');
    ctx.finishedRun('etl', 'r1', day(1), 'failed', { load: 'upstream_failed' });
    expect(runCommand(ctx, 'airflow tasks state etl load r1').output).toBe('upstream_failed');
    expect(runCommand(ctx, 'airflow tasks state etl nope r1').output).toBe('airflow.exceptions.TaskNotFound: Task nope not found');
    expect(runCommand(ctx, 'airflow tasks state etl load r9').output).toBe(
      "airflow.exceptions.DagRunNotFound: DagRun for etl with run_id or logical_date of 'r9' not found",
    );
  });
});

describe('tasks clear', () => {
  it('2.10: "Nothing to clear." and the prompt listing TaskInstance reprs (DAG.clear_dags)', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow tasks clear etl -y').output).toBe('Nothing to clear.');
    const run = ctx.finishedRun('etl', 'scheduled__2024-06-01T00:00:00+00:00', day(1), 'failed', { extract: 'success', load: 'upstream_failed' });
    const r = runCommand(ctx, 'airflow tasks clear etl -t transform -d -f');
    expect(r.output).toBe(
      'You are about to delete these 2 tasks:\n' +
        '<TaskInstance: etl.transform scheduled__2024-06-01T00:00:00+00:00 [failed]>\n' +
        '<TaskInstance: etl.load scheduled__2024-06-01T00:00:00+00:00 [upstream_failed]>\n\nAre you sure? [y/n]\ny',
    );
    expect(ctx.db.tisOf(run).map((t) => t.state)).toEqual(['success', null, null]);
    expect(run.state).toBe('queued');
    expect(ctx.db.log.at(-1)!.event).toBe('cli_task_clear');
  });

  it('3.x: silent with -y; the prompt shows the list repr', () => {
    const ctx = ctxWithEtl('3');
    expect(runCommand(ctx, 'airflow tasks clear etl -y').output).toBe('');
    ctx.finishedRun('etl', 'r1', day(1), 'success');
    expect(runCommand(ctx, 'airflow tasks clear etl -t ^load$').output).toBe(
      'You are about to delete these 1 tasks:\n[<TaskInstance: etl.load r1 [success]>]\n\nAre you sure? [y/n]\ny',
    );
  });

  it('2.10 leaves runs in the future alone unless -e is given (allow_future_exec_dates=False)', () => {
    const ctx = ctxWithEtl('2');
    const future = ctx.finishedRun('etl', 'future', day(20), 'success');
    expect(runCommand(ctx, 'airflow tasks clear etl -y').output).toBe('Nothing to clear.');
    runCommand(ctx, 'airflow tasks clear etl -y -e 2024-07-01');
    expect(future.state).toBe('queued');
  });
});

describe('pools', () => {
  it('set, get, list, delete as pool_command prints them', () => {
    const ctx = ctxWithEtl('3');
    expect(runCommand(ctx, 'airflow pools set etl 4 "ETL jobs"').output).toBe('Pool etl created');
    // numbers are right-aligned, header included (tabulate numalign="decimal")
    expect(runCommand(ctx, 'airflow pools get etl -o plain').output).toBe('pool      slots  description    include_deferred\netl           4  ETL jobs       False');
    expect(runCommand(ctx, 'airflow pools list -o json').output).toBe(
      '[{"pool": "default_pool", "slots": "128", "description": "Default pool", "include_deferred": "False"}, {"pool": "etl", "slots": "4", "description": "ETL jobs", "include_deferred": "False"}]',
    );
    expect(runCommand(ctx, 'airflow pools delete etl').output).toBe('Pool etl deleted');
    expect(runCommand(ctx, 'airflow pools get etl')).toEqual({ exit_code: 1, output: 'Pool etl does not exist' });
    expect(runCommand(ctx, 'airflow pools delete etl')).toEqual({ exit_code: 1, output: 'Pool etl does not exist' });
  });

  it('default_pool cannot be deleted (Pool.delete_pool)', () => {
    const ctx = ctxWithEtl('2');
    expect(runCommand(ctx, 'airflow pools delete default_pool')).toEqual({
      exit_code: 1,
      output: 'airflow.exceptions.AirflowException: default_pool cannot be deleted',
    });
  });
});

describe('config get-value, version', () => {
  it('prints config values as airflow.cfg holds them; nothing for unknown keys', () => {
    const ctx = ctxWithEtl('3');
    expect(runCommand(ctx, 'airflow config get-value core parallelism').output).toBe('32');
    expect(runCommand(ctx, 'airflow config get-value scheduler catchup_by_default').output).toBe('False');
    expect(runCommand(new FakeContext('2', T0), 'airflow config get-value SCHEDULER catchup_by_default').output).toBe('True');
    expect(runCommand(ctx, 'airflow config get-value core nope')).toEqual({ exit_code: 0, output: '' });
  });
  it('prints the version of the profile', () => {
    expect(runCommand(new FakeContext('2', T0), 'airflow version').output).toBe('2.10.5');
    expect(runCommand(new FakeContext('3', T0), 'airflow version').output).toBe('3.1.5');
  });
});

describe('usage errors', () => {
  it('are thrown, and nothing is audited', () => {
    const ctx = ctxWithEtl('3');
    expect(() => runCommand(ctx, 'airflow dags unpause etl --foo')).toThrow(CliUsageError);
    expect(ctx.db.log).toHaveLength(0);
    expect(ctx.db.dags.get('etl')!.is_paused).toBe(true);
  });
});

describe('sim mark-run / mark-task', () => {
  it('marks a run failed the way the UI does, with the UI audit event', () => {
    const ctx = ctxWithEtl('2');
    const run = ctx.createDagRun({ dag_id: 'etl', run_id: 'r1', run_type: 'manual', state: 'running', logical_date: day(1), data_interval: null, run_after: day(1), triggered_by: 'cli' });
    ctx.db.setTIState(ctx.db.tisOf(run)[0]!, 'running');
    const r = runCommand(ctx, 'sim mark-run etl r1 failed');
    expect(r.output).toBe(
      'DagRun r1 marked failed; 3 task instance(s) changed:\n' +
        '  <TaskInstance: etl.transform r1 [skipped]>\n  <TaskInstance: etl.load r1 [skipped]>\n  <TaskInstance: etl.extract r1 [failed]>',
    );
    expect(ctx.killed.map((t) => t.task_id)).toEqual(['extract']);
    expect(ctx.db.log.at(-1)).toMatchObject({ event: 'dagrun_failed', dag_id: 'etl', run_id: 'r1' });
    expect(runCommand(ctx, 'sim mark-task etl r9 load success')).toEqual({ exit_code: 1, output: 'DagRun r9 of DAG etl not found' });
  });
});

describe('3.x dags next-execution --table / --field', () => {
  it('shows the next runs as a table, or one field of them', () => {
    const ctx = ctxWithEtl('3', { paused: false });
    Object.assign(ctx.db.dags.get('etl')!, {
      next_dagrun: day(11),
      next_dagrun_data_interval_start: day(11),
      next_dagrun_data_interval_end: day(11),
      next_dagrun_create_after: day(11),
    });
    expect(runCommand(ctx, 'airflow dags next-execution etl --table -n 2').output).toBe(
      'logical_date              | data_interval.start       | data_interval.end         | run_after\n' +
        '==========================+===========================+===========================+==========================\n' +
        '2024-06-11 00:00:00+00:00 | 2024-06-11 00:00:00+00:00 | 2024-06-11 00:00:00+00:00 | 2024-06-11 00:00:00+00:00\n' +
        '2024-06-12 00:00:00+00:00 | 2024-06-12 00:00:00+00:00 | 2024-06-12 00:00:00+00:00 | 2024-06-12 00:00:00+00:00',
    );
    expect(runCommand(ctx, 'airflow dags next-execution etl --field run_after -n 2').output).toBe('2024-06-11T00:00:00+00:00\n2024-06-12T00:00:00+00:00');
    expect(runCommand(ctx, 'airflow dags next-execution etl --table --field run_after')).toEqual({ exit_code: 1, output: 'Cannot use --table and --field together' });
  });
});
