// The goal language against a real simulated run: a daily `etl` with catchup, whose `extract`
// fails its first two tries and succeeds on the third (retries=2).
// Airflow facts used: with catchup=True, 2.10 creates a run per completed daily data interval, while
// 3.x's default [scheduler] create_cron_data_intervals=False makes "@daily" a CronTriggerTimetable
// (a run at each midnight, its logical date that midnight: airflow/timetables/trigger.py); run_id
// "scheduled__<logical_date.isoformat()>" (airflow/models/dagrun.py DagRun.generate_run_id); the
// latest try stays in task_instance with try_number 3 and earlier tries go to task_instance_history
// (airflow/models/taskinstancehistory.py, 2.10+).
import { describe, expect, it } from 'vitest';
import { cmd, dag2, dag3, sim } from '../../../test/engine/helpers.ts';
import type { Simulation } from '../simulation.ts';
import { check, evaluate, GoalError, runQuery } from './evaluate.ts';
import { predicateProblems } from './shape.ts';
import { loadSqlJs } from '../warehouse/sqljs.ts';
import type { Predicate, Query } from './types.ts';

const body = `extract = BashOperator(task_id="extract", bash_command="{% if ti.try_number <= 2 %}exit 1{% endif %}", retries=2, retry_delay=timedelta(minutes=1))
load = BashOperator(task_id="load", bash_command="echo loaded {{ ds }}")
extract >> load`;
const args = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=True';

function ran(profile: '2' | '3'): Simulation {
  const s = sim(profile, '2024-06-03T12:00:00Z', { 'etl.py': profile === '3' ? dag3(body, args) : dag2(body, args) });
  cmd(s, '2024-06-03T12:00:00Z', 'airflow dags unpause etl');
  s.runUntil(Date.parse('2024-06-04T00:00:00Z') - 1);
  return s;
}

const s3 = ran('3');
const s2 = ran('2');
const commands = [{ at: Date.parse('2024-06-03T12:00:00Z'), run: 'airflow dags unpause etl', exit_code: 0, output: '' }];
const q = (s: Simulation, query: Query) => runQuery(s, query, { commands });
const holds = (s: Simulation, p: Predicate) => evaluate(s, p, { commands });
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GoalError);
    return (e as Error).message;
  }
  throw new Error('expected a GoalError');
};

