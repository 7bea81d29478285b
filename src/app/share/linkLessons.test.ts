// Link sizes for the states a class actually shares: every step of every lesson in lessons/,
// played with the app's lesson player (setup, then the solution), as the Share dialog would
// encode it. Printed for the README; typical states (90 %) must stay under SAFE_CHARS.
import { describe, expect, it } from 'vitest';
import { SimSession, type Result } from '../../worker/session.ts';
import { loadWarehouse } from '../../worker/warehouse.ts';
import { lessonCatalog } from '../lessons/catalog.ts';
import { enterStep, playActions, startWorkspace } from '../lessons/player.ts';
import { decodeLink, encodeLink, HARD_CHARS, SAFE_CHARS } from './link.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.error}`);
  return r.value;
}

await loadWarehouse(); // lesson 10's SQL steps need sql.js, as in the app's worker

const ORIGIN = 'https://example.github.io/airflow-sim/'.length;

describe('link sizes of lesson states', () => {
  it('every lesson step encodes under the hard limit, 90 % under the safe size; each lesson’s end state round-trips to the same metastore', { timeout: 240_000 }, async () => {
    const sizes: number[] = [];
    const ids = lessonCatalog.ids();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const loaded = await lessonCatalog.loadLesson(id);
      const s = new SimSession();
      value(s.load(startWorkspace(loaded)));
      const per: number[] = [];
      for (let i = 0; i < loaded.lesson.steps.length; i++) {
        const step = loaded.lesson.steps[i]!;
        const entered = await enterStep(s, loaded, i);
        if (!entered.ok) throw new Error(`${id} ${step.id}: ${entered.error}`);
        const solved = await playActions(s, loaded, step.solution ?? []);
        if (!solved.ok) throw new Error(`${id} ${step.id}: ${solved.error}`);
        const n = ORIGIN + encodeLink({ ...value(s.workspace()), name: loaded.lesson.title.en, view: 'grid' }).length;
        per.push(n);
        expect(n, `${id} ${step.id}`).toBeLessThan(HARD_CHARS);
      }
      // the state at the lesson's end, opened from its link, is the same metastore (SQL tables too)
      const link = encodeLink({ ...value(s.workspace()), name: id, view: 'grid' });
      const d = decodeLink(link);
      if (!d.ok) throw new Error(`${id}: ${d.message}`);
      const opened = new SimSession();
      value(opened.load(d.ws));
      expect(JSON.stringify(value(opened.dump({ messages: true }))), id).toBe(JSON.stringify(value(s.dump({ messages: true }))));
      console.log(`link size: lesson ${id}: ${Math.min(...per)}-${Math.max(...per)} characters over ${per.length} steps`);
      sizes.push(...per);
    }
    sizes.sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)]!;
    const p90 = sizes[Math.floor(sizes.length * 0.9)]!;
    const over = sizes.filter((n) => n > SAFE_CHARS).length;
    console.log(`link size: all lesson steps (${sizes.length}): median ${median}, 90th percentile ${p90}, max ${sizes[sizes.length - 1]}, ${over} over ${SAFE_CHARS}`);
    expect(median).toBeLessThan(SAFE_CHARS);
    expect(p90).toBeLessThan(SAFE_CHARS);
  });
});
