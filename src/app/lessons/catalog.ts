// The lessons the app offers: every lessons/NN-slug/ folder with a lesson.json. The JSON is
// bundled eagerly (the list needs titles); the text and DAG files load when a lesson opens, so
// none of it is in the first view's bundle. import.meta.glob works the same in Vite and Vitest.
import { splitLessonText, type LessonText } from './text.ts';
import type { I18n, Lesson } from './types.ts';
import { validateLesson } from './validate.ts';

export type { LessonText };

export interface LessonSummary {
  id: string;
  title: I18n;
  summary: I18n;
  minutes: number;
  profile: '2' | '3';
  steps: number;
}

export interface LoadedLesson {
  lesson: Lesson;
  text: { en: LessonText; ko: LessonText };
  /** lesson-folder path ("dags/etl.py", "solutions/x.py") -> source */
  files: Record<string, string>;
}

export interface Catalog {
  /** the folders with a lesson.json, ordered by name */
  ids(): string[];
  /** the lessons that pass validation, ordered by folder name */
  lessonList(): LessonSummary[];
  loadLesson(id: string): Promise<LoadedLesson>;
  /** lesson.json as written (for the checks); undefined when it is not JSON */
  raw(id: string): unknown;
  /** the paths in the lesson's folder: "lesson.json", "en.md", "dags/etl.py", ... */
  folderFiles(id: string): string[];
  /** the lesson's text files as written, loaded on demand ("en.md" -> source) */
  readFile(id: string, path: string): Promise<string | undefined>;
  /** validateLesson's findings, [] when fine */
  problems(id: string): string[];
}

/** lesson.json that is not JSON: validation reports it (the text is read raw, so one broken file cannot break the build) */
class BadJson {
  constructor(readonly message: string) {}
}

/** A catalog over glob results: `json` eager ("<prefix>/<id>/lesson.json" -> its text, or the object), `lazy` the rest. */
export function makeCatalog(json: Record<string, unknown>, lazy: Record<string, () => Promise<unknown>>): Catalog {
  const folders = new Map<string, { prefix: string; raw: unknown; files: Map<string, () => Promise<unknown>> }>();
  for (const [key, text] of Object.entries(json)) {
    const m = /^(.*\/)([^/]+)\/lesson\.json$/.exec(key);
    let raw = text;
    if (typeof text === 'string') {
      try {
        raw = JSON.parse(text);
      } catch (e) {
        raw = new BadJson((e as Error).message);
      }
    }
    if (m) folders.set(m[2]!, { prefix: `${m[1]}${m[2]}/`, raw, files: new Map() });
  }
  for (const [key, load] of Object.entries(lazy)) {
    for (const f of folders.values()) if (key.startsWith(f.prefix)) f.files.set(key.slice(f.prefix.length), load);
  }
  const ids = [...folders.keys()].sort();
  const need = (id: string) => {
    const f = folders.get(id);
    if (!f) throw new Error(`no lesson "${id}" (lessons: ${ids.join(', ') || 'none'})`);
    return f;
  };
  const folderFiles = (id: string) => ['lesson.json', ...[...need(id).files.keys()].sort()];
  const problemCache = new Map<string, string[]>();
  const problems = (id: string) => {
    let p = problemCache.get(id);
    const raw = need(id).raw;
    if (!p) problemCache.set(id, (p = raw instanceof BadJson ? [`${id}: lesson.json is not valid JSON: ${raw.message}`] : validateLesson(raw, folderFiles(id), id)));
    return p;
  };
  const readFile = async (id: string, path: string) => {
    const load = need(id).files.get(path);
    return load ? String(await load()) : undefined;
  };

  return {
    ids: () => [...ids],
    raw: (id) => {
      const raw = need(id).raw;
      return raw instanceof BadJson ? undefined : raw;
    },
    folderFiles,
    problems,
    readFile,
    lessonList() {
      return ids.flatMap((id) => {
        const p = problems(id);
        if (p.length) {
          // a half-written lesson stays out of the list; lessons.test.ts says what is wrong
          if (import.meta.env?.DEV) console.warn(`lesson ${id} is not listed:\n${p.join('\n')}`);
          return [];
        }
        const l = need(id).raw as Lesson;
        return [{ id, title: l.title, summary: l.summary, minutes: l.minutes, profile: l.profile, steps: l.steps.length }];
      });
    },
    async loadLesson(id) {
      const p = problems(id);
      if (p.length) throw new Error(`lesson ${id} has authoring errors:\n${p.join('\n')}`);
      const lesson = structuredClone(need(id).raw) as Lesson;
      const [en, ko] = await Promise.all(['en.md', 'ko.md'].map((f) => readFile(id, f)));
      if (en === undefined || ko === undefined) throw new Error(`lesson ${id} needs both en.md and ko.md`);
      const files: Record<string, string> = {};
      for (const path of folderFiles(id)) if (/^(dags|solutions)\/[^/]+\.py$/.test(path)) files[path] = (await readFile(id, path))!;
      return { lesson, text: { en: splitLessonText(en), ko: splitLessonText(ko) }, files };
    },
  };
}

/** The course: lessons/NN-slug/ at the repository's root. */
export const lessonCatalog: Catalog = makeCatalog(
  import.meta.glob('/lessons/*/lesson.json', { eager: true, query: '?raw', import: 'default' }),
  import.meta.glob(['/lessons/*/*.md', '/lessons/*/dags/*.py', '/lessons/*/solutions/*.py'], { query: '?raw', import: 'default' }),
);

export function lessonList(): LessonSummary[] {
  return lessonCatalog.lessonList();
}

export function loadLesson(id: string): Promise<LoadedLesson> {
  return lessonCatalog.loadLesson(id);
}
