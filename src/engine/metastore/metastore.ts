// The simulated metadata database: Airflow's tables in memory, with the few
// indexes the scheduler needs so that ten years of runs stay fast.
// Every component reads and writes here, as Airflow's processes share one DB.
import type {
  BackfillRow,
  DagRow,
  DagRunRow,
  DagRunState,
  ImportErrorRow,
  RunType,
  LogRow,
  PoolRow,
  TaskInstanceHistoryRow,
  TaskInstanceRow,
  TaskLogLine,
  TIState,
  XComRow,
} from './rows.ts';
import { FINISHED } from './rows.ts';

export const DEFAULT_POOL = 'default_pool';
const EMPTY: ReadonlySet<DagRunRow> = new Set();

const runKey = (dag_id: string, run_id: string) => `${dag_id}\u0000${run_id}`;
const tiKey = (dag_id: string, run_id: string, task_id: string, map_index: number) =>
  `${dag_id}\u0000${run_id}\u0000${task_id}\u0000${map_index}`;

/** TI states that hold an executor slot and count against every concurrency limit. */
export const ACTIVE_TI_STATES: ReadonlySet<TIState> = new Set<TIState>(['queued', 'running']);

export class Metastore {
  readonly dags = new Map<string, DagRow>();
  /** dag_run rows in creation order */
  readonly dagRuns: DagRunRow[] = [];
  readonly taskInstances = new Map<string, TaskInstanceRow>();
  readonly taskInstanceHistory: TaskInstanceHistoryRow[] = [];
  readonly log: LogRow[] = [];
  private readonly xcomByTi = new Map<string, Map<string, XComRow & { seq: number }>>();
  private xcomSeq = 0;
  readonly pools = new Map<string, PoolRow>();
  readonly backfills: BackfillRow[] = [];
  readonly importErrors: ImportErrorRow[] = [];
  readonly taskLogs: TaskLogLine[] = [];

  private readonly runsByKey = new Map<string, DagRunRow>();
  private readonly runsByDag = new Map<string, DagRunRow[]>();
  private readonly tisByRun = new Map<string, TaskInstanceRow[]>();
  private readonly historyKeys = new Set<string>();
  private readonly latestAutomated = new Map<string, DagRunRow>();
  private readonly runsByLogical = new Map<string, DagRunRow>();
  private readonly unfinishedByDag = new Map<string, Set<DagRunRow>>();
  private readonly tiPlace = new WeakMap<TaskInstanceRow, { run: DagRunRow; order: number }>();
  /** TIs in queued or running: what the concurrency limits count */
  readonly activeTIs = new Set<TaskInstanceRow>();
  /** runs in queued or running state */
  readonly unfinishedRuns = new Set<DagRunRow>();
  /** runs in queued state */
  readonly queuedRuns = new Set<DagRunRow>();
  /** TIs in scheduled state: the critical section's candidates */
  readonly scheduledTIs = new Set<TaskInstanceRow>();
  /** runs whose rows changed since the scheduler last looked at them */
  private dirty = new Set<DagRunRow>();
  private nextIds = { dag_run: 1, log: 1, backfill: 1, import_error: 1 };

  constructor(defaultPoolSlots: number) {
    this.pools.set(DEFAULT_POOL, {
      pool: DEFAULT_POOL,
      slots: defaultPoolSlots,
      description: 'Default pool',
      include_deferred: false,
    });
  }

  // ---- dag_run ----

  addDagRun(row: Omit<DagRunRow, 'id'>): DagRunRow {
    const key = runKey(row.dag_id, row.run_id);
    if (this.runsByKey.has(key)) throw new Error(`dag_run ${row.dag_id}/${row.run_id} already exists`);
    const run: DagRunRow = { id: this.nextIds.dag_run++, ...row };
    this.dagRuns.push(run);
    this.runsByKey.set(key, run);
    if (run.logical_date !== null) this.runsByLogical.set(`${run.dag_id}\u0000${run.logical_date}`, run);
    let list = this.runsByDag.get(run.dag_id);
    if (!list) this.runsByDag.set(run.dag_id, (list = []));
    list.push(run);
    this.tisByRun.set(key, []);
    if (run.state === 'queued' || run.state === 'running') this.markUnfinished(run, true);
    if (run.state === 'queued') this.queuedRuns.add(run);
    this.noteAutomated(run);
    this.dirty.add(run);
    return run;
  }

