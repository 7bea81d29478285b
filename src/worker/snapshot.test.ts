// Checkpoints: going back from a copy of the engine state lands on the state an uninterrupted play
// has at that instant, byte for byte (metastore, command log and the message log), and going on
// from there reaches the same end. Several kinds of DAG: retries, sensors (poke and reschedule),
// a 2.10 backfill job (its command record fills in later), a 3.x backfill, Celery workers.
import { describe, expect, it } from 'vitest';
import { dag2, dag3 } from '../../test/engine/helpers.ts';
import { dumpState } from '../engine/output.ts';
import { parseInstant } from '../engine/time.ts';
import { Playback } from './playback.ts';
import { Checkpoints } from './snapshot.ts';
import { deepClone, Unclonable } from './snapshotClone.ts';
import { readWorkspace, type Workspace } from './workspace.ts';

const ms = (iso: string) => parseInstant(iso)!;
const dumpOf = (pb: Playback) => JSON.stringify(dumpState(pb.sim, pb.log, { messages: true }));

function playback(ws: Workspace, every?: number): Playback {
  const { actions, clock: _clock, ...setup } = readWorkspace(ws);
  return new Playback(setup, actions, every ? { checkpointEvery: every, maxCheckpoints: 8 } : {});
}

/** The state at `t` of a play that never went back (replayed from the start, no checkpoints). */
function direct(ws: Workspace, t: number): string {
  const pb = playback(ws);
  pb.advance(t);
  return dumpOf(pb);
}

const daily = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=True';
const sensors2 = 'from airflow.sensors.time_delta import TimeDeltaSensor\n';

const CASES: { name: string; ws: Workspace; end: string; at: string[] }[] = [
  {
    name: 'retries, a trigger and a file edit (Airflow 3, LocalExecutor)',
    ws: {
      profile: '3',
      files: {
        'etl.py': dag3(
          `a = BashOperator(task_id="a", bash_command="echo {{ ds }}; sleep 30")
b = BashOperator(task_id="b", bash_command="{% if ti.try_number < 3 %}exit 1{% endif %}", retries=3, retry_delay=timedelta(minutes=2), retry_exponential_backoff=True)
a >> b`,
          daily,
        ),
      },
      config: {},
      seed: 7,
      start: '2024-06-03T12:00:00Z',
      commands: [
        { at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' },
        { at: '2024-06-04T06:00:00Z', run: 'airflow dags trigger etl' },
      ],
      fileEdits: [{ at: '2024-06-05T00:00:00Z', name: 'etl.py', source: dag3('BashOperator(task_id="a", bash_command="sleep 90")', daily) }],
    },
    end: '2024-06-09T00:00:00Z',
    at: ['2024-06-03T12:00:00Z', '2024-06-03T12:05:00Z', '2024-06-04T06:00:00Z', '2024-06-05T00:00:00Z', '2024-06-07T03:00:00Z'],
  },
  {
    name: 'sensors in poke and reschedule mode (Airflow 2.10)',
    ws: {
      profile: '2',
      files: {
        'etl.py':
          sensors2 +
          dag2(
            `TimeDeltaSensor(task_id="wait", delta=timedelta(hours=2), poke_interval=600) >> BashOperator(task_id="go", bash_command="echo go")
TimeDeltaSensor(task_id="later", delta=timedelta(hours=5), poke_interval=900, mode="reschedule")`,
            daily,
          ),
      },
      config: {},
      seed: 3,
      start: '2024-06-03T00:00:00Z',
      commands: [{ at: '2024-06-03T00:00:00Z', run: 'airflow dags unpause etl' }],
      fileEdits: [],
    },
    end: '2024-06-07T00:00:00Z',
    at: ['2024-06-03T00:30:00Z', '2024-06-04T01:00:00Z', '2024-06-05T04:10:00Z', '2024-06-06T12:00:00Z'],
  },
  {
    name: 'a 2.10 backfill job, whose command record fills in when the job ends',
    ws: {
      profile: '2',
      files: { 'etl.py': dag2('BashOperator(task_id="t", bash_command="sleep 600", retries=1) >> BashOperator(task_id="u", bash_command="exit 1")', daily) },
      config: {},
      seed: 1,
      start: '2024-06-20T00:00:00Z',
      commands: [{ at: '2024-06-20T00:00:00Z', run: 'airflow dags backfill etl -s 2024-06-01 -e 2024-06-10' }],
      fileEdits: [],
    },
    end: '2024-06-21T00:00:00Z',
    at: ['2024-06-20T00:00:00Z', '2024-06-20T00:30:00Z', '2024-06-20T01:15:00Z'],
  },
  {
    name: 'a 3.x backfill on two Celery workers',
    ws: {
      profile: '3',
      files: { 'etl.py': dag3('BashOperator(task_id="t", bash_command="sleep 300") >> BashOperator(task_id="u", bash_command="sleep 60")', daily) },
      config: { 'core.executor': 'CeleryExecutor', 'sim.workers': 2, 'celery.worker_concurrency': 2 },
      seed: 5,
      start: '2024-06-20T00:00:00Z',
      commands: [
        { at: '2024-06-20T00:00:00Z', run: 'airflow backfill create --dag-id etl --from-date 2024-06-01 --to-date 2024-06-12 --max-active-runs 3' },
        { at: '2024-06-20T00:20:00Z', run: 'airflow dags unpause etl' },
      ],
      fileEdits: [],
    },
    end: '2024-06-23T00:00:00Z',
    at: ['2024-06-20T00:10:00Z', '2024-06-20T00:20:00Z', '2024-06-20T01:00:00Z', '2024-06-22T00:00:00Z'],
  },
  {
    name: 'faults: a killed Celery worker and a stopped scheduler',
    ws: {
      profile: '2',
      files: { 'etl.py': dag2('BashOperator(task_id="t", bash_command="sleep 1800", retries=1, retry_delay=timedelta(minutes=5)) >> BashOperator(task_id="u", bash_command="sleep 60")', daily) },
      config: { 'core.executor': 'CeleryExecutor', 'sim.workers': 2, 'celery.worker_concurrency': 1 },
      seed: 2,
      start: '2024-06-03T00:00:00Z',
      commands: [
        { at: '2024-06-03T00:00:00Z', run: 'airflow dags unpause etl' },
        { at: '2024-06-03T00:10:00Z', run: 'sim kill-worker worker-1 --for 20m' },
        { at: '2024-06-04T00:05:00Z', run: 'sim stop-scheduler --for 3h' },
      ],
      fileEdits: [],
    },
    end: '2024-06-05T06:00:00Z',
    at: ['2024-06-03T00:12:00Z', '2024-06-03T00:15:10Z', '2024-06-04T01:00:00Z', '2024-06-04T03:05:00Z'],
  },
];

describe('going back from a checkpoint lands on the identical state', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const end = ms(c.end);
      const whole = direct(c.ws, end);
      const pb = playback(c.ws, 8);
      pb.advance(end);
      expect(dumpOf(pb)).toBe(whole);
      expect(pb.checkpoints.size).toBeGreaterThan(1);
      for (const iso of [...c.at].reverse()) {
        const t = ms(iso);
        pb.replayTo(t);
        expect(dumpOf(pb), `back to ${iso}`).toBe(direct(c.ws, t));
      }
      // forward again from the earliest instant, starting from a checkpoint ahead
      pb.seek(end);
      expect(dumpOf(pb)).toBe(whole);
      // back and forth: the same instant twice gives the same state
      const mid = ms(c.at[c.at.length - 1]!);
      pb.replayTo(mid);
      const once = dumpOf(pb);
      pb.seek(end);
      pb.replayTo(mid);
      expect(dumpOf(pb)).toBe(once);
    });
  }

  it('a checkpoint is used when going back (not a replay from the start)', () => {
    const c = CASES[0]!;
    const pb = playback(c.ws, 8);
    pb.advance(ms(c.end));
    const t = ms('2024-06-07T03:00:00Z');
    const cp = pb.checkpoints.before(t)!;
    expect(cp.at).toBeGreaterThan(ms(c.ws.start));
    pb.replayTo(t);
    // the checkpoint was copied, not played on: it still holds its own clock
    expect(cp.sim.now).toBe(cp.at);
    expect(pb.sim).not.toBe(cp.sim);
  });

  it('a new action while rewound forks the timeline: later checkpoints go, and the new future replays exactly', () => {
    const c = CASES[0]!;
    const pb = playback(c.ws, 8);
    pb.advance(ms(c.end));
    const t = ms('2024-06-04T00:00:00Z');
    pb.replayTo(t);
    const { discarded } = pb.command('airflow dags pause etl');
    expect(discarded).toBe(2); // the trigger and the file edit ahead
    expect(pb.checkpoints.all.every((cp) => cp.at <= t)).toBe(true);
    expect(pb.reached).toBe(t);
    pb.advance(ms('2024-06-06T00:00:00Z'));
    const forked = dumpOf(pb);
    pb.replayTo(ms('2024-06-04T12:00:00Z'));
    pb.advance(ms('2024-06-06T00:00:00Z'));
    expect(dumpOf(pb)).toBe(forked);
  });
});

