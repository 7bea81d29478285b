// The words for "why is this task not running?": one constructor per reason, in English and
// Korean, with Airflow's own reason text where Airflow has one (what its UI's "Dependencies
// Blocking Task From Getting Scheduled" / the 3.x dependencies endpoint prints) and the Airflow
// file the rule lives in. Which reasons apply is decided in why.ts, by the engine's rules.
import type { UpstreamCounts } from '../rules/triggerRule.ts';
import type { WaitReason } from '../scheduler/queueing.ts';
import { pyIso } from '../time.ts';
import { iso, type Iso, type Lang } from './common.ts';

export type BlockerCode =
  | 'dag_not_loaded'
  | 'dag_paused'
  | 'backfill_job_only'
  | 'backfill_job_pass'
  | 'backfill_paused'
  | 'run_not_due'
  | 'run_max_active_runs'
  | 'run_queued'
  | 'run_finished'
  | 'task_removed'
  | 'trigger_rule'
  | 'will_be_marked'
  | 'depends_on_past'
  | 'retry_wait'
  | 'reschedule_wait'
  | WaitReason['limit']
  | 'executor_queue'
  | 'restarting'
  | 'deferred'
  | 'next_loop';

export type Param = string | number | boolean | null;

export interface Blocker {
  code: BlockerCode;
  /** the Airflow dependency that reports it (BaseTIDep.NAME), or null where the scheduler decides alone */
  dep: string | null;
  /** the reason in plain words, in the asked language */
  text: string;
  /** Airflow's own reason text (English, as Airflow prints it), where Airflow has one */
  airflow: string | null;
  /** where the rule lives in Airflow */
  source: string;
  /** when it passes by itself (retry delay, reschedule), else null */
  until: Iso;
  params: Record<string, Param>;
}

const DEPS = 'ti_deps/deps/';
const SCHED = 'jobs/scheduler_job_runner.py';

function b(code: BlockerCode, dep: string | null, text: string, airflow: string | null, source: string, params: Record<string, Param> = {}, until: number | null = null): Blocker {
  return { code, dep, text, airflow, source, until: iso(until), params };
}

const pick = (lang: Lang, en: string, ko: string) => (lang === 'ko' ? ko : en);
const when = (ms: number) => iso(ms)!.replace('T', ' ').replace('Z', ' UTC');

export function dagNotLoaded(lang: Lang, dag_id: string, file: string, error: string | null): Blocker {
  const en = `DAG ${dag_id} is not loaded: ${error ? `its file ${file} has an import error (${error})` : `${file} no longer defines it`}. The scheduler only schedules DAGs the DAG processor loaded.`;
  const ko = `DAG ${dag_id}가 로드되지 않았습니다: ${error ? `파일 ${file}에 import 오류가 있습니다 (${error})` : `${file}에 더 이상 정의되어 있지 않습니다`}. 스케줄러는 DAG 프로세서가 읽어 들인 DAG만 스케줄합니다.`;
  return b('dag_not_loaded', null, pick(lang, en, ko), null, 'dag_processing/processor.py, models/dagbag.py', { dag_id, file, error });
}

export function dagPaused(lang: Lang, dag_id: string): Blocker {
  return b(
    'dag_paused',
    'Dag Not Paused',
    pick(lang, `DAG ${dag_id} is paused: the scheduler neither starts its runs nor queues its tasks. Unpause it (airflow dags unpause ${dag_id}).`, `DAG ${dag_id}가 일시 정지(paused) 상태입니다: 스케줄러가 run을 시작하지도, 태스크를 큐에 넣지도 않습니다. airflow dags unpause ${dag_id} 로 재개하세요.`),
    `Task's DAG '${dag_id}' is paused.`,
    `${DEPS}dag_unpaused_dep.py`,
    { dag_id },
  );
}

