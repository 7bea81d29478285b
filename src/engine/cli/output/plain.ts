// `--output plain`: tabulate(rows, tablefmt="plain", headers=...) as
// AirflowConsole.print_as_plain_table calls it (airflow/cli/simple_table.py).
// tabulate: columns at least len(header)+2 wide, "  " between columns, numbers
// right-aligned (decimal), text left-aligned, None as "". Trailing spaces trimmed.
import { cellLen } from './table.ts';

type Kind = 0 | 1 | 2 | 3 | 4; // none < bool < int < float < text (tabulate._more_generic)

function kindOf(v: string | null): Kind {
  if (v === null) return 0;
  if (v === 'True' || v === 'False') return 1;
  if (/^\s*[+-]?\d+\s*$/.test(v)) return 2;
  if (v.trim() !== '' && !Number.isNaN(Number(v)) && !/^\s*[+-]?0[xob]/i.test(v)) return 3;
  if (/^\s*[+-]?(inf|infinity|nan)\s*$/i.test(v)) return 3;
  return 4;
}

/** Python's format(float, "g") for what tabulate prints in float columns. */
function formatG(v: string): string {
  const x = Number(v);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential(5).split('e');
    const mant = m!.replace(/\.?0+$/, '');
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(x.toPrecision(6)));
}

/** tablefmt "simple" (tabulate's default) adds a rule of dashes under the header. */
export function renderPlain(
  headers: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  tablefmt: 'plain' | 'simple' = 'plain',
): string[] {
  const cols = headers.map((_, i) => rows.map((r) => r[i] ?? null));
  const kinds = cols.map((c) => c.reduce<Kind>((k, v) => Math.max(k, kindOf(v)) as Kind, 0));
  const texts = cols.map((c, i) => c.map((v) => (v === null ? '' : kinds[i] === 3 ? formatG(v) : v)));
  const widths = headers.map((h, i) => Math.max(cellLen(h) + 2, ...texts[i]!.flatMap((t) => t.split('\n').map(cellLen))));
  const numeric = kinds.map((k) => k === 2 || k === 3);
  const pad = (s: string, w: number, right: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - cellLen(s)));
    return right ? fill + s : s + fill;
  };
  const decimalAlign = (col: string[]): string[] => {
    // tabulate aligns float columns on the decimal point, then right-aligns
    const after = col.map((s) => (s.includes('.') ? s.length - s.indexOf('.') : 0));
    const maxAfter = Math.max(0, ...after);
    return col.map((s, k) => s + ' '.repeat(maxAfter - after[k]!));
  };
  const aligned = texts.map((col, i) => (kinds[i] === 3 ? decimalAlign(col) : col));
  const line = (cells: string[][]): string[] => {
    const height = Math.max(1, ...cells.map((c) => c.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) out.push(cells.map((c, i) => pad(c[k] ?? '', widths[i]!, numeric[i]!)).join('  ').trimEnd());
    return out;
  };
  const lines = line(headers.map((h) => [h]));
  if (tablefmt === 'simple') lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (let r = 0; r < rows.length; r++) lines.push(...line(aligned.map((col) => col[r]!.split('\n'))));
  return lines;
}
