// Reads an Airflow DAG file (Python) into DAG specs, the way Airflow's DagBag imports it:
// a Python-level exception loses the whole file; a DAG that fails validation (cycle, bad cron)
// is dropped while the file's other DAGs still load (DagBag._process_modules / bag_dag).
// The file is evaluated by a small interpreter over the lezer tree; nothing is executed natively.

import type { ImportErrorSpec, ParsedFile, ParseOptions } from './spec.ts';
import { BudgetExceeded, PyException, formatException, lineStartsOf, makeError } from './errors.ts';
import { parseModule } from './python/tree.ts';
import { Interp } from './python/interp.ts';
import { installBuiltins } from './python/builtins.ts';
import type { CallArgs } from './python/values.ts';
import type { Module } from './python/ast.ts';
import { Runtime } from './airflow/runtime.ts';
import { Symbols } from './airflow/symbols.ts';
import { AirflowHost } from './airflow/host.ts';
import { DagObj } from './airflow/model.ts';
import { checkCron } from './dag/cron.ts';
import { findCycle } from './dag/cycle.ts';
import { type BuildCtx, buildDag } from './dag/build.ts';
import { directiveBody } from './directives.ts';
import { validZone } from './time/values.ts';

export * from './spec.ts';

export function parseDagFile(filename: string, source: string, opts: ParseOptions): ParsedFile {
  const lineStarts = lineStartsOf(source);
  const out: ParsedFile = { filename, dags: [], errors: [], warnings: [] };
  try {
    read(filename, source, opts, lineStarts, out);
  } catch (e) {
    // a bug in the reader must not break the tab: report it against the file
    out.dags = [];
    out.errors.push(makeError(filename, lineStarts, 0, `Internal error in the simulator's DAG-file reader: ${e instanceof Error ? e.message : String(e)}`));
  }
  return out;
}

function read(filename: string, src: string, opts: ParseOptions, lineStarts: number[], out: ParsedFile): void {
  const err = (pos: number, message: string): ImportErrorSpec => makeError(filename, lineStarts, pos, message);
  // airflow/utils/file.py might_contain_dag_via_default_heuristic (DAG_DISCOVERY_SAFE_MODE)
  const lower = src.toLowerCase();
  if (!lower.includes('airflow') || !lower.includes('dag')) {
    out.warnings.push(err(0, 'Note: Airflow skips this file: with [core] dag_discovery_safe_mode on (the default) it only imports files that contain both "airflow" and "dag".'));
    return;
  }
  let mod: Module;
  try {
    mod = parseModule(src);
  } catch (e) {
    if (e instanceof PyException) {
      out.errors.push(err(e.pos ?? 0, describe(e)));
      return;
    }
    throw e;
  }
  const zone = validZone(opts.default_timezone ?? 'UTC', true);
  if (!zone) {
    out.warnings.push(err(0, `Note: [core] default_timezone "${opts.default_timezone}" is not an IANA time zone; naive datetimes are read as UTC.`));
    opts = { ...opts, default_timezone: 'UTC' };
  } else if (opts.default_timezone !== undefined && zone !== opts.default_timezone) {
    opts = { ...opts, default_timezone: zone };
  }
  const interp = new Interp(src);
  installBuiltins(interp);
  const rt = new Runtime(interp, opts, { nowMs: opts.now_ms ?? Date.now() });
  const argText = (a: CallArgs, name: string) => {
    const span = a.kwValue?.get(name);
    return span ? src.slice(span[0], span[1]) : null;
  };
  const sym = new Symbols(rt, argText);
  interp.host = new AirflowHost(rt, sym, filename);
  const g = interp.globals.vars;
  g.set('__name__', `unusual_prefix_${filename.replace(/^.*\//, '').replace(/\.py$/, '').replace(/\W/g, '_')}`);
  g.set('__file__', filename);
  g.set('__doc__', mod.docstring);

  try {
    interp.run(mod);
  } catch (e) {
    const pos = e instanceof PyException || e instanceof BudgetExceeded ? (e.pos ?? 0) : 0;
    if (e instanceof PyException) out.errors.push(err(pos, describe(e)));
    else if (e instanceof BudgetExceeded) out.errors.push(err(pos, `${e.message}\nThe simulator stops files that loop or recurse too much; real Airflow would hit its dagbag_import_timeout.`));
    else if (e instanceof RangeError) out.errors.push(err(pos, 'this file nests calls too deeply for the simulator'));
    else throw e;
    explain(rt);
    addWarnings(rt, err, out);
    return;
  }

  const dags = collectDags(rt, interp);
  const ctx: BuildCtx = {
    lineStarts,
    comments: new Map(mod.comments.map((c) => [c.line, c])),
    used: new Set(),
    opts,
    defaultZone: rt.defaultZone,
    warn: (at, message) => rt.warn(at, message),
  };
  const byId = new Map<string, number>();
  for (const dag of dags) {
    const problem = bagProblem(rt, dag);
    if (problem) {
      out.errors.push(err(problem.at, problem.message));
      continue;
    }
    const spec = buildDag(ctx, dag, filename);
    const prev = byId.get(spec.dag_id);
    if (prev !== undefined) {
      rt.warn(dag.at, `Note: this file defines DAG '${spec.dag_id}' twice; Airflow keeps only one of them.`);
      out.dags[prev] = spec;
    } else {
      byId.set(spec.dag_id, out.dags.length);
      out.dags.push(spec);
    }
  }
  explain(rt);
  if (!out.dags.length && !out.errors.length && !rt.warnings.length) {
    rt.warn(0, 'Note: this file defines no DAG. DagBag loads DAGs used in `with DAG(...)`, DAGs assigned to module-level variables, and DAGs returned by a called @dag function.');
  }
  for (const c of mod.comments) {
    if (!ctx.used.has(c.line) && directiveBody(c.text) !== null) {
      rt.warn(c.from, 'Note: this # sim: comment is not attached to a task: put it on the line above an operator call or a @task decorator, at the end of that line, or at the top of the @task function body.');
    }
  }
  addWarnings(rt, err, out);
}

