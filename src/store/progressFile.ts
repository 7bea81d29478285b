// Lesson progress as a JSON file a learner can carry to another browser, and the merge that
// imports it: importing never un-does a step.
import { check, isObject, readProgress, show } from './validate.ts';
import type { LessonProgress } from './types.ts';

export const PROGRESS_FORMAT = 'airflow-sim-progress';
export const PROGRESS_FORMAT_VERSION = 1;

export function progressToJson(lessons: LessonProgress[], exportedAt: string): string {
  const sorted = [...lessons].sort((a, b) => a.lessonId.localeCompare(b.lessonId));
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_FORMAT_VERSION, exportedAt, lessons: sorted }, null, 2);
}

export function parseProgressFile(text: string): { ok: true; lessons: LessonProgress[] } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not a JSON file: ${(e as Error).message}` };
  }
  if (!isObject(raw) || raw.format !== PROGRESS_FORMAT) {
    return { ok: false, message: `not a lesson progress file (expected "format": "${PROGRESS_FORMAT}")` };
  }
  if (typeof raw.version !== 'number' || raw.version > PROGRESS_FORMAT_VERSION) {
    return { ok: false, message: `version: ${show(raw.version)} is not one this app reads (it reads ${PROGRESS_FORMAT_VERSION}); update the app` };
  }
  if (!Array.isArray(raw.lessons)) return { ok: false, message: `lessons: must be a list, not ${show(raw.lessons)}` };
  const lessons: unknown[] = raw.lessons;
  const r = check(() => lessons.map((l, i) => readProgress(l, `lessons[${i}]`)));
  if (!r.ok) return r;
  const seen = new Set<string>();
  for (const [i, l] of r.value.entries()) {
    if (seen.has(l.lessonId)) return { ok: false, message: `lessons[${i}].lessonId: "${l.lessonId}" appears twice` };
    seen.add(l.lessonId);
  }
  return { ok: true, lessons: r.value };
}

/** Steps done in either; answers of the later record win per key; the later time. */
export function mergeProgress(mine: LessonProgress | undefined, theirs: LessonProgress): LessonProgress {
  if (!mine) return theirs;
  const [older, newer] = Date.parse(mine.updatedAt) <= Date.parse(theirs.updatedAt) ? [mine, theirs] : [theirs, mine];
  return {
    lessonId: mine.lessonId,
    stepsDone: [...new Set([...mine.stepsDone, ...theirs.stepsDone])],
    answers: { ...older.answers, ...newer.answers },
    updatedAt: newer.updatedAt,
  };
}
