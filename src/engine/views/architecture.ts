// The cluster as boxes and arrows: the DAG processor, the scheduler, the executor (LocalExecutor:
// task processes on the scheduler's host; CeleryExecutor: a broker and workers), the metastore,
// with what each holds now, and the messages between them since a sequence number (bus.ts),
// for the UI to animate. Component ids are the names messages use in `from` / `to`.
import type { Message } from '../bus.ts';
import { cfgNum } from '../config.ts';
import type { TaskInstanceRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { iso, type Iso } from './common.ts';

export interface TiRef {
  dag_id: string;
  run_id: string;
  task_id: string;
  try_number: number;
}

export interface WorkerBox {
  /** the host name messages use: "worker-1", or "scheduler" for Local/Sequential executors */
  id: string;
  slots_used: number;
  /** null: unlimited ([core] parallelism = 0) */
  slots_total: number | null;
  running: TiRef[];
  /** a killed worker (sim kill-worker): when it is back; null while it is up */
  down_until: Iso;
}

export interface ArchitectureView {
  clock: string;
  profile: '2' | '3';
  executor: string;
  dag_processor: { id: 'dag_processor'; files: number; dags: number; import_errors: number; last_parsed: Iso };
  scheduler: {
    id: 'scheduler';
    queued_runs: number;
    running_runs: number;
    /** TIs in `scheduled`: waiting for the critical section to queue them */
    scheduled_tis: number;
    /** TIs queued or running: what parallelism counts */
    active_tis: number;
    parallelism: number;
    /** sim stop-scheduler: no loop before this instant; null while it runs */
    stopped_until: Iso;
    /** TIs whose worker died, still `running` until the heartbeat check fails them */
    without_heartbeat: number;
  };
  /** "executor" (Local/Sequential) or "broker" (Celery): TIs handed over and not yet picked up */
  queue: { id: string; depth: number; tis: TiRef[] };
  workers: WorkerBox[];
  metastore: { id: 'metastore'; rows: Record<string, number> };
  /** 3.x only: task processes reach the metastore through the API server (Task Execution API) */
  api_server: { id: 'api_server' } | null;
  messages: (Omit<Message, 'at'> & { at: string })[];
  /** the newest message's seq (pass it back as since_seq) */
  last_seq: number;
  /** messages after since_seq that are not in `messages` (over the limit, or no longer kept) */
  skipped: number;
}

const ref = (ti: TaskInstanceRow): TiRef => ({ dag_id: ti.dag_id, run_id: ti.run_id, task_id: ti.task_id, try_number: ti.try_number });

export function architecture(sim: Simulation, since_seq = 0, limit = 500): ArchitectureView {
  const { db, executor } = sim;
  const m = messagesSince(sim, since_seq, limit);
  const parsed = [...db.dags.values()].map((d) => d.last_parsed_time ?? -Infinity);
  const lastParsed = Math.max(-Infinity, ...parsed);
  return {
    clock: iso(sim.now)!,
    profile: sim.profile,
    executor: executor.kind,
    dag_processor: {
      id: 'dag_processor',
      files: sim.files.size,
      dags: sim.loaded.size,
      import_errors: db.importErrors.length,
      last_parsed: Number.isFinite(lastParsed) ? iso(lastParsed) : null,
    },
    scheduler: {
      id: 'scheduler',
      queued_runs: db.queuedRuns.size,
      running_runs: db.unfinishedRuns.size - db.queuedRuns.size,
      scheduled_tis: db.scheduledTIs.size,
      active_tis: db.activeTIs.size,
      parallelism: cfgNum(sim.config, 'core.parallelism'),
      stopped_until: sim.faults.schedulerDown(sim.now) ? iso(sim.faults.schedulerDownUntil) : null,
      without_heartbeat: sim.faults.zombies.size,
    },
    queue: { id: executor.queueName, depth: executor.waiting.length, tis: executor.waiting.map(ref) },
    workers: executor.hosts.map((h) => ({
      id: h.name,
      slots_used: h.running.size,
      slots_total: Number.isFinite(h.slots) ? h.slots : null,
      running: [...h.running].map(ref),
      down_until: iso(sim.faults.workersDown.get(h.name) ?? null),
    })),
    metastore: {
      id: 'metastore',
      rows: {
        dag: db.dags.size,
        dag_run: db.dagRuns.length,
        task_instance: db.taskInstances.size,
        task_instance_history: db.taskInstanceHistory.length,
        log: db.log.length,
        import_error: db.importErrors.length,
        slot_pool: db.pools.size,
        ...(sim.profile === '3' ? { backfill: db.backfills.length } : {}),
      },
    },
    api_server: sim.profile === '3' ? { id: 'api_server' } : null,
    ...m,
  };
}

/** Messages with seq > since_seq, the newest `limit` of them. The log is in seq order. */
function messagesSince(sim: Simulation, since_seq: number, limit: number): Pick<ArchitectureView, 'messages' | 'last_seq' | 'skipped'> {
  const all = sim.messages.messages;
  const last_seq = all.length ? all[all.length - 1]!.seq : 0;
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.seq <= since_seq) lo = mid + 1;
    else hi = mid;
  }
  const from = Math.max(lo, all.length - Math.max(0, limit));
  // messages the log no longer keeps (it drops the oldest past its limit)
  const dropped = lo === 0 && all.length > 0 ? Math.max(0, all[0]!.seq - since_seq - 1) : 0;
  return {
    messages: all.slice(from).map((x) => ({ ...x, at: iso(x.at)! })),
    last_seq,
    skipped: from - lo + dropped,
  };
}
