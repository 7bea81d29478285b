// "What if": one change applied at the current clock to a fork of the workspace, as the learner
// would make it (a file edit or a command, recorded like any other). The file edits are textual
// and small: the argument in the DAG(...) or operator call is set, or added after its id.
// null: the file does not have the call in a form this can edit (the view says so).
export type WhatIf =
  | { kind: 'catchup'; dag_id: string; value: boolean }
  | { kind: 'retries'; task_id: string; value: number }
  | { kind: 'pool'; pool: string; slots: number }
  | { kind: 'outcome'; dag_id: string; run_id: string; task_id: string; state: 'success' | 'failed' };

const quoteRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** [index of "(", index of ")"] of the call around `at`; null when unbalanced. */
function callAround(src: string, at: number): [number, number] | null {
  let open = -1;
  for (let i = at, depth = 0; i >= 0; i--) {
    const c = src[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return null;
  for (let i = at, depth = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return [open, i];
      depth--;
    }
  }
  return null;
}

/** Set `name=value` in the call around the match of `id` (replace, or add after the id). */
function setArg(src: string, id: RegExp, name: string, value: string): string | null {
  const m = id.exec(src);
  if (!m) return null;
  const call = callAround(src, m.index);
  if (!call) return null;
  const [open, close] = call;
  const inside = src.slice(open, close);
  const arg = new RegExp(`\\b${name}\\s*=\\s*[^,)\\s]+`);
  if (arg.test(inside)) return src.slice(0, open) + inside.replace(arg, `${name}=${value}`) + src.slice(close);
  const after = m.index + m[0].length;
  return `${src.slice(0, after)}, ${name}=${value}${src.slice(after)}`;
}

export function setCatchup(src: string, dag_id: string, value: boolean): string | null {
  const id = new RegExp(`dag_id\\s*=\\s*["']${quoteRe(dag_id)}["']|\\bDAG\\(\\s*["']${quoteRe(dag_id)}["']`);
  return setArg(src, id, 'catchup', value ? 'True' : 'False');
}

export function setRetries(src: string, task_id: string, value: number): string | null {
  const viaId = setArg(src, new RegExp(`task_id\\s*=\\s*["']${quoteRe(task_id)}["']`), 'retries', String(value));
  if (viaId !== null) return viaId;
  // TaskFlow: @task / @task(...) / @task.bash(...) right above `def <task_id>(`
  const deco = new RegExp(`(@task(?:\\.\\w+)?)(\\(([^)]*)\\))?(\\s*\\n\\s*def ${quoteRe(task_id)}\\s*\\()`);
  const m = deco.exec(src);
  if (!m) return null;
  const args = m[3] ?? '';
  const next = /\bretries\s*=/.test(args) ? args.replace(/\bretries\s*=\s*[^,)\s]+/, `retries=${value}`) : args.trim() ? `${args}, retries=${value}` : `retries=${value}`;
  return src.slice(0, m.index) + `${m[1]}(${next})${m[4]}` + src.slice(m.index + m[0].length);
}

/** The command a what-if runs, or the file edit it makes (null: this file cannot be edited so). */
export function whatIfAction(w: WhatIf, files: Record<string, string>): { command: string } | { file: string; source: string } | null {
  if (w.kind === 'pool') return { command: `airflow pools set ${w.pool} ${w.slots} '${w.pool === 'default_pool' ? 'Default pool' : 'what if'}'` };
  if (w.kind === 'outcome') return { command: `sim mark-task ${w.dag_id} ${w.run_id} ${w.task_id} ${w.state}` };
  for (const [file, src] of Object.entries(files)) {
    const next = w.kind === 'catchup' ? setCatchup(src, w.dag_id, w.value) : setRetries(src, w.task_id, w.value);
    if (next !== null) return { file, source: next };
  }
  return null;
}
