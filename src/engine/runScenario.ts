// Run a validated scenario from start to until: the files are parsed at start,
// each command runs at its time (after every event before that instant), and
// the clock then runs to `until` inclusive.
import { CliUsageError } from './cli/errors.ts';
import { dumpState, type CommandRecord, type DumpOptions } from './output.ts';
import { ScenarioError, type Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';
import type { WarehouseFactory } from './warehouse/types.ts';

/** `warehouse`: the SQL database's factory (sql.js, loaded by the caller before the run starts). */
export function runScenario(s: Scenario, opts: DumpOptions = {}, warehouse?: WarehouseFactory): { sim: Simulation; output: ReturnType<typeof dumpState> } {
  let sim: Simulation;
  try {
    sim = new Simulation({ profile: s.airflow, start: s.start, config: s.config, files: s.files, seed: s.seed, warehouse });
  } catch (e) {
    throw new ScenarioError((e as Error).message);
  }
  const records: CommandRecord[] = [];
  for (const [i, c] of s.commands.entries()) {
    sim.runUntil(c.at, false);
    try {
      const result = sim.command(c.run);
      // 2.10 backfills finish later and fill in their result object
      records.push(Object.assign(result, { at: c.at, run: c.run }));
    } catch (e) {
      if (e instanceof CliUsageError) throw new ScenarioError(`commands[${i}] "${c.run}": ${e.message}`);
      throw e;
    }
  }
  sim.runUntil(s.until);
  return { sim, output: dumpState(sim, records, opts) };
}
