// Pure edits of a workspace's replay log. The store persists their results; nothing here does I/O.
import { Invalid, instantMs } from './validate.ts';
import type { CommandEntry, FileEditEntry, Workspace, WorkspaceDraft } from './types.ts';

export type LogEntry = ({ kind: 'command' } & CommandEntry) | ({ kind: 'file' } & FileEditEntry);

/** Commands and file edits in the order replay applies them. */
export function replayLog(ws: Pick<Workspace, 'commands' | 'fileEdits'>): LogEntry[] {
  return [
    ...ws.commands.map((c) => ({ kind: 'command' as const, ...c })),
    ...ws.fileEdits.map((e) => ({ kind: 'file' as const, ...e })),
  ].sort((a, b) => a.seq - b.seq);
}

function lastEntry(ws: WorkspaceDraft): LogEntry | undefined {
  return replayLog(ws).at(-1);
}

/** Refuse an action before the last recorded one: replay could not reproduce it. */
function checkAppendable(ws: WorkspaceDraft, at: string): number {
  const ms = instantMs(at);
  if (ms === null) throw new Invalid(`at: ${JSON.stringify(at)} is not an ISO 8601 time with Z or an offset`);
  if (ms < instantMs(ws.start)!) throw new Invalid(`at: ${at} is before the workspace's start (${ws.start})`);
  const last = lastEntry(ws);
  if (last && ms < instantMs(last.at)!) {
    throw new Invalid(`at: ${at} is before the last recorded action (${last.at}); fork the timeline at ${at} first (forkAt)`);
  }
  return (last?.seq ?? 0) + 1;
}

export function withCommand<W extends WorkspaceDraft>(ws: W, at: string, run: string): W {
  if (!run.trim()) throw new Invalid('run: the command is empty');
  const seq = checkAppendable(ws, at);
  return { ...ws, commands: [...ws.commands, { at, seq, run }] };
}

/**
 * Write (source) or delete (null) a file at virtual time `at`. At or before `start` the
 * initial files change (setting up before anything runs); later it is a logged edit.
 */
export function withFile<W extends WorkspaceDraft>(ws: W, name: string, source: string | null, at: string): W {
  if (!name.trim()) throw new Invalid('name: the file name is empty');
  const ms = instantMs(at);
  if (ms !== null && ms <= instantMs(ws.start)! && !lastEntry(ws)) {
    const files = { ...ws.files };
    if (source === null) delete files[name];
    else files[name] = source;
    return { ...ws, files };
  }
  const seq = checkAppendable(ws, at);
  return { ...ws, fileEdits: [...ws.fileEdits, { at, seq, name, source }] };
}

/** Drop everything recorded after `at`: a user action while rewound starts a new future. */
export function forkAt<W extends WorkspaceDraft>(ws: W, at: string): W {
  const ms = instantMs(at);
  if (ms === null) throw new Invalid(`at: ${JSON.stringify(at)} is not an ISO 8601 time with Z or an offset`);
  const keep = (e: { at: string }) => instantMs(e.at)! <= ms;
  return { ...ws, commands: ws.commands.filter(keep), fileEdits: ws.fileEdits.filter(keep) };
}

/** The DAG files as they are at virtual time `at` (all edits when omitted). */
export function filesAt(ws: WorkspaceDraft, at?: string): Record<string, string> {
  const until = at === undefined ? Infinity : (instantMs(at) ?? Infinity);
  const files = { ...ws.files };
  for (const e of replayLog(ws)) {
    if (e.kind !== 'file' || instantMs(e.at)! > until) continue;
    if (e.source === null) delete files[e.name];
    else files[e.name] = e.source;
  }
  return files;
}
