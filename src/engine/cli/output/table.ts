// Airflow's default `--output table`: a rich Table built by AirflowConsole.print_as_table
// (airflow/cli/simple_table.py, SimpleTable: box ASCII_DOUBLE_HEAD, show_edge=False,
// pad_edge=False, padding (0, 1), caption " "), printed on a console 200 cells wide
// (AirflowConsole sets width 200 when stdout is not a terminal). Column widths,
// collapsing and word wrapping follow rich's table.py / _wrap.py / _ratio.py.
// Trailing spaces rich pads lines with are trimmed (they are invisible).

export const CONSOLE_WIDTH = 200;

/** rich.cells.cell_len: East Asian wide characters take two cells. */
export function cellLen(s: string): number {
  let n = 0;
  for (const ch of s) n += charWidth(ch.codePointAt(0)!);
  return n;
}

function charWidth(c: number): number {
  if (c < 0x1100) return 1;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** rich.cells.chop_cells: split text into pieces at most `width` cells wide. */
function chopCells(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let n = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (n + w > width && cur) {
      out.push(cur);
      cur = '';
      n = 0;
    }
    cur += ch;
    n += w;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

/** rich._wrap.divide_line: offsets where a line breaks when wrapped (fold=True). */
function divideLine(text: string, width: number): number[] {
  const breaks: number[] = [];
  let cellOffset = 0;
  const re = /\s*\S+\s*/y;
  let pos = 0;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    let start = m.index;
    const word = m[0];
    pos = start + word.length;
    const wordLength = cellLen(word.trimEnd());
    if (width - cellOffset >= wordLength) {
      cellOffset += cellLen(word);
    } else if (wordLength > width) {
      const pieces = chopCells(word, width);
      pieces.forEach((piece, i) => {
        if (start) breaks.push(start);
        if (i === pieces.length - 1) cellOffset = cellLen(piece);
        else start += piece.length;
      });
    } else if (cellOffset && start) {
      breaks.push(start);
      cellOffset = cellLen(word);
    }
  }
  return breaks;
}

/** rich Text.wrap with justify="left", overflow="fold", then padded to `width`. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const offsets = divideLine(line, width);
    const parts: string[] = [];
    let prev = 0;
    for (const o of offsets) {
      parts.push(line.slice(prev, o));
      prev = o;
    }
    parts.push(line.slice(prev));
    for (let p of parts) {
      if (cellLen(p) > width) p = p.trimEnd(); // rstrip_end(width)
      // truncate(width, pad=True)
      while (cellLen(p) > width) p = [...p].slice(0, -1).join('');
      out.push(p + ' '.repeat(Math.max(0, width - cellLen(p))));
    }
  }
  return out;
}

/** rich._ratio.ratio_reduce (Python round() is round-half-even). */
function ratioReduce(total: number, ratios: number[], maximums: number[], values: number[]): number[] {
  ratios = ratios.map((r, i) => (maximums[i] ? r : 0));
  let totalRatio = ratios.reduce((a, b) => a + b, 0);
  if (!totalRatio) return [...values];
  let remaining = total;
  return values.map((v, i) => {
    const r = ratios[i]!;
    if (r && totalRatio > 0) {
      const distributed = Math.min(maximums[i]!, pyRound((r * remaining) / totalRatio));
      remaining -= distributed;
      totalRatio -= r;
      return v - distributed;
    }
    return v;
  });
}

function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (Math.abs(d - 0.5) < 1e-12) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/** rich Table._collapse_widths: shrink the widest wrappable columns first. */
function collapseWidths(widths: number[], maxWidth: number): number[] {
  let total = widths.reduce((a, b) => a + b, 0);
  let excess = total - maxWidth;
  while (total && excess > 0) {
    const maxCol = Math.max(...widths);
    const second = Math.max(...widths.map((w) => (w !== maxCol ? w : 0)));
    const diff = maxCol - second;
    const ratios = widths.map((w) => (w === maxCol ? 1 : 0));
    if (!ratios.some(Boolean) || !diff) break;
    const maxReduce = widths.map(() => Math.min(excess, diff));
    widths = ratioReduce(excess, ratios, maxReduce, widths);
    total = widths.reduce((a, b) => a + b, 0);
    excess = total - maxWidth;
  }
  return widths;
}

/** Render a rich SimpleTable as Airflow prints it: lines without trailing spaces. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  consoleWidth = CONSOLE_WIDTH,
  showHeader = true,
): string[] {
  const n = headers.length;
  const pads = headers.map((_, i) => [i === 0 ? 0 : 1, i === n - 1 ? 0 : 1] as const);
  const all = showHeader ? [headers, ...rows] : rows;
  const maxWidth = consoleWidth - (n - 1);
  const maxOf = (i: number) =>
    Math.min(maxWidth, Math.max(...all.map((r) => Math.max(...(r[i] ?? '').split('\n').map(cellLen)))) + pads[i]![0] + pads[i]![1]);
  let widths = headers.map((_, i) => maxOf(i) || 1);
  let total = widths.reduce((a, b) => a + b, 0);
  if (total > maxWidth) {
    widths = collapseWidths(widths, maxWidth);
    total = widths.reduce((a, b) => a + b, 0);
    if (total > maxWidth) widths = ratioReduce(total - maxWidth, widths.map(() => 1), widths, widths);
  }
  const renderRow = (row: readonly string[]): string[] => {
    const cells = row.map((text, i) => {
      const [l, r] = pads[i]!;
      const inner = Math.max(0, widths[i]! - l - r);
      return wrapText(text, inner).map((line) => ' '.repeat(l) + line + ' '.repeat(r));
    });
    const height = Math.max(...cells.map((c) => c.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      lines.push(cells.map((c, i) => c[k] ?? ' '.repeat(widths[i]!)).join('|').trimEnd());
    }
    return lines;
  };
  const out = showHeader ? [...renderRow(headers), widths.map((w) => '='.repeat(w)).join('+')] : [];
  for (const row of rows) out.push(...renderRow(row));
  return out;
}
