// What StoreNotice shows: main.ts sets it from the store (status, onExternalChange) and from
// the client's saves. `memory`: the work is in this tab's memory only, and why; `kind`: another
// tab saved (changed), this tab's save was refused (conflict), the workspace was deleted
// elsewhere, or a newer app version owns the database (outdated).
export type StoreNoticeKind = 'changed' | 'conflict' | 'deleted' | 'outdated';

export const storeNotice = $state<{ memory: 'unavailable' | 'timeout' | null; kind: StoreNoticeKind | null }>({
  memory: null,
  kind: null,
});
