// The worker's API object, kept apart from `expose` so tests can call it directly.
//   run(scenario)  the headless runner's contract: a whole scenario at once (the start page)
//   session        the interactive simulation the UI drives (SimSession, session.ts)
import * as Comlink from 'comlink';
import { runScenario } from '../engine/runScenario.ts';
import { readScenario } from '../engine/scenario.ts';
import { SimSession } from './session.ts';

export const simApi = {
  /** Run a scenario (shared SCENARIO.md) to its end and return the metastore dump. */
  run(raw: unknown) {
    return runScenario(readScenario(raw)).output;
  },
  /** proxy-marked: the UI calls its methods in the worker (Comlink.Remote<SimSession>), never copies it */
  session: Comlink.proxy(new SimSession()),
};

export type SimApi = typeof simApi;
export type { SimSession } from './session.ts';
