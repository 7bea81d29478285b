// Next/previous cron tick on naive (wall-clock) time for the plain five-field sets, without croner:
// a calendar walk over the expanded fields, about twenty times faster, which matters when catching up
// years of runs. Expressions using L or # go to croner instead. Equality with croner is checked on
// random expressions in cron-match.test.ts.
import type { CronFields, Expanded } from './cron-fields.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** croniter gives up after 50 years without a match (max_years_between_matches). */
const MAX_YEARS = 50;

function mask(e: Expanded, size: number, offset = 0): boolean[] {
  const m = new Array<boolean>(size).fill(e === '*');
  if (e !== '*') for (const v of e) m[v - offset] = true;
  return m;
}

/** up[i] = the smallest allowed value >= i (or -1); down[i] = the largest allowed <= i (or -1). */
function steps(allowed: boolean[]): { up: number[]; down: number[] } {
  const n = allowed.length;
  const up = new Array<number>(n).fill(-1);
  const down = new Array<number>(n).fill(-1);
  for (let i = n - 1, next = -1; i >= 0; i--) up[i] = next = allowed[i] ? i : next;
  for (let i = 0, prev = -1; i < n; i++) down[i] = prev = allowed[i] ? i : prev;
  return { up, down };
}

export class CronMatcher {
  private readonly minutes: boolean[];
  private readonly hours: boolean[];
  private readonly doms: boolean[];
  private readonly months: boolean[];
  private readonly dows: boolean[];
  private readonly domStar: boolean;
  private readonly dowStar: boolean;
  private readonly minuteSteps: { up: number[]; down: number[] };
  private readonly hourSteps: { up: number[]; down: number[] };

  /** null when the fields need croner (L or #). */
  static for(f: CronFields): CronMatcher | null {
    return f.domLast || f.dowNth.length || f.dowLast.length ? null : new CronMatcher(f);
  }

  private constructor(f: CronFields) {
    this.minutes = mask(f.minute, 60);
    this.hours = mask(f.hour, 24);
    this.doms = mask(f.dom, 32);
    this.months = mask(f.month, 13);
    this.dows = mask(f.dow, 7);
    this.domStar = f.dom === '*';
    this.dowStar = f.dow === '*';
    this.minuteSteps = steps(this.minutes);
    this.hourSteps = steps(this.hours);
  }

  /** croniter's day rule: OR when both day fields are restricted, else AND (a `*` matches everything). */
  private dayMatches(d: Date): boolean {
    const dom = this.doms[d.getUTCDate()];
    const dow = this.dows[d.getUTCDay()];
    if (this.domStar || this.dowStar) return dom && dow;
    return dom || dow;
  }

  /** The first tick strictly after `naive`, or null. */
  next(naive: number): number | null {
    let t = Math.floor(naive / MINUTE) * MINUTE + MINUTE;
    const limit = t + MAX_YEARS * 366 * 24 * HOUR;
    while (t <= limit) {
      const d = new Date(t);
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth();
      if (!this.months[mo + 1]) {
        t = Date.UTC(y, mo + 1, 1);
      } else if (!this.dayMatches(d)) {
        t = Date.UTC(y, mo, d.getUTCDate() + 1);
      } else if (!this.hours[d.getUTCHours()]) {
        const h = this.hourSteps.up[d.getUTCHours()];
        t = h < 0 ? Date.UTC(y, mo, d.getUTCDate() + 1) : Date.UTC(y, mo, d.getUTCDate(), h);
      } else if (!this.minutes[d.getUTCMinutes()]) {
        const m = this.minuteSteps.up[d.getUTCMinutes()];
        t = m < 0 ? Date.UTC(y, mo, d.getUTCDate(), d.getUTCHours() + 1) : t + (m - d.getUTCMinutes()) * MINUTE;
      } else {
        return t;
      }
    }
    return null;
  }

  /** The last tick strictly before `naive`, or null. */
  prev(naive: number): number | null {
    let t = Math.ceil(naive / MINUTE) * MINUTE - MINUTE;
    const limit = t - MAX_YEARS * 366 * 24 * HOUR;
    while (t >= limit) {
      const d = new Date(t);
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth();
      if (!this.months[mo + 1]) {
        t = Date.UTC(y, mo, 1) - MINUTE;
      } else if (!this.dayMatches(d)) {
        t = Date.UTC(y, mo, d.getUTCDate()) - MINUTE;
      } else if (!this.hours[d.getUTCHours()]) {
        const h = this.hourSteps.down[d.getUTCHours()];
        t = h < 0 ? Date.UTC(y, mo, d.getUTCDate()) - MINUTE : Date.UTC(y, mo, d.getUTCDate(), h, 59);
      } else if (!this.minutes[d.getUTCMinutes()]) {
        const m = this.minuteSteps.down[d.getUTCMinutes()];
        t = m < 0 ? Date.UTC(y, mo, d.getUTCDate(), d.getUTCHours()) - MINUTE : t - (d.getUTCMinutes() - m) * MINUTE;
      } else {
        return t;
      }
    }
    return null;
  }
}
