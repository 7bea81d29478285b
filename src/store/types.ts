// The shapes the store keeps, and the results its writes return.
// Everything here is plain JSON data: it goes into IndexedDB and into export files as is.
import type { Profile } from '../dagfile/spec.ts';

export type { Profile };
export type ConfigValue = string | number | boolean;

/** A CLI command the learner ran, at a virtual time (ISO 8601 with Z or an offset). */
export interface CommandEntry {
  at: string;
  /**
   * Order across commands and file edits. Both logs share one counter: with the clock
   * paused, a command and an edit can have the same `at`, and replay must know which came first.
   */
  seq: number;
  run: string;
}

/** A DAG file written (source) or deleted (null) at a virtual time. */
export interface FileEditEntry {
  at: string;
  seq: number;
  name: string;
  source: string | null;
}

/**
 * One learner workspace: enough to rebuild the simulation by deterministic replay
 * (files at `start`, then commands and file edits in `seq` order, same seed).
 */
export interface Workspace {
  id: string;
  name: string;
  profile: Profile;
  /** DAG files as they are at `start`; later changes are in `fileEdits`. */
  files: Record<string, string>;
  config: Record<string, ConfigValue>;
  seed: number;
  start: string;
  commands: CommandEntry[];
  fileEdits: FileEditEntry[];
  /** Where the learner left the virtual clock. */
  clock: string;
  /** Which view was open. */
  view: string;
  /** Bumped by every save; a save based on an older revision is refused. */
  revision: number;
  /** Wall-clock time of the last save. */
  updatedAt: string;
}

/** What a caller supplies to create a workspace; the store assigns id, revision and updatedAt. */
export type WorkspaceDraft = Omit<Workspace, 'id' | 'revision' | 'updatedAt'>;

export interface WorkspaceSummary {
  id: string;
  name: string;
  profile: Profile;
  revision: number;
  updatedAt: string;
}

export interface Settings {
  language: 'ko' | 'en';
  theme: 'system' | 'light' | 'dark';
  /** The profile new workspaces start with. */
  profile: Profile;
  /** Overrides the OS's prefers-reduced-motion unless 'system'. */
  reducedMotion: 'system' | 'reduce' | 'no-preference';
}
export type SettingKey = keyof Settings;

export interface LessonProgress {
  lessonId: string;
  stepsDone: string[];
  answers: Record<string, unknown>;
  updatedAt: string;
}

/**
 * Why a write did not reach IndexedDB. `conflict`, `not-found` and `invalid` wrote nothing;
 * `quota`, `outdated` and `error` kept the data in this tab's memory (see `kept`).
 */
export type Reason = 'conflict' | 'not-found' | 'invalid' | 'quota' | 'outdated' | 'error';
export type KeptReason = 'quota' | 'outdated' | 'error';

export type SaveResult =
  | { ok: true; ws: Workspace }
  | { ok: false; reason: 'conflict'; message: string; current: Workspace }
  | { ok: false; reason: 'not-found' | 'invalid'; message: string }
  | { ok: false; reason: KeptReason; message: string; ws: Workspace; kept: 'memory' };

export type WriteResult =
  | { ok: true }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: KeptReason; message: string; kept: 'memory' };

export type ImportResult = { ok: true; imported: number } | { ok: false; reason: 'invalid'; message: string } | Extract<WriteResult, { kept: 'memory' }>;

/** What another tab (or a newer app version) did to the same database. */
export type ExternalChange =
  | { kind: 'workspace'; id: string; revision: number }
  | { kind: 'workspace-deleted'; id: string }
  | { kind: 'setting'; key: SettingKey }
  | { kind: 'progress'; lessonId: string }
  /** A newer version of the app upgraded the database: this tab must reload to keep saving. */
  | { kind: 'outdated' };

export interface StoreStatus {
  persistent: boolean;
  /** English text for why the store is not persistent, or why saving stopped. */
  reason?: string;
  /** True once a newer app version has upgraded the database. */
  outdated: boolean;
  /** Keys of writes held only in memory (e.g. "workspace:ID", "setting:theme"). */
  unsaved: string[];
}
