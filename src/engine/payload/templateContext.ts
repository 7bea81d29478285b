// The Jinja template context of a task instance (shared AIRFLOW.md §9):
// 2.10 airflow/models/taskinstance.py::_get_template_context, and
// 3.x task-sdk/src/airflow/sdk/execution_time/task_runner.py::RuntimeTaskInstance.get_template_context.
import type { DagSpec, Profile, TaskSpec } from '../../dagfile/spec.ts';
import { resolveConfig, type Config } from '../config.ts';
import {
  configAccessor,
  connectionAccessor,
  DagObject,
  DagRunObject,
  TaskInstanceObject,
  TaskObject,
  variableAccessor,
  type ConnectionSpec,
  type XcomPullArgs,
} from './contextObjects.ts';
import { datetimeClass, PyDateTime, PyTimedelta, strptime } from './pyDatetime.ts';
import { pyArgs, pyJsonDumps, PyError, REQUIRED } from './pyValues.ts';

/** The last successful run before this one (TaskInstance.get_previous_dagrun(state=SUCCESS)). */
export interface PrevSuccessRun {
  logical_date: number | null;
  data_interval_start: number | null;
  data_interval_end: number | null;
  start_date: number | null;
  end_date: number | null;
}

export interface TemplateInput {
  dag: Partial<DagSpec> & Pick<DagSpec, 'dag_id'>;
  task: Partial<TaskSpec> & Pick<TaskSpec, 'task_id'>;
  run_id: string;
  /** scheduled | manual | backfill | dataset_triggered (2.10) | asset_triggered (3.x) */
  run_type: string;
  /** epoch ms; null only in 3.x (manual runs without a logical date, asset-triggered runs) */
  logical_date: number | null;
  data_interval_start: number | null;
  data_interval_end: number | null;
  /** 3.x dag_run.run_after; default data_interval_end, else logical_date */
  run_after?: number | null;
  dag_run_start_date?: number | null;
  dag_run_queued_at?: number | null;
  dag_run_state?: string;
  clear_number?: number;
  /** 2.10 DagRun.external_trigger; default: run_type === 'manual' */
  external_trigger?: boolean;
  /** dag_run.conf */
  conf?: Record<string, unknown>;
  /** task params on top of DAG params (the DAG's are read from `dag.params` when omitted) */
  params?: Record<string, unknown>;
  try_number: number;
  max_tries: number;
  map_index?: number;
  ti_state?: string | null;
  ti_start_date?: number | null;
  /** 3.x task_reschedule_count */
  task_reschedule_count?: number;
  prev_success?: PrevSuccessRun | null;
  /**
   * 2.10 prev_execution_date for non-manual runs: DAG.previous_schedule(logical_date), which is the
   * previous schedule point for data-interval timetables and None for all others. The engine computes it.
   */
  prev_execution_date?: number | null;
  /** 2.10 next_execution_date for non-manual runs: DAG.next_dagrun_info(interval, restricted=False).logical_date */
  next_execution_date?: number | null;
  variables?: Record<string, string>;
  connections?: Record<string, ConnectionSpec>;
  /** airflow.cfg for 2.10's `conf` and config-derived defaults; the profile's defaults when omitted */
  config?: Config;
  xcom_pull?: (args: XcomPullArgs) => unknown;
  /** the virtual clock, for macros.datetime.now() and macros.time.time() */
  now_ms?: number;
}

const dt = (ms: number | null | undefined): PyDateTime | null => (ms === null || ms === undefined ? null : new PyDateTime(ms));
const DAY_MS = 86_400_000;