describe('queries', () => {
  it('counts rows that match, a bare value meaning equals', () => {
    // 2.10: the intervals of 06-01 and 06-02 are complete before 06-04, so two runs
    expect(q(s2, { count: { table: 'dag_run', where: { dag_id: 'etl' } } })).toBe(2);
    // 3.x: the trigger times 06-01, 06-02 and 06-03 00:00 have passed, so three runs
    expect(q(s3, { count: { table: 'dag_run', where: { dag_id: 'etl' } } })).toBe(3);
    expect(q(s3, { count: { table: 'dag_run', where: { dag_id: 'etl', state: 'success' } } })).toBe(3);
    expect(holds(s3, { query: { count: { table: 'dag_run', where: { dag_id: 'etl', state: 'success' } } }, is: 3 })).toBe(true);
    expect(holds(s3, { query: { count: { table: 'dag_run', where: { dag_id: 'etl', state: 'success' } } }, is: 2 })).toBe(false);
  });

  it('reads a column: the third try of extract succeeded', () => {
    const where = { dag_id: 'etl', task_id: 'extract', run_id: { contains: '2024-06-01' } };
    expect(q(s3, { value: { table: 'task_instance', where, column: 'try_number' } })).toBe(3);
    expect(q(s3, { value: { table: 'task_instance', where, column: 'state' } })).toBe('success');
    // the two failed tries are history
    expect(q(s3, { values: { table: 'task_instance_history', where, column: 'try_number' } })).toEqual([1, 2]);
    expect(q(s3, { values: { table: 'task_instance_history', where, column: 'state' } })).toEqual(['failed', 'failed']);
  });

  it('picks the first or the last matching row in table order, null when none match', () => {
    const rs = { table: 'dag_run', where: { dag_id: 'etl' }, column: 'run_id' };
    expect(q(s3, { value: rs })).toBe('scheduled__2024-06-01T00:00:00+00:00');
    expect(q(s3, { value: { ...rs, pick: 'last' } })).toBe('scheduled__2024-06-03T00:00:00+00:00');
    expect(q(s2, { value: { ...rs, pick: 'last' } })).toBe('scheduled__2024-06-02T00:00:00+00:00');
    expect(q(s3, { value: { ...rs, where: { dag_id: 'nope' } } })).toBeNull();
    expect(q(s3, { values: { ...rs, where: { dag_id: 'nope' } } })).toEqual([]);
  });

  it('compares ISO times as strings, with gte/lt and a bare day', () => {
    const day = (cond: object) => q(s3, { count: { table: 'dag_run', where: { data_interval_start: cond } } });
    expect(day({ gte: '2024-06-02', lt: '2024-06-03' })).toBe(1);
    expect(day({ gte: '2024-06-01T00:00:00Z' })).toBe(3);
    expect(day({ eq: '2024-06-02T00:00:00Z' })).toBe(1);
    expect(day({ gt: '2024-06-02T00:00:00Z' })).toBe(1);
    expect(day({ lte: '2024-06-02T00:00:00Z' })).toBe(2);
  });

  it('has ne, in, contains and matches', () => {
    const n = (where: RecordCond) => q(s3, { count: { table: 'task_instance', where } });
    expect(n({ task_id: { ne: 'extract' } })).toBe(3);
    expect(n({ task_id: { in: ['extract', 'load'] } })).toBe(6);
    expect(n({ run_id: { matches: '^scheduled__2024-06-0[12]T' } })).toBe(4);
    expect(n({ hostname: { contains: 'nothing-like-this' } })).toBe(0);
    // contains on a list: values of a column
    expect(holds(s3, { query: { values: { table: 'task_instance', where: { task_id: 'extract' }, column: 'state' } }, is: { contains: 'success' } })).toBe(true);
    expect(holds(s3, { query: { values: { table: 'task_instance', where: { task_id: 'extract' }, column: 'try_number' } }, is: { eq: [3, 3, 3] } })).toBe(true);
  });

  it('reads the clock, the message log and the command log', () => {
    expect(q(s3, { clock: true })).toBe('2024-06-03T23:59:59.999Z');
    expect(q(s3, { count: { table: 'message', where: { from: 'dag_processor', kind: 'parse', text: { contains: 'etl.py' } } } })).toBe(1);
    expect(q(s3, { value: { table: 'command', where: { run: { contains: 'unpause' } }, column: 'exit_code' } })).toBe(0);
  });

  it('names the profile\'s own columns: 2.10 execution_date, 3 logical_date', () => {
    expect(q(s2, { count: { table: 'dag_run', where: { execution_date: '2024-06-01T00:00:00Z' } } })).toBe(1);
    expect(q(s3, { count: { table: 'dag_run', where: { logical_date: '2024-06-01T00:00:00Z' } } })).toBe(1);
    expect(thrown(() => q(s2, { count: { table: 'dag_run', where: { logical_date: '2024-06-01T00:00:00Z' } } }))).toMatch(/no column "logical_date" under Airflow 2.10; Airflow 2.10 calls it "execution_date"/);
    // the backfill table is Airflow 3's (airflow/models/backfill.py)
    expect(thrown(() => q(s2, { count: { table: 'backfill' } }))).toMatch(/^no table "backfill" under Airflow 2.10 \(tables: dag, dag_run,.*message, command\)$/);
    expect(q(s3, { count: { table: 'backfill' } })).toBe(0);
  });
});

type RecordCond = Record<string, string | number | object>;

