// Shared by the timetable tests: compact UTC instants and expected DagRunInfos.
import type { DeltaSpec } from '../../dagfile/spec.ts';
import type { DagRunInfo, DataInterval, TimeRestriction } from './types.ts';

/** "2021-09-04" or "2021-09-04T16:30" (UTC) -> epoch ms */
export function utc(s: string): number {
  const full = s.length === 10 ? `${s}T00:00:00Z` : s.length === 16 ? `${s}:00Z` : s.endsWith('Z') ? s : `${s}Z`;
  const ms = Date.parse(full);
  if (Number.isNaN(ms)) throw new Error(`bad test date ${s}`);
  return ms;
}

/** DagRunInfo.interval(start, end) */
export function interval(start: string | number, end: string | number): DagRunInfo {
  const s = typeof start === 'number' ? start : utc(start);
  const e = typeof end === 'number' ? end : utc(end);
  return { run_after: e, data_interval: { start: s, end: e }, logical_date: s };
}

/** DagRunInfo.exact(at) */
export function exact(at: string | number): DagRunInfo {
  return interval(at, at);
}

export function di(start: string | number, end: string | number): DataInterval {
  return interval(start, end).data_interval;
}

export function restriction(earliest: string | number | null, latest: string | number | null, catchup: boolean): TimeRestriction {
  const t = (x: string | number | null) => (x === null ? null : typeof x === 'number' ? x : utc(x));
  return { earliest: t(earliest), latest: t(latest), catchup };
}

/** datetime.timedelta(seconds=...) */
export function td(seconds: number): DeltaSpec {
  return { kind: 'timedelta', seconds };
}

/** dateutil.relativedelta(**fields) */
export function rel(fields: Partial<Omit<Extract<DeltaSpec, { kind: 'relativedelta' }>, 'kind'>>): DeltaSpec {
  return { kind: 'relativedelta', years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...fields };
}
