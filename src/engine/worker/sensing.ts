// Sensors and TriggerDagRunOperator(wait_for_completion=True): a try that pokes over time.
// Airflow: sensors/base.py BaseSensorOperator.execute (2.10; 3.x task-sdk bases/sensor.py):
//   poke; if true -> success; if run_duration > timeout -> AirflowSensorTimeout (no retry),
//   or skipped with soft_fail; mode=reschedule -> up_for_reschedule until the next poke,
//   freeing the worker slot; mode=poke -> sleep poke_interval holding the slot.
// Conditions: sensors/time_delta.py (now > data_interval_end + delta), date_time.py
// (now > target_time), external_task.py (the other DAG's TI/run at logical_date - execution_delta).
import type { OperatorKind, TaskSpec } from '../../dagfile/spec.ts';
import type { DagRunRow, TaskInstanceRow } from '../metastore/rows.ts';
import { renderTemplate } from '../payload/template.ts';
import type { Simulation } from '../simulation.ts';
import { parseInstant, pyIso } from '../time.ts';
import type { Workers } from './runtime.ts';
import { refOf } from './runtime.ts';

type SensorOp = Extract<OperatorKind, { kind: 'sensor' }>;
type TriggerOp = Extract<OperatorKind, { kind: 'trigger_dagrun' }>;

interface Poking {
  task: TaskSpec;
  run: DagRunRow;
  context: () => Record<string, unknown>;
  /** the run TriggerDagRunOperator started */
  triggered?: DagRunRow;
}

type Verdict = { met: true } | { met: false } | { fail: string };

export class Sensing {
  private readonly live = new Map<TaskInstanceRow, Poking>();

  constructor(
    private readonly sim: Simulation,
    private readonly workers: Workers,
  ) {}

  begin(ti: TaskInstanceRow, run: DagRunRow, task: TaskSpec, context: () => Record<string, unknown>): void {
    const p: Poking = { task, run, context };
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
    const { sim } = this;
    const v = this.verdict(ti, p);
    const settings = pokeSettings(p.task.op);
    if ('fail' in v) return this.end(ti, 'failed', v.fail);
    if (v.met) {
      this.workers.log(ti, 'Success criteria met. Exiting.');
      return this.end(ti, 'success', '');
    }
    const elapsed_s = (sim.now - ti.first_poke_at!) / 1000;
    if (elapsed_s > settings.timeout_s) {
      const msg = `Sensor has timed out; run duration of ${elapsed_s} seconds exceeds the specified timeout of ${settings.timeout_s}.`;
      return settings.soft_fail ? this.end(ti, 'skipped', `${msg} Skipping due to soft_fail.`) : this.end(ti, 'failed_no_retry', `AirflowSensorTimeout: ${msg}`);
    }
    const next = sim.now + settings.poke_interval_s * 1000;
    if (settings.mode === 'reschedule') {
      this.workers.log(ti, `Rescheduling task, marking task as UP_FOR_RESCHEDULE until ${pyIso(next)}`);
      this.live.delete(ti);
      this.workers.endTry(ti, 'reschedule', '', next);
      sim.wakeScheduler(next);
      return;
    }
    sim.schedule(next, 'poke', refOf(ti));
  }

  private end(ti: TaskInstanceRow, outcome: 'success' | 'failed' | 'failed_no_retry' | 'skipped', reason: string): void {
    this.live.delete(ti);
    if (outcome === 'success') ti.first_poke_at = null;
    this.workers.endTry(ti, outcome, reason);
  }

  private verdict(ti: TaskInstanceRow, p: Poking): Verdict {
    const op = p.task.op;
    const now = this.sim.now;
    if (op.kind === 'trigger_dagrun') {
      const state = p.triggered!.state;
      this.workers.log(ti, `Waiting for ${op.trigger_dag_id} on ${p.triggered!.run_id} to become allowed state ['success'] ...`);
      if (state === 'success') return { met: true };
      if (state === 'failed') return { fail: `${op.trigger_dag_id} failed with failed states failed` };
      return { met: false };
    }
    if (op.kind !== 'sensor') return { met: true };
    this.workers.log(ti, `Poking... (${describe(op)})`);
    switch (op.sensor) {
      case 'time_delta': {
        const base = p.run.data_interval_end ?? p.run.run_after;
        return { met: now > base + deltaMs(op.delta) };
      }
      case 'date_time': {
        const text = op.target_time ?? '';
        const rendered = text.includes('{') ? renderTemplate(text, p.context()) : { ok: true as const, text };
        if (!rendered.ok) return { fail: rendered.error };
        const target = parseInstant(rendered.text);
        if (target === null) return { fail: `DateTimeSensor: cannot read target_time ${JSON.stringify(rendered.text)} as a date` };
        return { met: now > target };
      }
      case 'external_task':
        return this.external(op, p.run);
      default: // file / python: ready `ready_after` after the first poke (default: at once)
        return { met: now >= ti.first_poke_at! + (p.task.sim.ready_after_s ?? 0) * 1000 };
    }
  }

  /** ExternalTaskSensor: the other DAG's run at logical_date - execution_delta, or its task. */
  private external(op: SensorOp, run: DagRunRow): Verdict {
    if (run.logical_date === null || !op.external_dag_id) return { met: false };
    const target = run.logical_date - deltaMs(op.execution_delta);
    const other = this.sim.db.runsOf(op.external_dag_id).find((r) => r.logical_date === target);
    const state = !other
      ? null
      : op.external_task_id
        ? (this.sim.db.getTaskInstance(other.dag_id, other.run_id, op.external_task_id)?.state ?? null)
        : other.state;
    if (state !== null && op.failed_states.includes(state)) {
      return { fail: `The external task ${op.external_task_id ?? op.external_dag_id} in DAG ${op.external_dag_id} failed.` };
    }
    return { met: state !== null && op.allowed_states.includes(state) };
  }
}

function pokeSettings(op: OperatorKind): { poke_interval_s: number; timeout_s: number; mode: 'poke' | 'reschedule'; soft_fail: boolean } {
  if (op.kind === 'sensor') return op;
  if (op.kind === 'trigger_dagrun') return { poke_interval_s: op.poke_interval_s, timeout_s: Infinity, mode: 'poke', soft_fail: false };
  return { poke_interval_s: 60, timeout_s: 7 * 86400, mode: 'poke', soft_fail: false };
}

function deltaMs(d: SensorOp['delta']): number {
  if (!d) return 0;
  if (d.kind === 'timedelta') return d.seconds * 1000;
  return ((d.weeks * 7 + d.days) * 86400 + d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000;
}

function describe(op: SensorOp): string {
  if (op.sensor === 'external_task') return `${op.external_dag_id}.${op.external_task_id ?? '*'}`;
  if (op.sensor === 'file') return `file ${op.filepath ?? ''}`;
  return op.sensor;
}

/** TriggerDagRunOperator.execute: a manual run of the target DAG (null: the try failed). */
export function triggerRun(sim: Simulation, workers: Workers, ti: TaskInstanceRow, op: TriggerOp): DagRunRow | null {
  try {
    const run = sim.triggerDagRun(op.trigger_dag_id, { conf: op.conf ?? {} });
    run.triggered_by = 'operator';
    workers.log(ti, `Triggered DAG ${op.trigger_dag_id}: run ${run.run_id}`);
    return run;
  } catch (e) {
    workers.endTry(ti, 'failed', `airflow.exceptions.DagNotFound: ${(e as Error).message}`);
    return null;
  }
}
