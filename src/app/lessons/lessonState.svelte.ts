// The lessons mode of the app: which lesson and step the learner is at, the step's prediction and
// goal, and the moves between steps. The lesson's workspace replaces the learner's own in the
// session while a lesson is open (never saved over it); leaving reopens the learner's own from
// the store. Progress (steps done, predictions) is saved as it happens.
import { getContext, setContext } from 'svelte';
import type { SimClient } from '../client.svelte.ts';
import { VIEWS, type ViewName } from '../client.svelte.ts';
import { i18n } from '../i18n.svelte.ts';
import type { Predicate } from '../../engine/goals/types.ts';
import type { LessonStep } from './types.ts';
import type { Workspace } from '../../store/index.ts';
import type { LessonSummary, LoadedLesson } from './catalog.ts';
import type * as Runtime from './runtime.ts';
import { clientSession } from './clientSession.ts';
import * as P from './progress.ts';

type Profile = '2' | '3';
type TruthResult = { ok: true; value: unknown } | { ok: false; error: string };
type Busy = 'opening' | 'moving' | 'solving' | null;
/** sessionStorage: the lesson this tab had open, reopened after a reload */
const OPEN_KEY = 'airflow-sim.lesson';
const CHECK_DELAY_MS = 250;

/** the course and the player, loaded when the lessons are first opened (runtime.ts) */
let rt: typeof Runtime | null = null;
const runtime = async (): Promise<typeof Runtime> => (rt ??= await import('./runtime.ts'));

export class LessonState {
  /** the Lessons mode is on (the list, or a lesson beside the views) */
  active = $state(false);
  list = $state.raw<LessonSummary[]>([]);
  progress = $state.raw<P.ProgressMap>({});
  loaded = $state.raw<LoadedLesson | null>(null);
  index = $state(0);
  profile = $state<Profile>('3');
  finished = $state(false);
  /** the step's goal was reached in this visit (a reading step: at once) */
  reached = $state(false);
  /** the learner's locked prediction for this step */
  answer = $state<P.Answer | null>(null);
  /** "Show the truth" was pressed: the engine's answer is on screen (presenter mode waits for this) */
  revealed = $state(false);
  truth = $state<unknown>(undefined);
  hintsShown = $state(0);
  /** DAG files with an import error while the goal is not reached (the step panel says so) */
  brokenFiles = $state.raw<string[]>([]);
  busy = $state<Busy>(null);
  /** the last thing to say to a screen reader (aria-live) */
  announcement = $state('');
  error = $state<string | null>(null);
  private sandboxId: string | null = null;
  /** the learner's workspace as it was when the lesson opened: reopened when the store does not
   *  hold it (a share link's workspace is never saved until the learner keeps it) */
  private sandbox: Workspace | null = null;
  /** the predict's truth queried the moment the goal was reached, shown on "Show the truth" */
  private frozenTruth: TruthResult | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** bumped by every move, so a goal check that ends after the learner left the step is dropped */
  private visit = 0;

  constructor(readonly client: SimClient) {}

  get step(): LessonStep | null {
    return this.loaded?.lesson.steps[this.index] ?? null;
  }

  /** Why the header's profile switch is off inside a lesson, or null when it is on: a lesson of one
   *  profile, or a step whose reset fixes one (SequentialExecutor exists only in 2.10). */
  get profileFixedNote(): string | null {
    const l = this.loaded?.lesson;
    if (!l) return null;
    const r = rt ? rt.resetStepOf(l, this.index) : -1; // loaded implies the runtime is
    const stepProfile = r >= 0 ? l.steps[r]!.setup!.profile : undefined;
    const v = (p: Profile) => (p === '2' ? '2.10' : '3.x');
    if (stepProfile) return i18n.t('lessons.profileFixedStep', { v: v(stepProfile) });
    return l.alsoProfile ? null : i18n.t('lessons.profileFixed', { v: v(l.profile) });
  }

  /** The predict holds the clock until it is answered. */
  get awaitingAnswer(): boolean {
    return !!this.step?.predict && this.answer === null;
  }

  doneIn(lessonId: string): string[] {
    return this.progress[lessonId]?.stepsDone ?? [];
  }

  // ---- entering and leaving ----

  async enter(): Promise<void> {
    this.active = true;
    this.list = (await runtime()).lessonList();
    await this.reloadProgress();
  }

  async reloadProgress(): Promise<void> {
    if (this.client.store) this.progress = await P.loadAllProgress(this.client.store);
  }

  /** Leave the Lessons mode: the learner's own workspace comes back. */
  async leave(): Promise<void> {
    await this.closeLesson();
    this.active = false;
  }

  /** A tab reloaded inside a lesson: open it again where the learner's progress says. */
  async resume(): Promise<void> {
    const id = globalThis.sessionStorage?.getItem(OPEN_KEY);
    if (!id) return;
    // the tab loaded a share link (#w=): that workspace opens, not the lesson over it
    if (/^#?w=/.test(globalThis.location?.hash ?? '')) {
      globalThis.sessionStorage?.removeItem(OPEN_KEY);
      return;
    }
    await this.enter();
    if (this.list.some((l) => l.id === id)) await this.openLesson(id);
  }

