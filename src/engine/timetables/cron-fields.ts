// Parses a 5-field cron expression the way croniter 6.0 expands it (croniter.py `_expand`), and
// rebuilds it as an explicit pattern for croner. Expanding ourselves keeps croniter's quirks that
// croner does not share (wrap-around ranges like `fri-mon`, `*` normalisation of full fields, which
// decides the day-of-month OR day-of-week rule and Airflow's "covers every hour" DST workaround).

export type CronFieldName = 'minute' | 'hour' | 'day of month' | 'month' | 'day of week';

interface FieldDef {
  name: CronFieldName;
  min: number;
  /** croniter's RANGES: day of week goes up to 7 (an alias of Sunday) */
  max: number;
  /** croniter's LEN_MEANS_ALL: this many distinct values normalise to `*` */
  all: number;
  names: Record<string, number>;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: FieldDef[] = [
  { name: 'minute', min: 0, max: 59, all: 60, names: {} },
  { name: 'hour', min: 0, max: 23, all: 24, names: {} },
  { name: 'day of month', min: 1, max: 31, all: 31, names: {} },
  { name: 'month', min: 1, max: 12, all: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, all: 7, names: WEEKDAYS },
];
const DOM = 2;
const DOW = 4;

/** An invalid cron expression. `field` says which of the five fields is wrong (null: the whole expression). */
export class CronSyntaxError extends Error {
  constructor(
    readonly expression: string,
    readonly field: CronFieldName | null,
    readonly detail: string,
    /** the text croniter puts in AirflowTimetableInvalid, when we know it exactly */
    readonly airflowMessage: string = `[${expression}] is not acceptable`,
  ) {
    super(`Invalid cron expression "${expression}": ${field ? `the ${field} field: ` : ''}${detail}`);
    this.name = 'CronSyntaxError';
  }
}

/** One expanded field: `'*'` (every value, as croniter normalises it) or the sorted values. */
export type Expanded = '*' | number[];

export interface CronFields {
  minute: Expanded;
  hour: Expanded;
  dom: Expanded;
  /** day of month `L` (last day of the month) */
  domLast: boolean;
  month: Expanded;
  dow: Expanded;
  /** `5#2`: [weekday, nth] pairs */
  dowNth: Array<[number, number]>;
  /** `l5`: last <weekday> of the month */
  dowLast: number[];
  /** croniter's `expanded[1] == ['*']`, Airflow's `_covers_every_hour` */
  coversEveryHour: boolean;
  /** the same schedule as a croner pattern */
  pattern: string;
}

interface Item {
  value: number | 'l';
  nth: number | 'l' | null;
}

class FieldParser {
  constructor(
    private readonly expr: string,
    private readonly index: number,
  ) {}

  private get def(): FieldDef {
    return FIELDS[this.index];
  }

  fail(detail: string, airflowMessage?: string): never {
    throw new CronSyntaxError(this.expr, this.def.name, detail, airflowMessage);
  }

  private toNumber(token: string): number | 'l' {
    if (/^\d+$/.test(token)) return this.alias(Number(token));
    if (this.index === DOM && token === 'l') return 'l';
    const named = this.def.names[token];
    if (named === undefined) this.fail(`"${token}" is not a number or a name this field accepts`);
    return named;
  }

  /** croniter's value_alias: day of week 7 is Sunday (0). */
  private alias(v: number): number {
    return this.index === DOW && v === 7 ? 0 : v;
  }

  private checkRange(v: number): void {
    const { min, max } = this.def;
    if (v < min || v > max) {
      this.fail(`"${v}" is out of range (${min}-${max})`, `[${this.expr}] is not acceptable, out of range`);
    }
  }

  /** Expands `a-b/s` the way croniter does, including wrap-around (`fri-mon`) and `x-x` (a whole cycle). */
  private expandRange(lowTok: string, highTok: string, stepTok: string): number[] {
    const { min, max } = this.def;
    if (!/^\d+$/.test(stepTok)) this.fail(`step "${stepTok}" is not a number`);
    const step = Number(stepTok);
    if (step === 0) this.fail('a step of 0 is not allowed');
    if (this.index === DOM && highTok === 'l') highTok = '31';
    const low = this.toNumber(lowTok);
    const high = this.toNumber(highTok);
    if (low === 'l' || high === 'l') this.fail('"L" cannot start a range');
    if (Math.max(low, high) > max) this.fail(`range ${lowTok}-${highTok} goes beyond ${max}`, `${this.expr} is out of bands`);
    const out: number[] = [];
    if (low > high) {
      for (let v = low; v <= max; v += step) out.push(v);
      const whole = max - min + 1;
      const last = out[out.length - 1];
      let skip = 0;
      if (out.length) {
        const alreadySkipped = max - last;
        const curpos = last - min;
        if (curpos + step > whole && alreadySkipped < step) skip = step - alreadySkipped;
      }
      for (let v = min + skip; v <= high; v += step) out.push(v);
    } else if (low === high) {
      for (let v = min; v <= max; v += step) out.push(v);
    } else {
      for (let v = low; v <= high; v += step) out.push(v);
    }
    return out.map((v) => this.alias(v));
  }

  private single(token: string): number | 'l' {
    if (token.startsWith('-')) this.fail('negative numbers are not allowed');
    const v = this.toNumber(token);
    if (v !== 'l') this.checkRange(v);
    return v;
  }

