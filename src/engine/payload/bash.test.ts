import { describe, expect, it } from 'vitest';
import { interpretBash, MODELLED_COMMANDS } from './bash.ts';

// Expected outputs recorded from GNU bash 5.2.15 / coreutils 9.1 on Debian 12 (the base of the
// official Airflow 2.10 and 3.x images), run the way SubprocessHook.run_command does:
// Popen(["bash", "-c", command], stdout=PIPE, stderr=STDOUT, env={"PATH": ..., "NAME": "world"}).
// Output is compared line by line after rstrip(), as Airflow reads it. Coreutils messages use the
// ‘’ quotes of a UTF-8 locale (the images set LANG=C.UTF-8).
const BASH_ORACLE: Array<[command: string, output: string, exit_code: number]> = [
  ["echo hello", "hello\n", 0],
  ["echo -n hi; echo there", "hithere\n", 0],
  ["echo -ne 'x\\ny'", "x\ny", 0],
  ["echo -e 'a\\tb\\nc'", "a\tb\nc\n", 0],
  ["echo -x", "-x\n", 0],
  ["echo \"$NAME\" '$NAME' $NAME", "world $NAME world\n", 0],
  ["X=1; echo $X", "1\n", 0],
  ["X='a  b'; echo $X; echo \"$X\"", "a b\na  b\n", 0],
  ["exit 3", "", 3],
  ["exit 300", "", 44],
  ["exit -1", "", 255],
  ["false; exit", "", 1],
  ["exit abc", "bash: line 1: exit: abc: numeric argument required\n", 2],
  ["exit 1 2", "bash: line 1: exit: too many arguments\n", 1],
  ["true && echo yes || echo no", "yes\n", 0],
  ["false && echo yes || echo no", "no\n", 0],
  ["false; echo $?", "1\n", 0],
  ["! false; echo $?", "0\n", 0],
  ["sleep 1; echo done", "done\n", 0],
  ["sleep", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1],
  ["sleep 1x", "sleep: invalid time interval ‘1x’\nTry 'sleep --help' for more information.\n", 1],
  ["sleep 0.5s 1m", "", 0],
  ["foo", "bash: line 1: foo: command not found\n", 127],
  ["echo a\nfoo bar\necho b", "a\nbash: line 2: foo: command not found\nb\n", 0],
  ["./run.sh", "bash: line 1: ./run.sh: No such file or directory\n", 127],
  ["python -c 1", "bash: line 1: python: command not found\n", 127],
  ["if [ 1 -eq 1 ]; then echo eq; else echo ne; fi", "eq\n", 0],
  ["if [ 2 -lt 1 ]; then echo lt; elif [ 2 -gt 1 ]; then echo gt; fi", "gt\n", 0],
  ["[ abc -eq 1 ]", "bash: line 1: [: abc: integer expression expected\n", 2],
  ["[ 1 -lt ]", "bash: line 1: [: 1: unary operator expected\n", 2],
  ["[ a = ]", "bash: line 1: [: a: unary operator expected\n", 2],
  ["test", "", 1],
  ["[ ]", "", 1],
  ["[ -z ]", "", 0],
  ["[ 1 -eq 1", "bash: line 1: [: missing `]'\n", 2],
  ["[ -z \"\" ] && echo empty", "empty\n", 0],
  ["[ -n x ] && echo nonempty", "nonempty\n", 0],
  ["[ a != b ] && echo diff", "diff\n", 0],
  ["[ ! 1 -eq 2 ] && echo not", "not\n", 0],
  ["[ 1 -eq 1 -a 2 -eq 2 ] && echo both", "both\n", 0],
  ["[ 1 -eq 2 -o 2 -eq 2 ] && echo either", "either\n", 0],
  ["echo $((2**10)) $((7/2)) $((-7/2)) $((7%3)) $((-7%3))", "1024 3 -3 1 -1\n", 0],
  ["echo $((1/0)); echo after", "bash: line 1: 1/0: division by 0 (error token is \"0\")\n", 1],
  ["echo $((1+))", "bash: line 1: 1+: syntax error: operand expected (error token is \"+\")\n", 1],
  ["i=5; echo $((i * 2 + 1)) $((i++)) $i $((++i))", "11 5 6 7\n", 0],
  ["echo $(( 3 > 2 && 1 ))", "1\n", 0],
  ["x=2; (( x += 3 )); echo $x", "5\n", 0],
  ["set -e; false || true; echo ok; false; echo no", "ok\n", 1],
  ["set -e; if false; then :; fi; echo ok1; { false && true; }; echo ok2; (exit 3); echo no", "ok1\nok2\n", 3],
  ["set -e; ! true; echo still", "still\n", 0],
  ["set -e; X=$(false); echo assigned", "", 1],
  ["set -euo pipefail; false | true; echo no", "", 1],
  ["set -u; echo $NOPE; echo after", "bash: line 1: NOPE: unbound variable\n", 127],
  ["set -q", "bash: line 1: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -x; X=1; echo \"a b\" $X", "+ X=1\n+ echo 'a b' 1\na b 1\n", 0],
  ["echo a >&2; echo b", "a\nb\n", 0],
  ["echo err 1>&2", "err\n", 0],
  ["echo quiet > /dev/null; echo loud", "loud\n", 0],
  ["cat nofile", "cat: nofile: No such file or directory\n", 1],
  ["cat < nofile; echo $?", "bash: line 1: nofile: No such file or directory\n1\n", 0],
  ["echo ${#NAME} ${NOPE:-dflt} ${NAME:+alt} ${NOPE-x}", "5 dflt alt x\n", 0],
  ["echo ${X:?nope}; echo after", "bash: line 1: X: nope\n", 127],
  ["echo ${Y:=set}; echo $Y", "set\nset\n", 0],
  ["for i in 1 2 3; do echo $i; done", "1\n2\n3\n", 0],
  ["for i in $(seq 3); do echo \"n$i\"; done", "n1\nn2\nn3\n", 0],
  ["i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i", "3\n", 0],
  ["i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done", "0\n1\n", 0],
  ["((1 > 2)); echo $?", "1\n", 0],
  ["[[ abc == a* ]] && echo glob", "glob\n", 0],
  ["[[ abc == \"a*\" ]] || echo literal", "literal\n", 0],
  ["[[ -z $NOPE && $NAME == w* ]] && echo ok", "ok\n", 0],
  ["[[ 10 -gt 9 ]] && echo num", "num\n", 0],
  ["[[ abc =~ ^a.c$ ]] && echo re", "re\n", 0],
  ["echo \"$(echo a; echo b)\"", "a\nb\n", 0],
  ["X=$(exit 3); echo $?", "3\n", 0],
  ["echo `echo hi`", "hi\n", 0],
  ["echo $(echo $(echo nested))", "nested\n", 0],
  ["export 1a=2", "bash: line 1: export: `1a=2': not a valid identifier\n", 1],
  ["export A=1; printenv A", "1\n", 0],
  ["printenv NAME", "world\n", 0],
  ["printenv NOPE; echo $?", "1\n", 0],
  ["unset NAME; echo \"[$NAME]\"", "[]\n", 0],
  ["echo hi | cat", "hi\n", 0],
  ["echo hi | foo", "bash: line 1: foo: command not found\n", 127],
  ["printf \"%s-%d\\n\" a 3 b 4", "a-3\nb-4\n", 0],
  ["printf \"%5.2f|%x|%%\\n\" 3.14159 255", " 3.14|ff|%\n", 0],
  ["printf '%05d|%-4s|%s\\n' 42 ab", "00042|ab  |\n", 0],
  ["printf 'no newline'", "no newline", 0],
  ["printf '%d\\n' abc", "bash: line 1: printf: abc: invalid number\n0\n", 1],
  ["seq 3", "1\n2\n3\n", 0],
  ["seq 2 4", "2\n3\n4\n", 0],
  ["seq 1 2 7", "1\n3\n5\n7\n", 0],
  ["seq 3 -1 1", "3\n2\n1\n", 0],
  ["echo a\\\nb", "ab\n", 0],
  ["# comment\necho x # trailing", "x\n", 0],
  ["echo 'it''s'", "its\n", 0],
  ["echo \"a\\\"b\"", "a\"b\n", 0],
  ["echo $'tab\\there'", "tab\there\n", 0],
  ["if", "bash: -c: line 2: syntax error: unexpected end of file\n", 2],
  ["echo a; if", "bash: -c: line 2: syntax error: unexpected end of file\n", 2],
  ["echo a\nif true", "a\nbash: -c: line 3: syntax error: unexpected end of file\n", 2],
  ["echo a\nfi", "a\nbash: -c: line 2: syntax error near unexpected token `fi'\nbash: -c: line 2: `fi'\n", 2],
  ["echo )", "bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `echo )'\n", 2],
  ["for x in; do", "bash: -c: line 2: syntax error: unexpected end of file\n", 2],
  ["echo \"unterminated", "bash: -c: line 1: unexpected EOF while looking for matching `\"'\n", 2],
  ["echo ${X", "bash: -c: line 1: unexpected EOF while looking for matching `}'\n", 2],
  ["{ echo a; echo b; } > /dev/null; echo c", "c\n", 0],
  ["(X=1; echo in $X); echo \"out $X\"", "in 1\nout \n", 0],
  ["echo $0 $#", "bash 0\n", 0],
  ["echo \"$@\"|cat", "\n", 0],
  ["X=1 printenv X; echo \"[$X]\"", "1\n[]\n", 0],
  ["echo one; exit 4; echo two", "one\n", 4],
  ["true | false; echo $?", "1\n", 0],
  ["set -o pipefail; false | true; echo $?", "1\n", 0],
];

