import { describe, expect, it } from 'vitest';
import { buildTemplateContext, type TemplateInput } from './templateContext.ts';
import { renderTemplate } from './template.ts';

const JUNE1 = Date.UTC(2024, 5, 1);
const JUNE2 = Date.UTC(2024, 5, 2);

function input(over: Partial<TemplateInput> = {}): TemplateInput {
  return {
    dag: { dag_id: 'etl', params: { region: 'eu' } },
    task: { task_id: 'extract', operator: 'BashOperator', retries: 2 },
    run_id: 'scheduled__2024-06-01T00:00:00+00:00',
    run_type: 'scheduled',
    logical_date: JUNE1,
    data_interval_start: JUNE1,
    data_interval_end: JUNE2,
    try_number: 1,
    max_tries: 2,
    ...over,
  };
}

const render = (tpl: string, over: Partial<TemplateInput> = {}, profile: '2' | '3' = '3'): string => {
  const r = renderTemplate(tpl, buildTemplateContext(input(over), profile));
  return r.ok ? r.text : `ERROR ${r.error}`;
};

describe('context keys per profile (AIRFLOW.md §9)', () => {
  // 2.10 airflow/models/taskinstance.py::_get_template_context, the dict literal
  const KEYS_210 = [
    'conf', 'dag', 'dag_run', 'data_interval_end', 'data_interval_start', 'outlet_events', 'ds', 'ds_nodash', 'execution_date',
    'expanded_ti_count', 'inlets', 'inlet_events', 'logical_date', 'macros', 'map_index_template', 'next_ds', 'next_ds_nodash',
    'next_execution_date', 'outlets', 'params', 'prev_data_interval_start_success', 'prev_data_interval_end_success', 'prev_ds',
    'prev_ds_nodash', 'prev_execution_date', 'prev_execution_date_success', 'prev_start_date_success', 'prev_end_date_success',
    'run_id', 'task', 'task_instance', 'task_instance_key_str', 'test_mode', 'ti', 'tomorrow_ds', 'tomorrow_ds_nodash',
    'triggering_dataset_events', 'ts', 'ts_nodash', 'ts_nodash_with_tz', 'var', 'conn', 'yesterday_ds', 'yesterday_ds_nodash',
  ];
  // 3.x task-sdk test_task_runner.py::test_get_context_with_ti_context_from_server, the expected dict
  const KEYS_3 = [
    'params', 'var', 'conn', 'dag', 'inlets', 'inlet_events', 'macros', 'map_index_template', 'outlet_events', 'outlets',
    'prev_data_interval_end_success', 'prev_data_interval_start_success', 'prev_end_date_success', 'prev_start_date_success',
    'run_id', 'task', 'task_instance', 'ti', 'dag_run', 'data_interval_end', 'data_interval_start', 'logical_date',
    'task_reschedule_count', 'triggering_asset_events', 'ds', 'ds_nodash', 'task_instance_key_str', 'ts', 'ts_nodash', 'ts_nodash_with_tz',
  ];

  it('2.10 has exactly the keys of _get_template_context', () => {
    expect(Object.keys(buildTemplateContext(input(), '2')).sort()).toEqual([...KEYS_210].sort());
  });
  it('3.x has exactly the keys of get_template_context with a logical date', () => {
    expect(Object.keys(buildTemplateContext(input(), '3')).sort()).toEqual([...KEYS_3].sort());
  });
  it('3.x without a logical date drops every date-derived key', () => {
    const keys = Object.keys(buildTemplateContext(input({ logical_date: null, data_interval_start: null, data_interval_end: null }), '3'));
    for (const k of ['logical_date', 'ds', 'ds_nodash', 'ts', 'ts_nodash', 'ts_nodash_with_tz', 'data_interval_start', 'data_interval_end', 'prev_data_interval_start_success', 'prev_data_interval_end_success']) {
      expect(keys).not.toContain(k);
    }
    expect(keys).toContain('prev_start_date_success');
  });
});