export function backfillJobOnly(lang: Lang): Blocker {
  return b(
    'backfill_job_only',
    null,
    pick(lang, 'This is a backfill run and no `airflow dags backfill` job is running it. In Airflow 2.10 the scheduler never schedules backfill runs: only the backfill job that created them does.', '백필 run인데 이를 실행하는 `airflow dags backfill` 작업이 없습니다. Airflow 2.10의 스케줄러는 백필 run을 스케줄하지 않고, 그 run을 만든 백필 작업만 실행합니다.'),
    null,
    'models/dagrun.py (DagRun.get_running_dag_runs_to_examine: run_type != BACKFILL_JOB)',
  );
}

export function backfillJobPass(lang: Lang): Blocker {
  return b(
    'backfill_job_pass',
    null,
    pick(lang, 'The `airflow dags backfill` job runs its dates in passes of max_active_runs runs; this run waits for a later pass.', '`airflow dags backfill` 작업은 max_active_runs개씩 묶어 날짜를 실행합니다; 이 run은 다음 묶음을 기다립니다.'),
    null,
    'jobs/backfill_job_runner.py (_execute_dagruns)',
  );
}

export function backfillPaused(lang: Lang, backfill_id: number): Blocker {
  return b(
    'backfill_paused',
    null,
    pick(lang, `Backfill ${backfill_id} is paused: its queued runs are not started.`, `백필 ${backfill_id}이(가) 일시 정지되어 대기 중인 run이 시작되지 않습니다.`),
    null,
    `${SCHED} (_start_queued_dagruns)`,
    { backfill_id },
  );
}

const notRunning = (state: string) => `Task instance's dagrun was not in the 'running' state but in the state '${state}'.`;

export function runNotDue(lang: Lang, run_after: number): Blocker {
  return b(
    'run_not_due',
    'Dagrun Running',
    pick(lang, `The run is not due yet: it may start at its run_after, ${when(run_after)}.`, `run이 아직 실행될 시각이 아닙니다: run_after인 ${when(run_after)}부터 시작할 수 있습니다.`),
    notRunning('queued'),
    'models/dagrun.py (get_queued_dag_runs_to_set_running: run_after <= now)',
    { run_after: iso(run_after) },
  );
}

export function runMaxActiveRuns(lang: Lang, running: number, limit: number, backfill_id: number | null): Blocker {
  const whose = backfill_id === null ? 'max_active_runs' : `backfill ${backfill_id}'s max_active_runs`;
  const whoseKo = backfill_id === null ? 'max_active_runs' : `백필 ${backfill_id}의 max_active_runs`;
  return b(
    'run_max_active_runs',
    'Dagrun Running',
    pick(lang, `The run is queued behind ${whose} (${limit}): ${running} run(s) are running. It starts when one of them finishes.`, `run이 ${whoseKo}(${limit}) 때문에 대기 중입니다: 이미 ${running}개의 run이 실행 중이며, 그중 하나가 끝나면 시작됩니다.`),
    notRunning('queued'),
    `${SCHED} (_start_queued_dagruns), models/dagrun.py (get_queued_dag_runs_to_set_running)`,
    { running, limit, backfill_id },
  );
}

export function runQueued(lang: Lang): Blocker {
  return b(
    'run_queued',
    'Dagrun Running',
    pick(lang, 'The run is queued; the scheduler starts it in its next loop.', 'run이 대기(queued) 중이며, 스케줄러가 다음 루프에서 시작합니다.'),
    notRunning('queued'),
    `${SCHED} (_start_queued_dagruns)`,
  );
}

export function runFinished(lang: Lang, state: string): Blocker {
  return b(
    'run_finished',
    'Dagrun Running',
    pick(lang, `The run is ${state}: the scheduler only schedules tasks of running runs. Clear the task to run it again.`, `run이 ${state} 상태입니다: 스케줄러는 실행 중인 run의 태스크만 스케줄합니다. 다시 실행하려면 태스크를 clear 하세요.`),
    notRunning(state),
    `${DEPS}dagrun_exists_dep.py`,
    { state },
  );
}

