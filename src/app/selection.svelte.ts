// A tiny shared selection: which DAG file (and line) the Code view should open.
// Another view sets it (the DAGs view clicking an import error) and switches to the
// Code view; the Code view opens the file, moves the cursor to the line and clears it.
export const codeTarget = $state<{ file: string | null; line: number | null; column: number | null }>({ file: null, line: null, column: null });

/** The same target under the name the Code view reads it by. */
export const codeSelection = codeTarget;

/** Ask the Code view to open `file` (at `line` and `column`, 1-based, when given). */
export function openInCode(file: string, line: number | null = null, column: number | null = null): void {
  codeTarget.file = file;
  codeTarget.line = line;
  codeTarget.column = column;
}
