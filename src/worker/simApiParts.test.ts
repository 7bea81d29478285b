// The engine's deferred parts (src/engine/parts.ts) in the worker API: a fresh workspace loads and
// answers the first view without them; any call that may run a task or a command waits for them,
// and the results are the same as with everything loaded up front.
import { afterEach, describe, expect, it } from 'vitest';
import { dag3 } from '../../test/engine/helpers.ts';
import { installParts, partsLoaded } from '../engine/parts.ts';
import { PARTS } from '../engine/partsAll.ts';
import { simApi } from './simApi.ts';
import { SimSession } from './session.ts';

const START = '2024-06-03T12:00:00Z';
const ws = (extra: object = {}) => ({
  profile: '3', files: { 'etl.py': dag3('BashOperator(task_id="t", bash_command="echo {{ ds }}")') }, config: {}, seed: 1, start: START, commands: [], fileEdits: [], ...extra,
});

afterEach(() => installParts(PARTS));

describe('deferred engine parts', () => {
  it('a fresh workspace loads and lists its DAGs with the parts not loaded; a command waits for them', async () => {
    installParts(null);
    const s = simApi.session as unknown as SimSession;
    const loaded = await s.load(ws());
    expect(loaded.ok).toBe(true);
    expect(partsLoaded()).toBe(false);
    const list = await s.dagList('en');
    expect(list.ok && list.value.dags.map((d) => d.dag_id)).toEqual(['etl']);
    const out = await s.command('airflow dags unpause etl');
    expect(partsLoaded()).toBe(true);
    expect(out.ok && out.value.exit_code).toBe(0);
  });

  it('a workspace with recorded actions waits for the parts and replays to the same state', async () => {
    const recorded = ws({ commands: [{ at: START, run: 'airflow dags trigger etl' }, { at: START, run: 'airflow dags unpause etl' }], clock: '2024-06-03T12:05:00Z' });
    const direct = new SimSession();
    direct.load(recorded);
    const expected = direct.dump();
    installParts(null);
    const s = simApi.session as unknown as SimSession;
    expect((await s.load(recorded)).ok).toBe(true);
    expect(await s.dump()).toEqual(expected);
  });

  it('without the parts, a task or a command says so instead of doing something else', () => {
    installParts(null);
    const s = new SimSession();
    expect(s.load(ws()).ok).toBe(true);
    const r = s.command('airflow dags list');
    expect(r).toMatchObject({ ok: false, kind: 'internal', error: expect.stringContaining('engine parts are not loaded') });
  });
});
