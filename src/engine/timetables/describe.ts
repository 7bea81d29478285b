// A schedule in words, English and Korean, for the UI. Deliberately modest: presets and the common
// cron shapes; anything else falls back to the expression itself. (Airflow's own UI uses
// cron_descriptor: "At 00:00, only on Sunday"; these are our teaching words, not Airflow's.)
import type { DeltaSpec } from '../../dagfile/spec.ts';
import { AirflowCron } from './cron.ts';
import type { Expanded } from './cron-fields.ts';
import type { Timetable } from './types.ts';

export type Lang = 'en' | 'ko';

const WEEKDAYS = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ko: ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'],
};
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

function joinList(items: string[], lang: Lang): string {
  if (lang === 'ko' || items.length < 2) return items.join(', ');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The step n when `values` is exactly min, min+n, ... over the whole field (e.g. every 15 minutes). */
function stepOf(values: Expanded, min: number, size: number): number | null {
  if (values === '*' || values.length < 2 || values[0] !== min) return null;
  const step = values[1] - values[0];
  if (size % step !== 0 || values.length !== size / step) return null;
  return values.every((v, i) => v === min + i * step) ? step : null;
}

function weekdays(dow: number[], lang: Lang): string {
  const names = WEEKDAYS[lang];
  const consecutive = dow.length > 2 && dow.every((d, i) => i === 0 || d === dow[i - 1] + 1);
  if (consecutive) return lang === 'en' ? `${names[dow[0]]} to ${names[dow[dow.length - 1]]}` : `${names[dow[0]]}~${names[dow[dow.length - 1]]}`;
  return joinList(dow.map((d) => names[d]), lang);
}

function months(month: number[], lang: Lang): string {
  return joinList(month.map((m) => (lang === 'en' ? MONTHS_EN[m - 1] : `${m}월`)), lang);
}

/** Schedules that run more than once an hour, or hourly. */
function subDaily(c: AirflowCron, lang: Lang): string | null {
  const f = c.fields;
  if (f.dom !== '*' || f.month !== '*' || f.dow !== '*' || f.hour !== '*') return null;
  if (f.minute === '*') return lang === 'en' ? 'every minute' : '매분';
  const step = stepOf(f.minute, 0, 60);
  if (step) return lang === 'en' ? `every ${step} minutes` : `${step}분마다`;
  if (f.minute.length === 1) {
    const m = f.minute[0];
    if (lang === 'en') return m === 0 ? 'every hour' : `every hour at minute ${m}`;
    return m === 0 ? '매시 정각' : `매시 ${m}분`;
  }
  return null;
}

/** Schedules at fixed times of day. */
function timesOfDay(c: AirflowCron, lang: Lang): string | null {
  const f = c.fields;
  if (f.minute === '*' || f.hour === '*' || f.minute.length !== 1 || f.domLast || f.dowNth.length || f.dowLast.length) return null;
  const everyHours = stepOf(f.hour, 0, 24);
  const tz = ` (${c.timezone})`;
  if (everyHours && f.minute[0] === 0 && f.dom === '*' && f.month === '*' && f.dow === '*') {
    return lang === 'en' ? `every ${everyHours} hours${tz}` : `${everyHours}시간마다${tz}`;
  }
  if (f.hour.length > 4) return null;
  const minute = f.minute[0];
  const times = joinList(f.hour.map((h) => `${pad(h)}:${pad(minute)}`), lang);
  const { dom, month, dow } = f;
  if (dom === '*' && month === '*' && dow === '*') return lang === 'en' ? `every day at ${times}${tz}` : `매일 ${times}${tz}`;
  if (dom === '*' && month === '*' && dow !== '*') {
    return lang === 'en' ? `at ${times} on ${weekdays(dow, lang)}${tz}` : `${weekdays(dow, lang)} ${times}${tz}`;
  }
  if (dom !== '*' && dom.length === 1 && dow === '*') {
    const d = dom[0];
    if (month === '*') return lang === 'en' ? `at ${times} on day ${d} of every month${tz}` : `매월 ${d}일 ${times}${tz}`;
    if (month.length === 1) return lang === 'en' ? `at ${times} on ${d} ${MONTHS_EN[month[0] - 1]}${tz}` : `매년 ${month[0]}월 ${d}일 ${times}${tz}`;
    return lang === 'en' ? `at ${times} on day ${d} of ${months(month, lang)}${tz}` : `${months(month, lang)} ${d}일 ${times}${tz}`;
  }
  return null;
}

/** "every day at 00:00 (UTC)" / "매일 00:00 (UTC)"; falls back to the expression. */
export function describeCron(expr: string, timezone: string, lang: Lang): string {
  let c: AirflowCron;
  try {
    c = new AirflowCron(expr, timezone);
  } catch {
    return lang === 'en' ? `cron "${expr}"` : `크론 "${expr}"`;
  }
  return subDaily(c, lang) ?? timesOfDay(c, lang) ?? (lang === 'en' ? `cron "${c.expression}" (${c.timezone})` : `크론 "${c.expression}" (${c.timezone})`);
}

const UNITS: Array<[number, string, string, string]> = [
  [86400, 'day', 'days', '일'],
  [3600, 'hour', 'hours', '시간'],
  [60, 'minute', 'minutes', '분'],
  [1, 'second', 'seconds', '초'],
];

/** "every 1 day" / "1일마다", "every 1 month" / "1개월마다". */
export function describeDelta(delta: DeltaSpec, lang: Lang): string {
  const parts: Array<[number, string, string]> = [];
  let seconds: number;
  if (delta.kind === 'timedelta') seconds = delta.seconds;
  else {
    if (delta.years) parts.push([delta.years, delta.years === 1 ? 'year' : 'years', '년']);
    if (delta.months) parts.push([delta.months, delta.months === 1 ? 'month' : 'months', '개월']);
    if (delta.weeks) parts.push([delta.weeks, delta.weeks === 1 ? 'week' : 'weeks', '주']);
    seconds = delta.days * 86400 + delta.hours * 3600 + delta.minutes * 60 + delta.seconds;
  }
  for (const [size, one, many, ko] of UNITS) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      parts.push([n, n === 1 ? one : many, ko]);
      seconds -= n * size;
    }
  }
  if (parts.length === 0) return lang === 'en' ? 'never (zero interval)' : '간격 0';
  return lang === 'en' ? `every ${parts.map(([n, u]) => `${n} ${u}`).join(' ')}` : `${parts.map(([n, , k]) => `${n}${k}`).join(' ')}마다`;
}

/** The timetable in words. */
export function describeTimetable(tt: Timetable, lang: Lang): string {
  switch (tt.name) {
    case 'NullTimetable':
      return lang === 'en' ? 'manual only' : '수동 실행만';
    case 'OnceTimetable':
      return lang === 'en' ? 'once' : '한 번';
    case 'ContinuousTimetable':
      return lang === 'en' ? 'continuously, one run at a time' : '연속 실행 (한 번에 하나씩)';
    case 'DeltaDataIntervalTimetable':
    case 'DeltaTriggerTimetable':
      return describeDelta((tt as unknown as { delta: DeltaSpec }).delta, lang);
    default: {
      const crons = tt.summary.split(', ');
      return joinList(crons.map((c) => describeCron(c, tt.timezone, lang)), lang);
    }
  }
}
