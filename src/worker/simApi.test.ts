// The worker's API across a real message boundary (Comlink over a MessageChannel, as between the
// UI thread and the engine worker): every answer must survive structured cloning, and errors
// arrive as values.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { dag3 } from '../../test/engine/helpers.ts';
import { simApi, type SimApi } from './simApi.ts';

let channel: MessageChannel | null = null;

function remote(): Comlink.Remote<SimApi> {
  channel = new MessageChannel();
  Comlink.expose(simApi, channel.port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<SimApi>(channel.port2 as unknown as Comlink.Endpoint);
}

afterEach(() => {
  channel?.port1.close();
  channel?.port2.close();
  channel = null;
});

describe('simApi over Comlink', () => {
  it('run(scenario) still returns the metastore dump', async () => {
    const api = remote();
    const out = await api.run({
      airflow: '3',
      files: { 'etl.py': dag3('BashOperator(task_id="t", bash_command="echo t")') },
      start: '2024-06-03T12:00:00Z',
      commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' }],
      until: '2024-06-03T13:00:00Z',
    });
    expect(out.dag_runs.map((r) => r.state)).toEqual(['success']);
  });

  it('the session answers every call with plain, cloneable data', async () => {
    const api = remote();
    const loaded = await api.session.load({
      profile: '3',
      files: { 'etl.py': dag3('BashOperator(task_id="t", bash_command="sleep 60")') },
      config: { 'core.executor': 'CeleryExecutor' },
      seed: 1,
      start: '2024-06-03T12:00:00Z',
      commands: [],
      fileEdits: [],
    });
    expect(loaded).toMatchObject({ ok: true, value: { clock: '2024-06-03T12:00:00Z' } });
    expect(await api.session.command('airflow dags unpause etl')).toMatchObject({ ok: true, value: { exit_code: 0 } });
    await api.session.runUntil('2024-06-03T12:00:30Z');
    const arch = await api.session.architecture();
    expect(arch).toMatchObject({ ok: true, value: { queue: { id: 'broker' }, workers: [{ id: 'worker-1', slots_used: 1 }] } });
    const run = 'scheduled__2024-06-03T00:00:00+00:00';
    const detail = await api.session.taskInstance('etl', run, 't', 'ko');
    expect(detail).toMatchObject({ ok: true, value: { why: { status: 'running' } } });
    expect((await api.session.metastoreTable('task_instance')).ok).toBe(true);
    expect(await api.session.command('airflow nope')).toMatchObject({ ok: false, kind: 'usage' });
    expect(await api.session.grid('nope')).toMatchObject({ ok: false, kind: 'view' });
    const ws = await api.session.workspace();
    expect(ws).toMatchObject({ ok: true, value: { commands: [{ run: 'airflow dags unpause etl', seq: 1 }] } });
  });
});
