// The schedule in words (UI text; not an Airflow rule, so no Airflow file to cite).
import { describe, expect, it } from 'vitest';
import { ContinuousTimetable } from './continuous.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import { describeCron, describeDelta, describeTimetable } from './describe.ts';
import { DeltaTriggerTimetable } from './delta-trigger.ts';
import { MultipleCronTriggerTimetable } from './multiple-cron-trigger.ts';
import { NullTimetable } from './null.ts';
import { OnceTimetable } from './once.ts';
import { rel, td } from './test-helpers.ts';

describe('describeCron', () => {
  it.each([
    ['@daily', 'every day at 00:00 (UTC)', '매일 00:00 (UTC)'],
    ['*/15 * * * *', 'every 15 minutes', '15분마다'],
    ['@hourly', 'every hour', '매시 정각'],
    ['5 * * * *', 'every hour at minute 5', '매시 5분'],
    ['* * * * *', 'every minute', '매분'],
    ['0 9 * * 1-5', 'at 09:00 on Monday to Friday (UTC)', '월요일~금요일 09:00 (UTC)'],
    ['@weekly', 'at 00:00 on Sunday (UTC)', '일요일 00:00 (UTC)'],
    ['@monthly', 'at 00:00 on day 1 of every month (UTC)', '매월 1일 00:00 (UTC)'],
    ['@yearly', 'at 00:00 on 1 January (UTC)', '매년 1월 1일 00:00 (UTC)'],
    ['@quarterly', 'at 00:00 on day 1 of January, April, July and October (UTC)', '1월, 4월, 7월, 10월 1일 00:00 (UTC)'],
    ['30 6,18 * * *', 'every day at 06:30 and 18:30 (UTC)', '매일 06:30, 18:30 (UTC)'],
    ['0 */2 * * *', 'every 2 hours (UTC)', '2시간마다 (UTC)'],
  ])('%s', (expr, en, ko) => {
    expect(describeCron(expr, 'UTC', 'en')).toBe(en);
    expect(describeCron(expr, 'UTC', 'ko')).toBe(ko);
  });

  it('names the DAG time zone', () => {
    expect(describeCron('@daily', 'Europe/Amsterdam', 'en')).toBe('every day at 00:00 (Europe/Amsterdam)');
  });

  it('falls back to the expression', () => {
    expect(describeCron('0 0 L * *', 'UTC', 'en')).toBe('cron "0 0 L * *" (UTC)');
    expect(describeCron('not a cron', 'UTC', 'ko')).toBe('크론 "not a cron"');
  });
});

describe('describeDelta / describeTimetable', () => {
  it('deltas', () => {
    expect(describeDelta(td(86400), 'en')).toBe('every 1 day');
    expect(describeDelta(td(5400), 'ko')).toBe('1시간 30분마다');
    expect(describeDelta(rel({ months: 1 }), 'en')).toBe('every 1 month');
  });

  it('timetables', () => {
    expect(describeTimetable(new NullTimetable(), 'en')).toBe('manual only');
    expect(describeTimetable(new NullTimetable(), 'ko')).toBe('수동 실행만');
    expect(describeTimetable(new OnceTimetable('3'), 'en')).toBe('once');
    expect(describeTimetable(new ContinuousTimetable('3'), 'ko')).toBe('연속 실행 (한 번에 하나씩)');
    expect(describeTimetable(new DeltaTriggerTimetable(td(900)), 'en')).toBe('every 15 minutes');
    expect(describeTimetable(new CronTriggerTimetable('3', '@daily', 'Asia/Seoul'), 'ko')).toBe('매일 00:00 (Asia/Seoul)');
    expect(describeTimetable(new MultipleCronTriggerTimetable(['0 9 * * *', '*/30 * * * *'], 'UTC'), 'en')).toBe(
      'every day at 09:00 (UTC) and every 30 minutes',
    );
  });
});
