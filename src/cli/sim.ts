// `npm run sim -- scenario.json`: run a scenario headless and print the metastore as JSON.
// A scenario that cannot run prints one line on stderr and exits 2 (shared SCENARIO.md).
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { installParts } from '../engine/parts.ts';
import { PARTS } from '../engine/partsAll.ts';
import { runScenario } from '../engine/runScenario.ts';
import { readScenario, ScenarioError } from '../engine/scenario.ts';
import { loadSqlJs } from '../engine/warehouse/sqljs.ts';

installParts(PARTS); // Node: the engine's deferred parts up front (parts.ts)

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const messages = argv.includes('--messages');
  const args = argv.filter((a) => a !== '--' && a !== '--messages');
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help' || args[0]!.startsWith('--')) {
    fail('usage: npm run sim -- SCENARIO.json [--messages]   (see README: "Run a scenario headless")');
  }
  const path = args[0]!;
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    fail(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  const base = path === '-' ? process.cwd() : dirname(resolve(path));
  const readPath = (p: string): [string, string] => {
    for (const candidate of [resolve(base, p), resolve(process.cwd(), p)]) {
      try {
        return [basename(p), readFileSync(candidate, 'utf8')];
      } catch {
        /* try the next place */
      }
    }
    throw new ScenarioError(`files: cannot read ${p} (looked beside the scenario and in the current folder)`);
  };
  try {
    const scenario = readScenario(raw, readPath);
    // sql.js is loaded before the run starts, so SQL tasks and `sim sql` have their warehouse
    const { output } = runScenario(scenario, { messages }, await loadSqlJs());
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  } catch (e) {
    if (e instanceof ScenarioError) fail(`${path}: ${e.message}`);
    throw e;
  }
}

void main(process.argv.slice(2));
