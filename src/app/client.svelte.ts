// The UI's one handle on the simulation: it drives the SimSession in the Web Worker
// (play, step, jump, commands, file edits), keeps the little state the views share
// (clock, selection, open view), and saves the workspace. It computes no Airflow rule:
// views ask the session's view queries for their data and re-ask when `version` moves.
import type { Remote } from 'comlink';
import type { Profile } from '../dagfile/spec.ts';
import type { SaveResult, Workspace, WorkspaceStore } from '../store/index.ts';
import type { NextOutcome } from '../worker/session.ts';
import type { SimSession } from '../worker/simApi.ts';
import { i18n } from './i18n.svelte.ts';
import { createAutosaver, type Autosaver } from './persistence.ts';

/** The session as the UI sees it: over Comlink (Remote) or, in tests, the object itself. */
export type SessionHandle = Remote<SimSession> | SimSession;

export const VIEWS = ['dags', 'grid', 'graph', 'gantt', 'timeline', 'architecture', 'metastore', 'code', 'warehouse', 'compare'] as const;
export type ViewName = (typeof VIEWS)[number];

/** Virtual seconds per real second, on a log scale: real time up to a year a second. */
export const SPEEDS = [1, 10, 60, 600, 3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400] as const;

export interface ConsoleEntry {
  at: string;
  line: string;
  output: string;
  exit_code: number;
  /** the command line the UI action stands for (every UI action shows its CLI equivalent) */
  fromUi: boolean;
}

/** What "next run" / "next failure" found, in the UI's language (the session's note is English). */
function nextNotice(r: NextOutcome): string {
  const f = r.found;
  const when = (iso: string) => iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC');
  if (r.stopped_by === 'found' && f) {
    const at = when(f.at);
    if (f.kind === 'run_created') return i18n.t('clock.found.run', { at, run: f.run_id ?? '', dag: f.dag_id ?? '' });
    if (f.kind === 'failure' && f.task_id) {
      return i18n.t('clock.found.task', { at, task: f.task_id, run: f.run_id ?? '', state: i18n.t(`states.${f.state ?? 'failed'}`), try: f.try_number ?? 1 });
    }
    if (f.kind === 'failure') return i18n.t('clock.found.runFailed', { at, run: f.run_id ?? '', dag: f.dag_id ?? '' });
    return i18n.t('clock.found.loop', { at });
  }
  if (r.stopped_by === 'idle') return i18n.t('clock.found.idle');
  if (r.stopped_by === 'step_cap') return i18n.t('clock.found.stepCap');
  return i18n.t('clock.found.timeCap', { at: when(r.clock) });
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string; kind: string; usage?: string };

export class SimClient {
  ready = $state(false);
  error = $state<string | null>(null);
  clock = $state('');
  nextAt = $state<string | null>(null);
  playing = $state(false);
  speedIndex = $state(4);
  /** moves whenever the simulation changed: views re-query on it */
  version = $state(0);
  view = $state<ViewName>('grid');
  dagId = $state<string | null>(null);
  runId = $state<string | null>(null);
  taskId = $state<string | null>(null);
  profile = $state<Profile>('3');
  consoleLog = $state.raw<ConsoleEntry[]>([]);
  /** Presenter mode (a projector in front of a class): large type, high contrast, keys shown; lessons may read it. */
  presenter = $state(false);
  /** counts workspaces opened (a link, a file, a lesson, a profile switch): the console starts a new screen */
  opened = $state(0);
  /** Why the clock may not move now (a lesson's prediction is unanswered), worded when read; null: free. */
  clockLock = $state<(() => string) | null>(null);
  /** a sentence about the last clock action (what runToNext found, a replay) */
  private noticeText = $state<(() => string) | null>(null);

  /** The notice in the current language (worded when read, so switching language re-words it). */
  get notice(): string | null {
    return this.noticeText?.() ?? null;
  }

  set notice(text: string | (() => string) | null) {
    this.noticeText = text === null ? null : typeof text === 'string' ? () => text : text;
  }