const ENV = { PATH: '/usr/bin:/bin', NAME: 'world' };
const JUNE1 = Date.UTC(2024, 5, 1);
const run = (cmd: string, env: Record<string, string> = ENV) => interpretBash(cmd, env, { now_ms: JUNE1 });

describe('interpretBash matches bash -c (recorded oracle)', () => {
  for (const [cmd, output, code] of BASH_ORACLE) {
    it(JSON.stringify(cmd), () => {
      const r = run(cmd);
      const want = output.split('\n').map((l) => l.trimEnd());
      if (output.endsWith('\n')) want.pop();
      expect(r.output.map((l) => l.text)).toEqual(output === '' ? [] : want);
      expect(r.exit_code).toBe(code);
    });
  }
});

describe('virtual time', () => {
  it('sleep adds up, and every line carries the time it was written', () => {
    const r = run('echo start; sleep 5; echo middle; sleep 2.5; echo end');
    expect(r.duration_s).toBe(7.5);
    expect(r.output.map((l) => [l.text, l.at_s])).toEqual([['start', 0], ['middle', 5], ['end', 7.5]]);
  });
  it('GNU sleep suffixes and several arguments', () => {
    expect(run('sleep 1m 30s').duration_s).toBe(90);
    expect(run('sleep 0.5h').duration_s).toBe(1800);
    expect(run('sleep 1d').duration_s).toBe(86400);
    expect(run('sleep .25').duration_s).toBe(0.25);
  });
  it('a pipeline lasts as long as its slowest element', () => {
    expect(run('sleep 2 | sleep 3').duration_s).toBe(3);
  });
  it('sleeps inside $(...) and loops count', () => {
    expect(run('echo $(sleep 2; echo x)').duration_s).toBe(2);
    expect(run('for i in 1 2 3; do sleep 60; done').duration_s).toBe(180);
  });
  it('date reads the virtual clock, advanced by sleeps; TZ selects the zone', () => {
    expect(run('date').output[0].text).toBe('Sat Jun  1 00:00:00 UTC 2024');
    expect(run('sleep 90; date +%H:%M:%S').output[0].text).toBe('00:01:30');
    expect(run('date +%Y%m%d', { TZ: 'America/New_York' }).output[0].text).toBe('20240531');
  });
});

