// The scrub bar's data: the span from the workspace's start to the furthest instant this timeline
// has been played to, and its markers (runs created, tries and runs failed, commands) gathered
// into at most `buckets` slots so ten years of daily runs stay a few hundred marks. Markers after
// the clock (when rewound) come from the last look at the furthest state: the same timeline, since
// a new action while rewound drops that future (and with it these markers).
import type { Marker, MarkerKind } from '../engine/views/timelineMarkers.ts';

export interface ScrubMark {
  /** the first marker's instant in the slot */
  at: string;
  kind: MarkerKind;
  /** how many markers of this kind the slot holds */
  count: number;
  /** the first one, for the tooltip */
  first: Marker;
}

export interface ScrubData {
  start: string;
  end: string;
  clock: string;
  marks: ScrubMark[];
}

/** Markers up to `now` from the present state, after it (up to `reached`) from the remembered far state. */
export function mergeMarkers(present: Marker[], far: Marker[], now: number, reached: number): Marker[] {
  const later = far.filter((m) => {
    const t = Date.parse(m.at);
    return t > now && t <= reached;
  });
  return [...present, ...later];
}

export function bucketMarkers(markers: Marker[], start: number, end: number, buckets: number): ScrubMark[] {
  const span = Math.max(1, end - start);
  const n = Math.max(1, Math.floor(buckets));
  const slots = new Map<string, ScrubMark>();
  for (const m of markers) {
    const t = Date.parse(m.at);
    if (t < start || t > end) continue;
    const slot = Math.min(n - 1, Math.floor(((t - start) / span) * n));
    const key = `${slot}|${m.kind}`;
    const cur = slots.get(key);
    if (cur) cur.count++;
    else slots.set(key, { at: m.at, kind: m.kind, count: 1, first: m });
  }
  return [...slots.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
