// A faithful subset of Python's argparse (CPython 3.12.8+, the Python of the official
// Airflow images), enough to accept and reject exactly what `airflow ...` does:
// subcommands, long/short flags, --flag=value, -xVALUE, clustered short flags (-uy),
// unique-prefix abbreviations (--dag -> --dag-id), `--`, negative numbers as values,
// nargs None/'?', store/store_true/store_false, choices, types, required arguments,
// and argparse's error texts. Airflow's parser is built by airflow/cli/cli_parser.py:
// subcommands sorted by name, positionals first, optionals sorted by long flag.
import { CliUsageError } from './errors.ts';
import { DateParseError, parseDate, type ParsedDate } from './dates.ts';
import { helpOf, usageOf } from './help.ts';
import { pyRepr } from './pyfmt.ts';

export type ArgType = 'str' | 'int' | 'float' | 'parsedate' | 'positive_int' | 'positive_int_or_zero' | 'string_list';

/** One Airflow `Arg(...)` (airflow/cli/cli_config.py). */
export interface ArgDef {
  flags: readonly string[];
  dest?: string;
  help?: string;
  action?: 'store' | 'store_true' | 'store_false' | 'append' | 'boolean_optional';
  default?: unknown;
  nargs?: '?';
  type?: ArgType;
  choices?: readonly string[];
  required?: boolean;
  metavar?: string;
}

/** ActionCommand / GroupCommand of cli_config.py. `run` names the handler. */
export type CommandDef =
  | { kind: 'action'; name: string; help: string; description?: string; args: readonly ArgDef[]; run: string }
  | { kind: 'group'; name: string; help: string; subcommands: readonly CommandDef[] };

export interface ParseEnv {
  /** the virtual clock (for parsedate "now") */
  now: number;
  /** [core] default_timezone as an IANA name */
  timezone: string;
  /** Airflow's DefaultHelpParser._check_value hook: legacy command names */
  legacyCheck?: (subcommandsOf: string | null, value: string) => string | null;
}

export interface ParseResult {
  /** handler name of the ActionCommand, or '__help__' */
  run: string;
  /** the words that selected the command: ['dags', 'trigger'] */
  path: string[];
  prog: string;
  /** argparse's namespace: dest -> value */
  ns: Record<string, unknown>;
  /** for -h/--help: the help text */
  help?: string;
}

export interface Action {
  optionStrings: string[];
  dest: string;
  kind: 'store' | 'store_true' | 'store_false' | 'append' | 'boolean_optional' | 'help' | 'parsers';
  nargs: null | '?' | 0 | 'PARSER';
  def: ArgDef | null;
  required: boolean;
  metavar?: string;
  choices?: readonly string[];
  help?: string;
}

class ArgumentError extends Error {
  constructor(
    readonly action: Action | null,
    readonly msg: string,
  ) {
    super(msg);
  }
}

class HelpRequested extends Error {
  constructor(readonly parser: Parser) {
    super('help');
  }
}

