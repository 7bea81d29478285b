// Cron validation (croniter's rules as Airflow's CronMixin.validate applies them).
import { describe, expect, it } from 'vitest';
import { checkCron } from './cron.ts';

describe('checkCron', () => {
  it('accepts presets and ordinary expressions', () => {
    // presets: airflow/utils/dates.py cron_presets, plus croniter's own @annually/@midnight
    for (const e of ['@hourly', '@daily', '@weekly', '@monthly', '@quarterly', '@yearly', '@annually', '@midnight']) expect(checkCron(e)).toBeNull();
    for (const e of ['0 6 * * 1-5', '*/15 * * * *', '30 2 * * *', '0 0 1 */3 *', '0 9 * JAN-MAR mon,wed,fri', '5 4 * * sun', '0 0 L * *', '0 0 * * 5#3', '0 12 * * 7', '0-59/10 0,12 1-31 1-12 0-6']) {
      expect(checkCron(e)).toBeNull();
    }
  });

  it('names the field that is out of range', () => {
    expect(checkCron('0 24 * * *')).toEqual({ message: '[0 24 * * *] is not acceptable, out of range', hint: 'In "0 24 * * *", the hour field (2nd) is "24": hour values go from 0 to 23.' });
    expect(checkCron('60 * * * *')?.hint).toContain('the minute field (1st)');
    expect(checkCron('0 0 32 * *')?.hint).toContain('day-of-month values go from 1 to 31');
    expect(checkCron('0 0 1 13 *')?.hint).toContain('the month field (4th) is "13"');
    expect(checkCron('0 0 * * 8')?.hint).toContain('day-of-week values go from 0 to 7');
  });

  it('reports syntax it cannot read', () => {
    expect(checkCron('0 x * * *')).toMatchObject({ message: '[0 x * * *] is not acceptable' });
    expect(checkCron('*/0 * * * *')).toMatchObject({ message: '[*/0 * * * *] is not acceptable' });
    expect(checkCron('0 1-2-3 * * *')).toMatchObject({ message: '[0 1-2-3 * * *] is not acceptable' });
  });

  it('wrong number of fields, and unknown presets', () => {
    expect(checkCron('0 6 * *')?.message).toBe('Exactly 5, 6 or 7 columns has to be specified for iterator expression.');
    expect(checkCron('@every_day')?.hint).toContain('is not a preset');
  });

  it('6 and 7 fields are valid for Airflow but not modelled', () => {
    expect(checkCron('0 0 * * * 30')).toMatchObject({ unmodelled: true });
  });
});
