// The worker's API object, kept apart from `expose` so tests can call it directly.
//   run(scenario)  the headless runner's contract: a whole scenario at once (the start page)
//   session        the interactive simulation the UI drives (SimSession, session.ts)
import * as Comlink from 'comlink';
import { loadParts, NOT_LOADED, partsLoaded } from '../engine/parts.ts';
import { runScenario } from '../engine/runScenario.ts';
import { readScenario } from '../engine/scenario.ts';
import { SimSession } from './session.ts';
import { commandNeedsWarehouse, loadWarehouse, sourceNeedsWarehouse, warehouseFactory, workspaceNeedsWarehouse } from './warehouse.ts';

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

/** What a call needs fetched first: sql.js before any input that mentions SQL (warehouse.ts), the
 *  engine's deferred parts before anything that may run a task or a command (parts.ts). */
function prerequisites(key: string, args: unknown[]): (() => Promise<unknown>)[] {
  const sql =
    key === 'load' ? workspaceNeedsWarehouse(args[0])
    : key === 'setFile' ? sourceNeedsWarehouse(args[1] as string | null)
    : key === 'command' ? typeof args[0] === 'string' && commandNeedsWarehouse(args[0])
    : false;
  const out: (() => Promise<unknown>)[] = [];
  if (sql && !warehouseFactory()) out.push(loadWarehouse);
  if (!partsLoaded() && !WITHOUT_PARTS.has(key) && !(key === 'load' && nothingToReplay(args[0]))) out.push(loadParts);
  return out;
}

/** The session, its calls made async only when something must be fetched first (the UI's calls
 *  are async anyway). The first `load` of a fresh workspace answers at once and starts fetching
 *  the parts behind it. Methods run on the session itself, so its own calls are not re-wrapped. */
function gated(session: SimSession): SimSession {
  return new Proxy(session, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const call = () => v.apply(target, args) as unknown;
        // a DAG unpaused at creation may run a task at the very start: load again with the parts
        const finish = (r: unknown) => {
          const res = r as { ok?: boolean; error?: string };
          return key === 'load' && res.ok === false && res.error === NOT_LOADED ? loadParts().then(call) : r;
        };
        const need = prerequisites(key, args);
        if (key === 'load' && !partsLoaded()) setTimeout(() => void loadParts(), 1500); // once the first view is drawn
        return need.length ? Promise.all(need.map((f) => f())).then(call).then(finish) : finish(call());
      };
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
  session: Comlink.proxy(gated(new SimSession())),
  /** a second session: the compare view's other side (two futures, or the other Airflow version) */
  compare: Comlink.proxy(gated(new SimSession())),
};

export type SimApi = typeof simApi;
export type { SimSession } from './session.ts';
