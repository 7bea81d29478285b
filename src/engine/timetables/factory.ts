// How `schedule=` becomes a timetable, per profile (shared AIRFLOW.md §1.1), the DAG's time restriction
// (§1.2), and the DAG-construction checks Airflow makes on the schedule.
// 2.10: airflow/models/dag.py::create_timetable, DAG.__init__, DAG._time_restriction.
// 3.x: task-sdk/src/airflow/sdk/definitions/dag.py::_create_timetable and its attrs validators;
//      airflow-core/src/airflow/serialization/definitions/dag.py::SerializedDAG._time_restriction.
import type { DagSpec, DeltaSpec, Profile, ScheduleSpec } from '../../dagfile/spec.ts';
import { cfgBool, cfgNum, defaultTimezone, type Config } from '../config.ts';
import { ContinuousTimetable } from './continuous.ts';
import { CronDataIntervalTimetable } from './cron-data-interval.ts';
import { CronTriggerTimetable } from './cron-trigger.ts';
import { CronSyntaxError, normaliseTimezone, UnknownTimezoneError } from './cron.ts';
import { DeltaDataIntervalTimetable } from './delta-data-interval.ts';
import { DeltaTriggerTimetable } from './delta-trigger.ts';
import { isPositiveDelta, nonPositiveDeltaMessage } from './delta.ts';
import { MultipleCronTriggerTimetable } from './multiple-cron-trigger.ts';
import { NullTimetable } from './null.ts';
import { OnceTimetable } from './once.ts';
import { ZERO_DELTA } from './trigger.ts';
import type { TimeRestriction, Timetable } from './types.ts';

/**
 * A DAG whose schedule Airflow refuses: it becomes an import error. `message` reads like the last
 * line of Airflow's traceback ("ValueError: DAG is missing the start_date parameter"), with a plain
 * explanation on the next line when we have one.
 */
export class ScheduleError extends Error {
  constructor(
    /** the Python exception class: ValueError, AirflowTimetableInvalid, ImportError, ... */
    readonly pyType: string,
    /** what Airflow prints after the colon */
    readonly airflowMessage: string,
    readonly hint: string | null = null,
  ) {
    super(`${pyType}: ${airflowMessage}${hint ? `\n${hint}` : ''}`);
    this.name = 'ScheduleError';
  }
}

const DAILY: DeltaSpec = { kind: 'timedelta', seconds: 86400 };

/** The zone crons are evaluated in: start_date's tzinfo if aware, else [core] default_timezone. */
export function dagTimezone(dag: DagSpec, config: Config): string {
  const tz = dag.timezone ?? dag.start_date?.tz ?? defaultTimezone(config);
  try {
    return normaliseTimezone(tz);
  } catch (e) {
    if (e instanceof UnknownTimezoneError) throw new ScheduleError('InvalidTimezone', `Invalid timezone: ${tz}`);
    throw e;
  }
}

/** `catchup=` as written, else [scheduler] catchup_by_default (2.10: True, 3.x: False). */
export function resolveCatchup(dag: DagSpec, config: Config): boolean {
  return dag.catchup ?? cfgBool(config, 'scheduler.catchup_by_default');
}

/**
 * DAG._time_restriction: earliest = min(DAG start_date, every task's start_date); latest = the DAG's
 * end_date, unless *every* task has an end_date, then the max of those and the DAG's. Both inclusive.
 */
export function timeRestriction(dag: DagSpec, catchup: boolean): TimeRestriction {
  const starts = dag.tasks.flatMap((t) => (t.start_date ? [t.start_date.epoch_ms] : []));
  if (dag.start_date) starts.push(dag.start_date.epoch_ms);
  const earliest = starts.length ? Math.min(...starts) : null;
  let latest = dag.end_date?.epoch_ms ?? null;
  const ends = dag.tasks.flatMap((t) => (t.end_date ? [t.end_date.epoch_ms] : []));
  if (ends.length === dag.tasks.length) {
    if (dag.end_date) ends.push(dag.end_date.epoch_ms);
    if (ends.length) latest = Math.max(...ends);
  }
  return { earliest, latest, catchup };
}

/** Builds the DAG's timetable and makes the checks Airflow makes when the DAG is defined and bagged.
 *  Throws ScheduleError (the DAG then fails to load). */
export function makeTimetable(dag: DagSpec, profile: Profile, config: Config): Timetable {
  const tz = dagTimezone(dag, config);
  const timetable = build(dag.schedule, profile, config, tz);
  checkDag(dag, profile, config, timetable);
  return timetable;
}

function build(s: ScheduleSpec, profile: Profile, config: Config, tz: string): Timetable {
  const dataIntervals = cfgBool(config, 'scheduler.create_cron_data_intervals');
  switch (s.kind) {
    case 'omitted': // 2.10: the deprecated implicit daily schedule; 3.x: no schedule.
      return profile === '2' ? new DeltaDataIntervalTimetable(DAILY, tz) : new NullTimetable(tz);
    case 'none':
      return new NullTimetable(tz);
    case 'once':
      return new OnceTimetable(profile, tz);
    case 'continuous':
      return new ContinuousTimetable(profile, tz);
    case 'cron':
      return cronTimetable(() =>
        dataIntervals ? new CronDataIntervalTimetable(s.expr, tz) : new CronTriggerTimetable(profile, s.expr, tz),
      );
    case 'delta':
      // 3.x keys the timedelta choice off create_cron_data_intervals too; nothing reads
      // create_delta_data_intervals (AIRFLOW.md §1.1).
      checkDelta(s.delta);
      return profile === '2' || dataIntervals ? new DeltaDataIntervalTimetable(s.delta, tz) : new DeltaTriggerTimetable(s.delta, ZERO_DELTA, tz);
    case 'timetable':
      return explicitTimetable(s, profile, tz);
  }
}

