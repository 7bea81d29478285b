// The scrub bar's data: the span reaches the furthest instant played, markers after the clock stay
// visible while rewound, and a new action while rewound (a new future) drops them.
import { describe, expect, it } from 'vitest';
import { dag3 } from '../../test/engine/helpers.ts';
import type { Marker } from '../engine/views/timelineMarkers.ts';
import { SimSession, type Result } from './session.ts';
import { bucketMarkers } from './snapshotMarkers.ts';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const etl = dag3('BashOperator(task_id="a", bash_command="sleep 60") >> BashOperator(task_id="b", bash_command="exit 1")', 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=False');

function session(): SimSession {
  const s = new SimSession();
  value(s.load({ profile: '3', files: { 'etl.py': etl }, config: {}, seed: 1, start: '2024-06-03T12:00:00Z', commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' }], fileEdits: [] }));
  return s;
}

describe('scrub bar data', () => {
  it('spans start to the furthest instant reached; while rewound the later markers stay; a new action drops them', () => {
    const s = session();
    value(s.runUntil('2024-06-06T00:00:00Z', { maxSteps: 1e6 }));
    const far = value(s.scrub());
    expect(far.end).toBe('2024-06-06T00:00:00Z');
    // catchup=False: the latest interval's run at unpause, then one a day at midnight; b fails in each
    const created = far.marks.filter((m) => m.kind === 'run_created').map((m) => m.at);
    expect(created).toEqual(['2024-06-03T12:00:00Z', '2024-06-04T00:00:00Z', '2024-06-05T00:00:00Z', '2024-06-06T00:00:00Z']);
    expect(far.marks.filter((m) => m.kind === 'task_failed')).toHaveLength(3);

    value(s.jumpTo('2024-06-04T06:00:00Z'));
    const back = value(s.scrub());
    expect(back.clock).toBe('2024-06-04T06:00:00Z');
    expect(back.end).toBe('2024-06-06T00:00:00Z');
    expect(back.marks.filter((m) => m.kind === 'run_created')).toHaveLength(4);

    const c = value(s.command('airflow dags pause etl'));
    expect(c.discarded).toBe(0); // no recorded action was ahead, but the played future is gone
    const forked = value(s.scrub());
    expect(forked.end).toBe('2024-06-04T06:00:00Z');
    expect(forked.marks.filter((m) => m.kind === 'run_created').map((m) => m.at)).toEqual(['2024-06-03T12:00:00Z', '2024-06-04T00:00:00Z']);
  });

  it('after a fork, going back never shows the dropped future, even with no scrub at the new tip', () => {
    const s = session();
    value(s.runUntil('2024-06-06T00:00:00Z', { maxSteps: 1e6 }));
    value(s.scrub()); // remembers the far markers of this timeline
    value(s.jumpTo('2024-06-04T06:00:00Z'));
    value(s.command('airflow dags pause etl')); // the new future has no run after 06-04
    value(s.runUntil('2024-06-06T00:00:00Z', { maxSteps: 1e6 }));
    value(s.jumpTo('2024-06-04T12:00:00Z'));
    const back = value(s.scrub());
    expect(back.end).toBe('2024-06-06T00:00:00Z');
    expect(back.marks.filter((m) => m.kind === 'run_created').map((m) => m.at)).toEqual(['2024-06-03T12:00:00Z', '2024-06-04T00:00:00Z']);
  });

  it('gathers markers of one kind in one slot, counting them', () => {
    const mk = (at: string, kind: Marker['kind']): Marker => ({ at, kind, dag_id: 'd', run_id: null, task_id: null, try_number: null, text: null });
    const start = Date.parse('2024-01-01T00:00:00Z');
    const end = Date.parse('2024-01-11T00:00:00Z');
    const marks = bucketMarkers([mk('2024-01-01T01:00:00Z', 'run_created'), mk('2024-01-01T02:00:00Z', 'run_created'), mk('2024-01-01T03:00:00Z', 'task_failed'), mk('2024-01-09T00:00:00Z', 'run_created')], start, end, 10);
    expect(marks.map((m) => [m.at, m.kind, m.count])).toEqual([
      ['2024-01-01T01:00:00Z', 'run_created', 2],
      ['2024-01-01T03:00:00Z', 'task_failed', 1],
      ['2024-01-09T00:00:00Z', 'run_created', 1],
    ]);
  });
});
