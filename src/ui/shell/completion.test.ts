// Tab completion walks the profile's CLI spec: the same groups, commands and flags argparse knows.
import { describe, expect, it } from 'vitest';
import { applyCompletion, completionQuery } from './completion.ts';

const complete = (line: string, profile: '2' | '3' = '3', dynamic: string[] = []) => {
  const q = completionQuery(line, profile);
  if (!q) return null;
  return applyCompletion(line, q, [...q.candidates, ...dynamic]);
};

describe('console completion', () => {
  it('completes the program, groups and commands of the profile', () => {
    expect(complete('air')!.line).toBe('airflow ');
    expect(complete('airflow da')!.line).toBe('airflow dags ');
    expect(complete('airflow dags unp')!.line).toBe('airflow dags unpause ');
    expect(complete('airflow ba', '3')!.line).toBe('airflow backfill ');
    // 2.10 has no backfill group: dags backfill
    expect(complete('airflow dags back', '2')!.line).toBe('airflow dags backfill ');
    expect(complete('airflow dags back', '3')!.line).toBe('airflow dags back');
  });

  it('lists the choices when the word is ambiguous, and leaves out commands the simulator does not model', () => {
    const r = complete('airflow dags l')!;
    expect(r.options).toEqual(['list', 'list-import-errors', 'list-runs']);
    expect(r.line).toBe('airflow dags list');
    expect(completionQuery('airflow ', '3')!.candidates).not.toContain('scheduler');
    expect(completionQuery('airflow ', '3')!.candidates).toContain('dags');
  });

  it('asks for DAG ids, task ids and run ids where the command takes them', () => {
    expect(completionQuery('airflow dags unpause ', '3')!.dynamic).toEqual({ kind: 'dag_id', dagId: null });
    expect(completionQuery('airflow tasks state etl ', '3')!.dynamic).toEqual({ kind: 'task_id', dagId: 'etl' });
    expect(completionQuery('airflow tasks state etl load ', '3')!.dynamic).toEqual({ kind: 'run_id', dagId: 'etl' });
    expect(completionQuery('airflow dags list-runs -d ', '2')!.dynamic).toEqual({ kind: 'dag_id', dagId: null });
    expect(completionQuery('airflow backfill create --dag-id ', '3')!.dynamic).toEqual({ kind: 'dag_id', dagId: null });
    expect(complete('airflow dags unpause e', '3', ['etl', 'fan_out'])!.line).toBe('airflow dags unpause etl ');
  });

  it('completes flags and their choices', () => {
    expect(complete('airflow dags list --out')!.line).toBe('airflow dags list --output ');
    expect(completionQuery('airflow dags list --output ', '3')!.candidates).toEqual(['table', 'json', 'yaml', 'plain']);
    expect(complete('airflow dags list-runs etl --state f')!.line).toBe('airflow dags list-runs etl --state failed ');
    expect(complete('sim mark-run etl r1 s')!.line).toBe('sim mark-run etl r1 success ');
  });

  it('offers nothing for other programs', () => {
    expect(completionQuery('ls -', '3')).toBeNull();
    expect(completionQuery('airflow nope ', '3')).toBeNull();
  });
});
