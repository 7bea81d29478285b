// The workers: they take queued TIs from the executor, run one try each, and
// write the result to the metastore, as Airflow's task runner does.
// Airflow: models/taskinstance.py (_run_raw_task, handle_failure, is_eligible_to_retry,
// next_retry_datetime), models/skipmixin.py (skip_all_except), operators/python.py.
import type { TaskSpec } from '../../dagfile/spec.ts';
import type { Host } from '../executor.ts';
import type { SimEvent } from '../kernel.ts';
import type { TaskInstanceRow } from '../metastore/rows.ts';
import { isEligibleToRetry, nextRetryDelaySeconds } from '../rules/retry.ts';
import type { Simulation } from '../simulation.ts';
import { pyStr } from '../time.ts';
import { planAttempt, pyRepr, type AttemptPlan } from './attempt.ts';
import { lazyTemplateContext } from './context.ts';
import { Sensing, triggerRun } from './sensing.ts';
import { commitSql } from './sqlTask.ts';

type TiRef = {
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  try_number: number;
};

export class Workers {
  /** the plan of each running try, by TI */
  private readonly plans = new Map<TaskInstanceRow, AttemptPlan>();
  readonly sensing: Sensing;

  constructor(private readonly sim: Simulation) {
    this.sensing = new Sensing(sim, this);
  }

  /** Executor heartbeat: start what fits in free slots. */
  dispatch(): void {
    for (const { ti, host } of this.sim.executor.dispatch()) this.start(ti, host);
  }

  handle(ev: SimEvent): void {
    const ref = ev as unknown as TiRef & SimEvent;
    const ti = this.sim.db.getTaskInstance(ref.dag_id, ref.run_id, ref.task_id, ref.map_index);
    // A try that was killed or cleared meanwhile reports nothing.
    if (!ti || ti.state !== 'running' || ti.try_number !== ref.try_number) return;
    // its worker was killed (sim kill-worker): the process that would report the end is gone
    if (ev.type === 'task_end' && !this.plans.has(ti)) return;
    if (ev.type === 'poke') this.sensing.poke(ti);
    else this.finish(ti, this.plans.get(ti)!);
  }

  private start(ti: TaskInstanceRow, host: Host): void {
    const { sim } = this;
    const run = sim.db.runOf(ti);
    const task = sim.loaded.get(ti.dag_id)?.tasks.get(ti.task_id);
    sim.message(sim.executor.queueName, host.name, 'run_task', `${ti.task_id} (try ${ti.try_number}) -> ${host.name}`, ti);
    if (!task) {
      this.endTry(ti, 'failed', `Task ${ti.task_id} is no longer in DAG ${ti.dag_id}`);
      return;
    }
    sim.db.setTIState(ti, 'running');
    ti.hostname = host.name;
    // every try, and every poke try of a reschedule-mode sensor, starts now (its timeout counts from first_poke_at)
    ti.start_date = sim.now;
    ti.end_date = null;
    ti.duration = null;
    sim.db.clearXCom(ti.dag_id, ti.run_id, ti.task_id, ti.map_index);
    sim.workerWrite(host.name, 'set_state', `${ti.task_id} -> running on ${host.name}`, ti);
    this.log(ti, `Starting attempt ${ti.try_number} of ${ti.max_tries + 1}`);
    this.log(ti, `Executing <Task(${task.operator}): ${task.task_id}> on ${run.logical_date === null ? 'None' : pyStr(run.logical_date)}`);
    const context = lazyTemplateContext(sim, ti, run, task);
    if (task.op.kind === 'sensor' || (task.op.kind === 'trigger_dagrun' && task.op.wait_for_completion)) {
      this.sensing.begin(ti, run, task, context);
      return;
    }
    if (task.op.kind === 'trigger_dagrun' && !triggerRun(sim, this, ti, task.op)) return;
    const ctx = { dag_id: ti.dag_id, task_id: ti.task_id, run_id: ti.run_id, logical_date: run.logical_date, try_number: ti.try_number };
    const plan = planAttempt(task, ti.try_number, context, { ctx, profile: sim.profile, now_ms: sim.now, warehouse: sim.warehouse });
    this.runPlan(ti, task, plan);
  }

