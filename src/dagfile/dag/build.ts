// DagObj/TaskObj (what the file built) -> DagSpec/TaskSpec (the engine's contract).

import type { CommentInfo } from '../python/ast.ts';
import { PyDict, PyFloat, PyFunction, PyList, PyTuple, type PyValue, str } from '../python/values.ts';
import { PyDateTime, PyRelativeDelta, PyTimeDelta } from '../time/values.ts';
import type { DagSpec, DateTimeSpec, OperatorKind, ParseOptions, SimDirectives, TaskSpec, TriggerRule, WeightRule } from '../spec.ts';
import { lineCol } from '../errors.ts';
import { deltaSpec, secondsOf, toJson } from '../airflow/convert.ts';
import { type DagObj, type TaskObj, XComArgObj } from '../airflow/model.ts';
import { directiveBody, emptySim, mergeSim, parseDirective, type PartialSim } from '../directives.ts';
import { literalReturns, parseLiteral } from './literal.ts';

export interface BuildCtx {
  lineStarts: number[];
  comments: Map<number, CommentInfo>;
  /** comment lines used by a task (to warn about stray `# sim:` comments) */
  used: Set<number>;
  opts: ParseOptions;
  defaultZone: string;
  warn(at: number, message: string): void;
}

const line = (ctx: BuildCtx, pos: number) => lineCol(ctx.lineStarts, pos).line;

export function buildDag(ctx: BuildCtx, dag: DagObj, filename: string): DagSpec {
  const a = dag.args;
  const dagStart = dateSpec(ctx, a.startDate);
  const dagEnd = dateSpec(ctx, a.endDate);
  return {
    dag_id: dag.dagId,
    fileloc: filename,
    line: line(ctx, dag.at),
    schedule: a.schedule,
    schedule_text: a.scheduleText,
    start_date: dagStart,
    end_date: dagEnd,
    catchup: a.catchup,
    max_active_runs: a.maxActiveRuns,
    max_active_tasks: a.maxActiveTasks,
    is_paused_upon_creation: a.isPausedUponCreation,
    dagrun_timeout_s: a.dagrunTimeoutS,
    params: a.params,
    tags: a.tags,
    doc_md: dag.docMd,
    description: dag.description,
    timezone: a.timezone,
    tasks: [...dag.tasks.values()].map((t) => buildTask(ctx, dag, t, dagStart, dagEnd)),
  };
}

export function dateSpec(ctx: BuildCtx, v: PyValue | null | undefined): DateTimeSpec | null {
  if (!(v instanceof PyDateTime)) return null;
  return { epoch_ms: v.epochMsIn(ctx.defaultZone), tz: v.tz ? v.tz.name : null };
}

function numOf(kw: Map<string, PyValue>, k: string, def: number | null): number | null {
  const v = kw.get(k);
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : v instanceof PyFloat ? v.v : def;
}

function boolOf(kw: Map<string, PyValue>, k: string, def: boolean): boolean {
  const v = kw.get(k);
  return v === undefined || v === null ? def : v !== false && v !== 0 && v !== '';
}

function strOf(kw: Map<string, PyValue>, k: string, def: string): string {
  const v = kw.get(k);
  return typeof v === 'string' ? v : def;
}

