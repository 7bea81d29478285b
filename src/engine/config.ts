// airflow.cfg defaults per profile (shared AIRFLOW.md §10) and the simulated cluster's sim.* keys.
import type { Profile } from '../dagfile/spec.ts';

export type ConfigValue = string | number | boolean;
export type Config = Record<string, ConfigValue>;

const COMMON: Config = {
  'core.parallelism': 32,
  'core.max_active_tasks_per_dag': 16,
  'core.max_active_runs_per_dag': 16,
  'core.default_pool_task_slot_count': 128,
  'core.default_task_retries': 0,
  'core.default_task_retry_delay': 300,
  'core.max_task_retry_delay': 86400,
  'core.default_task_weight_rule': 'downstream',
  'core.default_timezone': 'utc',
  'core.dags_are_paused_at_creation': true,
  'core.executor': 'LocalExecutor',
  'scheduler.max_tis_per_query': 16,
  'scheduler.max_dagruns_to_create_per_loop': 10,
  'scheduler.min_file_process_interval': 30,
  'scheduler.ignore_first_depends_on_past_by_default': true,
  'celery.worker_concurrency': 16,
  'sim.workers': 1,
  'sim.timezone': 'UTC',
};

export const PROFILE_DEFAULTS: Record<Profile, Config> = {
  '2': {
    ...COMMON,
    'scheduler.catchup_by_default': true,
    'scheduler.create_cron_data_intervals': true,
    // seconds without a heartbeat before a running task is a zombie (_find_zombies)
    'scheduler.scheduler_zombie_task_threshold': 300,
  },
  '3': {
    ...COMMON,
    'scheduler.catchup_by_default': false,
    'scheduler.create_cron_data_intervals': false,
    'scheduler.create_delta_data_intervals': false,
    // the 3.x name of the same limit (_find_task_instances_without_heartbeats)
    'scheduler.task_instance_heartbeat_timeout': 300,
  },
};

export const EXECUTORS = ['SequentialExecutor', 'LocalExecutor', 'CeleryExecutor'] as const;

/** Why a profile cannot run this executor, or null: an unknown name, or SequentialExecutor under 3
 *  (removed in Airflow 3.0: airflow-core has no sequential_executor.py). Unset means the default. */
export function executorProblem(profile: Profile, executor: unknown): 'unknown' | 'removed' | null {
  if (executor === undefined) return null;
  if (!(EXECUTORS as readonly unknown[]).includes(executor)) return 'unknown';
  return profile === '3' && executor === 'SequentialExecutor' ? 'removed' : null;
}

/** The profile's defaults with the user's keys on top. Unknown keys are the caller's to reject. */
export function resolveConfig(profile: Profile, user: Config = {}): Config {
  return { ...PROFILE_DEFAULTS[profile], ...user };
}

export function cfgNum(c: Config, key: string): number {
  const v = c[key];
  return typeof v === 'number' ? v : Number(v);
}

export function cfgBool(c: Config, key: string): boolean {
  const v = c[key];
  if (typeof v === 'boolean') return v;
  return String(v).toLowerCase() === 'true';
}

export function cfgStr(c: Config, key: string): string {
  return String(c[key]);
}

/** [core] default_timezone as an IANA name ("utc" -> "UTC"). */
export function defaultTimezone(c: Config): string {
  const tz = cfgStr(c, 'core.default_timezone');
  return tz.toLowerCase() === 'utc' ? 'UTC' : tz;
}
