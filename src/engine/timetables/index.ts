// Public API of the timetables package: what the scheduler, backfill, DAG processor and UI import.
export type { DagRunInfo, DataInterval, TimeRestriction, Timetable } from './types.ts';
export { AirflowCron, CRON_PRESETS, CronNoMatchError, CronSyntaxError, expandPreset, type CronFieldName } from './cron.ts';
export { CronDataIntervalTimetable } from './cron-data-interval.ts';
export { DeltaDataIntervalTimetable } from './delta-data-interval.ts';
export { CronTriggerTimetable } from './cron-trigger.ts';
export { DeltaTriggerTimetable } from './delta-trigger.ts';
export { MultipleCronTriggerTimetable } from './multiple-cron-trigger.ts';
export { NullTimetable } from './null.ts';
export { OnceTimetable } from './once.ts';
export { ContinuousTimetable } from './continuous.ts';
export { dagTimezone, makeTimetable, resolveCatchup, ScheduleError, timeRestriction } from './factory.ts';
export { backfillInfos2, backfillInfos3, checkBackfill3, infosBetween2, infosBetween3, type BackfillRefusal } from './iterate.ts';
export {
  backfillRunFields,
  dagRunGenerateRunId3,
  generateRunId,
  manualRunFields,
  randomRunIdSuffix,
  scheduledRunFields,
  zeroMicroseconds,
  type ManualTriggerOptions,
  type NewRunFields,
  type RunType,
} from './runid.ts';
export { describeCron, describeDelta, describeTimetable, type Lang } from './describe.ts';
