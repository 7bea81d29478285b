// The lesson player and catalog on the fixture lesson (fixtures/00-fixture), on a real SimSession:
// the start workspace, every action kind, failures as values that name the action, bounded clock
// moves, and step rebuilds that land on the state the steps before left.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../engine/cli/tokenize.ts';
import { SimSession, type Result } from '../../worker/session.ts';
import { loadWarehouse } from '../../worker/warehouse.ts';
import { checkReplay, checkText } from './checkLesson.ts';
import type { LoadedLesson } from './catalog.ts';
import { fixtureCatalog } from './fixtures/index.ts';
import { ACTION_BUDGET, enterStep, parseDuration, playActions, profileAt, resetStepOf, restartStep, sqlCommandLine, startWorkspace, type SessionLike } from './player.ts';
import type { LessonAction } from './types.ts';

const ID = '00-fixture';
const loaded = await fixtureCatalog.loadLesson(ID);
// the fixture's sql step: the worker loads sql.js before any input that mentions SQL (src/worker/warehouse.ts)
await loadWarehouse();
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
function started(profile: '2' | '3' = '3'): SimSession {
  const s = new SimSession();
  value(s.load(startWorkspace(loaded, profile)));
  return s;
}
const dump = (s: SimSession) => JSON.stringify(value(s.dump({ messages: true })));