export function taskRemoved(lang: Lang, task_id: string): Blocker {
  return b(
    'task_removed',
    null,
    pick(lang, `The DAG no longer has a task ${task_id}; the scheduler marks this task instance removed.`, `DAG에 더 이상 ${task_id} 태스크가 없어 스케줄러가 이 태스크 인스턴스를 removed로 표시합니다.`),
    null,
    'models/dagrun.py (verify_integrity / task_instance_scheduling_decisions)',
    { task_id },
  );
}

export interface UpstreamState {
  task_id: string;
  state: string | null;
}

export function triggerRule(lang: Lang, rule: string, c: UpstreamCounts, upstream: UpstreamState[], engineReason: string): Blocker {
  const counts = `${c.done}/${c.total}`;
  const ko = `트리거 규칙 ${rule}이(가) 아직 충족되지 않았습니다: 직접 업스트림 ${c.total}개 중 ${c.done}개 끝남 (success ${c.success}, failed ${c.failed}, skipped ${c.skipped}, upstream_failed ${c.upstream_failed}).`;
  return b('trigger_rule', 'Trigger Rule', pick(lang, engineReason, ko), null, `${DEPS}trigger_rule_dep.py`, {
    rule,
    done: c.done,
    total: c.total,
    success: c.success,
    failed: c.failed,
    skipped: c.skipped,
    upstream_failed: c.upstream_failed,
    removed: c.removed,
    counts,
    upstream: upstream.map((u) => `${u.task_id}=${u.state ?? 'none'}`).join(', '),
  });
}

export function willBeMarked(lang: Lang, state: string, engineReason: string): Blocker {
  return b(
    'will_be_marked',
    'Trigger Rule',
    pick(lang, `${engineReason} The scheduler writes it in its next loop.`, `트리거 규칙에 따라 스케줄러가 다음 루프에서 이 태스크를 ${state}로 표시합니다.`),
    null,
    `${DEPS}trigger_rule_dep.py`,
    { state },
  );
}

export function dependsOnPast(lang: Lang, engineReason: string): Blocker {
  return b(
    'depends_on_past',
    'Previous Dagrun State',
    pick(lang, engineReason, `depends_on_past: 이전 run의 같은 태스크가 success(또는 skipped)로 끝나야 실행됩니다. (${engineReason})`),
    engineReason,
    `${DEPS}prev_dagrun_dep.py`,
  );
}

export function retryWait(lang: Lang, now: number, until: number, try_number: number, max_tries: number): Blocker {
  return b(
    'retry_wait',
    'Not In Retry Period',
    pick(lang, `Try ${try_number} failed; the task is up for retry and waits for its retry delay until ${when(until)} (try ${try_number + 1} of ${max_tries + 1} comes next).`, `${try_number}번째 시도가 실패해 재시도(up_for_retry)를 기다립니다: retry_delay가 지나는 ${when(until)}까지 대기합니다 (다음은 ${max_tries + 1}번 중 ${try_number + 1}번째 시도).`),
    `Task is not ready for retry yet but will be retried automatically. Current date is ${pyIso(now)} and task will be retried at ${pyIso(until)}.`,
    `${DEPS}not_in_retry_period_dep.py`,
    { try_number, max_tries },
    until,
  );
}

export function rescheduleWait(lang: Lang, now: number, until: number): Blocker {
  return b(
    'reschedule_wait',
    'Ready To Reschedule',
    pick(lang, `The sensor (mode="reschedule") gave its worker slot back and pokes again at ${when(until)}.`, `센서(mode="reschedule")가 워커 슬롯을 반납했고 ${when(until)}에 다시 확인(poke)합니다.`),
    `Task is not ready for reschedule yet but will be rescheduled automatically. Current date is ${pyIso(now)} and task will be rescheduled at ${pyIso(until)}.`,
    `${DEPS}ready_to_reschedule.py`,
    {},
    until,
  );
}

