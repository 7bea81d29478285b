// Checks a lesson.json against the lesson format (types.ts) before anything runs: every field,
// with messages that name the lesson, the step and the field, so a teacher finds a mistake from
// the message alone. Whether goals hold and solutions reach them is lessons.test.ts's job.
import { predicateProblems, queryProblems } from '../../engine/goals/shape.ts';
import { EXECUTORS, executorProblem } from '../../engine/config.ts';
import { readScenario, ScenarioError } from '../../engine/scenario.ts';
import { parseDuration } from './player.ts';

const VIEWS = ['dags', 'grid', 'graph', 'gantt', 'timeline', 'architecture', 'metastore', 'code', 'warehouse', 'compare'];
const NEXT_KINDS = ['run_created', 'failure', 'scheduler_loop'];
const ACTION_KEYS: Record<string, string[]> = {
  command: ['line', 'exit'],
  file: ['path', 'from'],
  edit: ['path', 'find', 'replace'],
  delete: ['path'],
  until: ['at'],
  advance: ['by'],
  next: ['kind'],
  sql: ['statement'],
};
const LESSON_KEYS = ['id', 'title', 'summary', 'profile', 'alsoProfile', 'files', 'config', 'start', 'seed', 'minutes', 'steps'];
const SETUP_KEYS = ['reset', 'config', 'profile', 'actions'];
const STEP_KEYS = ['id', 'task', 'setup', 'predict', 'goal', 'goalText', 'hints', 'solution', 'views', 'goalMayHoldAtStart'];
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * Authoring errors of a lesson.json, [] when fine. `folderFiles` are the paths in the lesson's folder
 * ("en.md", "dags/etl.py", "solutions/etl_fixed.py"); `folder` (the folder's name) is what `id` must be.
 */
export function validateLesson(raw: unknown, folderFiles: string[], folder?: string): string[] {
  const name = folder ?? (isObj(raw) && typeof raw.id === 'string' ? raw.id : 'lesson');
  const out: string[] = [];
  const at = (where: string, msg: string) => out.push(`${name}: ${where}: ${msg}`);
  if (!isObj(raw)) return [`${name}: lesson.json must be an object, not ${show(raw)}`];
  for (const k of Object.keys(raw)) if (!LESSON_KEYS.includes(k)) at(k, `unknown field (lesson.json has ${LESSON_KEYS.join(', ')})`);

  if (!text(raw.id) || !/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/.test(raw.id as string)) at('id', `must be the folder name, two digits and a slug like "01-dags-and-tasks", not ${show(raw.id)}`);
  else if (folder && raw.id !== folder) at('id', `is ${show(raw.id)} but the folder is "${folder}"`);
  i18n(raw.title, 'title', at);
  i18n(raw.summary, 'summary', at);
  if (raw.profile !== '2' && raw.profile !== '3') at('profile', `"2" (Airflow 2.10) or "3" (Airflow 3.x), as text, not ${show(raw.profile)}`);
  if (raw.alsoProfile !== undefined && (raw.alsoProfile !== '2' && raw.alsoProfile !== '3' || raw.alsoProfile === raw.profile)) {
    at('alsoProfile', `the other profile ("2" or "3", not the lesson's own), not ${show(raw.alsoProfile)}`);
  }
  if (typeof raw.minutes !== 'number' || !(raw.minutes > 0)) at('minutes', `a number of minutes > 0, not ${show(raw.minutes)}`);
  if (raw.seed !== undefined && (!Number.isInteger(raw.seed) || (raw.seed as number) < 0)) at('seed', `a whole number >= 0, not ${show(raw.seed)}`);
  if (typeof raw.start !== 'string' || !ISO_Z.test(raw.start)) at('start', `an ISO 8601 time in UTC with Z, like "2024-06-03T09:00:00Z", not ${show(raw.start)}`);

  const workspaceFiles = new Set<string>();
  if (!Array.isArray(raw.files)) at('files', 'a list of DAG files in dags/, like ["dags/etl.py"]');
  else {
    raw.files.forEach((f, i) => {
      const where = `files[${i}]`;
      if (typeof f !== 'string' || !/^dags\/[^/]+\.py$/.test(f)) at(where, `a .py file directly in the lesson's dags/ folder, like "dags/etl.py", not ${show(f)}`);
      else if (!folderFiles.includes(f)) at(where, `${f} is not in the lesson folder (dags/ has ${names(folderFiles.filter((x) => x.startsWith('dags/')))})`);
      else if (workspaceFiles.has(f.slice(5))) at(where, `${f} is listed twice`);
      else workspaceFiles.add(f.slice(5));
    });
  }

  // config (and start, seed) as the engine reads them, under each profile the lesson runs
  const lessonProfiles = [raw.profile, raw.alsoProfile].filter((p): p is '2' | '3' => p === '2' || p === '3');
  const engine = (config: unknown, profiles: ('2' | '3')[]) => engineProblems(raw, config, profiles);
  if (raw.config !== undefined && !isObj(raw.config)) at('config', `an object of "section.key": value, not ${show(raw.config)}`);
  else for (const [profile, msg] of engine(raw.config ?? {}, lessonProfiles)) at(`lesson.json under ${profileName(profile)}`, msg);

  if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
    at('steps', 'a non-empty list of steps');
    return out;
  }
  const ids = new Set<string>();
  let runsUnder = lessonProfiles;
  let fixed = false;
  raw.steps.forEach((s, i) => {
    const label = isObj(s) && text(s.id) ? `step "${s.id}"` : `steps[${i}]`;
    const report: Report = (where, msg) => at(where ? `${label}.${where}` : label, msg);
    // a reset with its own profile fixes the profile of the steps until the next reset
    const setup = isObj(s) && isObj(s.setup) ? s.setup : undefined;
    if (setup?.reset === true) {
      fixed = setup.profile === '2' || setup.profile === '3';
      runsUnder = fixed ? [setup.profile as '2' | '3'] : lessonProfiles;
    }
    step(s, label, ids, folderFiles, runsUnder, fixed, report);
    // a reset with its own config or profile starts from another engine set-up: check that one too
    if (setup?.reset === true && (setup.config !== undefined || setup.profile !== undefined) && (setup.config === undefined || isObj(setup.config))) {
      const config = { ...(isObj(raw.config) ? raw.config : {}), ...(setup.config ?? {}) };
      for (const [profile, msg] of engine(config, runsUnder)) report(`setup.config under ${profileName(profile)}`, msg);
    }
  });
  // a DAG file nobody uses is usually a typo in "files" or in a "from"
  const froms = raw.steps.flatMap((st) => (isObj(st) ? [...arr(isObj(st.setup) ? st.setup.actions : []), ...arr(st.solution)] : [])).map((x) => (isObj(x) ? x.from : undefined));
  const used = new Set<unknown>([...arr(raw.files), ...froms]);
  for (const f of folderFiles) if (/^(dags|solutions)\/.*\.py$/.test(f) && !used.has(f)) at(f, 'is in the lesson folder but neither in "files" nor the "from" of a file action');
  return out;
}