  getDagRun(dag_id: string, run_id: string): DagRunRow | undefined {
    return this.runsByKey.get(runKey(dag_id, run_id));
  }

  /** The run of a DAG at a logical date (Airflow keeps at most one: unique (dag_id, logical_date)). */
  runAtLogicalDate(dag_id: string, logical_date: number): DagRunRow | undefined {
    return this.runsByLogical.get(`${dag_id}\u0000${logical_date}`);
  }

  runsOf(dag_id: string): readonly DagRunRow[] {
    return this.runsByDag.get(dag_id) ?? [];
  }

  /** Runs change type only through here (a backfill adopting a run), so the index stays true. */
  setRunType(run: DagRunRow, type: RunType): void {
    run.run_type = type;
    this.noteAutomated(run);
  }

  /** The latest automated run (scheduled or backfill, by logical date) of a DAG: what
   *  next_dagrun is computed from (DagModel.calculate_dagrun_date_fields). */
  latestAutomatedRun(dag_id: string): DagRunRow | null {
    return this.latestAutomated.get(dag_id) ?? null;
  }

  private noteAutomated(run: DagRunRow): void {
    if (run.run_type !== 'scheduled' && run.run_type !== 'backfill') return;
    if (run.logical_date === null || run.data_interval_start === null || run.data_interval_end === null) return;
    const best = this.latestAutomated.get(run.dag_id);
    if (!best || run.logical_date > best.logical_date!) this.latestAutomated.set(run.dag_id, run);
  }

  setRunState(run: DagRunRow, state: DagRunState): void {
    run.state = state;
    this.markUnfinished(run, state === 'queued' || state === 'running');
    if (state === 'queued') this.queuedRuns.add(run);
    else this.queuedRuns.delete(run);
    this.dirty.add(run);
  }

  /** The scheduler must look at this run again (its DAG changed, a timer expired). */
  markDirty(run: DagRunRow): void {
    this.dirty.add(run);
  }

  /** The runs that changed since the last call, in creation order; the set starts empty again. */
  takeDirtyRuns(): DagRunRow[] {
    const runs = [...this.dirty].sort((a, b) => a.id - b.id);
    this.dirty = new Set();
    return runs;
  }

  /** A DAG's runs in queued or running state. */
  unfinishedRunsOf(dag_id: string): ReadonlySet<DagRunRow> {
    return this.unfinishedByDag.get(dag_id) ?? EMPTY;
  }

  private markUnfinished(run: DagRunRow, yes: boolean): void {
    let set = this.unfinishedByDag.get(run.dag_id);
    if (!set) this.unfinishedByDag.set(run.dag_id, (set = new Set()));
    if (yes) {
      this.unfinishedRuns.add(run);
      set.add(run);
    } else {
      this.unfinishedRuns.delete(run);
      set.delete(run);
    }
  }

  // ---- task_instance ----

  addTaskInstance(ti: TaskInstanceRow): TaskInstanceRow {
    const key = tiKey(ti.dag_id, ti.run_id, ti.task_id, ti.map_index);
    if (this.taskInstances.has(key)) throw new Error(`task_instance ${key} already exists`);
    this.taskInstances.set(key, ti);
    const list = this.tisByRun.get(runKey(ti.dag_id, ti.run_id));
    const run = this.runsByKey.get(runKey(ti.dag_id, ti.run_id));
    if (run && list) this.tiPlace.set(ti, { run, order: list.length });
    list?.push(ti);
    this.indexTI(ti);
    return ti;
  }

  getTaskInstance(dag_id: string, run_id: string, task_id: string, map_index = -1): TaskInstanceRow | undefined {
    return this.taskInstances.get(tiKey(dag_id, run_id, task_id, map_index));
  }

  tisOf(run: Pick<DagRunRow, 'dag_id' | 'run_id'>): readonly TaskInstanceRow[] {
    return this.tisByRun.get(runKey(run.dag_id, run.run_id)) ?? [];
  }

  /** The run a TI belongs to (no key lookup: the scheduler asks this for every candidate). */
  runOf(ti: TaskInstanceRow): DagRunRow {
    return this.tiPlace.get(ti)!.run;
  }

  /** The TI's position in its run: its task's place in the DAG's definition order. */
  orderOf(ti: TaskInstanceRow): number {
    return this.tiPlace.get(ti)?.order ?? 0;
  }

