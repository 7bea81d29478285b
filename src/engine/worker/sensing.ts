// Sensors and TriggerDagRunOperator(wait_for_completion=True): a try that pokes over time.
// The decisions (condition, timeout, next poke, reschedule) are payload/sensors.ts's, after
// Airflow's sensors/base.py; this module turns them into events on the virtual clock:
// mode=poke holds the worker slot between pokes, mode=reschedule frees it (up_for_reschedule).
import type { OperatorKind, TaskSpec } from '../../dagfile/spec.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';
import {
  afterFalsePoke,
  externalTaskDates,
  externalTaskPoke,
  sensorTargetTime,
  simulatedConditionMet,
  timeReached,
  type PokeOutcome,
  type SensorSpec,
} from '../payload/sensors.ts';
import { engineParts } from '../parts.ts';
import type { Simulation } from '../simulation.ts';
import { pyIso } from '../time.ts';
import type { Workers } from './runtime.ts';
import { refOf } from './runtime.ts';

type TriggerOp = Extract<OperatorKind, { kind: 'trigger_dagrun' }>;

interface Poking {
  task: TaskSpec;
  run: DagRunRow;
  context: () => Record<string, unknown>;
  /** pokes made in this try */
  pokes: number;
  /** the run TriggerDagRunOperator started */
  triggered?: DagRunRow;
}

export class Sensing {
  private readonly live = new Map<TaskInstanceRow, Poking>();

  constructor(
    private readonly sim: Simulation,
    private readonly workers: Workers,
  ) {}

  begin(ti: TaskInstanceRow, run: DagRunRow, task: TaskSpec, context: () => Record<string, unknown>): void {
    const p: Poking = { task, run, context, pokes: 0 };
    if (task.op.kind === 'trigger_dagrun') {
      const triggered = triggerRun(this.sim, this.workers, ti, task.op);
      if (!triggered) return;
      p.triggered = triggered;
    }
    ti.first_poke_at ??= this.sim.now;
    this.live.set(ti, p);
    this.poke(ti);
  }

  stop(ti: TaskInstanceRow): void {
    this.live.delete(ti);
  }

  poke(ti: TaskInstanceRow): void {
    const p = this.live.get(ti);
    if (!p) return;
    p.pokes++;
    const v = this.verdict(ti, p);
    if (v.kind === 'fail') return this.end(ti, 'failed', v.message);
    if (v.kind === 'skip') return this.end(ti, 'skipped', v.message);
    if (v.kind === 'done') {
      this.workers.log(ti, 'Success criteria met. Exiting.');
      return this.end(ti, 'success', '');
    }
    this.next(ti, p);
  }

  /** After a poke that returned False: time out, poke again holding the slot, or reschedule. */
  private next(ti: TaskInstanceRow, p: Poking): void {
    const { sim } = this;
    const sensor: SensorSpec =
      p.task.op.kind === 'sensor'
        ? p.task.op
        : ({ ...WAIT_FOR_RUN, poke_interval_s: p.task.op.kind === 'trigger_dagrun' ? p.task.op.poke_interval_s : 60 } as SensorSpec);
    // poke mode times out from this try's start; reschedule mode from the first try's
    const started_ms = sensor.mode === 'reschedule' ? ti.first_poke_at! : ti.start_date!;
    const after = afterFalsePoke(sensor, { dag_id: ti.dag_id, task_id: ti.task_id, now_ms: sim.now, started_ms, poke_count: p.pokes });
    if (after.kind === 'timeout') {
      return after.skipped ? this.end(ti, 'skipped', `${after.message} Skipping due to soft_fail.`) : this.end(ti, 'failed_no_retry', `AirflowSensorTimeout: ${after.message}`);
    }
    if (after.kind === 'reschedule') {
      this.workers.log(ti, `Rescheduling task, marking task as UP_FOR_RESCHEDULE until ${pyIso(after.at_ms)}`);
      this.live.delete(ti);
      this.workers.endTry(ti, 'reschedule', '', after.at_ms);
      sim.wakeScheduler(after.at_ms);
      return;
    }
    sim.schedule(after.at_ms, 'poke', refOf(ti));
  }

