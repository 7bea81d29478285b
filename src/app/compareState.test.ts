// The compare view's state over real sessions: a what-if that cannot be made says so in the
// learner's language, and a second start (the learner switched mode while the first was still
// building) ends in that second mode's state, not a mix of both.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSession } from '../worker/session.ts';
import { SimClient } from './client.svelte.ts';
import { CompareState } from './compare.svelte.ts';
import { i18n } from './i18n.svelte.ts';
import { sampleFiles } from './samples/index.ts';
import type { Workspace } from '../store/index.ts';

async function setup(): Promise<CompareState> {
  const client = new SimClient(new SimSession());
  const ws: Workspace = {
    id: 'w', name: 'mine', profile: '3', files: sampleFiles('3'), config: {}, seed: 1, revision: 0, updatedAt: '2024-06-01T00:00:00Z',
    start: '2024-06-01T00:00:00Z', commands: [{ at: '2024-06-01T00:00:00Z', seq: 1, run: 'airflow dags unpause etl' }], fileEdits: [], clock: '2024-06-01T00:00:00Z', view: 'compare',
  } as Workspace;
  expect(await client.open(ws)).toBe(true);
  return new CompareState(client, { left: new SimSession(), right: new SimSession(), close: () => {} });
}

afterEach(() => i18n.use('en'));

describe('CompareState', () => {
  it('a what-if the file cannot take says so in the learner’s language', async () => {
    const cmp = await setup();
    await i18n.use('ko');
    expect(await cmp.start('whatif', { kind: 'retries', task_id: 'no_such_task', value: 2 })).toBe(false);
    expect(cmp.error).toBe(i18n.t('compare.cannotEdit'));
    expect(cmp.error).toMatch(/[가-힣]/);
  });

  it('a start asked for while another is building ends in the later one’s state', async () => {
    const cmp = await setup();
    const first = cmp.start('whatif', { kind: 'catchup', dag_id: 'etl', value: true });
    const second = cmp.start('versions');
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(cmp.busy).toBe(false);
    expect([cmp.mode, cmp.whatIf, cmp.applied]).toEqual(['versions', null, null]);
    expect(cmp.translation).not.toBeNull();
    expect([cmp.left!.profile, cmp.right!.profile]).toEqual(['3', '2']);
  });
});
