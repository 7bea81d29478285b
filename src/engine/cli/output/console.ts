// AirflowConsole.print_as (airflow/cli/simple_table.py): a list of dicts printed as
// a table (default), plain text, JSON or YAML. Values are first normalised as
// _normalize_data does: None stays None, lists are joined with "," in tables,
// dicts stay dicts except in tables, everything else becomes str(value).
import { pyDatetimeStr, pyJsonDumps, pyValueRepr } from '../pyfmt.ts';
import { renderPlain } from './plain.ts';
import { renderTable } from './table.ts';
import { yamlDump } from './yaml.ts';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'plain';

/** A Python datetime value (str() prints it with a space and its offset). */
export class PyDatetime {
  constructor(
    readonly ms: number,
    readonly offset_min = 0,
  ) {}
  toString(): string {
    return pyDatetimeStr(this.ms, this.offset_min);
  }
}

export type PyValue = string | number | boolean | null | PyDatetime | PyValue[] | { [k: string]: PyValue };

type Normalized = string | null | Normalized[] | { [k: string]: Normalized };

function strOf(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyDatetime) return v.toString();
  return pyValueRepr(v);
}

function normalize(v: PyValue, output: OutputFormat): Normalized {
  if (Array.isArray(v)) {
    if (output === 'table') return v.map((x) => normalize(x, output) ?? 'None').join(',');
    return v.map((x) => normalize(x, output));
  }
  if (v !== null && typeof v === 'object' && !(v instanceof PyDatetime) && output !== 'table') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x, output)]));
  }
  if (v === null) return null;
  return strOf(v);
}

/** The lines AirflowConsole().print_as(data=rows, output=format) prints. */
export function printAs(rows: readonly Record<string, PyValue>[], output: OutputFormat): string[] {
  const data = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v, output)])));
  switch (output) {
    case 'json':
      return [pyJsonDumps(data)];
    case 'yaml':
      return yamlDump(data);
    case 'table': {
      if (!data.length) return ['No data found'];
      const headers = Object.keys(data[0]!);
      return renderTable(
        headers,
        data.map((d) => Object.values(d).map((x) => (x === null ? 'None' : typeof x === 'string' ? x : String(x)))),
      );
    }
    case 'plain': {
      if (!data.length) return ['No data found'];
      const headers = Object.keys(data[0]!);
      return renderPlain(
        headers,
        data.map((d) => Object.values(d).map((x) => (x === null ? null : typeof x === 'string' ? x : pyValueRepr(x)))),
      );
    }
  }
}
