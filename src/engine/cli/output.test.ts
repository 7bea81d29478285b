// The output formats of AirflowConsole.print_as (airflow/cli/simple_table.py):
// a rich SimpleTable (ASCII_DOUBLE_HEAD box, no edges, no edge padding), tabulate "plain",
// json.dumps and PyYAML, after _normalize_data turned every value into str or None.
import { describe, expect, it } from 'vitest';
import { printAs, PyDatetime } from './output/console.ts';
import { renderGrid } from './output/grid.ts';
import { renderTable } from './output/table.ts';
import { pyJsonDumps, pyRepr, pyValueRepr } from './pyfmt.ts';
import { pyJsonLoads } from './pyjson.ts';

const pools = [
  { pool: 'default_pool', slots: 128, description: 'Default pool', include_deferred: false },
  { pool: 'etl', slots: 4, description: 'ETL jobs', include_deferred: true },
];

describe('table (the default)', () => {
  it('pads cells, separates columns with |, underlines the header with = and +', () => {
    expect(printAs(pools, 'table')).toEqual([
      'pool         | slots | description  | include_deferred',
      '=============+=======+==============+=================',
      'default_pool | 128   | Default pool | False',
      'etl          | 4     | ETL jobs     | True',
    ]);
  });

  it('prints "No data found" for no rows (print_as_table)', () => {
    expect(printAs([], 'table')).toEqual(['No data found']);
    expect(printAs([], 'plain')).toEqual(['No data found']);
    expect(printAs([], 'json')).toEqual(['[]']);
  });

  it('folds a cell wider than the console, as `airflow info` shows python_path', () => {
    // docs/apache-airflow/administration-and-deployment/modules_management.rst (Airflow 2.10.3),
    // printed by SimpleTable(show_header=False) on a 119-cell console
    const rows = [
      ['airflow_home', '/root/airflow'],
      ['system_path', '/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      [
        'python_path',
        '/usr/local/bin:/opt/airflow:/files/plugins:/usr/local/lib/python38.zip:/usr/local/lib/python3.8:/usr/local/lib/python3.8/lib-dynload:/usr/local/lib/python3.8/site-packages:/files/dags:/root/airflow/config:/root/airflow/plugins',
      ],
      ['airflow_on_path', 'True'],
    ];
    expect(renderTable(['a', 'b'], rows, 119, false)).toEqual([
      'airflow_home    | /root/airflow',
      'system_path     | /usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'python_path     | /usr/local/bin:/opt/airflow:/files/plugins:/usr/local/lib/python38.zip:/usr/local/lib/python3.8:/usr/',
      '                | local/lib/python3.8/lib-dynload:/usr/local/lib/python3.8/site-packages:/files/dags:/root/airflow/conf',
      '                | ig:/root/airflow/plugins',
      'airflow_on_path | True',
    ]);
  });

  it('shrinks the widest columns first when the table is wider than 200 cells (rich _collapse_widths)', () => {
    const lines = renderTable(['a', 'b'], [['x'.repeat(150), 'y'.repeat(150)]]);
    // 199 cells for the columns (200 minus one separator): 99 + 100, padding included
    expect(lines[1]).toBe('='.repeat(99) + '+' + '='.repeat(100));
    expect(lines[2]).toBe('x'.repeat(98) + ' | ' + 'y'.repeat(99));
  });

  it('shows None as "None" and joins lists with "," (_normalize_data)', () => {
    expect(printAs([{ dag_id: 'etl', owners: ['airflow', 'data'], end_date: null }], 'table')[2]).toBe('etl    | airflow,data | None');
  });
});

describe('plain (tabulate tablefmt="plain")', () => {
  it('pads each column to its header + 2, right-aligns numbers, separates columns with two spaces', () => {
    expect(printAs(pools, 'plain')).toEqual([
      'pool            slots  description    include_deferred',
      'default_pool      128  Default pool   False',
      'etl                 4  ETL jobs       True',
    ]);
  });
});

describe('json and yaml', () => {
  it('json.dumps with Python separators, every value a str (test_trigger_dag_output_as_json)', () => {
    expect(printAs(pools.slice(0, 1), 'json')).toEqual([
      '[{"pool": "default_pool", "slots": "128", "description": "Default pool", "include_deferred": "False"}]',
    ]);
    expect(printAs([{ conf: { conf1: 'val1' }, n: null }], 'json')).toEqual(['[{"conf": {"conf1": "val1"}, "n": null}]']);
  });
  it('ensure_ascii escapes non-ASCII text', () => {
    expect(pyJsonDumps({ d: '한글' })).toBe('{"d": "\\ud55c\\uae00"}');
  });
  it('yaml sorts keys and quotes strings YAML would read as bools, numbers or timestamps', () => {
    expect(printAs([{ state: 'queued', logical_date: new PyDatetime(Date.UTC(2024, 5, 1)), is_paused: true, slots: 3, end: null }], 'yaml')).toEqual([
      "- end: null",
      "  is_paused: 'True'",
      "  logical_date: '2024-06-01 00:00:00+00:00'",
      "  slots: '3'",
      '  state: queued',
    ]);
  });
});

describe('Python value formatting', () => {
  it('repr and str of dicts, as a table shows a DagRun conf', () => {
    expect(pyValueRepr({ a: 1, b: [true, null], c: "it's" })).toBe(`{'a': 1, 'b': [True, None], 'c': "it's"}`);
    expect(pyRepr('x\ny')).toBe("'x\\ny'");
    expect(printAs([{ conf: { a: 1 } }], 'table')[2]).toBe("{'a': 1}");
  });
  it('datetimes print like str(datetime) with their offset', () => {
    expect(String(new PyDatetime(Date.UTC(2024, 5, 1, 12, 0, 0, 123), 540))).toBe('2024-06-01 21:00:00.123000+09:00');
  });
});

describe('json.loads errors (a bad --conf)', () => {
  it('raises JSONDecodeError with CPython json.decoder messages', () => {
    // test_dag_command.py::test_trigger_dag_invalid_conf passes "NOT JSON" and expects a ValueError
    expect(() => pyJsonLoads('NOT JSON')).toThrow('Expecting value: line 1 column 1 (char 0)');
    expect(() => pyJsonLoads("{'a': 1}")).toThrow('Expecting property name enclosed in double quotes: line 1 column 2 (char 1)');
    expect(() => pyJsonLoads('{"a" 1}')).toThrow("Expecting ':' delimiter: line 1 column 6 (char 5)");
    expect(() => pyJsonLoads('{"a": 1} x')).toThrow('Extra data: line 1 column 10 (char 9)');
    expect(() => pyJsonLoads('{"a": "x')).toThrow('Unterminated string starting at: line 1 column 7 (char 6)');
    expect(pyJsonLoads(' {"a": [1, 2.5, null, true], "b": {}} ')).toEqual({ a: [1, 2.5, null, true], b: {} });
  });
});

describe('grid (backfill create --dry-run)', () => {
  it('draws tabulate\'s grid with a row rule after each row', () => {
    expect(renderGrid([{ logical_date: '2024-05-01 00:00:00+00:00', partition_key: null }])).toEqual([
      '+---------------------------+-----------------+',
      '| logical_date              | partition_key   |',
      '+===========================+=================+',
      '| 2024-05-01 00:00:00+00:00 |                 |',
      '+---------------------------+-----------------+',
    ]);
  });
});
