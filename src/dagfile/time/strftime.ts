// datetime.strftime and strptime for the common directives.

import { Temporal } from 'temporal-polyfill';
import { PyException } from '../errors.ts';
import { PyDateTime, resolveWall } from './values.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function strftime(dt: PyDateTime, fmt: string): string {
  const w = dt.wall;
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y':
        return pad(w.year, 4);
      case 'y':
        return pad(w.year % 100);
      case 'm':
        return pad(w.month);
      case 'd':
        return pad(w.day);
      case 'H':
        return pad(w.hour);
      case 'I':
        return pad(((w.hour + 11) % 12) + 1);
      case 'p':
        return w.hour < 12 ? 'AM' : 'PM';
      case 'M':
        return pad(w.minute);
      case 'S':
        return pad(w.second);
      case 'f':
        return pad(w.millisecond * 1000 + w.microsecond, 6);
      case 'j':
        return pad(w.dayOfYear, 3);
      case 'a':
        return DAYS[w.dayOfWeek - 1].slice(0, 3);
      case 'A':
        return DAYS[w.dayOfWeek - 1];
      case 'w':
        return String(w.dayOfWeek % 7);
      case 'b':
        return MONTHS[w.month - 1].slice(0, 3);
      case 'B':
        return MONTHS[w.month - 1];
      case 'z': {
        if (!dt.tz) return '';
        const off = resolveWall(w, dt.tz.name, dt.fold).offset;
        return off === 'Z' ? '+0000' : off.replace(':', '');
      }
      case 'Z':
        return dt.tz ? dt.tz.name : '';
      case '%':
        return '%';
      default:
        return m;
    }
  });
}

/** datetime.strptime for %Y %m %d %H %M %S %f and literal text. */
export function strptime(text: string, fmt: string): Temporal.PlainDateTime {
  const f: Record<string, number> = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0 };
  let i = 0;
  const fail = () => new PyException('ValueError', `time data '${text}' does not match format '${fmt}'`);
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k];
    if (c === '%' && k + 1 < fmt.length) {
      const d = fmt[++k];
      const widths: Record<string, [string, number]> = { Y: ['year', 4], m: ['month', 2], d: ['day', 2], H: ['hour', 2], M: ['minute', 2], S: ['second', 2], f: ['microsecond', 6] };
      if (d === '%') {
        if (text[i++] !== '%') throw fail();
        continue;
      }
      const spec = widths[d];
      if (!spec) throw new PyException('ValueError', `'${d}' is a bad directive in format '${fmt}'`);
      const mm = new RegExp(`^\\d{1,${spec[1]}}`).exec(text.slice(i));
      if (!mm) throw fail();
      f[spec[0]] = Number(d === 'f' ? mm[0].padEnd(6, '0') : mm[0]);
      i += mm[0].length;
    } else {
      if (text[i++] !== c) throw fail();
    }
  }
  if (i !== text.length) throw new PyException('ValueError', `unconverted data remains: ${text.slice(i)}`);
  try {
    return Temporal.PlainDateTime.from(
      { year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second, millisecond: Math.floor(f.microsecond / 1000), microsecond: f.microsecond % 1000 },
      { overflow: 'reject' },
    );
  } catch {
    throw fail();
  }
}
