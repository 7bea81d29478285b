// The headless check of one lesson (lessons.test.ts runs it for every lesson folder): its text
// has a section for every step in both languages, its DAG files load, and replayed step by step
// on a real SimSession, each goal does not hold before the step's solution and holds after it,
// and each prediction's truth is the answer the author expects. Every message names the lesson,
// the profile, the step and what the engine found.
import { parseDagFile } from '../../dagfile/index.ts';
import { defaultTimezone, resolveConfig } from '../../engine/config.ts';
import { describe as describeQuery } from '../../engine/goals/evaluate.ts';
import { parseInstant } from '../../engine/time.ts';
import { SimSession } from '../../worker/session.ts';
import { loadWarehouse, sourceNeedsWarehouse } from '../../worker/warehouse.ts';
import type { Catalog, LoadedLesson } from './catalog.ts';
import { enterStep, playActions, profileAt, startWorkspace } from './player.ts';
import { splitLessonText, textProblems } from './text.ts';
import type { Lesson } from './types.ts';

const profileName = (p: '2' | '3') => (p === '2' ? 'Airflow 2.10' : 'Airflow 3');

/** The profiles a lesson runs under: its own, then alsoProfile. */
export function lessonProfiles(raw: unknown): ('2' | '3')[] {
  const l = (raw ?? {}) as Partial<Lesson>;
  return [l.profile, l.alsoProfile].filter((p): p is '2' | '3' => p === '2' || p === '3').filter((p, i, a) => a.indexOf(p) === i);
}

/** en.md and ko.md: a title, an intro, and a section for every step of lesson.json, in order. */
export async function checkText(catalog: Catalog, id: string): Promise<string[]> {
  const raw = catalog.raw(id) as Partial<Lesson>;
  const ids = Array.isArray(raw?.steps) ? raw.steps.map((s) => (s as { id?: string })?.id).filter((x): x is string => typeof x === 'string') : [];
  const out: string[] = [];
  const afters: Record<string, string[]> = {};
  for (const file of ['en.md', 'ko.md']) {
    const md = await catalog.readFile(id, file);
    if (md === undefined) out.push(`${id}: ${file} is missing`);
    else {
      out.push(...textProblems(md, ids, file).map((p) => `${id}: ${p}`));
      const steps = splitLessonText(md).steps;
      afters[file] = ids.filter((s) => steps[s]?.after);
    }
  }
  // the two languages tell the same story: an explanation in one only is a forgotten translation
  const [en, ko] = [afters['en.md'], afters['ko.md']];
  if (en && ko) {
    for (const s of en.filter((x) => !ko.includes(x))) out.push(`${id}: en.md has <!-- after: ${s} --> and ko.md has not`);
    for (const s of ko.filter((x) => !en.includes(x))) out.push(`${id}: ko.md has <!-- after: ${s} --> and en.md has not`);
  }
  return out;
}

/** Whether the lesson's first step is about a broken file (then its start may have an import error). */
const firstStepReadsImportErrors = (l: Lesson) => {
  const s = l.steps[0];
  return !!s && JSON.stringify([s.goal, s.predict?.truth]).includes('"import_error"');
};
const readsImportErrors = (l: Lesson) => JSON.stringify(l.steps.map((s) => [s.goal, s.predict?.truth])).includes('"import_error"');

