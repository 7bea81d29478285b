// Airflow's cron arithmetic (airflow/timetables/_cron.py::CronMixin, the same in 2.10 and 3.x),
// ported onto croner as shared STACK.md §3.6 recommends: croniter runs on the *naive local wall time*,
// the result is localised with fold=1 (Temporal disambiguation 'later': a time in a DST gap moves
// forward by the gap, an ambiguous time takes the later instant), and crons whose hour field is `*`
// step by elapsed time instead, so they neither skip nor double the repeated hour.
import { Cron } from 'croner';
import { isValidTimezone } from '../time.ts';
import { parseCronFields, type CronFields } from './cron-fields.ts';
import { CronMatcher } from './cron-match.ts';
import { fromNaive, toNaive } from './zone.ts';

export { CronSyntaxError, type CronFieldName } from './cron-fields.ts';

// The preset tables live with the DAG-file reader, which validates schedules first.
export { CRON_PRESETS } from '../../dagfile/dag/cron.ts';
import { CRON_PRESETS, CRONITER_ALIASES } from '../../dagfile/dag/cron.ts';

/** CronMixin.__init__: `self._expression = cron_presets.get(cron, cron)` (what `summary` shows). */
export function expandPreset(expr: string): string {
  return CRON_PRESETS[expr] ?? expr;
}

/** croniter found no matching time (e.g. `0 0 30 2 *`); Airflow logs the exception and schedules nothing. */
export class CronNoMatchError extends Error {
  constructor(expression: string, direction: 'next' | 'previous') {
    super(`failed to find ${direction} date for cron "${expression}"`);
    this.name = 'CronNoMatchError';
  }
}

export class UnknownTimezoneError extends Error {
  constructor(readonly timezone: string) {
    super(`Unknown time zone "${timezone}"`);
    this.name = 'UnknownTimezoneError';
  }
}

export { fromNaive, toNaive } from './zone.ts';

/** Canonical IANA name ("utc" -> "UTC"); throws UnknownTimezoneError. */
export function normaliseTimezone(tz: string): string {
  if (tz.toLowerCase() === 'utc') return 'UTC';
  if (!isValidTimezone(tz)) throw new UnknownTimezoneError(tz);
  return tz;
}

/**
 * A cron expression evaluated in a time zone, with CronMixin's four primitives.
 * All instants are epoch ms UTC. Throws CronSyntaxError for an invalid expression.
 */
export class AirflowCron {
  /** after Airflow's presets: "@daily" -> "0 0 * * *" (Timetable.summary) */
  readonly expression: string;
  readonly timezone: string;
  readonly fields: CronFields;
  private readonly cron: Cron;
  /** the fast path for expressions without L / # */
  private readonly matcher: CronMatcher | null;

  constructor(expr: string, timezone: string) {
    this.expression = expandPreset(expr);
    this.timezone = normaliseTimezone(timezone);
    const evaluated = CRONITER_ALIASES[this.expression.toLowerCase()] ?? this.expression;
    this.fields = parseCronFields(evaluated);
    this.cron = new Cron(this.fields.pattern, { timezone: 'UTC', mode: '5-part', domAndDow: false });
    this.matcher = CronMatcher.for(this.fields);
  }

  /** croner (or the matcher) on naive time: the first tick strictly after. */
  nextNaive(naive: number): number {
    const t = this.matcher ? this.matcher.next(naive) : (this.cron.nextRun(new Date(naive))?.getTime() ?? null);
    if (t === null) throw new CronNoMatchError(this.expression, 'next');
    return t;
  }

  /** croner (or the matcher) on naive time: the last tick strictly before. */
  prevNaive(naive: number): number {
    const t = this.matcher ? this.matcher.prev(naive) : (this.cron.previousRuns(1, new Date(naive))[0]?.getTime() ?? null);
    if (t === null) throw new CronNoMatchError(this.expression, 'previous');
    return t;
  }

  /** croner alone, for cross-checking the fast path in tests. */
  cronerNext(naive: number): number | null {
    return this.cron.nextRun(new Date(naive))?.getTime() ?? null;
  }

  cronerPrev(naive: number): number | null {
    return this.cron.previousRuns(1, new Date(naive))[0]?.getTime() ?? null;
  }

  /** CronMixin._get_next: the first tick strictly after `current`. */
  next(current: number): number {
    const naive = toNaive(current, this.timezone);
    const scheduled = this.nextNaive(naive);
    if (!this.fields.coversEveryHour) return fromNaive(scheduled, this.timezone);
    return current + (scheduled - naive);
  }

  /** CronMixin._get_prev: the last tick strictly before `current` (with fold=1 localisation, which
   *  can return `current` itself when the previous wall time falls in a DST gap; Airflow does that too). */
  prev(current: number): number {
    const naive = toNaive(current, this.timezone);
    const scheduled = this.prevNaive(naive);
    if (!this.fields.coversEveryHour) return fromNaive(scheduled, this.timezone);
    return current - (naive - scheduled);
  }

  /** CronMixin._align_to_next: `current` if it is a tick, else the next tick. */
  alignUp(current: number): number {
    const next = this.next(current);
    return this.prev(next) !== current ? next : current;
  }

  /** CronMixin._align_to_prev: `current` if it is a tick, else the previous tick. */
  alignDown(current: number): number {
    const prev = this.prev(current);
    return this.next(prev) !== current ? prev : current;
  }
}
