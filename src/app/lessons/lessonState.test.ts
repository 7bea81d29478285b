// The Lessons mode against a real SimSession (no worker) and a store: the learner's own workspace
// is never saved over and comes back; a prediction holds the clock until answered; Solve and the
// learner's own commands reach the goal, which is saved as progress with the answer.
import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../store/memoryBackend.ts';
import { WorkspaceStore } from '../../store/workspaceStore.ts';
import { SimSession } from '../../worker/session.ts';
import { SimClient } from '../client.svelte.ts';
import { sampleFiles } from '../samples/index.ts';
import { loadLesson } from './catalog.ts';
import { LessonState } from './lessonState.svelte.ts';

const LESSON = '01-dags-and-tasks';

async function setup() {
  const store = new WorkspaceStore(new MemoryBackend());
  const r = await store.createWorkspace({
    name: 'mine', profile: '3', files: sampleFiles('3'), config: {}, seed: 1,
    start: '2024-06-01T00:00:00Z', commands: [], fileEdits: [], clock: '2024-06-01T00:00:00Z', view: 'grid',
  });
  if (!r.ok) throw new Error(r.message);
  const client = new SimClient(new SimSession(), store);
  expect(await client.open(r.ws)).toBe(true);
  const lessons = new LessonState(client);
  await lessons.enter();
  return { store, client, lessons, id: r.ws.id };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LessonState', () => {
  it('lists the lessons, opens one in place of the learner workspace without saving it, and gives that back', async () => {
    const { store, client, lessons, id } = await setup();
    expect(lessons.list.map((l) => l.id)).toContain(LESSON);
    await client.command('airflow dags unpause etl');
    await client.flush();
    const before = await store.getWorkspace(id);

    await lessons.openLesson(LESSON);
    expect(lessons.error).toBeNull();
    const lesson = lessons.loaded!.lesson;
    expect(client.clock).toBe(lesson.start);
    expect(lessons.index).toBe(0);
    await client.command('airflow dags list');
    await client.flush();
    // nothing done in the lesson reached the learner's own saved workspace
    expect(await store.getWorkspace(id)).toEqual(before);
    expect((await store.listWorkspaces()).map((w) => w.id)).toEqual([id]);

    await lessons.closeLesson();
    expect(client.workspaceId).toBe(id);
    expect(client.clock).toBe('2024-06-01T00:00:00Z');
    const paused = await client.command('airflow dags list');
    expect(paused.output).toMatch(/etl\s*\|.*False/); // still unpaused, as the learner left it
  });

  it('gives back an unsaved workspace (a share link not kept yet) as it was, not only the saved ones', async () => {
    const { store, client, lessons, id } = await setup();
    // as openLinkFromLocation opens a link: a workspace of its own id, never saved
    const own = (await store.getWorkspace(id))!;
    expect(await client.open({ ...own, id: 'shared:abc', name: 'from a link' }, { save: false })).toBe(true);
    await client.command('airflow dags unpause etl');

    await lessons.openLesson(LESSON);
    expect(lessons.error).toBeNull();
    await lessons.closeLesson();
    expect(client.error).toBeNull();
    expect(client.workspaceId).toBe('shared:abc');
    expect((await client.command('airflow dags list')).output).toMatch(/etl\s*\|.*False/);
    await client.flush();
    expect((await store.listWorkspaces()).map((w) => w.id)).toEqual([id]); // still not saved
  });

  it('a step restarted or moved to starts without the error of the step it left', async () => {
    const { lessons } = await setup();
    await lessons.openLesson(LESSON);
    lessons.error = 'Solve stopped at action 2: no such DAG'; // as solve() reports a failed action
    await lessons.restart();
    expect(lessons.error).toBeNull();
  });

  it('checks the goal after a learner command and saves the step as done', async () => {
    const { store, client, lessons } = await setup();
    await lessons.openLesson(LESSON);
    const step = lessons.step!;
    expect(lessons.reached).toBe(false);
    const line = step.solution!.find((a) => a.do === 'command');
    expect(line).toBeDefined();
    await client.command((line as { line: string }).line);
    lessons.scheduleCheck();
    await wait(400);
    expect(lessons.reached).toBe(true);
    expect((await store.getProgress(LESSON))?.stepsDone).toEqual([step.id]);
    expect(lessons.announcement).toMatch(/Goal reached/);
  });

  it('holds the clock until the prediction is answered; Solve then reaches the goal and the truth is shown on request', async () => {
    const { store, client, lessons } = await setup();
    await lessons.openLesson(LESSON);
    const loaded = await loadLesson(LESSON);
    const index = loaded.lesson.steps.findIndex((s) => s.predict?.choices && s.solution);
    expect(index).toBeGreaterThan(0);
    await lessons.goTo(index, 'restart');
    const predict = lessons.step!.predict!;

    expect(lessons.awaitingAnswer).toBe(true);
    const clock = client.clock;
    await client.jumpTo(new Date(Date.parse(clock) + 3600_000).toISOString());
    expect(client.clock).toBe(clock); // refused, and the notice says why
    expect(client.notice).toMatch(/waits for your prediction/);
    await lessons.solve();
    expect(client.clock).toBe(clock);
    expect(lessons.reached).toBe(false);

    const pick = predict.choices![0]!.value;
    await lessons.answerPredict(pick);
    expect(client.clockLock).toBeNull();
    await lessons.answerPredict(predict.choices![1]!.value); // locked: a second answer changes nothing
    expect(lessons.answer).toBe(pick);

    expect(lessons.revealed).toBe(false);
    await lessons.reveal(); // not before the goal is reached
    expect(lessons.revealed).toBe(false);
    await lessons.solve();
    expect(lessons.reached).toBe(true);
    await lessons.reveal();
    expect(lessons.revealed).toBe(true);
    const truth = await client.session.query(predict.truth);
    expect(truth.ok && truth.value).toEqual(lessons.truth);
    const answer = typeof predict.answer === 'object' ? predict.answer['3'] : predict.answer;
    expect(lessons.truth).toEqual(answer); // the author's expected answer, as the engine computes it

    const saved = await store.getProgress(LESSON);
    expect(saved?.stepsDone).toContain(lessons.step!.id);
    expect(saved?.answers[lessons.step!.id]).toBe(pick);
  });

  it('runs a step on the profile and executor its reset fixes, with the header switch off there, and back on after', async () => {
    const { client, lessons } = await setup();
    await lessons.openLesson('13-executors');
    expect(lessons.error).toBeNull();
    const steps = lessons.loaded!.lesson.steps;
    const at = async (id: string) => {
      await lessons.goTo(steps.findIndex((s) => s.id === id), 'restart');
      expect(lessons.error).toBeNull();
      return (await client.command('airflow config get-value core executor')).output.trim();
    };
    expect(await at('sequential')).toBe('SequentialExecutor');
    expect(client.profile).toBe('2');
    expect(lessons.profileFixedNote).toBe('This step runs on Airflow 2.10: the lesson sets it for this step.');
    await lessons.setProfile('3'); // refused: Airflow 3 has no SequentialExecutor
    expect(lessons.profile).toBe('3');
    expect(client.profile).toBe('2');
    expect(await at('local')).toBe('LocalExecutor');
    expect(client.profile).toBe('3'); // the learner's own choice again
    expect(lessons.profileFixedNote).toBeNull();
  });
  it('a goal reached before the prediction is answered (a file saved first) does not let Next skip the prediction', async () => {
    const { client, lessons } = await setup();
    await lessons.openLesson(LESSON);
    const index = lessons.loaded!.lesson.steps.findIndex((s) => s.id === 'cycle');
    await lessons.goTo(index, 'restart');
    const files = await client.session.files();
    if (!files.ok) throw new Error(files.error);
    await client.setFile('etl.py', `${files.value['etl.py']!.trimEnd()}\n    load >> extract\n`);
    lessons.scheduleCheck();
    await wait(400);
    expect(lessons.reached).toBe(true);
    expect(lessons.canGoOn).toBe(false);
    await lessons.next();
    expect(lessons.index).toBe(index);
    await lessons.answerPredict(1);
    expect(lessons.canGoOn).toBe(true);
  });

  it('shows the truth as it was when the goal was reached, even if the clock played on before "Show the truth"', async () => {
    const { client, lessons } = await setup();
    await lessons.openLesson('05-data-intervals');
    const predict = lessons.step!.predict!;
    await lessons.answerPredict(predict.choices![1]!.value);
    await lessons.solve();
    expect(lessons.reached).toBe(true);
    // two midnights later both DAGs have made more runs: the question was about five minutes after unpausing
    await client.jumpTo(new Date(Date.parse(client.clock) + 2 * 86_400_000).toISOString());
    const now = await client.session.query(predict.truth);
    expect(now.ok && (now.value as number)).toBeGreaterThan(1);
    await lessons.reveal();
    expect(lessons.truth).toBe(1); // the lesson's answer (lessons/05-data-intervals/lesson.json)
  });

  it('checks the goal while the clock plays, and pauses the clock when it is reached', async () => {
    const { client, lessons } = await setup();
    await lessons.openLesson(LESSON);
    await lessons.goTo(1, 'restart'); // "run": unpause, trigger, play until the run succeeds
    await lessons.answerPredict('extract');
    await client.command('airflow dags unpause etl');
    await client.command('airflow dags trigger etl');
    const at = client.clock;
    // Play as the clock bar does (frames from a timer here), at the default speed of an hour a
    // second; the reader calls scheduleCheck on every version, which a debounce would postpone forever
    const raf = globalThis.requestAnimationFrame;
    const caf = globalThis.cancelAnimationFrame;
    globalThis.requestAnimationFrame = (cb) => setTimeout(() => cb(performance.now()), 16) as unknown as number;
    globalThis.cancelAnimationFrame = (h) => clearTimeout(h);
    try {
      client.play();
      for (let i = 0; i < 200 && !lessons.reached; i++) {
        lessons.scheduleCheck();
        await wait(10);
      }
    } finally {
      client.pause();
      globalThis.requestAnimationFrame = raf;
      globalThis.cancelAnimationFrame = caf;
    }
    expect(lessons.reached).toBe(true);
    expect(client.playing).toBe(false);
    expect(client.notice).toMatch(/clock paused/);
    // the three tasks take 20 + 30 + 10 s (lessons/01-dags-and-tasks/dags/etl.py): found within minutes, not hours
    expect(Date.parse(client.clock) - Date.parse(at)).toBeLessThan(10 * 60_000);
  });
});
