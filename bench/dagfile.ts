// DAG-file reader benchmark: a generated 2,000-line file (classic operators, TaskFlow, groups,
// loops, >> chains), parsed several times; the warm median is the figure.
import { parseDagFile } from '../src/dagfile/index.ts';

export function generateDagFile(lines = 2000): string {
  const head = [
    'import pendulum',
    'from datetime import timedelta',
    'from airflow import DAG',
    'from airflow.decorators import task',
    'from airflow.operators.bash import BashOperator',
    'from airflow.operators.python import PythonOperator',
    'from airflow.utils.task_group import TaskGroup',
    '',
    'def work():',
    '    return 1',
    '',
    'with DAG(dag_id="bench", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),',
    '         default_args={"retries": 2, "retry_delay": timedelta(minutes=5)}) as dag:',
  ];
  const body: string[] = [];
  let i = 0;
  while (head.length + body.length < lines - 4) {
    const g = Math.floor(i / 30);
    if (i % 30 === 0) body.push(`    with TaskGroup("g${g}") as g${g}:`);
    if (i % 3 === 0) body.push(`        # sim: duration=${(i % 7) + 1}s`, `        t${i} = PythonOperator(task_id="t${i}", python_callable=work, op_kwargs={"n": ${i}})`);
    else body.push(`        t${i} = BashOperator(task_id="t${i}", bash_command=f"echo {{{{ ds }}}} ${i}", priority_weight=${i % 5})`);
    if (i % 30 !== 0) body.push(`        t${i - 1} >> t${i}`);
    if (i % 30 === 29 && g > 0) body.push(`    g${g - 1} >> g${g}`);
    i++;
  }
  body.push('    @task', '    def summary(x):', '        return x', `    summary(t${i - 1}.output)`);
  return [...head, ...body].join('\n') + '\n';
}

export function benchDagfile(): { name: string; value: number; unit: string; target: string }[] {
  const src = generateDagFile(2000);
  const lineCount = src.split('\n').length - 1;
  const run = () => {
    const t0 = performance.now();
    const r = parseDagFile('bench.py', src, { profile: '2', now_ms: 1_700_000_000_000 });
    const dt = performance.now() - t0;
    if (r.errors.length || r.dags.length !== 1) throw new Error(`bench file did not load: ${r.errors.map((e) => e.message).join('; ')}`);
    return { dt, tasks: r.dags[0].tasks.length };
  };
  const cold = run().dt;
  for (let k = 0; k < 3; k++) run();
  const times: number[] = [];
  let tasks = 0;
  for (let k = 0; k < 15; k++) {
    const r = run();
    times.push(r.dt);
    tasks = r.tasks;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return [
    { name: `dagfile: parse a ${lineCount}-line DAG file (${tasks} tasks), warm median of 15`, value: Math.round(median * 10) / 10, unit: 'ms', target: '< 50 ms' },
    { name: 'dagfile: the same file, first parse in the process (cold)', value: Math.round(cold * 10) / 10, unit: 'ms', target: 'informational' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchDagfile(), null, 2));
