// Random mutations of the corpus (seeded): the reader must never throw, never hit its internal-error
// safety net, and stay fast. The speed target itself is in bench/dagfile.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDagFile } from '../../src/dagfile/index.ts';
import { CORPUS, readCorpus } from './helpers.ts';

/** mulberry32: small, seeded, reproducible */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['(', ')', '[', ']', '{', '}', ':', '>>', '<<', '"', "'", '"""', '\n', '    ', 'lambda: ', 'for x in range(99999999): ', 'while 1: pass\n', '@task\n', 'def f(): return f()\n', '**', '*', ',', '=', '# sim: fail=', 'None', '\\'];

export function mutate(src: string, rnd: () => number): string {
  const pick = (n: number) => Math.floor(rnd() * n);
  let s = src;
  const edits = 1 + pick(4);
  for (let e = 0; e < edits; e++) {
    const lines = s.split('\n');
    switch (pick(7)) {
      case 0: {
        const i = pick(s.length + 1);
        s = s.slice(0, i) + s.slice(i + 1 + pick(3));
        break;
      }
      case 1: {
        const i = pick(s.length - 1);
        s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
        break;
      }
      case 2: {
        const i = pick(s.length);
        s = s.slice(0, i) + s[i] + s.slice(i);
        break;
      }
      case 3:
        lines.splice(pick(lines.length), 1);
        s = lines.join('\n');
        break;
      case 4: {
        const i = pick(lines.length);
        lines.splice(i, 0, lines[pick(lines.length)]);
        s = lines.join('\n');
        break;
      }
      case 5: {
        const i = pick(lines.length);
        const j = pick(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
        break;
      }
      default: {
        const i = pick(s.length + 1);
        s = s.slice(0, i) + SNIPPETS[pick(SNIPPETS.length)] + s.slice(i);
      }
    }
  }
  return s;
}

const FILES = ['af2', 'af3'].flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => f.endsWith('.py')).map((f) => `${d}/${f}`));

describe('fuzz', () => {
  it('thousands of mutated corpus files never throw and stay fast', () => {
    const rnd = prng(20250601);
    const sources = FILES.map(readCorpus);
    let slowest = 0;
    let runs = 0;
    for (let round = 0; round < 3000; round++) {
      const i = Math.floor(rnd() * sources.length);
      const src = mutate(sources[i], rnd);
      const profile = rnd() < 0.5 ? '2' : '3';
      const t0 = performance.now();
      const r = parseDagFile(FILES[i], src, { profile, now_ms: 1_700_000_000_000 });
      const dt = performance.now() - t0;
      slowest = Math.max(slowest, dt);
      runs++;
      const internal = r.errors.find((e) => e.message.startsWith('Internal error'));
      if (internal) throw new Error(`reproduce with seed 20250601, round ${round}: ${internal.message}\n---\n${src}`);
      for (const e of [...r.errors, ...r.warnings]) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
      if (dt > 200) throw new Error(`round ${round} took ${dt.toFixed(0)} ms (seed 20250601)\n---\n${src}`);
    }
    expect(runs).toBe(3000);
    expect(slowest).toBeLessThan(200);
  }, 60_000);
});