describe('what BashOperator gets back', () => {
  it('last_line is the last merged line (stderr included), rstripped', () => {
    expect(run('echo result; echo warning >&2').last_line).toBe('warning');
    expect(run('echo "value   "').last_line).toBe('value');
    expect(run('echo -n partial').last_line).toBe('partial');
  });
  it("last_line is '' when nothing was written, or when the last line is empty", () => {
    expect(run('true').last_line).toBe('');
    expect(run('echo a; echo').last_line).toBe('');
  });
  it('keeps stdout and stderr apart as well as merged', () => {
    const r = run('echo out1; echo err1 >&2; echo out2');
    expect(r.stdout).toEqual(['out1', 'out2']);
    expect(r.stderr).toEqual(['err1']);
    expect(r.output.map((l) => l.stream)).toEqual(['stdout', 'stderr', 'stdout']);
  });
  it('returns any exit code as is (skip_on_exit_code is the operator\'s business)', () => {
    expect(run('echo skipping; exit 99').exit_code).toBe(99);
  });
  it('passes the environment it is given', () => {
    const r = run('echo "$AIRFLOW_CTX_DAG_ID/$AIRFLOW_CTX_TASK_ID"', { AIRFLOW_CTX_DAG_ID: 'etl', AIRFLOW_CTX_TASK_ID: 'extract' });
    expect(r.last_line).toBe('etl/extract');
  });
  it('reports commands that are not modelled like bash reports a missing program', () => {
    const r = run('echo start\ncurl https://example.com');
    expect(r.output.map((l) => l.text)).toEqual(['start', 'bash: line 2: curl: command not found']);
    expect(r.exit_code).toBe(127);
    expect(MODELLED_COMMANDS).toEqual(expect.arrayContaining(['echo', 'sleep', 'exit', 'test', '[', 'printf', 'date']));
    expect(MODELLED_COMMANDS).not.toContain('curl');
  });
});

