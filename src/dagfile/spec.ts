// The DAG spec: what a DAG file means, as plain data. It is the contract
// between the DAG-file reader (src/dagfile) and the engine (src/engine):
// roughly Airflow's serialized DAG. All instants are epoch milliseconds (UTC).

export type Profile = '2' | '3';

/** An aware instant plus the zone it was written in (null: naive, resolved with default_timezone). */
export interface DateTimeSpec {
  epoch_ms: number;
  /** IANA name of the tzinfo it was written with (pendulum tz= / ZoneInfo), or null when naive. */
  tz: string | null;
}

/** datetime.timedelta or dateutil.relativedelta. */
export type DeltaSpec =
  | { kind: 'timedelta'; seconds: number }
  | {
      kind: 'relativedelta';
      years: number;
      months: number;
      weeks: number;
      days: number;
      hours: number;
      minutes: number;
      seconds: number;
    };

/** The `schedule=` argument (or a timetable object) as written. The engine picks the timetable per profile. */
export type ScheduleSpec =
  | { kind: 'omitted' } // no schedule argument at all
  | { kind: 'none' } // schedule=None
  | { kind: 'once' } // "@once"
  | { kind: 'continuous' } // "@continuous"
  | { kind: 'cron'; expr: string } // a cron string or preset ("@daily", "0 6 * * 1-5")
  | { kind: 'delta'; delta: DeltaSpec } // timedelta / relativedelta
  | {
      kind: 'timetable';
      /** Class name as imported: CronDataIntervalTimetable, CronTriggerTimetable, DeltaDataIntervalTimetable,
       *  DeltaTriggerTimetable, MultipleCronTriggerTimetable. */
      name: string;
      crons: string[]; // one for Cron*, several for MultipleCronTriggerTimetable, empty for Delta*
      delta: DeltaSpec | null; // for Delta* timetables
      timezone: string | null; // timezone= argument, IANA name
      interval: DeltaSpec | null; // CronTriggerTimetable(interval=...)
      /** 3.x run_immediately: true/false, or a timedelta buffer. */
      run_immediately: boolean | DeltaSpec;
    };

export type TriggerRule =
  | 'all_success'
  | 'all_failed'
  | 'all_done'
  | 'all_done_setup_success'
  | 'all_done_min_one_success'
  | 'one_success'
  | 'one_failed'
  | 'one_done'
  | 'none_failed'
  | 'none_failed_min_one_success'
  | 'none_skipped'
  | 'all_skipped'
  | 'always'
  // 2.10 only, deprecated aliases (the engine maps them)
  | 'dummy'
  | 'none_failed_or_skipped';

export type WeightRule = 'downstream' | 'upstream' | 'absolute';

/**
 * How a task behaves when the simulated worker runs it. Bash tasks are interpreted from
 * their (templated) command; everything else is described by `# sim:` directives in the
 * file (see README, "Describing task behaviour"), with defaults where nothing is said.
 */
export interface SimDirectives {
  /** Run time in seconds (default: 1 for Python-like tasks; bash: what `sleep` adds up to). */
  duration_s: number | null;
  /** try_numbers that fail (AirflowException). */
  fail_tries: number[];
  /** every try fails */
  fail_always: boolean;
  /** the task raises AirflowSkipException */
  skip: boolean;
  /** the return value pushed to XCom (Python literal as JSON), undefined if not stated */
  returns?: unknown;
  /** branch tasks: task_ids to follow (when not readable from a literal `return`) */
  branch: string[] | null;
  /** sensors: seconds after the sensor's first poke at which its condition becomes true (null: per sensor kind) */
  ready_after_s: number | null;
  /** extra lines written to the task log */
  log: string[];
}

export type OperatorKind =
  | { kind: 'bash'; bash_command: string; env: Record<string, string> | null; skip_on_exit_code: number[] }
  | { kind: 'python' } // PythonOperator, @task
  | { kind: 'branch' } // BranchPythonOperator, @task.branch
  | { kind: 'short_circuit'; ignore_downstream_trigger_rules: boolean } // ShortCircuitOperator, @task.short_circuit
  | { kind: 'empty' } // EmptyOperator
  | {
      kind: 'trigger_dagrun';
      trigger_dag_id: string;
      conf: Record<string, unknown> | null;
      logical_date: string | null; // templated
      wait_for_completion: boolean;
      poke_interval_s: number;
    }
  | {
      // SQLExecuteQueryOperator / SqliteOperator (providers/common/sql/operators/sql.py)
      kind: 'sql';
      sql: string; // a list is joined with ';\n' here; its items are template_fields sql[0], sql[1], ...
      conn_id: string;
      /** sql was a list/tuple of statements (its length), null for a string */
      sql_list?: number | null;
      autocommit?: boolean; // default False
      split_statements?: boolean | null; // None: the hook's default (False)
      return_last?: boolean; // default True
      /** handler=None gives no results; otherwise fetch_all_handler (the default) */
      fetch?: boolean;
      do_xcom_push?: boolean;
      show_return_value_in_logs?: boolean;
      /** parameters as written (list/tuple: positional, dict: named), JSON values; strings are templated */
      parameters?: unknown[] | Record<string, unknown> | null;
    }
  | {
      kind: 'sensor';
      sensor: 'time_delta' | 'date_time' | 'external_task' | 'file' | 'python';
      poke_interval_s: number; // default 60
      timeout_s: number; // default 7 days
      mode: 'poke' | 'reschedule';
      soft_fail: boolean;
      exponential_backoff: boolean;
      delta: DeltaSpec | null; // TimeDeltaSensor
      target_time: string | null; // DateTimeSensor (templated string or ISO)
      external_dag_id: string | null;
      external_task_id: string | null; // null: wait for the whole DAG run
      execution_delta: DeltaSpec | null;
      allowed_states: string[];
      failed_states: string[];
      filepath: string | null;
    };

