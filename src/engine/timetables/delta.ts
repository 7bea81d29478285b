// datetime.timedelta and dateutil.relativedelta as Airflow uses them in timetables
// (airflow/timetables/interval.py, 3.x airflow-core/src/airflow/timetables/_delta.py::DeltaMixin).
// Every instant a delta is applied to there is UTC (convert_to_utc), so calendar arithmetic is in UTC.
import type { DeltaSpec } from '../../dagfile/spec.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A relativedelta after dateutil's `_fix()` normalisation (weeks folded into days). */
interface RelFields {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  microseconds: number;
}

const sign = (n: number) => (n < 0 ? -1 : 1);

/** dateutil relativedelta.__init__ + _fix(): carries over-full units upwards (never days to months). */
function relFields(d: Extract<DeltaSpec, { kind: 'relativedelta' }>): RelFields {
  const whole = Math.trunc(d.seconds);
  const r: RelFields = {
    years: Math.trunc(d.years),
    months: Math.trunc(d.months),
    days: d.days + d.weeks * 7,
    hours: d.hours,
    minutes: d.minutes,
    seconds: whole,
    microseconds: Math.round((d.seconds - whole) * 1e6),
  };
  const carry = (from: 'microseconds' | 'seconds' | 'minutes' | 'hours' | 'months', to: keyof RelFields, limit: number) => {
    if (Math.abs(r[from]) > limit - 1) {
      const s = sign(r[from]);
      const abs = r[from] * s;
      r[from] = (abs % limit) * s;
      r[to] += Math.floor(abs / limit) * s;
    }
  };
  carry('microseconds', 'seconds', 1_000_000);
  carry('seconds', 'minutes', 60);
  carry('minutes', 'hours', 60);
  carry('hours', 'days', 24);
  carry('months', 'years', 12);
  return r;
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** relativedelta.__add__(datetime): years/months first with day clipping, then a plain timedelta. */
function addRel(ms: number, r: RelFields): number {
  const d = new Date(ms);
  let year = d.getUTCFullYear() + r.years;
  let month = d.getUTCMonth() + 1;
  if (r.months) {
    month += r.months;
    if (month > 12) {
      year += 1;
      month -= 12;
    } else if (month < 1) {
      year -= 1;
      month += 12;
    }
  }
  const day = Math.min(daysInMonth(year, month), d.getUTCDate());
  const base = Date.UTC(year, month - 1, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return base + r.days * DAY + r.hours * HOUR + r.minutes * MINUTE + r.seconds * SECOND + Math.round(r.microseconds / 1000);
}

function negate(r: RelFields): RelFields {
  return {
    years: -r.years,
    months: -r.months,
    days: -r.days,
    hours: -r.hours,
    minutes: -r.minutes,
    seconds: -r.seconds,
    microseconds: -r.microseconds,
  };
}

/** `current + delta` (DeltaMixin._get_next). */
export function addDelta(ms: number, delta: DeltaSpec): number {
  if (delta.kind === 'timedelta') return ms + Math.round(delta.seconds * SECOND);
  return addRel(ms, relFields(delta));
}

/** `current - delta` (DeltaMixin._get_prev; relativedelta.__rsub__ adds the negation). */
export function subDelta(ms: number, delta: DeltaSpec): number {
  if (delta.kind === 'timedelta') return ms - Math.round(delta.seconds * SECOND);
  return addRel(ms, negate(relFields(delta)));
}

/** True for timedelta(0) / relativedelta(): CronTriggerTimetable's default `interval`. */
export function isZeroDelta(delta: DeltaSpec): boolean {
  if (delta.kind === 'timedelta') return delta.seconds === 0;
  return Object.values(relFields(delta)).every((v) => v === 0);
}

/** DeltaDataIntervalTimetable._round's period in ms: total_seconds(), or for a relativedelta
 *  `_relativedelta_in_seconds` (1 month = 30 days, 1 year = 365 days, microseconds ignored). */
export function roundingPeriodMs(delta: DeltaSpec): number {
  if (delta.kind === 'timedelta') return Math.round(delta.seconds * SECOND);
  const r = relFields(delta);
  const s = r.years * 365 * 86400 + r.months * 30 * 86400 + r.days * 86400 + r.hours * 3600 + r.minutes * 60 + r.seconds;
  return s * SECOND;
}

/** Python's timedelta normal form: days (may be negative), 0 <= seconds < 86400, 0 <= microseconds < 1e6. */
function timedeltaParts(totalSeconds: number): { days: number; seconds: number; micros: number } {
  const totalMicros = Math.round(totalSeconds * 1e6);
  const days = Math.floor(totalMicros / (86400 * 1e6));
  const rest = totalMicros - days * 86400 * 1e6;
  return { days, seconds: Math.floor(rest / 1e6), micros: rest % 1e6 };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** str(delta): "1 day, 0:00:00", "0:30:00", "-1 day, 23:00:00", "relativedelta(months=+1)" (Timetable.summary). */
export function deltaSummary(delta: DeltaSpec): string {
  if (delta.kind === 'relativedelta') return relativedeltaRepr(delta);
  const { days, seconds, micros } = timedeltaParts(delta.seconds);
  let s = `${Math.floor(seconds / 3600)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  if (days) s = `${days} day${Math.abs(days) !== 1 ? 's' : ''}, ${s}`;
  if (micros) s += `.${String(micros).padStart(6, '0')}`;
  return s;
}

/** repr(relativedelta(...)): the non-zero relative fields, signed ("{:+g}"). */
function relativedeltaRepr(delta: Extract<DeltaSpec, { kind: 'relativedelta' }>): string {
  const r = relFields(delta);
  const order: Array<keyof RelFields> = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'microseconds'];
  const parts = order.filter((k) => r[k] !== 0).map((k) => `${k}=${r[k] > 0 ? '+' : ''}${r[k]}`);
  return `relativedelta(${parts.join(', ')})`;
}

/** repr(timedelta) as Python 3.7+ prints it: datetime.timedelta(days=-1), datetime.timedelta(0). */
export function deltaRepr(delta: DeltaSpec): string {
  if (delta.kind === 'relativedelta') return relativedeltaRepr(delta);
  const { days, seconds, micros } = timedeltaParts(delta.seconds);
  const parts: string[] = [];
  if (days) parts.push(`days=${days}`);
  if (seconds) parts.push(`seconds=${seconds}`);
  if (micros) parts.push(`microseconds=${micros}`);
  return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
}

/** DeltaMixin.validate: `now + delta <= now` is invalid. Airflow evaluates at datetime.now(); we use a
 *  fixed reference so the answer is deterministic (only a mixed-sign relativedelta could differ). */
export function isPositiveDelta(delta: DeltaSpec): boolean {
  const ref = Date.UTC(2001, 0, 15);
  return addDelta(ref, delta) > ref;
}

/** "schedule interval must be positive, not datetime.timedelta(0)" (AirflowTimetableInvalid). */
export function nonPositiveDeltaMessage(delta: DeltaSpec): string {
  return `schedule interval must be positive, not ${deltaRepr(delta)}`;
}
