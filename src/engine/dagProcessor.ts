// The DAG processor: reads the DAG files, records import errors, and writes
// each DAG to the metastore (DagModel + the serialized DAG the scheduler uses).
// Airflow: dag_processing/processor.py, models/dagbag.py, 2.10 DAG.bulk_write_to_db,
// 3.x dag_processing/collection.py.
//
// Airflow re-parses every file every [scheduler] min_file_process_interval (30 s).
// Parsing an unchanged file gives the same DAGs, so the simulator parses only when
// a file changes; what a periodic parse would also do, recompute DagModel.next_dagrun
// from the clock, happens lazily "as of the latest parse tick" (see parseTick).
import { parseDagFile } from '../dagfile/index.ts';
import type { Profile, TaskSpec } from '../dagfile/spec.ts';
import { cfgBool, cfgNum, defaultTimezone, type Config } from './config.ts';
import type { LoadedDag } from './context.ts';
import type { Metastore } from './metastore/metastore.ts';
import { priorityWeights } from './rules/priority.ts';
import { makeTimetable, resolveCatchup, timeRestriction } from './timetables/factory.ts';

export interface ParseReport {
  filename: string;
  dag_ids: string[];
  errors: number;
}

export class DagProcessor {
  /** dag_id -> file that defines it */
  private readonly owner = new Map<string, string>();

  constructor(
    private readonly profile: Profile,
    private readonly config: Config,
    private readonly db: Metastore,
    private readonly loaded: Map<string, LoadedDag>,
    private readonly start: number,
  ) {}

  /** The instant of the latest periodic parse at or before `t`. */
  parseTick(t: number): number {
    const every = Math.max(1, cfgNum(this.config, 'scheduler.min_file_process_interval')) * 1000;
    return this.start + Math.floor((t - this.start) / every) * every;
  }

  parseFile(filename: string, source: string | null, now: number): ParseReport {
    const parsed =
      source === null
        ? { dags: [], errors: [], warnings: [] }
        : parseDagFile(filename, source, {
            profile: this.profile,
            // datetime.now() / days_ago() in a DAG file read the virtual clock: parsing stays deterministic
            now_ms: now,
            default_timezone: defaultTimezone(this.config),
            default_task_retries: cfgNum(this.config, 'core.default_task_retries'),
            default_task_retry_delay_s: cfgNum(this.config, 'core.default_task_retry_delay'),
            default_task_weight_rule: String(this.config['core.default_task_weight_rule']) as TaskSpec['weight_rule'],
          });
    const errors = [...parsed.errors];
    const seen: string[] = [];
    for (const spec of parsed.dags) {
      const other = this.owner.get(spec.dag_id);
      if (other && other !== filename) {
        // DagBag.bag_dag: AirflowDagDuplicatedIdException
        errors.push({
          filename,
          line: spec.line,
          column: 1,
          message: `AirflowDagDuplicatedIdException: Ignoring DAG ${spec.dag_id} from ${filename} - also found in ${other}`,
        });
        continue;
      }
      try {
        const timetable = makeTimetable(spec, this.profile, this.config);
        const catchup = resolveCatchup(spec, this.config);
        this.loaded.set(spec.dag_id, {
          spec,
          timetable,
          catchup,
          restriction: timeRestriction(spec, catchup),
          priorities: priorityWeights(spec.tasks, this.profile),
          tasks: new Map(spec.tasks.map((t) => [t.task_id, t])),
          downstream: downstreamOf(spec.tasks),
        });
      } catch (e) {
        errors.push({ filename, line: spec.line, column: 1, message: (e as Error).message });
        continue;
      }
      this.owner.set(spec.dag_id, filename);
      seen.push(spec.dag_id);
      this.writeDagModel(spec.dag_id, filename, now);
    }
    // DAGs this file no longer defines (or that no longer load) stop being scheduled.
    for (const [dag_id, file] of this.owner) {
      if (file !== filename || seen.includes(dag_id)) continue;
      this.owner.delete(dag_id);
      this.loaded.delete(dag_id);
      const row = this.db.dags.get(dag_id);
      if (row) row.is_active = false;
    }
    this.db.setImportErrors(
      filename,
      errors.map((e) => ({ filename: e.filename, timestamp: now, line: e.line, column: e.column, message: e.message })),
    );
    for (const row of this.db.dags.values()) {
      if (row.fileloc === filename) row.has_import_errors = errors.length > 0;
    }
    return { filename, dag_ids: seen, errors: errors.length };
  }

  private writeDagModel(dag_id: string, filename: string, now: number): void {
    const dag = this.loaded.get(dag_id)!;
    const spec = dag.spec;
    const existing = this.db.dags.get(dag_id);
    const row = existing ?? {
      dag_id,
      fileloc: filename,
      // DagModel.is_paused at creation: is_paused_upon_creation, else [core] dags_are_paused_at_creation
      is_paused: spec.is_paused_upon_creation ?? cfgBool(this.config, 'core.dags_are_paused_at_creation'),
      is_active: true,
      has_import_errors: false,
      timetable: '',
      timetable_summary: '',
      max_active_runs: 0,
      max_active_tasks: 0,
      next_dagrun: null,
      next_dagrun_data_interval_start: null,
      next_dagrun_data_interval_end: null,
      next_dagrun_create_after: null,
      last_parsed_time: null,
      tags: [],
      owners: 'airflow',
    };
    row.fileloc = filename;
    row.is_active = true;
    row.timetable = dag.timetable.name;
    row.timetable_summary = dag.timetable.summary;
    row.max_active_runs = spec.max_active_runs ?? cfgNum(this.config, 'core.max_active_runs_per_dag');
    row.max_active_tasks = spec.max_active_tasks ?? cfgNum(this.config, 'core.max_active_tasks_per_dag');
    row.last_parsed_time = now;
    row.tags = [...spec.tags];
    if (!existing) this.db.dags.set(dag_id, row);
  }
}

function downstreamOf(tasks: TaskSpec[]): Map<string, string[]> {
  const down = new Map<string, string[]>(tasks.map((t) => [t.task_id, []]));
  for (const t of tasks) for (const up of t.upstream_task_ids) down.get(up)?.push(t.task_id);
  return down;
}