describe('values', () => {
  // test_task_runner.py::test_get_context_with_ti_context_from_server: logical date 2024-12-01T01:00Z
  it('ds / ts family for 2024-12-01T01:00Z (3.x test values)', () => {
    const ctx = buildTemplateContext(
      input({ dag: { dag_id: 'basic_task' }, task: { task_id: 'hello' }, logical_date: Date.UTC(2024, 11, 1, 1), data_interval_start: Date.UTC(2024, 11, 1, 1), data_interval_end: Date.UTC(2024, 11, 1, 1) }),
      '3',
    );
    expect(ctx).toMatchObject({
      ds: '2024-12-01',
      ds_nodash: '20241201',
      task_instance_key_str: 'basic_task__hello__20241201',
      ts: '2024-12-01T01:00:00+00:00',
      ts_nodash: '20241201T010000',
      ts_nodash_with_tz: '20241201T010000+0000',
    });
  });

  it('renders the documented template variables (3.x)', () => {
    expect(render('{{ ds }} {{ ds_nodash }} {{ ts }}')).toBe('2024-06-01 20240601 2024-06-01T00:00:00+00:00');
    // pendulum 3 DateTime.__str__ is isoformat(" ")
    expect(render('{{ data_interval_start }}|{{ data_interval_end }}|{{ logical_date }}')).toBe(
      '2024-06-01 00:00:00+00:00|2024-06-02 00:00:00+00:00|2024-06-01 00:00:00+00:00',
    );
    expect(render('{{ macros.ds_add(ds, 7) }} {{ macros.ds_add(ds, -1) }}')).toBe('2024-06-08 2024-05-31');
    expect(render("{{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}")).toBe('01/06/2024');
    expect(render('{{ ti.try_number }}/{{ ti.max_tries }} {{ task.task_id }} {{ dag.dag_id }} {{ run_id }}')).toBe(
      '1/2 extract etl scheduled__2024-06-01T00:00:00+00:00',
    );
    expect(render("{{ ds.replace('-', '') }}")).toBe('20240601');
  });

  it('airflow/macros ds_add / ds_format docstring examples', () => {
    expect(render("{{ macros.ds_add('2015-01-01', 5) }} {{ macros.ds_add('2015-01-06', -5) }}")).toBe('2015-01-06 2015-01-01');
    expect(render("{{ macros.ds_format('2015-01-01', '%Y-%m-%d', '%m-%d-%y') }} {{ macros.ds_format('1/5/2015', '%m/%d/%Y', '%Y-%m-%d') }}")).toBe('01-01-15 2015-01-05');
  });

  it('test_template_render: Task: {{ dag.dag_id }} -> {{ task.task_id }}', () => {
    const over = { dag: { dag_id: 'test_template_render' }, task: { task_id: 'test_template_render_task' } };
    expect(render('Task: {{ dag.dag_id }} -> {{ task.task_id }}', over, '2')).toBe('Task: test_template_render -> test_template_render_task');
    expect(render('Task: {{ dag.dag_id }} -> {{ task.task_id }}', over, '3')).toBe('Task: test_template_render -> test_template_render_task');
  });

  it('{% if ti.try_number < 2 %}exit 1{% endif %} fails the first try only', () => {
    expect(render('{% if ti.try_number < 2 %}exit 1{% endif %}', { try_number: 1 })).toBe('exit 1');
    expect(render('{% if ti.try_number < 2 %}exit 1{% endif %}', { try_number: 2 })).toBe('');
  });

  it('params: DAG params, then task params, then dag_run.conf (process_params)', () => {
    expect(render('{{ params.region }}')).toBe('eu');
    expect(render('{{ params.region }} {{ params.limit }}', { params: { limit: 10 } })).toBe('eu 10');
    expect(render('{{ params.region }} {{ dag_run.conf.region }}', { run_type: 'manual', conf: { region: 'us' } })).toBe('us us');
    expect(render('{{ params.region }}', { conf: { region: 'us' }, config: { 'core.dag_run_conf_overrides_params': false } })).toBe('eu');
  });

  it('prev_start_date_success and friends are None without a previous successful run', () => {
    expect(render('{{ prev_start_date_success }} {{ prev_data_interval_start_success }}')).toBe('None None');
    const prev = { logical_date: Date.UTC(2024, 4, 31), data_interval_start: Date.UTC(2024, 4, 31), data_interval_end: JUNE1, start_date: JUNE1 + 5000, end_date: JUNE1 + 65000 };
    expect(render('{{ prev_data_interval_start_success }} {{ prev_end_date_success }}', { prev_success: prev })).toBe(
      '2024-05-31 00:00:00+00:00 2024-06-01 00:01:05+00:00',
    );
    expect(render('{{ prev_execution_date_success }}', { prev_success: prev }, '2')).toBe('2024-05-31 00:00:00+00:00');
  });

  it('ti.xcom_pull(task_ids=...) goes through the provided callback', () => {
    const xcom_pull = ({ task_ids, key }: { task_ids: unknown; key: unknown }) => (task_ids === 'extract' && key === 'return_value' ? '42 rows' : null);
    expect(render("{{ ti.xcom_pull(task_ids='extract') }}", { xcom_pull })).toBe('42 rows');
    expect(render("{{ ti.xcom_pull('extract') }}", { xcom_pull })).toBe('42 rows');
    expect(render("{{ ti.xcom_pull(task_ids='missing') }}|{{ ti.xcom_pull(task_ids='missing', default='n/a') }}", { xcom_pull })).toBe('None|n/a');
  });

  it('3.x without a logical date: task_instance_key_str uses the run_id', () => {
    expect(render('{{ task_instance_key_str }}', { logical_date: null, run_id: 'manual__2024-06-01T10:00:00.123456+00:00' })).toBe(
      'etl__extract__manual__2024-06-01T10:00:00.123456+00:00',
    );
  });
});