  /** Schedule the end of a try, cutting it at execution_timeout. */
  runPlan(ti: TaskInstanceRow, task: TaskSpec, plan: AttemptPlan): void {
    ti.rendered_fields = plan.rendered;
    const timeout = task.execution_timeout_s;
    if (timeout !== null && plan.duration_s > timeout) {
      // cut before DbApiHook.run's commit: a SQL task's statements never commit (sql: undefined)
      plan = { ...plan, duration_s: timeout, outcome: 'failed', reason: `Timeout, PID: 1 (execution_timeout of ${timeout} s)`, xcom: undefined, sql: undefined };
    }
    this.plans.set(ti, plan);
    // a command that never ends (an endless loop) holds its slot until something kills it
    if (Number.isFinite(plan.duration_s)) this.sim.schedule(this.sim.now + Math.round(plan.duration_s * 1000), 'task_end', refOf(ti));
  }

  private finish(ti: TaskInstanceRow, plan: AttemptPlan): void {
    const { sim } = this;
    if (plan.sql) plan = commitSql(plan, sim.warehouse);
    for (const line of plan.logs) this.log(ti, line);
    if (plan.outcome === 'success' && plan.follow) {
      // SkipMixin.skip_all_except: every id must be a task of the DAG (not necessarily downstream)
      const bad = plan.follow.filter((id) => !sim.loaded.get(ti.dag_id)?.tasks.has(id));
      if (bad.length) {
        plan = { ...plan, outcome: 'failed', reason: `'branch_task_ids' must contain only valid task_ids. Invalid tasks found: {${bad.map(pyRepr).join(', ')}}.` };
      }
    }
    if (plan.outcome === 'success') {
      if (plan.xcom !== undefined) {
        sim.db.setXCom({ dag_id: ti.dag_id, run_id: ti.run_id, task_id: ti.task_id, map_index: ti.map_index, key: 'return_value', value: plan.xcom, timestamp: sim.now });
      }
      if (plan.follow) this.skipAllExcept(ti, plan.follow);
      if (plan.shortCircuit) this.shortCircuit(ti, plan.shortCircuit.ignore_downstream_trigger_rules);
    }
    this.endTry(ti, plan.outcome, plan.reason, plan.reschedule_at);
  }

  /** Write the try's result (TaskInstance.handle_failure and friends) and tell the scheduler. */
  endTry(ti: TaskInstanceRow, outcome: AttemptPlan['outcome'], reason: string, reschedule_at?: number): void {
    const { sim } = this;
    sim.executor.release(ti);
    this.plans.delete(ti);
    ti.end_date = sim.now;
    ti.duration = ti.start_date !== null ? (sim.now - ti.start_date) / 1000 : 0;
    if (outcome === 'reschedule') {
      sim.db.setTIState(ti, 'up_for_reschedule');
      ti.reschedule_at = reschedule_at ?? sim.now;
    } else if (outcome === 'failed' || outcome === 'failed_no_retry') {
      this.log(ti, reason, 'ERROR');
      this.fail(ti, outcome === 'failed');
    } else {
      if (outcome === 'skipped') this.log(ti, reason);
      sim.db.setTIState(ti, outcome);
    }
    const run = sim.db.runOf(ti);
    this.log(ti, `Marking task as ${String(ti.state).toUpperCase()}. dag_id=${ti.dag_id}, task_id=${ti.task_id}, run_id=${ti.run_id}, ${this.dateWord()}=${run.logical_date === null ? 'None' : compactDate(run.logical_date)}`);
    sim.workerWrite(ti.hostname ?? 'worker', 'set_state', `${ti.task_id} -> ${ti.state}`, ti);
    sim.message(sim.executor.queueName, 'scheduler', 'task_event', `${ti.task_id} finished: ${ti.state}`, ti);
    sim.wakeScheduler();
  }

