// tabulate(rows, tablefmt="grid", headers="keys"), as `airflow backfill create --dry-run`
// prints its runs (airflow-core/src/airflow/cli/commands/backfill_command.py).
import { cellLen } from './table.ts';

export function renderGrid(rows: readonly Record<string, string | null>[]): string[] {
  if (!rows.length) return [''];
  const headers = Object.keys(rows[0]!);
  const cells = rows.map((r) => headers.map((h) => r[h] ?? ''));
  const widths = headers.map((h, i) => Math.max(cellLen(h) + 2, ...cells.map((c) => cellLen(c[i]!))));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - cellLen(s)));
  const rule = (ch: string) => '+' + widths.map((w) => ch.repeat(w + 2)).join('+') + '+';
  const row = (vals: string[]) => '| ' + vals.map((v, i) => pad(v, widths[i]!)).join(' | ') + ' |';
  const out = [rule('-'), row(headers), rule('=')];
  for (const c of cells) out.push(row(c), rule('-'));
  return out;
}
