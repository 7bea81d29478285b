// Broken DAG files: each error Airflow reports as an import error ("Broken DAG"), with its line,
// column and message. Airflow's wording is quoted from the cited source; the second line is ours.
import { describe, expect, it } from 'vitest';
import type { ImportErrorSpec, ParsedFile } from '../../src/dagfile/index.ts';
import { parse } from './helpers.ts';

const H2 = `from datetime import datetime, timedelta
from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator
`;
const H3 = `import pendulum
from airflow.sdk import DAG, chain, task
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
`;
const OPEN2 = `with DAG("x", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:\n`;
const OPEN3 = `with DAG("x", start_date=pendulum.datetime(2025, 1, 1), schedule="@daily") as dag:\n`;

/** 1-based line/column of the n-th occurrence of `needle` in `src`. */
function at(src: string, needle: string, nth = 1): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = src.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not in source`);
  }
  const before = src.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function only(r: ParsedFile): ImportErrorSpec {
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}

function expectError(r: ParsedFile, pos: { line: number; column: number }, ...parts: (string | RegExp)[]): ImportErrorSpec {
  const e = only(r);
  expect({ line: e.line, column: e.column }).toEqual(pos);
  for (const p of parts) expect(e.message).toMatch(p);
  expect(e.filename).toBe('dag_file.py');
  return e;
}

describe('syntax errors lose the whole file', () => {
  it('reports the first lezer error node', () => {
    const src = `${H2}${OPEN2}    t = BashOperator(task_id="a", bash_command="echo")\n    x = = 1\n`;
    const r = parse(src, '2');
    expectError(r, at(src, '= 1'), /^SyntaxError: invalid syntax: unexpected '='/);
    expect(r.dags).toEqual([]);
  });

  it("an unclosed bracket points at the bracket, as CPython's tokenizer does", () => {
    const src = `${H2}with DAG("x", start_date=datetime(2024, 1, 1) as dag:\n    pass\n`;
    expectError(parse(src, '2'), at(src, '("x"'), "SyntaxError: '(' was never closed");
  });

  it('an unterminated string', () => {
    const src = `${H2}${OPEN2}    BashOperator(task_id="a, bash_command="echo")\n`;
    expectError(parse(src, '2'), at(src, '")\n') , /^SyntaxError: unterminated string literal \(detected at line 6\)/);
  });

  it('a Python 2 print statement', () => {
    const src = `${H2}print "hello dag"\n`;
    expectError(parse(src, '2'), at(src, 'print'), "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?");
  });
});