describe('catalog', () => {
  it('lists the lesson from its lesson.json, and loads its text and files lazily', async () => {
    expect(fixtureCatalog.ids()).toEqual([ID]);
    expect(fixtureCatalog.lessonList()).toEqual([{ id: ID, title: { en: 'Fixture lesson', ko: '테스트용 레슨' }, summary: loaded.lesson.summary, minutes: 3, profile: '3', steps: 6 }]);
    expect(Object.keys(loaded.files).sort()).toEqual(['dags/etl.py', 'solutions/other.py']);
    expect(loaded.files['dags/etl.py']).toMatch(/^# A fixture for the lesson runtime/);
    expect(loaded.text.en.title).toBe('Fixture lesson');
    expect(loaded.text.ko.steps.unpause!.after).toBe('Airflow 2.10은 기본으로 catchup 하고, Airflow 3은 하지 않습니다.');
    expect(Object.keys(loaded.text.en.steps)).toEqual(['unpause', 'finish', 'edit', 'sql', 'fresh', 'read']);
    await expect(fixtureCatalog.loadLesson('99-nope')).rejects.toThrow('no lesson "99-nope" (lessons: 00-fixture)');
    expect(await checkText(fixtureCatalog, ID)).toEqual([]);
  });

  it('keeps a lesson with authoring errors out of the list, and says why it does not load', async () => {
    const { makeCatalog } = await import('./catalog.ts');
    const raw = { ...(fixtureCatalog.raw(ID) as object), minutes: -1 };
    const c = makeCatalog({ '/x/00-fixture/lesson.json': raw }, { '/x/00-fixture/en.md': async () => '# T' });
    expect(c.ids()).toEqual([ID]);
    expect(c.lessonList()).toEqual([]);
    await expect(c.loadLesson(ID)).rejects.toThrow(/^lesson 00-fixture has authoring errors:\n00-fixture: minutes: a number of minutes > 0, not -1\n00-fixture: files\[0\]: dags\/etl.py is not in the lesson folder/);
    const broken = makeCatalog({ '/x/00-fixture/lesson.json': '{ "id": "00-fixture", }' }, {});
    expect(broken.problems(ID)).toEqual([expect.stringMatching(/^00-fixture: lesson.json is not valid JSON: /)]);
    expect(broken.lessonList()).toEqual([]);
    // an explanation in one language only
    const text = async (md: string) => md;
    const en = '# T\n\nIntro\n\n<!-- step: a -->\nA\n\n<!-- after: a -->\nWhy.\n';
    const oneSided = makeCatalog({ '/x/01-a/lesson.json': { steps: [{ id: 'a' }] } }, { '/x/01-a/en.md': () => text(en), '/x/01-a/ko.md': () => text(en.replace(/<!-- after: a -->\nWhy.\n/, '')) });
    expect(await checkText(oneSided, '01-a')).toEqual(['01-a: en.md has <!-- after: a --> and ko.md has not']);
  });
});

describe('SimSession.evaluate and query', () => {
  it('answers with what it found, and a teacher\'s mistake is an invalid error naming the valid tables', () => {
    const s = started();
    expect(value(s.evaluate({ query: { count: { table: 'dag', where: { is_paused: true } } }, is: 1 }))).toEqual({ holds: true, detail: '[holds] count of dag where {"is_paused":true} is 1; wanted 1' });
    expect(value(s.query({ clock: true }))).toBe('2024-06-03T12:00:00Z');
    value(s.command('airflow dags list'));
    expect(value(s.query({ values: { table: 'command', column: 'run' } }))).toEqual(['airflow dags list']);
    expect(s.query({ count: { table: 'dags' } })).toEqual({ ok: false, kind: 'invalid', error: expect.stringMatching(/^no table "dags" under Airflow 3 \(tables: dag, dag_run, /) });
    expect(new SimSession().evaluate({ query: { clock: true }, is: 1 })).toMatchObject({ ok: false, kind: 'not_loaded' });
  });
});

describe('startWorkspace', () => {
  it('names files without dags/, with the lesson\'s config, seed and start', () => {
    const ws = startWorkspace(loaded);
    expect(ws).toEqual({ profile: '3', files: { 'etl.py': loaded.files['dags/etl.py'] }, config: { 'core.executor': 'LocalExecutor' }, seed: 3, start: '2024-06-03T12:00:00Z', commands: [], fileEdits: [] });
    expect(startWorkspace(loaded, '2').profile).toBe('2');
    const only3 = { ...loaded, lesson: { ...loaded.lesson, alsoProfile: undefined } };
    expect(() => startWorkspace(only3, '2')).toThrow('lesson 00-fixture does not run under profile 2 (it runs under 3)');
  });

  it('takes a resetting step\'s config over the lesson\'s, and its profile over the learner\'s', () => {
    const setup = { reset: true, profile: '2' as const, config: { 'core.executor': 'SequentialExecutor', 'core.parallelism': 4 }, actions: [] };
    expect(startWorkspace(loaded, '3', setup)).toMatchObject({ profile: '2', config: { 'core.executor': 'SequentialExecutor', 'core.parallelism': 4 } });
    expect(startWorkspace(loaded, '2', { reset: true, config: { 'sim.workers': 3 }, actions: [] })).toMatchObject({ profile: '2', config: { 'core.executor': 'LocalExecutor', 'sim.workers': 3 } });
    // a setup that goes on from the learner's state has no start of its own (validate refuses config there)
    expect(startWorkspace(loaded, '3', { ...setup, reset: false })).toEqual(startWorkspace(loaded, '3'));
    // the learner's choice must still be one the lesson runs under
    const only3 = { ...loaded, lesson: { ...loaded.lesson, alsoProfile: undefined } };
    expect(() => startWorkspace(only3, '2', setup)).toThrow('does not run under profile 2');
  });
});

describe('durations and SQL lines', () => {
  it('reads ISO 8601 durations of fixed length', () => {
    expect(parseDuration('PT1H')).toBe(3_600_000);
    expect(parseDuration('P3D')).toBe(3 * 86_400_000);
    expect(parseDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseDuration('P1DT1H30M')).toBe(86_400_000 + 5_400_000);
    expect(parseDuration('PT0.5S')).toBe(500);
    expect(() => parseDuration('P1M')).toThrow('years and months have no fixed length');
    expect(() => parseDuration('P1Y')).toThrow('years and months have no fixed length');
    expect(parseDuration('PT1M')).toBe(60_000); // M after T is minutes
    for (const bad of ['1H', 'PT', 'P', 'pt1h', 'PT1H2']) expect(() => parseDuration(bad)).toThrow('is not an ISO 8601 duration');
    expect(() => parseDuration('P0D')).toThrow('is no time at all');
  });

  it('quotes a statement so the CLI tokenizer gives it back unchanged', () => {
    const statements = ['SELECT 1', `SELECT "a", 'b' FROM t WHERE x = '$HOME' -- \`c\``, 'SELECT 1\nFROM t\\n', "INSERT INTO t VALUES ('it''s')"];
    for (const st of statements) expect(tokenize(sqlCommandLine(st))).toEqual(['sim', 'sql', st]);
  });
});

describe('playActions', () => {
  const play = (s: SessionLike, actions: LessonAction[]) => playActions(s, loaded, actions);

  it('plays every kind of action', async () => {
    const s = started();
    expect(
      await play(s, [
        { do: 'command', line: 'airflow dags unpause etl' },
        { do: 'until', at: '2024-06-03T12:05:00Z' },
        { do: 'advance', by: 'PT10M' },
        { do: 'file', path: 'other.py', from: 'solutions/other.py' },
        { do: 'edit', path: 'etl.py', find: 'sleep 600', replace: 'sleep 1' },
        { do: 'command', line: 'airflow dags trigger other' },
        { do: 'next', kind: 'run_created' },
        { do: 'delete', path: 'other.py' },
      ]),
    ).toEqual({ ok: true });
    // the manual run of other was created by the trigger itself: the next new run is etl's at the next midnight
    expect(value(s.clock())).toBe('2024-06-04T00:00:00Z');
    const files = value(s.files());
    expect(Object.keys(files)).toEqual(['etl.py']);
    // the first occurrence only
    expect(files['etl.py']).toContain('echo extracting; sleep 1"');
    expect(files['etl.py']).toContain('echo loading; sleep 600"');
  });

  it('returns the first failing action\'s index and what went wrong', async () => {
    const fails = async (actions: LessonAction[]) => {
      const r = await play(started(), actions);
      if (r.ok) throw new Error('expected a failure');
      return [r.index, r.error];
    };
    expect(await fails([{ do: 'command', line: 'airflow dags list' }, { do: 'command', line: 'airflow dags frobnicate' }])).toEqual([1, expect.stringMatching(/^"airflow dags frobnicate": .*invalid choice: 'frobnicate'/)]);
    // a command that Airflow runs and that fails (exit 1) is a lesson error unless the action expects it
    expect(await fails([{ do: 'command', line: 'airflow dags trigger nope' }])).toEqual([0, '"airflow dags trigger nope" ended with exit code 1 (expected 0): airflow.exceptions.DagNotFound: Dag id nope not found in DagModel']);
    expect(await play(started(), [{ do: 'command', line: 'airflow dags trigger nope', exit: 1 }])).toEqual({ ok: true });
    expect(await fails([{ do: 'file', path: 'x.py', from: 'solutions/x.py' }])).toEqual([0, 'file x.py: no "solutions/x.py" in the lesson folder (dags/etl.py, solutions/other.py)']);
    expect(await fails([{ do: 'edit', path: 'etl.py', find: 'sleep 6000', replace: '' }])).toEqual([0, 'edit etl.py: the text to find is not in the file: "sleep 6000" (mind the indentation and the line ends)']);
    expect(await fails([{ do: 'edit', path: 'el.py', find: 'a', replace: '' }])).toEqual([0, 'edit el.py: no such file in the workspace (files: etl.py)']);
    expect(await fails([{ do: 'delete', path: 'el.py' }])).toEqual([0, 'delete el.py: no such file in the workspace (files: etl.py)']);
    expect(await fails([{ do: 'until', at: '2024-06-01T00:00:00Z' }])).toEqual([0, 'until 2024-06-01T00:00:00Z: 2024-06-01T00:00:00Z is before the clock (2024-06-03T12:00:00Z): use jumpTo to go back']);
    expect(await fails([{ do: 'advance', by: 'P1M' }])).toEqual([0, 'advance: "P1M": years and months have no fixed length; write days, like "P30D"']);
    // paused: no run will ever be created
    expect(await fails([{ do: 'next', kind: 'run_created' }])).toEqual([0, 'next run_created found nothing: Nothing else will happen: no event is pending and no recorded action is ahead.']);
  });

  it('plays to a date ten years away without hanging: the engine skips idle time', async () => {
    const s = started();
    const t = Date.now();
    expect(await play(s, [{ do: 'until', at: '2034-06-03T12:00:00Z' }])).toEqual({ ok: true });
    expect(value(s.clock())).toBe('2034-06-03T12:00:00Z');
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('stops a clock move that would play more than the budget, or that does not progress', async () => {
    const busy = fake({ runUntil: () => ({ ok: true, value: { clock: '2030-01-01T00:00:00Z', done: false, events: 5000, actions: 0 } }) });
    expect(await play(busy, [{ do: 'until', at: '2035-01-01T00:00:00Z' }])).toEqual({
      ok: false,
      index: 0,
      error: `until 2035-01-01T00:00:00Z: stopped at 2030-01-01T00:00:00Z after ${ACTION_BUDGET} events; a lesson action may play at most ${ACTION_BUDGET} (play less time, or fewer runs)`,
    });
    const stuck = fake({ runUntil: () => ({ ok: true, value: { clock: '2024-06-03T12:00:00Z', done: false, events: 0, actions: 0 } }) });
    expect(await play(stuck, [{ do: 'until', at: '2035-01-01T00:00:00Z' }])).toMatchObject({ ok: false, error: 'until 2035-01-01T00:00:00Z: the clock does not move (stopped at 2024-06-03T12:00:00Z)' });
    let calls = 0;
    const searching = fake({ runToNext: () => (calls++, { ok: true, value: { stopped_by: 'step_cap', note: '' } }) });
    expect(await play(searching, [{ do: 'next', kind: 'failure' }])).toMatchObject({ ok: false, error: 'next failure found nothing in 10 searches of 20,000 events' });
    expect(calls).toBe(10);
  });

  it('advances in slices to clock + duration when the session tells its clock, else in one call', async () => {
    const targets: string[] = [];
    const sliced = fake({ clock: () => ({ ok: true, value: '2024-06-03T12:00:00Z' }), runUntil: (at) => (targets.push(at), { ok: true, value: { clock: at, done: true, events: 1, actions: 0 } }) });
    expect(await play(sliced, [{ do: 'advance', by: 'P1DT1H' }])).toEqual({ ok: true });
    expect(targets).toEqual(['2024-06-04T13:00:00Z']);
    const asked: number[] = [];
    const client = fake({ advance: (ms) => (asked.push(ms), { ok: true, value: { clock: '', done: true, events: 0, actions: 0 } }) });
    expect(await play(client, [{ do: 'advance', by: 'PT90S' }])).toEqual({ ok: true });
    expect(asked).toEqual([90_000]);
  });
});

function fake(over: Partial<SessionLike>): SessionLike {
  const no = () => ({ ok: false as const, error: 'not in this fake' });
  return { load: no, command: no, setFile: no, runUntil: no, advance: no, runToNext: no, files: no, ...over };
}

describe('steps', () => {
  /** the canonical path: each step's setup, then its solution */
  async function walk(upTo: number): Promise<SimSession> {
    const s = started();
    for (let i = 0; i <= upTo; i++) {
      expect(await enterStep(s, loaded, i)).toEqual({ ok: true });
      if (i < upTo && loaded.lesson.steps[i]!.solution) expect(await playActions(s, loaded, loaded.lesson.steps[i]!.solution!)).toEqual({ ok: true });
    }
    return s;
  }

  it('restartStep rebuilds the state the steps before left, identical to playing them', async () => {
    for (const i of [0, 2]) {
      const r = new SimSession();
      expect(await restartStep(r, loaded, i)).toEqual({ ok: true });
      expect(dump(r)).toBe(dump(await walk(i)));
    }
  });

  it('a setup with reset starts from the lesson start whatever the learner did', async () => {
    const s = await walk(2);
    expect(await enterStep(s, loaded, 4)).toEqual({ ok: true });
    expect(Object.keys(value(s.files()))).toEqual(['other.py']);
    expect(value(s.clock())).toBe('2024-06-03T12:00:00Z');
    const r = new SimSession();
    expect(await restartStep(r, loaded, 5)).toEqual({ ok: true });
    expect(dump(r)).toBe(dump(await walk(5)));
  });

  /** the fixture with step "fresh" (index 4) run on Airflow 2.10's SequentialExecutor, as lesson 13 does */
  const sequential = (): LoadedLesson => {
    const c = structuredClone(loaded);
    Object.assign(c.lesson.steps[4]!.setup!, { profile: '2', config: { 'core.executor': 'SequentialExecutor' } });
    return c;
  };
  const executor = async (s: SimSession) => (value(s.command('airflow config get-value core executor')) as { output: string }).output.trim();

  it('a reset with its own config and profile: entering, restarting it, and restarting a later step all run on it', async () => {
    const seq = sequential();
    expect([0, 3, 4, 5].map((i) => resetStepOf(seq.lesson, i))).toEqual([-1, -1, 4, 4]);
    expect([0, 3, 4, 5].map((i) => profileAt(seq.lesson, i, '3'))).toEqual(['3', '3', '2', '2']);
    // entering from the learner's state (Airflow 3, LocalExecutor)
    const s = started('3');
    expect(await enterStep(s, seq, 4, '3')).toEqual({ ok: true });
    expect(await executor(s)).toBe('SequentialExecutor');
    // a 2.10-only column: the session really is on Airflow 2.10
    expect(s.query({ count: { table: 'dag_run', where: { execution_date: { gte: '2024-01-01' } } } })).toMatchObject({ ok: true });
    // restarting the step after it rebuilds from the same config, the same state as walking there
    const r = new SimSession();
    expect(await restartStep(r, seq, 5, '3')).toEqual({ ok: true });
    expect(await executor(r)).toBe('SequentialExecutor');
    const walked = started('3');
    for (const i of [4, 5]) {
      expect(await enterStep(walked, seq, i, '3')).toEqual({ ok: true });
      if (i === 4) expect(await playActions(walked, seq, seq.lesson.steps[4]!.solution!)).toEqual({ ok: true });
    }
    await executor(walked);
    expect(dump(r)).toBe(dump(walked));
    // and a step before the reset is back on the lesson's own config and the learner's profile
    expect(await restartStep(r, seq, 3, '3')).toEqual({ ok: true });
    expect(await executor(r)).toBe('LocalExecutor');
    expect(r.query({ count: { table: 'dag_run', where: { execution_date: { gte: '2024-01-01' } } } })).toMatchObject({ ok: false });
  });

  it('a first step that resets with its own config starts from it on restart', async () => {
    const c = sequential();
    c.lesson.steps = c.lesson.steps.slice(4);
    const loads: { profile: string; config: object }[] = [];
    const recorder = fake({ load: (ws) => (loads.push({ profile: ws.profile, config: ws.config }), { ok: true, value: null }), setFile: () => ({ ok: true, value: null }), files: () => ({ ok: true, value: { 'etl.py': '' } }) });
    expect(await restartStep(recorder, c, 0, '3')).toEqual({ ok: true });
    expect(loads).toEqual([{ profile: '2', config: { 'core.executor': 'SequentialExecutor' } }]);
  });

  it('says which step and part failed', async () => {
    const broken: LoadedLesson = structuredClone(loaded);
    broken.lesson.steps[1]!.solution = [{ do: 'until', at: '2024-06-01T00:00:00Z' }];
    const r = await restartStep(new SimSession(), broken, 2);
    expect(r).toEqual({ ok: false, index: 0, step: 'finish', part: 'solution', error: 'step "finish" solution action 1: until 2024-06-01T00:00:00Z: 2024-06-01T00:00:00Z is before the clock (2024-06-03T12:01:00Z): use jumpTo to go back' });
    expect(await enterStep(new SimSession(), loaded, 9)).toEqual({ ok: false, index: -1, error: 'lesson 00-fixture has no step 10' });
  });
});

describe('the headless lesson check', () => {
  it('passes the fixture under both profiles (2.10 catches up by default, 3 does not: one answer per profile)', async () => {
    // [scheduler] catchup_by_default: True in 2.10, False in 3.0 (airflow/config_templates/config.yml)
    expect(await checkReplay(loaded, '3')).toEqual([]);
    expect(await checkReplay(loaded, '2')).toEqual([]);
  });

  const mutated = (edit: (l: LoadedLesson['lesson']) => void): LoadedLesson => {
    const c = structuredClone(loaded);
    edit(c.lesson);
    return c;
  };

  it('says when a goal already holds at the step start, with what the engine found', async () => {
    const errs = await checkReplay(mutated((l) => (l.steps[1]!.goal = { query: { count: { table: 'dag_run', where: { dag_id: 'etl' } } }, is: { gte: 1 } })), '3');
    expect(errs).toEqual([
      '00-fixture [Airflow 3] step "finish" (2 of 6): the goal already holds when the step starts, before the learner does anything (if that is meant, add "goalMayHoldAtStart": true):\n[holds] count of dag_run where {"dag_id":"etl"} is 1; wanted gte 1',
    ]);
  });

  it('says when the solution does not reach the goal, with the actual count', async () => {
    const errs = await checkReplay(mutated((l) => (l.steps[1]!.goal = { query: { count: { table: 'dag_run', where: { dag_id: 'etl', state: 'success' } } }, is: 3 })), '3');
    expect(errs).toEqual(['00-fixture [Airflow 3] step "finish" (2 of 6): the goal does not hold after the solution (clock 2024-06-03T13:00:00Z):\n[fails] count of dag_run where {"dag_id":"etl","state":"success"} is 1; wanted 3']);
  });

  it('says when a prediction\'s answer is not the truth, per profile', async () => {
    const errs = await checkReplay(mutated((l) => (l.steps[0]!.predict!.answer = 2)), '3');
    expect(errs).toEqual(['00-fixture [Airflow 3] step "unpause" (1 of 6): predict: the engine\'s truth (count of dag_run where {"dag_id":"etl"}) is 1, but "answer" says 2']);
  });

  it('replays a step on the profile its reset fixes, and reads its per-profile answer for that profile', async () => {
    const seq = mutated((l) => {
      Object.assign(l.steps[4]!.setup!, { profile: '2', config: { 'core.executor': 'SequentialExecutor' } });
      // execution_date exists only in 2.10: the goal can be checked only if the step really runs there
      l.steps[4]!.goal = { all: [l.steps[4]!.goal!, { query: { count: { table: 'dag_run', where: { execution_date: { gte: '2024-01-01' } } } }, is: 0 }] };
      l.steps[4]!.predict = { question: { en: 'q', ko: 'q' }, truth: { count: { table: 'dag', where: { is_paused: false } } }, answer: { '2': 1, '3': 99 } };
    });
    expect(await checkReplay(seq, '3')).toEqual([]);
    expect(await checkReplay(seq, '2')).toEqual([]);
    // without the profile, Airflow 3 refuses the executor when the step starts
    const no2 = structuredClone(seq);
    delete no2.lesson.steps[4]!.setup!.profile;
    expect(await checkReplay(no2, '3')).toEqual(['00-fixture [Airflow 3] step "fresh" (5 of 6): the lesson start does not load: core.executor: SequentialExecutor was removed in Airflow 3; use LocalExecutor or CeleryExecutor']);
  });

  it('parses the DAG files under the profile a step fixes too (a 3-only file in a 2.10 step)', async () => {
    const c = mutated((l) => {
      delete l.alsoProfile;
      Object.assign(l.steps[4]!.setup!, { profile: '2' });
    });
    c.files['solutions/other.py'] = c.files['solutions/other.py']!.replace('from airflow import DAG', 'from airflow.sdk import DAG').replace('from airflow.operators.bash', 'from airflow.providers.standard.operators.bash');
    const errs = await checkReplay(c, '3');
    expect(errs[0]).toMatch(/^00-fixture \[Airflow 3\]: solutions\/other.py:2:\d+ does not load under Airflow 2.10 \(a step's "profile"\): ModuleNotFoundError: No module named 'airflow.sdk'/);
  });

  it('says when a goal names a column the profile does not have', async () => {
    const errs = await checkReplay(mutated((l) => (l.steps[1]!.goal = { query: { count: { table: 'dag_run', where: { logical_date: { gte: '2024-06-01' } } } }, is: 1 })), '2');
    expect(errs).toEqual([expect.stringMatching(/^00-fixture \[Airflow 2.10\] step "finish" \(2 of 6\): the goal cannot be checked: table dag_run has no column "logical_date" under Airflow 2.10; Airflow 2.10 calls it "execution_date"/)]);
  });

  it('says which solution action failed', async () => {
    const errs = await checkReplay(mutated((l) => (l.steps[2]!.solution![0] = { do: 'edit', path: 'etl.py', find: 'sleep 6000', replace: '' })), '3');
    expect(errs).toEqual(['00-fixture [Airflow 3] step "edit" (3 of 6): solution action 1 {"do":"edit","path":"etl.py","find":"sleep 6000","replace":""} failed: edit etl.py: the text to find is not in the file: "sleep 6000" (mind the indentation and the line ends)']);
  });

  it('finds a DAG file that does not load', async () => {
    const c = structuredClone(loaded);
    c.files['dags/etl.py'] = c.files['dags/etl.py']!.replace('extract >> load', 'extract >> load >> extract');
    const errs = await checkReplay(c, '3');
    expect(errs[0]).toMatch(/^00-fixture \[Airflow 3\]: dags\/etl.py:\d+:\d+ does not load: .*[Cc]ycle/);
    expect(errs[1]).toMatch(/^00-fixture \[Airflow 3\]: at the lesson start etl.py has an import error: .*[Cc]ycle/);
  });
});
