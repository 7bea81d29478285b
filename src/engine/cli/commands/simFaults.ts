// `sim kill-worker` and `sim stop-scheduler`: faults for demos (what they do, and the Airflow
// source they follow, is in actions/faults.ts). Like every sim command, a line a scenario replays.
import { FaultError, killWorker, parseDuration, stopScheduler } from '../../actions/faults.ts';
import type { EngineContext } from '../../context.ts';
import type { Simulation } from '../../simulation.ts';
import { isoZ } from '../../time.ts';
import { SystemExitError } from '../errors.ts';
import { str, type Handler } from './common.ts';
import { tiRepr } from './tasks.ts';

/** The commands run on the Simulation itself (its executor, workers and fault state). */
const simOf = (ctx: EngineContext) => ctx as unknown as Simulation;

function duration(text: string | null, fallback: string): number {
  const ms = parseDuration(text ?? fallback);
  if (ms === null) throw new SystemExitError(`--for: "${text}" is not a duration such as 90s, 10m, 1h or 2d`);
  return ms;
}

export const simKillWorker: Handler = (ctx, cmd, out) => {
  const sim = simOf(ctx);
  const downMs = duration(str(cmd, 'for'), '5m');
  try {
    const { tis, detectAt, backAt } = killWorker(sim, str(cmd, 'worker')!, downMs);
    const word = sim.profile === '2' ? 'scheduler_zombie_task_threshold' : 'task_instance_heartbeat_timeout';
    out.print(`Killed ${str(cmd, 'worker')} (SIGKILL); ${tis.length} running task instance(s) stop heartbeating${tis.length ? ':' : '.'}`);
    for (const ti of tis) out.print('  ' + tiRepr(ti));
    if (tis.length) out.print(`The scheduler fails them when their last heartbeat is older than [scheduler] ${word} (300 s): at ${isoZ(detectAt)}, with retries if they have any left.`);
    out.print(`${str(cmd, 'worker')} is restarted at ${isoZ(backAt)}.`);
  } catch (e) {
    if (e instanceof FaultError) throw new SystemExitError(e.message);
    throw e;
  }
};

export const simStopScheduler: Handler = (ctx, cmd, out) => {
  const sim = simOf(ctx);
  const until = stopScheduler(sim, duration(str(cmd, 'for'), '1h'));
  out.print(`Scheduler stopped until ${isoZ(until)}: no run is created and no task is queued until then.`);
  out.print(
    sim.executor.kind === 'CeleryExecutor'
      ? 'Running tasks go on; Celery workers still take the tasks already in the broker.'
      : 'Running tasks go on and write their end to the metastore.',
  );
};
