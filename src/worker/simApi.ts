// The worker's API object, kept apart from `expose` so tests can call it directly.
import { runScenario } from '../engine/runScenario.ts';
import { readScenario } from '../engine/scenario.ts';

export const simApi = {
  /** Run a scenario (shared SCENARIO.md) to its end and return the metastore dump. */
  run(raw: unknown) {
    return runScenario(readScenario(raw)).output;
  },
};

export type SimApi = typeof simApi;
