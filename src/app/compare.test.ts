// The compare view's pure parts: a workspace under the other Airflow version (imports moved,
// backfill commands translated or said untranslatable), what-if edits of a DAG file, and the
// field-by-field diff of two sides' runs. The runs compared here come from the real engine under
// both profiles, so the differences are Airflow's: 2.10 catchup_by_default=True vs 3.x False, and
// 3.x create_cron_data_intervals=False (a cron schedule is a CronTriggerTimetable) (config.yml of each).
import { describe, expect, it } from 'vitest';
import { dag2 } from '../../test/engine/helpers.ts';
import { SimSession, type Result } from '../worker/session.ts';
import { diffRuns } from './compareDiff.ts';
import { translateCommand, translateImports, translateWorkspace, upTo, type PlainWorkspace } from './compareTranslate.ts';
import { setCatchup, setRetries } from './compareWhatIf.ts';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('the workspace under the other version', () => {
  it('moves imports to where the other version keeps the same classes', () => {
    const src3 = 'from airflow.sdk import DAG, task\nfrom airflow.providers.standard.operators.bash import BashOperator\nimport pendulum\n';
    const r = translateImports(src3, '2');
    expect(r.source).toBe('from airflow import DAG\nfrom airflow.decorators import task\nfrom airflow.operators.bash import BashOperator\nimport pendulum\n');
    expect(translateImports(r.source, '3').source).toBe('from airflow.sdk import DAG\nfrom airflow.sdk import task\nfrom airflow.providers.standard.operators.bash import BashOperator\nimport pendulum\n');
  });

  it('translates backfill and trigger commands, and says which have no equivalent', () => {
    expect(translateCommand('airflow dags backfill etl -s 2024-06-01 -e 2024-06-03', '3')).toBe('airflow backfill create --dag-id etl --from-date 2024-06-01 --to-date 2024-06-03');
    expect(translateCommand('airflow backfill create --dag-id etl --from-date 2024-06-01 --to-date 2024-06-03', '2')).toBe('airflow dags backfill etl -s 2024-06-01 -e 2024-06-03');
    expect(translateCommand('airflow dags trigger etl -e 2024-06-01', '3')).toBe('airflow dags trigger etl --logical-date 2024-06-01');
    expect(translateCommand('airflow dags backfill etl -s 2024-06-01 -e 2024-06-03 --rerun-failed-tasks', '3')).toBeNull();
    expect(translateCommand('airflow backfill create --dag-id etl --from-date 2024-06-01 --to-date 2024-06-03 --max-active-runs 2', '2')).toBeNull();
    expect(translateCommand('airflow dags unpause etl', '3')).toBe('airflow dags unpause etl');
  });

  it('the same DAG under 2.10 and 3.x: catchup defaults and run ids differ, and the diff says so', () => {
    const body = 'BashOperator(task_id="t", bash_command="echo hi")';
    const ws: PlainWorkspace = {
      profile: '2',
      files: { 'etl.py': dag2(body, 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")') },
      config: {},
      seed: 1,
      start: '2024-06-03T12:00:00Z',
      commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' }],
      fileEdits: [],
      clock: '2024-06-03T12:00:00Z',
    };
    const t = translateWorkspace(ws, '3');
    expect(t.untranslatable).toEqual([]);
    expect(t.notes.map((n) => n.kind)).toContain('import');
    const side = (w: PlainWorkspace) => {
      const s = new SimSession();
      value(s.load(w));
      value(s.runUntil('2024-06-04T01:00:00Z', { maxSteps: 1e6 }));
      return value(s.grid('etl', { limit: 100 })).runs;
    };
    const d = diffRuns(side(ws), side(t.workspace));
    // 2.10: catchup_by_default=True and "@daily" is CronDataIntervalTimetable: runs for 06-01, 06-02 at
    // the unpause, 06-03's at 06-04 00:00. 3.x: catchup_by_default=False and create_cron_data_intervals=False,
    // so "@daily" is CronTriggerTimetable: the latest trigger (06-03 00:00) at the unpause, then 06-04's.
    expect([d.left_runs, d.right_runs]).toEqual([3, 2]);
    expect(d.pairs.filter((p) => p.left && !p.right).map((p) => p.left!.logical_date)).toEqual(['2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z']);
    expect(d.pairs.filter((p) => !p.left && p.right).map((p) => p.right!.logical_date)).toEqual(['2024-06-04T00:00:00Z']);
    const both = d.pairs.find((p) => p.left && p.right)!;
    // the same run id and logical date; a trigger timetable's data interval is the trigger instant itself
    expect(both.left!.run_id).toBe(both.right!.run_id);
    expect(both.diffs).toEqual(['data_interval_end']);
    expect([both.left!.data_interval_end, both.right!.data_interval_end]).toEqual(['2024-06-04T00:00:00Z', '2024-06-03T00:00:00Z']);
    expect(d.differing).toBe(4);
  });

  it('keeps what happened up to the clock, to fork from', () => {
    const ws: PlainWorkspace = { profile: '3', files: {}, config: {}, seed: 1, start: '2024-06-01T00:00:00Z', commands: [{ at: '2024-06-01T00:00:00Z', run: 'a' }, { at: '2024-06-02T00:00:00Z', run: 'b' }], fileEdits: [] };
    expect(upTo(ws, '2024-06-01T12:00:00Z').commands.map((c) => c.run)).toEqual(['a']);
  });
});

describe('what-if edits of a DAG file', () => {
  it('catchup: flips the argument, or adds it to the DAG call', () => {
    expect(setCatchup('with DAG(dag_id="etl", schedule="@daily", catchup=True):\n', 'etl', false)).toBe('with DAG(dag_id="etl", schedule="@daily", catchup=False):\n');
    expect(setCatchup('with DAG(dag_id="etl", schedule="@daily"):\n', 'etl', true)).toBe('with DAG(dag_id="etl", catchup=True, schedule="@daily"):\n');
    expect(setCatchup('@dag(dag_id="other")\n', 'etl', true)).toBeNull();
  });

  it('retries: sets the argument of the task\'s operator call or @task decorator', () => {
    expect(setRetries('a = BashOperator(task_id="a", bash_command="x", retries=3)\n', 'a', 0)).toBe('a = BashOperator(task_id="a", bash_command="x", retries=0)\n');
    expect(setRetries('b = BashOperator(\n    task_id="b",\n    bash_command="x",\n)\n', 'b', 2)).toBe('b = BashOperator(\n    task_id="b", retries=2,\n    bash_command="x",\n)\n');
    expect(setRetries('@task(retries=1)\ndef extract():\n    pass\n', 'extract', 4)).toBe('@task(retries=4)\ndef extract():\n    pass\n');
    expect(setRetries('@task\ndef extract():\n    pass\n', 'extract', 4)).toBe('@task(retries=4)\ndef extract():\n    pass\n');
    expect(setRetries('x = 1\n', 'nope', 1)).toBeNull();
  });
});

describe('diffRuns', () => {
  it('pairs by type and logical date; a side-only run counts as a difference', () => {
    const run = (over: Partial<Parameters<typeof diffRuns>[0][number]>) => ({
      run_id: 'r', run_type: 'scheduled' as const, state: 'success' as const, logical_date: '2024-06-01T00:00:00Z', data_interval_start: null, data_interval_end: null,
      run_after: null, queued_at: null, start_date: null, end_date: null, duration_s: null, triggered_by: 'timetable', backfill_id: null, clear_number: 0, ...over,
    });
    const d = diffRuns([run({}), run({ logical_date: '2024-06-02T00:00:00Z', state: 'failed' })], [run({ logical_date: '2024-06-02T00:00:00Z' })]);
    expect(d.pairs.map((p) => [!!p.left, !!p.right, p.diffs])).toEqual([
      [true, false, []],
      [true, true, ['state']],
    ]);
    expect(d.differing).toBe(2);
  });
});