describe('names and imports', () => {
  it('NameError with a did-you-mean', () => {
    const src = `${H2}${OPEN2}    t = BashOperatr(task_id="a", bash_command="echo")\n`;
    expectError(parse(src, '2'), at(src, 'BashOperatr('), "NameError: name 'BashOperatr' is not defined. Did you mean: 'BashOperator'?");
  });

  it('NameError for a known operator that was not imported names the import', () => {
    const src = `from airflow.sdk import DAG\nwith DAG("x") as dag:\n    PythonOperator(task_id="a", python_callable=print)\n`;
    const e = expectError(parse(src, '3'), at(src, 'PythonOperator'), "NameError: name 'PythonOperator' is not defined");
    expect(e.message).toContain('from airflow.providers.standard.operators.python import PythonOperator');
  });

  it('an unmodelled provider is an import error naming it and listing what is supported', () => {
    const src = `${H2}from airflow.providers.amazon.aws.operators.s3 import S3CreateBucketOperator\n`;
    const e = expectError(parse(src, '2'), at(src, 'airflow.providers.amazon'), /^ImportError: airflow\.providers\.amazon\.aws\.operators\.s3 is not modelled by this simulator; supported operators are: BashOperator, /);
    expect(e.message).toContain('@task.sensor');
  });

  it('a name that does not exist in a modelled module', () => {
    const src = `from airflow import DAG\nfrom airflow.operators.bash import BashOperater\n`;
    expectError(parse(src, '2'), at(src, 'BashOperater'), "ImportError: cannot import name 'BashOperater' from 'airflow.operators.bash'. Did you mean: 'BashOperator'?");
  });

  it('Airflow 2-only modules are gone in Airflow 3', () => {
    // airflow-core/src/airflow/operators/__init__.py has no "dummy" entry
    const src = `from airflow import DAG\nfrom airflow.operators.dummy import DummyOperator\n`;
    const e = expectError(parse(src, '3'), at(src, 'airflow.operators.dummy'), "ModuleNotFoundError: No module named 'airflow.operators.dummy'");
    expect(e.message).toContain('airflow.providers.standard.operators.empty');
  });

  it('airflow.sdk does not exist in Airflow 2.10', () => {
    const src = `from airflow.sdk import DAG, dag\n`;
    const e = expectError(parse(src, '2'), at(src, 'airflow.sdk'), "ModuleNotFoundError: No module named 'airflow.sdk'");
    expect(e.message).toContain('from airflow.decorators import dag, task');
  });

  it('days_ago was removed in Airflow 3', () => {
    const src = `from airflow import DAG\nfrom airflow.utils.dates import days_ago\n`;
    expectError(parse(src, '3'), at(src, 'days_ago'), "ImportError: cannot import name 'days_ago' from 'airflow.utils.dates'", /pendulum\.today/);
  });

  it('try/except ImportError fallbacks work (example DAGs use them for TriggerRule)', () => {
    const src = `try:\n    from airflow.sdk import TriggerRule\nexcept ImportError:\n    from airflow.utils.trigger_rule import TriggerRule\nfrom airflow import DAG\nwith DAG("x", schedule=None) as dag:\n    pass\n`;
    const r = parse(src, '2');
    expect(r.errors).toEqual([]);
    expect(r.dags.map((d) => d.dag_id)).toEqual(['x']);
  });
});