  private end(ti: TaskInstanceRow, outcome: 'success' | 'failed' | 'failed_no_retry' | 'skipped', reason: string): void {
    this.live.delete(ti);
    if (outcome === 'success') ti.first_poke_at = null;
    this.workers.endTry(ti, outcome, reason);
  }

  private verdict(ti: TaskInstanceRow, p: Poking): PokeOutcome {
    const op = p.task.op;
    const { sim } = this;
    if (op.kind === 'trigger_dagrun') {
      const run = p.triggered!;
      this.workers.log(ti, `Waiting for ${op.trigger_dag_id} on ${run.run_id} to become allowed state ['success'] ...`);
      if (run.state === 'success') return { kind: 'done' };
      if (run.state === 'failed') return { kind: 'fail', message: `${op.trigger_dag_id} failed with failed states failed` };
      return { kind: 'not_yet' };
    }
    if (op.kind !== 'sensor') return { kind: 'done' };
    this.workers.log(ti, `Poking... (${describe(op)})`);
    if (op.sensor === 'time_delta' || op.sensor === 'date_time') {
      let rendered: string | null = null;
      if (op.sensor === 'date_time' && op.target_time?.includes('{')) {
        const r = engineParts().renderTemplate(op.target_time, p.context());
        if (!r.ok) return { kind: 'fail', message: r.error };
        rendered = r.text;
      }
      const target = sensorTargetTime(op, { data_interval_end: p.run.data_interval_end, run_after: p.run.run_after }, sim.profile, rendered);
      if (!target.ok) return { kind: 'fail', message: target.error };
      return target.ms !== null && timeReached(sim.now, target.ms) ? { kind: 'done' } : { kind: 'not_yet' };
    }
    if (op.sensor === 'external_task') {
      let dates: number[];
      try {
        dates = externalTaskDates(op, p.run.logical_date, p.run.run_after, sim.profile);
      } catch (e) {
        return { kind: 'fail', message: (e as Error).message };
      }
      return externalTaskPoke(op, dates, (dag_id, task_id, logical) => {
        const other = sim.db.runAtLogicalDate(dag_id, logical);
        if (!other) return null;
        return task_id === null ? other.state : (sim.db.getTaskInstance(dag_id, other.run_id, task_id)?.state ?? null);
      });
    }
    // FileSensor / PythonSensor: ready `ready_after` after the first poke (# sim: ready_after=...)
    return simulatedConditionMet(ti.first_poke_at!, sim.now, p.task.sim.ready_after_s) ? { kind: 'done' } : { kind: 'not_yet' };
  }
}

/** TriggerDagRunOperator(wait_for_completion=True) waits like a poke-mode sensor with no timeout. */
const WAIT_FOR_RUN = { kind: 'sensor', sensor: 'python', mode: 'poke', timeout_s: Infinity, soft_fail: false, exponential_backoff: false };

function describe(op: SensorSpec): string {
  if (op.sensor === 'external_task') return `${op.external_dag_id}.${op.external_task_id ?? '*'}`;
  if (op.sensor === 'file') return `file ${op.filepath ?? ''}`;
  return op.sensor;
}

/** TriggerDagRunOperator.execute: a manual run of the target DAG (null: the try failed). */
export function triggerRun(sim: Simulation, workers: Workers, ti: TaskInstanceRow, op: TriggerOp): DagRunRow | null {
  try {
    // DagRunTriggeredByType.OPERATOR; the task's process writes the run (in 3.x via the API server)
    const run = sim.triggerDagRun(op.trigger_dag_id, { conf: op.conf ?? {}, triggered_by: 'operator', created_by: ti.hostname ?? 'worker' });
    workers.log(ti, `Triggered DAG ${op.trigger_dag_id}: run ${run.run_id}`);
    return run;
  } catch (e) {
    workers.endTry(ti, 'failed', `airflow.exceptions.DagNotFound: ${(e as Error).message}`);
    return null;
  }
}
