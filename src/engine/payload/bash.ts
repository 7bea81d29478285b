// A bash interpreter for the commands teaching DAGs put in BashOperator: it runs a command the way
// `bash -c` does inside Airflow's SubprocessHook (stdout and stderr merged, last line returned),
// on a virtual clock: `sleep` advances time instead of waiting.
//
// Modelled (anything else behaves like a missing program: "bash: line N: cmd: command not found", 127):
//   builtins   echo (-n -e -E), printf, test / [ ], [[ ]], (( )), true, false, :, exit, set (-e -u -x
//              -o pipefail, and + to unset), export, unset
//   programs   sleep (GNU: N[smhd], decimals, several arguments, infinity), seq, cat (stdin only),
//              printenv / env, date (+FORMAT, -u, -I, -R; the virtual clock, TZ or UTC)
//   syntax     ; && || | ! newlines comments, if/elif/else/fi, for ... in, while, until, { }, ( ),
//              NAME=value, $VAR ${VAR} ${#VAR} ${VAR:-x} ${VAR-x} ${VAR:=x} ${VAR:+x} ${VAR:?msg},
//              $? $# $0 $$, $(...) and `...`, $((...)) 64-bit arithmetic, '...' "..." $'...' \,
//              redirections > >> < 2>&1 >&2 &> <<< (files do not exist: writes vanish, reads fail),
//              brace expansion {a,b} {1..5}, ~ (from HOME)
// Not modelled (a "simulator:" message, status 2): functions, case, select, arrays, here-documents.
// Also: globbing (no files match, so patterns stay literal, as bash does), background jobs (`&`
// runs in sequence), ${!x}, real files and any other program.
// A script that does not end within the step budget (an endless loop, `sleep infinity`) is
// reported as never ending.
import { COMMANDS } from './bashBuiltins.ts';
import { NeverEnds, Shell, type Clock } from './bashShell.ts';

export interface BashLine {
  stream: 'stdout' | 'stderr';
  /** the line as Airflow logs it (rstripped) */
  text: string;
  /** virtual seconds since the command started when the line was complete */
  at_s: number;
}

export interface BashResult {
  /** null when the command never ends */
  exit_code: number | null;
  /** the sum of sleeps (virtual seconds); Infinity when the command never ends */
  duration_s: number;
  stdout: string[];
  stderr: string[];
  /** stdout and stderr merged in write order, as SubprocessHook reads them (stderr=STDOUT) */
  output: BashLine[];
  /** what BashOperator returns (and pushes to XCom): the last merged line, rstripped; '' if none */
  last_line: string;
  never_ends: boolean;
}

export interface BashOptions {
  /** virtual time (epoch ms) when the command starts, for `date`; default 0 */
  now_ms?: number;
  /** commands and loop iterations before the script counts as never ending; default 100000 */
  max_steps?: number;
}

export const MODELLED_COMMANDS: readonly string[] = [
  'echo', 'printf', 'test', '[', '[[', '((', 'true', 'false', ':', 'exit', 'set', 'export', 'unset',
  ...Object.keys(COMMANDS).filter((c) => !['echo', 'printf', 'test', '['].includes(c)),
];

const MAX_LINES = 10_000;

/** Collects output the way a pipe read line by line does. */
class Output {
  readonly lines: BashLine[] = [];
  private cur = '';
  private curStream: BashLine['stream'] | null = null;
  private bufs = { stdout: '', stderr: '' };

  constructor(private readonly clock: Clock) {}

  write(stream: BashLine['stream'], text: string): void {
    if (this.lines.length >= MAX_LINES) return;
    this.bufs[stream] += text;
    for (const ch of text) {
      this.curStream ??= stream;
      if (ch !== '\n') {
        this.cur += ch;
        continue;
      }
      this.lines.push({ stream: this.curStream, text: this.cur.trimEnd(), at_s: this.clock.time_s });
      this.cur = '';
      this.curStream = null;
    }
  }

  finish(): void {
    if (this.curStream) this.lines.push({ stream: this.curStream, text: this.cur.trimEnd(), at_s: this.clock.time_s });
    this.cur = '';
    this.curStream = null;
  }

  split(stream: BashLine['stream']): string[] {
    const s = this.bufs[stream];
    if (s === '') return [];
    const parts = s.split('\n');
    if (s.endsWith('\n')) parts.pop();
    return parts;
  }
}

/**
 * Run `command` as BashOperator does (bash -c, stderr merged into stdout) on the virtual clock.
 * `env` is the complete environment of the process (BashOperator.get_env builds it). Never throws.
 */
export function interpretBash(command: string, env: Record<string, string>, opts: BashOptions = {}): BashResult {
  const clock: Clock = { time_s: 0, steps: 0, max_steps: opts.max_steps ?? 100_000, now0_ms: opts.now_ms ?? 0 };
  const out = new Output(clock);
  const vars = new Map(Object.entries(env));
  const shell = new Shell(vars, new Set(vars.keys()), { errexit: false, nounset: false, xtrace: false, pipefail: false }, clock, 0);
  let exit_code: number | null;
  try {
    exit_code = shell.runScript(command, { stdin: '', out: (t) => out.write('stdout', t), err: (t) => out.write('stderr', t) });
  } catch (e) {
    if (e instanceof NeverEnds || e instanceof RangeError) {
      exit_code = null; // a RangeError is a stack overflow from runaway nesting: treat it as never ending
    } else {
      // a bug in the interpreter must not crash the simulation: report it like a crashed shell
      out.write('stderr', `bash: simulator error: ${e instanceof Error ? e.message : String(e)}\n`);
      exit_code = 1;
    }
  }
  out.finish();
  const never = exit_code === null;
  const last = out.lines[out.lines.length - 1];
  return {
    exit_code,
    duration_s: never ? Infinity : clock.time_s,
    stdout: out.split('stdout'),
    stderr: out.split('stderr'),
    output: out.lines,
    last_line: last ? last.text : '',
    never_ends: never,
  };
}
