// The lesson builder: a teacher plays a scenario in the sandbox, then turns it into a lesson
// folder (lessons/NN-slug/, see lessons/README.md and src/app/lessons/types.ts) to edit and
// share. The recorded actions become the steps' solutions, in replay order: actions at the same
// virtual instant form one step, preceded by an `until` to that instant (the state "at T" is
// every event at or before T, then the actions at T: src/worker/playback.ts), so replaying the
// lesson lands on the same state. Goals and explanations are left as TODO text for the teacher
// (the steps are reading steps until a goal is added, so the folder is valid as it is).
// Pure: no DOM; the dialog zips what this returns.
import { strToU8, zipSync } from 'fflate';
import type { Lesson, LessonAction, LessonStep } from '../lessons/types.ts';
import { isoZ } from '../../engine/time.ts';
import { readWorkspace, type Action } from '../../worker/workspace.ts';

export interface BuildOptions {
  /** the folder name, "NN-slug" */
  id?: string;
  title?: string;
}

export interface BuiltLesson {
  lesson: Lesson;
  /** path inside the lesson folder -> text: lesson.json, en.md, ko.md, dags/*.py, solutions/*.py */
  files: Record<string, string>;
}

const when = (ms: number) => isoZ(ms).replace('T', ' ').replace(/Z$/, ' UTC');

/** A folder name the catalog orders after the course's lessons ("90-my-demo"). */
export function lessonId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `90-${slug || 'my-lesson'}`;
}

/** A file name that is safe as one path segment in the folder ("sub/x.py" -> "sub_x.py"). */
const flat = (name: string) => name.replace(/[\\/]+/g, '_');

/**
 * Build the lesson folder of a workspace (the store's or the session's shape). Only the actions
 * at or before the clock count: those after it were undone by going back in time.
 */
export function buildLesson(workspace: unknown, opts: BuildOptions = {}): BuiltLesson {
  const setup = readWorkspace(workspace); // throws WorkspaceError with the reason
  const name = typeof (workspace as { name?: unknown }).name === 'string' ? ((workspace as { name: string }).name as string) : 'My lesson';
  const title = opts.title?.trim() || name;
  const id = opts.id?.trim() || lessonId(title);
  const files: Record<string, string> = {};
  for (const [file, source] of Object.entries(setup.files)) files[`dags/${file}`] = source;

  // consecutive actions at one instant: one step
  const groups: Action[][] = [];
  for (const a of setup.actions.filter((x) => x.at <= setup.clock)) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.at === a.at) last.push(a);
    else groups.push([a]);
  }

  const steps: LessonStep[] = [];
  let clock = setup.start;
  groups.forEach((group, i) => {
    const stepId = `step-${i + 1}`;
    const solution: LessonAction[] = [];
    const at = group[0]!.at;
    if (at > clock) solution.push({ do: 'until', at: isoZ(at) });
    clock = at;
    group.forEach((a, j) => {
      if (a.kind === 'command') solution.push({ do: 'command', line: a.run });
      else if (a.source === null) solution.push({ do: 'delete', path: a.name });
      else {
        const from = `solutions/${stepId}-${j + 1}-${flat(a.name)}`;
        files[from] = a.source;
        solution.push({ do: 'file', path: a.name, from });
      }
    });
    steps.push(step(stepId, solution));
  });
  if (setup.clock > clock || steps.length === 0) steps.push(step(`step-${steps.length + 1}`, setup.clock > clock ? [{ do: 'until', at: isoZ(setup.clock) }] : []));

  const lesson: Lesson = {
    id,
    title: { en: title, ko: title },
    summary: { en: 'TODO: one sentence on what the learner will see.', ko: 'TODO: 학습자가 무엇을 보게 되는지 한 문장으로 적어 주세요.' },
    profile: setup.profile,
    files: Object.keys(setup.files).map((f) => `dags/${f}`),
    ...(Object.keys(setup.config).length ? { config: setup.config } : {}),
    start: isoZ(setup.start),
    seed: setup.seed,
    minutes: Math.max(5, steps.length * 3),
    steps,
  };
  files['lesson.json'] = JSON.stringify(lesson, null, 2) + '\n';
  files['en.md'] = text(lesson, 'en');
  files['ko.md'] = text(lesson, 'ko');
  return { lesson, files };
}

function step(id: string, solution: LessonAction[]): LessonStep {
  return {
    id,
    task: { en: describe(solution, 'en'), ko: describe(solution, 'ko') },
    // no goal yet: a reading step (Next is enough) until the teacher adds "goal" and "goalText"
    ...(solution.length ? { solution } : {}),
  };
}

/** The step's instruction, from what the teacher did (a starting point to rewrite). */
function describe(actions: LessonAction[], lang: 'en' | 'ko'): string {
  const parts = actions.map((a) => {
    switch (a.do) {
      case 'command':
        return lang === 'en' ? `run \`${a.line}\`` : `\`${a.line}\` 실행`;
      case 'file':
        return lang === 'en' ? `save ${a.path}` : `${a.path} 저장`;
      case 'delete':
        return lang === 'en' ? `delete ${a.path}` : `${a.path} 삭제`;
      case 'until':
        return lang === 'en' ? `play the clock to ${when(Date.parse(a.at))}` : `시계를 ${when(Date.parse(a.at))}까지 진행`;
      default:
        return a.do;
    }
  });
  if (!parts.length) return lang === 'en' ? 'Look at the DAGs.' : 'DAG를 살펴보세요.';
  const s = parts.join(lang === 'en' ? ', then ' : ' → ');
  return lang === 'en' ? s[0]!.toUpperCase() + s.slice(1) + '.' : s;
}

/** en.md / ko.md skeletons: the title, an intro, and a section (and an after-section) per step. */
function text(lesson: Lesson, lang: 'en' | 'ko'): string {
  const todo =
    lang === 'en'
      ? {
          intro: 'TODO: what this lesson teaches, and what the learner should know first.',
          body: 'TODO: explain this step.',
          goal: 'TODO goal: what the learner should reach. In lesson.json, add "goal" (what the engine checks) and "goalText" to this step.',
          after: 'TODO: what happened, and what to notice.',
        }
      : {
          intro: 'TODO: 이 레슨에서 배우는 내용과 미리 알아야 할 것을 적어 주세요.',
          body: 'TODO: 이 단계를 설명해 주세요.',
          goal: 'TODO 목표: 학습자가 도달할 상태. lesson.json의 이 단계에 "goal"(엔진이 확인할 조건)과 "goalText"를 추가하세요.',
          after: 'TODO: 무슨 일이 일어났는지, 무엇을 눈여겨봐야 하는지 적어 주세요.',
        };
  const out = [`# ${lesson.title[lang]}`, '', todo.intro, ''];
  for (const s of lesson.steps) {
    out.push(`<!-- step: ${s.id} -->`, '', `${todo.body} (${s.task[lang]})`, '', todo.goal, '', `<!-- after: ${s.id} -->`, '', todo.after, '');
  }
  return out.join('\n');
}

/** The lesson folder as a .zip (one top-level folder named after the lesson id). */
export function lessonZip(built: BuiltLesson): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(built.files)) entries[`${built.lesson.id}/${path}`] = strToU8(content);
  return zipSync(entries, { level: 9 });
}