function destOf(def: ArgDef): string {
  if (def.dest) return def.dest;
  const flags = def.flags;
  if (!flags[0]!.startsWith('-')) return flags[0]!;
  const long = flags.find((f) => f.startsWith('--')) ?? flags[0]!;
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

/** argparse._get_action_name */
function actionName(a: Action | null): string | null {
  if (!a) return null;
  if (a.optionStrings.length) return a.optionStrings.join('/');
  if (a.metavar) return a.metavar;
  if (a.dest) return a.dest;
  if (a.choices) return '{' + a.choices.join(',') + '}';
  return null;
}

function errorText(e: ArgumentError): string {
  const name = actionName(e.action);
  return name ? `argument ${name}: ${e.msg}` : e.msg;
}

/** The nargs regex of argparse._get_nargs_pattern, over the 'A'/'O'/'-' pattern string. */
function nargsPattern(a: Action): string {
  let p: string;
  if (a.nargs === null) p = '(-*A-*)';
  else if (a.nargs === '?') p = '(-*A?-*)';
  else if (a.nargs === 0) p = '(-*-*)';
  else p = '(-*A[-AO]*)';
  if (a.optionStrings.length) p = p.replace(/-\*/g, '').replace(/-/g, '');
  return p;
}

export class Parser {
  readonly actions: Action[] = [];
  readonly optionMap = new Map<string, Action>();
  readonly subparsers = new Map<string, Parser>();
  subAction: Action | null = null;

  constructor(
    readonly prog: string,
    readonly description: string,
    readonly def: CommandDef | null,
  ) {
    this.add({ optionStrings: ['-h', '--help'], dest: '__help__', kind: 'help', nargs: 0, def: null, required: false, help: 'show this help message and exit' });
  }

  private add(a: Action): void {
    this.actions.push(a);
    for (const o of a.optionStrings) this.optionMap.set(o, a);
  }

  addArg(def: ArgDef): void {
    const optional = def.flags[0]!.startsWith('-');
    const kind = def.action ?? 'store';
    // argparse.BooleanOptionalAction adds the --no-X form
    const flags = kind === 'boolean_optional' ? def.flags.flatMap((f) => (f.startsWith('--') ? [f, '--no-' + f.slice(2)] : [f])) : [...def.flags];
    this.add({
      optionStrings: optional ? flags : [],
      dest: destOf(def),
      kind,
      nargs: kind === 'store' || kind === 'append' ? (def.nargs ?? null) : 0,
      def,
      required: optional ? !!def.required : def.nargs !== '?',
      ...(def.metavar !== undefined ? { metavar: def.metavar } : {}),
      ...(def.choices ? { choices: def.choices } : {}),
      ...(def.help !== undefined ? { help: def.help } : {}),
    });
  }

  addSubparsers(metavar: string, children: Map<string, Parser>): void {
    const a: Action = { optionStrings: [], dest: 'subcommand', kind: 'parsers', nargs: 'PARSER', def: null, required: true, metavar, choices: [...children.keys()] };
    this.subAction = a;
    for (const [k, v] of children) this.subparsers.set(k, v);
    this.add(a);
  }

  get hasNegativeNumberOptionals(): boolean {
    return [...this.optionMap.keys()].some((o) => /^-\d+$|^-\d*\.\d+$/.test(o));
  }

  // ---- parsing (argparse.ArgumentParser._parse_known_args) ----

  fail(message: string): never {
    throw new CliUsageError(this.prog, message, usageOf(this));
  }

  /** parse_known_args: the namespace gets this parser's values; returns the unrecognized strings. */
  parseKnown(args: string[], ns: Record<string, unknown>, env: ParseEnv, path: string[]): string[] {
    try {
      return this.parseKnownInner(args, ns, env, path);
    } catch (e) {
      if (e instanceof ArgumentError) this.fail(errorText(e));
      throw e;
    }
  }

  private parseOptional(s: string): { action: Action | null; option: string; sep: string | null; explicit: string | null } | null {
    if (!s || s[0] !== '-') return null;
    const exact = this.optionMap.get(s);
    if (exact) return { action: exact, option: s, sep: null, explicit: null };
    if (s.length === 1) return null;
    const eq = s.indexOf('=');
    if (eq >= 0) {
      const o = s.slice(0, eq);
      const a = this.optionMap.get(o);
      if (a) return { action: a, option: o, sep: '=', explicit: s.slice(eq + 1) };
    }
    const tuples = this.optionTuples(s);
    if (tuples.length > 1) this.fail(`ambiguous option: ${s} could match ${tuples.map((t) => t.option).join(', ')}`);
    if (tuples.length === 1) return tuples[0]!;
    if (/^-\d+$|^-\d*\.\d+$/.test(s) && !this.hasNegativeNumberOptionals) return null;
    if (s.includes(' ')) return null;
    return { action: null, option: s, sep: null, explicit: null };
  }

  /** argparse._get_option_tuples: unique prefixes of long options, -xVALUE for short ones. */
  private optionTuples(s: string): { action: Action; option: string; sep: string | null; explicit: string | null }[] {
    const out: { action: Action; option: string; sep: string | null; explicit: string | null }[] = [];
    if (s.startsWith('--')) {
      const eq = s.indexOf('=');
      const prefix = eq >= 0 ? s.slice(0, eq) : s;
      const explicit = eq >= 0 ? s.slice(eq + 1) : null;
      for (const [o, a] of this.optionMap) {
        if (o.startsWith(prefix)) out.push({ action: a, option: o, sep: eq >= 0 ? '=' : null, explicit });
      }
    } else {
      const short = s.slice(0, 2);
      for (const [o, a] of this.optionMap) {
        if (o === short) out.push({ action: a, option: o, sep: '', explicit: s.slice(2) });
        else if (o.startsWith(s)) out.push({ action: a, option: o, sep: null, explicit: null });
      }
    }
    return out;
  }

  private parseKnownInner(args: string[], ns: Record<string, unknown>, env: ParseEnv, path: string[]): string[] {
    for (const a of this.actions) {
      if (a.kind === 'help' || a.kind === 'parsers' || a.dest in ns) continue;
      ns[a.dest] = a.def?.default ?? (a.kind === 'store_true' ? false : a.kind === 'store_false' ? true : null);
    }
    const optionIdx = new Map<number, NonNullable<ReturnType<Parser['parseOptional']>>>();
    let pattern = '';
    let afterDD = false;
    args.forEach((s, i) => {
      if (afterDD) pattern += 'A';
      else if (s === '--') {
        pattern += '-';
        afterDD = true;
      } else {
        const t = this.parseOptional(s);
        if (t) {
          optionIdx.set(i, t);
          pattern += 'O';
        } else pattern += 'A';
      }
    });

    const seen = new Set<Action>();
    const extras: string[] = [];
    let positionals = this.actions.filter((a) => !a.optionStrings.length);

    const takeAction = (a: Action, strings: string[], optionString: string | null) => {
      seen.add(a);
      if (a.kind === 'help') throw new HelpRequested(this);
      if (a.kind === 'store_true') ns[a.dest] = true;
      else if (a.kind === 'boolean_optional') ns[a.dest] = !(optionString ?? '').startsWith('--no-');
      else if (a.kind === 'store_false') ns[a.dest] = false;
      else if (a.kind === 'parsers') {
        const name = strings[0]!;
        this.checkChoice(a, name, env);
        const child = this.subparsers.get(name)!;
        path.push(name);
        const rest = child.parseKnown(strings.slice(1), ns, env, path);
        if (rest.length) extras.push(...rest);
      } else {
        const dd = strings.indexOf('--');
        const vals = dd >= 0 ? [...strings.slice(0, dd), ...strings.slice(dd + 1)] : strings;
        if (vals.length === 0) {
          ns[a.dest] = a.def?.default ?? null;
        } else {
          const v = this.convert(a, vals[0]!, env);
          if (a.choices && typeof v === 'string') this.checkChoice(a, v, env);
          if (a.kind === 'append') ns[a.dest] = [...((ns[a.dest] as unknown[] | null) ?? []), v];
          else ns[a.dest] = v;
        }
      }
    };

    const consumePositionals = (start: number): number => {
      const sel = pattern.slice(start);
      for (let n = positionals.length; n > 0; n--) {
        const re = new RegExp('^' + positionals.slice(0, n).map(nargsPattern).join(''));
        const m = re.exec(sel);
        if (!m) continue;
        let idx = start;
        const taken = positionals.slice(0, n);
        positionals = positionals.slice(n);
        for (let k = 0; k < taken.length; k++) {
          const len = m[k + 1]!.length;
          const a = taken[k]!;
          const strs = args.slice(idx, idx + len);
          idx += len;
          if (a.nargs === '?' && strs.filter((x) => x !== '--').length === 0) {
            seen.add(a);
            continue;
          }
          takeAction(a, strs, null);
        }
        return idx;
      }
      return start;
    };

    const matchArgument = (a: Action, pat: string): number => {
      const m = new RegExp('^' + nargsPattern(a)).exec(pat);
      if (!m) {
        throw new ArgumentError(a, a.nargs === '?' ? 'expected at most one argument' : 'expected one argument');
      }
      return m[1]!.length;
    };

    const consumeOptional = (start: number): number => {
      let { action, option, sep, explicit } = optionIdx.get(start)!;
      const tuples: [Action, string[], string][] = [];
      let stop = start + 1;
      for (;;) {
        if (!action) {
          extras.push(args[start]!);
          return start + 1;
        }
        if (explicit !== null) {
          const count = matchArgument(action, 'A');
          if (count === 0 && option[1] !== '-' && explicit !== '') {
            if (sep === '=' || explicit[0] === '-') throw new ArgumentError(action, `ignored explicit argument ${pyRepr(explicit)}`);
            tuples.push([action, [], option]);
            option = '-' + explicit[0];
            const next = this.optionMap.get(option);
            if (next) {
              action = next;
              explicit = explicit.slice(1);
              if (!explicit) {
                sep = null;
                explicit = null;
              } else if (explicit[0] === '=') {
                sep = '=';
                explicit = explicit.slice(1);
              } else sep = '';
            } else {
              extras.push('-' + explicit);
              stop = start + 1;
              break;
            }
          } else if (count === 1) {
            stop = start + 1;
            tuples.push([action, [explicit], option]);
            break;
          } else {
            throw new ArgumentError(action, `ignored explicit argument ${pyRepr(explicit)}`);
          }
        } else {
          const s = start + 1;
          const count = matchArgument(action, pattern.slice(s));
          stop = s + count;
          tuples.push([action, args.slice(s, stop), option]);
          break;
        }
      }
      for (const [a, strs, o] of tuples) takeAction(a, strs, o);
      return stop;
    };

    let start = 0;
    const optionIndices = [...optionIdx.keys()];
    const maxOption = optionIndices.length ? Math.max(...optionIndices) : -1;
    while (start <= maxOption) {
      const nextOption = Math.min(...optionIndices.filter((i) => i >= start));
      if (start !== nextOption) {
        const end = consumePositionals(start);
        if (end > start) {
          start = end;
          continue;
        }
        start = end;
      }
      if (!optionIdx.has(start)) {
        extras.push(...args.slice(start, nextOption));
        start = nextOption;
      }
      start = consumeOptional(start);
    }
    const stop = consumePositionals(start);
    extras.push(...args.slice(stop));

    const missing = this.actions.filter((a) => a.required && !seen.has(a)).map((a) => actionName(a)!);
    if (missing.length) throw new ArgumentError(null, `the following arguments are required: ${missing.join(', ')}`);
    return extras;
  }

  private checkChoice(a: Action, value: string, env: ParseEnv): void {
    if (!a.choices || a.choices.includes(value)) return;
    const legacy = env.legacyCheck?.(a.kind === 'parsers' ? this.prog : null, value);
    if (legacy) throw new ArgumentError(a, legacy);
    throw new ArgumentError(a, `invalid choice: ${pyRepr(value)} (choose from ${a.choices.join(', ')})`);
  }

  /** argparse._get_value: the Arg's type= callable, with argparse's messages. */
  private convert(a: Action, s: string, env: ParseEnv): unknown {
    const type = a.def?.type ?? 'str';
    switch (type) {
      case 'str':
        return s;
      case 'string_list':
        return s.split(',').map((x) => x.trim());
      case 'int': {
        if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(s)) throw new ArgumentError(a, `invalid int value: ${pyRepr(s)}`);
        return Number(s.replace(/_/g, ''));
      }
      case 'float': {
        const v = Number(s);
        if (s.trim() === '' || Number.isNaN(v)) throw new ArgumentError(a, `invalid float value: ${pyRepr(s)}`);
        return v;
      }
      case 'positive_int':
      case 'positive_int_or_zero': {
        // cli_config.positive_int: int(value), then "invalid positive int value: '{value}'"
        const isInt = /^\s*[+-]?\d+(_\d+)*\s*$/.test(s);
        const v = isInt ? Number(s.replace(/_/g, '')) : NaN;
        if (isInt && (v > 0 || (type === 'positive_int_or_zero' && v === 0))) return v;
        throw new ArgumentError(a, `invalid positive int value: '${isInt ? String(v) : s}'`);
      }
      case 'parsedate': {
        try {
          return parseDate(s, env.timezone, env.now) satisfies ParsedDate;
        } catch (e) {
          if (e instanceof DateParseError) throw new ArgumentError(a, `invalid parse value: ${pyRepr(s)}`);
          throw e;
        }
      }
    }
  }
}

