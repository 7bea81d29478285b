// How the views print instants and durations: UTC, like the clock bar, compact on a projector.
import { i18n } from '../../app/i18n.svelte.ts';

/** "2024-06-01 00:00 UTC" (seconds only when they are not :00) */
export function when(iso: string | null | undefined, withZone = true): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?/.exec(iso);
  if (!m) return iso;
  const sec = m[3] && m[3] !== ':00' ? m[3] : '';
  return `${m[1]} ${m[2]}${sec}${withZone ? ' UTC' : ''}`;
}

/** "06-01 00:00": for dense places (tooltips of grid columns, axis ticks) */
export function short(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^\d{4}-(\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** 90 -> "1m 30s", 93784 -> "1d 2h 3m" */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  let s = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  const units: [number, string][] = [[86_400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  for (const [n, u] of units) {
    if (s >= n || (u === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(s / n)}${i18n.t(`grid.unit.${u}`)}`);
      s %= n;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** seconds from `from` to `to` (ISO), or null */
export function between(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/** "in 3h 20m" / "2h ago" / "now", relative to the virtual clock */
export function relative(iso: string | null | undefined, clock: string): string {
  const d = between(clock, iso);
  if (d === null) return '';
  if (Math.abs(d) < 1) return i18n.t('grid.rel.now');
  return d > 0 ? i18n.t('grid.rel.in', { d: duration(d) }) : i18n.t('grid.rel.ago', { d: duration(-d) });
}
