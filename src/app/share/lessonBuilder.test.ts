// The lesson builder: the lesson it writes replays, action by action, to the state the teacher
// recorded (metastore dump equal), and its folder has what the lesson format asks for.
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { SimSession, type Result } from '../../worker/session.ts';
import type { LoadedLesson } from '../lessons/catalog.ts';
import { playActions, startWorkspace } from '../lessons/player.ts';
import { splitLessonText } from '../lessons/text.ts';
import type { Lesson } from '../lessons/types.ts';
import { validateLesson } from '../lessons/validate.ts';
import { sampleFiles } from '../samples/index.ts';
import { buildLesson, lessonId, lessonZip } from './lessonBuilder.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.error}`);
  return r.value;
}
const dumpOf = (s: SimSession) => JSON.stringify(value(s.dump({ messages: true })));

/** Play a lesson headless with the app's own lesson player: its start, then every step's solution. */
async function replay(lesson: Lesson, files: Record<string, string>): Promise<SimSession> {
  const loaded: LoadedLesson = { lesson, files, text: { en: splitLessonText(files['en.md']!), ko: splitLessonText(files['ko.md']!) } };
  const s = new SimSession();
  value(s.load(startWorkspace(loaded)));
  for (const step of lesson.steps) {
    const r = await playActions(s, loaded, step.solution ?? []);
    if (!r.ok) throw new Error(`step ${step.id}, action ${r.index}: ${r.error}`);
  }
  return s;
}

/** A teacher's demo: two DAGs, commands at the start, a step, an edit, a delete, a jump. */
function demo(): SimSession {
  const s = new SimSession();
  const files = sampleFiles('3', 'all');
  value(s.load({ profile: '3', files: { 'etl.py': files['etl.py']!, 'flaky.py': files['flaky.py']! }, config: { 'core.executor': 'CeleryExecutor' }, seed: 5, start: '2024-06-01T00:00:00Z', commands: [], fileEdits: [] }));
  value(s.command('airflow dags unpause etl'));
  value(s.command('airflow dags unpause flaky_api'));
  value(s.step());
  value(s.step());
  value(s.runUntil('2024-06-02T03:00:00Z'));
  value(s.setFile('etl.py', files['etl.py']!.replace('sleep 60', 'sleep 900')));
  value(s.command('airflow dags trigger etl'));
  value(s.runUntil('2024-06-03T00:00:00Z'));
  value(s.setFile('flaky.py', null));
  value(s.runUntil('2024-06-04T12:00:00Z'));
  return s;
}

describe('buildLesson', () => {
  it('replaying the built lesson gives the identical metastore (and clock) as the recorded session', async () => {
    const s = demo();
    const { lesson, files } = buildLesson({ ...value(s.workspace()), name: 'Catchup demo' });
    const r = await replay(lesson, files);
    expect(value(r.clock())).toBe(value(s.clock()));
    expect(dumpOf(r)).toBe(dumpOf(s));
  });

  it('one step per instant with actions, an until before each, and the final clock as the last step', () => {
    const s = demo();
    const { lesson, files } = buildLesson({ ...value(s.workspace()), name: 'Catchup demo' });
    expect(lesson.steps.map((st) => st.solution?.map((a) => a.do).join(','))).toEqual([
      'command,command', // both at the start: no until
      'until,file,command',
      'until,delete',
      'until',
    ]);
    const edit = lesson.steps[1]!.solution![1]!;
    expect(edit).toEqual({ do: 'file', path: 'etl.py', from: 'solutions/step-2-1-etl.py' });
    expect(files['solutions/step-2-1-etl.py']).toContain('sleep 900');
    expect(lesson.steps[1]!.task.en).toBe('Play the clock to 2024-06-02 03:00:00 UTC, then save etl.py, then run `airflow dags trigger etl`.');
    expect(lesson).toMatchObject({ id: '90-catchup-demo', profile: '3', start: '2024-06-01T00:00:00Z', seed: 5, config: { 'core.executor': 'CeleryExecutor' }, files: ['dags/etl.py', 'dags/flaky.py'] });
  });

  it('actions after the clock (the teacher went back in time) are left out, as the state at the clock does not have them', async () => {
    const s = demo();
    value(s.jumpTo('2024-06-02T12:00:00Z'));
    const { lesson, files } = buildLesson({ ...value(s.workspace()), name: 'x' });
    expect(lesson.steps.flatMap((st) => st.solution ?? []).some((a) => a.do === 'delete')).toBe(false);
    expect(dumpOf(await replay(lesson, files))).toBe(dumpOf(s));
  });

  it('writes a folder the lesson format accepts: every file named, a section per step in both languages', () => {
    const { lesson, files } = buildLesson({ ...value(demo().workspace()), name: '재시도 데모' }, { id: '42-retries' });
    expect(lesson.id).toBe('42-retries');
    expect(validateLesson(JSON.parse(files['lesson.json']!), Object.keys(files), '42-retries')).toEqual([]);
    for (const lang of ['en', 'ko'] as const) expect(Object.keys(splitLessonText(files[`${lang}.md`]!).steps)).toEqual(lesson.steps.map((st) => st.id));
    expect(JSON.parse(files['lesson.json']!)).toEqual(lesson);
    for (const f of lesson.files) expect(files[f]).toBeTypeOf('string');
    for (const a of lesson.steps.flatMap((st) => st.solution ?? [])) if (a.do === 'file') expect(files[a.from]).toBeTypeOf('string');
    for (const lang of ['en', 'ko'] as const) {
      const md = files[`${lang}.md`]!;
      expect(md.startsWith('# 재시도 데모\n')).toBe(true);
      for (const st of lesson.steps) {
        expect(md).toContain(`<!-- step: ${st.id} -->`);
        expect(md).toContain(`<!-- after: ${st.id} -->`);
      }
      expect(new Set(lesson.steps.map((st) => st.id)).size).toBe(lesson.steps.length);
    }
    const zip = unzipSync(lessonZip({ lesson, files }));
    expect(Object.keys(zip).sort()).toEqual(Object.keys(files).map((f) => `42-retries/${f}`).sort());
    expect(strFromU8(zip['42-retries/dags/etl.py']!)).toBe(files['dags/etl.py']);
  });

  it('an empty workspace still makes a one-step lesson; a broken one is refused with the reason', () => {
    const start = { profile: '2', files: sampleFiles('2'), config: {}, seed: 1, start: '2024-06-01T00:00:00Z', commands: [], fileEdits: [], clock: '2024-06-01T00:00:00Z', name: 'Empty' };
    expect(buildLesson(start).lesson.steps).toHaveLength(1);
    expect(() => buildLesson({ ...start, profile: '4' })).toThrow(/"profile" must be "2"/);
    expect(lessonId('Catchup & backfill!')).toBe('90-catchup-backfill');
    expect(lessonId('재시도')).toBe('90-my-lesson');
  });
});
