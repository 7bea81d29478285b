// The simulated Airflow cluster: the clock, the event queue and the components
// (DAG processor, scheduler, executor and workers) around one metastore.
// Everything is deterministic: the same inputs and seed give the same run.
import type { Profile } from '../dagfile/spec.ts';
import { MessageLog } from './bus.ts';
import { engineParts } from './parts.ts';
import { cfgNum, EXECUTORS, executorProblem, resolveConfig, type Config } from './config.ts';
import type { BackfillJob2, CommandResult, EngineContext, LoadedDag, NewDagRun, TriggerOptions } from './context.ts';
import { DagProcessor } from './dagProcessor.ts';
import { Executor } from './executor.ts';
import { Faults, loopWhileDown, workerUp } from './actions/faults.ts';
import { EventQueue, Rng, type SimEvent } from './kernel.ts';
import { Metastore } from './metastore/metastore.ts';
import type { DagRunRow, TaskInstanceRow } from './metastore/rows.ts';
import { BackfillJobs2 } from './scheduler/backfillJob2.ts';
import { computeNextDagRun, createRunWithTasks } from './scheduler/dagRuns.ts';
import { schedulerLoop } from './scheduler/loop.ts';
import type { WaitReason } from './scheduler/queueing.ts';
import { manualRun } from './scheduler/manualRun.ts';
import type { DataInterval } from './timetables/types.ts';
import { Workers } from './worker/runtime.ts';
import type { Warehouse, WarehouseFactory } from './warehouse/types.ts';

export interface SimulationOptions {
  profile: Profile;
  start: number;
  config?: Config;
  files?: Record<string, string>;
  seed?: number;
  /** how many component messages to keep (0: none) */
  messageLimit?: number;
  /** opens the warehouse SQL tasks and `sim sql` use (sql.js, loaded by the caller); none: no warehouse */
  warehouse?: WarehouseFactory;
}

export class Simulation implements EngineContext {
  readonly profile: Profile;
  readonly config: Config;
  readonly db: Metastore;
  readonly loaded = new Map<string, LoadedDag>();
  readonly files = new Map<string, string>();
  readonly messages: MessageLog;
  readonly rng: Rng;
  readonly executor: Executor;
  readonly processor: DagProcessor;
  readonly workers: Workers;
  readonly backfills2: BackfillJobs2;
  readonly queue = new EventQueue();
  /** a killed worker, a stopped scheduler (sim kill-worker, sim stop-scheduler) */
  readonly faults = new Faults();
  private clock: number;
  /** events processed so far (for the benchmark) */
  eventsProcessed = 0;
  private readonly pendingLoops = new Set<number>();
  /** runs to examine again when their timer comes (retry delay, reschedule, dagrun_timeout) */
  readonly runWakes = new Map<DagRunRow, number>();
  /** why each scheduled TI stayed scheduled in the last loop ("why is this not running?") */
  waitingReasons = new Map<TaskInstanceRow, WaitReason>();
  /** per DAG: the instant DagModel.next_dagrun* was last computed */
  readonly nextDagRunComputedAt = new Map<string, number>();
  /** the SQL database of SQL tasks (null until a caller that loaded sql.js attaches one: an empty
   *  warehouse attached before the first SQL input behaves as one there from the start) */
  warehouse: Warehouse | null;