/** airflow.macros (2.10) / airflow.sdk.execution_time.macros (3.x): the modelled subset. */
export function buildMacros(now_ms: () => number): Record<string, unknown> {
  return {
    ds_add: (...args: unknown[]) => {
      const a = pyArgs('ds_add', args, { ds: REQUIRED, days: REQUIRED });
      if (!Number(a.days)) return String(a.ds);
      return strptime(String(a.ds), '%Y-%m-%d').add({ __keywords: true, days: Number(a.days) }).strftime('%Y-%m-%d');
    },
    ds_format: (...args: unknown[]) => {
      const a = pyArgs('ds_format', args, { ds: REQUIRED, input_format: REQUIRED, output_format: REQUIRED });
      return strptime(String(a.ds), String(a.input_format)).strftime(String(a.output_format));
    },
    datetime: datetimeClass(now_ms),
    timedelta: (...args: unknown[]) => PyTimedelta.make(...args),
    json: {
      dumps: (...args: unknown[]) => {
        const a = pyArgs('dumps', args, { obj: REQUIRED, indent: null, sort_keys: false });
        return pyJsonDumps(a.obj, Boolean(a.sort_keys), a.indent === null ? null : Number(a.indent));
      },
      loads: (s: unknown) => {
        try {
          return JSON.parse(String(s));
        } catch (e) {
          throw new PyError('JSONDecodeError', (e as Error).message);
        }
      },
    },
    time: { time: () => now_ms() / 1000 },
  };
}

/** params: DAG params, then task params, then dag_run.conf if [core] dag_run_conf_overrides_params (process_params). */
function mergedParams(input: TemplateInput, config: Config): Record<string, unknown> {
  const params = { ...(input.dag.params ?? {}), ...(input.params ?? {}) };
  const overrides = config['core.dag_run_conf_overrides_params'] ?? true;
  if (overrides !== false && String(overrides).toLowerCase() !== 'false' && input.conf) Object.assign(params, input.conf);
  return params;
}

/** The date-derived keys both versions share (3.x only has them when the run has a logical date). */
function dateKeys(logical: number, input: TemplateInput): Record<string, unknown> {
  const ld = new PyDateTime(logical);
  const ds = ld.strftime('%Y-%m-%d');
  const ts = ld.isoformat();
  return {
    logical_date: ld,
    ds,
    ds_nodash: ds.replace(/-/g, ''),
    ts,
    ts_nodash: ld.strftime('%Y%m%dT%H%M%S'),
    ts_nodash_with_tz: ts.replace(/-/g, '').replace(/:/g, ''),
    data_interval_start: dt(input.data_interval_start),
    data_interval_end: dt(input.data_interval_end),
    prev_data_interval_start_success: dt(input.prev_success?.data_interval_start),
    prev_data_interval_end_success: dt(input.prev_success?.data_interval_end),
  };
}

/** 2.10's deprecated keys: prev/next/yesterday/tomorrow and execution_date. */
function deprecatedKeys(logical: number, input: TemplateInput): Record<string, unknown> {
  const manual = input.external_trigger ?? input.run_type === 'manual';
  // for manually triggered runs, prev/next "execution dates" are the run's own logical date
  const prev = manual ? logical : (input.prev_execution_date ?? null);
  const next = manual ? logical : (input.next_execution_date ?? null);
  const day = (ms: number | null): string | null => (ms === null ? null : new PyDateTime(ms).strftime('%Y-%m-%d'));
  const nodash = (s: string | null): string | null => (s === null ? null : s.replace(/-/g, ''));
  return {
    execution_date: new PyDateTime(logical),
    prev_execution_date: dt(prev),
    prev_ds: day(prev),
    prev_ds_nodash: nodash(day(prev)),
    next_execution_date: dt(next),
    next_ds: day(next),
    next_ds_nodash: nodash(day(next)),
    yesterday_ds: day(logical - DAY_MS),
    yesterday_ds_nodash: nodash(day(logical - DAY_MS)),
    tomorrow_ds: day(logical + DAY_MS),
    tomorrow_ds_nodash: nodash(day(logical + DAY_MS)),
    prev_execution_date_success: dt(input.prev_success?.logical_date),
  };
}

/** The part of a context that is the same for every task instance of a run (built once per run). */
export interface RunContext {
  /** what the part was built from: a new key means build again */
  key: string;
  parts: Record<string, unknown>;
  /** the clock macros.datetime.now() reads: moved to each task instance's start */
  clock: { now_ms: number };
}

/** What makes two task instances' run-level context the same. */
function runKey(input: TemplateInput, profile: Profile): string {
  const p = input.prev_success;
  return [
    profile, input.dag.dag_id, input.run_id, input.run_type, input.logical_date, input.data_interval_start, input.data_interval_end,
    input.run_after, input.dag_run_start_date, input.dag_run_queued_at, input.dag_run_state, input.clear_number, input.external_trigger,
    input.prev_execution_date, input.next_execution_date, p?.logical_date, p?.start_date, p?.end_date,
  ].join('|');
}

