// A small EngineContext for the CLI and action tests: a real Metastore and real
// timetables, DAG specs built by hand, and a record of what the commands asked the
// simulation to do (scheduler wake-ups, killed task instances, 2.10 backfill jobs).
import { createRunWithTasks } from '../scheduler/dagRuns.ts';
import type { DagSpec, Profile, ScheduleSpec, TaskSpec } from '../../dagfile/spec.ts';
import { resolveConfig, type Config } from '../config.ts';
import type { BackfillJob2, CommandResult, EngineContext, LoadedDag, NewDagRun } from '../context.ts';
import { Metastore } from '../metastore/metastore.ts';
import type { DagRunRow, TaskInstanceRow, TIState } from '../metastore/rows.ts';
import { makeTimetable, manualRunFields, resolveCatchup, timeRestriction } from '../timetables/index.ts';
import { AirflowError } from './errors.ts';

export interface TaskInit {
  task_id: string;
  upstream?: string[];
  retries?: number;
  depends_on_past?: boolean;
  operator?: string;
}

export interface DagInit {
  dag_id: string;
  schedule?: ScheduleSpec;
  start_date?: number | null;
  catchup?: boolean | null;
  max_active_runs?: number | null;
  tasks: TaskInit[];
  fileloc?: string;
}

export function taskSpec(t: TaskInit): TaskSpec {
  return {
    task_id: t.task_id,
    operator: t.operator ?? 'BashOperator',
    upstream_task_ids: t.upstream ?? [],
    task_group: '',
    op: { kind: 'bash', bash_command: 'echo hi', env: null, skip_on_exit_code: [99] },
    sim: { duration_s: null, fail_tries: [], fail_always: false, skip: false, branch: null, ready_after_s: null, log: [] },
    trigger_rule: 'all_success',
    retries: t.retries ?? 0,
    retry_delay_s: 300,
    retry_exponential_backoff: 0,
    max_retry_delay_s: null,
    depends_on_past: t.depends_on_past ?? false,
    wait_for_downstream: false,
    ignore_first_depends_on_past: true,
    wait_for_past_depends_before_skipping: false,
    pool: 'default_pool',
    pool_slots: 1,
    priority_weight: 1,
    weight_rule: 'downstream',
    queue: 'default',
    execution_timeout_s: null,
    start_date: null,
    end_date: null,
    max_active_tis_per_dag: null,
    max_active_tis_per_dagrun: null,
    template_fields: {},
    xcom_args: [],
    doc_md: null,
    line: 1,
  };
}

export function dagSpec(d: DagInit): DagSpec {
  return {
    dag_id: d.dag_id,
    fileloc: d.fileloc ?? `${d.dag_id}.py`,
    line: 1,
    schedule: d.schedule ?? { kind: 'cron', expr: '@daily' },
    schedule_text: '@daily',
    start_date: d.start_date === undefined ? { epoch_ms: Date.UTC(2024, 0, 1), tz: null } : d.start_date === null ? null : { epoch_ms: d.start_date, tz: null },
    end_date: null,
    catchup: d.catchup ?? null,
    max_active_runs: d.max_active_runs ?? null,
    max_active_tasks: null,
    is_paused_upon_creation: null,
    dagrun_timeout_s: null,
    params: {},
    tags: [],
    doc_md: null,
    description: null,
    timezone: null,
    tasks: d.tasks.map(taskSpec),
  };
}

export class FakeContext implements EngineContext {
  readonly config: Config;
  readonly db: Metastore;
  readonly loaded = new Map<string, LoadedDag>();
  readonly files = new Map<string, string>();
  now: number;
  wakes = 0;
  readonly killed: TaskInstanceRow[] = [];
  readonly backfillJobs: { job: BackfillJob2; result: CommandResult }[] = [];

  constructor(
    readonly profile: Profile,
    now: number,
    config: Config = {},
  ) {
    this.now = now;
    this.config = resolveConfig(profile, config);
    this.db = new Metastore(128);
  }

