// A scenario (shared SCENARIO.md): files, config, commands at virtual times.
// readScenario checks everything before anything runs, and names what is wrong.
import type { Profile } from '../dagfile/spec.ts';
import { PROFILE_DEFAULTS, type Config, type ConfigValue } from './config.ts';
import { parseInstant } from './time.ts';

export interface ScenarioCommand {
  at: number;
  run: string;
}

export interface Scenario {
  airflow: Profile;
  /** file name -> source (paths are resolved by the caller before this point) */
  files: Record<string, string>;
  config: Config;
  start: number;
  commands: ScenarioCommand[];
  until: number;
  seed: number;
}

export class ScenarioError extends Error {}

const KEYS = ['airflow', 'files', 'config', 'start', 'commands', 'until', 'seed'];

/**
 * Validate a parsed scenario object. `readPath` turns a file path of `"files": [...]`
 * into [name, source] (the Node runner reads the disk; the browser has no paths).
 */
export function readScenario(raw: unknown, readPath?: (path: string) => [string, string]): Scenario {
  if (!isObject(raw)) throw new ScenarioError('the scenario must be a JSON object');
  for (const k of Object.keys(raw)) {
    if (!KEYS.includes(k)) throw new ScenarioError(`unknown key "${k}" (expected one of: ${KEYS.join(', ')})`);
  }
  const airflow = readProfile(raw.airflow);
  const start = readTime(raw.start, 'start');
  const until = readTime(raw.until, 'until');
  if (until < start) throw new ScenarioError(`"until" (${raw.until}) is before "start" (${raw.start})`);
  const commands = readCommands(raw.commands, start, until);
  const seed = raw.seed === undefined ? 1 : raw.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new ScenarioError(`"seed" must be an integer, not ${JSON.stringify(seed)}`);
  return { airflow, files: readFiles(raw.files, readPath), config: readConfig(raw.config, airflow), start, commands, until, seed };
}

function readProfile(v: unknown): Profile {
  if (v === undefined) return '3';
  if (v === '2' || v === 2) return '2';
  if (v === '3' || v === 3) return '3';
  throw new ScenarioError(`"airflow" must be "2" (Airflow 2.10) or "3" (Airflow 3.x), not ${JSON.stringify(v)}`);
}

function readTime(v: unknown, where: string): number {
  if (typeof v !== 'string') throw new ScenarioError(`"${where}" is required: an ISO 8601 time such as "2024-06-01T00:00:00Z"`);
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim())) {
    throw new ScenarioError(`"${where}": ${JSON.stringify(v)} has no time zone; add Z or an offset, e.g. "2024-06-01T00:00:00Z"`);
  }
  const ms = parseInstant(v);
  if (ms === null) throw new ScenarioError(`"${where}": ${JSON.stringify(v)} is not a valid ISO 8601 time`);
  return ms;
}

function readCommands(v: unknown, start: number, until: number): ScenarioCommand[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ScenarioError('"commands" must be a list of {"at": ..., "run": ...}');
  let last = start;
  return v.map((c, i) => {
    const where = `commands[${i}]`;
    if (!isObject(c)) throw new ScenarioError(`${where} must be an object with "at" and "run"`);
    for (const k of Object.keys(c)) {
      if (k !== 'at' && k !== 'run') throw new ScenarioError(`${where}: unknown key "${k}" (expected "at" and "run")`);
    }
    if (typeof c.run !== 'string' || !c.run.trim()) throw new ScenarioError(`${where}.run must be a command line such as "airflow dags list"`);
    const at = c.at === undefined ? last : readTime(c.at, `${where}.at`);
    if (at < start || at > until) throw new ScenarioError(`${where}.at (${c.at}) is outside start..until`);
    if (at < last) throw new ScenarioError(`${where}.at (${c.at}) is before the previous command's time: list commands in time order`);
    last = at;
    return { at, run: c.run };
  });
}

function readFiles(v: unknown, readPath?: (path: string) => [string, string]): Record<string, string> {
  if (v === undefined) return {};
  const files: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const [i, p] of v.entries()) {
      if (typeof p !== 'string') throw new ScenarioError(`files[${i}] must be a path (string)`);
      if (!readPath) throw new ScenarioError(`files[${i}]: file paths can only be read by the headless runner`);
      const [name, source] = readPath(p);
      if (name in files) throw new ScenarioError(`files[${i}]: two files are named ${name}`);
      files[name] = source;
    }
    return files;
  }
  if (!isObject(v)) throw new ScenarioError('"files" must map file names to Python source, or list file paths');
  for (const [name, source] of Object.entries(v)) {
    if (typeof source !== 'string') throw new ScenarioError(`files["${name}"] must be the file's Python source as a string`);
    files[name] = source;
  }
  return files;
}

function readConfig(v: unknown, profile: Profile): Config {
  if (v === undefined) return {};
  if (!isObject(v)) throw new ScenarioError('"config" must map "section.key" to values');
  const defaults = PROFILE_DEFAULTS[profile];
  const config: Config = {};
  for (const [key, value] of Object.entries(v)) {
    if (!(key in defaults)) {
      throw new ScenarioError(`config: unknown key "${key}" for Airflow ${profile} (known: ${Object.keys(defaults).join(', ')})`);
    }
    config[key] = coerce(key, value, defaults[key]!);
  }
  return config;
}

function coerce(key: string, value: unknown, def: ConfigValue): ConfigValue {
  const kind = typeof def;
  if (typeof value === kind) {
    if (kind === 'number' && (!Number.isFinite(value) || (value as number) < 0)) {
      throw new ScenarioError(`config "${key}" must be a number >= 0, not ${JSON.stringify(value)}`);
    }
    return value as ConfigValue;
  }
  if (kind === 'boolean' && (value === 'True' || value === 'False' || value === 'true' || value === 'false')) {
    return String(value).toLowerCase() === 'true';
  }
  throw new ScenarioError(`config "${key}" must be a ${kind} (default ${JSON.stringify(def)}), not ${JSON.stringify(value)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
