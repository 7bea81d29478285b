// `# sim:` directives: syntax, placement, literal returns, and the defaults when nothing is said.
import { describe, expect, it } from 'vitest';
import { parseDagFile, type TaskSpec } from './index.ts';
import { parseDirective, parseDuration, tokenize } from './directives.ts';
import { parseLiteral } from './dag/literal.ts';

function tasks(src: string, profile: '2' | '3' = '3'): Record<string, TaskSpec> {
  const r = parseDagFile('d.py', src, { profile });
  if (r.errors.length) throw new Error(r.errors[0].message);
  return Object.fromEntries(r.dags.flatMap((d) => d.tasks).map((t) => [t.task_id, t]));
}

const HEAD = `from airflow.sdk import DAG, task
from airflow.providers.standard.operators.python import BranchPythonOperator, PythonOperator
from airflow.providers.standard.operators.empty import EmptyOperator
`;

describe('directive syntax', () => {
  it('durations', () => {
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('2m')).toBe(120);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('250ms')).toBe(0.25);
    expect(parseDuration('2 days')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });

  it('tokens keep quoted and bracketed values whole', () => {
    expect(tokenize(' duration=30s log="two words" returns={"a": [1, 2]} skip')).toEqual([
      { key: 'duration', value: '30s' },
      { key: 'log', value: '"two words"' },
      { key: 'returns', value: '{"a": [1, 2]}' },
      { key: 'skip', value: null },
    ]);
  });

  it('every key', () => {
    const { sim, notices } = parseDirective(' duration=5m fail=1,3 returns=[1, "x", None] branch=a,g.b ready_after=2h log="hello" skip', parseLiteral);
    expect(notices).toEqual([]);
    expect(sim).toEqual({ duration_s: 300, fail_tries: [1, 3], fail_always: false, returns: [1, 'x', null], branch: ['a', 'g.b'], ready_after_s: 7200, log: ['hello'], skip: true });
    expect(parseDirective('fail=always', parseLiteral).sim).toMatchObject({ fail_always: true, fail_tries: [] });
    expect(parseDirective('branch=none', parseLiteral).sim.branch).toEqual([]);
    expect(parseDirective("returns='ok'", parseLiteral).sim.returns).toBe('ok');
    expect(parseDirective('returns=True', parseLiteral).sim.returns).toBe(true);
  });

  it('bad values and unknown keys are notices, never errors', () => {
    const { sim, notices } = parseDirective('duration=soon fail=maybe returns=foo() colour=red', parseLiteral);
    expect(sim).toEqual({});
    expect(notices).toEqual([
      '# sim: duration=soon is not understood: write a duration like 30s, 5m, 1h30m or 90 (seconds)',
      '# sim: fail=maybe is not understood: write fail=always, fail=never, or the failing try numbers like fail=1,2',
      '# sim: returns=foo() is not understood: write a Python literal (only literals like 42, "text", [1, 2], {"k": "v"}, True, None)',
      "unknown # sim: key 'colour'; accepted keys are: duration, fail, skip, returns, branch, ready_after, log",
    ]);
  });
});

