// The gated session (simApi.ts), with sql.js and the deferred parts both to fetch: a fresh workspace whose first instant already runs a
// task must load even when its files also mention SQL, i.e. when `load` first waits for sql.js
// and the load then meets the missing parts.
// Own file: sql.js must not be loaded yet when it starts (the factory is module-wide).
import { afterEach, describe, expect, it } from 'vitest';
import { dag3 } from '../../test/engine/helpers.ts';
import { installParts, partsLoaded } from '../engine/parts.ts';
import { PARTS } from '../engine/partsAll.ts';
import { simApi } from './simApi.ts';
import type { SimSession } from './session.ts';
import { warehouseFactory } from './warehouse.ts';

const START = '2024-06-03T12:00:00Z';
// is_paused_upon_creation=False: the 3.x scheduler creates the latest run (CronTriggerTimetable,
// catchup False) and runs `t` at the very start, which needs the Bash interpreter (a deferred part)
const ARGS = 'schedule="@daily", start_date=pendulum.datetime(2024, 6, 1, tz="UTC"), is_paused_upon_creation=False';
const ws = (body: string) => ({ profile: '3', files: { 'etl.py': dag3(body, ARGS) }, config: {}, seed: 1, start: START, commands: [], fileEdits: [] });
const BASH = 'BashOperator(task_id="t", bash_command="echo hi")';

afterEach(() => installParts(PARTS));

describe('a fresh workspace that runs a task at its first instant, with the parts deferred', () => {
  it('loads (the parts are fetched and the load done again)', async () => {
    installParts(null);
    const r = await (simApi.session as unknown as SimSession).load(ws(BASH));
    expect(r).toMatchObject({ ok: true });
    expect(partsLoaded()).toBe(true);
  });

  it('loads too when its files name a SQL operator (sql.js fetched first)', async () => {
    installParts(null);
    expect(warehouseFactory()).toBeNull();
    const r = await (simApi.compare as unknown as SimSession).load(ws(`${BASH}\n# the next step adds a SQLExecuteQueryOperator`));
    expect(r).toMatchObject({ ok: true });
    expect(partsLoaded()).toBe(true);
    expect(warehouseFactory()).not.toBeNull();
  });
});