describe('removed and deprecated keys (AIRFLOW.md §9)', () => {
  it('{{ execution_date }} renders in 2.10 but is undefined in 3.x (StrictUndefined: the task fails)', () => {
    expect(render('{{ execution_date }}', {}, '2')).toBe('2024-06-01 00:00:00+00:00');
    expect(render('{{ execution_date }}', {}, '3')).toBe("ERROR UndefinedError: 'execution_date' is undefined (line 1)");
    for (const k of ['next_ds', 'prev_ds', 'yesterday_ds', 'tomorrow_ds', 'next_execution_date', 'prev_execution_date', 'conf']) {
      expect(render(`{{ ${k} }}`, {}, '3')).toBe(`ERROR UndefinedError: '${k}' is undefined (line 1)`);
    }
  });

  it('3.x manual run without a logical date: {{ ds }} is undefined', () => {
    expect(render('{{ ds }}', { logical_date: null, data_interval_start: null, data_interval_end: null, run_type: 'manual' })).toBe(
      "ERROR UndefinedError: 'ds' is undefined (line 1)",
    );
  });

  // test_taskinstance.py::test_deprecated_context: yesterday/tomorrow are logical_date -/+ 1 day
  it('2.10 yesterday_ds / tomorrow_ds', () => {
    const over = { logical_date: Date.UTC(2016, 0, 1), data_interval_start: Date.UTC(2016, 0, 1), data_interval_end: Date.UTC(2016, 0, 2) };
    expect(render('{{ yesterday_ds }} {{ yesterday_ds_nodash }} {{ tomorrow_ds }} {{ tomorrow_ds_nodash }}', over, '2')).toBe(
      '2015-12-31 20151231 2016-01-02 20160102',
    );
  });

  it('2.10 manual runs: prev_ds and next_ds equal the run\'s own logical date', () => {
    const manual = { run_type: 'manual', logical_date: Date.UTC(2024, 5, 1, 10, 30), run_id: 'manual__2024-06-01T10:30:00+00:00' };
    expect(render('{{ prev_ds }} {{ next_ds }} {{ prev_execution_date }}', manual, '2')).toBe('2024-06-01 2024-06-01 2024-06-01 10:30:00+00:00');
  });

  // test_taskinstance.py::test_template_with_custom_timetable_deprecated_context: a non-data-interval
  // timetable has no previous schedule (None); next comes from next_dagrun_info
  it('2.10 prev_ds is None for timetables without a previous schedule', () => {
    const over = { logical_date: Date.UTC(2021, 8, 6), data_interval_start: Date.UTC(2021, 8, 6), data_interval_end: Date.UTC(2021, 8, 7), prev_execution_date: null, next_execution_date: Date.UTC(2021, 8, 7) };
    expect(render('{{ execution_date }}|{{ next_ds }}|{{ next_ds_nodash }}|{{ prev_ds }}|{{ prev_ds_nodash }}|{{ prev_execution_date }}', over, '2')).toBe(
      '2021-09-06 00:00:00+00:00|2021-09-07|20210907|None|None|None',
    );
  });
});