/** The scheduler's critical section kept a scheduled TI from being queued. */
export function queueLimit(lang: Lang, w: WaitReason, dag_id: string, task_id: string, profile: '2' | '3', active: number): Blocker {
  const dagWord = profile === '2' ? 'DAG' : 'Dag';
  switch (w.limit) {
    case 'parallelism':
      return b(
        'parallelism',
        null,
        pick(lang, `[core] parallelism (${w.parallelism}) is reached: ${active} task instances are queued or running in the whole cluster. It is queued when one finishes.`, `[core] parallelism(${w.parallelism})에 도달했습니다: 클러스터 전체에서 ${active}개의 태스크가 queued 또는 running입니다. 하나가 끝나면 큐에 들어갑니다.`),
        null,
        `${SCHED} (_executable_task_instances_to_queued: executor slots_available)`,
        { parallelism: w.parallelism, active },
      );
    case 'pool_missing':
      return b('pool_missing', 'Pool Slots Available', pick(lang, `Pool '${w.pool}' does not exist: create it (airflow pools set ${w.pool} <slots> <description>).`, `풀 '${w.pool}'이(가) 없습니다: airflow pools set ${w.pool} <slots> <description> 으로 만드세요.`), `Tasks using non-existent pool '${w.pool}' will not be scheduled`, `${DEPS}pool_slots_available_dep.py`, { pool: w.pool });
    case 'pool_full':
      return b(
        'pool_full',
        'Pool Slots Available',
        pick(lang, `Pool '${w.pool}' is full: ${w.open} of its ${w.slots} slots are open and the task needs ${w.needed}.`, `풀 '${w.pool}'이(가) 가득 찼습니다: 슬롯 ${w.slots}개 중 ${w.open}개가 비어 있는데 이 태스크는 ${w.needed}개가 필요합니다.`),
        `Not scheduling since there are ${w.open} open slots in pool ${w.pool} and require ${w.needed} pool slots`,
        `${DEPS}pool_slots_available_dep.py`,
        { pool: w.pool, slots: w.slots, open: w.open, needed: w.needed },
      );
    case 'max_active_tasks':
      return b(
        'max_active_tasks',
        'Task Instance Slots Available',
        pick(lang, `max_active_tasks (${w.max}) of DAG ${dag_id} is reached: that many of its tasks are queued or running.`, `DAG ${dag_id}의 max_active_tasks(${w.max})에 도달했습니다: 이미 그만큼의 태스크가 queued 또는 running입니다.`),
        `The maximum number of running tasks (${w.max}) for this task's ${dagWord} '${dag_id}' has been reached.`,
        `${DEPS}dag_ti_slots_available_dep.py`,
        { max: w.max },
      );
    case 'max_active_tis_per_dag':
      return b('max_active_tis_per_dag', 'Task Concurrency', pick(lang, `max_active_tis_per_dag (${w.max}) of task ${task_id} is reached across all runs.`, `태스크 ${task_id}의 max_active_tis_per_dag(${w.max})에 도달했습니다 (모든 run 합계).`), 'The max task concurrency has been reached.', `${DEPS}task_concurrency_dep.py`, { max: w.max });
    case 'max_active_tis_per_dagrun':
      return b('max_active_tis_per_dagrun', 'Task Concurrency', pick(lang, `max_active_tis_per_dagrun (${w.max}) of task ${task_id} is reached in this run.`, `태스크 ${task_id}의 max_active_tis_per_dagrun(${w.max})에 이 run 안에서 도달했습니다.`), 'The max task concurrency per run has been reached.', `${DEPS}task_concurrency_dep.py`, { max: w.max });
  }
}

export interface SlotUse {
  /** 'executor' (Local/Sequential) or 'broker' (Celery) */
  queue: string;
  /** 1-based place in the queue; null when the TI is not in it (handed over, about to start) */
  position: number | null;
  waiting: number;
  used: number;
  /** null: unlimited */
  total: number | null;
  workers: number;
}