describe('checkpoint list', () => {
  it('keeps at most `max`, denser near the present (logarithmic thinning)', () => {
    const pb = playback(CASES[0]!.ws, 10);
    pb.advance(ms('2024-06-20T00:00:00Z'));
    const units = pb.checkpoints.all.map((cp) => cp.units);
    expect(units.length).toBe(8);
    const gaps = units.slice(1).map((u, i) => u - units[i]!);
    // the gaps shrink towards the newest checkpoint
    expect(gaps[0]!).toBeGreaterThan(gaps[gaps.length - 1]!);
    // the brief's bound: at most 20 copies by default
    expect(new Checkpoints().max).toBeLessThanOrEqual(20);
  });
});

describe('deepClone', () => {
  class Row {
    constructor(public n: number) {}
    twice() {
      return this.n * 2;
    }
  }
  it('keeps classes, shared references, Maps, Sets and WeakMaps keyed by reachable objects', () => {
    const r = new Row(2);
    const wm = new WeakMap<object, number>([[r, 5]]);
    const g = { a: [r, r], m: new Map([[r, new Set([r])]]), wm };
    const [c] = deepClone([g]);
    expect(c.a[0]).toBeInstanceOf(Row);
    expect(c.a[0]).not.toBe(r);
    expect(c.a[0]).toBe(c.a[1]);
    expect(c.m.get(c.a[0]!)!.has(c.a[0]!)).toBe(true);
    expect(c.wm.get(c.a[0]!)).toBe(5);
    expect(c.a[0]!.twice()).toBe(4);
    r.n = 9;
    expect(c.a[0]!.n).toBe(2);
  });
  it('refuses a closure (it would still point into the original)', () => {
    expect(() => deepClone([{ f: () => 1 }])).toThrow(Unclonable);
  });
});
