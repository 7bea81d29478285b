// The corpus: DAG files in the style of Airflow's tutorials and example DAGs, and the structure each
// must produce. Expected values come from Airflow's own semantics (cited per test).
import { describe, expect, it } from 'vitest';
import { dag, edges, ids, parseCorpus, task, utc } from './helpers.ts';

describe('Airflow 2.10 corpus', () => {
  it('tutorial.py: default_args, doc_md, t1 >> [t2, t3]', () => {
    // airflow/example_dags/tutorial.py
    const r = parseCorpus('af2/tutorial.py', '2');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const d = dag(r, 'tutorial');
    expect(ids(d)).toEqual(['print_date', 'sleep', 'templated']);
    expect(edges(d)).toEqual({ print_date: [], sleep: ['print_date'], templated: ['print_date'] });
    expect(d.schedule).toEqual({ kind: 'delta', delta: { kind: 'timedelta', seconds: 86400 } });
    expect(d.schedule_text).toBe('timedelta(days=1)');
    expect(d.catchup).toBe(false);
    expect(d.start_date).toEqual({ epoch_ms: utc('2021-01-01T00:00:00Z'), tz: null });
    expect(d.description).toBe('A simple tutorial DAG');
    expect(d.tags).toEqual(['example']);
    expect(d.doc_md).toContain('This is a documentation placed anywhere'); // the second assignment wins
    expect(task(d, 'print_date').retries).toBe(1); // default_args
    expect(task(d, 'sleep').retries).toBe(3); // the task's own argument beats default_args
    expect(task(d, 'sleep').retry_delay_s).toBe(300);
    expect(task(d, 'print_date').doc_md).toMatch(/^#### Task Documentation/); // textwrap.dedent
    const tpl = task(d, 'templated').op;
    expect(tpl.kind === 'bash' && tpl.bash_command).toContain('{{ macros.ds_add(ds, 7)}}');
  });

  it('tutorial_taskflow_api.py: @dag/@task, XCom edges, # sim: directives', () => {
    // airflow/example_dags/tutorial_taskflow_api.py
    const r = parseCorpus('af2/tutorial_taskflow_api.py', '2');
    expect(r.errors).toEqual([]);
    const d = dag(r, 'tutorial_taskflow_api'); // the DAG id defaults to the function name
    expect(edges(d)).toEqual({ extract: [], transform: ['extract'], load: ['transform'] });
    expect(d.schedule).toEqual({ kind: 'none' });
    expect(d.timezone).toBe('UTC');
    expect(d.doc_md).toMatch(/^### TaskFlow API Tutorial Documentation/); // the function's docstring
    const t = task(d, 'transform');
    expect(t.operator).toBe('_PythonDecoratedOperator'); // airflow/decorators/python.py
    expect(t.operator_name).toBe('@task');
    expect(t.xcom_args).toEqual(['extract']);
    expect(t.sim).toMatchObject({ duration_s: 120, fail_tries: [1], returns: { total_order_value: 1236.7 } });
    expect(task(d, 'extract').sim.duration_s).toBe(5); // comment above the decorator
    expect(task(d, 'load').template_fields['op_args[0]']).toBe(
      "{{ task_instance.xcom_pull(task_ids='transform', dag_id='tutorial_taskflow_api', key='total_order_value') }}",
    );
  });

  it('example_branch_operator.py: loops, Label, trigger rule enum, branch directive', () => {
    // airflow/example_dags/example_branch_operator.py
    const r = parseCorpus('af2/example_branch_operator.py', '2');
    expect(r.errors).toEqual([]);
    const d = dag(r, 'example_branch_operator');
    expect(ids(d)).toEqual(['run_this_first', 'branching', 'join', 'branch_a', 'follow_a', 'branch_b', 'follow_b', 'branch_c', 'follow_c', 'branch_d', 'follow_d']);
    expect(task(d, 'branch_c').upstream_task_ids).toEqual(['branching']); // Label passes the edge through
    expect(task(d, 'join').upstream_task_ids).toEqual(['follow_a', 'follow_b', 'follow_c', 'follow_d']);
    expect(task(d, 'join').trigger_rule).toBe('none_failed_min_one_success');
    expect(task(d, 'branching').sim.branch).toEqual(['branch_b']);
    expect(task(d, 'branching').op.kind).toBe('branch');
  });

  it('example_task_group.py: prefixed ids, group roots/leaves, group default_args', () => {
    // airflow/example_dags/example_task_group.py; roots/leaves: airflow/utils/task_group.py get_roots/get_leaves
    const r = parseCorpus('af2/example_task_group.py', '2');
    expect(r.errors).toEqual([]);
    const d = dag(r, 'example_task_group');
    expect(edges(d)).toEqual({
      start: [],
      'section_1.task_1': ['start'],
      'section_1.task_2': ['section_1.task_1'],
      'section_1.task_3': ['section_1.task_1'],
      'section_2.task_1': ['section_1.task_2', 'section_1.task_3'],
      'section_2.inner_section_2.task_2': ['section_1.task_2', 'section_1.task_3'],
      'section_2.inner_section_2.task_3': ['section_1.task_2', 'section_1.task_3'],
      'section_2.inner_section_2.task_4': ['section_2.inner_section_2.task_2', 'section_2.inner_section_2.task_3'],
      end: ['section_2.task_1', 'section_2.inner_section_2.task_4'],
    });
    expect(task(d, 'section_2.inner_section_2.task_4').task_group).toBe('section_2.inner_section_2');
    expect(task(d, 'section_2.task_1').retries).toBe(4); // TaskGroup default_args
    expect(task(d, 'section_2.inner_section_2.task_2').retries).toBe(4); // inherited by the inner group
    expect(task(d, 'end').retries).toBe(0);
  });

  it('example_chain.py: chain pairs equal-length lists, cross_downstream links all', () => {
    // airflow/models/baseoperator.py chain / cross_downstream docstrings
    const d = dag(parseCorpus('af2/example_chain.py', '2'), 'example_chain');
    expect(edges(d)).toEqual({
      t1: [], t2: ['t1'], t3: ['t1'], t4: ['t2'], t5: ['t3'], t6: ['t4', 't5'],
      x1: ['t6'], x2: ['t6'], x3: ['t6'],
      y1: ['x1', 'x2', 'x3'], y2: ['x1', 'x2', 'x3'], y3: ['x1', 'x2', 'x3'],
    });
    expect(d.schedule).toEqual({ kind: 'cron', expr: '0 6 * * 1-5' });
  });

  it('example_loop.py: helper functions, comprehensions, default_args backoff', () => {
    const d = dag(parseCorpus('af2/example_loop.py', '2'), 'example_loop');
    expect(ids(d)).toEqual(['start', 'done', 'load_orders', 'load_users', 'check_0', 'check_1', 'skip_items']);
    expect(task(d, 'done').upstream_task_ids).toEqual(['check_0', 'check_1', 'skip_items']);
    expect(task(d, 'done').trigger_rule).toBe('all_done');
    const orders = task(d, 'load_orders');
    expect(orders.op).toMatchObject({ kind: 'bash', bash_command: 'echo loading orders; sleep 1800' });
    expect(orders.execution_timeout_s).toBe(3600);
    expect(orders.priority_weight).toBe(30);
    expect(orders.retry_exponential_backoff).toBe(2); // True: the 2.10 multiplier
    expect(orders.max_retry_delay_s).toBe(3600);
    expect(task(d, 'skip_items').op).toMatchObject({ skip_on_exit_code: [99, 100] });
    expect(task(d, 'check_0').op).toMatchObject({ skip_on_exit_code: [99] }); // BashOperator default
    expect(d.max_active_runs).toBe(1);
    expect(d.max_active_tasks).toBe(4);
  });

  it('example_sensors.py: every modelled sensor, defaults, ready_after', () => {
    // defaults: airflow/sensors/base.py (poke_interval 60, [sensors] default_timeout 7 days, mode poke)
    const d = dag(parseCorpus('af2/example_sensors.py', '2'), 'example_sensors');
    expect(d.timezone).toBe('Asia/Seoul');
    expect(task(d, 'wait_some_seconds').op).toMatchObject({ kind: 'sensor', sensor: 'time_delta', delta: { kind: 'timedelta', seconds: 2 }, poke_interval_s: 60, timeout_s: 604800, mode: 'poke' });
    expect(task(d, 'wait_for_noon').op).toMatchObject({ sensor: 'date_time', mode: 'reschedule', poke_interval_s: 300, target_time: '{{ data_interval_end.replace(hour=12) }}' });
    const file = task(d, 'wait_for_file');
    expect(file.op).toMatchObject({ sensor: 'file', timeout_s: 7200, soft_fail: true, filepath: '/tmp/data/{{ ds }}.csv' });
    expect(file.sim.ready_after_s).toBe(2700);
    expect(task(d, 'wait_for_upstream_dag').op).toMatchObject({ sensor: 'external_task', external_dag_id: 'upstream', external_task_id: 'load', execution_delta: { kind: 'timedelta', seconds: 3600 }, allowed_states: ['success', 'skipped'] });
    expect(task(d, 'success_sensor_python').op).toMatchObject({ sensor: 'python', exponential_backoff: true });
    const api = task(d, 'wait_for_api');
    expect(api.operator).toBe('DecoratedSensorOperator'); // airflow/decorators/sensor.py
    expect(api.op).toMatchObject({ sensor: 'python', timeout_s: 3600 });
    expect(api.sim.ready_after_s).toBe(600); // trailing comment on the def line
    expect(api.upstream_task_ids).toEqual(['wait_some_seconds', 'wait_for_noon', 'wait_for_file', 'wait_for_upstream_dag', 'success_sensor_python']);
  });

  it('example_trigger_dagrun.py: two DAGs in one file, TriggerDagRunOperator, env', () => {
    // airflow/example_dags/example_trigger_controller_dag.py and example_trigger_target_dag.py
    const r = parseCorpus('af2/example_trigger_dagrun.py', '2');
    expect(r.dags.map((x) => x.dag_id)).toEqual(['example_trigger_controller_dag', 'example_trigger_target_dag']);
    const c = dag(r, 'example_trigger_controller_dag');
    expect(c.schedule).toEqual({ kind: 'once' });
    expect(task(c, 'test_trigger_dagrun').op).toEqual({
      kind: 'trigger_dagrun',
      trigger_dag_id: 'example_trigger_target_dag',
      conf: { message: 'Hello World' },
      logical_date: null,
      wait_for_completion: true,
      poke_interval_s: 30,
    });
    const t = dag(r, 'example_trigger_target_dag');
    expect(ids(t)).toEqual(['run_this', 'bash_task']); // @task(task_id=...) overrides the function name
    expect(task(t, 'bash_task').op).toMatchObject({ env: { message: '{{ dag_run.conf.get("message") }}' } });
    expect(task(t, 'bash_task').template_fields['env.message']).toBe('{{ dag_run.conf.get("message") }}');
  });

  it('example_timezone_dst.py: DST gap forward, overlap later (pendulum) or earlier (zoneinfo)', () => {
    // AIRFLOW.md 1.8; pendulum.datetime defaults: tz=UTC, fold=1 (later); stdlib datetime fold=0
    const r = parseCorpus('af2/example_timezone_dst.py', '2');
    expect(r.errors).toEqual([]);
    expect(dag(r, 'ams_gap').start_date).toEqual({ epoch_ms: utc('2024-03-31T01:30:00Z'), tz: 'Europe/Amsterdam' });
    expect(dag(r, 'ams_gap').timezone).toBe('Europe/Amsterdam');
    expect(dag(r, 'ny_overlap').start_date).toEqual({ epoch_ms: utc('2024-11-03T06:30:00Z'), tz: 'America/New_York' });
    expect(dag(r, 'ny_overlap_zoneinfo').start_date).toEqual({ epoch_ms: utc('2024-11-03T05:30:00Z'), tz: 'America/New_York' });
    expect(dag(r, 'ny_overlap_zoneinfo').schedule).toEqual({ kind: 'delta', delta: { kind: 'relativedelta', years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 } });
    const naive = dag(r, 'naive_start');
    expect(naive.timezone).toBeNull();
    expect(naive.start_date).toEqual({ epoch_ms: utc('2024-01-01T00:00:00Z'), tz: null });
    expect(naive.end_date).toEqual({ epoch_ms: utc('2024-12-31T00:00:00Z'), tz: null });
    expect(task(naive, 'noop').start_date?.epoch_ms).toBe(utc('2024-02-01T00:00:00Z')); // later than the DAG's: kept
    expect(task(naive, 'noop').end_date?.epoch_ms).toBe(utc('2024-12-31T00:00:00Z')); // the DAG's end_date
    expect(dag(r, 'pendulum_utc').start_date).toEqual({ epoch_ms: utc('2024-01-01T00:00:00Z'), tz: 'UTC' });
  });

  it('naive datetimes follow ParseOptions.default_timezone', async () => {
    const { parseDagFile } = await import('../../src/dagfile/index.ts');
    const { readCorpus } = await import('./helpers.ts');
    const r = parseDagFile('tz.py', readCorpus('af2/example_timezone_dst.py'), { profile: '2', default_timezone: 'Asia/Seoul' });
    expect(dag(r, 'naive_start').start_date).toEqual({ epoch_ms: utc('2023-12-31T15:00:00Z'), tz: null });
  });

  it('example_timetables.py: timetable objects', () => {
    const r = parseCorpus('af2/example_timetables.py', '2');
    expect(dag(r, 'tt_cron_trigger').schedule).toEqual({
      kind: 'timetable', name: 'CronTriggerTimetable', crons: ['0 9 * * 1-5'], delta: null, timezone: 'Asia/Seoul',
      interval: { kind: 'timedelta', seconds: 3600 }, run_immediately: false,
    });
    expect(dag(r, 'tt_cron_interval').schedule).toMatchObject({ name: 'CronDataIntervalTimetable', crons: ['@daily'], timezone: 'UTC' });
    expect(dag(r, 'tt_delta').schedule).toMatchObject({ name: 'DeltaDataIntervalTimetable', delta: { kind: 'timedelta', seconds: 1800 } });
  });

  it('example_dag_variable.py: dag=dag, set_upstream/set_downstream, schedule_interval, start_date in default_args', () => {
    const r = parseCorpus('af2/example_dag_variable.py', '2');
    expect(r.errors).toEqual([]);
    // airflow/models/dag.py DAG.__init__: schedule_interval is deprecated in 2.10
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('Param `schedule_interval` is deprecated')]);
    const d = dag(r, 'example_dag_variable');
    expect(edges(d)).toEqual({ first: [], second: ['first'], third: ['second'] });
    expect(d.schedule).toEqual({ kind: 'cron', expr: '0 2 * * *' });
    expect(d.start_date).toBeNull(); // 2.10 keeps DAG.start_date None when it only comes from default_args
    expect(task(d, 'first').start_date?.epoch_ms).toBe(utc('2023-06-01T00:00:00Z'));
    expect(d.dagrun_timeout_s).toBe(7200);
    expect(d.is_paused_upon_creation).toBe(false);
    expect(task(d, 'first')).toMatchObject({ pool: 'etl_pool', pool_slots: 2, queue: 'etl', retries: 3, retry_delay_s: 30 });
    expect(task(d, 'second')).toMatchObject({ depends_on_past: true, template_fields: { 'op_kwargs.when': '{{ ds }}' } });
    expect(task(d, 'second').sim.returns).toBe('done');
    expect(task(d, 'third')).toMatchObject({ wait_for_downstream: true, depends_on_past: true }); // implied
  });

  it('example_sql.py: SQLExecuteQueryOperator and the deprecated SqliteOperator', () => {
    const r = parseCorpus('af2/example_sql.py', '2');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('Call to deprecated class SqliteOperator')]);
    const d = dag(r, 'example_sql');
    // SQLExecuteQueryOperator's defaults (providers/common/sql/operators/sql.py): autocommit False,
    // split_statements None, return_last True, handler fetch_all_handler, do_xcom_push True
    expect(task(d, 'create_table').op).toEqual({
      kind: 'sql', sql: 'CREATE TABLE IF NOT EXISTS events (ds TEXT, n INT);', conn_id: 'sqlite_default', sql_list: null,
      autocommit: false, split_statements: null, return_last: true, fetch: true, do_xcom_push: true, show_return_value_in_logs: false, parameters: null,
    });
    expect(task(d, 'insert').op).toMatchObject({ kind: 'sql', conn_id: 'sqlite_default', sql_list: 2 }); // sqlite_conn_id default; sql is a list of 2
    expect(task(d, 'insert').template_fields['sql[0]']).toBe("INSERT INTO events VALUES ('{{ ds }}', 1)");
  });

  it('example_taskflow_misc.py: @task.short_circuit/.bash/.branch, params, literal returns', () => {
    const d = dag(parseCorpus('af2/example_taskflow_misc.py', '2'), 'taskflow_misc');
    expect(ids(d)).toEqual(['small', 'medium', 'large', 'gate', 'is_weekday', 'say_hello', 'choose']);
    expect(d.params).toEqual({ limit: 10, mode: 'fast', region: 'eu' }); // @dag function arguments become params
    expect(task(d, 'is_weekday')).toMatchObject({ operator: '_ShortCircuitDecoratedOperator', op: { kind: 'short_circuit', ignore_downstream_trigger_rules: true } });
    expect(task(d, 'is_weekday').sim.returns).toBe(false);
    expect(task(d, 'say_hello')).toMatchObject({ operator: '_BashDecoratedOperator', op: { kind: 'bash', bash_command: 'echo hello {{ params.mode }}' } });
    expect(task(d, 'choose')).toMatchObject({ operator: '_BranchPythonDecoratedOperator', upstream_task_ids: ['gate'] });
    expect(task(d, 'choose').sim.branch).toEqual(['small', 'medium']);
    expect(task(d, 'gate').op).toEqual({ kind: 'short_circuit', ignore_downstream_trigger_rules: false });
    expect(task(d, 'large').upstream_task_ids).toEqual(['choose']);
  });

  it('example_dummy.py: DummyOperator is a deprecated alias of EmptyOperator in 2.10', () => {
    // airflow/operators/__init__.py __deprecated_classes["dummy"]
    const r = parseCorpus('af2/example_dummy.py', '2');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "DeprecationWarning: The `airflow.operators.dummy.DummyOperator` class is deprecated. Please use `'airflow.operators.empty.EmptyOperator'`.",
      'RemovedInAirflow3Warning: none_failed_or_skipped Trigger Rule is deprecated. Please use `none_failed_min_one_success`.',
    ]);
    const d = dag(r, 'example_dummy');
    expect(task(d, 'a').operator).toBe('EmptyOperator');
    expect(task(d, 'b').trigger_rule).toBe('none_failed_min_one_success');
  });
});