  /** handle_failure: up_for_retry while tries remain (retries > 0 and try_number <= max_tries), else failed. */
  fail(ti: TaskInstanceRow, mayRetry: boolean): void {
    const { sim } = this;
    const task = sim.loaded.get(ti.dag_id)?.tasks.get(ti.task_id);
    const run = sim.db.runOf(ti);
    const eligible = mayRetry && !!task && isEligibleToRetry(ti, task.retries) && !sim.backfills2.disablesRetry(run);
    if (!eligible || !task) {
      sim.db.setTIState(ti, 'failed');
      return;
    }
    const delay_s = nextRetryDelaySeconds({
      dag_id: ti.dag_id,
      task_id: ti.task_id,
      logical_date: run.logical_date,
      try_number: ti.try_number,
      retry_delay_s: task.retry_delay_s,
      retry_exponential_backoff: task.retry_exponential_backoff,
      max_retry_delay_s: task.max_retry_delay_s,
      max_task_retry_delay_s: Number(sim.config['core.max_task_retry_delay']),
    }, sim.profile);
    sim.db.setTIState(ti, 'up_for_retry');
    ti.next_retry_at = sim.now + delay_s * 1000;
    sim.wakeScheduler(ti.next_retry_at);
  }

  /** Its worker died (sim kill-worker): the try's process is gone, its row stays as it was. */
  abandon(ti: TaskInstanceRow): void {
    this.plans.delete(ti);
    this.sensing.stop(ti);
  }

  /** A running TI was cleared, marked or timed out: stop its process. One cleared while running
   *  (restarting) fails on the SIGTERM and, being always eligible to retry, goes to up_for_retry. */
  kill(ti: TaskInstanceRow): void {
    this.sim.executor.release(ti);
    this.plans.delete(ti);
    this.sensing.stop(ti);
    // a dead worker's process gets no SIGTERM: the TI stays restarting for the heartbeat check (actions/faults.ts)
    if (ti.state === 'restarting' && !this.sim.faults.zombies.has(ti)) this.endTry(ti, 'failed', 'Received SIGTERM. Terminating subprocesses.');
  }

  /** SkipMixin.skip_all_except: the branch's direct downstream tasks are skipped unless followed,
   *  or downstream of a followed task (so a `join` after the branches still runs). */
  private skipAllExcept(ti: TaskInstanceRow, follow: string[]): void {
    const dag = this.sim.loaded.get(ti.dag_id)!;
    const kept = new Set(follow);
    const walk = (id: string) => {
      for (const d of dag.downstream.get(id) ?? []) {
        if (kept.has(d)) continue;
        kept.add(d);
        walk(d);
      }
    };
    for (const id of follow) walk(id);
    this.skip(ti, (dag.downstream.get(ti.task_id) ?? []).filter((id) => !kept.has(id)));
  }

  /** ShortCircuitOperator: skip every downstream task, or only the direct ones when trigger rules are respected. */
  private shortCircuit(ti: TaskInstanceRow, ignoreTriggerRules: boolean): void {
    const dag = this.sim.loaded.get(ti.dag_id)!;
    const ids = new Set<string>();
    const walk = (id: string) => {
      for (const d of dag.downstream.get(id) ?? []) {
        if (ids.has(d)) continue;
        ids.add(d);
        if (ignoreTriggerRules) walk(d);
      }
    };
    walk(ti.task_id);
    this.skip(ti, [...ids]);
  }

  private skip(ti: TaskInstanceRow, task_ids: string[]): void {
    for (const id of task_ids) {
      const other = this.sim.db.getTaskInstance(ti.dag_id, ti.run_id, id);
      if (!other || (other.state !== null && other.state !== 'scheduled')) continue;
      this.sim.db.setTIState(other, 'skipped');
      other.start_date = this.sim.now;
      other.end_date = this.sim.now;
      other.duration = 0;
      this.sim.workerWrite(ti.hostname ?? 'worker', 'set_state', `${id} -> skipped (by ${ti.task_id})`, other);
    }
  }

  log(ti: TaskInstanceRow, text: string, level: 'INFO' | 'WARNING' | 'ERROR' = 'INFO'): void {
    this.sim.db.addTaskLog({ dag_id: ti.dag_id, run_id: ti.run_id, task_id: ti.task_id, map_index: ti.map_index, try_number: ti.try_number, at: this.sim.now, level, text });
  }

  private dateWord(): string {
    return this.sim.profile === '2' ? 'execution_date' : 'logical_date';
  }
}

export function refOf(ti: TaskInstanceRow): TiRef {
  return { dag_id: ti.dag_id, run_id: ti.run_id, task_id: ti.task_id, map_index: ti.map_index, try_number: ti.try_number };
}

/** The compact date Airflow's "Marking task as ..." line uses: 20240601T000000 */
function compactDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

