// SimSession: load, commands and file edits recorded at the clock, slices, run-to-next with its
// caps, and time travel: going back replays the workspace and lands on the byte-identical state.
import { describe, expect, it } from 'vitest';
import { dag2, dag3 } from '../../test/engine/helpers.ts';
import { SimSession, type Result } from './session.ts';
import type { Workspace } from './workspace.ts';

const etl3 = dag3(
  `a = BashOperator(task_id="a", bash_command="echo {{ ds }}; sleep 30")
b = BashOperator(task_id="b", bash_command="{% if ti.try_number == 1 %}exit 1{% endif %}", retries=1, retry_delay=timedelta(minutes=2))
a >> b`,
  'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), catchup=True',
);

function workspace(over: Partial<Workspace> = {}): Workspace {
  return { profile: '3', files: { 'etl.py': etl3 }, config: {}, seed: 7, start: '2024-06-03T12:00:00Z', commands: [], fileEdits: [], ...over };
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.error}`);
  return r.value;
}

function loaded(over: Partial<Workspace> = {}): SimSession {
  const s = new SimSession();
  value(s.load(workspace(over)));
  return s;
}

const dumpOf = (s: SimSession) => JSON.stringify(value(s.dump({ messages: true })));

/** A session with a history: unpause, a day of runs, a trigger, a file edit, more time. */
function withHistory(): SimSession {
  const s = loaded();
  value(s.command('airflow dags unpause etl'));
  value(s.runUntil('2024-06-04T06:00:00Z'));
  value(s.command('airflow dags trigger etl'));
  value(s.runUntil('2024-06-04T06:10:00Z'));
  value(s.setFile('etl.py', etl3.replace('sleep 30', 'sleep 90')));
  value(s.runUntil('2024-06-06T00:00:00Z'));
  return s;
}

describe('load and workspace', () => {
  it('refuses what is not a workspace, saying what and where', () => {
    const s = new SimSession();
    const bad = (ws: unknown) => {
      const r = s.load(ws);
      expect(r.ok).toBe(false);
      return r.ok ? '' : `${r.kind}: ${r.error}`;
    };
    expect(bad(null)).toBe('invalid: the workspace must be an object');
    expect(bad(workspace({ profile: '4' as '3' }))).toMatch(/^invalid: "profile" must be "2"/);
    expect(bad(workspace({ start: '2024-06-03T12:00:00' }))).toMatch(/has no time zone/);
    expect(bad(workspace({ config: { 'core.nope': 1 } }))).toMatch(/unknown key "core.nope"/);
    expect(bad(workspace({ config: { 'core.executor': 'SequentialExecutor' } }))).toMatch(/^invalid: core.executor: SequentialExecutor was removed in Airflow 3/);
    expect(bad(workspace({ commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags frobnicate' }] }))).toMatch(/^invalid: the command at 2024-06-03T12:00:00Z "airflow dags frobnicate": airflow dags command error: argument/);
    expect(bad(workspace({ commands: [{ at: '2024-06-01T00:00:00Z', run: 'airflow dags list' }] }))).toMatch(/comes before the start/);
    expect(
      bad(workspace({ commands: [{ at: '2024-06-04T00:00:00Z', run: 'airflow dags list', seq: 1 }, { at: '2024-06-03T13:00:00Z', run: 'airflow dags list', seq: 2 }] })),
    ).toMatch(/comes before the time of the action before it/);
    // nothing is loaded after a refusal
    expect(s.clock()).toMatchObject({ ok: false, kind: 'not_loaded' });
  });

  it('every method answers not_loaded before load, as a value', () => {
    const s = new SimSession();
    for (const r of [s.clock(), s.command('airflow dags list'), s.step(), s.grid('etl'), s.jumpTo('2024-06-03T12:00:00Z'), s.workspace()]) {
      expect(r).toMatchObject({ ok: false, kind: 'not_loaded' });
    }
  });

  it('load goes to the workspace clock, replaying its actions; workspace() gives them back with seq', () => {
    const live = withHistory();
    const ws = value(live.workspace());
    expect(ws.commands).toEqual([
      { at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl', seq: 1 },
      { at: '2024-06-04T06:00:00Z', run: 'airflow dags trigger etl', seq: 2 },
    ]);
    expect(ws.fileEdits).toEqual([{ at: '2024-06-04T06:10:00Z', name: 'etl.py', source: etl3.replace('sleep 30', 'sleep 90'), seq: 3 }]);
    expect(ws.clock).toBe('2024-06-06T00:00:00Z');
    expect(ws.files).toEqual({ 'etl.py': etl3 });
    const again = new SimSession();
    expect(value(again.load(ws))).toMatchObject({ clock: '2024-06-06T00:00:00Z', done: true, ahead: 0 });
    expect(dumpOf(again)).toBe(dumpOf(live));
    expect(value(again.files())['etl.py']).toContain('sleep 90');
  });
});

describe('commands and file edits', () => {
  it('a command runs at the clock and is recorded; its output is what Airflow prints', () => {
    const s = loaded();
    value(s.runUntil('2024-06-03T12:30:00Z'));
    const r = value(s.command('airflow dags unpause etl'));
    expect(r).toMatchObject({ at: '2024-06-03T12:30:00Z', run: 'airflow dags unpause etl', exit_code: 0, pending: false, discarded: 0 });
    expect(value(s.commandLog()).map((c) => c.run)).toEqual(['airflow dags unpause etl']);
    const list = value(s.command('airflow dags list-runs etl'));
    expect(list.output).toContain('scheduled__2024-06-01T00:00:00+00:00');
  });

  it('a line argparse refuses returns its message and records nothing (not even a message)', () => {
    const s = loaded();
    value(s.runUntil('2024-06-03T12:30:00Z'));
    const before = dumpOf(s);
    const r = s.command('airflow dags trigger');
    expect(r).toMatchObject({ ok: false, kind: 'usage' });
    if (!r.ok) {
      expect(r.error).toBe('airflow dags trigger command error: the following arguments are required: dag_id, see help above.');
      expect(r.usage).toMatch(/^usage: airflow dags trigger/);
    }
    expect(s.command('ls -l')).toMatchObject({ ok: false, kind: 'usage' });
    expect(dumpOf(s)).toBe(before);
    expect(value(s.workspace()).commands).toEqual([]);
  });

  it('a command the simulator does not model is refused and leaves no trace', () => {
    const s = loaded();
    const before = dumpOf(s);
    const r = s.command('airflow db migrate');
    expect(r).toMatchObject({ ok: false, kind: 'usage' });
    expect(dumpOf(s)).toBe(before);
    expect(value(s.workspace()).commands).toEqual([]);
  });

  it('a file edit is parsed at once: its import errors come back with line and column', () => {
    const s = loaded();
    const r = value(s.setFile('broken.py', 'from airflow.sdk import DAG\nwith DAG(dag_id="x" schedule=None):\n    pass\n'));
    expect(r.import_errors).toHaveLength(1);
    expect(r.import_errors[0]).toMatchObject({ line: 2 });
    expect(value(s.dagList()).import_errors.map((e) => e.file)).toEqual(['broken.py']);
    expect(s.setFile('../etc/passwd', 'x')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(value(s.setFile('broken.py', null)).import_errors).toEqual([]);
    expect(value(s.workspace()).fileEdits.map((e) => [e.name, e.source === null, e.seq])).toEqual([
      ['broken.py', false, 1],
      ['broken.py', true, 2],
    ]);
  });

  it("a 2.10 backfill's result is pending when the command returns and filled in when the job ends", () => {
    const s = loaded({ profile: '2', files: { 'etl.py': dag2('BashOperator(task_id="t", bash_command="sleep 60")', 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")') } });
    expect(value(s.command('airflow dags backfill etl -s 2024-06-01 -e 2024-06-02'))).toMatchObject({ pending: true });
    value(s.runUntil('2024-06-03T13:00:00Z'));
    const [c] = value(s.commandLog());
    expect(c).toMatchObject({ pending: false, exit_code: 0 });
    expect(c!.output).toContain('Backfill done for DAG <DAG: etl>. Exiting.');
  });
});

describe('time travel', () => {
  it('going back replays the workspace: the state is byte-identical to having stopped there', () => {
    const live = withHistory();
    const T = '2024-06-04T06:20:00Z';
    // the same actions, played forward only to T
    const direct = loaded();
    value(direct.command('airflow dags unpause etl'));
    value(direct.runUntil('2024-06-04T06:00:00Z'));
    value(direct.command('airflow dags trigger etl'));
    value(direct.runUntil('2024-06-04T06:10:00Z'));
    value(direct.setFile('etl.py', etl3.replace('sleep 30', 'sleep 90')));
    value(direct.runUntil(T));

    const back = value(live.jumpTo(T));
    expect(back).toMatchObject({ clock: T, replayed: true, ahead: 0 });
    expect(dumpOf(live)).toBe(dumpOf(direct));
  });

  it('going back before recorded actions keeps them ahead; going forward applies them again', () => {
    const live = withHistory();
    const end = dumpOf(live);
    const back = value(live.jumpTo('2024-06-03T18:00:00Z'));
    expect(back.ahead).toBe(2); // the trigger and the file edit
    expect(value(live.grid('etl')).runs.map((r) => r.run_type)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(value(live.jumpTo('2024-06-06T00:00:00Z'))).toMatchObject({ replayed: false, ahead: 0 });
    expect(dumpOf(live)).toBe(end);
  });

  it('an action while rewound forks the timeline: the recorded future is dropped', () => {
    const s = withHistory();
    value(s.jumpTo('2024-06-04T03:00:00Z'));
    const r = value(s.command('airflow dags pause etl'));
    expect(r).toMatchObject({ at: '2024-06-04T03:00:00Z', discarded: 2 });
    const ws = value(s.workspace());
    expect(ws.commands.map((c) => c.run)).toEqual(['airflow dags unpause etl', 'airflow dags pause etl']);
    expect(ws.fileEdits).toEqual([]);
    // the fork replays like any timeline
    value(s.runUntil('2024-06-05T00:00:00Z'));
    const again = new SimSession();
    value(again.load(value(s.workspace())));
    expect(dumpOf(again)).toBe(dumpOf(s));
  });

  it('a command typed between two events of one instant runs after that instant; replay agrees', () => {
    const s = loaded();
    value(s.command('airflow dags unpause etl'));
    // step into the middle of the 12:00 instant (the loop that created the runs has more to do)
    value(s.step());
    expect(value(s.clock())).toBe('2024-06-03T12:00:00Z');
    value(s.command('airflow dags trigger etl'));
    value(s.runUntil('2024-06-03T14:00:00Z'));
    const live = dumpOf(s);
    value(s.jumpTo('2024-06-03T12:00:00Z'));
    value(s.jumpTo('2024-06-03T14:00:00Z'));
    expect(dumpOf(s)).toBe(live);
  });

  it('cannot go before the start, and runUntil does not go back', () => {
    const s = loaded();
    expect(s.jumpTo('2024-06-01T00:00:00Z')).toMatchObject({ ok: false, kind: 'invalid' });
    value(s.runUntil('2024-06-04T00:00:00Z'));
    expect(s.runUntil('2024-06-03T00:00:00Z')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(s.runUntil('tomorrow')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('playing in slices', () => {
  it('runUntil returns after maxSteps with done=false; calling again reaches the same state as one call', () => {
    const whole = loaded();
    value(whole.command('airflow dags unpause etl'));
    value(whole.runUntil('2024-06-05T00:00:00Z'));
    const sliced = loaded();
    value(sliced.command('airflow dags unpause etl'));
    let calls = 0;
    for (;;) {
      calls++;
      const r = value(sliced.runUntil('2024-06-05T00:00:00Z', { maxSteps: 2 }));
      expect(r.events + r.actions).toBeLessThanOrEqual(2);
      if (r.done) break;
    }
    expect(calls).toBeGreaterThan(3);
    expect(dumpOf(sliced)).toBe(dumpOf(whole));
  });

  it('step applies a recorded action that is due before the next event', () => {
    const s = withHistory();
    value(s.jumpTo('2024-06-04T05:59:59Z'));
    // next: the 06-04 00:00 run is long done; the trigger recorded at 06:00:00 comes first
    const r = value(s.step());
    expect([r.clock, r.actions, r.events]).toEqual(['2024-06-04T06:00:00Z', 1, 0]);
    expect(value(s.commandLog()).at(-1)!.run).toBe('airflow dags trigger etl');
  });

  it('advance(ms) moves the clock by a duration', () => {
    const s = loaded();
    expect(value(s.advance(90 * 60_000)).clock).toBe('2024-06-03T13:30:00Z');
    expect(s.advance(-1)).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('runToNext', () => {
  it('run_created stops right after the scheduler creates a run', () => {
    const s = loaded();
    value(s.command('airflow dags unpause etl'));
    value(s.runUntil('2024-06-03T13:00:00Z'));
    const r = value(s.runToNext('run_created'));
    expect(r).toMatchObject({ stopped_by: 'found', clock: '2024-06-04T00:00:00Z', found: { kind: 'run_created', run_id: 'scheduled__2024-06-04T00:00:00+00:00' } });
    // the same loop started the run and queued its first task; nothing in it has finished
    expect(value(s.grid('etl')).runs.at(-1)).toMatchObject({ run_id: 'scheduled__2024-06-04T00:00:00+00:00', state: 'running' });
    expect(value(s.gantt('etl', 'scheduled__2024-06-04T00:00:00+00:00')).rows.map((row) => row.state)).toEqual(['running', null]);
  });

  it('failure stops at the failed try (up_for_retry counts)', () => {
    const s = loaded();
    value(s.command('airflow dags unpause etl'));
    const r = value(s.runToNext('failure'));
    expect(r.found).toMatchObject({ kind: 'failure', task_id: 'b', run_id: 'scheduled__2024-06-01T00:00:00+00:00' });
    expect(r.found!.text).toContain('up_for_retry');
    expect(r.clock).toBe('2024-06-03T12:00:31Z');
  });

  it('scheduler_loop stops after one loop', () => {
    const s = loaded();
    value(s.command('airflow dags unpause etl'));
    const r = value(s.runToNext('scheduler_loop'));
    expect(r).toMatchObject({ stopped_by: 'found', found: { kind: 'scheduler_loop' } });
    expect(r.events).toBe(1);
  });

  it('caps: idle when nothing will happen, a step cap, a virtual-time cap; each says so', () => {
    const empty = new SimSession();
    value(empty.load(workspace({ files: {} })));
    expect(value(empty.runToNext('run_created'))).toMatchObject({ stopped_by: 'idle', found: null, clock: '2024-06-03T12:00:00Z' });

    const busy = loaded();
    value(busy.command('airflow dags unpause etl'));
    const capped = value(busy.runToNext('failure', { maxSteps: 3 }));
    expect(capped).toMatchObject({ stopped_by: 'step_cap', found: null, events: 3 });
    expect(capped.note).toContain('after 3 events');

    const quiet = loaded();
    value(quiet.command('airflow dags unpause etl'));
    value(quiet.runUntil('2024-06-03T13:00:00Z'));
    const r = value(quiet.runToNext('run_created', { maxVirtualMs: 3_600_000 }));
    expect(r).toMatchObject({ stopped_by: 'time_cap', found: null });
    expect(r.note).toContain('Nothing found before 2024-06-03T14:00:00Z');
    expect(quiet.runToNext('nope' as 'failure')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('views through the session', () => {
  it('answer as values; a missing DAG or run is a view error, not an exception', () => {
    const s = withHistory();
    expect(value(s.dagList('ko')).dags[0]!.schedule.words).toBe('매일 00:00 (UTC)');
    expect(value(s.grid('etl', { limit: 3 })).runs).toHaveLength(3);
    const run = value(s.grid('etl')).runs[0]!.run_id;
    expect(value(s.graph('etl', run)).nodes).toHaveLength(2);
    expect(value(s.gantt('etl', run)).rows).toHaveLength(2);
    expect(value(s.taskInstance('etl', run, 'b')).tries).toHaveLength(2);
    expect(value(s.intervalTimeline('etl', '2024-06-01T00:00:00Z', '2024-06-06T00:00:00Z')).runs.length).toBeGreaterThan(3);
    expect(value(s.architecture()).executor).toBe('LocalExecutor');
    expect(value(s.metastoreTables()).map((t) => t.name)).toContain('dag_run');
    expect(value(s.metastoreTable('dag_run', { filter: 'manual' })).matched).toBe(1);
    expect(value(s.timelineMarkers({ kinds: ['command'] }))).toHaveLength(2);
    expect(s.grid('nope')).toMatchObject({ ok: false, kind: 'view', error: "DAG 'nope' not found" });
    expect(s.gantt('etl', 'nope')).toMatchObject({ ok: false, kind: 'view' });
  });
});