export function executorQueue(lang: Lang, s: SlotUse): Blocker {
  const total = s.total === null ? 'unlimited' : String(s.total);
  const place = s.position === null ? '' : ` (${s.position} of ${s.waiting})`;
  const placeKo = s.position === null ? '' : `(${s.waiting}개 중 ${s.position}번째)`;
  const en =
    s.queue === 'broker'
      ? `Queued: the task is in the Celery broker's queue${place} and waits for a free worker slot; ${s.workers} worker(s) use ${s.used} of ${total} slots.`
      : `Queued: the task waits in the executor's queue${place} for a free slot; ${s.used} of ${total} slots are in use.`;
  const ko =
    s.queue === 'broker'
      ? `queued: 태스크가 Celery 브로커 큐${placeKo}에서 빈 워커 슬롯을 기다립니다; 워커 ${s.workers}대가 슬롯 ${total}개 중 ${s.used}개를 쓰고 있습니다.`
      : `queued: 태스크가 executor 큐${placeKo}에서 빈 슬롯을 기다립니다; 슬롯 ${total}개 중 ${s.used}개가 사용 중입니다.`;
  return b('executor_queue', null, pick(lang, en, ko), null, s.queue === 'broker' ? 'providers/celery/executors/celery_executor.py' : 'executors/local_executor.py', { ...s });
}

export function restarting(lang: Lang, deadHost: string | null = null, profile: '2' | '3' = '3'): Blocker {
  if (deadHost && profile === '3') {
    // 3.x: the heartbeat check takes RUNNING and RESTARTING tasks (_find_task_instances_without_heartbeats)
    return b('restarting', null, pick(lang, `The task was cleared while its worker ${deadHost} was down: no process is left to stop. The scheduler fails it once its heartbeat is more than 300 s old, and it is retried.`, `워커 ${deadHost}가 멈춘 동안 clear 되어 종료할 프로세스가 없습니다. 하트비트가 300초 넘게 끊기면 스케줄러가 실패로 처리하고 다시 시도합니다.`), null, 'jobs/scheduler_job_runner.py (_find_task_instances_without_heartbeats)', { host: deadHost });
  }
  if (deadHost) {
    // 2.10: _find_zombies takes RUNNING tasks only, so nothing moves a RESTARTING one on
    return b('restarting', null, pick(lang, `The task was cleared while its worker ${deadHost} was down: no process is left to stop, and Airflow 2.10's zombie check only looks at running tasks, so it stays restarting. Clear it again (airflow tasks clear) to schedule it.`, `워커 ${deadHost}가 멈춘 동안 clear 되어 종료할 프로세스가 없습니다. Airflow 2.10의 좀비 검사는 running 태스크만 보므로 restarting에 머뭅니다. 다시 clear(airflow tasks clear)하면 스케줄됩니다.`), null, 'jobs/scheduler_job_runner.py (_find_zombies)', { host: deadHost });
  }
  return b('restarting', null, pick(lang, 'The task was cleared while it ran: its process is being stopped, and it will be retried.', '실행 중에 clear 되어 프로세스를 종료하는 중이며, 다시 시도됩니다.'), null, 'models/taskinstance.py (clear_task_instances)');
}

export function deferred(lang: Lang): Blocker {
  return b('deferred', null, pick(lang, 'The task is deferred: it waits for its trigger in the triggerer.', '태스크가 deferred 상태로 triggerer에서 트리거를 기다립니다.'), null, 'models/trigger.py');
}

export function nextLoop(lang: Lang, state: string | null): Blocker {
  const en =
    state === 'scheduled'
      ? 'All dependencies are met: the scheduler queues it in its next loop.'
      : 'All dependencies are met: the scheduler sets it to scheduled in its next loop.';
  const ko = state === 'scheduled' ? '모든 의존성이 충족되었습니다: 스케줄러가 다음 루프에서 큐에 넣습니다.' : '모든 의존성이 충족되었습니다: 스케줄러가 다음 루프에서 scheduled로 바꿉니다.';
  return b(
    'next_loop',
    null,
    pick(lang, en, ko),
    'All dependencies are met but the task instance is not running. In most cases this just means that the task will probably be scheduled soon unless: - The scheduler is down or under heavy load',
    'www/views.py (Airflow.task, 2.10)',
  );
}
