// validateLesson: every field of lesson.json checked, each message naming the lesson, the step and
// the field, so a teacher can fix a lesson from the message alone.
import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from './fixtures/index.ts';
import { validateLesson } from './validate.ts';

const ID = '00-fixture';
const files = fixtureCatalog.folderFiles(ID);
const good = () => structuredClone(fixtureCatalog.raw(ID)) as Record<string, any>;
const problems = (edit: (l: Record<string, any>) => void, folder = ID) => {
  const l = good();
  edit(l);
  return validateLesson(l, files, folder);
};

describe('validateLesson', () => {
  it('accepts the fixture lesson', () => {
    expect(files).toEqual(['lesson.json', 'dags/etl.py', 'en.md', 'ko.md', 'solutions/other.py']);
    expect(validateLesson(good(), files, ID)).toEqual([]);
  });

  it('refuses what is not a lesson', () => {
    expect(validateLesson([], files, ID)).toEqual(['00-fixture: lesson.json must be an object, not []']);
  });

  it('checks the lesson fields', () => {
    expect(
      problems((l) => {
        l.id = '00-other';
        l.title = { en: 'T' };
        l.profile = 3;
        l.alsoProfile = '3';
        l.minutes = 0;
        l.start = '2024-06-03 12:00';
        l.colour = 'blue';
      }),
    ).toEqual([
      '00-fixture: colour: unknown field (lesson.json has id, title, summary, profile, alsoProfile, files, config, start, seed, minutes, steps)',
      '00-fixture: id: is "00-other" but the folder is "00-fixture"',
      '00-fixture: title.ko: missing or empty',
      '00-fixture: profile: "2" (Airflow 2.10) or "3" (Airflow 3.x), as text, not 3',
      '00-fixture: minutes: a number of minutes > 0, not 0',
      '00-fixture: start: an ISO 8601 time in UTC with Z, like "2024-06-03T09:00:00Z", not "2024-06-03 12:00"',
      // with profile broken, the lesson runs under alsoProfile only
      '00-fixture: step "unpause".predict.answer.2: the lesson does not run under profile "2" (it runs under 3)',
    ]);
  });

  it('checks files against the folder, and finds a DAG file nothing uses', () => {
    expect(problems((l) => (l.files = ['dags/etl.py', 'dags/missing.py', 'etl.py']))).toEqual([
      '00-fixture: files[1]: dags/missing.py is not in the lesson folder (dags/ has dags/etl.py)',
      '00-fixture: files[2]: a .py file directly in the lesson\'s dags/ folder, like "dags/etl.py", not "etl.py"',
    ]);
    expect(problems((l) => (l.files = []))).toEqual(['00-fixture: dags/etl.py: is in the lesson folder but neither in "files" nor the "from" of a file action']);
  });

  it('checks config as the engine does, under both profiles', () => {
    expect(problems((l) => (l.config = { 'core.executor': 'SequentialExecutor', 'core.nope': 1 }))).toEqual([
      expect.stringMatching(/^00-fixture: lesson.json under Airflow 3: config: unknown key "core.nope" for Airflow 3/),
      expect.stringMatching(/^00-fixture: lesson.json under Airflow 2.10: config: unknown key "core.nope" for Airflow 2/),
    ]);
  });

  it('refuses an executor the engine refuses: unknown, or SequentialExecutor under Airflow 3', () => {
    expect(problems((l) => (l.config = { 'core.executor': 'DaskExecutor' }))).toEqual([
      '00-fixture: lesson.json under Airflow 3: core.executor: unknown executor "DaskExecutor" (choose from SequentialExecutor, LocalExecutor, CeleryExecutor)',
      '00-fixture: lesson.json under Airflow 2.10: core.executor: unknown executor "DaskExecutor" (choose from SequentialExecutor, LocalExecutor, CeleryExecutor)',
    ]);
    // SequentialExecutor was removed in Airflow 3.0; 2.10 still has it
    expect(problems((l) => (l.config = { 'core.executor': 'SequentialExecutor' }))).toEqual([
      '00-fixture: lesson.json under Airflow 3: core.executor: SequentialExecutor was removed in Airflow 3; give this step "profile": "2" (with "reset": true), or use LocalExecutor or CeleryExecutor',
    ]);
  });

  it('checks a step\'s own config and profile: only on a reset, merged with the lesson\'s, under the profiles the step runs', () => {
    // step "fresh" (index 4) resets; step "finish" (index 1) goes on from the learner's state
    expect(problems((l) => Object.assign(l.steps[4].setup, { profile: '2', config: { 'core.executor': 'SequentialExecutor' } }))).toEqual([]);
    expect(problems((l) => Object.assign(l.steps[4].setup, { config: { 'core.executor': 'SequentialExecutor' } }))).toEqual([
      '00-fixture: step "fresh".setup.config under Airflow 3: core.executor: SequentialExecutor was removed in Airflow 3; give this step "profile": "2" (with "reset": true), or use LocalExecutor or CeleryExecutor',
    ]);
    expect(problems((l) => Object.assign(l.steps[4].setup, { config: { 'core.nope': 1 }, profile: 2 }))).toEqual([
      '00-fixture: step "fresh".setup.profile: "2" (Airflow 2.10) or "3" (Airflow 3.x), as text, not 2',
      expect.stringMatching(/^00-fixture: step "fresh".setup.config under Airflow 3: config: unknown key "core.nope" for Airflow 3/),
      expect.stringMatching(/^00-fixture: step "fresh".setup.config under Airflow 2.10: config: unknown key "core.nope" for Airflow 2/),
    ]);
    // the engine's own words for a wrong type
    expect(problems((l) => Object.assign(l.steps[4].setup, { config: { 'core.parallelism': 'four' } }))).toEqual([
      '00-fixture: step "fresh".setup.config under Airflow 3: config "core.parallelism" must be a number (default 32), not "four"',
      '00-fixture: step "fresh".setup.config under Airflow 2.10: config "core.parallelism" must be a number (default 32), not "four"',
    ]);
    expect(problems((l) => (l.steps[1].setup = { config: { 'core.parallelism': 4 }, profile: '2', actions: [] }))).toEqual([
      '00-fixture: step "finish".setup.config: needs "reset": true: the engine\'s config is fixed once a simulation starts, so only a step that starts from a clean slate can change it',
      '00-fixture: step "finish".setup.profile: needs "reset": true: the engine\'s profile is fixed once a simulation starts, so only a step that starts from a clean slate can change it',
    ]);
    expect(problems((l) => Object.assign(l.steps[4].setup, { config: 'sequential', executor: 'x' }))).toEqual([
      '00-fixture: step "fresh".setup.executor: unknown field (setup has reset, config, profile, actions)',
      '00-fixture: step "fresh".setup.config: an object of "section.key": value over the lesson\'s config, like {"core.executor": "SequentialExecutor"}, not "sequential"',
    ]);
  });

  it('keys per-profile answers by the profile a step runs under: the one its reset fixes, until the next reset', () => {
    const predict = (answer: unknown) => ({ question: { en: 'q', ko: 'q' }, truth: { count: { table: 'dag' } }, answer });
    expect(
      problems((l) => {
        l.steps[4].setup.profile = '2';
        l.steps[4].predict = predict({ '2': 1, '3': 1 });
        l.steps[5].predict = predict({ '3': 1 });
      }),
    ).toEqual([
      '00-fixture: step "fresh".predict.answer.3: the step does not run under profile "3" (this step runs only under profile 2, as its reset step\'s "profile" says)',
      '00-fixture: step "read".predict.answer.3: the step does not run under profile "3" (this step runs only under profile 2, as its reset step\'s "profile" says)',
      '00-fixture: step "read".predict.answer: per-profile answers need one for profile "2"',
    ]);
    expect(problems((l) => ((l.steps[4].setup.profile = '2'), (l.steps[5].predict = predict({ '2': 1 }))))).toEqual([]);
  });

  it('checks steps: ids, unknown fields, views, goals, goal text and solutions', () => {
    expect(
      problems((l) => {
        l.steps[1].id = 'unpause';
        l.steps[0].soluton = [];
        l.steps[0].views = ['dags', 'gird'];
        l.steps[0].goal = { query: { count: { table: 'dag_run', where: { state: { equal: 'success' } } } }, is: 1 };
        delete l.steps[2].goalText;
        delete l.steps[4].solution;
        l.steps[5].goalText = { en: 'x', ko: 'y' };
      }),
    ).toEqual([
      '00-fixture: step "unpause".soluton: unknown field (a step has id, task, setup, predict, goal, goalText, hints, solution, views, goalMayHoldAtStart)',
      '00-fixture: step "unpause": goal.query.count.where.state: unknown comparison "equal" (use eq, ne, in, gt, gte, lt, lte, contains, matches)',
      '00-fixture: step "unpause".views[1]: unknown view "gird" (views: dags, grid, graph, gantt, timeline, architecture, metastore, code, warehouse, compare)',
      '00-fixture: step "unpause".id: another step already has the id "unpause"',
      '00-fixture: step "edit".goalText: missing: the goal in words, in en and ko, for the checklist',
      '00-fixture: step "fresh".solution: a step with a goal needs a solution (Solve plays it, and npm test checks it reaches the goal)',
      '00-fixture: step "read".goalText: says what the goal is, but the step has no goal',
    ]);
  });

  it('checks every action kind', () => {
    expect(
      problems((l) => {
        l.steps[2].solution = [
          { do: 'command', line: 'dags unpause etl' },
          { do: 'file', path: 'dags/other.py', from: 'solutions/nope.py' },
          { do: 'edit', path: 'etl.py', find: '' },
          { do: 'until', at: '2024-06-04' },
          { do: 'advance', by: 'P1M' },
          { do: 'advance', by: '1h' },
          { do: 'next', kind: 'run' },
          { do: 'sleep' },
          { do: 'delete', path: 'etl.py', from: 'x' },
        ];
      }),
    ).toEqual([
      '00-fixture: step "edit".solution[0].line: a CLI line starting with "airflow " (or "sim "), not "dags unpause etl"',
      '00-fixture: step "edit".solution[1].path: a file name in the workspace, like "etl.py" (no folder), not "dags/other.py"',
      '00-fixture: step "edit".solution[1].from: a file of the lesson folder (dags/etl.py, solutions/other.py), not "solutions/nope.py"',
      '00-fixture: step "edit".solution[2].find: the text to replace (its first occurrence), not ""',
      '00-fixture: step "edit".solution[2].replace: the new text, not undefined',
      '00-fixture: step "edit".solution[3].at: an ISO 8601 time in UTC with Z, like "2024-06-05T00:00:00Z", not "2024-06-04"',
      '00-fixture: step "edit".solution[4].by: an ISO 8601 duration like "PT30M", "PT1H" or "P3D" ("P1M": years and months have no fixed length; write days, like "P30D"), not "P1M"',
      '00-fixture: step "edit".solution[5].by: an ISO 8601 duration like "PT30M", "PT1H" or "P3D" ("1h" is not an ISO 8601 duration such as "PT30M", "PT1H", "P3D" or "P1W"), not "1h"',
      '00-fixture: step "edit".solution[6].kind: one of run_created, failure, scheduler_loop, not "run"',
      '00-fixture: step "edit".solution[7]: "do" must be one of command, file, edit, delete, until, advance, next, sql, in {"do":"sleep"}',
      '00-fixture: step "edit".solution[8]: unknown field "from" for "delete" (it has path)',
    ]);
  });

  it('checks predictions: choices, per-profile answers, the truth query', () => {
    expect(
      problems((l) => {
        const p = l.steps[0].predict;
        p.answer = { '3': 3, '4': 1 };
        p.truth = { count: { table: 'dag_run' }, column: 'x' };
      }),
    ).toEqual([
      '00-fixture: step "unpause": predict.truth: unknown key "column" (allowed: count)',
      '00-fixture: step "unpause".predict.answer.4: the lesson does not run under profile "4" (it runs under 3 and 2)',
      '00-fixture: step "unpause".predict.answer: per-profile answers need one for profile "2"',
      '00-fixture: step "unpause".predict.answer.3: 3 is not one of the choices\' values (1, 2)',
    ]);
  });
});