function buildTask(ctx: BuildCtx, dag: DagObj, t: TaskObj, dagStart: DateTimeSpec | null, dagEnd: DateTimeSpec | null): TaskSpec {
  let kw = t.kwargs;
  if (t.overrides.size) {
    kw = new Map(kw);
    for (const [k, v] of t.overrides) kw.set(k, v);
  }
  const sim = simFor(ctx, dag, t);
  // DAG.add_task: a task starts no earlier and ends no later than its DAG
  let start = dateSpec(ctx, kw.get('start_date'));
  if (!start) start = dagStart;
  else if (dagStart && dagStart.epoch_ms > start.epoch_ms) start = dagStart;
  let end = dateSpec(ctx, kw.get('end_date'));
  if (!end) end = dagEnd;
  else if (dagEnd && dagEnd.epoch_ms < end.epoch_ms) end = dagEnd;
  const backoff = kw.get('retry_exponential_backoff');
  const waitDown = boolOf(kw, 'wait_for_downstream', false);
  const docMd = kw.get('doc_md');
  return {
    task_id: t.taskId,
    operator: t.op.className,
    operator_name: t.op.operatorName,
    upstream_task_ids: t.upstream.map((u) => u.taskId),
    task_group: t.group?.groupId ?? '',
    op: opKind(ctx, t, kw),
    sim,
    trigger_rule: strOf(kw, 'trigger_rule', 'all_success') as TriggerRule,
    // parse_retries(None) is 0; an absent argument takes [core] default_task_retries
    retries: kw.get('retries') === null ? 0 : (numOf(kw, 'retries', ctx.opts.default_task_retries ?? 0) ?? 0),
    retry_delay_s: secondsOf(kw.get('retry_delay') ?? null) ?? ctx.opts.default_task_retry_delay_s ?? 300,
    retry_exponential_backoff: backoff === true ? 2 : typeof backoff === 'number' ? backoff : backoff instanceof PyFloat ? backoff.v : 0,
    max_retry_delay_s: secondsOf(kw.get('max_retry_delay') ?? null),
    depends_on_past: boolOf(kw, 'depends_on_past', false) || waitDown,
    wait_for_downstream: waitDown,
    ignore_first_depends_on_past: boolOf(kw, 'ignore_first_depends_on_past', true),
    wait_for_past_depends_before_skipping: boolOf(kw, 'wait_for_past_depends_before_skipping', false),
    pool: strOf(kw, 'pool', 'default_pool'),
    pool_slots: numOf(kw, 'pool_slots', 1) ?? 1,
    priority_weight: numOf(kw, 'priority_weight', 1) ?? 1,
    weight_rule: strOf(kw, 'weight_rule', ctx.opts.default_task_weight_rule ?? 'downstream') as WeightRule,
    queue: strOf(kw, 'queue', 'default'),
    execution_timeout_s: secondsOf(kw.get('execution_timeout') ?? null),
    start_date: start,
    end_date: end,
    max_active_tis_per_dag: numOf(kw, 'max_active_tis_per_dag', null),
    max_active_tis_per_dagrun: numOf(kw, 'max_active_tis_per_dagrun', null),
    template_fields: templateFields(ctx, t, kw),
    xcom_args: t.xcomFrom.map((x) => x.taskId),
    doc_md: t.docMd ?? (typeof docMd === 'string' ? docMd : null),
    line: line(ctx, t.anchors.callFrom),
  };
}

function strList(v: PyValue | undefined, def: string[]): string[] {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => str(x));
  if (typeof v === 'string') return [v];
  return def;
}