type Report = (where: string, msg: string) => void;
const profileName = (p: '2' | '3') => (p === '2' ? 'Airflow 2.10' : 'Airflow 3');

/** A config as the engine takes it under each profile: the scenario reader's checks (keys, types),
 *  then the engine's executor rule (config.ts executorProblem, which the Simulation applies). */
function engineProblems(raw: Record<string, unknown>, config: unknown, profiles: ('2' | '3')[]): ['2' | '3', string][] {
  const out: ['2' | '3', string][] = [];
  const start = typeof raw.start === 'string' && ISO_Z.test(raw.start) ? raw.start : '2024-01-01T00:00:00Z';
  for (const profile of profiles) {
    try {
      const read = readScenario({ airflow: profile, files: {}, config, start, until: start, seed: Number.isInteger(raw.seed) ? raw.seed : 1 });
      const ex = read.config['core.executor'];
      const problem = executorProblem(profile, ex);
      if (problem === 'unknown') out.push([profile, `core.executor: unknown executor ${show(ex)} (choose from ${EXECUTORS.join(', ')})`]);
      else if (problem === 'removed') out.push([profile, 'core.executor: SequentialExecutor was removed in Airflow 3; give this step "profile": "2" (with "reset": true), or use LocalExecutor or CeleryExecutor']);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      out.push([profile, e.message]);
    }
  }
  return out;
}