describe('Airflow 3 corpus', () => {
  it('tutorial_taskflow_api.py via airflow.sdk', () => {
    const r = parseCorpus('af3/tutorial_taskflow_api.py', '3');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(edges(dag(r, 'tutorial_taskflow_api'))).toEqual({ extract: [], transform: ['extract'], load: ['transform'] });
  });

  it('sdk_taskflow_groups.py: @task_group suffixes, override, extract__1', () => {
    // get_unique_task_id (airflow/decorators/base.py; task-sdk bases/decorator.py) and
    // TaskGroup add_suffix_on_collision for @task_group
    const d = dag(parseCorpus('af3/sdk_taskflow_groups.py', '3'), 'sdk_taskflow_groups');
    expect(edges(d)).toEqual({
      extract: [],
      extract_db: [],
      extract__1: [],
      merge: ['extract', 'extract_db'],
      'clean.dedupe': ['merge'],
      'clean.validate': ['clean.dedupe'],
      'clean__1.dedupe': ['extract__1'],
      'clean__1.validate': ['clean__1.dedupe', 'clean.validate'],
    });
    expect(task(d, 'extract')).toMatchObject({ retries: 2, retry_delay_s: 60, pool: 'api' });
    expect(task(d, 'extract_db').retries).toBe(0); // .override()
    expect(task(d, 'clean__1.dedupe')).toMatchObject({ retries: 5, task_group: 'clean__1' });
    expect(task(d, 'extract').sim).toMatchObject({ duration_s: 90, log: ['fetched rows', 'second line'], returns: 100 });
    expect(d).toMatchObject({ catchup: true, max_active_runs: 3, timezone: 'Asia/Seoul', schedule: { kind: 'cron', expr: '0 0 * * *' } });
    expect(d.start_date).toEqual({ epoch_ms: utc('2024-12-31T15:00:00Z'), tz: 'Asia/Seoul' });
  });

  it('sdk_classic.py: standard provider operators, Airflow 3 timetables, 3.1+ trigger rule', () => {
    const r = parseCorpus('af3/sdk_classic.py', '3');
    expect(r.errors).toEqual([]);
    const d = dag(r, 'sdk_classic');
    expect(d.schedule).toMatchObject({ kind: 'timetable', name: 'MultipleCronTriggerTimetable', crons: ['0 6 * * *', '30 18 * * 1-5'], timezone: 'Europe/Amsterdam' });
    expect(edges(d)).toEqual({ wait: [], branch: ['wait'], odd: ['branch'], even: ['branch'], join: ['odd', 'even'] });
    expect(task(d, 'join').trigger_rule).toBe('all_done_min_one_success');
    expect(task(d, 'odd').retry_exponential_backoff).toBe(3); // 3.2+ multiplier
    expect(task(d, 'branch').sim.branch).toBeNull(); // returns "odd" or "even": decided at run time
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining("branch task 'branch' in DAG 'sdk_classic' picks its branch at run time")]);
    expect(dag(r, 'sdk_delta').schedule).toMatchObject({ name: 'DeltaTriggerTimetable', delta: { kind: 'timedelta', seconds: 14400 } });
  });

  it('deprecated_imports.py: Airflow 2 paths work in 3 with deprecation warnings', () => {
    // airflow-core/src/airflow/{decorators,operators,utils}/__init__.py add_deprecated_classes
    const r = parseCorpus('af3/deprecated_imports.py', '3');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "DeprecationWarning: The `airflow.decorators.task` attribute is deprecated. Please use `'airflow.sdk.task'`.",
      "DeprecationWarning: The `airflow.operators.bash.BashOperator` attribute is deprecated. Please use `'airflow.providers.standard.operators.bash.BashOperator'`.",
      "DeprecationWarning: The `airflow.utils.task_group.TaskGroup` attribute is deprecated. Please use `'airflow.sdk.TaskGroup'`.",
    ]);
    expect(edges(dag(r, 'deprecated_imports'))).toEqual({ 'g.a': [], b: ['g.a'] });
  });

  it('the same Airflow 2 tutorial loads under profile 3 with warnings only', () => {
    const r = parseCorpus('af2/tutorial.py', '3');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("Import 'DAG' directly from the airflow module is deprecated"),
      expect.stringContaining('The `airflow.operators.bash.BashOperator` attribute is deprecated'),
      // task-sdk bases/operator.py (3.1+): email on tasks is deprecated; default_args carries it to every task
      'RemovedInAirflow4Warning: Setting email on a task is deprecated; please migrate to SmtpNotifier.',
    ]);
    expect(ids(dag(r, 'tutorial'))).toEqual(['print_date', 'sleep', 'templated']);
  });

  it('DummyOperator does not exist in Airflow 3', () => {
    const r = parseCorpus('af2/example_dummy.py', '3');
    expect(r.dags).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 5, column: 6 });
    expect(r.errors[0].message).toMatch(/^ModuleNotFoundError: No module named 'airflow.operators.dummy'/);
  });
});
