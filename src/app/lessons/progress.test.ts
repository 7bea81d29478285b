import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../store/openStore.ts';
import { fakeIdb } from '../../store/testkit.ts';
import type { WorkspaceStore } from '../../store/index.ts';
import {
  doneCount,
  importProgressFile,
  loadAllProgress,
  progressFileName,
  resumeIndex,
  saveProgress,
  savedAnswer,
  withAnswer,
  withStepDone,
} from './progress.ts';

const STEPS = ['meet', 'unpause', 'predict-runs'];
const opened: WorkspaceStore[] = [];

async function store(idb = fakeIdb()): Promise<WorkspaceStore> {
  const s = await openStore(idb);
  opened.push(s);
  return s;
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('progress records', () => {
  it('marks a step done once and never un-does one', () => {
    const a = withStepDone(undefined, '01-x', 'meet');
    const p = { ...withStepDone({ ...a, updatedAt: '2026-01-01T00:00:00Z' }, '01-x', 'meet'), updatedAt: '2026-01-01T00:00:00Z' };
    expect(p.stepsDone).toEqual(['meet']);
    expect(withStepDone(p, '01-x', 'unpause').stepsDone).toEqual(['meet', 'unpause']);
  });

  it('keeps the answer per step and reads back only what the UI can show', () => {
    const p = { ...withAnswer(undefined, '01-x', 'predict-runs', 3), updatedAt: '2026-01-01T00:00:00Z' };
    expect(savedAnswer(p, 'predict-runs')).toBe(3);
    expect(savedAnswer(p, 'meet')).toBeNull();
    expect(savedAnswer({ ...p, answers: { 'predict-runs': { odd: true } } }, 'predict-runs')).toBeNull();
  });

  it('resumes at the first step not done, and counts only steps the lesson has', () => {
    const p = { lessonId: '01-x', stepsDone: ['meet', 'gone-step'], answers: {}, updatedAt: '2026-01-01T00:00:00Z' };
    expect(resumeIndex(STEPS, undefined)).toBe(0);
    expect(resumeIndex(STEPS, p)).toBe(1);
    expect(doneCount(STEPS, p)).toBe(1);
    expect(resumeIndex(STEPS, { ...p, stepsDone: STEPS })).toBe(0);
  });

  it('names the export file by date', () => {
    expect(progressFileName(new Date('2026-11-21T16:00:00Z'))).toBe('airflow-sim-progress-2026-11-21.json');
  });
});

describe('progress in IndexedDB', () => {
  it('survives reopening the database (a reload)', async () => {
    const idb = fakeIdb();
    const a = await store(idb);
    await saveProgress(a, withStepDone(undefined, '01-x', 'meet'));
    const { saved } = await saveProgress(a, withAnswer((await loadAllProgress(a))['01-x'], '01-x', 'predict-runs', 'three'));
    expect(saved?.stepsDone).toEqual(['meet']);
    a.close();
    const b = await store(idb);
    const all = await loadAllProgress(b);
    expect(all['01-x']?.stepsDone).toEqual(['meet']);
    expect(all['01-x']?.answers).toEqual({ 'predict-runs': 'three' });
  });

  it('exports a file another browser imports, merged with what it has', async () => {
    const mine = await store();
    await saveProgress(mine, withStepDone(undefined, '01-x', 'meet'));
    await saveProgress(mine, withAnswer(undefined, '02-y', 'p', 2));
    const file = await mine.exportProgress();

    const other = await store();
    await saveProgress(other, withStepDone(undefined, '01-x', 'unpause'));
    expect(await importProgressFile(other, file)).toEqual({ ok: true, imported: 2 });
    const all = await loadAllProgress(other);
    expect(new Set(all['01-x']?.stepsDone)).toEqual(new Set(['meet', 'unpause']));
    expect(all['02-y']?.answers).toEqual({ p: 2 });
  });

  it('refuses a bad file with a message that says what is wrong, and changes nothing', async () => {
    const s = await store();
    await saveProgress(s, withStepDone(undefined, '01-x', 'meet'));
    const before = await loadAllProgress(s);
    const notJson = await importProgressFile(s, '{oops');
    expect(notJson).toMatchObject({ ok: false, message: expect.stringMatching(/not a JSON file/) });
    const workspaceFile = JSON.stringify({ format: 'airflow-sim-workspace', version: 1, workspace: {} });
    expect(await importProgressFile(s, workspaceFile)).toMatchObject({ ok: false, message: expect.stringMatching(/not a lesson progress file/) });
    const badStep = JSON.stringify({
      format: 'airflow-sim-progress',
      version: 1,
      lessons: [{ lessonId: '01-x', stepsDone: ['a', 7], answers: {}, updatedAt: '2026-01-01T00:00:00Z' }],
    });
    expect(await importProgressFile(s, badStep)).toMatchObject({ ok: false, message: expect.stringMatching(/stepsDone\[1\]/) });
    expect(await loadAllProgress(s)).toEqual(before);
  });
});
