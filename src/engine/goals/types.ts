// The goal language of lessons: queries and predicates over the metastore, the message log, the
// command log and the warehouse (lesson 10's SQLite). Plain JSON, so a teacher writes them in
// lesson.json and the engine checks them headless (npm test) and in the browser alike.
//
// A Query picks a value; a Predicate says whether the state is what a step asks for.

/** Comparison of one cell. A bare value means "equals". Times compare as ISO strings (use Z). */
export type Cond =
  | string
  | number
  | boolean
  | null
  | { eq?: unknown; ne?: unknown; in?: unknown[]; gt?: number | string; gte?: number | string; lt?: number | string; lte?: number | string; contains?: string; matches?: string };

/** Rows of a metastore table (the Metastore view's tables: dag, dag_run, task_instance,
 *  task_instance_history, log, xcom, slot_pool, backfill, import_error, ...) or of a pseudo table:
 *    "message"  the recorded messages between components (from, to, kind, text, at)
 *    "command"  the command log (at, run, exit_code, output)
 *  `where` keys are column names. */
export interface RowSet {
  table: string;
  where?: Record<string, Cond>;
}

export type Query =
  /** number of rows */
  | { count: RowSet }
  /** one column of the first (or last) matching row in table order; null when none match */
  | { value: RowSet & { column: string; pick?: 'first' | 'last' } }
  /** all values of a column, in table order */
  | { values: RowSet & { column: string } }
  /** the virtual clock, ISO with Z */
  | { clock: true }
  /** the warehouse (lesson 10): the first column of the first row of a SELECT; an array of rows with `rows: true` */
  | { sql: string; rows?: boolean };

export type Predicate =
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  /** a query's value compared with a Cond: { "query": {"count": {...}}, "is": {"gte": 3} } */
  | { query: Query; is: Cond };