  async openLesson(id: string): Promise<void> {
    this.busy = 'opening';
    this.error = null;
    try {
      if (!this.loaded) {
        await this.client.flush(); // the learner's own workspace is in the store before the lesson replaces it
        this.sandboxId = this.client.workspaceId;
        this.sandbox = await this.client.snapshot();
      }
      const loaded = await (await runtime()).loadLesson(id);
      const lesson = loaded.lesson;
      this.loaded = loaded;
      this.profile = lesson.alsoProfile === this.client.profile ? lesson.alsoProfile : lesson.profile;
      this.finished = false;
      globalThis.sessionStorage?.setItem(OPEN_KEY, id);
      const ids = lesson.steps.map((s) => s.id);
      await this.goTo(P.resumeIndex(ids, this.progress[id]), 'restart');
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = null;
    }
  }

  /** Back to the list; the learner's own workspace is reopened from the store. */
  async closeLesson(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.visit++;
    globalThis.sessionStorage?.removeItem(OPEN_KEY);
    this.client.clockLock = null;
    if (!this.loaded) return;
    this.loaded = null;
    this.finished = false;
    const store = this.client.store;
    const ws = this.sandboxId && store ? await store.getWorkspace(this.sandboxId) : undefined;
    const unsaved = this.sandbox;
    this.sandbox = null;
    this.client.consoleLog = [];
    if (ws) await this.client.open(ws);
    else if (unsaved) await this.client.open(unsaved, { save: false });
    else this.client.error = i18n.t('lessons.sandboxLost');
  }

  /** The header's profile switch inside a lesson: only the lesson's own profiles; the step restarts. */
  async setProfile(p: Profile): Promise<void> {
    const lesson = this.loaded?.lesson;
    if (!lesson || (p !== lesson.profile && p !== lesson.alsoProfile) || p === this.profile || this.profileFixedNote) return;
    this.profile = p;
    await this.goTo(this.index, 'restart');
  }

  // ---- moving between steps ----