function opKind(ctx: BuildCtx, t: TaskObj, kw: Map<string, PyValue>): OperatorKind {
  const get = (k: string) => kw.get(k);
  const s = (k: string, def: string | null) => {
    const v = get(k);
    return typeof v === 'string' ? v : v instanceof XComArgObj ? str(v) : def;
  };
  switch (t.op.kind) {
    case 'bash': {
      const env = get('env');
      let skip: number[] = [99];
      const sk = get('skip_on_exit_code') ?? get('skip_exit_code');
      if (sk === null) skip = [];
      else if (typeof sk === 'number') skip = [sk];
      else if (sk instanceof PyList || sk instanceof PyTuple) skip = sk.items.filter((x): x is number => typeof x === 'number');
      return {
        kind: 'bash',
        bash_command: t.op.taskflow ? bashFromReturn(ctx, t) : (s('bash_command', '') ?? ''),
        env: env instanceof PyDict ? Object.fromEntries(env.entries().map(([k, v]) => [str(k), str(v)])) : null,
        skip_on_exit_code: skip,
      };
    }
    case 'python':
      return { kind: 'python' };
    case 'branch':
      return { kind: 'branch' };
    case 'short_circuit':
      return { kind: 'short_circuit', ignore_downstream_trigger_rules: get('ignore_downstream_trigger_rules') !== false };
    case 'empty':
      return { kind: 'empty' };
    case 'trigger_dagrun': {
      const ld = get('logical_date') ?? get('execution_date');
      const conf = get('conf');
      return {
        kind: 'trigger_dagrun',
        trigger_dag_id: s('trigger_dag_id', '') ?? '',
        conf: conf instanceof PyDict ? (toJson(conf) as Record<string, unknown>) : null,
        logical_date: typeof ld === 'string' ? ld : ld instanceof PyDateTime ? ld.isoformat() : null,
        wait_for_completion: get('wait_for_completion') === true,
        poke_interval_s: secondsOf(get('poke_interval') ?? null) ?? 60,
      };
    }
    case 'sql': {
      const sql = get('sql');
      const text = typeof sql === 'string' ? sql : sql instanceof PyList || sql instanceof PyTuple ? sql.items.map((x) => str(x)).join(';\n') : '';
      const conn = t.op.className === 'SqliteOperator' ? (s('sqlite_conn_id', 'sqlite_default') ?? 'sqlite_default') : (s('conn_id', '') ?? '');
      const params = get('parameters');
      const list = sql instanceof PyList || sql instanceof PyTuple ? sql.items.length : null;
      const split = get('split_statements');
      return {
        kind: 'sql',
        sql: text,
        conn_id: conn,
        sql_list: list,
        autocommit: get('autocommit') === true,
        split_statements: typeof split === 'boolean' ? split : null,
        return_last: get('return_last') !== false,
        fetch: get('handler') !== null,
        do_xcom_push: get('do_xcom_push') !== false,
        show_return_value_in_logs: get('show_return_value_in_logs') === true,
        parameters: params instanceof PyList || params instanceof PyTuple || params instanceof PyDict ? (toJson(params) as unknown[] | Record<string, unknown>) : null,
      };
    }
    case 'sensor': {
      const delta = get('delta');
      const execDelta = get('execution_delta');
      const target = get('target_time');
      return {
        kind: 'sensor',
        sensor: t.op.sensor!,
        poke_interval_s: secondsOf(get('poke_interval') ?? null) ?? 60,
        timeout_s: secondsOf(get('timeout') ?? null) ?? 7 * 86400,
        mode: get('mode') === 'reschedule' ? 'reschedule' : 'poke',
        soft_fail: get('soft_fail') === true,
        exponential_backoff: get('exponential_backoff') === true,
        delta: delta instanceof PyTimeDelta || delta instanceof PyRelativeDelta ? deltaSpec(delta) : null,
        target_time: typeof target === 'string' ? target : target instanceof PyDateTime ? target.isoformat() : null,
        external_dag_id: s('external_dag_id', null),
        external_task_id: s('external_task_id', null),
        execution_delta: execDelta instanceof PyTimeDelta ? deltaSpec(execDelta) : null,
        allowed_states: strList(get('allowed_states'), ['success']),
        failed_states: strList(get('failed_states'), []),
        filepath: s('filepath', null),
      };
    }
  }
}

/** @task.bash: the command is the function's return value when the source shows it. */
function bashFromReturn(ctx: BuildCtx, t: TaskObj): string {
  const fn = t.kwargs.get('python_callable');
  if (fn instanceof PyFunction) {
    const r = literalReturns(fn);
    if (r.kind === 'one' && typeof r.value === 'string') return r.value;
  }
  ctx.warn(t.anchors.callFrom, `Note: the command of @task.bash task '${t.taskId}' is computed when the task runs; the simulator can only read a literal \`return "..."\`, so it runs an empty command.`);
  return '';
}

function templateFields(ctx: BuildCtx, t: TaskObj, kw: Map<string, PyValue>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: PyValue) => {
    if (typeof v === 'string') out[key] = v;
    else if (v instanceof XComArgObj) out[key] = str(v);
  };
  for (const f of t.op.templateFields) {
    const v = f === 'bash_command' && t.op.taskflow ? null : kw.get(f);
    if (v === undefined || v === null) continue;
    if (v instanceof PyDict) for (const [k, x] of v.entries()) put(`${f}.${str(k)}`, x);
    else if (v instanceof PyList || v instanceof PyTuple) v.items.forEach((x, i) => put(`${f}[${i}]`, x));
    else put(f, v);
  }
  if (t.op.kind === 'bash' && t.op.taskflow) {
    const fn = t.kwargs.get('python_callable');
    if (fn instanceof PyFunction) {
      const r = literalReturns(fn);
      if (r.kind === 'one' && typeof r.value === 'string') out.bash_command = r.value;
    }
  }
  void ctx;
  return out;
}

// ---- `# sim:` directives ----