describe('var, conn and conf', () => {
  const vars = { a_variable: 'a test value', js: '{"a": {"test": "value"}}' };
  // test_taskinstance.py::test_template_with_variable / _json_variable / _variable_missing (2.10)
  it.each([
    ['{{ var.value.a_variable }}', 'a test value'],
    ['{{ var.value.get("a_variable") }}', 'a test value'],
    ['{{ var.value.get("a_variable", "unused_fallback") }}', 'a test value'],
    ['{{ var.value.get("missing_variable", "fallback") }}', 'fallback'],
    ['{{ var.json.js["a"]["test"] }}', 'value'],
    // Airflow's case has `}})` inside the tag; nunjucks' lexer ends the tag at the first `}}`, so spaced
    ['{{ var.json.get("missing_variable", {"a": {"test": "fallback"} })["a"]["test"] }}', 'fallback'],
  ])('%s -> %s', (tpl, want) => {
    expect(render(tpl, { variables: vars }, '2')).toBe(want);
    expect(render(tpl, { variables: vars }, '3')).toBe(want);
  });
  it('a missing variable raises (2.10 KeyError)', () => {
    expect(render('{{ var.value.get("missing_variable") }}', { variables: vars }, '2')).toBe("ERROR KeyError: 'Variable missing_variable does not exist' (line 1)");
    expect(render('{{ var.value.nope }}', {}, '2')).toBe("ERROR KeyError: 'Variable nope does not exist' (line 1)");
  });
  // test_taskinstance.py::test_template_with_connection (host/login/schema/extra_dejson cases)
  it('connections', () => {
    const connections = { a_connection: { conn_type: 'a_type', host: 'hostvalue', login: 'loginvalue', schema: 'schemavalues', extra: { extra__asana__workspace: 'extra1' } } };
    expect(render('{{ conn.get("a_connection").host }} {{ conn.a_connection.login }} {{ conn.a_connection.extra_dejson["extra__asana__workspace"] }}', { connections })).toBe('hostvalue loginvalue extra1');
    expect(render('{{ conn.get("missing_connection", {"host": "fallback_host"}).host }}', { connections })).toBe('fallback_host');
    expect(render('{{ conn.nope.host }}')).toBe('ERROR AirflowNotFoundException: The conn_id `nope` isn\'t defined (line 1)');
  });
  it('2.10 conf.get reads airflow.cfg', () => {
    expect(render("{{ conf.get('core', 'parallelism') }} {{ conf.getboolean('scheduler', 'catchup_by_default') }}", {}, '2')).toBe('32 True');
  });
});

describe('objects', () => {
  it('str() of dag, task and ti', () => {
    expect(render('{{ dag }} {{ task }}')).toBe('<DAG: etl> <Task(BashOperator): extract>');
    expect(render('{{ ti }}', {}, '2')).toBe('<TaskInstance: etl.extract scheduled__2024-06-01T00:00:00+00:00 [running]>');
  });
  it('dag_run fields', () => {
    expect(render('{{ dag_run.run_type }} {{ dag_run.logical_date }} {{ dag_run.run_after }}')).toBe('scheduled 2024-06-01 00:00:00+00:00 2024-06-02 00:00:00+00:00');
    expect(render('{{ dag_run.external_trigger }} {{ dag_run.execution_date }}', {}, '2')).toBe('False 2024-06-01 00:00:00+00:00');
  });
  it('task fields', () => {
    expect(render('{{ task.retries }} {{ task.retry_delay }} {{ task.owner }}')).toBe('2 0:05:00 airflow');
  });
});
