// Wall time <-> instant in an IANA zone, as Airflow's make_naive / make_aware(fold=1) do it, with the
// zone's UTC-offset periods cached: catching up years of runs converts thousands of instants, and a
// zone changes its offset only twice a year. Results equal Temporal's (checked in zone.test.ts):
// a wall time in a gap moves forward by the gap, an ambiguous one is the later instant
// (Temporal disambiguation 'later', the polyfill's algorithm: offsets one day before and after).
import { Temporal } from 'temporal-polyfill';

const DAY_MS = 86_400_000;

/** [start, end) in UTC ms during which the zone's offset is `offset` ms. */
interface Period {
  start: number;
  end: number;
  offset: number;
}

class ZoneOffsets {
  private readonly periods: Period[] = [];
  private last: Period | null = null;

  constructor(private readonly tz: string) {}

  offsetAt(ms: number): number {
    const hit = this.last;
    if (hit && ms >= hit.start && ms < hit.end) return hit.offset;
    for (const p of this.periods) {
      if (ms >= p.start && ms < p.end) {
        this.last = p;
        return p.offset;
      }
    }
    const p = this.compute(ms);
    if (this.periods.length > 256) this.periods.length = 0;
    this.periods.push(p);
    this.last = p;
    return p.offset;
  }

  private compute(ms: number): Period {
    const zdt = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.tz);
    const offset = zdt.offsetNanoseconds / 1e6;
    // 'previous' is strictly before its argument: ask from 1 ns later so a transition at `ms` counts.
    const prev = zdt.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
    const next = zdt.getTimeZoneTransition('next');
    return {
      start: prev ? prev.epochMilliseconds : -Infinity,
      end: next ? next.epochMilliseconds : Infinity,
      offset,
    };
  }
}

const zones = new Map<string, ZoneOffsets>();

function offsets(tz: string): ZoneOffsets {
  let z = zones.get(tz);
  if (!z) {
    z = new ZoneOffsets(tz);
    zones.set(tz, z);
  }
  return z;
}

/** make_naive: the wall-clock time in `tz`, encoded as if it were a UTC instant. */
export function toNaive(ms: number, tz: string): number {
  if (tz === 'UTC') return ms;
  return ms + offsets(tz).offsetAt(ms);
}

/** The instants whose wall time in `tz` is `naive` (0, 1 or 2 of them), ascending. */
function possibleInstants(naive: number, z: ZoneOffsets): number[] {
  const before = z.offsetAt(naive - DAY_MS);
  const after = z.offsetAt(naive + DAY_MS);
  const out: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const t = naive - o;
    if (z.offsetAt(t) === o) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** make_aware(value.replace(fold=1)): a time in a gap moves forward by the gap; an ambiguous time is the later one. */
export function fromNaive(naive: number, tz: string): number {
  if (tz === 'UTC') return naive;
  const z = offsets(tz);
  const possible = possibleInstants(naive, z);
  if (possible.length) return possible[possible.length - 1];
  const gap = z.offsetAt(naive + DAY_MS) - z.offsetAt(naive - DAY_MS);
  const shifted = possibleInstants(naive + gap, z);
  if (shifted.length) return shifted[shifted.length - 1];
  const wall = Temporal.Instant.fromEpochMilliseconds(naive).toZonedDateTimeISO('UTC').toPlainDateTime();
  return wall.toZonedDateTime(tz, { disambiguation: 'later' }).epochMilliseconds;
}
