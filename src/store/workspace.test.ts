import { describe, expect, it } from 'vitest';
import { draft } from './testkit.ts';
import { Invalid } from './validate.ts';
import { filesAt, forkAt, replayLog, withCommand, withFile } from './workspace.ts';

const T0 = '2024-06-01T00:00:00Z';
const T1 = '2024-06-01T01:00:00Z';
const T2 = '2024-06-01T02:00:00Z';

describe('replay log edits', () => {
  it('keeps the order of a command and a file edit made at the same virtual time', () => {
    let ws = withCommand(draft(), T1, 'airflow dags trigger etl');
    ws = withFile(ws, 'etl.py', 'changed', T1);
    ws = withCommand(ws, T1, 'airflow dags list');
    expect(replayLog(ws).map((e) => [e.kind, e.seq])).toEqual([
      ['command', 1],
      ['file', 2],
      ['command', 3],
    ]);
  });

  it('refuses an action before the last recorded one, and names forkAt', () => {
    const ws = withCommand(draft(), T2, 'airflow dags list');
    expect(() => withCommand(ws, T1, 'airflow dags list')).toThrow(/before the last recorded action.*forkAt/);
    expect(() => withFile(ws, 'etl.py', 'x', T1)).toThrow(Invalid);
  });

  it('refuses times before start, malformed times and empty commands', () => {
    expect(() => withCommand(draft(), '2024-05-31T23:00:00Z', 'airflow dags list')).toThrow(/before the workspace's start/);
    expect(() => withCommand(draft(), '2024-06-01', 'airflow dags list')).toThrow(/not an ISO 8601 time/);
    expect(() => withCommand(draft(), T1, '  ')).toThrow(/empty/);
  });

  it('forkAt drops what came after, so a rewound learner can act', () => {
    let ws = withCommand(draft(), T1, 'a');
    ws = withFile(ws, 'etl.py', 'later', T2);
    ws = withCommand(ws, T2, 'b');
    const forked = withCommand(forkAt(ws, T1), T1, 'c');
    expect(forked.commands.map((c) => c.run)).toEqual(['a', 'c']);
    expect(forked.fileEdits).toEqual([]);
    expect(forked.commands[1]!.seq).toBe(2);
  });

  it('edits the initial files while nothing has happened at start, and logs edits after', () => {
    const setup = withFile(draft(), 'new.py', 'print(1)', T0);
    expect(setup.files['new.py']).toBe('print(1)');
    expect(setup.fileEdits).toEqual([]);
    const removed = withFile(setup, 'new.py', null, T0);
    expect(removed.files).not.toHaveProperty('new.py');

    const later = withFile(draft(), 'etl.py', null, T1);
    expect(later.files).toHaveProperty('etl.py'); // start state unchanged
    expect(later.fileEdits).toEqual([{ at: T1, seq: 1, name: 'etl.py', source: null }]);
  });

  it('filesAt applies edits up to a time', () => {
    let ws = withFile(draft(), 'etl.py', 'v2', T1);
    ws = withFile(ws, 'etl.py', null, T2);
    expect(filesAt(ws, T0)['etl.py']).toContain('dag_id="etl"');
    expect(filesAt(ws, T1)['etl.py']).toBe('v2');
    expect(filesAt(ws, '2024-06-01T01:30:00Z')['etl.py']).toBe('v2');
    expect(filesAt(ws)).toEqual({});
  });

  it('does not change the workspace it is given', () => {
    const ws = draft();
    const before = structuredClone(ws);
    withFile(withCommand(ws, T1, 'a'), 'x.py', 'y', T1);
    withFile(ws, 'x.py', 'y', T0);
    expect(ws).toEqual(before);
  });
});