/** `runsUnder`: the profiles this step runs under (the lesson's, or the one its reset step fixes). */
function step(s: unknown, label: string, ids: Set<string>, folderFiles: string[], runsUnder: ('2' | '3')[], fixed: boolean, at: Report): void {
  if (!isObj(s)) return at('', `a step must be an object, not ${show(s)}`);
  for (const k of Object.keys(s)) if (!STEP_KEYS.includes(k)) at(k, `unknown field (a step has ${STEP_KEYS.join(', ')})`);
  if (!text(s.id) || !/^[a-z0-9][a-z0-9_-]*$/.test(s.id as string)) at('id', `lowercase letters, digits, - and _, like "unpause", not ${show(s.id)}`);
  else if (ids.has(s.id as string)) at('id', `another step already has the id "${s.id}"`);
  else ids.add(s.id as string);
  i18n(s.task, 'task', at);
  if (s.setup !== undefined) {
    if (!isObj(s.setup)) at('setup', `{"reset": true, "actions": [...]}, not ${show(s.setup)}`);
    else {
      for (const k of Object.keys(s.setup)) if (!SETUP_KEYS.includes(k)) at(`setup.${k}`, `unknown field (setup has ${SETUP_KEYS.join(', ')})`);
      if (s.setup.reset !== undefined && typeof s.setup.reset !== 'boolean') at('setup.reset', `true or false, not ${show(s.setup.reset)}`);
      // the engine's config is fixed for a session's life: only a clean slate can start with another
      for (const k of ['config', 'profile']) {
        if (s.setup[k] !== undefined && s.setup.reset !== true) at(`setup.${k}`, `needs "reset": true: the engine's ${k} is fixed once a simulation starts, so only a step that starts from a clean slate can change it`);
      }
      if (s.setup.config !== undefined && !isObj(s.setup.config)) at('setup.config', `an object of "section.key": value over the lesson's config, like {"core.executor": "SequentialExecutor"}, not ${show(s.setup.config)}`);
      if (s.setup.profile !== undefined && s.setup.profile !== '2' && s.setup.profile !== '3') at('setup.profile', `"2" (Airflow 2.10) or "3" (Airflow 3.x), as text, not ${show(s.setup.profile)}`);
      actions(s.setup.actions, 'setup.actions', folderFiles, at);
    }
  }
  if (s.solution !== undefined) actions(s.solution, 'solution', folderFiles, at);
  if (s.goal !== undefined) for (const p of predicateProblems(s.goal, 'goal')) at('', p);
  if (s.goal !== undefined && s.solution === undefined) at('solution', 'a step with a goal needs a solution (Solve plays it, and npm test checks it reaches the goal)');
  if (s.goal === undefined && s.goalText !== undefined) at('goalText', 'says what the goal is, but the step has no goal');
  if (s.goal !== undefined && s.goalText === undefined) at('goalText', 'missing: the goal in words, in en and ko, for the checklist');
  if (s.goalText !== undefined) i18n(s.goalText, 'goalText', at);
  if (s.goalMayHoldAtStart !== undefined && typeof s.goalMayHoldAtStart !== 'boolean') at('goalMayHoldAtStart', `true or false, not ${show(s.goalMayHoldAtStart)}`);
  if (s.hints !== undefined) {
    if (!Array.isArray(s.hints)) at('hints', 'a list of {"en": ..., "ko": ...}');
    else s.hints.forEach((h, i) => i18n(h, `hints[${i}]`, at));
  }
  if (s.views !== undefined) {
    if (!Array.isArray(s.views)) at('views', `a list of views (${VIEWS.join(', ')})`);
    else s.views.forEach((v, i) => VIEWS.includes(v as string) || at(`views[${i}]`, `unknown view ${show(v)} (views: ${VIEWS.join(', ')})`));
  }
  if (s.predict !== undefined) predict(s.predict, runsUnder, fixed, at);
  void label;
}

function predict(p: unknown, runsUnder: ('2' | '3')[], fixed: boolean, at: Report): void {
  if (!isObj(p)) return at('predict', `{"question": ..., "truth": ..., "answer": ...}, not ${show(p)}`);
  for (const k of Object.keys(p)) if (!['question', 'choices', 'truth', 'answer'].includes(k)) at(`predict.${k}`, 'unknown field (predict has question, choices, truth, answer)');
  i18n(p.question, 'predict.question', at);
  for (const q of queryProblems(p.truth, 'predict.truth')) at('', q);
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  let values: unknown[] | null = null;
  if (p.choices !== undefined) {
    if (!Array.isArray(p.choices) || p.choices.length < 2) at('predict.choices', 'a list of at least two {"value": ..., "label": {"en": ..., "ko": ...}}');
    else {
      values = p.choices.map((c, i) => {
        if (!isObj(c) || !scalar(c.value)) at(`predict.choices[${i}]`, `needs a "value" (text or a number) and a "label", not ${show(c)}`);
        else i18n(c.label, `predict.choices[${i}].label`, at);
        return isObj(c) ? c.value : undefined;
      });
      if (new Set(values.map((v) => show(v))).size !== values.length) at('predict.choices', 'two choices have the same value');
    }
  }
  const answers: [string, unknown][] = isObj(p.answer) ? Object.entries(p.answer) : [['', p.answer]];
  if (isObj(p.answer)) {
    const need: string[] = runsUnder;
    const whose = fixed ? `this step runs only under profile ${need[0]}, as its reset step's "profile" says` : `it runs under ${need.join(' and ')}`;
    for (const k of Object.keys(p.answer)) if (!need.includes(k)) at(`predict.answer.${k}`, `the ${fixed ? 'step' : 'lesson'} does not run under profile ${show(k)} (${whose})`);
    for (const k of need) if (!(k in p.answer)) at('predict.answer', `per-profile answers need one for profile "${k}"`);
  }
  for (const [k, a] of answers) {
    const where = k ? `predict.answer.${k}` : 'predict.answer';
    if (!scalar(a)) at(where, `the expected truth, text or a number (or {"2": ..., "3": ...} per profile), not ${show(a)}`);
    else if (values && !values.some((v) => v === a)) at(where, `${show(a)} is not one of the choices' values (${values.map(show).join(', ')})`);
  }
}

