// `sim sql "STATEMENT; ..."`: run SQL against the warehouse (the SQLite database SQL tasks write
// to) and print what comes back, as a database shell would. Airflow has no such command: it is
// the learner's own client to the database, recorded like any command so replay reproduces the
// learner's writes too. Each statement commits on its own (SQLite's autocommit, as in the
// sqlite3 shell); an explicit BEGIN ... COMMIT groups them. A transaction left open when the
// command ends (an error, a missing COMMIT) is rolled back, so tasks never run inside it.
import { splitSql } from '../../payload/sqlHook.ts';
import type { SqlCell } from '../../warehouse/types.ts';
import { cellLen } from '../output/table.ts';
import { str, type Handler, type Out } from './common.ts';

function show(v: SqlCell): string {
  return v === null ? 'NULL' : String(v);
}

/** An ASCII table like the sqlite3 shell's `.mode table`; wide (Korean) characters count twice. */
export function asciiTable(columns: string[], rows: SqlCell[][]): string[] {
  const cells = rows.map((r) => r.map(show));
  const widths = columns.map((c, i) => Math.max(cellLen(c), ...cells.map((r) => cellLen(r[i] ?? ''))));
  const pad = (s: string, w: number) => s + ' '.repeat(w - cellLen(s));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (r: string[]) => '| ' + r.map((s, i) => pad(s, widths[i]!)).join(' | ') + ' |';
  return [rule, line(columns), rule, ...cells.map(line), ...(cells.length ? [rule] : [])];
}

function printResult(out: Out, columns: string[], rows: SqlCell[][], changes: number | null): void {
  if (columns.length) {
    out.printLines(asciiTable(columns, rows));
    out.print(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  } else if (changes !== null) {
    out.print(`${changes} row${changes === 1 ? '' : 's'} changed`);
  }
}

export const simSql: Handler = (ctx, cmd, out) => {
  const wh = ctx.warehouse;
  if (!wh) {
    out.print('The warehouse (SQLite, sql.js) is not loaded.');
    return 1;
  }
  const statements = splitSql(str(cmd, 'statement') ?? '').filter((s) => splitSql(s, true).some((x) => x !== ';'));
  if (!statements.length) {
    out.print('Nothing to run: give one SQL statement or several separated by ;');
    return 1;
  }
  // a client connection for this command only (types.ts reconnect): nothing it sets outlives it
  wh.reconnect();
  let exit = 0;
  for (const s of statements) {
    try {
      const r = wh.run(s);
      const dml = /^(insert|update|delete|replace)/i.test(splitSql(s, true)[0]?.trimStart() ?? '');
      printResult(out, r.columns, r.rows, dml ? r.changes : null);
    } catch (e) {
      out.print(`Error: ${e instanceof Error ? e.message : String(e)}`);
      out.print(`  in: ${s}`);
      exit = 1;
      break;
    }
  }
  if (wh.inTransaction()) {
    wh.exec('ROLLBACK');
    out.print('The transaction was still open when the command ended: rolled back (end it with COMMIT in the same command).');
  }
  return exit;
};
