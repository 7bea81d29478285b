// The state setters Airflow's models use when a user changes state, with their side
// effects on dates: DagRun.set_state (airflow/models/dagrun.py, same in 3.x) and
// TaskInstance.set_state (airflow/models/taskinstance.py).
import type { EngineContext } from '../context.ts';
import type { DagRunRow, DagRunState, TaskInstanceRow, TIState } from '../metastore/rows.ts';
import { FINISHED } from '../metastore/rows.ts';

const FINISHED_RUN: ReadonlySet<DagRunState> = new Set<DagRunState>(['success', 'failed']);

/** DagRun.set_state: queued resets start/end and stamps queued_at; finishing stamps end_date. */
export function setDagRunState(ctx: EngineContext, run: DagRunRow, state: DagRunState): void {
  const now = ctx.now;
  if (run.state !== state) {
    if (state === 'queued') {
      run.queued_at = now;
      run.start_date = null;
      run.end_date = null;
    }
    if (state === 'running') {
      run.start_date = FINISHED_RUN.has(run.state) ? now : (run.start_date ?? now);
      run.end_date = null;
    }
    if (!FINISHED_RUN.has(run.state) && FINISHED_RUN.has(state)) run.end_date = now;
    ctx.db.setRunState(run, state);
  } else if (state === 'queued') {
    run.queued_at = now;
  }
}

/** TaskInstance.set_state: start_date defaults to now; finishing (or up_for_retry) sets end_date and duration. */
export function setTaskInstanceState(ctx: EngineContext, ti: TaskInstanceRow, state: TIState): boolean {
  if (ti.state === state) return false;
  const now = ctx.now;
  ctx.db.setTIState(ti, state);
  ti.start_date = ti.start_date ?? now;
  if (FINISHED.has(state) || state === 'up_for_retry') {
    ti.end_date = ti.end_date ?? now;
    ti.duration = (ti.end_date - ti.start_date) / 1000;
  }
  return true;
}
