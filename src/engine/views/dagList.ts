// The DAGs page: every DAG the DAG processor has written to the `dag` table, its schedule in
// words, its next run as DagModel.next_dagrun* say, its latest runs, and the import errors per
// file (Airflow 2.10 www/views.py Airflow.index; 3.x routes/ui/dags.py + public/import_error.py).
import { activeRunCount } from '../scheduler/dagRuns.ts';
import { describeTimetable } from '../timetables/describe.ts';
import type { DagRow, DagRunRow } from '../metastore/rows.ts';
import type { Simulation } from '../simulation.ts';
import { iso, orderedRuns, type Iso, type Lang } from './common.ts';

export interface DagListOptions {
  /** how many of the latest runs to give per DAG (default 5) */
  recent?: number;
}

export interface NextRun {
  /** DagModel.next_dagrun: the logical date of the next automated run */
  logical_date: Iso;
  data_interval_start: Iso;
  data_interval_end: Iso;
  /** DagModel.next_dagrun_create_after: when the scheduler may create it (3.x: the run's run_after) */
  create_after: Iso;
}

export type NextRunBlock = 'not_loaded' | 'paused' | 'max_active_runs' | 'no_more_runs' | 'manual_only';

export interface DagListItem {
  dag_id: string;
  file: string;
  is_paused: boolean;
  /** false once the DAG left its file or its file stopped loading (3.x shows it as stale) */
  is_active: boolean;
  has_import_errors: boolean;
  /** the DAG processor has it loaded now: the scheduler can schedule it */
  loaded: boolean;
  description: string | null;
  owners: string;
  tags: string[];
  schedule: {
    /** as written in the file: "@daily", "timedelta(hours=1)", "None" */
    text: string | null;
    /** in words, in the asked language ("every day at 00:00 (UTC)") */
    words: string;
    /** the timetable class Airflow picked under this profile */
    timetable: string;
    /** Timetable.summary, as Airflow's UI shows it */
    summary: string;
  };
  catchup: boolean | null;
  max_active_runs: number;
  max_active_tasks: number;
  /** runs the scheduler counts against max_active_runs (queued + running; 3.x: not backfill runs) */
  active_runs: number;
  next_run: NextRun | null;
  /** why no next run will be created now, or null when one is due at next_run.create_after */
  next_run_blocked: { code: NextRunBlock; text: string } | null;
  /** the latest runs, oldest first */
  recent_runs: { run_id: string; state: DagRunRow['state']; run_type: DagRunRow['run_type']; logical_date: Iso; run_after: Iso }[];
  run_counts: Record<DagRunRow['state'], number>;
}

export interface ImportErrorItem {
  file: string;
  line: number;
  column: number;
  message: string;
  timestamp: Iso;
}

export interface DagListView {
  clock: string;
  profile: '2' | '3';
  dags: DagListItem[];
  import_errors: ImportErrorItem[];
}

export function dagList(sim: Simulation, lang: Lang = 'en', opts: DagListOptions = {}): DagListView {
  const recent = Math.max(0, opts.recent ?? 5);
  const dags = [...sim.db.dags.values()].sort((a, b) => (a.dag_id < b.dag_id ? -1 : a.dag_id > b.dag_id ? 1 : 0));
  return {
    clock: iso(sim.now)!,
    profile: sim.profile,
    dags: dags.map((row) => dagItem(sim, row, lang, recent)),
    import_errors: [...sim.db.importErrors]
      .sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : a.id - b.id))
      .map((e) => ({ file: e.filename, line: e.line, column: e.column, message: e.message, timestamp: iso(e.timestamp) })),
  };
}

function dagItem(sim: Simulation, row: DagRow, lang: Lang, recent: number): DagListItem {
  const dag = sim.loaded.get(row.dag_id);
  const runs = orderedRuns(sim, row.dag_id);
  const counts: Record<DagRunRow['state'], number> = { queued: 0, running: 0, success: 0, failed: 0 };
  for (const r of runs) counts[r.state]++;
  const next: NextRun | null =
    row.next_dagrun === null
      ? null
      : {
          logical_date: iso(row.next_dagrun),
          data_interval_start: iso(row.next_dagrun_data_interval_start),
          data_interval_end: iso(row.next_dagrun_data_interval_end),
          create_after: iso(row.next_dagrun_create_after),
        };
  return {
    dag_id: row.dag_id,
    file: row.fileloc,
    is_paused: row.is_paused,
    is_active: row.is_active,
    has_import_errors: row.has_import_errors,
    loaded: !!dag,
    description: dag?.spec.description ?? null,
    owners: row.owners,
    tags: [...row.tags],
    schedule: {
      text: dag?.spec.schedule_text ?? null,
      words: dag ? describeTimetable(dag.timetable, lang) : row.timetable_summary,
      timetable: row.timetable,
      summary: row.timetable_summary,
    },
    catchup: dag?.catchup ?? null,
    max_active_runs: row.max_active_runs,
    max_active_tasks: row.max_active_tasks,
    active_runs: activeRunCount(sim.db, row.dag_id, sim.profile),
    next_run: next,
    next_run_blocked: nextRunBlock(sim, row, lang),
    recent_runs: runs.slice(Math.max(0, runs.length - recent)).map((r) => ({
      run_id: r.run_id,
      state: r.state,
      run_type: r.run_type,
      logical_date: iso(r.logical_date),
      run_after: iso(r.run_after),
    })),
    run_counts: counts,
  };
}

/** Why the scheduler will not create the next run (scheduler_job_runner.py _create_dagruns_for_dags
 *  reads only unpaused, active DAGs with next_dagrun_create_after <= now; dag.py
 *  calculate_dagrun_date_fields leaves create_after empty while max_active_runs runs are active). */
function nextRunBlock(sim: Simulation, row: DagRow, lang: Lang): { code: NextRunBlock; text: string } | null {
  const dag = sim.loaded.get(row.dag_id);
  const ko = lang === 'ko';
  if (!dag || !row.is_active) {
    return { code: 'not_loaded', text: ko ? 'DAG 파일이 지금 로드되지 않아 스케줄러가 이 DAG를 보지 못합니다.' : 'The DAG is not loaded from its file now, so the scheduler does not see it.' };
  }
  if (!dag.timetable.can_be_scheduled) {
    return { code: 'manual_only', text: ko ? 'schedule=None: 수동 실행(trigger)으로만 run이 생깁니다.' : 'schedule=None: runs are only created when triggered.' };
  }
  if (row.is_paused) {
    return { code: 'paused', text: ko ? 'DAG가 일시 정지(paused) 상태라 스케줄러가 새 run을 만들지 않습니다.' : 'The DAG is paused: the scheduler creates no runs for it.' };
  }
  if (row.next_dagrun === null) {
    return { code: 'no_more_runs', text: ko ? '타임테이블에 더 이상 실행할 구간이 없습니다 (end_date가 지났거나 @once가 이미 실행됨).' : 'The timetable has no further run (its end_date has passed, or @once already ran).' };
  }
  if (row.next_dagrun_create_after === null) {
    const n = activeRunCount(sim.db, row.dag_id, sim.profile);
    const max = Math.min(row.max_active_runs, dag.timetable.active_runs_limit ?? Infinity);
    return {
      code: 'max_active_runs',
      text: ko
        ? `활성 run ${n}개가 max_active_runs(${max})에 도달해 다음 run은 하나가 끝날 때까지 만들어지지 않습니다.`
        : `${n} active run(s) reached max_active_runs (${max}): the next run is created when one finishes.`,
    };
  }
  return null;
}