export interface TaskSpec {
  task_id: string; // full id, TaskGroup prefixes included ("group.task")
  /** Airflow's operator class name as shown in the UI: BashOperator, _PythonDecoratedOperator, ... */
  operator: string;
  /** the serialized DAG's _operator_name: "@task", "@task.branch" for TaskFlow (custom_operator_name); else = operator */
  operator_name?: string;
  /** direct upstream task_ids, in the order they were attached */
  upstream_task_ids: string[];
  /** the TaskGroup the task belongs to ("" = root) */
  task_group: string;
  op: OperatorKind;
  sim: SimDirectives;
  trigger_rule: TriggerRule;
  retries: number;
  retry_delay_s: number;
  /** 0/1 = no backoff; 2 = True (2.10, 3.0/3.1); 3.2+ may give another multiplier */
  retry_exponential_backoff: number;
  max_retry_delay_s: number | null;
  depends_on_past: boolean;
  wait_for_downstream: boolean;
  ignore_first_depends_on_past: boolean;
  wait_for_past_depends_before_skipping: boolean;
  pool: string;
  pool_slots: number;
  priority_weight: number;
  weight_rule: WeightRule;
  queue: string;
  execution_timeout_s: number | null;
  start_date: DateTimeSpec | null;
  end_date: DateTimeSpec | null;
  max_active_tis_per_dag: number | null;
  max_active_tis_per_dagrun: number | null;
  /** fields Airflow renders with Jinja, as written (bash_command, env values, sql, op_kwargs...) */
  template_fields: Record<string, string>;
  /** TaskFlow: the upstream tasks whose return values this task takes (XCom), by task_id */
  xcom_args: string[];
  doc_md: string | null;
  /** where the task is defined in its file (1-based) */
  line: number;
}

export interface DagSpec {
  dag_id: string;
  fileloc: string;
  /** where the DAG is defined (1-based) */
  line: number;
  schedule: ScheduleSpec;
  /** the schedule as the user wrote it, for display: "@daily", "timedelta(hours=1)", "None" */
  schedule_text: string;
  start_date: DateTimeSpec | null;
  end_date: DateTimeSpec | null;
  /** null: not given, the config's catchup_by_default decides */
  catchup: boolean | null;
  /** null: not given ([core] max_active_runs_per_dag) */
  max_active_runs: number | null;
  /** null: not given ([core] max_active_tasks_per_dag) */
  max_active_tasks: number | null;
  /** null: not given ([core] dags_are_paused_at_creation) */
  is_paused_upon_creation: boolean | null;
  dagrun_timeout_s: number | null;
  params: Record<string, unknown>;
  tags: string[];
  doc_md: string | null;
  description: string | null;
  /** the zone of start_date if aware, else null (the engine uses default_timezone) */
  timezone: string | null;
  tasks: TaskSpec[]; // in definition order
}

export interface ImportErrorSpec {
  filename: string;
  line: number; // 1-based
  column: number; // 1-based
  message: string;
}

/** What reading one file gives: the DAGs it defines, or the errors that stop it loading. */
export interface ParsedFile {
  filename: string;
  dags: DagSpec[];
  errors: ImportErrorSpec[];
  /** non-fatal notices, like Airflow's deprecation warnings */
  warnings: ImportErrorSpec[];
}

export interface ParseOptions {
  profile: Profile;
  /** [core] default_timezone, used for naive datetimes (default "UTC") */
  default_timezone?: string;
  /** [core] default_task_retries (default 0) */
  default_task_retries?: number;
  /** [core] default_task_retry_delay in seconds (default 300) */
  default_task_retry_delay_s?: number;
  /** [core] default_task_weight_rule (default "downstream") */
  default_task_weight_rule?: WeightRule;
  /** the virtual clock when the file is parsed (epoch ms), for datetime.now()/days_ago(); default: the real clock */
  now_ms?: number;
}
