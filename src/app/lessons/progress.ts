// A learner's lesson progress (steps done, predictions given), kept in the store's lessonProgress
// table (IndexedDB, or this tab's memory when IndexedDB is unavailable), and carried between
// browsers as a JSON file. The store validates and merges; this module says what a step
// finished or an answer given changes, and where a learner resumes.
import type { LessonProgress, WorkspaceStore } from '../../store/index.ts';

export type Answer = string | number;
export type ProgressMap = Record<string, LessonProgress>;

/** The progress record without its save time (the store stamps it). */
export type ProgressDraft = Omit<LessonProgress, 'updatedAt'>;

function base(p: LessonProgress | undefined, lessonId: string): ProgressDraft {
  return { lessonId, stepsDone: [...(p?.stepsDone ?? [])], answers: { ...(p?.answers ?? {}) } };
}

/** The record with `stepId` done (a step is never un-done). */
export function withStepDone(p: LessonProgress | undefined, lessonId: string, stepId: string): ProgressDraft {
  const next = base(p, lessonId);
  if (!next.stepsDone.includes(stepId)) next.stepsDone.push(stepId);
  return next;
}

/** The record with the learner's prediction for `stepId`. */
export function withAnswer(p: LessonProgress | undefined, lessonId: string, stepId: string, answer: Answer): ProgressDraft {
  const next = base(p, lessonId);
  next.answers[stepId] = answer;
  return next;
}

/** The prediction saved for a step, if it is one this UI can show. */
export function savedAnswer(p: LessonProgress | undefined, stepId: string): Answer | null {
  const a = p?.answers[stepId];
  return typeof a === 'string' || typeof a === 'number' ? a : null;
}

/** Where a learner resumes a lesson: the first step not done; the first step once all are done. */
export function resumeIndex(stepIds: readonly string[], p: LessonProgress | undefined): number {
  const i = stepIds.findIndex((id) => !p?.stepsDone.includes(id));
  return i < 0 ? 0 : i;
}

/** How many of a lesson's steps are done (ids of steps no longer in the lesson do not count). */
export function doneCount(stepIds: readonly string[], p: LessonProgress | undefined): number {
  return stepIds.filter((id) => p?.stepsDone.includes(id)).length;
}

export async function loadAllProgress(store: WorkspaceStore): Promise<ProgressMap> {
  const out: ProgressMap = {};
  for (const p of await store.listProgress()) out[p.lessonId] = p;
  return out;
}

/** Write one record; returns what is now stored (or held in memory when IndexedDB refused). */
export async function saveProgress(store: WorkspaceStore, draft: ProgressDraft): Promise<{ saved: LessonProgress | undefined; warning?: string }> {
  const r = await store.setProgress(draft);
  const saved = await store.getProgress(draft.lessonId);
  return r.ok ? { saved } : { saved, warning: r.message };
}

/** A download name such as "airflow-sim-progress-2026-11-21.json". */
export function progressFileName(now: Date = new Date()): string {
  return `airflow-sim-progress-${now.toISOString().slice(0, 10)}.json`;
}

export type ImportOutcome = { ok: true; imported: number; warning?: string } | { ok: false; message: string };

/**
 * Import a progress file: merged into what is stored (a step done in either stays done). A file
 * that is not valid changes nothing and says what is wrong with it.
 */
export async function importProgressFile(store: WorkspaceStore, text: string): Promise<ImportOutcome> {
  const r = await store.importProgress(text);
  if (r.ok) return { ok: true, imported: r.imported };
  if (r.reason === 'invalid') return { ok: false, message: r.message };
  // kept in memory (quota, a newer app version): imported here, not saved on disk
  return { ok: true, imported: -1, warning: r.message };
}