  private ws: Workspace | null = null;
  /** false while a lesson's workspace is open: it is rebuilt from the lesson, never saved over the learner's own */
  private saving = true;
  private saver: Autosaver | null = null;
  private frame = 0;
  private lastFrame = 0;
  private inFlight = false;
  private lastPlaySave = 0;
  private pendingSave: Promise<void> = Promise.resolve();

  constructor(
    readonly session: SessionHandle,
    readonly store: WorkspaceStore | null = null,
    /** Every autosave's result (the UI tells the learner when another tab's save won: `conflict`). */
    opts: { onSave?: (r: SaveResult) => void } = {},
  ) {
    if (store) this.saver = createAutosaver(store, { onResult: opts.onSave });
  }

  get speed(): number {
    return SPEEDS[this.speedIndex]!;
  }

  /** The open workspace's id (a lesson keeps it to reopen the learner's own workspace afterwards). */
  get workspaceId(): string | null {
    return this.ws?.id ?? null;
  }

  /** Open a workspace: build its simulation and replay it to where the learner left it. `save: false`: a lesson's. */
  async open(ws: Workspace, opts: { save?: boolean } = {}): Promise<boolean> {
    this.pause();
    this.saving = opts.save ?? true;
    const r = (await this.session.load(ws)) as Result<{ clock: string; next_at: string | null }>;
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    this.ws = ws;
    this.profile = ws.profile;
    if ((VIEWS as readonly string[]).includes(ws.view)) this.view = ws.view as ViewName;
    this.apply(r.value);
    this.ready = true;
    this.opened++;
    return true;
  }

  // ---- the clock ----

  /** True (and says why in the notice) when the clock may not move now. */
  private locked(): boolean {
    if (!this.clockLock) return false;
    this.notice = this.clockLock;
    return true;
  }

