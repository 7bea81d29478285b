// The compare view's state: two sessions in a worker of their own (the learner's session is not
// touched), built from the open workspace as it is at the clock, played to the same instant, and
// their runs of one DAG diffed. "versions": the workspace under its profile and under the other
// one; "whatif": the workspace as is, and a fork with one change made at the clock.
import * as Comlink from 'comlink';
import type { Profile } from '../dagfile/spec.ts';
import type { RunSummary, TaskRow } from '../engine/views/common.ts';
import type { SimApi } from '../worker/simApi.ts';
import type { SimClient, SessionHandle } from './client.svelte.ts';
import { i18n } from './i18n.svelte.ts';
import { diffRuns, type RunDiff } from './compareDiff.ts';
import { translateWorkspace, upTo, type PlainWorkspace, type Translation } from './compareTranslate.ts';
import { whatIfAction, type WhatIf } from './compareWhatIf.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string; kind: string };

export type CompareMode = 'versions' | 'whatif';

export interface Side {
  profile: Profile;
  runs: RunSummary[];
  tasks: TaskRow[];
  import_errors: { file: string; line: number; message: string }[];
}

export interface Sessions {
  left: SessionHandle;
  right: SessionHandle;
  close(): void;
}

/** Two sessions in a new engine worker (the browser); tests pass their own. */
export function workerSessions(): Sessions {
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<SimApi>(worker);
  return { left: api.session as unknown as SessionHandle, right: api.compare as unknown as SessionHandle, close: () => worker.terminate() };
}

export class CompareState {
  mode = $state<CompareMode>('versions');
  busy = $state(false);
  error = $state<string | null>(null);
  /** the one clock both sides are at */
  clock = $state('');
  dagIds = $state.raw<string[]>([]);
  dagId = $state<string | null>(null);
  left = $state.raw<Side | null>(null);
  right = $state.raw<Side | null>(null);
  diff = $state.raw<RunDiff | null>(null);
  /** versions: what the translation changed, and the commands the other version has no equivalent for */
  translation = $state.raw<Translation | null>(null);
  /** whatif: the change, and what it ran (a command, or the file it edited) */
  whatIf = $state.raw<WhatIf | null>(null);
  applied = $state<string | null>(null);

  constructor(
    private readonly main: SimClient,
    private readonly sessions: Sessions,
  ) {}

  close(): void {
    this.sessions.close();
  }

  /** the starts asked for and not finished: both build in the same two sessions, so one at a time */
  private queue: Promise<unknown> = Promise.resolve();
  private starts = 0;

  /** Build both sides from the open workspace at its clock. A start asked for while another
   *  builds (the learner switched mode) runs after it, so the sides are never a mix of both. */
  start(mode: CompareMode, whatIf: WhatIf | null = null): Promise<boolean> {
    this.starts++;
    this.busy = true;
    const run = this.queue.then(() => this.build(mode, whatIf));
    this.queue = run;
    return run.finally(() => {
      if (--this.starts === 0) this.busy = false;
    });
  }

  private async build(mode: CompareMode, whatIf: WhatIf | null): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.mode = mode;
    this.applied = null;
    this.translation = null;
    this.whatIf = whatIf;
    try {
      const ws = (await this.main.snapshot()) as PlainWorkspace | null;
      if (!ws) throw new Error('no workspace is open');
      const base = upTo(plain(ws), this.main.clock);
      await load(this.sessions.left, base);
      if (mode === 'versions') {
        const t = translateWorkspace(base, base.profile === '2' ? '3' : '2');
        this.translation = await loadDropping(this.sessions.right, t);
      } else {
        await load(this.sessions.right, base);
        if (whatIf) this.applied = await this.apply(whatIf, base.files);
      }
      this.clock = this.main.clock;
      await this.refresh();
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  /** Play both sides `ms` further, to the same instant. */
  async advance(ms: number): Promise<void> {
    if (!this.clock) return;
    const target = new Date(Date.parse(this.clock) + ms).toISOString();
    this.busy = true;
    try {
      await Promise.all([playTo(this.sessions.left, target), playTo(this.sessions.right, target)]);
      this.clock = target;
      await this.refresh();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  async refresh(): Promise<void> {
    const list = ok(await this.sessions.left.dagList('en')) as { dags: { dag_id: string }[] };
    this.dagIds = list.dags.map((d) => d.dag_id);
    if (!this.dagId || !this.dagIds.includes(this.dagId)) this.dagId = this.main.dagId && this.dagIds.includes(this.main.dagId) ? this.main.dagId : (this.dagIds[0] ?? null);
    const [l, r] = await Promise.all([side(this.sessions.left, this.dagId), side(this.sessions.right, this.dagId)]);
    this.left = l;
    this.right = r;
    this.diff = diffRuns(l.runs, r.runs);
  }

  private async apply(w: WhatIf, files: Record<string, string>): Promise<string> {
    // the files as they are now (edits included) on the fork
    const now = ok(await this.sessions.right.files()) as Record<string, string>;
    const a = whatIfAction(w, { ...files, ...now });
    if (!a) throw new Error(i18n.t('compare.cannotEdit'));
    if ('command' in a) {
      const r = ok(await this.sessions.right.command(a.command)) as { exit_code: number; output: string };
      if (r.exit_code !== 0) throw new Error(`${a.command}: ${r.output}`);
      return a.command;
    }
    ok(await this.sessions.right.setFile(a.file, a.source));
    return a.file;
  }
}

function plain(ws: PlainWorkspace): PlainWorkspace {
  const { profile, files, config, seed, start, commands, fileEdits, clock } = ws;
  return { profile, files, config, seed, start, commands, fileEdits, clock };
}

function ok<T>(r: unknown): T {
  const x = r as Result<T>;
  if (!x.ok) throw new Error(x.error);
  return x.value;
}

async function load(s: SessionHandle, ws: PlainWorkspace): Promise<void> {
  ok(await s.load(ws));
}

/** Load the translation; a command the other version refuses is dropped and listed with its reason. */
async function loadDropping(s: SessionHandle, t: Translation): Promise<Translation> {
  let ws = t.workspace;
  const untranslatable = [...t.untranslatable];
  for (let i = 0; i < 50; i++) {
    const r = (await s.load(ws)) as Result<unknown>;
    if (r.ok) return { ...t, workspace: ws, untranslatable };
    const m = /the command at (\S+) "(.*?)": /.exec(r.error);
    if (!m) throw new Error(r.error);
    const bad = ws.commands.findIndex((c) => c.run === m[2]);
    if (bad < 0) throw new Error(r.error);
    untranslatable.push(m[2]!);
    ws = { ...ws, commands: ws.commands.filter((_, j) => j !== bad) };
  }
  throw new Error('too many commands the other version refuses');
}

async function playTo(s: SessionHandle, target: string): Promise<void> {
  for (;;) {
    const st = ok(await s.runUntil(target, { maxSteps: 20_000 })) as { done: boolean };
    if (st.done) return;
  }
}

async function side(s: SessionHandle, dagId: string | null): Promise<Side> {
  const list = ok(await s.dagList('en')) as { profile: Profile; dags: { dag_id: string }[]; import_errors: { file: string; line: number; message: string }[] };
  const base = { profile: list.profile, import_errors: list.import_errors.map(({ file, line, message }) => ({ file, line, message })) };
  if (!dagId || !list.dags.some((d) => d.dag_id === dagId)) return { ...base, runs: [], tasks: [] };
  const g = ok(await s.grid(dagId, { limit: 500 })) as { runs: RunSummary[]; tasks: TaskRow[] };
  return { ...base, runs: g.runs, tasks: g.tasks };
}
