// The fast cron walk must agree with croner (which passes the golden cases) on plain expressions.
import { describe, expect, it } from 'vitest';
import { AirflowCron } from './cron.ts';

/** Deterministic LCG, so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomField(r: () => number, min: number, max: number): string {
  const pick = () => min + Math.floor(r() * (max - min + 1));
  const k = r();
  if (k < 0.3) return '*';
  if (k < 0.45) return `*/${1 + Math.floor(r() * 12)}`;
  if (k < 0.6) {
    const a = pick();
    const b = pick();
    return `${Math.min(a, b)}-${Math.max(a, b)}`;
  }
  if (k < 0.75) return [pick(), pick(), pick()].join(',');
  return String(pick());
}

describe('CronMatcher agrees with croner', () => {
  const r = rng(20240531);
  const exprs = Array.from({ length: 150 }, () =>
    [randomField(r, 0, 59), randomField(r, 0, 23), randomField(r, 1, 31), randomField(r, 1, 12), randomField(r, 0, 6)].join(' '),
  );
  exprs.push('0 0 29 2 *', '59 23 31 12 *', '0 0 1,15 * 1', '30 2 * * 0');

  it.each(exprs)('%s', (expr) => {
    const c = new AirflowCron(expr, 'UTC');
    for (let i = 0; i < 12; i++) {
      const t = Date.UTC(2019, 0, 1) + Math.floor(r() * 8 * 365 * 86400) * 1000 + (i % 3 === 0 ? 0 : Math.floor(r() * 1000));
      expect(c.nextNaive(t), `next from ${new Date(t).toISOString()}`).toBe(c.cronerNext(t));
      expect(c.prevNaive(t), `prev from ${new Date(t).toISOString()}`).toBe(c.cronerPrev(t));
    }
  });
});