/** DagBag collects DAGs used as context managers (auto_register) and module-level DAG variables. */
function collectDags(rt: Runtime, interp: Interp): DagObj[] {
  const globals = new Set([...interp.globals.vars.values()].filter((v): v is DagObj => v instanceof DagObj));
  const found = rt.dags.filter((d) => d.registered || globals.has(d));
  for (const d of rt.dags) {
    if (!found.includes(d)) {
      rt.warn(d.at, `Note: DAG '${d.dagId}' is created but never used in a \`with\` block nor assigned to a module-level variable, so Airflow does not load it.`);
    }
  }
  return found.sort((a, b) => a.order - b.order);
}

/** What DagBag.process_file reports for one DAG (dag.validate() then bag_dag()). */
function bagProblem(rt: Runtime, dag: DagObj): { at: number; message: string } | null {
  for (const c of dag.args.crons) {
    const p = checkCron(c.expr);
    if (p) {
      const head = p.unmodelled ? `Not supported by the simulator: ${p.message}` : `AirflowTimetableInvalid: ${p.message}`;
      return { at: c.at, message: `${head}\n${p.hint} (DAG '${dag.dagId}'; the file's other DAGs still load.)` };
    }
  }
  const cycle = findCycle(dag);
  if (cycle) {
    const word = rt.profile === '2' ? 'DAG' : 'Dag';
    return {
      at: cycle.at,
      message: `AirflowDagCycleException: Cycle detected in ${word}: ${dag.dagId}. Faulty task: ${cycle.faulty}\nThe dependencies form a loop: ${cycle.path.join(' >> ')}. A DAG must not loop back; remove one of these dependencies. (The file's other DAGs still load.)`,
    };
  }
  return null;
}

function describe(e: PyException): string {
  if (e.type === 'SimulatorLimitation') return `Not supported by the simulator: ${e.message}${e.hint ? `\n${e.hint}` : ''}`;
  return formatException(e);
}

/** Notes for common reasons a DAG or task is missing. */
function explain(rt: Runtime): void {
  for (const f of rt.dagFactories) {
    if (!f.called) rt.warn(f.at, `Note: the @dag function '${f.name}' is never called, so Airflow creates no DAG from it. Add \`${f.name}()\` at the end of the file.`);
  }
  for (const t of rt.tasks) {
    if (!t.dag) rt.warn(t.anchors.callFrom, `Note: task '${t.taskId}' belongs to no DAG: create it inside \`with DAG(...)\` / a @dag function, or pass dag=...`);
  }
}

function addWarnings(rt: Runtime, err: (pos: number, m: string) => ImportErrorSpec, out: ParsedFile): void {
  for (const w of rt.warnings) out.warnings.push(err(w.at, w.message));
}
