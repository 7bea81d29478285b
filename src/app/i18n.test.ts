// Every message exists in Korean and in English, with the same {placeholders} (test/setup.ts loads both).
import { describe, expect, it } from 'vitest';
import { catalogs, translate } from './i18n.svelte.ts';

describe('messages', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(catalogs.ko).sort()).toEqual(Object.keys(catalogs.en).sort());
    expect(Object.keys(catalogs.en).length).toBeGreaterThan(10);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(catalogs.en)) expect([key, names(catalogs.ko[key]!)]).toEqual([key, names(text)]);
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    expect(translate('en', 'app.title')).toBe('Airflow Scheduler Simulator');
    expect(translate('ko', 'nope.missing')).toBe('nope.missing');
  });
});
