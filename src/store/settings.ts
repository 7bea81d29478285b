// The allowed values of each setting. A stored value outside them (written by a newer app,
// or by hand in devtools) reads as unset instead of reaching the UI.
import type { SettingKey, Settings } from './types.ts';

export const SETTING_VALUES: { [K in SettingKey]: readonly Settings[K][] } = {
  language: ['ko', 'en'],
  theme: ['system', 'light', 'dark'],
  profile: ['2', '3'],
  reducedMotion: ['system', 'reduce', 'no-preference'],
};

export function isSettingKey(key: unknown): key is SettingKey {
  return typeof key === 'string' && Object.hasOwn(SETTING_VALUES, key);
}

export function isSettingValue<K extends SettingKey>(key: K, value: unknown): value is Settings[K] {
  return (SETTING_VALUES[key] as readonly unknown[]).includes(value);
}
