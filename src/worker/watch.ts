// What "run to the next ..." stops at, judged after each event or action:
//   run_created     a dag_run row appeared (the scheduler's timetable, a trigger, a backfill)
//   failure         a task try ended failed or up_for_retry, or a run ended failed
//   scheduler_loop  one scheduler loop ran
// Failures are found through the messages the step wrote (every TI state change a worker writes
// and every run the scheduler finishes is a message naming its TI or run), then the row's state.
import type { Simulation } from '../engine/simulation.ts';
import { isoZ } from '../engine/time.ts';
import type { Unit } from './playback.ts';

export type NextKind = 'run_created' | 'failure' | 'scheduler_loop';

export interface Found {
  kind: NextKind;
  at: string;
  dag_id: string | null;
  run_id: string | null;
  task_id: string | null;
  /** what was found, in words (English; the UI words it from the fields) */
  text: string;
  /** the state that was reached (a task's failed/up_for_retry, a run's failed), and the task's try */
  state?: string;
  try_number?: number;
}

export interface Watch {
  before: () => void;
  after: (unit: Unit) => boolean;
  found: () => Found | null;
}

export function watchFor(kind: NextKind, sim: Simulation): Watch | null {
  let found: Found | null = null;
  const hit = (f: Omit<Found, 'kind' | 'at'>) => {
    found = { kind, at: isoZ(sim.now), ...f };
    return true;
  };
  const base = { found: () => found };
  switch (kind) {
    case 'run_created': {
      let runs = 0;
      return {
        ...base,
        before: () => void (runs = sim.db.dagRuns.length),
        after: () => {
          if (sim.db.dagRuns.length <= runs) return false;
          const r = sim.db.dagRuns[sim.db.dagRuns.length - 1]!;
          return hit({ dag_id: r.dag_id, run_id: r.run_id, task_id: null, text: `run ${r.run_id} of ${r.dag_id} was created (${r.run_type})` });
        },
      };
    }
    case 'scheduler_loop':
      return {
        ...base,
        before: () => {},
        after: (u) => u.kind === 'event' && u.type === 'scheduler_loop' && hit({ dag_id: null, run_id: null, task_id: null, text: 'the scheduler ran one loop' }),
      };
    case 'failure': {
      let seq = 0;
      return {
        ...base,
        before: () => void (seq = lastSeq(sim)),
        after: () => failureSince(sim, seq, hit),
      };
    }
    default:
      return null;
  }
}

function lastSeq(sim: Simulation): number {
  const m = sim.messages.messages;
  return m.length ? m[m.length - 1]!.seq : 0;
}

function failureSince(sim: Simulation, seq: number, hit: (f: Omit<Found, 'kind' | 'at'>) => boolean): boolean {
  const m = sim.messages.messages;
  for (let i = m.length - 1; i >= 0 && m[i]!.seq > seq; i--) {
    const { kind, dag_id, run_id, task_id } = m[i]!;
    if (!dag_id || !run_id) continue;
    if (kind === 'set_state' && task_id) {
      const ti = sim.db.getTaskInstance(dag_id, run_id, task_id);
      if (ti && (ti.state === 'failed' || ti.state === 'up_for_retry')) {
        return hit({ dag_id, run_id, task_id, state: ti.state, try_number: ti.try_number, text: `${task_id} in ${run_id} ended ${ti.state} (try ${ti.try_number})` });
      }
    } else if (kind === 'finish_dag_run' && sim.db.getDagRun(dag_id, run_id)?.state === 'failed') {
      return hit({ dag_id, run_id, task_id: null, state: 'failed', text: `run ${run_id} of ${dag_id} failed` });
    }
  }
  return false;
}
