// Two futures (or two Airflow versions) side by side: pair the runs of one DAG on the two sides
// and say, field by field, what differs. Runs pair by their type and logical date (a run without
// one, an Airflow 3 manual run, by its run_after); what has no partner is "only on one side".
// Pure data: the compare view words and marks it (with text and a glyph, not colour alone).
import type { RunSummary } from '../engine/views/common.ts';

export const COMPARED = ['run_id', 'run_type', 'logical_date', 'data_interval_start', 'data_interval_end', 'state'] as const;
export type ComparedField = (typeof COMPARED)[number];

export interface RunPair {
  key: string;
  left: RunSummary | null;
  right: RunSummary | null;
  /** the fields whose values differ (empty: the same run on both sides) */
  diffs: ComparedField[];
}

export interface RunDiff {
  pairs: RunPair[];
  left_runs: number;
  right_runs: number;
  /** pairs with a difference, and runs only on one side */
  differing: number;
}

const pairKey = (r: RunSummary) => `${r.run_type}|${r.logical_date ?? `after:${r.run_after}`}`;

/** The sort key of a pair: its time on either side (logical date, else run_after). */
const when = (p: RunPair) => {
  const r = p.left ?? p.right!;
  return r.logical_date ?? r.run_after ?? '';
};

export function diffRuns(left: RunSummary[], right: RunSummary[]): RunDiff {
  const byKey = new Map<string, RunPair>();
  const add = (r: RunSummary, side: 'left' | 'right') => {
    let key = pairKey(r);
    // two runs with the same key on one side (cleared and re-created): keep them apart
    for (let i = 2; byKey.get(key)?.[side]; i++) key = `${pairKey(r)}#${i}`;
    const p = byKey.get(key) ?? { key, left: null, right: null, diffs: [] };
    p[side] = r;
    byKey.set(key, p);
  };
  for (const r of left) add(r, 'left');
  for (const r of right) add(r, 'right');
  const pairs = [...byKey.values()];
  for (const p of pairs) {
    if (p.left && p.right) p.diffs = COMPARED.filter((f) => p.left![f] !== p.right![f]);
  }
  pairs.sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.key < b.key ? -1 : 1));
  return { pairs, left_runs: left.length, right_runs: right.length, differing: pairs.filter((p) => !p.left || !p.right || p.diffs.length > 0).length };
}
