// Benchmark cases: each builds a simulation; the runner times simulation.runUntil.
import { installParts } from '../src/engine/parts.ts';
import { PARTS } from '../src/engine/partsAll.ts';
import { Simulation } from '../src/engine/simulation.ts';

installParts(PARTS);
import { parseInstant } from '../src/engine/time.ts';

const t = (iso: string) => parseInstant(iso)!;

function chainDag(dag_id: string, schedule: string, start: string, tasks: number): string {
  const ops = Array.from({ length: tasks }, (_, i) => `    t${i} = BashOperator(task_id="t${i}", bash_command="echo {{ ds }} ${i}")`);
  const chain = Array.from({ length: tasks }, (_, i) => `t${i}`).join(' >> ');
  return `import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(dag_id="${dag_id}", schedule="${schedule}", start_date=pendulum.datetime(${start}, tz="UTC"), catchup=True, is_paused_upon_creation=False):
${ops.join('\n')}
    ${chain}
`;
}

export interface BenchCase {
  name: string;
  build(): Simulation;
  until: number;
}

export const CASES: Record<string, BenchCase> = {
  'daily-10y': {
    name: '(a) 5-task chain, @daily, catchup over 10 years',
    build: () =>
      new Simulation({ profile: '2', start: t('2024-01-01T00:00:00Z'), files: { 'chain.py': chainDag('chain', '@daily', '2014, 1, 1', 5) }, messageLimit: 0 }),
    until: t('2024-01-01T00:00:00Z') + 2 * 86400_000,
  },
  'hourly-1y': {
    name: '(b) 5-task chain, @hourly, over 1 year',
    build: () =>
      new Simulation({ profile: '2', start: t('2024-01-01T00:00:00Z'), files: { 'chain.py': chainDag('chain', '@hourly', '2023, 1, 1', 5) }, messageLimit: 0 }),
    until: t('2024-01-01T00:00:00Z') + 2 * 86400_000,
  },
  'many-dags-week': {
    name: '(c) 200 DAGs x 20 tasks, @daily, a week of catchup then a week',
    build: () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 200; i++) files[`d${i}.py`] = chainDag(`d${i}`, '@daily', '2024, 1, 1', 20);
      return new Simulation({ profile: '2', start: t('2024-01-08T00:00:00Z'), files, messageLimit: 0 });
    },
    until: t('2024-01-08T00:00:00Z') + 7 * 86400_000,
  },
};