function cronTimetable<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof CronSyntaxError) throw new ScheduleError('AirflowTimetableInvalid', e.airflowMessage, e.message);
    if (e instanceof UnknownTimezoneError) throw new ScheduleError('InvalidTimezone', `Invalid timezone: ${e.timezone}`);
    throw e;
  }
}

function checkDelta(delta: DeltaSpec): void {
  if (!isPositiveDelta(delta)) throw new ScheduleError('AirflowTimetableInvalid', nonPositiveDeltaMessage(delta));
}

const MODULES: Record<string, string> = {
  CronDataIntervalTimetable: 'airflow.timetables.interval',
  DeltaDataIntervalTimetable: 'airflow.timetables.interval',
  CronTriggerTimetable: 'airflow.timetables.trigger',
  DeltaTriggerTimetable: 'airflow.timetables.trigger',
  MultipleCronTriggerTimetable: 'airflow.timetables.trigger',
};

function explicitTimetable(s: Extract<ScheduleSpec, { kind: 'timetable' }>, profile: Profile, dagTz: string): Timetable {
  const { name } = s;
  if (!(name in MODULES)) {
    throw new ScheduleError('ValueError', `${name} is not a timetable the simulator knows`, `Known: ${Object.keys(MODULES).join(', ')}`);
  }
  if (profile === '2' && (name === 'DeltaTriggerTimetable' || name === 'MultipleCronTriggerTimetable')) {
    throw new ScheduleError('ImportError', `cannot import name '${name}' from '${MODULES[name]}'`, `${name} was added in Airflow 2.11 / 3.0; Airflow 2.10 does not have it.`);
  }
  const needTimezone = () => {
    if (s.timezone === null) {
      const kw = name === 'CronDataIntervalTimetable' ? 'positional' : 'keyword-only';
      throw new ScheduleError('TypeError', `${name}.__init__() missing 1 required ${kw} argument: 'timezone'`);
    }
    return s.timezone;
  };
  const needDelta = () => {
    if (s.delta === null) throw new ScheduleError('TypeError', `${name}.__init__() missing 1 required positional argument: 'delta'`);
    checkDelta(s.delta);
    return s.delta;
  };
  const interval = s.interval ?? ZERO_DELTA;
  switch (name) {
    case 'CronDataIntervalTimetable':
      return cronTimetable(() => new CronDataIntervalTimetable(firstCron(s.crons, name), needTimezone()));
    case 'CronTriggerTimetable':
      if (profile === '2' && s.run_immediately !== false) {
        throw new ScheduleError('TypeError', "CronTriggerTimetable.__init__() got an unexpected keyword argument 'run_immediately'", 'run_immediately is new in Airflow 3.0.');
      }
      return cronTimetable(() => new CronTriggerTimetable(profile, firstCron(s.crons, name), needTimezone(), { interval, run_immediately: s.run_immediately }));
    case 'DeltaDataIntervalTimetable':
      return new DeltaDataIntervalTimetable(needDelta(), dagTz);
    case 'DeltaTriggerTimetable':
      return new DeltaTriggerTimetable(needDelta(), interval, dagTz);
    default: {
      if (s.crons.length === 0) throw new ScheduleError('ValueError', 'cron expression required');
      const tz = needTimezone();
      return cronTimetable(() => new MultipleCronTriggerTimetable(s.crons, tz, { interval, run_immediately: s.run_immediately }));
    }
  }
}

function firstCron(crons: string[], name: string): string {
  if (crons.length === 0) throw new ScheduleError('TypeError', `${name}.__init__() missing 1 required positional argument: 'cron'`);
  return crons[0];
}

/** Python truthiness of the schedule argument (2.10 DAG.__init__ `bool(a)`): None and timedelta(0) are falsy. */
function scheduleIsTruthy(s: ScheduleSpec): boolean {
  if (s.kind === 'omitted' || s.kind === 'none') return false;
  if (s.kind === 'cron') return s.expr !== '';
  if (s.kind === 'delta') return s.delta.kind === 'timedelta' ? s.delta.seconds !== 0 : Object.values(s.delta).some((v) => typeof v === 'number' && v !== 0);
  return true;
}

function checkDag(dag: DagSpec, profile: Profile, config: Config, timetable: Timetable): void {
  if (profile === '2' && scheduleIsTruthy(dag.schedule) && !dag.start_date) {
    throw new ScheduleError('ValueError', 'DAG is missing the start_date parameter', 'Airflow 2 needs a start_date (on the DAG or in default_args) for any schedule but None.');
  }
  if (profile === '3' && timetable.can_be_scheduled && resolveCatchup(dag, config) && !dag.start_date) {
    throw new ScheduleError('ValueError', 'start_date is required when catchup=True', 'Catchup needs a start date to know where to start from.');
  }
  const limit = timetable.active_runs_limit;
  const maxActiveRuns = dag.max_active_runs ?? cfgNum(config, 'core.max_active_runs_per_dag');
  if (limit !== null && limit < maxActiveRuns) {
    const cls = profile === '2' ? `<class 'airflow.timetables.simple.${timetable.name}'>` : timetable.name;
    throw new ScheduleError(
      profile === '2' ? 'AirflowException' : 'ValueError',
      `Invalid max_active_runs: ${cls} requires max_active_runs <= ${limit}`,
      `${timetable.summary} runs one DAG run at a time: set max_active_runs=${limit} on the DAG.`,
    );
  }
}
