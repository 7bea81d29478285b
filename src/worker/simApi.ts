// The worker's API object, kept apart from `expose` so tests can call it directly.
//   run(scenario)  the headless runner's contract: a whole scenario at once (the start page)
//   session        the interactive simulation the UI drives (SimSession, session.ts)
import * as Comlink from 'comlink';
import { runScenario } from '../engine/runScenario.ts';
import { readScenario } from '../engine/scenario.ts';
import { SimSession } from './session.ts';
import { commandNeedsWarehouse, loadWarehouse, sourceNeedsWarehouse, warehouseFactory, workspaceNeedsWarehouse } from './warehouse.ts';

/** The session, with sql.js loaded (awaited) before any input that mentions SQL: load, setFile
 *  and command become async only then (the UI's calls are async anyway). See warehouse.ts. */
function withWarehouse(session: SimSession): SimSession {
  const needs: Record<string, (args: unknown[]) => boolean> = {
    load: ([ws]) => workspaceNeedsWarehouse(ws),
    setFile: ([, source]) => sourceNeedsWarehouse(source as string | null),
    command: ([line]) => typeof line === 'string' && commandNeedsWarehouse(line),
  };
  return new Proxy(session, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      const need = typeof key === 'string' ? needs[key] : undefined;
      if (!need || typeof v !== 'function') return v;
      return (...args: unknown[]) =>
        need(args) && !warehouseFactory() ? loadWarehouse().then(() => v.apply(target, args)) : v.apply(target, args);
    },
  });
}

export const simApi = {
  /** Run a scenario (shared SCENARIO.md) to its end and return the metastore dump. */
  async run(raw: unknown) {
    const s = readScenario(raw);
    const needsSql = Object.values(s.files).some(sourceNeedsWarehouse) || s.commands.some((c) => commandNeedsWarehouse(c.run));
    const warehouse = needsSql ? await loadWarehouse() : undefined;
    return runScenario(s, {}, warehouse).output;
  },
  /** proxy-marked: the UI calls its methods in the worker (Comlink.Remote<SimSession>), never copies it */
  session: Comlink.proxy(withWarehouse(new SimSession())),
  /** a second session: the compare view's other side (two futures, or the other Airflow version) */
  compare: Comlink.proxy(withWarehouse(new SimSession())),
};

export type SimApi = typeof simApi;
export type { SimSession } from './session.ts';