  play(): void {
    if (this.playing || this.locked()) return;
    this.notice = null;
    this.playing = true;
    this.lastFrame = performance.now();
    const tick = async (t: number) => {
      if (!this.playing) return;
      // a frame timestamp can be earlier than the performance.now() taken when play() started
      const dt = Math.max(0, Math.min(t - this.lastFrame, 100));
      this.lastFrame = t;
      if (!this.inFlight && this.clock) {
        const target = new Date(Date.parse(this.clock) + dt * this.speed).toISOString();
        await this.call((s) => s.runUntil(target, { maxSteps: 2000 }));
        // while playing, keep the saved clock at most a second or so behind
        if (t - this.lastPlaySave > 1000) {
          this.lastPlaySave = t;
          this.save();
        }
      }
      if (this.playing) this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause(): void {
    const was = this.playing;
    this.playing = false;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (was) this.save(true);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  async step(): Promise<void> {
    if (this.locked()) return;
    this.pause();
    this.notice = null;
    await this.call((s) => s.step());
  }

  /** Resolves with what the search found (a lesson's Solve needs to know), null if refused or failed. */
  async runToNext(kind: 'run_created' | 'failure' | 'scheduler_loop'): Promise<NextOutcome | null> {
    if (this.locked()) return null;
    this.pause();
    const r = await this.call((s) => s.runToNext(kind));
    if (r && 'stopped_by' in r) this.notice = () => nextNotice(r as unknown as NextOutcome);
    return r && 'stopped_by' in r ? (r as unknown as NextOutcome) : null;
  }

  /** Jump to an instant: forward plays on, backward replays from the start (identical state). */
  async jumpTo(iso: string): Promise<void> {
    if (this.locked()) return;
    this.pause();
    this.notice = null;
    await this.call((s) => s.jumpTo(iso));
  }

  async stepBack(ms: number): Promise<void> {
    if (!this.clock) return;
    await this.jumpTo(new Date(Date.parse(this.clock) - ms).toISOString());
  }

  // ---- actions (each shows its CLI equivalent in the console) ----

  /** Run an Airflow CLI line at the current clock. `fromUi`: a button stood for this command. */
  async command(line: string, fromUi = false): Promise<ConsoleEntry> {
    const r = (await this.session.command(line)) as Result<{ at: string; output: string; exit_code: number; discarded?: number; forked?: boolean }>;
    if (r.ok) this.forkNotice(r.value);
    const entry: ConsoleEntry = r.ok
      ? { at: r.value.at, line, output: r.value.output, exit_code: r.value.exit_code, fromUi }
      : { at: this.clock, line, output: [r.usage, r.error].filter(Boolean).join('\n'), exit_code: 2, fromUi };
    this.consoleLog = [...this.consoleLog, entry];
    if (r.ok) await this.refresh();
    return entry;
  }

  /** Save a DAG file (or delete it with null): the DAG processor reads it at the current clock. */
  async setFile(name: string, source: string | null): Promise<{ line: number; column: number; message: string }[]> {
    const r = (await this.session.setFile(name, source)) as Result<{ at: string; discarded?: number; forked?: boolean; import_errors: { line: number; column: number; message: string }[] }>;
    if (!r.ok) {
      this.error = r.error;
      return [];
    }
    this.forkNotice(r.value);
    await this.refresh();
    return r.value.import_errors;
  }

  /** An action while rewound replaced the future played before (time travel forks): say so. */
  private forkNotice(v: { at: string; discarded?: number; forked?: boolean }): void {
    if (!v.forked) return;
    const at = v.at.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC');
    const n = v.discarded ?? 0;
    this.notice = () => (n > 0 ? i18n.t('timetravel.forkedDropped', { at, n }) : i18n.t('timetravel.forked', { at }));
  }

  select(sel: { dagId?: string | null; runId?: string | null; taskId?: string | null }): void {
    if (sel.dagId !== undefined) this.dagId = sel.dagId;
    if (sel.runId !== undefined) this.runId = sel.runId;
    if (sel.taskId !== undefined) this.taskId = sel.taskId;
  }

  setView(view: ViewName): void {
    this.view = view;
    this.save(true);
  }

  /** The open workspace as it is now (files, every action, the clock, the view): for share links and exports. */
  async snapshot(): Promise<Workspace | null> {
    const ws = this.ws;
    if (!ws) return null;
    const r = (await this.session.workspace()) as Result<Partial<Workspace>>;
    return r.ok ? { ...ws, ...r.value, view: this.view } : null;
  }

  /** Write what is not saved yet (the page is being hidden or unloaded). */
  async flush(): Promise<void> {
    await this.pendingSave;
    await this.saver?.flush();
  }

  // ---- plumbing ----

  private async call(fn: (s: SessionHandle) => unknown): Promise<Record<string, unknown> | null> {
    this.inFlight = true;
    try {
      const r = (await fn(this.session)) as Result<Record<string, unknown>>;
      if (!r.ok) {
        this.error = r.error;
        this.pause();
        return null;
      }
      this.apply(r.value as { clock?: string; next_at?: string | null });
      // a step, next run or jump is saved as soon as it is done (the state after it, not before)
      if (!this.playing) this.save(true);
      return r.value;
    } finally {
      this.inFlight = false;
    }
  }

  private async refresh(): Promise<void> {
    const c = (await this.session.clock()) as Result<string>;
    const n = (await this.session.nextEventAt()) as Result<string | null>;
    this.apply({ clock: c.ok ? c.value : this.clock, next_at: n.ok ? n.value : null });
    this.save(true);
  }

  private apply(state: { clock?: string; next_at?: string | null }): void {
    if (state.clock) this.clock = state.clock;
    if (state.next_at !== undefined) this.nextAt = state.next_at;
    this.version++;
  }

  /**
   * Autosave: the session's workspace (files, commands, edits, clock) on top of the stored one.
   * `now`: a learner's action, written at once (a reload right after it must find it); the
   * clock moving while playing waits for the saver's delay.
   */
  private save(now = false): void {
    const ws = this.ws;
    if (!this.saver || !ws || !this.saving) return;
    const saver = this.saver;
    this.pendingSave = Promise.resolve(this.session.workspace()).then((r) => {
      const cur = r as Result<Partial<Workspace>>;
      if (!cur.ok) return;
      this.ws = { ...ws, ...cur.value, view: this.view };
      saver.schedule(this.ws);
      if (now) saver.flush().catch(console.error);
    });
  }
}