describe('never hangs, never throws', () => {
  it('an endless loop is reported as never ending', () => {
    for (const cmd of ['while true; do sleep 1; done', 'while :; do :; done', 'sleep infinity', 'until false; do echo x; done']) {
      const r = interpretBash(cmd, {}, { max_steps: 5000 });
      expect(r.never_ends).toBe(true);
      expect(r.exit_code).toBeNull();
      expect(r.duration_s).toBe(Infinity);
    }
  });
  it('a finite loop within the budget ends normally', () => {
    const r = run('i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; echo $i');
    expect(r.last_line).toBe('1000');
    expect(r.never_ends).toBe(false);
  });
  it('garbage input gives an error status, not an exception', () => {
    for (const cmd of ['((((', '$(((', '"${', "'", '}}}', 'if then fi', '| |', ';;', '$((1/0))', 'for for in in', '${!x}', '`', 'echo $((', '[[ ]] ]]']) {
      const r = interpretBash(cmd, {});
      expect(r.exit_code === null || r.exit_code > 0).toBe(true);
    }
  });
});

describe('expansions beyond the oracle table', () => {
  // recorded from bash 5.2.15 like the table above
  it.each([
    ['echo {a,b}', 'a b'],
    ['echo x{1..3}y', 'x1y x2y x3y'],
    ['echo {01..10..3}', '01 04 07 10'],
    ['echo {a..e..2}', 'a c e'],
    ['echo {5..1}', '5 4 3 2 1'],
    ['echo {a,b{c,d}}', 'a bc bd'],
    ['echo {} {a}', '{} {a}'],
    ['echo "{a,b}"', '{a,b}'],
    ['X={a,b}; echo $X', '{a,b}'],
    ['echo {1..3}{a,b}', '1a 1b 2a 2b 3a 3b'],
    ['echo {-03..2}', '-03 -02 -01 000 001 002'],
  ])('%s', (cmd, want) => {
    expect(run(cmd).last_line).toBe(want);
  });
  it('~ is HOME', () => {
    expect(run('echo ~/dags ~x', { HOME: '/home/airflow' }).last_line).toBe('/home/airflow/dags ~x');
  });
  it('says plainly when a construct is valid bash but not modelled', () => {
    for (const cmd of ['f() { echo; }', 'case x in x) echo;; esac', 'X=(1 2)', 'cat <<EOF\nhi\nEOF']) {
      const r = run(cmd);
      expect(r.exit_code).toBe(2);
      expect(r.last_line).toMatch(/^simulator: line 1: .* not modelled/);
    }
  });
});