  private item(raw: string): Item[] {
    let token = raw;
    let nth: number | 'l' | null = null;
    if (this.index === DOW) {
      const hash = /^(.+)#(\d+)$/.exec(token);
      const last = /^l(\d+)$/.exec(token);
      if (hash) {
        nth = Number(hash[2]);
        if (nth < 1 || nth > 5) this.fail(`"#${hash[2]}": the nth weekday must be 1 to 5`);
        token = hash[1];
      } else if (last) {
        nth = 'l';
        token = last[1];
      }
    }
    const starStep = /^\*(\/.+)$/.exec(token);
    if (starStep) token = `${this.def.min}-${this.def.max}${starStep[1]}`;
    let m = /^([^-]+)-([^-/]+)(\/(\d+))?$/.exec(token);
    if (!m) {
      const slash = /^(.+)\/(.+)$/.exec(token);
      if (slash) {
        token = `${slash[1]}-${this.def.max}/${slash[2]}`;
        m = /^([^-]+)-([^-/]+)(\/(\S+))?$/.exec(token);
      }
    }
    if (m) return this.expandRange(m[1], m[2], m[4] ?? '1').map((value) => this.checked(value, nth));
    if (token === '*') return [];
    return [{ value: this.single(token), nth }];
  }

  private checked(value: number, nth: number | 'l' | null): Item {
    this.checkRange(value);
    return { value, nth };
  }

  parse(text: string): { star: boolean; items: Item[] } {
    if (/[hr]/.test(text) && !/^(?:[a-z]{3}|[\d*,/#l-])+$/.test(text)) {
      this.fail('hashed or random values (H, R) are not supported by the simulator');
    }
    if (text.includes('?')) {
      if (text !== '?') this.fail('"?" cannot be combined with other characters');
      if (this.index !== DOM && this.index !== DOW) this.fail('"?" is only allowed in day of month or day of week');
      text = '*';
    }
    if (text === '') this.fail('it is empty');
    const parts = text.split(',');
    let star = false;
    const items: Item[] = [];
    for (const part of parts) {
      if (part === '*') star = true;
      else items.push(...this.item(part));
    }
    return { star, items };
  }
}

function uniqueSorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** croniter's normalisation: a field listing every value is `*`, except day of month / day of week
 *  when the other one has no `*` in its text (croniter.py `_expand`, "avoid over-optimization"). */
function normalise(index: number, star: boolean, values: number[], texts: string[]): Expanded {
  if (star) return '*';
  const def = FIELDS[index];
  const full = values.length === def.all;
  if (!full) return values;
  if (index === DOM && !texts[DOW].includes('*')) return values;
  if (index === DOW && !texts[DOM].includes('*')) return values;
  return '*';
}

function croner(field: Expanded, extra: string[] = []): string {
  if (field === '*' && extra.length === 0) return '*';
  const list = field === '*' ? [] : field.map(String);
  return [...list, ...extra].join(',');
}

/** Parse and expand a 5-field cron expression (presets already replaced). Throws CronSyntaxError. */
export function parseCronFields(expression: string): CronFields {
  const texts = expression.trim().toLowerCase().split(/\s+/);
  if (texts.length !== 5) {
    const detail =
      texts.length === 6 || texts.length === 7
        ? `it has ${texts.length} fields; the simulator supports the usual 5 (minute hour day-of-month month day-of-week)`
        : `it has ${texts.length} field${texts.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day-of-month month day-of-week)`;
    throw new CronSyntaxError(expression, null, detail, 'Exactly 5, 6 or 7 columns has to be specified for iterator expression.');
  }
  const parsed = texts.map((t, i) => new FieldParser(expression, i).parse(t));
  const values = parsed.map((p) => uniqueSorted(p.items.filter((it) => it.value !== 'l' && it.nth === null).map((it) => it.value as number)));
  const dowSpecial = parsed[DOW].items.filter((it) => it.nth !== null);
  const dowNth = dowSpecial.filter((it) => it.nth !== 'l').map((it) => [it.value as number, it.nth as number] as [number, number]);
  const dowLast = dowSpecial.filter((it) => it.nth === 'l').map((it) => it.value as number);
  const domLast = parsed[DOM].items.some((it) => it.value === 'l');
  if (dowNth.length && values[DOW].length && values[DOW].length !== 7) {
    new FieldParser(expression, DOW).fail('mixing plain weekdays and nth weekdays (#) is not supported');
  }
  const star = (i: number) => parsed[i].star || (values[i].length === 0 && !(i === DOM && domLast) && !(i === DOW && dowSpecial.length));
  const exp = values.map((v, i) => normalise(i, star(i), v, texts));
  const dowExtra = [...dowNth.map(([d, n]) => `${d}#${n}`), ...dowLast.map((d) => `${d}L`)];
  const pattern = [
    croner(exp[0]),
    croner(exp[1]),
    croner(exp[DOM] === '*' && domLast ? [] : exp[DOM], domLast ? ['L'] : []),
    croner(exp[3]),
    croner(exp[DOW] === '*' && dowExtra.length ? [] : exp[DOW], dowExtra),
  ].join(' ');
  return {
    minute: exp[0],
    hour: exp[1],
    dom: exp[DOM],
    domLast,
    month: exp[3],
    dow: exp[DOW],
    dowNth,
    dowLast,
    coversEveryHour: exp[1] === '*',
    pattern,
  };
}
