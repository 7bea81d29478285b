// The lesson player's SessionLike over the app client, so a step's setup and Solve go through
// the same path as the learner's own actions: views re-query (version bump), every command
// shows in the Console marked "from the UI", and with `echo` the file writes and clock moves
// that have no CLI line show as a comment line there too.
import type { SimClient } from '../client.svelte.ts';
import { i18n } from '../i18n.svelte.ts';
import type { Workspace } from '../../store/index.ts';
import type { Workspace as LessonWorkspace } from '../../worker/workspace.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: string };
type NextKind = 'run_created' | 'failure' | 'scheduler_loop';

const when = (iso: string) => iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC');

export function clientSession(client: SimClient, opts: { echo: boolean; lessonId: string }) {
  /** A comment line in the Console for what Solve did without a CLI command. */
  const note = (text: string) => {
    if (!opts.echo) return;
    client.consoleLog = [...client.consoleLog, { at: client.clock, line: `# ${text}`, output: '', exit_code: 0, fromUi: true }];
  };
  /** Run a client call; its failure lands in client.error, which becomes this call's error. */
  const guarded = async <T>(fn: () => Promise<unknown>, value: () => T): Promise<Result<T>> => {
    const before = client.error;
    client.error = null;
    await fn();
    const error = client.error as string | null;
    if (error) return { ok: false, error };
    client.error = before;
    return { ok: true, value: value() };
  };
  const state = () => ({ clock: client.clock, next_at: client.nextAt, done: true, events: 0, actions: 0, ahead: 0 });

  return {
    async load(ws: LessonWorkspace): Promise<Result<unknown>> {
      // a lesson's workspace is never saved: the learner's own stays as it was in the store
      const full = { name: `lesson ${opts.lessonId}`, view: client.view, revision: 0, updatedAt: new Date(0).toISOString(), ...ws, id: `lesson:${opts.lessonId}` } as unknown as Workspace;
      client.consoleLog = [];
      return (await client.open(full, { save: false })) ? { ok: true, value: null } : { ok: false, error: client.error ?? 'load failed' };
    },
    async command(line: string): Promise<Result<unknown>> {
      const entry = await client.command(line, true);
      return { ok: true, value: { at: entry.at, run: line, exit_code: entry.exit_code, output: entry.output } };
    },
    async setFile(name: string, source: string | null): Promise<Result<unknown>> {
      const r = await guarded(() => client.setFile(name, source), () => null);
      if (r.ok) note(i18n.t(source === null ? 'lessons.echo.deleted' : 'lessons.echo.saved', { name }));
      return r;
    },
    async runUntil(at: string): Promise<Result<ReturnType<typeof state>>> {
      const r = await guarded(() => client.jumpTo(at), state);
      if (r.ok) note(i18n.t('lessons.echo.clock', { at: when(client.clock) }));
      return r;
    },
    async advance(ms: number): Promise<Result<ReturnType<typeof state>>> {
      const at = new Date(Date.parse(client.clock) + ms).toISOString();
      const r = await guarded(() => client.jumpTo(at), state);
      if (r.ok) note(i18n.t('lessons.echo.clock', { at: when(client.clock) }));
      return r;
    },
    async runToNext(kind: NextKind): Promise<Result<unknown>> {
      let found: unknown = null;
      const r = await guarded(async () => (found = await client.runToNext(kind)), () => found);
      if (r.ok) note(i18n.t('lessons.echo.clock', { at: when(client.clock) }));
      return r;
    },
    async files(): Promise<Result<Record<string, string>>> {
      return (await client.session.files()) as Result<Record<string, string>>;
    },
  };
}