/** Build the parser tree of one profile, as cli_parser.get_parser does. */
export function buildParser(commands: readonly CommandDef[], prog = 'airflow', metavar = 'GROUP_OR_COMMAND'): Parser {
  const root = new Parser(prog, '', null);
  root.addSubparsers(metavar, childParsers(prog, commands));
  return root;
}

function childParsers(prefix: string, commands: readonly CommandDef[]): Map<string, Parser> {
  const out = new Map<string, Parser>();
  for (const c of [...commands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const prog = `${prefix} ${c.name}`;
    if (c.kind === 'group') {
      const p = new Parser(prog, c.help, c);
      p.addSubparsers('COMMAND', childParsers(prog, c.subcommands));
      out.set(c.name, p);
    } else {
      const p = new Parser(prog, c.description ?? c.help, c);
      const positional = c.args.filter((a) => !a.flags[0]!.startsWith('-'));
      const optional = c.args.filter((a) => a.flags[0]!.startsWith('-'));
      const longOf = (a: ArgDef) => (a.flags.length === 1 ? a.flags[0]! : a.flags[1]!).toLowerCase();
      optional.sort((a, b) => (longOf(a) < longOf(b) ? -1 : longOf(a) > longOf(b) ? 1 : 0));
      for (const a of [...positional, ...optional]) p.addArg(a);
      out.set(c.name, p);
    }
  }
  return out;
}

/** parse_args: parse, then reject leftovers with the top parser, as argparse does. */
export function parseArgs(root: Parser, args: string[], env: ParseEnv): ParseResult {
  const ns: Record<string, unknown> = {};
  const path: string[] = [];
  try {
    const extras = root.parseKnown(args, ns, env, path);
    if (extras.length) root.fail(`unrecognized arguments: ${extras.join(' ')}`);
  } catch (e) {
    if (e instanceof HelpRequested) {
      return { run: '__help__', path, prog: e.parser.prog, ns, help: helpOf(e.parser) };
    }
    throw e;
  }
  let p: Parser = root;
  for (const w of path) p = p.subparsers.get(w)!;
  const def = p.def;
  return { run: def && def.kind === 'action' ? def.run : '', path, prog: p.prog, ns };
}