  constructor(opts: SimulationOptions) {
    this.profile = opts.profile;
    this.config = resolveConfig(opts.profile, opts.config ?? {});
    validateExecutor(this.profile, this.config);
    this.clock = opts.start;
    this.rng = new Rng(opts.seed ?? 1);
    this.messages = new MessageLog(opts.messageLimit ?? 200_000);
    this.db = new Metastore(cfgNum(this.config, 'core.default_pool_task_slot_count'));
    this.executor = new Executor(this.config);
    this.processor = new DagProcessor(this.profile, this.config, this.db, this.loaded, opts.start);
    this.workers = new Workers(this);
    this.backfills2 = new BackfillJobs2(this);
    this.warehouse = opts.warehouse ? opts.warehouse() : null;
    for (const [name, source] of Object.entries(opts.files ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.files.set(name, source);
    }
    for (const name of this.files.keys()) this.parse(name);
    this.wakeScheduler();
  }

  get now(): number {
    return this.clock;
  }

  // ---- running the clock ----

  /** The time of the next event, or null when nothing is pending. */
  nextEventAt(): number | null {
    return this.queue.peek()?.at ?? null;
  }

  /** Process the next event (and only it). Returns false when there is none. */
  step(): boolean {
    const ev = this.queue.pop();
    if (!ev) return false;
    this.clock = Math.max(this.clock, ev.at);
    this.eventsProcessed++;
    this.dispatch(ev);
    return true;
  }

  /** Process every event before `t` (or at `t` too, with inclusive), then set the clock to `t`. */
  runUntil(t: number, inclusive = true): void {
    for (let ev = this.queue.peek(); ev && (ev.at < t || (inclusive && ev.at === t)); ev = this.queue.peek()) {
      this.step();
    }
    this.clock = Math.max(this.clock, t);
  }

  schedule(at: number, type: string, fields: Record<string, unknown> = {}): SimEvent {
    return this.queue.push(Math.max(at, this.clock), type, fields);
  }

  private dispatch(ev: SimEvent): void {
    switch (ev.type) {
      case 'scheduler_loop':
        this.pendingLoops.delete(ev.at);
        if (this.faults.schedulerDown(this.now)) return loopWhileDown(this);
        schedulerLoop(this);
        return;
      case 'worker_up':
        workerUp(this, String(ev.worker));
        return;
      case 'task_end':
      case 'poke':
        this.workers.handle(ev);
        return;
      default:
        throw new Error(`unknown event type ${ev.type}`);
    }
  }

  // ---- user actions ----

  /** Run one CLI command line now. Throws CliUsageError when it is not valid CLI. */
  command(line: string): CommandResult {
    this.message('cli', 'metastore', 'command', line);
    return engineParts().runCommand(this, line);
  }

  /** Add, change (source) or delete (null) a DAG file; the DAG processor reads it now. */
  setFile(name: string, source: string | null): void {
    if (source === null) this.files.delete(name);
    else this.files.set(name, source);
    this.parse(name);
    this.wakeScheduler();
  }

  private parse(name: string): void {
    const before = new Set([...this.db.dags.values()].filter((d) => d.fileloc === name).map((d) => d.dag_id));
    const report = this.processor.parseFile(name, this.files.get(name) ?? null, this.clock);
    for (const dag_id of report.dag_ids) this.refreshNextDagRun(dag_id);
    // the DAG's tasks may have changed: its running runs need a fresh look
    for (const dag_id of new Set([...before, ...report.dag_ids])) {
      for (const run of this.db.unfinishedRunsOf(dag_id)) this.db.markDirty(run);
    }
    const what = report.errors ? `${report.errors} import error(s)` : `${report.dag_ids.length} DAG(s): ${report.dag_ids.join(', ')}`;
    this.message('dag_processor', 'metastore', 'parse', `parsed ${name}: ${what}`);
  }

  // ---- EngineContext ----

  createDagRun(args: NewDagRun): DagRunRow {
    const dag = this.loaded.get(args.dag_id);
    if (!dag) throw new Error(`DAG ${args.dag_id} is not loaded`);
    const run = createRunWithTasks(this.db, dag, args, this.clock);
    const text = `create ${run.run_type} run ${run.run_id}`;
    if (args.created_by && args.created_by !== 'cli' && args.created_by !== 'scheduler' && args.created_by !== 'backfill_job') this.workerWrite(args.created_by, 'create_dag_run', text, run);
    else this.message(args.created_by ?? creatorOf(args.triggered_by, this.profile), 'metastore', 'create_dag_run', text, run);
    return run;
  }

  triggerDagRun(dag_id: string, opts: TriggerOptions): DagRunRow {
    return manualRun(this, dag_id, opts);
  }

  /** A task process writing to the metastore: directly in 2.10; in 3.x through the API server's
   *  Task Execution API (task-sdk execution_time/supervisor.py -> api_fastapi/execution_api), which
   *  writes the row. Both hops are recorded so the architecture view shows the path. */
  workerWrite(host: string, kind: string, text: string, about?: { dag_id?: string; run_id?: string; task_id?: string }): void {
    if (this.profile === '2') {
      this.message(host, 'metastore', kind, text, about);
      return;
    }
    this.message(host, 'api_server', kind, text, about);
    this.message('api_server', 'metastore', kind, text, about);
  }

  /** DagModel.calculate_dagrun_date_fields as of `at`; `last` defaults to the latest automated run. */
  refreshNextDagRun(dag_id: string, at = this.clock, last?: DataInterval): void {
    const dag = this.loaded.get(dag_id);
    const row = this.db.dags.get(dag_id);
    if (!dag || !row) return;
    computeNextDagRun(this.db, dag, row, at, this.profile, last);
    this.nextDagRunComputedAt.set(dag_id, at);
    if (row.next_dagrun_create_after !== null && !row.is_paused) this.wakeScheduler(row.next_dagrun_create_after);
  }

  /** What a periodic parse would have done by now: recompute next_dagrun as of the latest parse tick. */
  refreshIfStale(dag_id: string): void {
    const tick = this.processor.parseTick(this.clock);
    if ((this.nextDagRunComputedAt.get(dag_id) ?? -Infinity) < tick) this.refreshNextDagRun(dag_id, tick);
  }

  wakeScheduler(at = this.clock): void {
    const t = Math.max(at, this.clock);
    if (this.pendingLoops.has(t)) return;
    this.pendingLoops.add(t);
    this.schedule(t, 'scheduler_loop');
  }

  killTaskInstance(ti: TaskInstanceRow): void {
    this.workers.kill(ti);
  }

  audit(event: string, f: { dag_id?: string | null; task_id?: string | null; run_id?: string | null; extra?: string | null }): void {
    this.db.addAudit(this.clock, event, f);
  }

  startBackfillJob2(job: BackfillJob2, result: CommandResult): void {
    this.backfills2.start(job, result);
  }

  message(from: string, to: string, kind: string, text: string, about?: { dag_id?: string; run_id?: string; task_id?: string }): void {
    this.messages.record({
      at: this.clock,
      from,
      to,
      kind,
      text,
      ...(about?.dag_id !== undefined ? { dag_id: about.dag_id } : {}),
      ...(about?.run_id !== undefined ? { run_id: about.run_id } : {}),
      ...(about?.task_id !== undefined ? { task_id: about.task_id } : {}),
    });
  }
}

/** Who writes a new dag_run row: the CLI process for `dags trigger` (trigger_dag.py) and 3.x
 *  `backfill create` (_create_backfill), the 2.10 backfill job for its runs, the scheduler for
 *  timetable runs. */
function creatorOf(triggered_by: string, profile: Profile): string {
  if (triggered_by === 'cli') return 'cli';
  if (triggered_by === 'backfill') return profile === '2' ? 'backfill_job' : 'cli';
  return 'scheduler';
}

function validateExecutor(profile: Profile, config: Config): void {
  const problem = executorProblem(profile, config['core.executor']);
  if (problem === 'unknown') throw new Error(`core.executor: unknown executor '${String(config['core.executor'])}' (choose from ${EXECUTORS.join(', ')})`);
  if (problem === 'removed') throw new Error('core.executor: SequentialExecutor was removed in Airflow 3; use LocalExecutor or CeleryExecutor');
}
