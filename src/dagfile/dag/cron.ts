// Cron validation as Airflow does it when a DAG is bagged: CronMixin.validate() calls croniter(expr)
// and turns its error into AirflowTimetableInvalid (2.10 airflow/timetables/_cron.py; 3.x
// task-sdk definitions/timetables/_cron.py). Messages follow croniter's, plus which field is wrong.

/** airflow/utils/dates.py::cron_presets (identical in 3.x). `@once`/`@continuous` are not cron. */
export const CRON_PRESETS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@quarterly': '0 0 1 */3 *',
  '@yearly': '0 0 1 1 *',
};

/** croniter's own aliases (croniter.py `_expand`), matched case-insensitively. Airflow passes an
 *  expression it does not know (e.g. "@midnight") through to croniter, which expands these. */
export const CRONITER_ALIASES: Readonly<Record<string, string>> = {
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** Every preset a schedule string may use: Airflow's, then croniter's. */
export const PRESETS: Readonly<Record<string, string>> = { ...CRONITER_ALIASES, ...CRON_PRESETS };

const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: null },
  { name: 'hour', min: 0, max: 23, names: null },
  { name: 'day-of-month', min: 1, max: 31, names: null },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const ORDINAL = ['1st', '2nd', '3rd', '4th', '5th'];

export interface CronProblem {
  /** croniter's message, as AirflowTimetableInvalid carries it */
  message: string;
  /** plain explanation */
  hint: string;
  /** true when valid for Airflow but not modelled by the simulator (6/7 fields) */
  unmodelled?: boolean;
}

export function checkCron(expr: string): CronProblem | null {
  const e = PRESETS[expr] ?? expr;
  const parts = e.trim().split(/\s+/).filter((x) => x !== '');
  if (parts.length < 5 || parts.length > 7) {
    const hint = expr.startsWith('@')
      ? `"${expr}" is not a preset. Presets are ${Object.keys(PRESETS).join(', ')}, "@once" and "@continuous".`
      : `A cron expression has 5 fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1-5". "${expr}" has ${parts.length}.`;
    return { message: 'Exactly 5, 6 or 7 columns has to be specified for iterator expression.', hint };
  }
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i];
    const problem = checkField(parts[i], f.min, f.max, f.names, i);
    if (problem) {
      const where = `the ${f.name} field (${ORDINAL[i]}) is "${parts[i]}"`;
      if (problem === 'range') {
        return { message: `[${e}] is not acceptable, out of range`, hint: `In "${expr}", ${where}: ${f.name} values go from ${f.min} to ${f.max}.` };
      }
      return { message: `[${e}] is not acceptable`, hint: `In "${expr}", ${where}, which is not a number, a range (a-b), a list (a,b), a step (*/n) or *.` };
    }
  }
  if (parts.length > 5) {
    return {
      message: `${parts.length}-field cron expressions are not modelled by this simulator`,
      hint: 'Airflow accepts croniter\'s seconds/year columns, but the simulator evaluates 5-field expressions only.',
      unmodelled: true,
    };
  }
  return null;
}

function checkField(field: string, min: number, max: number, names: readonly string[] | null, index: number): 'syntax' | 'range' | null {
  for (const item of field.split(',')) {
    if (item === '') return 'syntax';
    const [base, step, extra] = item.split('/');
    if (extra !== undefined) return 'syntax';
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return 'syntax';
    if (base === '*' || base === '?') continue;
    if (index === 2 && /^(l|\d*w|lw)$/i.test(base)) continue; // last day, nearest weekday
    if (index === 4 && /^([0-7]|[a-z]{3})(#[1-5]|l)$/i.test(base)) continue; // 5#3, 5L
    const range = base.split('-');
    if (range.length > 2) return 'syntax';
    for (const r of range) {
      const v = value(r, names, min);
      if (v === null) return 'syntax';
      if (v < min || v > max) return 'range';
    }
  }
  return null;
}

function value(s: string, names: readonly string[] | null, min: number): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (names) {
    const i = names.indexOf(s.toLowerCase());
    if (i >= 0) return i + min;
  }
  return null;
}
