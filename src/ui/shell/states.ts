// The glyph shown with each task/run state, so colour is never the only signal.
export const STATE_GLYPH: Record<string, string> = {
  success: '✓',
  failed: '✕',
  running: '▶',
  queued: '⋯',
  scheduled: '◷',
  up_for_retry: '↻',
  up_for_reschedule: '◴',
  upstream_failed: '⚠',
  skipped: '↷',
  removed: '⌫',
  restarting: '⟲',
  deferred: '‖',
  none: '○',
};

export function stateKey(state: string | null | undefined): string {
  return state ?? 'none';
}
