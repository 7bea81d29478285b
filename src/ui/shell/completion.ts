// Tab completion for the console, from the CLI spec of the profile (src/engine/cli/spec):
// groups, commands, flags and choices come from the same definitions argparse parses with;
// DAG ids, task ids, pools and run ids are values the console looks up in the metastore.
import type { Profile } from '../../dagfile/spec.ts';
import type { ArgDef, CommandDef } from '../../engine/cli/argparse.ts';
import { commandsFor, SIM_COMMANDS } from '../../engine/cli/spec/index.ts';

/** A value only the simulation knows. `dagId`: the DAG the line names so far, if any. */
export interface DynamicValues {
  kind: 'dag_id' | 'task_id' | 'pool' | 'run_id';
  dagId: string | null;
}

export interface CompletionQuery {
  /** where the word being completed starts in the line */
  start: number;
  /** the word being completed (may be empty) */
  word: string;
  /** fixed candidates (commands, flags, choices) */
  candidates: string[];
  /** candidates to look up, added to `candidates` */
  dynamic: DynamicValues | null;
}

const takesValue = (a: ArgDef): boolean => {
  const act = a.action ?? 'store';
  return act === 'store' || act === 'append';
};
const isOptional = (a: ArgDef): boolean => a.flags[0]!.startsWith('-');
const longFlag = (a: ArgDef): string => a.flags.find((f) => f.startsWith('--')) ?? a.flags[0]!;
const dest = (a: ArgDef): string => a.dest ?? longFlag(a).replace(/^-+/, '').replace(/-/g, '_');
const modelled = (c: CommandDef): boolean => c.kind === 'group' || c.run !== 'unsupported';

function dynamicFor(a: ArgDef): DynamicValues['kind'] | null {
  const d = dest(a);
  if (d === 'dag_id') return 'dag_id';
  if (d === 'task_id') return 'task_id';
  if (d === 'pool') return 'pool';
  if (d === 'run_id' && !isOptional(a)) return 'run_id';
  if (d.endsWith('_or_run_id')) return 'run_id';
  return null;
}

/** What to complete at the end of `line` (the cursor is at its end). Null: nothing to offer. */
export function completionQuery(line: string, profile: Profile): CompletionQuery | null {
  const m = /(\S*)$/.exec(line)!;
  const word = m[1]!;
  const start = line.length - word.length;
  const done = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const q = (candidates: string[], dynamic: DynamicValues | null = null): CompletionQuery => ({ start, word, candidates, dynamic });

  if (done.length === 0) return q(['airflow', 'sim']);
  const program = done[0];
  if (program !== 'airflow' && program !== 'sim') return null;
  let level: readonly CommandDef[] = program === 'sim' ? SIM_COMMANDS : commandsFor(profile);
  let i = 1;
  let action: Extract<CommandDef, { kind: 'action' }> | null = null;
  for (; i < done.length; i++) {
    const w = done[i]!;
    if (w.startsWith('-')) continue; // -v, -h before the command
    const c = level.find((x) => x.name === w);
    if (!c) return null;
    if (c.kind === 'group') level = c.subcommands;
    else {
      action = c;
      i++;
      break;
    }
  }
  if (!action) {
    const names = level.filter(modelled).map((c) => c.name);
    return q(word.startsWith('-') ? ['--help'] : [...names].sort());
  }

  // inside a command: which positional or option value comes next?
  const args = action.args;
  const positionals = args.filter((a) => !isOptional(a));
  const optionals = args.filter(isOptional);
  const byFlag = new Map<string, ArgDef>();
  for (const a of optionals) for (const f of a.flags) byFlag.set(f, a);
  const values = new Map<string, string>();
  const used = new Set<ArgDef>();
  let pos = 0;
  let pending: ArgDef | null = null;
  for (; i < done.length; i++) {
    const w = done[i]!;
    if (pending) {
      values.set(dest(pending), w);
      pending = null;
      continue;
    }
    if (w.startsWith('-') && w !== '-') {
      const [flagPart, inline] = w.split('=', 2) as [string, string | undefined];
      const a = byFlag.get(flagPart) ?? optionals.find((o) => o.flags.some((f) => f.startsWith('--') && f.startsWith(flagPart) && flagPart.startsWith('--')));
      if (!a) continue;
      used.add(a);
      if (takesValue(a)) {
        if (inline !== undefined) values.set(dest(a), inline);
        else pending = a;
      }
      continue;
    }
    const p = positionals[pos++];
    if (p) values.set(dest(p), w);
  }
  const dagId = values.get('dag_id') ?? null;

  if (pending) {
    const kind = dynamicFor(pending);
    return q([...(pending.choices ?? [])], kind ? { kind, dagId } : null);
  }
  const flags = (): string[] => [
    ...optionals.filter((a) => !used.has(a) || a.action === 'append').map(longFlag),
    '--help',
  ];
  if (word.startsWith('-')) return q(flags().sort());
  const p = positionals[pos];
  if (!p) return q(word === '' ? flags().sort() : []);
  const kind = dynamicFor(p);
  return q([...(p.choices ?? [])], kind ? { kind, dagId } : null);
}

export interface Completed {
  /** the new line (unchanged when nothing completes) */
  line: string;
  /** the candidates to list when the word stays ambiguous */
  options: string[];
}

/** Complete `q.word` against `candidates`: one match finishes it, several extend it to their common prefix. */
export function applyCompletion(line: string, q: CompletionQuery, candidates: readonly string[]): Completed {
  const matches = [...new Set(candidates)].filter((c) => c.startsWith(q.word));
  if (matches.length === 0) return { line, options: [] };
  if (matches.length === 1) return { line: line.slice(0, q.start) + matches[0] + ' ', options: [] };
  let prefix = matches[0]!;
  for (const m of matches) while (!m.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix.length > q.word.length) return { line: line.slice(0, q.start) + prefix, options: matches };
  return { line, options: matches };
}
