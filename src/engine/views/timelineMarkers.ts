// Marks for the clock's scrub bar: when runs were created, when task tries and runs failed, when
// the learner ran a command. Run creation and commands come from the message log (every run is
// created through Simulation.createDagRun, which records a create_dag_run message); failures from
// the metastore rows (task_instance, task_instance_history, dag_run).
import type { Simulation } from '../simulation.ts';
import { iso } from './common.ts';

export type MarkerKind = 'run_created' | 'task_failed' | 'run_failed' | 'command';

export interface Marker {
  at: string;
  kind: MarkerKind;
  dag_id: string | null;
  run_id: string | null;
  task_id: string | null;
  try_number: number | null;
  /** the command line, for `command` */
  text: string | null;
}

export interface MarkerOptions {
  dag_id?: string;
  kinds?: MarkerKind[];
}

export function timelineMarkers(sim: Simulation, opts: MarkerOptions = {}): Marker[] {
  const out: { ms: number; order: number; m: Marker }[] = [];
  const add = (ms: number, m: Omit<Marker, 'at'>) => out.push({ ms, order: out.length, m: { at: iso(ms)!, ...m } });
  for (const msg of sim.messages.messages) {
    if (msg.kind === 'create_dag_run') {
      add(msg.at, { kind: 'run_created', dag_id: msg.dag_id ?? null, run_id: msg.run_id ?? null, task_id: null, try_number: null, text: null });
    } else if (msg.kind === 'command' && msg.from === 'cli') {
      add(msg.at, { kind: 'command', dag_id: null, run_id: null, task_id: null, try_number: null, text: msg.text });
    }
  }
  const { db } = sim;
  for (const h of db.taskInstanceHistory) {
    if (h.state === 'failed' && h.end_date !== null) add(h.end_date, failed(h));
  }
  for (const run of db.dagRuns) {
    for (const ti of db.tisOf(run)) {
      if ((ti.state === 'failed' || ti.state === 'up_for_retry') && ti.end_date !== null) add(ti.end_date, failed(ti));
    }
    if (run.state === 'failed' && run.end_date !== null) {
      add(run.end_date, { kind: 'run_failed', dag_id: run.dag_id, run_id: run.run_id, task_id: null, try_number: null, text: null });
    }
  }
  const kinds = opts.kinds ? new Set(opts.kinds) : null;
  return out
    .filter(({ m }) => (!kinds || kinds.has(m.kind)) && (!opts.dag_id || m.dag_id === null || m.dag_id === opts.dag_id))
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map(({ m }) => m);
}

function failed(t: { dag_id: string; run_id: string; task_id: string; try_number: number }): Omit<Marker, 'at'> {
  return { kind: 'task_failed', dag_id: t.dag_id, run_id: t.run_id, task_id: t.task_id, try_number: t.try_number, text: null };
}