describe('task errors (import time: the whole file fails)', () => {
  it('a missing task_id (2.10 positional-or-keyword, 3.x keyword-only)', () => {
    const src2 = `${H2}${OPEN2}    EmptyOperator()\n`;
    expectError(parse(src2, '2'), at(src2, 'EmptyOperator()'), "TypeError: BaseOperator.__init__() missing 1 required positional argument: 'task_id'");
    const src3 = `${H3}${OPEN3}    EmptyOperator()\n`;
    expectError(parse(src3, '3'), at(src3, 'EmptyOperator()'), "TypeError: BaseOperator.__init__() missing 1 required keyword-only argument: 'task_id'");
  });

  it("a duplicate task_id is Airflow's DuplicateTaskIdFound", () => {
    // airflow/models/dag.py DAG.add_task
    const src = `${H2}${OPEN2}    EmptyOperator(task_id="a")\n    EmptyOperator(task_id="a")\n`;
    expectError(parse(src, '2'), at(src, 'task_id="a"', 2), "DuplicateTaskIdFound: Task id 'a' has already been added to the DAG");
  });

  it('a missing required argument, pointing at its misspelling', () => {
    // airflow/models/baseoperator.py BaseOperatorMeta._apply_defaults: missing args are checked first
    const src = `${H2}${OPEN2}    BashOperator(task_id="a", bash_comand="echo")\n`;
    expectError(parse(src, '2'), at(src, 'bash_comand'), "AirflowException: missing keyword argument 'bash_command'", "'bash_comand' looks like a misspelling of 'bash_command'");
  });

  it('an unknown keyword argument to an operator', () => {
    // BaseOperator.__init__: AirflowException (2.10) / TypeError (3.x) "Invalid arguments were passed"
    const src = `${H2}${OPEN2}    EmptyOperator(task_id="a", retrys=3)\n`;
    expectError(parse(src, '2'), at(src, 'retrys'), "AirflowException: Invalid arguments were passed to EmptyOperator (task_id: a). Invalid arguments were:\n**kwargs: {'retrys': 3}", "did you mean 'retries'?");
    const src3 = `${H3}${OPEN3}    EmptyOperator(task_id="a", task_concurrency=1)\n`;
    expectError(parse(src3, '3'), at(src3, 'task_concurrency'), "TypeError: Invalid arguments were passed to EmptyOperator (task_id: a). Invalid arguments were:\n**kwargs: {'task_concurrency': 1}");
  });

  it('an unknown keyword argument to a TaskFlow decorator', () => {
    const src = `${H3}${OPEN3}    @task(retires=2)\n    def f():\n        pass\n    f()\n`;
    expectError(parse(src, '3'), at(src, 'retires'), 'TypeError: Invalid arguments were passed to _PythonDecoratedOperator (task_id: f).', "did you mean 'retries'?");
  });

  it('retries of the wrong type', () => {
    // parse_retries: int() or AirflowException (2.10) / RuntimeError (3.x)
    const src = `${H2}${OPEN2}    EmptyOperator(task_id="a", retries="three")\n`;
    expectError(parse(src, '2'), at(src, '"three"'), "AirflowException: 'retries' type must be int, not str");
    const src3 = `${H3}${OPEN3}    EmptyOperator(task_id="a", retries="three")\n`;
    expectError(parse(src3, '3'), at(src3, '"three"'), "RuntimeError: 'retries' type must be int, not str");
  });

  it('retries="3" is converted, with a warning in 2.10, as parse_retries does', () => {
    const src = `${H2}${OPEN2}    EmptyOperator(task_id="a", retries="3")\n`;
    const r = parse(src, '2');
    expect(r.errors).toEqual([]);
    expect(r.dags[0].tasks[0].retries).toBe(3);
    expect(r.warnings).toEqual([{ filename: 'dag_file.py', ...at(src, '"3"'), message: "Implicitly converting 'retries' from '3' to int" }]);
  });

  it('a bool argument of the wrong type', () => {
    // airflow/utils/helpers.py validate_instance_args
    const src = `${H2}${OPEN2}    EmptyOperator(task_id="a", depends_on_past="yes")\n`;
    expectError(parse(src, '2'), at(src, '"yes"'), "TypeError: 'depends_on_past' has an invalid type <class 'str'> with value yes, expected type is <class 'bool'>");
  });

  it('a trigger_rule that does not exist in the profile', () => {
    // 2.10 airflow/utils/trigger_rule.py has no all_done_min_one_success (3.1+)
    const src2 = `${H2}${OPEN2}    EmptyOperator(task_id="a", trigger_rule="all_done_min_one_success")\n`;
    expectError(parse(src2, '2'), at(src2, '"all_done_min_one_success"'), /^AirflowException: The trigger_rule must be one of \{'all_done', .*'x\.a'; received 'all_done_min_one_success'\./);
    // 3.x removed dummy
    const src3 = `${H3}${OPEN3}    EmptyOperator(task_id="a", trigger_rule="dummy")\n`;
    expectError(parse(src3, '3'), at(src3, '"dummy"'), /^ValueError: The trigger_rule must be one of \['all_success', .*'x\.a'; received 'dummy'\./, "Airflow 3 removed 'dummy': use 'always'");
    const typo = `${H3}${OPEN3}    EmptyOperator(task_id="a", trigger_rule="all_sucess")\n`;
    expectError(parse(typo, '3'), at(typo, '"all_sucess"'), "Did you mean 'all_success'?");
  });

  it('a sensor mode that does not exist', () => {
    const src = `${H2}from airflow.sensors.time_delta import TimeDeltaSensor\n${OPEN2}    TimeDeltaSensor(task_id="w", delta=timedelta(1), mode="sleep")\n`;
    expectError(parse(src, '2'), at(src, '"sleep"'), "AirflowException: The mode must be one of ['poke', 'reschedule'],'x .w'; received 'sleep'.");
  });

  it('a TaskFlow call that does not match the function signature', () => {
    // airflow/decorators/base.py DecoratedOperator: signature.bind(*op_args, **op_kwargs)
    const src = `${H3}${OPEN3}    @task\n    def load(rows):\n        pass\n    load()\n`;
    expectError(parse(src, '3'), at(src, 'load()'), "TypeError: missing a required argument: 'rows'");
  });

  it('dynamic task mapping is not modelled', () => {
    const src = `${H3}${OPEN3}    @task\n    def f(x):\n        pass\n    f.expand(x=[1, 2])\n`;
    expectError(parse(src, '3'), at(src, 'expand'), /^Not supported by the simulator: dynamic task mapping \(\.expand\)/);
  });
});

describe('dependency errors', () => {
  it('list >> list is a TypeError in Python', () => {
    const src = `${H2}${OPEN2}    a, b, c, d = [EmptyOperator(task_id=i) for i in "abcd"]\n    [a, b] >> [c, d]\n`;
    expectError(parse(src, '2'), at(src, '>> [c'), "TypeError: unsupported operand type(s) for >>: 'list' and 'list'", /cross_downstream/);
  });

  it('chain() of lists with different lengths', () => {
    // airflow/models/baseoperator.py chain: AirflowException (2.10) / ValueError (3.x)
    const src = `${H3}${OPEN3}    a, b, c = [EmptyOperator(task_id=i) for i in "abc"]\n    chain(a, [b, c], [a])\n`;
    expectError(parse(src, '3'), at(src, '[a])'), 'ValueError: Chain not supported for different length Iterable. Got 2 and 1.');
  });

  it('tasks of two DAGs cannot be linked', () => {
    const src = `${H2}${OPEN2}    a = EmptyOperator(task_id="a")\nwith DAG("y", schedule=None) as y:\n    b = EmptyOperator(task_id="b")\na >> b\n`;
    expectError(parse(src, '2'), at(src, '>> b'), /^AirflowException: Tried to set relationships between tasks in more than one DAG: \{<DAG: x>, <DAG: y>\}/);
  });
});

describe('DAG errors', () => {
  it('an unknown DAG keyword argument, with a did-you-mean', () => {
    const src = `${H2}with DAG("x", start_date=datetime(2024, 1, 1), schedul="@daily") as dag:\n    pass\n`;
    expectError(parse(src, '2'), at(src, 'schedul='), "TypeError: DAG.__init__() got an unexpected keyword argument 'schedul'. Did you mean 'schedule'?");
  });

  it('schedule_interval is gone in Airflow 3 (deprecated in 2.10)', () => {
    // task-sdk definitions/dag.py: attrs fields have no schedule_interval
    const src = `from airflow.sdk import DAG\nwith DAG("x", schedule_interval="@daily") as dag:\n    pass\n`;
    expectError(parse(src, '3'), at(src, 'schedule_interval'), "TypeError: DAG.__init__() got an unexpected keyword argument 'schedule_interval'", 'Airflow 3 removed schedule_interval: write schedule= instead.');
    const src2 = `${H2}with DAG("x", start_date=datetime(2024, 1, 1), schedule_interval="@daily") as dag:\n    pass\n`;
    const r2 = parse(src2, '2');
    expect(r2.errors).toEqual([]);
    expect(r2.warnings[0]).toMatchObject({ ...at(src2, 'schedule_interval'), message: expect.stringContaining('Param `schedule_interval` is deprecated') });
  });

  it('a schedule of the wrong type', () => {
    // airflow/models/dag.py create_timetable / task-sdk definitions/dag.py _create_timetable
    const src2 = `${H2}with DAG("x", start_date=datetime(2024, 1, 1), schedule=5) as dag:\n    pass\n`;
    expectError(parse(src2, '2'), at(src2, '5)'), 'ValueError: 5 is not a valid schedule_interval.');
    const src3 = `from airflow.sdk import DAG\nwith DAG("x", schedule=5) as dag:\n    pass\n`;
    expectError(parse(src3, '3'), at(src3, '5)'), 'ValueError: 5 is not a valid schedule.');
  });

  it('max_active_runs of the wrong type (2.10 validate_instance_args, 3.x attrs instance_of)', () => {
    const src2 = `${H2}with DAG("x", start_date=datetime(2024, 1, 1), max_active_runs="3") as dag:\n    pass\n`;
    expectError(parse(src2, '2'), at(src2, '"3"'), "TypeError: 'max_active_runs' has an invalid type <class 'str'> with value 3, expected type is <class 'int'>");
    const src3 = `from airflow.sdk import DAG\nwith DAG("x", max_active_runs="3") as dag:\n    pass\n`;
    expectError(parse(src3, '3'), at(src3, '"3"'), "TypeError: 'max_active_runs' must be <class 'int'> (got '3' that is a <class 'str'>).");
  });

  it('catchup=True without start_date under profile 3', () => {
    // task-sdk definitions/dag.py DAG._validate_catchup
    const src = `from airflow.sdk import DAG\nwith DAG("x", schedule="@daily", catchup=True) as dag:\n    pass\n`;
    expectError(parse(src, '3'), at(src, 'catchup'), 'ValueError: start_date is required when catchup=True');
    const ok = `from airflow.sdk import DAG\nwith DAG("x", schedule=None, catchup=True) as dag:\n    pass\n`;
    expect(parse(ok, '3').errors).toEqual([]); // NullTimetable cannot be scheduled: no check
  });

  it('a scheduled DAG without start_date under profile 2', () => {
    // airflow/models/dag.py DAG.__init__
    const src = `${H2}with DAG("x", schedule="@daily") as dag:\n    pass\n`;
    expectError(parse(src, '2'), at(src, 'DAG("x"'), 'ValueError: DAG is missing the start_date parameter');
  });

  it('@continuous without max_active_runs=1', () => {
    // 2.10 DAG.__init__ (AirflowException), 3.x DAG._validate_max_active_runs (ValueError)
    const src2 = `${H2}with DAG("x", start_date=datetime(2024, 1, 1), schedule="@continuous") as dag:\n    pass\n`;
    expectError(parse(src2, '2'), at(src2, '"@continuous"'), "AirflowException: Invalid max_active_runs: <class 'airflow.timetables.simple.ContinuousTimetable'> requires max_active_runs <= 1");
    const src3 = `from airflow.sdk import DAG\nwith DAG("x", schedule="@continuous", max_active_runs=2) as dag:\n    pass\n`;
    expectError(parse(src3, '3'), at(src3, 'max_active_runs'), 'ValueError: Invalid max_active_runs: ContinuousTimetable requires max_active_runs <= 1');
    const ok = `from airflow.sdk import DAG\nwith DAG("x", schedule="@continuous", max_active_runs=1) as dag:\n    pass\n`;
    expect(parse(ok, '3').dags[0].schedule).toEqual({ kind: 'continuous' });
  });

  it('dag_id rules: allowed characters and 250 characters at most', () => {
    // airflow/utils/helpers.py validate_key; task-sdk definitions/_internal/node.py validate_key
    const bad = `${H2}with DAG("my dag", schedule=None) as dag:\n    pass\n`;
    expectError(parse(bad, '2'), at(bad, '"my dag"'), "AirflowException: The key 'my dag' has to be made of alphanumeric characters, dashes, dots and underscores exclusively");
    const long = `from airflow.sdk import DAG\nwith DAG("${'d'.repeat(251)}", schedule=None) as dag:\n    pass\n`;
    expectError(parse(long, '3'), at(long, '"ddd'), 'ValueError: The key has to be less than 250 characters, not 251');
    // Python's \\w is Unicode: Korean ids are valid
    expect(parse(`from airflow.sdk import DAG\nwith DAG("매일_적재", schedule=None) as dag:\n    pass\n`, '3').dags[0].dag_id).toBe('매일_적재');
  });

  it('an unknown time zone (pendulum and zoneinfo)', () => {
    const src = `import pendulum\nfrom airflow import DAG\nwith DAG("x", start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Seol"), schedule=None) as dag:\n    pass\n`;
    expectError(parse(src, '2'), at(src, '"Asia/Seol"'), "InvalidTimezone: Invalid timezone 'Asia/Seol'", /Asia\/Seoul/);
    const z = `from datetime import datetime\nfrom zoneinfo import ZoneInfo\nfrom airflow.sdk import DAG\nwith DAG("x", start_date=datetime(2024, 1, 1, tzinfo=ZoneInfo("europe/amsterdam")), schedule=None) as dag:\n    pass\n`;
    expectError(parse(z, '3'), at(z, '"europe/amsterdam"'), "ZoneInfoNotFoundError: 'No time zone found with key europe/amsterdam'");
  });

  it('an impossible date', () => {
    const src = `${H2}with DAG("x", start_date=datetime(2024, 2, 30), schedule=None) as dag:\n    pass\n`;
    expectError(parse(src, '2'), at(src, '30)'), 'ValueError: day is out of range for month');
  });
});

describe('bag-time errors drop one DAG; the file\'s other DAGs still load', () => {
  it('an invalid cron expression says which field is wrong', () => {
    // CronMixin.validate -> AirflowTimetableInvalid(croniter's message), raised in DagBag._process_modules
    const src = `${H2}with DAG("bad", start_date=datetime(2024, 1, 1), schedule="0 25 * * *") as bad:\n    EmptyOperator(task_id="a")\n${OPEN2}    EmptyOperator(task_id="a")\n`;
    const r = parse(src, '2');
    expectError(r, at(src, '"0 25'), 'AirflowTimetableInvalid: [0 25 * * *] is not acceptable, out of range', 'the hour field (2nd) is "25": hour values go from 0 to 23');
    expect(r.dags.map((d) => d.dag_id)).toEqual(['x']);
  });

  it('a cron with the wrong number of fields', () => {
    const src = `${H3}with DAG("bad", schedule="0 6 * *") as bad:\n    pass\n`;
    expectError(parse(src, '3'), at(src, '"0 6'), 'AirflowTimetableInvalid: Exactly 5, 6 or 7 columns has to be specified for iterator expression.');
  });

  it('a cycle names its tasks in order', () => {
    // airflow/utils/dag_cycle_tester.py check_cycle; DagBag keeps the other DAGs (dagbag.py _process_modules)
    const src = `${H2}with DAG("etl", start_date=datetime(2024, 1, 1), schedule="@daily") as etl:
    extract = EmptyOperator(task_id="extract")
    transform = EmptyOperator(task_id="transform")
    load = EmptyOperator(task_id="load")
    extract >> transform >> load
    load >> extract
with DAG("ok", start_date=datetime(2024, 1, 1), schedule="@daily") as ok:
    EmptyOperator(task_id="a")
`;
    const r = parse(src, '2');
    expectError(r, at(src, '>> extract'), 'AirflowDagCycleException: Cycle detected in DAG: etl. Faulty task: load', 'The dependencies form a loop: extract >> transform >> load >> extract.');
    expect(r.dags.map((d) => d.dag_id)).toEqual(['ok']);
    expect(parse(src, '3').errors[0].message).toMatch(/^AirflowDagCycleException: Cycle detected in Dag: etl\. Faulty task: load/);
  });
});

describe('files that do too much work stop with a clear error', () => {
  it('an endless loop', () => {
    const src = `${H2}n = 0\nwhile True:\n    n += 1\n`;
    const e = only(parse(src, '2'));
    expect(e.message).toMatch(/^this file does too much work for the simulator: \d+ steps/);
    expect(e.line).toBeGreaterThanOrEqual(6);
  });

  it('endless recursion', () => {
    const src = `${H2}def f(n):\n    return f(n + 1)\n\nf(0)\n`;
    expectError(parse(src, '2'), at(src, 'f(n + 1)'), 'RecursionError: maximum recursion depth exceeded');
  });

  it('a huge range', () => {
    const src = `${H2}for i in range(10 ** 9):\n    pass\n`;
    expect(only(parse(src, '2')).message).toMatch(/^this file does too much work for the simulator/);
  });
});

describe('notices (warnings) that teach', () => {
  it('a @dag function that is never called creates no DAG', () => {
    const src = `from airflow.sdk import dag\n@dag(schedule=None)\ndef forgotten():\n    pass\n`;
    const r = parse(src, '3');
    expect(r.dags).toEqual([]);
    expect(r.warnings[0].message).toContain("the @dag function 'forgotten' is never called");
  });

  it('a DAG object neither used with `with` nor stored in a global is not loaded', () => {
    const src = `from airflow.sdk import DAG\ndef make():\n    DAG("lost", schedule=None)\nmake()\n`;
    const r = parse(src, '3');
    expect(r.dags).toEqual([]);
    expect(r.warnings[0].message).toContain("DAG 'lost' is created but never used");
  });

  it('a file without "airflow" and "dag" is skipped by DagBag safe mode', () => {
    // airflow/utils/file.py might_contain_dag_via_default_heuristic
    const r = parse('x = 1\n', '2');
    expect(r).toMatchObject({ dags: [], errors: [] });
    expect(r.warnings[0].message).toContain('dag_discovery_safe_mode');
  });

  it('unknown # sim: keys and stray directives', () => {
    const src = `${H3}${OPEN3}    # sim: duration=5s colour=red\n    EmptyOperator(task_id="a")\n\n    # sim: fail=always\n    x = 1\n`;
    const r = parse(src, '3');
    expect(r.errors).toEqual([]);
    expect(r.dags[0].tasks[0].sim.duration_s).toBe(5);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "unknown # sim: key 'colour'; accepted keys are: duration, fail, skip, returns, branch, ready_after, log (task 'a' in DAG 'x')",
      expect.stringContaining('this # sim: comment is not attached to a task'),
    ]);
    expect(r.warnings[1]).toMatchObject(at(src, '# sim: fail'));
  });
});

describe('params', () => {
  it('a scheduled DAG cannot have a required Param (no default)', () => {
    // 2.10 airflow/models/dag.py validate_schedule_and_params; 3.x task-sdk definitions/dag.py _validate_params
    const src2 = `${H2}from airflow.models.param import Param\nwith DAG("x", start_date=datetime(2024, 1, 1), schedule="@daily", params={"n": Param(type="integer")}) as dag:\n    pass\n`;
    expectError(parse(src2, '2'), at(src2, '{"n"'), 'AirflowException: DAG Schedule must be None, if there are any required params without default values', "Param 'n' has no default");
    const src3 = `from airflow.sdk import DAG, Param\nwith DAG("x", schedule="@daily", params={"n": Param(type="integer")}) as dag:\n    pass\n`;
    expectError(parse(src3, '3'), at(src3, '{"n"'), "ValueError: Dag 'x' is not allowed to define a Schedule, as there are required params without default values, or the default values are not valid.");
    const manual = `from airflow.sdk import DAG, Param\nwith DAG("x", schedule=None, params={"n": Param(type="integer"), "m": Param(None, type=["null", "string"])}) as dag:\n    pass\n`;
    expect(parse(manual, '3').dags[0].params).toEqual({ n: null, m: null });
  });
});