describe('predicates', () => {
  const success = (n: number): Predicate => ({ query: { count: { table: 'dag_run', where: { state: 'success' } } }, is: n });
  it('combines with all, any and not', () => {
    expect(holds(s3, { all: [success(3), { not: success(2) }] })).toBe(true);
    expect(holds(s3, { any: [success(2), success(3)] })).toBe(true);
    expect(holds(s3, { any: [success(2), success(4)] })).toBe(false);
    expect(holds(s3, { all: [success(3), success(2)] })).toBe(false);
  });

  it('explains what it found for each comparison', () => {
    const v = check(s3, { all: [success(4), { query: { clock: true }, is: { gte: '2024-06-03' } }] }, { commands });
    expect(v.holds).toBe(false);
    expect(v.detail).toBe(
      [
        '[fails] all of:',
        '  [fails] count of dag_run where {"state":"success"} is 3; wanted 4',
        '  [holds] the clock is "2024-06-03T23:59:59.999Z"; wanted gte "2024-06-03"',
      ].join('\n'),
    );
  });

  it('evaluates every branch, so a typo in a branch that does not decide is still found', () => {
    const typo: Predicate = { query: { count: { table: 'dag_runs' } }, is: 1 };
    expect(thrown(() => holds(s3, { any: [success(3), typo] }))).toMatch(/^no table "dag_runs" under Airflow 3 \(tables: dag, dag_run, task_instance/);
  });
});

describe('a teacher\'s mistakes are errors, not "not yet"', () => {
  it('an unknown column names the valid ones', () => {
    expect(thrown(() => q(s3, { count: { table: 'task_instance', where: { task: 'extract' } } }))).toMatch(/^table task_instance has no column "task" under Airflow 3 \(columns: dag_id, run_id, task_id,/);
    expect(thrown(() => q(s3, { value: { table: 'dag_run', column: 'status' } }))).toMatch(/has no column "status"/);
  });

  it('a number compared with text', () => {
    expect(thrown(() => q(s3, { count: { table: 'task_instance', where: { try_number: '3' } } }))).toMatch(/task_instance.try_number is a number \(3\) and the goal compares it with text \("3"\); write a number without quotes/);
    expect(thrown(() => holds(s3, { query: { count: { table: 'dag_run' } }, is: '2' }))).toMatch(/^count of dag_run is a number \(3\)/);
  });

  it('a time without Z or seconds', () => {
    expect(thrown(() => q(s3, { count: { table: 'dag_run', where: { data_interval_start: '2024-06-01' } } }))).toMatch(/times are ISO 8601 in UTC with Z/);
    expect(thrown(() => q(s3, { count: { table: 'dag_run', where: { data_interval_start: { gte: '2024-06-01T00:00+00:00' } } } }))).toMatch(/compare times with a date/);
  });

  it('a malformed goal says where and what is allowed', () => {
    expect(thrown(() => holds(s3, { query: { count: { table: 'dag_run', where: { state: { equals: 'x' } } } }, is: 1 } as never))).toBe(
      'goal.query.count.where.state: unknown comparison "equals" (use eq, ne, in, gt, gte, lt, lte, contains, matches)',
    );
    expect(predicateProblems({ query: { count: { table: 'dag_run' } } }, 'steps[0].goal')).toEqual([
      'steps[0].goal: says what to query but not what it must be: add "is" (a value or {"gte": ...})',
    ]);
    expect(predicateProblems({ all: [] }, 'g')).toEqual(['g.all: needs a non-empty list of goals']);
    expect(predicateProblems({ query: { count: { table: 'x', where: { state: ['a', 'b'] } } }, is: 1 }, 'g')).toEqual([
      'g.query.count.where.state: a list is not a condition; to match any of these values write {"in": ["a","b"]}',
    ]);
    expect(predicateProblems({ query: { sql: 'DELETE FROM t' }, is: 1 }, 'g')[0]).toMatch(/needs a SELECT statement/);
  });

  it('a query of the warehouse without one is a clear error', () => {
    expect(thrown(() => q(s3, { sql: 'SELECT 1' }))).toMatch(/reads the warehouse, and this simulation has none/);
  });

  it('the command table needs the session\'s log', () => {
    expect(thrown(() => runQuery(s3, { count: { table: 'command' } }))).toMatch(/command log/);
  });
});

describe('the warehouse', () => {
  it('reads the first cell of the first row, or all rows; an empty database while the simulation has none', async () => {
    const factory = await loadSqlJs();
    const s = ran('3');
    s.warehouse = factory();
    s.warehouse.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7), (8);');
    expect(q(s, { sql: 'SELECT n FROM t ORDER BY n' })).toBe(7);
    expect(q(s, { sql: 'SELECT n FROM t ORDER BY n', rows: true })).toEqual([[7], [8]]);
    expect(q(s, { sql: 'SELECT n FROM t WHERE n > 10' })).toBeNull();
    expect(thrown(() => q(s, { sql: 'SELECT * FROM boom' }))).toBe('the warehouse refused "SELECT * FROM boom": no such table: boom');
    // in a goal, a table the learner has not created yet means "not yet", with the reason in the detail
    expect(check(s, { query: { sql: 'SELECT count(*) FROM orders' }, is: 3 }, { commands })).toEqual({ holds: false, detail: '[fails] the warehouse refused "SELECT count(*) FROM orders": no such table: orders' });
    expect(check(s3, { query: { sql: 'SELECT 1' }, is: 1 }).holds).toBe(false);
    // nothing used SQL yet: the session hands an empty database
    expect(runQuery(s3, { sql: "SELECT count(*) FROM sqlite_master WHERE name = 't'" }, { emptyWarehouse: () => factory() })).toBe(0);
  });

  it('a goal cannot write: a statement after the SELECT does not run, a WITH ... DELETE is a goal error', async () => {
    const factory = await loadSqlJs();
    const s = ran('3');
    s.warehouse = factory();
    s.warehouse.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7), (8);');
    // goals are re-checked after every change and are not in the command log: a write here would
    // change the warehouse outside what a replay applies
    expect(q(s, { sql: 'SELECT count(*) FROM t; DELETE FROM t' })).toBe(2);
    expect(thrown(() => q(s, { sql: 'WITH x AS (SELECT 1) DELETE FROM t' }))).toMatch(/only reads the warehouse/);
    expect(thrown(() => check(s, { query: { sql: 'WITH x AS (SELECT 1) INSERT INTO t VALUES (9)' }, is: 1 }))).toMatch(/only reads the warehouse/);
    expect(q(s, { sql: 'SELECT 1; PRAGMA query_only = OFF; DROP TABLE t' })).toBe(1);
    expect(s.warehouse.exec('SELECT count(*) FROM t')[0]!.rows).toEqual([[2]]);
    expect(s.warehouse.inTransaction()).toBe(false);
    // and the learner's own SQL still writes afterwards (query_only is off again)
    s.warehouse.exec('INSERT INTO t VALUES (9)');
    expect(q(s, { sql: 'SELECT count(*) FROM t' })).toBe(3);
  });
});
