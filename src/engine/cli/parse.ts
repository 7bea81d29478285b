// One parser for the headless runner and the browser console: a command line in,
// the command and its arguments out, or argparse's error exactly as Airflow prints it.
import type { Profile } from '../../dagfile/spec.ts';
import { buildParser, parseArgs, type CommandDef, type Parser } from './argparse.ts';
import { CliUsageError } from './errors.ts';
import { commandsFor, legacyMessage, SIM_COMMANDS } from './spec/index.ts';
import { tokenize, TokenizeError } from './tokenize.ts';

export interface ParsedCommand {
  profile: Profile;
  /** 'airflow' or 'sim' */
  program: 'airflow' | 'sim';
  /** the handler: 'dags.trigger', 'backfill.create', 'sim.mark-run', '__help__' */
  run: string;
  /** the subcommand words: ['dags', 'trigger'] */
  path: string[];
  /** the prog of the selected parser: 'airflow dags trigger' */
  prog: string;
  /** argparse's namespace (dest -> value); dates are ParsedDate objects */
  args: Record<string, unknown>;
  /** the words of the line, program included (for the audit log's full_command) */
  argv: string[];
  /** for -h/--help */
  help?: string;
}

export interface ParseOptions {
  /** the virtual clock, for dates like "now" (default 0) */
  now?: number;
  /** [core] default_timezone as an IANA name (default UTC) */
  timezone?: string;
  /** [core] executor: CeleryExecutor adds the `celery` command group */
  executor?: string;
}

const parserCache = new Map<string, Parser>();

function parserFor(key: string, commands: readonly CommandDef[], prog: string, metavar: string): Parser {
  let p = parserCache.get(key);
  if (!p) parserCache.set(key, (p = buildParser(commands, prog, metavar)));
  return p;
}

/** Find an unsupported command along the leading words, before argparse looks at its arguments. */
function unsupportedPath(commands: readonly CommandDef[], words: string[]): string[] | null {
  let level = commands;
  const path: string[] = [];
  for (const w of words) {
    const c = level.find((x) => x.name === w);
    if (!c) return null;
    path.push(w);
    if (c.kind === 'group') level = c.subcommands;
    else return c.run === 'unsupported' ? path : null;
  }
  return null;
}

export function parseCommand(line: string, profile: Profile, opts: ParseOptions = {}): ParsedCommand | CliUsageError {
  let words: string[];
  try {
    words = tokenize(line);
  } catch (e) {
    if (e instanceof TokenizeError) return new CliUsageError('sh', `syntax error: ${e.message}`, '', 'program');
    throw e;
  }
  if (words.length === 0) return new CliUsageError('sh', 'empty command: type an `airflow ...` command', '', 'program');
  const program = words[0]!;
  if (program !== 'airflow' && program !== 'sim') {
    return new CliUsageError('sh', `${program}: command not found (commands start with \`airflow\`, or \`sim\` for UI actions)`, '', 'program');
  }
  const executor = opts.executor ?? 'LocalExecutor';
  const commands = program === 'sim' ? SIM_COMMANDS : commandsFor(profile, executor);
  const key = program === 'sim' ? 'sim' : `${profile}:${executor}`;
  const root = parserFor(key, commands, program, program === 'sim' ? 'COMMAND' : 'GROUP_OR_COMMAND');
  const unsupported = unsupportedPath(commands, words.slice(1));
  if (unsupported) {
    return new CliUsageError(
      `${program} ${unsupported.join(' ')}`,
      `\`${program} ${unsupported.join(' ')}\` is valid Airflow CLI, but the simulator does not model it`,
      '',
      'unsupported',
    );
  }
  try {
    const r = parseArgs(root, words.slice(1), {
      now: opts.now ?? 0,
      timezone: opts.timezone ?? 'UTC',
      legacyCheck: (of, value) => legacyMessage(profile, of, value),
    });
    return {
      profile,
      program,
      run: r.run,
      path: r.path,
      prog: r.prog,
      args: r.ns,
      argv: words,
      ...(r.help !== undefined ? { help: r.help } : {}),
    };
  } catch (e) {
    if (e instanceof CliUsageError) return e;
    throw e;
  }
}
