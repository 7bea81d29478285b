// The executor and the hosts that run tasks.
// - LocalExecutor: task processes on the scheduler's own host, `parallelism` at a time (0 = unlimited).
// - CeleryExecutor: the scheduler sends each queued TI to the broker; `sim.workers` workers each
//   take up to `celery.worker_concurrency` tasks, first come first served.
// - SequentialExecutor (Airflow 2 only): one task at a time.
// A TI stays `queued` from the scheduler's decision until a worker slot picks it up.
import { cfgNum, cfgStr, type Config } from './config.ts';
import type { TaskInstanceRow } from './metastore/rows.ts';

export interface Host {
  name: string;
  slots: number;
  running: Set<TaskInstanceRow>;
  /** a killed Celery worker takes nothing until it is back (actions/faults.ts) */
  down?: boolean;
}

export type ExecutorKind = 'LocalExecutor' | 'CeleryExecutor' | 'SequentialExecutor';

export class Executor {
  readonly kind: ExecutorKind;
  readonly hosts: Host[];
  /** TIs handed over by the scheduler and not yet picked up (Celery: the broker's queue) */
  readonly waiting: TaskInstanceRow[] = [];
  private nextHost = 0;

  constructor(config: Config) {
    this.kind = cfgStr(config, 'core.executor') as ExecutorKind;
    if (this.kind === 'CeleryExecutor') {
      const n = Math.max(1, cfgNum(config, 'sim.workers'));
      const per = cfgNum(config, 'celery.worker_concurrency');
      this.hosts = Array.from({ length: n }, (_, i) => ({ name: `worker-${i + 1}`, slots: per, running: new Set() }));
    } else if (this.kind === 'SequentialExecutor') {
      this.hosts = [{ name: 'scheduler', slots: 1, running: new Set() }];
    } else {
      const p = cfgNum(config, 'core.parallelism');
      this.hosts = [{ name: 'scheduler', slots: p > 0 ? p : Infinity, running: new Set() }];
    }
  }

  /** The component a queued TI travels through before a worker takes it. */
  get queueName(): string {
    return this.kind === 'CeleryExecutor' ? 'broker' : 'executor';
  }

  submit(ti: TaskInstanceRow): void {
    this.waiting.push(ti);
  }

  /** Hand waiting TIs to free slots; returns the assignments made, in order. */
  dispatch(): { ti: TaskInstanceRow; host: Host }[] {
    const out: { ti: TaskInstanceRow; host: Host }[] = [];
    while (this.waiting.length > 0) {
      const host = this.freeHost();
      if (!host) break;
      const ti = this.waiting.shift()!;
      host.running.add(ti);
      out.push({ ti, host });
    }
    return out;
  }

  /** The TI left its slot (finished, failed, killed, or rescheduled). */
  release(ti: TaskInstanceRow): void {
    for (const h of this.hosts) h.running.delete(ti);
    const i = this.waiting.indexOf(ti);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  hostOf(ti: TaskInstanceRow): Host | undefined {
    return this.hosts.find((h) => h.running.has(ti));
  }

  /** Celery workers take turns (round robin over those with a free slot). */
  private freeHost(): Host | undefined {
    for (let k = 0; k < this.hosts.length; k++) {
      const h = this.hosts[(this.nextHost + k) % this.hosts.length]!;
      if (!h.down && h.running.size < h.slots) {
        this.nextHost = (this.nextHost + k + 1) % this.hosts.length;
        return h;
      }
    }
    return undefined;
  }
}