function runContext(input: TemplateInput, profile: Profile, clock: { now_ms: number }): Record<string, unknown> {
  const config = resolveConfig(profile, input.config ?? {});
  const now = (): number => clock.now_ms;
  const dagRun = new DagRunObject(
    {
      dag_id: input.dag.dag_id, run_id: input.run_id, run_type: input.run_type, logical_date: input.logical_date,
      data_interval_start: input.data_interval_start, data_interval_end: input.data_interval_end,
      run_after: input.run_after ?? input.data_interval_end ?? input.logical_date, start_date: input.dag_run_start_date ?? null,
      queued_at: input.dag_run_queued_at ?? null, external_trigger: input.external_trigger ?? input.run_type === 'manual',
      conf: input.conf ?? {}, state: input.dag_run_state ?? 'running', clear_number: input.clear_number ?? 0,
    },
    profile,
  );
  const vars = input.variables ?? {};
  const common: Record<string, unknown> = {
    dag: new DagObject(input.dag, profile, config),
    dag_run: dagRun,
    run_id: input.run_id,
    macros: buildMacros(now),
    var: { value: variableAccessor(vars, false, profile), json: variableAccessor(vars, true, profile) },
    conn: connectionAccessor(input.connections ?? {}),
    inlets: [],
    outlets: [],
    inlet_events: {},
    outlet_events: {},
    map_index_template: null,
    prev_start_date_success: dt(input.prev_success?.start_date),
    prev_end_date_success: dt(input.prev_success?.end_date),
  };
  if (profile === '2') {
    const logical = input.logical_date ?? input.data_interval_start ?? input.run_after ?? 0; // never null in 2.10
    return {
      ...common,
      ...dateKeys(logical, input),
      ...deprecatedKeys(logical, input),
      conf: configAccessor(config),
      test_mode: false,
      expanded_ti_count: null,
      triggering_dataset_events: {},
    };
  }
  const ctx: Record<string, unknown> = { ...common, triggering_asset_events: {} };
  return input.logical_date === null ? ctx : { ...ctx, ...dateKeys(input.logical_date, input) };
}

/**
 * The context a template of this task instance renders with, per profile: 2.10 has every key
 * (including the deprecated ones); 3.x drops the removed keys, and the date-derived keys when the
 * run has no logical date. Missing keys raise UndefinedError when used (StrictUndefined).
 * Pass the previous result's `run` back in to reuse the run-level part for the same run.
 */
export function buildTemplateContext(input: TemplateInput, profile: Profile, shared?: RunContext | null): Record<string, unknown> {
  return buildTemplateContextShared(input, profile, shared).context;
}

export function buildTemplateContextShared(
  input: TemplateInput,
  profile: Profile,
  shared?: RunContext | null,
): { context: Record<string, unknown>; run: RunContext } {
  const key = runKey(input, profile);
  let run = shared && shared.key === key ? shared : null;
  if (!run) {
    const clock = { now_ms: input.now_ms ?? 0 };
    run = { key, parts: runContext(input, profile, clock), clock };
  }
  run.clock.now_ms = input.now_ms ?? 0;
  const config = resolveConfig(profile, input.config ?? {});
  const task = new TaskObject(input.task, input.dag.dag_id, profile);
  const ti = new TaskInstanceObject(
    {
      dag_id: input.dag.dag_id, task_id: input.task.task_id, run_id: input.run_id, try_number: input.try_number, max_tries: input.max_tries,
      map_index: input.map_index ?? -1, state: input.ti_state === undefined ? 'running' : input.ti_state, logical_date: input.logical_date,
      start_date: input.ti_start_date ?? null, task, xcom_pull: input.xcom_pull,
    },
    profile,
  );
  const context: Record<string, unknown> = { ...run.parts, task, ti, task_instance: ti, params: mergedParams(input, config) };
  // dag__task__<ds_nodash>; in 3.x, for a run without a logical date, dag__task__<run_id>
  const suffix = typeof context.ds_nodash === 'string' ? context.ds_nodash : input.run_id;
  context.task_instance_key_str = `${input.dag.dag_id}__${input.task.task_id}__${suffix}`;
  if (profile === '3') context.task_reschedule_count = input.task_reschedule_count ?? 0;
  return { context, run };
}