describe('directive placement', () => {
  it('defaults when nothing is said', () => {
    const t = tasks(`${HEAD}with DAG("d", schedule=None):\n    EmptyOperator(task_id="e")\n`).e;
    expect(t.sim).toEqual({ duration_s: null, fail_tries: [], fail_always: false, skip: false, branch: null, ready_after_s: null, log: [] });
    expect('returns' in t.sim).toBe(false);
  });

  it('above an operator call, trailing it, and above a multi-line statement', () => {
    const t = tasks(`${HEAD}with DAG("d", schedule=None):
    # sim: duration=10s
    # an ordinary comment in the same block
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")  # sim: fail=2
    # sim: skip
    c = EmptyOperator(
        task_id="c",
    )

    d = EmptyOperator(task_id="d")
`);
    expect(t.a.sim.duration_s).toBe(10);
    expect(t.b.sim.fail_tries).toEqual([2]);
    expect(t.c.sim.skip).toBe(true);
    expect(t.d.sim).toMatchObject({ duration_s: null, skip: false, fail_tries: [] }); // the blank line ends the block above
  });

  it('above a @task decorator, on the def line, at the top of the body; the call site overrides', () => {
    const t = tasks(`${HEAD}with DAG("d", schedule=None):
    # sim: duration=1m
    @task
    def one():  # sim: fail=1
        # sim: log="from the body"
        return 1

    one()
    # sim: duration=5s
    one()
`);
    expect(t.one.sim).toMatchObject({ duration_s: 60, fail_tries: [1], log: ['from the body'], returns: 1 });
    expect(t.one__1.sim).toMatchObject({ duration_s: 5, fail_tries: [1], returns: 1 });
  });

  it('a directive at the top of a python_callable applies to the PythonOperator using it', () => {
    const t = tasks(`${HEAD}def work():\n    # sim: duration=42s\n    return {"rows": 3}\n\nwith DAG("d", schedule=None):\n    PythonOperator(task_id="p", python_callable=work)\n`);
    expect(t.p.sim).toMatchObject({ duration_s: 42, returns: { rows: 3 } });
  });
});

describe('branches and returns read from the source', () => {
  it('a literal return in a branch callable (def or lambda) is the branch', () => {
    const t = tasks(`${HEAD}def pick():\n    return "b"\n\nwith DAG("d", schedule=None):\n    BranchPythonOperator(task_id="x", python_callable=pick)\n    BranchPythonOperator(task_id="y", python_callable=lambda: ["a", "b"])\n    @task.branch\n    def z():\n        return None\n    z()\n`);
    expect(t.x.sim.branch).toEqual(['b']);
    expect(t.y.sim.branch).toEqual(['a', 'b']);
    expect(t.z.sim.branch).toEqual([]);
  });

  it('a branch= directive wins over the literal return', () => {
    const t = tasks(`${HEAD}with DAG("d", schedule=None):\n    # sim: branch=c\n    BranchPythonOperator(task_id="x", python_callable=lambda: "b")\n`);
    expect(t.x.sim.branch).toEqual(['c']);
  });

  it('several possible returns: no branch, and a notice that says how to choose', () => {
    const src = `${HEAD}def pick(**context):\n    if context["ds"] > "2024":\n        return "new"\n    else:\n        return "old"\n\nwith DAG("d", schedule=None):\n    BranchPythonOperator(task_id="x", python_callable=pick)\n`;
    const r = parseDagFile('d.py', src, { profile: '3' });
    expect(r.dags[0].tasks[0].sim.branch).toBeNull();
    expect(r.warnings[0].message).toContain('(it may return "new" or "old"); add `# sim: branch=<task_id>`');
  });

  it('a function that may fall off the end also may return None', () => {
    const src = `${HEAD}def maybe(flag=False):\n    if flag:\n        return "x"\n\nwith DAG("d", schedule=None):\n    PythonOperator(task_id="p", python_callable=maybe)\n`;
    expect('returns' in tasks(src).p.sim).toBe(false);
  });
});

describe('directives on enclosing statements', () => {
  it('above a for loop, a with block or a helper call: applies to every task inside; inner ones win', () => {
    const t = tasks(`${HEAD}def make(name):
    return PythonOperator(task_id=name, python_callable=print)

# sim: duration=1m
with DAG("d", schedule=None):
    # sim: fail=always
    for n in ["a", "b"]:
        make(n)
    # sim: duration=5s
    helper = make("c")
    make("e")
`);
    expect(t.a.sim).toMatchObject({ duration_s: 60, fail_always: true });
    expect(t.b.sim).toMatchObject({ duration_s: 60, fail_always: true });
    expect(t.c.sim).toMatchObject({ duration_s: 5, fail_always: false });
    expect(t.e.sim).toMatchObject({ duration_s: 60, fail_always: false });
  });
});
