// The headless check of the course: every folder under lessons/ is a lesson whose lesson.json is
// valid, whose en.md and ko.md have a section for every step, and which replays step by step on
// the real engine (under alsoProfile too): no goal holds before its step's solution (unless the
// step says it may), every goal holds after it, every prediction's truth is its answer.
// One lesson: npx vitest run src/app/lessons/lessons.test.ts -t "01-dags"
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonCatalog } from './catalog.ts';
import { checkReplay, checkText, lessonProfiles } from './checkLesson.ts';

const root = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const ids = lessonCatalog.ids();
const report = (errs: string[]) => `\n\n${errs.join('\n\n')}\n`;

describe('the lessons folder', () => {
  it('every folder under lessons/ is a lesson with lesson.json, en.md and ko.md', () => {
    const errs = folders.flatMap((f) => {
      if (!/^\d{2}-[a-z0-9-]+$/.test(f)) return [`lessons/${f}: a lesson folder is named NN-slug, like "01-dags-and-tasks"`];
      if (!ids.includes(f)) return [`lessons/${f}: has no lesson.json (a lesson folder has lesson.json, en.md, ko.md and dags/)`];
      const files = lessonCatalog.folderFiles(f);
      return ['en.md', 'ko.md'].filter((x) => !files.includes(x)).map((x) => `lessons/${f}: has no ${x}`);
    });
    expect(errs, report(errs)).toEqual([]);
  });
});

for (const id of ids) {
  describe(id, () => {
    it('lesson.json is valid', () => {
      const errs = lessonCatalog.problems(id);
      expect(errs, report(errs)).toEqual([]);
    });

    it('en.md and ko.md have a title, an intro and a section for every step', async () => {
      const errs = await checkText(lessonCatalog, id);
      expect(errs, report(errs)).toEqual([]);
    });

    const profiles = lessonProfiles(lessonCatalog.raw(id));
    for (const profile of profiles.length ? profiles : (['3'] as const)) {
      it(`replays every step under Airflow ${profile === '2' ? '2.10' : '3'}`, async () => {
        const invalid = lessonCatalog.problems(id);
        if (invalid.length) expect.fail(`${id}: lesson.json has authoring errors, so it cannot be replayed (see "lesson.json is valid")`);
        const errs = await checkReplay(await lessonCatalog.loadLesson(id), profile);
        expect(errs, report(errs)).toEqual([]);
      }, 300_000);
    }
  });
}
