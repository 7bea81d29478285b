// The lesson format: what lessons/NN-slug/lesson.json holds. Text lives in en.md / ko.md beside it
// (see lessons/README.md); DAG files in lessons/NN-slug/dags/ and lessons/NN-slug/solutions/.
import type { Predicate, Query } from '../../engine/goals/types.ts';
import type { Config } from '../../engine/config.ts';

/** Text in both languages. */
export interface I18n {
  en: string;
  ko: string;
}

/** One thing the learner (or Solve, or a step's setup) does to the simulation. */
export type LessonAction =
  /** an Airflow CLI line of the lesson's profile, as typed in the Console ("airflow dags unpause etl") */
  | { do: 'command'; line: string; /** the exit code the command must end with (default 0: a failing command is a lesson error) */ exit?: number }
  /** write a DAG file: `from` is a file in the lesson folder (e.g. "solutions/etl_cycle.py") */
  | { do: 'file'; path: string; from: string }
  /** edit a DAG file in place: replace the first occurrence of `find` */
  | { do: 'edit'; path: string; find: string; replace: string }
  /** delete a DAG file */
  | { do: 'delete'; path: string }
  /** play the clock to an instant (ISO with Z) */
  | { do: 'until'; at: string }
  /** play the clock forward by an ISO 8601 duration ("PT1H", "P3D") */
  | { do: 'advance'; by: string }
  /** play to the next thing of a kind (the clock bar's buttons) */
  | { do: 'next'; kind: 'run_created' | 'failure' | 'scheduler_loop' }
  /** run the warehouse's SQL (lesson 10), as `sim sql "<statement>"` would */
  | { do: 'sql'; statement: string };

/** A question answered before the clock moves; the engine then shows the truth. */
export interface Predict {
  question: I18n;
  /** choices to pick from; omit for a free number/text answer */
  choices?: { value: string | number; label: I18n }[];
  /** how the engine finds the truth after the step's goal is reached */
  truth: Query;
  /** what the lesson author expects the truth to be; npm test fails when the engine disagrees.
   *  Per profile when the two differ (a lesson run under both: catchup's default changed in 3), keyed
   *  by the profile the step runs under (a reset with its own `profile` fixes it). */
  answer: string | number | { '2': string | number; '3': string | number };
}

export interface LessonStep {
  /** unique in the lesson; en.md and ko.md have a section `<!-- step: id -->` for it */
  id: string;
  /** short instruction shown above the controls */
  task: I18n;
  /** the state the step starts from. Omitted: the state the previous step ended in (the learner's own).
   *  With reset: the lesson's start, then these actions (a clean slate for this step). */
  setup?: {
    reset?: boolean;
    /** with reset only: engine config over the lesson's for this clean slate (and the steps after it
     *  until the next reset), e.g. {"core.executor": "SequentialExecutor"} */
    config?: Config;
    /** with reset only: the profile this clean slate runs under, whatever the learner picked
     *  (SequentialExecutor exists only in 2.10) */
    profile?: '2' | '3';
    actions: LessonAction[];
  };
  predict?: Predict;
  /** what the engine checks after each learner action; omitted: a reading step (Next is enough) */
  goal?: Predicate;
  /** the goal in words, shown as a checklist line */
  goalText?: I18n;
  hints?: I18n[];
  /** what Solve plays; must reach the goal (checked in npm test) */
  solution?: LessonAction[];
  /** views to show beside the text at this step */
  views?: ('dags' | 'grid' | 'graph' | 'gantt' | 'timeline' | 'architecture' | 'metastore' | 'code' | 'warehouse' | 'compare')[];
  /** the goal may already hold when the step starts (rare: a step that only asks to look) */
  goalMayHoldAtStart?: boolean;
}

export interface Lesson {
  /** the folder name, "01-dags-and-tasks" */
  id: string;
  title: I18n;
  summary: I18n;
  /** the profile the lesson runs under; a lesson about differences can say both (the UI offers a switch) */
  profile: '2' | '3';
  /** the other profile also works with this lesson's files and steps (checked in npm test) */
  alsoProfile?: '2' | '3';
  /** DAG files at the start, relative to the lesson folder ("dags/etl.py"). In the workspace a file is
   *  named without the "dags/" folder ("etl.py"), as in the samples; actions name workspace files. */
  files: string[];
  /** engine config overrides ("core.executor": "CeleryExecutor", ...) */
  config?: Config;
  /** the virtual clock at the start, ISO with Z */
  start: string;
  seed?: number;
  /** minutes a newcomer needs */
  minutes: number;
  steps: LessonStep[];
}