function actions(list: unknown, where: string, folderFiles: string[], at: Report): void {
  if (!Array.isArray(list)) return at(where, `a list of actions like [{"do": "command", "line": "airflow dags unpause etl"}], not ${show(list)}`);
  list.forEach((a, i) => {
    const w = `${where}[${i}]`;
    if (!isObj(a) || typeof a.do !== 'string' || !(a.do in ACTION_KEYS)) return at(w, `"do" must be one of ${Object.keys(ACTION_KEYS).join(', ')}, in ${show(a)}`);
    const keys = ACTION_KEYS[a.do]!;
    for (const k of Object.keys(a)) if (k !== 'do' && !keys.includes(k)) at(w, `unknown field "${k}" for "${a.do}" (it has ${keys.join(', ')})`);
    const need = (k: string, ok: boolean, what: string) => ok || at(`${w}.${k}`, `${what}, not ${show(a[k])}`);
    switch (a.do) {
      case 'command':
        need('line', text(a.line) && /^(airflow|sim)\s/.test(a.line as string), 'a CLI line starting with "airflow " (or "sim ")');
        if (a.exit !== undefined) need('exit', Number.isInteger(a.exit), 'the exit code the command must end with (a whole number)');
        break;
      case 'file':
        need('path', workspaceName(a.path), 'a file name in the workspace, like "etl.py" (no folder)');
        need('from', typeof a.from === 'string' && folderFiles.includes(a.from), `a file of the lesson folder (${names(folderFiles.filter((f) => f.endsWith('.py')))})`);
        break;
      case 'edit':
        need('path', workspaceName(a.path), 'a file name in the workspace, like "etl.py" (no folder)');
        need('find', text(a.find), 'the text to replace (its first occurrence)');
        need('replace', typeof a.replace === 'string', 'the new text');
        break;
      case 'delete':
        need('path', workspaceName(a.path), 'a file name in the workspace, like "etl.py" (no folder)');
        break;
      case 'until':
        need('at', typeof a.at === 'string' && ISO_Z.test(a.at), 'an ISO 8601 time in UTC with Z, like "2024-06-05T00:00:00Z"');
        break;
      case 'advance': {
        let ok = typeof a.by === 'string';
        let why = '';
        try {
          if (ok) parseDuration(a.by as string);
        } catch (e) {
          ok = false;
          why = ` (${(e as Error).message})`;
        }
        need('by', ok, `an ISO 8601 duration like "PT30M", "PT1H" or "P3D"${why}`);
        break;
      }
      case 'next':
        need('kind', NEXT_KINDS.includes(a.kind as string), `one of ${NEXT_KINDS.join(', ')}`);
        break;
      case 'sql':
        need('statement', text(a.statement), 'an SQL statement');
        break;
    }
  });
}

const workspaceName = (p: unknown) => typeof p === 'string' && /^[^/\\]+\.py$/.test(p);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const names = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

function i18n(v: unknown, where: string, at: Report): void {
  if (!isObj(v)) return at(where, `needs {"en": "...", "ko": "..."}, not ${show(v)}`);
  for (const k of Object.keys(v)) if (k !== 'en' && k !== 'ko') at(`${where}.${k}`, 'unknown language (en and ko)');
  for (const lang of ['en', 'ko']) if (!text(v[lang])) at(`${where}.${lang}`, `missing or empty`);
}
