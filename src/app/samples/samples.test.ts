// The sample DAG files are real Airflow files: each loads without import errors or warnings
// under its profile, and its runs succeed when the scheduler runs them headless.
import { describe, expect, it } from 'vitest';
import { parseDagFile } from '../../dagfile/index.ts';
import type { Profile } from '../../dagfile/spec.ts';
import { dumpState } from '../../engine/output.ts';
import { Simulation } from '../../engine/simulation.ts';
import { parseInstant } from '../../engine/time.ts';
import { sampleFiles, samplesFor } from './index.ts';

const at = (iso: string): number => parseInstant(iso)!;
const START = '2024-06-01T00:00:00Z';

function runAll(profile: Profile, until: string) {
  const sim = new Simulation({ profile, start: at(START), files: sampleFiles(profile, 'all'), config: {}, seed: 1 });
  const dagIds = [...sim.db.dags.keys()].sort();
  for (const d of dagIds) {
    const r = sim.command(`airflow dags unpause ${d}`);
    expect(r.exit_code, r.output).toBe(0);
  }
  sim.runUntil(at(until));
  return { sim, dagIds, state: dumpState(sim, []) };
}

describe.each(['2', '3'] as const)('samples under Airflow %s', (profile) => {
  it('start with etl.py and load every file without errors or warnings', () => {
    expect(samplesFor(profile)[0]!.file).toBe('etl.py');
    expect(Object.keys(sampleFiles(profile))).toEqual(['etl.py']);
    expect(Object.keys(sampleFiles(profile, 'all'))).toEqual(['etl.py', 'fan_out.py', 'flaky.py', 'sensor.py', 'branching.py']);
    for (const s of samplesFor(profile)) {
      const parsed = parseDagFile(s.file, s.source, { profile, default_timezone: 'UTC', now_ms: at(START) });
      expect(parsed.errors, s.file).toEqual([]);
      expect(parsed.warnings, s.file).toEqual([]);
      expect(parsed.dags, s.file).toHaveLength(1);
    }
  });

  it('run every DAG to success', () => {
    const { dagIds, state } = runAll(profile, '2024-06-04T00:00:00Z');
    expect(dagIds).toEqual(['branching', 'etl', 'fan_out_fan_in', 'flaky_api', 'wait_for_file']);
    for (const d of dagIds) {
      const runs = state.dag_runs.filter((r) => r.dag_id === d && r.state !== 'running' && r.state !== 'queued');
      expect(runs.length, d).toBeGreaterThanOrEqual(1);
      for (const r of runs) expect([d, r.run_id, r.state]).toEqual([d, r.run_id, 'success']);
    }
  });

  it('show what each sample is for: parallel exports, retries with backoff, a rescheduled sensor, a skipped branch', () => {
    const { state } = runAll(profile, '2024-06-04T00:00:00Z');
    const run = (d: string) => state.dag_runs.find((r) => r.dag_id === d && r.state === 'success')!.run_id;
    const ti = (d: string, task: string) => state.task_instances.find((t) => t.dag_id === d && t.run_id === run(d) && t.task_id === task)!;

    // fan-out: the three exports overlap in time
    const exports = ['export_europe', 'export_americas', 'export_asia'].map((t) => ti('fan_out_fan_in', t));
    const lastStart = Math.max(...exports.map((t) => Date.parse(t.start_date!)));
    const firstEnd = Math.min(...exports.map((t) => Date.parse(t.end_date!)));
    expect(lastStart).toBeLessThan(firstEnd);
    expect(Date.parse(ti('fan_out_fan_in', 'merge').start_date!)).toBeGreaterThanOrEqual(Math.max(...exports.map((t) => Date.parse(t.end_date!))));

    // flaky: tries 1 and 2 failed, the second wait is longer than the first, try 3 succeeded
    const fetch = ti('flaky_api', 'fetch');
    expect([fetch.state, fetch.try_number]).toEqual(['success', 3]);
    const earlier = state.task_instance_history
      .filter((h) => h.dag_id === 'flaky_api' && h.run_id === run('flaky_api') && h.task_id === 'fetch')
      .sort((a, b) => a.try_number - b.try_number);
    expect(earlier.map((h) => [h.try_number, h.state])).toEqual([[1, 'failed'], [2, 'failed']]);
    const wait1 = Date.parse(earlier[1]!.start_date!) - Date.parse(earlier[0]!.end_date!);
    const wait2 = Date.parse(fetch.start_date!) - Date.parse(earlier[1]!.end_date!);
    expect(wait1).toBeGreaterThanOrEqual(60_000);
    expect(wait2).toBeGreaterThan(wait1);

    // sensor: the file shows up 20 minutes after the first poke
    const sensor = ti('wait_for_file', 'wait_for_export');
    expect(sensor.state).toBe('success');
    expect(Date.parse(ti('wait_for_file', 'load').start_date!) - Date.parse(state.dag_runs.find((r) => r.run_id === run('wait_for_file') && r.dag_id === 'wait_for_file')!.start_date!)).toBeGreaterThanOrEqual(20 * 60_000);

    // branching: incremental_load ran, full_load was skipped, the join still ran
    expect(ti('branching', 'full_load').state).toBe('skipped');
    expect(ti('branching', 'incremental_load').state).toBe('success');
    expect(ti('branching', 'join').state).toBe('success');
    expect(ti('branching', 'report').state).toBe('success');
  });
});
