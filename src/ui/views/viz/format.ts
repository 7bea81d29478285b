// Instants as the views print them: UTC, in the UI's language (the engine's clock is UTC).
import type { Lang } from '../../../app/i18n.svelte.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: 'UTC', hourCycle: 'h23', ...opts });
    cache.set(key, f);
  }
  return f;
}

const ms = (iso: string | number): number => (typeof iso === 'number' ? iso : Date.parse(iso));

/** "25 Jun 2024, 00:00" / "2024년 6월 25일 00:00" */
export function dateTime(lang: Lang, iso: string | number): string {
  return fmt(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms(iso));
}

/** "25 Jun" / "6월 25일", with the time when it is not midnight */
export function shortDate(lang: Lang, iso: string | number): string {
  const t = ms(iso);
  const midnight = t % 86_400_000 === 0;
  return fmt(lang, midnight ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(t);
}

/** "00:05:30" */
export function clockTime(iso: string | number): string {
  return new Date(ms(iso)).toISOString().slice(11, 19);
}

/** "2024-06-25 00:05:30" */
export function isoShort(iso: string | number): string {
  return new Date(ms(iso)).toISOString().slice(0, 19).replace('T', ' ');
}

/** An axis tick: the hour within a day span, else the day. */
export function tick(lang: Lang, t: number, spanMs: number): string {
  if (spanMs <= 2 * 86_400_000) return t % 86_400_000 === 0 ? shortDate(lang, t) : fmt(lang, { hour: '2-digit', minute: '2-digit' }).format(t);
  return fmt(lang, { month: 'short', day: 'numeric' }).format(t);
}
