// Keyboard shortcuts: one table, shown by "?", used by the app's keydown handler.
import type { SimClient, ViewName } from './client.svelte.ts';
import { VIEWS } from './client.svelte.ts';

export interface Shortcut {
  keys: string;
  /** message key of what it does */
  does: string;
  run: (c: SimClient) => void;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Space', does: 'keys.playPause', run: (c) => c.toggle() },
  { keys: '→', does: 'keys.step', run: (c) => void c.step() },
  { keys: 'Shift+←', does: 'keys.backHour', run: (c) => void c.stepBack(3600_000) },
  { keys: 'N', does: 'keys.nextRun', run: (c) => void c.runToNext('run_created') },
  { keys: 'F', does: 'keys.nextFailure', run: (c) => void c.runToNext('failure') },
  { keys: 'L', does: 'keys.nextLoop', run: (c) => void c.runToNext('scheduler_loop') },
  { keys: 'P', does: 'presenter.toggle', run: (c) => (c.presenter = !c.presenter) },
  ...VIEWS.map((v: ViewName, i) => ({ keys: String(i + 1), does: `app.view.${v}`, run: (c: SimClient) => c.setView(v) })),
];

/** The shortcut a key event stands for, or null (typing in a field or editor is never a shortcut). */
export function shortcutFor(e: KeyboardEvent): Shortcut | null {
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key =
    e.key === ' ' ? 'Space' : e.key === 'ArrowRight' ? '→' : e.key === 'ArrowLeft' && e.shiftKey ? 'Shift+←' : e.key.toUpperCase();
  return SHORTCUTS.find((s) => s.keys === key) ?? null;
}
