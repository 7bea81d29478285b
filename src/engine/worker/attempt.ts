// What one try of a task does on a worker, decided when the try starts:
// render the templated fields with the profile's context, then run the payload
// (BashOperator commands are interpreted; other operators follow the file's
// `# sim:` directives). Sensors and TriggerDagRunOperator poke over time: see sensing.ts.
// Airflow: models/taskinstance.py::_run_raw_task / _execute_task, operators/bash.py.
import type { Profile, TaskSpec } from '../../dagfile/spec.ts';
import { engineParts } from '../parts.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { planSql, type PendingSql } from './sqlTask.ts';

export type Outcome =
  | 'success'
  | 'failed' // AirflowException: retried while tries remain
  | 'failed_no_retry' // AirflowFailException, AirflowSensorTimeout
  | 'skipped' // AirflowSkipException
  | 'reschedule'; // AirflowRescheduleException (reschedule-mode sensors)

export interface AttemptPlan {
  /** seconds from start to end of the try (for pokes: to the decisive poke) */
  duration_s: number;
  outcome: Outcome;
  /** the exception text for failures and skips */
  reason: string;
  logs: string[];
  /** the return value pushed as XCom `return_value` (undefined: nothing pushed) */
  xcom?: unknown;
  rendered: Record<string, string>;
  /** branch operators: the task_ids to follow */
  follow?: string[];
  /** ShortCircuitOperator with a falsy result */
  shortCircuit?: { ignore_downstream_trigger_rules: boolean };
  /** when a reschedule-mode sensor pokes next */
  reschedule_at?: number;
  /** a SQL task's statements, run and committed when the try ends (sqlTask.ts) */
  sql?: PendingSql;
}

const DEFAULT_DURATION_S = 1;

/** Render every templated field; the first error fails the try, as a Jinja exception would.
 *  The context is built only when some field has template syntax. */
export function renderFields(task: TaskSpec, context: () => Record<string, unknown>): { rendered: Record<string, string>; error: string | null } {
  const rendered: Record<string, string> = {};
  for (const [field, text] of Object.entries(task.template_fields)) {
    if (!text.includes('{')) {
      rendered[field] = text;
      continue;
    }
    const r = engineParts().renderTemplate(text, context());
    if (!r.ok) return { rendered, error: `jinja2 error in ${field}: ${r.error}` };
    rendered[field] = r.text;
  }
  return { rendered, error: null };
}

/** Does the file's `# sim:` block force this try to fail? */
function forcedFailure(task: TaskSpec, try_number: number): boolean {
  return task.sim.fail_always || task.sim.fail_tries.includes(try_number);
}

/** What the worker knows of the try beyond the template context (for AIRFLOW_CTX_* and `date`). */
export interface RunEnv {
  ctx: { dag_id: string; task_id: string; run_id: string; logical_date: number | null; try_number: number };
  profile: Profile;
  now_ms: number;
  /** the warehouse SQL tasks run against (null: none loaded) */
  warehouse?: Warehouse | null;
}

export function planAttempt(task: TaskSpec, try_number: number, context: () => Record<string, unknown>, run: RunEnv): AttemptPlan {
  const { rendered, error } = renderFields(task, context);
  if (error) return { duration_s: 0, outcome: 'failed', reason: error, logs: [error], rendered };
  switch (task.op.kind) {
    case 'bash':
      return planBash(task, try_number, rendered, run);
    case 'sql':
      return planSql(task, try_number, rendered, run.warehouse ?? null, forcedFailure(task, try_number), task.sim.duration_s ?? DEFAULT_DURATION_S);
    default:
      return planSimple(task, try_number, rendered, []);
  }
}

function planBash(task: TaskSpec, try_number: number, rendered: Record<string, string>, run: RunEnv): AttemptPlan {
  if (task.op.kind !== 'bash') throw new Error('not a bash task');
  const command = rendered.bash_command ?? task.op.bash_command;
  const env = task.op.env ? Object.fromEntries(Object.entries(task.op.env).map(([k, v]) => [k, rendered[`env.${k}`] ?? v])) : null;
  const { interpretBash, bashOperatorEnv, bashOutcome } = engineParts();
  const r = interpretBash(command, bashOperatorEnv({ ...run.ctx, env, system_env: WORKER_ENV }, run.profile), { now_ms: run.now_ms });
  const logs = [`Running command: ['/usr/bin/bash', '-c', ${pyRepr(command)}]`, 'Output:'];
  logs.push(...r.output.map((l) => l.text));
  if (r.never_ends) {
    logs.push('(the command never ends: it runs until killed or execution_timeout)');
    return { duration_s: task.sim.duration_s ?? Infinity, outcome: 'failed', reason: 'The command never ended', logs, rendered };
  }
  let exit = r.exit_code ?? 1;
  if (forcedFailure(task, try_number)) exit = exit === 0 ? 1 : exit;
  logs.push(`Command exited with return code ${exit}`);
  const duration_s = task.sim.duration_s ?? Math.max(DEFAULT_DURATION_S, r.duration_s);
  const base = { duration_s, logs, rendered };
  const o = bashOutcome(exit, r.last_line, task.op.skip_on_exit_code);
  if (o.state === 'success') return { ...base, outcome: 'success', reason: '', xcom: o.return_value };
  return { ...base, outcome: o.state, reason: o.message };
}

/** The simulated worker's own environment (os.environ), for BashOperator(env=None). */
const WORKER_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/airflow', USER: 'airflow', AIRFLOW_HOME: '/opt/airflow' };

function planSimple(task: TaskSpec, try_number: number, rendered: Record<string, string>, logs: string[]): AttemptPlan {
  const duration_s = task.sim.duration_s ?? DEFAULT_DURATION_S;
  const base = { duration_s, rendered, logs: [...logs, ...task.sim.log] };
  if (forcedFailure(task, try_number)) {
    return { ...base, outcome: 'failed', reason: `Task failed on try ${try_number} (as the file's # sim: fail says)` };
  }
  if (task.sim.skip) return { ...base, outcome: 'skipped', reason: 'AirflowSkipException raised by the task' };
  const plan: AttemptPlan = { ...base, outcome: 'success', reason: '' };
  if (task.op.kind === 'branch') {
    plan.follow = task.sim.branch ?? [];
    plan.logs.push(`Following branch ${JSON.stringify(plan.follow)}`);
    plan.xcom = plan.follow.length === 1 ? plan.follow[0] : plan.follow;
  } else if (task.op.kind === 'short_circuit') {
    const value = task.sim.returns;
    plan.xcom = value;
    plan.logs.push(`Condition result is ${pyRepr(value)}`);
    if (!value) plan.shortCircuit = { ignore_downstream_trigger_rules: task.op.ignore_downstream_trigger_rules };
  } else if (task.sim.returns !== undefined) {
    plan.xcom = task.sim.returns;
    plan.logs.push(`Done. Returned value was: ${pyRepr(task.sim.returns)}`);
  } else if (task.op.kind === 'python') {
    plan.logs.push('Done. Returned value was: None');
  }
  return plan;
}

/** Python's repr of a JSON-ish value, for log lines. */
export function pyRepr(v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(', ')}}`;
  }
  return String(v);
}
