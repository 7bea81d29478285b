// The worker's API object, kept apart from `expose` so tests can call it directly.
//   run(scenario)  the headless runner's contract: a whole scenario at once (the start page)
//   session        the interactive simulation the UI drives (SimSession, session.ts)
import * as Comlink from 'comlink';
import { loadParts, NOT_LOADED, partsLoaded } from '../engine/parts.ts';
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

/** Session calls that can answer the first screen without the engine's deferred parts (parts.ts):
 *  views, and loading a workspace that has nothing to replay. Everything else awaits the parts. */
const WITHOUT_PARTS = new Set([
  'files', 'clock', 'nextEventAt', 'workspace', 'dagList', 'grid', 'graph', 'gantt', 'intervalTimeline',
  'taskInstance', 'architecture', 'metastoreTables', 'metastoreTable', 'timelineMarkers', 'scrub', 'evaluate', 'query', 'dump',
  'commandLog', 'warehouseTables', 'warehouseTable',
]);

function nothingToReplay(ws: unknown): boolean {
  const w = (ws ?? {}) as { commands?: unknown[]; fileEdits?: unknown[]; clock?: unknown; start?: unknown };
  return !w.commands?.length && !w.fileEdits?.length && (w.clock === undefined || w.clock === w.start);
}

/** The session, with the engine's deferred parts awaited before any call that may need them. The
 *  first `load` of a fresh workspace answers at once and starts fetching the parts behind it. */
function withParts(session: SimSession): SimSession {
  return new Proxy(session, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof v !== 'function') return v;
      // called on the session itself, so its own calls (this.with, this.view...) are not re-wrapped
      if (partsLoaded() || WITHOUT_PARTS.has(key)) return (...args: unknown[]) => v.apply(target, args);
      if (key === 'load') {
        return (...args: unknown[]) => {
          if (!nothingToReplay(args[0])) return loadParts().then(() => v.apply(target, args));
          type Loaded = { ok: boolean; error?: string };
          // a DAG unpaused at creation may run a task at the very start: load again with the parts
          const retry = (r: Loaded) => (!r.ok && r.error === NOT_LOADED ? loadParts().then(() => v.apply(target, args)) : r);
          setTimeout(() => void loadParts(), 1500); // fetch them once the first view is drawn (a call before then awaits them)
          const r = v.apply(target, args) as Loaded | Promise<Loaded>;
          // withWarehouse answers with a promise when the files name SQL (sql.js fetched first)
          return r instanceof Promise ? r.then(retry) : retry(r);
        };
      }
      return (...args: unknown[]) => loadParts().then(() => v.apply(target, args));
    },
  });
}

export const simApi = {
  /** Run a scenario (shared SCENARIO.md) to its end and return the metastore dump. */
  async run(raw: unknown) {
    await loadParts();
    const s = readScenario(raw);
    const needsSql = Object.values(s.files).some(sourceNeedsWarehouse) || s.commands.some((c) => commandNeedsWarehouse(c.run));
    const warehouse = needsSql ? await loadWarehouse() : undefined;
    return runScenario(s, {}, warehouse).output;
  },
  /** proxy-marked: the UI calls its methods in the worker (Comlink.Remote<SimSession>), never copies it */
  session: Comlink.proxy(withParts(withWarehouse(new SimSession()))),
  /** a second session: the compare view's other side (two futures, or the other Airflow version) */
  compare: Comlink.proxy(withParts(withWarehouse(new SimSession()))),
};

export type SimApi = typeof simApi;
export type { SimSession } from './session.ts';
