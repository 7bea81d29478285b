// The colour theme: follow the system, or force light or dark. The choice is a setting in the
// store (main.ts wires `save`); the page reads it from <html data-theme>, which theme.css keys on.
export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

class ThemeState {
  value = $state<Theme>('system');
  save: (t: Theme) => void = () => {};

  set(t: Theme, persist = true): void {
    this.value = t;
    if (typeof document !== 'undefined') {
      if (t === 'system') delete document.documentElement.dataset.theme;
      else document.documentElement.dataset.theme = t;
    }
    if (persist) this.save(t);
  }
}

export const theme = new ThemeState();