function collect(ctx: BuildCtx, lines: number[], dag: DagObj, t: TaskObj): PartialSim[] {
  const out: PartialSim[] = [];
  for (const l of lines) {
    const c = ctx.comments.get(l);
    if (!c) continue;
    const body = directiveBody(c.text);
    if (body === null) continue;
    ctx.used.add(l);
    const { sim, notices } = parseDirective(body, parseLiteral);
    for (const n of notices) ctx.warn(ctx.lineStarts[l - 1] + (c.from - ctx.lineStarts[l - 1]), `${n} (task '${t.taskId}' in DAG '${dag.dagId}')`);
    out.push(sim);
  }
  return out;
}

/** Full-line comments directly above `line` (a contiguous block), top to bottom. */
function blockAbove(ctx: BuildCtx, ln: number): number[] {
  const out: number[] = [];
  for (let l = ln - 1; l >= 1; l--) {
    const c = ctx.comments.get(l);
    if (!c || !c.fullLine) break;
    out.unshift(l);
  }
  return out;
}

function trailing(ctx: BuildCtx, ln: number): number[] {
  const c = ctx.comments.get(ln);
  return c && !c.fullLine ? [ln] : [];
}

function fnLines(ctx: BuildCtx, fn: PyFunction): number[] {
  const decoLine = line(ctx, fn.info.decoratorFrom);
  const defLine = line(ctx, fn.info.from);
  const bodyLine = line(ctx, fn.info.bodyFrom);
  const lines = [...blockAbove(ctx, decoLine)];
  for (let l = decoLine; l <= defLine; l++) lines.push(...trailing(ctx, l));
  for (let l = defLine + 1; l < bodyLine; l++) if (ctx.comments.get(l)?.fullLine) lines.push(l);
  return lines;
}

function simFor(ctx: BuildCtx, dag: DagObj, t: TaskObj): SimDirectives {
  const a = t.anchors;
  const callLine = line(ctx, a.callFrom);
  const callEnd = line(ctx, Math.max(a.callFrom, a.callTo - 1));
  const stmtLine = line(ctx, a.stmtFrom);
  const fn = a.fn ?? (t.kwargs.get('python_callable') instanceof PyFunction ? (t.kwargs.get('python_callable') as PyFunction) : null);
  const parts: PartialSim[] = [];
  const seen = new Set<number>();
  const add = (lines: number[]) => {
    const fresh = lines.filter((l) => !seen.has(l));
    fresh.forEach((l) => seen.add(l));
    parts.push(...collect(ctx, fresh, dag, t));
  };
  if (fn && fn.info.name !== '<lambda>') add(fnLines(ctx, fn));
  // enclosing statements: a loop, a `with` block, the call of a helper function that makes the task
  for (const from of a.outer) add(blockAbove(ctx, line(ctx, from)));
  if (stmtLine !== callLine) add(blockAbove(ctx, stmtLine));
  add(blockAbove(ctx, callLine));
  add([...trailing(ctx, callLine), ...trailing(ctx, callEnd)]);
  let sim = mergeSim(emptySim(), ...parts);
  if (fn) sim = fromReturns(ctx, dag, t, fn, sim, parts);
  return sim;
}

/** A literal `return` gives the XCom value, and the branch for branch tasks. */
function fromReturns(ctx: BuildCtx, dag: DagObj, t: TaskObj, fn: PyFunction, sim: SimDirectives, parts: PartialSim[]): SimDirectives {
  const r = literalReturns(fn);
  const stated = parts.some((p) => 'returns' in p);
  const out = { ...sim };
  if (!stated && r.kind === 'one' && t.op.kind !== 'bash') out.returns = r.value;
  if (t.op.kind === 'branch' && out.branch === null) {
    if (r.kind === 'one') {
      const v = r.value;
      if (typeof v === 'string') out.branch = [v];
      else if (v === null) out.branch = [];
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out.branch = v as string[];
    } else {
      const options = r.kind === 'many' ? ` (it may return ${r.values.map((v) => JSON.stringify(v)).join(' or ')})` : '';
      ctx.warn(t.anchors.callFrom, `Note: branch task '${t.taskId}' in DAG '${dag.dagId}' picks its branch at run time${options}; add \`# sim: branch=<task_id>\` to say which branch the simulation follows.`);
    }
  }
  return out;
}
