// The store's public surface, for src/app and the UI.
export { openStore, type OpenOptions } from './openStore.ts';
export { WorkspaceStore, type DeleteResult } from './workspaceStore.ts';
export { SimDB, DB_NAME, SCHEMA, LATEST_VERSION } from './db.ts';
export { replayLog, withCommand, withFile, forkAt, filesAt, type LogEntry } from './workspace.ts';
export { readWorkspace, readDraft, instantMs } from './validate.ts';
export { REASON_TEXT, NOT_AVAILABLE, OPEN_TIMED_OUT } from './reasons.ts';
export { SETTING_VALUES } from './settings.ts';
export type * from './types.ts';
