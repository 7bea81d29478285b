// Scenarios end to end through the headless runner (shared SCENARIO.md), with real CLI commands.
// Expected values: AIRFLOW.md §3 (backfill), §8 (clear), §2 (run ids), citing the Airflow files there.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/runScenario.ts';
import { readScenario, ScenarioError } from '../src/engine/scenario.ts';

const dir = resolve(import.meta.dirname, 'scenarios');
const file = (name: string) => readFileSync(resolve(dir, name), 'utf8');
const readPath = (p: string): [string, string] => [p, file(p)];
const run = (raw: unknown) => runScenario(readScenario(raw, readPath)).output;

describe('the README example: Airflow 3 ETL on CeleryExecutor', () => {
  const out = run(JSON.parse(file('etl-catchup.json')));

  it('catches up from start_date with catchup=True and runs every task on the two workers', () => {
    expect(out.dag_runs.map((r) => r.run_id)).toEqual([
      'scheduled__2024-06-01T00:00:00+00:00',
      'scheduled__2024-06-02T00:00:00+00:00',
      'scheduled__2024-06-03T00:00:00+00:00',
      'scheduled__2024-06-04T00:00:00+00:00',
      'scheduled__2024-06-05T00:00:00+00:00',
    ]);
    expect(out.dag_runs.slice(0, 4).every((r) => r.state === 'success')).toBe(true);
    expect(new Set(out.task_instances.map((t) => t.hostname))).toEqual(new Set(['worker-1', 'worker-2', null]));
  });

  it('records each command with its exit code and output', () => {
    expect(out.commands[0]).toMatchObject({ at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl', exit_code: 0 });
    expect(out.commands[1]!.output).toContain('scheduled__2024-06-03T00:00:00+00:00');
  });

  it('pushes the last line of a bash task to XCom', () => {
    const x = out.xcom.find((r) => r.task_id === 'load' && r.run_id === 'scheduled__2024-06-01T00:00:00+00:00');
    expect(x?.value).toBe('loaded 2024-06-01');
  });
});

describe('backfill', () => {
  it('Airflow 3: backfill create makes backfill runs named after run_after and the scheduler runs them', () => {
    const out = run({
      airflow: '3',
      files: ['etl.py'],
      start: '2024-06-03T12:00:00Z',
      commands: [
        { at: '2024-06-03T12:00:00Z', run: 'airflow backfill create --dag-id etl --from-date 2024-05-01 --to-date 2024-05-03' },
      ],
      until: '2024-06-03T13:00:00Z',
    });
    const bf = out.dag_runs.filter((r) => r.run_type === 'backfill');
    expect(bf.map((r) => r.run_id)).toEqual([
      'backfill__2024-05-01T00:00:00+00:00',
      'backfill__2024-05-02T00:00:00+00:00',
      'backfill__2024-05-03T00:00:00+00:00',
    ]);
    // the DAG is paused (it is new), and in 3.x the scheduler does not run a paused DAG's runs
    expect(bf.every((r) => r.state === 'queued')).toBe(true);
    expect(out.commands[0]!.exit_code).toBe(0);
  });

  it('Airflow 3: an unpaused DAG runs its backfill to the end', () => {
    const out = run({
      airflow: '3',
      files: ['etl.py'],
      start: '2024-06-03T12:00:00Z',
      commands: [
        { at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' },
        { at: '2024-06-03T12:00:00Z', run: 'airflow backfill create --dag-id etl --from-date 2024-05-01 --to-date 2024-05-03' },
      ],
      until: '2024-06-03T14:00:00Z',
    });
    const bf = out.dag_runs.filter((r) => r.run_type === 'backfill');
    expect(bf.map((r) => r.state)).toEqual(['success', 'success', 'success']);
    expect(bf.every((r) => r.triggered_by === 'backfill' && r.backfill_id === 1)).toBe(true);
  });

  it('Airflow 2.10: dags backfill runs the dates in the CLI job, one pass per max_active_runs', () => {
    const out = run({
      airflow: '2',
      files: ['etl2.py'],
      start: '2024-06-03T12:00:00Z',
      commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags backfill -s 2024-05-01 -e 2024-05-03 etl' }],
      until: '2024-06-03T14:00:00Z',
    });
    // the load of 2024-05-02 fails (no retries): the job stops after that pass
    expect(out.dag_runs.map((r) => [r.run_id, r.state])).toEqual([
      ['backfill__2024-05-01T00:00:00+00:00', 'success'],
      ['backfill__2024-05-02T00:00:00+00:00', 'failed'],
    ]);
    const cmd = out.commands[0]!;
    expect(cmd.exit_code).toBe(1);
    expect(cmd.output).toContain('airflow.exceptions.BackfillUnfinished: Some task instances failed:');
    expect(cmd.output).toMatch(/etl\s+load\s+backfill__2024-05-02T00:00:00\+00:00\s+1/);
  });

  it('Airflow 2.10: --continue-on-failures runs every date and exits 0', () => {
    const out = run({
      airflow: '2',
      files: ['etl2.py'],
      start: '2024-06-03T12:00:00Z',
      commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags backfill -s 2024-05-01 -e 2024-05-03 --continue-on-failures etl' }],
      until: '2024-06-03T14:00:00Z',
    });
    expect(out.dag_runs.map((r) => r.state)).toEqual(['success', 'failed', 'success']);
    expect(out.commands[0]!.exit_code).toBe(0);
    expect(out.commands[0]!.output).toContain('Backfill done for DAG <DAG: etl>. Exiting.');
  });
});

describe('tasks clear', () => {
  it('re-runs a failed task: try_number goes on, max_tries is reset, the finished run is queued again', () => {
    const out = run({
      airflow: '2',
      files: ['etl2.py'],
      start: '2024-05-03T00:00:00Z',
      commands: [
        { at: '2024-05-03T00:00:00Z', run: 'airflow dags unpause etl' },
        { at: '2024-05-03T01:00:00Z', run: 'airflow tasks clear etl -t load -s 2024-05-02 -e 2024-05-02 -y' },
      ],
      until: '2024-05-03T02:00:00Z',
    });
    // catchup=False on 05-03 00:00: the run for [05-02, 05-03) is created; its load fails on try 1
    const runRow = out.dag_runs.find((r) => r.logical_date === '2024-05-02T00:00:00Z')!;
    expect(runRow).toMatchObject({ state: 'success', clear_number: 1 });
    const load = out.task_instances.find((t) => t.run_id === runRow.run_id && t.task_id === 'load')!;
    expect(load).toMatchObject({ state: 'success', try_number: 2, max_tries: 1 });
    expect(out.task_instance_history.map((h) => [h.task_id, h.try_number, h.state])).toEqual([['load', 1, 'failed']]);
  });
});

describe('dags trigger', () => {
  it('Airflow 3: a manual run has no logical date (run_id manual__<run_after>), so {{ ds }} is undefined and the task fails', () => {
    const out = run({
      airflow: '3',
      files: ['etl.py'],
      start: '2024-06-03T12:00:00Z',
      commands: [
        { at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' },
        { at: '2024-06-03T12:30:00Z', run: 'airflow dags trigger etl' },
      ],
      until: '2024-06-03T13:00:00Z',
    });
    const m = out.dag_runs.find((r) => r.run_type === 'manual')!;
    expect(m).toMatchObject({ run_id: 'manual__2024-06-03T12:30:00+00:00', logical_date: null, data_interval_start: null, run_after: '2024-06-03T12:30:00Z' });
    // Airflow renders with jinja2.StrictUndefined, and 3.x leaves `ds` out of a run without a logical date
    expect(m.state).toBe('failed');
    const extract = out.task_instances.find((t) => t.run_id === m.run_id && t.task_id === 'extract')!;
    expect(extract.state).toBe('failed');
  });

  it('Airflow 2.10: the logical date is the trigger time and the interval is inferred from it', () => {
    const out = run({
      airflow: '2',
      files: ['etl2.py'],
      start: '2024-06-03T12:30:00Z',
      commands: [{ at: '2024-06-03T12:30:00Z', run: 'airflow dags trigger etl' }],
      until: '2024-06-03T13:00:00Z',
    });
    expect(out.dag_runs[0]).toMatchObject({
      run_id: 'manual__2024-06-03T12:30:00+00:00',
      logical_date: '2024-06-03T12:30:00Z',
      data_interval_start: '2024-06-02T00:00:00Z',
      data_interval_end: '2024-06-03T00:00:00Z',
      run_type: 'manual',
    });
  });
});

describe('broken input', () => {
  const base = { airflow: '3', files: { 'etl.py': file('etl.py') }, start: '2024-06-03T12:00:00Z', until: '2024-06-04T00:00:00Z' };

  it('an unknown command stops the scenario with one line naming it', () => {
    expect(() => run({ ...base, commands: [{ at: base.start, run: 'airflow dags frobnicate' }] })).toThrow(ScenarioError);
    expect(() => run({ ...base, commands: [{ at: base.start, run: 'airflow dags frobnicate' }] })).toThrow(/commands\[0\].*frobnicate/);
  });

  it('an unknown flag is named', () => {
    expect(() => run({ ...base, commands: [{ at: base.start, run: 'airflow dags unpause etl --frob' }] })).toThrow(/unrecognized arguments: --frob/);
  });

  it('a command Airflow rejects at run time exits non-zero and the run goes on', () => {
    const out = run({ ...base, commands: [{ at: base.start, run: 'airflow dags trigger nope' }, { at: base.start, run: 'airflow dags unpause etl' }] });
    expect(out.commands[0]).toMatchObject({ exit_code: 1, output: expect.stringMatching(/DagNotFound: Dag id nope not found/) });
    expect(out.commands[1]!.exit_code).toBe(0);
  });

  it('unpausing a DAG that does not exist is not an error in Airflow (test_unpause_non_existing_dag_do_not_error)', () => {
    const out = run({ ...base, commands: [{ at: base.start, run: 'airflow dags unpause nope' }] });
    expect(out.commands[0]).toMatchObject({ exit_code: 0, output: 'No paused DAGs were found' });
  });

  it('unknown keys, bad dates and bad config are named', () => {
    expect(() => run({ ...base, frob: 1 })).toThrow(/unknown key "frob"/);
    expect(() => run({ ...base, start: '2024-06-03' })).toThrow(/"start".*time zone/);
    expect(() => run({ ...base, config: { 'core.paralelism': 3 } })).toThrow(/unknown key "core.paralelism"/);
    expect(() => run({ ...base, config: { 'core.parallelism': 'many' } })).toThrow(/must be a number/);
    expect(() => run({ ...base, airflow: '4' })).toThrow(/"airflow" must be "2".*or "3"/);
  });

  it('a broken DAG file is an import error, not a runner error; other files keep running', () => {
    const out = run({
      ...base,
      files: { 'etl.py': file('etl.py'), 'broken.py': 'from airflow.sdk import DAG\nwith DAG(dag_id="b" schedule=None):\n    pass\n' },
      commands: [{ at: base.start, run: 'airflow dags unpause etl' }],
    });
    expect(out.import_errors).toHaveLength(1);
    expect(out.import_errors[0]).toMatchObject({ filename: 'broken.py', line: 2 });
    expect(out.dag_runs.length).toBeGreaterThan(0);
  });
});