  /** Every TI state change goes through here so the active set stays true. */
  setTIState(ti: TaskInstanceRow, state: TIState): void {
    ti.state = state;
    this.indexTI(ti);
  }

  private indexTI(ti: TaskInstanceRow): void {
    if (ACTIVE_TI_STATES.has(ti.state)) this.activeTIs.add(ti);
    else this.activeTIs.delete(ti);
    if (ti.state === 'scheduled') this.scheduledTIs.add(ti);
    else this.scheduledTIs.delete(ti);
    const place = this.tiPlace.get(ti);
    if (place) this.dirty.add(place.run);
  }

  /** Copy a try into task_instance_history (Airflow 2.10+ keeps every earlier try).
   *  TaskInstanceHistory.record_ti: a try not in a finished state is recorded as failed;
   *  a try already recorded is not recorded twice. */
  archiveTry(ti: TaskInstanceRow): void {
    const key = `${tiKey(ti.dag_id, ti.run_id, ti.task_id, ti.map_index)}\u0000${ti.try_number}`;
    if (this.historyKeys.has(key)) return;
    this.historyKeys.add(key);
    this.taskInstanceHistory.push({
      dag_id: ti.dag_id,
      run_id: ti.run_id,
      task_id: ti.task_id,
      map_index: ti.map_index,
      try_number: ti.try_number,
      state: FINISHED.has(ti.state) ? ti.state : 'failed',
      start_date: ti.start_date,
      end_date: ti.end_date,
      duration: ti.duration,
      hostname: ti.hostname,
      pool: ti.pool,
      queued_dttm: ti.queued_dttm,
    });
  }

  // ---- the rest ----

  /** An audit row as the CLI and UI write it (Airflow's `log` table, owner "airflow"). */
  addAudit(dttm: number, event: string, f: { dag_id?: string | null; task_id?: string | null; run_id?: string | null; extra?: string | null }): LogRow {
    return this.addLog({ dttm, dag_id: f.dag_id ?? null, task_id: f.task_id ?? null, run_id: f.run_id ?? null, try_number: null, event, owner: 'airflow', extra: f.extra ?? null });
  }

  addLog(row: Omit<LogRow, 'id'>): LogRow {
    const r = { id: this.nextIds.log++, ...row };
    this.log.push(r);
    return r;
  }

  addBackfill(row: Omit<BackfillRow, 'id'>): BackfillRow {
    const r = { id: this.nextIds.backfill++, ...row };
    this.backfills.push(r);
    return r;
  }

  setImportErrors(filename: string, errors: Omit<ImportErrorRow, 'id'>[]): void {
    for (let i = this.importErrors.length - 1; i >= 0; i--) {
      if (this.importErrors[i]!.filename === filename) this.importErrors.splice(i, 1);
    }
    for (const e of errors) this.importErrors.push({ id: this.nextIds.import_error++, ...e });
  }

  /** xcom rows in the order they were written (rows of cleared TIs are gone) */
  get xcom(): XComRow[] {
    return [...this.xcomByTi.values()].flatMap((m) => [...m.values()]).sort((a, b) => a.seq - b.seq).map(({ seq: _, ...x }) => x);
  }

  setXCom(row: XComRow): void {
    const k = tiKey(row.dag_id, row.run_id, row.task_id, row.map_index);
    let m = this.xcomByTi.get(k);
    if (!m) this.xcomByTi.set(k, (m = new Map()));
    m.set(row.key, { ...row, seq: this.xcomSeq++ });
  }

  /** One TI's xcom rows in the order they were written (read-only; for the task-instance view). */
  xcomOf(dag_id: string, run_id: string, task_id: string, map_index = -1): XComRow[] {
    const m = this.xcomByTi.get(tiKey(dag_id, run_id, task_id, map_index));
    return m ? [...m.values()].sort((a, b) => a.seq - b.seq).map(({ seq: _, ...x }) => x) : [];
  }

  getXCom(dag_id: string, run_id: string, task_id: string, key = 'return_value', map_index = -1): unknown {
    return this.xcomByTi.get(tiKey(dag_id, run_id, task_id, map_index))?.get(key)?.value;
  }

  /** Airflow clears a TI's XComs when it starts a new try. */
  clearXCom(dag_id: string, run_id: string, task_id: string, map_index: number): void {
    this.xcomByTi.delete(tiKey(dag_id, run_id, task_id, map_index));
  }

  addTaskLog(line: TaskLogLine): void {
    this.taskLogs.push(line);
  }
}
