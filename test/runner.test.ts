// The headless runner as a process: `npm run sim -- FILE` (shared SCENARIO.md "Output" and "Errors").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run sim', () => {
  it('prints the metastore as JSON and exits 0', () => {
    const r = sim('test/scenarios/etl-catchup.json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ airflow: '3', clock: '2024-06-05T00:00:00Z' });
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['dag_runs', 'task_instances', 'task_instance_history', 'import_errors', 'dags', 'commands']));
  });

  it('--messages adds the component message log: one task instance followed through every component', () => {
    const r = sim('test/scenarios/etl-catchup.json', '--messages');
    expect(r.status).toBe(0);
    const { messages } = JSON.parse(r.stdout) as { messages: { from: string; to: string; kind: string; run_id?: string; task_id?: string }[] };
    const path = messages
      .filter((m) => m.task_id === 'extract' && m.run_id === 'scheduled__2024-06-01T00:00:00+00:00')
      .map((m) => `${m.from}>${m.to}:${m.kind}`);
    expect(path).toEqual([
      'scheduler>metastore:set_state', // None -> scheduled
      'scheduler>broker:queue_task', // CeleryExecutor: through the broker
      'broker>worker-1:run_task',
      // Airflow 3: the task process reports through the API server (Task Execution API)
      'worker-1>api_server:set_state', // running
      'api_server>metastore:set_state',
      'worker-1>api_server:set_state', // success
      'api_server>metastore:set_state',
      'broker>scheduler:task_event',
    ]);
  });

  it('gives one clear line on stderr, nothing on stdout, and exit 2 for a scenario that cannot run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const cases: [string, RegExp][] = [
      ['{ "airflow": "3", ', /not valid JSON/],
      ['{ "start": "2024-06-01T00:00:00Z", "until": "yesterday" }', /"until".*(time zone|not a valid)/],
      ['{ "start": "2024-06-01T00:00:00Z", "until": "2024-06-02T00:00:00Z", "commands": [{ "at": "2024-06-01T00:00:00Z", "run": "airflow dags nope" }] }', /commands\[0\].*nope/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const f = join(dir, `s${i}.json`);
      writeFileSync(f, text);
      const r = sim(f);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const missing = sim(join(dir, 'missing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});