  /**
   * Arrive at step `i`: 'enter' goes on from the state the previous step ended in (its setup
   * applies); 'restart' rebuilds the step's start from the lesson's start.
   */
  async goTo(i: number, how: 'enter' | 'restart'): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const visit = ++this.visit;
    clearTimeout(this.timer);
    this.timer = undefined;
    const wasBusy = this.busy;
    this.busy = wasBusy ?? 'moving';
    this.client.clockLock = null; // a setup may move the clock
    this.client.pause(); // a clock still playing would run on under the new step's setup
    this.client.notice = null; // "goal reached, clock paused" was about the step being left
    this.error = null; // so was an error (a Solve that failed): a restart that works must not still show it
    this.index = i;
    this.finished = false;
    const step = loaded.lesson.steps[i]!;
    this.reached = !step.goal;
    this.answer = P.savedAnswer(this.progress[loaded.lesson.id], step.id);
    this.revealed = false;
    this.truth = undefined;
    this.frozenTruth = null;
    this.brokenFiles = [];
    this.hintsShown = 0;
    try {
      const s = clientSession(this.client, { echo: false, lessonId: loaded.lesson.id });
      const { enterStep, restartStep } = await runtime();
      const r = (await (how === 'enter' ? enterStep(s, loaded, i, this.profile) : restartStep(s, loaded, i, this.profile))) as unknown;
      const failed = r && typeof r === 'object' && 'ok' in r && (r as { ok: boolean }).ok === false ? (r as { error?: string }).error : null;
      if (failed) this.error = failed;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = wasBusy;
    }
    if (visit !== this.visit) return;
    const view = step.views?.find((v): v is ViewName => (VIEWS as readonly string[]).includes(v));
    if (view) this.client.view = view;
    this.lockClock();
    await this.check();
  }

  /** Next is allowed: the goal is reached and a prediction, if any, was answered (a goal that
   *  already holds at the step's start must not let the learner skip predicting). */
  get canGoOn(): boolean {
    return this.reached && !this.awaitingAnswer && !this.busy;
  }

  async next(): Promise<void> {
    const loaded = this.loaded;
    const step = this.step;
    if (!loaded || !step || !this.canGoOn) return;
    if (!step.goal) await this.markDone(step.id);
    if (this.index + 1 >= loaded.lesson.steps.length) {
      this.finished = true;
      this.client.clockLock = null;
      this.announce(i18n.t('lessons.finishedTitle'));
      return;
    }
    await this.goTo(this.index + 1, 'enter');
  }

  async previous(): Promise<void> {
    if (this.index > 0 && !this.busy) await this.goTo(this.index - 1, 'restart');
  }

  async restart(): Promise<void> {
    if (!this.busy) await this.goTo(this.index, 'restart');
  }

  // ---- inside a step ----

  /** Play the step's reference solution through the app (the Console shows each action). */
  async solve(): Promise<void> {
    const loaded = this.loaded;
    const step = this.step;
    if (!loaded || !step?.solution || this.busy || this.awaitingAnswer) return;
    this.busy = 'solving';
    try {
      const { playActions } = await runtime();
      const r = await playActions(clientSession(this.client, { echo: true, lessonId: loaded.lesson.id }), loaded, step.solution);
      if (!r.ok) this.error = i18n.t('lessons.solveFailed', { n: r.index + 1, error: r.error });
    } finally {
      this.busy = null;
    }
    await this.check();
  }

  showHint(): void {
    const n = this.step?.hints?.length ?? 0;
    if (this.hintsShown < n) this.hintsShown++;
  }

  /** Lock the learner's prediction: it cannot change, and the clock may move. */
  async answerPredict(value: P.Answer): Promise<void> {
    const loaded = this.loaded;
    const step = this.step;
    if (!loaded || !step?.predict || this.answer !== null) return;
    this.answer = value;
    this.lockClock();
    this.announce(i18n.t('lessons.predict.locked'));
    await this.save(P.withAnswer(this.progress[loaded.lesson.id], loaded.lesson.id, step.id, value));
  }

  /** "Show the truth": the engine's answer to the predict's query, once the goal is reached. */
  async reveal(): Promise<void> {
    const predict = this.step?.predict;
    if (!predict || !this.reached || this.answer === null) return;
    // the truth as it was when the goal was reached: a clock played on since must not change it
    const r = this.frozenTruth ?? ((await this.client.session.query(predict.truth)) as TruthResult);
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.truth = r.value;
    this.revealed = true;
  }

  /**
   * The simulation changed (client.version): check the goal. One check at a time, never postponed
   * by further changes (a debounce would wait until the learner pauses the clock); while the clock
   * plays, the next check starts as soon as the last ends, so Play stops close to the goal's moment.
   */
  scheduleCheck(): void {
    if (!this.loaded || this.finished || this.reached || this.busy) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.checkNow();
    }, this.client.playing ? 0 : CHECK_DELAY_MS);
  }

  private checking = false;
  private recheck = false;

  private async checkNow(): Promise<void> {
    this.checking = true;
    this.recheck = false;
    try {
      await this.check();
    } finally {
      this.checking = false;
    }
    if (this.recheck) this.scheduleCheck();
  }

  private async check(): Promise<void> {
    const loaded = this.loaded;
    const step = this.step;
    if (!loaded || !step?.goal || this.reached || this.finished) return;
    const visit = this.visit;
    const r = (await this.client.session.evaluate(step.goal as Predicate)) as { ok: true; value: { holds: boolean } } | { ok: false; error: string };
    if (visit !== this.visit || this.reached) return;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    if (!r.value.holds) {
      // a file Airflow cannot read is the commonest reason a step's goal stays open: name it
      const broken = (await this.client.session.query({ values: { table: 'import_error', column: 'filename' } })) as TruthResult;
      if (visit === this.visit) this.brokenFiles = broken.ok && Array.isArray(broken.value) ? [...new Set(broken.value.map(String))] : [];
      return;
    }
    this.brokenFiles = [];
    // a learner who pressed Play would otherwise watch the clock run far past the moment the
    // step is about (at an hour a second); stop there, and say why the clock stopped
    if (this.client.playing) {
      this.client.pause();
      this.client.notice = () => i18n.t('lessons.goal.paused');
    }
    const truth = step.predict ? ((await this.client.session.query(step.predict.truth)) as TruthResult) : null;
    if (visit !== this.visit || this.reached) return;
    this.frozenTruth = truth;
    this.reached = true;
    this.announce(i18n.t('lessons.goal.reachedAnnounce', { goal: step.goalText?.[i18n.lang] ?? '' }));
    await this.markDone(step.id);
  }

  private lockClock(): void {
    this.client.clockLock = this.awaitingAnswer ? () => i18n.t('lessons.predict.clockLocked') : null;
  }

  private async markDone(stepId: string): Promise<void> {
    const id = this.loaded?.lesson.id;
    if (id) await this.save(P.withStepDone(this.progress[id], id, stepId));
  }

  private async save(draft: P.ProgressDraft): Promise<void> {
    const store = this.client.store;
    if (!store) {
      this.progress = { ...this.progress, [draft.lessonId]: { ...draft, updatedAt: new Date().toISOString() } };
      return;
    }
    const { saved } = await P.saveProgress(store, draft);
    if (saved) this.progress = { ...this.progress, [draft.lessonId]: saved };
  }

  private announce(text: string): void {
    // the same words twice in a row must still be read out
    this.announcement = this.announcement === text ? `${text}\u200b` : text;
  }
}

const KEY = Symbol('lessons');

export function provideLessons(s: LessonState): void {
  setContext(KEY, s);
}

export function useLessons(): LessonState {
  const s = getContext<LessonState | undefined>(KEY);
  if (!s) throw new Error('useLessons() outside the app: provideLessons() first');
  return s;
}