  addDag(init: DagInit, opts: { paused?: boolean } = {}): LoadedDag {
    const spec = dagSpec(init);
    const timetable = makeTimetable(spec, this.profile, this.config);
    const catchup = resolveCatchup(spec, this.config);
    const downstream = new Map<string, string[]>(spec.tasks.map((t) => [t.task_id, []]));
    for (const t of spec.tasks) for (const u of t.upstream_task_ids) downstream.get(u)!.push(t.task_id);
    const dag: LoadedDag = {
      spec,
      timetable,
      catchup,
      restriction: timeRestriction(spec, catchup),
      priorities: new Map(spec.tasks.map((t) => [t.task_id, 1])),
      tasks: new Map(spec.tasks.map((t) => [t.task_id, t])),
      downstream,
    };
    this.loaded.set(spec.dag_id, dag);
    this.files.set(spec.fileloc, '');
    this.db.dags.set(spec.dag_id, {
      dag_id: spec.dag_id,
      fileloc: spec.fileloc,
      is_paused: opts.paused ?? true,
      is_active: true,
      has_import_errors: false,
      timetable: timetable.name,
      timetable_summary: timetable.summary,
      max_active_runs: spec.max_active_runs ?? 16,
      max_active_tasks: 16,
      next_dagrun: null,
      next_dagrun_data_interval_start: null,
      next_dagrun_data_interval_end: null,
      next_dagrun_create_after: null,
      last_parsed_time: this.now,
      tags: [],
      owners: 'airflow',
    });
    return dag;
  }

  createDagRun(args: NewDagRun): DagRunRow {
    return createRunWithTasks(this.db, this.loaded.get(args.dag_id)!, args, this.now);
  }

  triggerDagRun(dag_id: string, opts: { logical_date?: number | null; run_id?: string | null; conf?: Record<string, unknown> }): DagRunRow {
    if (!this.db.dags.get(dag_id)) throw new AirflowError('airflow.exceptions.DagNotFound', `Dag id ${dag_id} not found in DagModel`);
    const dag = this.loaded.get(dag_id)!;
    const f = manualRunFields(this.profile, dag.timetable, this.now, { logicalDate: opts.logical_date ?? null, runId: opts.run_id ?? null });
    return this.createDagRun({ ...f, dag_id, run_type: 'manual', state: 'queued', conf: opts.conf ?? {}, triggered_by: 'cli' });
  }

  refreshNextDagRun(): void {}

  wakeScheduler(): void {
    this.wakes++;
  }

  killTaskInstance(ti: TaskInstanceRow): void {
    this.killed.push(ti);
  }

  audit(event: string, f: { dag_id?: string | null; task_id?: string | null; run_id?: string | null; extra?: string | null }): void {
    this.db.addAudit(this.now, event, f);
  }

  startBackfillJob2(job: BackfillJob2, result: CommandResult): void {
    this.backfillJobs.push({ job, result });
  }

  message(): void {}

  // ---- helpers for tests ----

  /** A finished scheduled-like run with every TI in `state` (try 1). */
  finishedRun(dag_id: string, run_id: string, logical: number, state: 'success' | 'failed', tiStates: Record<string, TIState> = {}): DagRunRow {
    const dag = this.loaded.get(dag_id)!;
    const info = dag.timetable.infer_manual_data_interval(logical);
    const run = this.createDagRun({
      dag_id,
      run_id,
      run_type: 'scheduled',
      state: 'running',
      logical_date: logical,
      data_interval: { start: logical, end: info.end },
      run_after: logical,
      triggered_by: 'timetable',
    });
    for (const ti of this.db.tisOf(run)) {
      this.db.setTIState(ti, tiStates[ti.task_id] ?? state);
      ti.try_number = 1;
      ti.start_date = logical;
      ti.end_date = logical + 60_000;
      ti.duration = 60;
    }
    this.db.setRunState(run, state);
    run.end_date = logical + 120_000;
    return run;
  }
}