/** Replay a valid lesson under one profile; [] when every step works. */
export async function checkReplay(loaded: LoadedLesson, profile: '2' | '3'): Promise<string[]> {
  const l = loaded.lesson;
  const tag = `${l.id} [${profileName(profile)}]`;
  const out: string[] = [];

  // every DAG file of the folder parses clean, unless the lesson is about import errors; also under
  // the profile a step's reset fixes (a 2.10-only step of a lesson that runs under 3)
  if (!readsImportErrors(l)) {
    const fixed = l.steps.flatMap((st) => (st.setup?.reset && st.setup.profile && st.setup.profile !== profile ? [st.setup.profile] : []));
    for (const p of [profile, ...new Set(fixed)]) {
      const opts = { profile: p, default_timezone: defaultTimezone(resolveConfig(p, l.config ?? {})), now_ms: parseInstant(l.start) ?? 0 };
      const under = p === profile ? '' : ` under ${profileName(p)} (a step's "profile")`;
      for (const [path, src] of Object.entries(loaded.files)) {
        for (const e of parseDagFile(path.replace(/^.*\//, ''), src, opts).errors) out.push(`${tag}: ${path}:${e.line}:${e.column} does not load${under}: ${e.message}`);
      }
    }
  }

  // sql.js is loaded before any input that mentions SQL, as the app's worker does (src/worker/warehouse.ts)
  const steps = JSON.stringify(l.steps);
  if (Object.values(loaded.files).some(sourceNeedsWarehouse) || /"do":"sql"|"sql":|sim sql/.test(steps)) await loadWarehouse();
  const s = new SimSession();
  let loadedStart;
  try {
    loadedStart = s.load(startWorkspace(loaded, profile));
  } catch (e) {
    return [...out, `${tag}: ${(e as Error).message}`];
  }
  if (!loadedStart.ok) return [...out, `${tag}: the lesson start does not load: ${loadedStart.error}`];

  if (!firstStepReadsImportErrors(l)) {
    const errors = s.query({ values: { table: 'import_error', column: 'stacktrace' } });
    const files = s.query({ values: { table: 'import_error', column: 'filename' } });
    if (errors.ok && files.ok && Array.isArray(errors.value) && errors.value.length) {
      (errors.value as string[]).forEach((msg, i) => out.push(`${tag}: at the lesson start ${(files.value as string[])[i]} has an import error: ${msg.split('\n')[0]}`));
    }
  }

  for (let i = 0; i < l.steps.length; i++) {
    const step = l.steps[i]!;
    const label = `${tag} step "${step.id}" (${i + 1} of ${l.steps.length})`;
    const entered = await enterStep(s, loaded, i, profile);
    if (!entered.ok) return [...out, `${label}: ${entered.error}`];
    if (step.goal) {
      const v = s.evaluate(step.goal);
      if (!v.ok) return [...out, `${label}: the goal cannot be checked: ${v.error}`];
      if (v.value.holds && !step.goalMayHoldAtStart) {
        out.push(`${label}: the goal already holds when the step starts, before the learner does anything (if that is meant, add "goalMayHoldAtStart": true):\n${v.value.detail}`);
      }
    }
    if (step.solution) {
      const r = await playActions(s, loaded, step.solution);
      if (!r.ok) return [...out, `${label}: solution action ${r.index + 1} ${JSON.stringify(step.solution[r.index])} failed: ${r.error}`];
    }
    if (step.goal) {
      const v = s.evaluate(step.goal);
      if (!v.ok) return [...out, `${label}: the goal cannot be checked: ${v.error}`];
      if (!v.value.holds) return [...out, `${label}: the goal does not hold after the solution (clock ${s.clock().ok ? (s.clock() as { value: string }).value : '?'}):\n${v.value.detail}`];
    }
    if (step.predict) {
      const p = step.predict;
      // per-profile answers are keyed by the profile the step runs under (a reset step may fix it)
      const expected = typeof p.answer === 'object' && p.answer !== null ? p.answer[profileAt(l, i, profile)] : p.answer;
      const t = s.query(p.truth);
      if (!t.ok) out.push(`${label}: predict.truth cannot be read: ${t.error}`);
      else if (t.value !== expected) {
        out.push(`${label}: predict: the engine's truth (${describeQuery(p.truth)}) is ${JSON.stringify(t.value)}, but "answer" says ${JSON.stringify(expected)}`);
      } else if (p.choices && !p.choices.some((c) => c.value === t.value)) {
        out.push(`${label}: predict: the truth ${JSON.stringify(t.value)} is not one of the choices' values (${p.choices.map((c) => JSON.stringify(c.value)).join(', ')})`);
      }
    }
  }
  return out;
}
