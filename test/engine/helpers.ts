// Small helpers for engine tests: build a simulation from inline DAG files and read it back.
import type { Profile } from '../../src/dagfile/spec.ts';
import type { Config } from '../../src/engine/config.ts';
import { dumpState } from '../../src/engine/output.ts';
import { Simulation } from '../../src/engine/simulation.ts';
import { parseInstant } from '../../src/engine/time.ts';

export const at = (iso: string): number => {
  const ms = parseInstant(iso);
  if (ms === null) throw new Error(`bad test date ${iso}`);
  return ms;
};

export function sim(profile: Profile, start: string, files: Record<string, string>, config: Config = {}, seed = 1): Simulation {
  return new Simulation({ profile, start: at(start), files, config, seed });
}

/** Run a command at `when` and fail the test if Airflow would reject it. */
export function cmd(s: Simulation, when: string, line: string): string {
  s.runUntil(at(when), false);
  const r = s.command(line);
  if (r.exit_code !== 0) throw new Error(`${line} -> exit ${r.exit_code}: ${r.output}`);
  return r.output;
}

export function dump(s: Simulation) {
  return dumpState(s, []);
}

export function runs(s: Simulation, dag_id?: string) {
  return dump(s).dag_runs.filter((r) => !dag_id || r.dag_id === dag_id);
}

export function tis(s: Simulation, run_id?: string) {
  return dump(s).task_instances.filter((t) => !run_id || t.run_id === run_id);
}

export function ti(s: Simulation, run_id: string, task_id: string) {
  const row = tis(s, run_id).find((t) => t.task_id === task_id);
  if (!row) throw new Error(`no TI ${task_id} in ${run_id}`);
  return row;
}

/** A DAG file in the Airflow 3 style. */
export function dag3(body: string, args = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")', dag_id = 'etl'): string {
  return `import pendulum
from datetime import timedelta
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(dag_id="${dag_id}", ${args}):
${body.replace(/^/gm, '    ')}
`;
}

/** A DAG file in the Airflow 2 style. */
export function dag2(body: string, args = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC")', dag_id = 'etl'): string {
  return `import pendulum
from datetime import timedelta
from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator

with DAG(dag_id="${dag_id}", ${args}):
${body.replace(/^/gm, '    ')}
`;
}
