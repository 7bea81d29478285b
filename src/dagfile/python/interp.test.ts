// The Python subset: each expectation is what CPython prints for the same code.
import { describe, expect, it } from 'vitest';
import { parseDagFile } from '../index.ts';

/** Evaluates `expr` (after `prelude`) and returns str(value), via a BashOperator's bash_command. */
function py(expr: string, prelude = ''): string {
  const src = `from airflow.sdk import DAG\nfrom airflow.providers.standard.operators.bash import BashOperator\n${prelude}\nwith DAG("d", schedule=None) as dag:\n    BashOperator(task_id="t", bash_command=str((${expr})))\n`;
  const r = parseDagFile('t.py', src, { profile: '3', now_ms: Date.UTC(2025, 0, 15, 12) });
  if (r.errors.length) return `ERROR ${r.errors[0].message.split('\n')[0]}`;
  const op = r.dags[0].tasks[0].op;
  return op.kind === 'bash' ? op.bash_command : '';
}

describe('expressions', () => {
  it('literals and repr', () => {
    expect(py('[1, 2.0, "a", None, True, (1,), {"k": [1]}]')).toBe("[1, 2.0, 'a', None, True, (1,), {'k': [1]}]");
    expect(py('{1, 2}')).toBe('{1, 2}');
    expect(py('0.1 + 0.2')).toBe('0.30000000000000004');
    expect(py('1e20')).toBe('1e+20');
    expect(py('10 / 4')).toBe('2.5');
    expect(py('7 // 2, -7 // 2, -7 % 3, 2 ** 10, 2 ** -1')).toBe('(3, -4, 2, 1024, 0.5)');
    expect(py('"it\'s"')).toBe("it's");
    expect(py('repr("it\'s")')).toBe('"it\'s"');
  });

  it('f-strings with conversions and format specs', () => {
    expect(py('f"{x!r:>6}|{y:.2f}|{z:,}|{n:03d}|{x=}"', 'x = "ab"\ny = 3.14159\nz = 1234567\nn = 7')).toBe("  'ab'|3.14|1,234,567|007|x='ab'");
    expect(py('f"{{literal}} {x}"', 'x = 1')).toBe('{literal} 1');
    expect(py('"{} and {name}".format(1, name="b")')).toBe('1 and b');
    expect(py('"%s-%d" % ("a", 3)')).toBe('a-3');
  });

  it('comprehensions, unpacking, slicing, chained comparisons', () => {
    expect(py('[i * 2 for i in range(5) if i % 2]')).toBe('[2, 6]');
    expect(py('{k: v for k, v in [("a", 1), ("b", 2)]}')).toBe("{'a': 1, 'b': 2}");
    expect(py('(a, b, rest)', 'a, *rest, b = [1, 2, 3, 4]')).toBe('(1, 4, [2, 3])');
    expect(py('"abcdef"[1:4], [1, 2, 3][::-1], "xyz"[-1]')).toBe("('bcd', [3, 2, 1], 'z')");
    expect(py('1 < 2 < 3, 1 < 3 < 2')).toBe('(True, False)');
    expect(py('"a" if 0 else "b"')).toBe('b');
    expect(py('[] or "default", 0 and 1')).toBe("('default', 0)");
    expect(py('sorted({"b": 1, "a": 2}), max([3, 9, 2]), sum(range(4)), len("한국어")')).toBe("(['a', 'b'], 9, 6, 3)");
    expect(py('list(zip("ab", [1, 2])), list(enumerate("xy", 1))')).toBe("([('a', 1), ('b', 2)], [(1, 'x'), (2, 'y')])");
  });

  it('functions: defaults, *args, **kwargs, closures, lambdas, recursion', () => {
    const prelude = `def f(a, b=2, *args, c=3, **kw):\n    return (a, b, args, c, kw)\ndef make(n):\n    return lambda x: x + n\ndef fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)`;
    expect(py('f(1)', prelude)).toBe('(1, 2, (), 3, {})');
    expect(py('f(1, 5, 6, 7, c=8, d=9)', prelude)).toBe("(1, 5, (6, 7), 8, {'d': 9})");
    expect(py('make(10)(5), fact(10)', prelude)).toBe('(15, 3628800)');
    expect(py('f()', prelude)).toBe("ERROR TypeError: f() missing 1 required positional argument: 'a'");
    expect(py('f(1, e=2, a=3)', `def f(a, *, e):\n    pass`)).toBe("ERROR TypeError: f() got multiple values for argument 'a'");
  });

  it('statements: if/elif/else, for/else, while, break/continue, try/except, global', () => {
    const prelude = `out = []\nfor i in range(10):\n    if i == 2:\n        continue\n    elif i > 4:\n        break\n    out.append(i)\nelse:\n    out.append("never")\nn = 0\nwhile n < 3:\n    n += 1\ntry:\n    {}["missing"]\nexcept KeyError as e:\n    out.append("key")\nfinally:\n    out.append("finally")\ndef bump():\n    global n\n    n = 100\nbump()`;
    expect(py('(out, n)', prelude)).toBe("([0, 1, 3, 4, 'key', 'finally'], 100)");
  });

  it('the datetime family', () => {
    const prelude = 'from datetime import datetime, timedelta\nimport pendulum\nfrom dateutil.relativedelta import relativedelta';
    expect(py('datetime(2024, 1, 31) + relativedelta(months=1)', prelude)).toBe('2024-02-29 00:00:00');
    expect(py('timedelta(days=1, hours=2), timedelta(minutes=90).total_seconds()', prelude)).toBe('(datetime.timedelta(days=1, seconds=7200), 5400.0)');
    expect(py('str(timedelta(hours=36))', prelude)).toBe('1 day, 12:00:00');
    expect(py('pendulum.datetime(2024, 3, 31, 2, 30, tz="Europe/Amsterdam").isoformat()', prelude)).toBe('2024-03-31T03:30:00+02:00');
    expect(py('datetime(2024, 1, 2, 3, 4).strftime("%Y/%m/%d %H:%M"), f"{datetime(2024, 5, 6):%d.%m.%Y}"', prelude)).toBe("('2024/01/02 03:04', '06.05.2024')");
    expect(py('datetime.now().year, pendulum.today("UTC").isoformat()', prelude)).toBe("(2025, '2025-01-15T00:00:00+00:00')"); // ParseOptions.now_ms
    expect(py('(datetime(2024, 1, 2) - datetime(2024, 1, 1)).days', prelude)).toBe('1');
  });

  it('harmless imports of libraries the simulator does not model', () => {
    const prelude = 'import os, json, logging, random\nimport requests\nfrom __future__ import annotations\nlog = logging.getLogger(__name__)\nENV = os.environ.get("ENV", "dev")\nCFG = json.loads(\'{"a": [1, 2]}\')';
    expect(py('ENV, CFG, json.dumps({"k": 1})', prelude)).toBe("('dev', {'a': [1, 2]}, '{\"k\": 1}')");
  });

  it('values only known at run time cannot shape the DAG', () => {
    expect(py('1 if random.random() > 0.5 else 2', 'import random')).toBe('ERROR Not supported by the simulator: the simulator cannot know the value of random.random() while reading the file');
    expect(py('[x for x in os.listdir("/data")]', 'import os')).toMatch(/^ERROR Not supported by the simulator: the simulator cannot iterate over os\.listdir/);
  });

  it('Python errors carry CPython wording', () => {
    expect(py('"a" + 1')).toBe("ERROR TypeError: unsupported operand type(s) for +: 'str' and 'int'");
    expect(py('[1][5]')).toBe('ERROR IndexError: list index out of range');
    expect(py('{"a": 1}["b"]')).toBe("ERROR KeyError: 'b'");
    expect(py('1 / 0')).toBe('ERROR ZeroDivisionError: division by zero');
    expect(py('int("x")')).toBe("ERROR ValueError: invalid literal for int() with base 10: 'x'");
    expect(py('"abc".uper()')).toBe("ERROR AttributeError: 'str' object has no attribute 'uper'");
    expect(py('undefined_name')).toBe("ERROR NameError: name 'undefined_name' is not defined");
  });

  it('the step budget stops runaway code; legitimate loops finish', () => {
    expect(py('sum(range(100000))')).toBe('4999950000');
    expect(py('0', 'while True:\n    pass')).toMatch(/^ERROR this file does too much work for the simulator: \d+ steps/);
    expect(py('"x" * 10 ** 9')).toBe('ERROR MemoryError: string too large for the simulator');
  });
});
