// The trigger-rule dependency, ported from airflow/ti_deps/deps/trigger_rule_dep.py (2.10.3) and
// airflow-core/src/airflow/ti_deps/deps/trigger_rule_dep.py (3.x); the logic is the same for the
// rules both versions share (shared AIRFLOW.md §5). Mapped TIs (map_index >= 0) are not modelled:
// the simulator has no dynamic task mapping, so `removed` always counts as done-but-not-success.
import type { Profile, TriggerRule } from '../../dagfile/spec.ts';
import type { TIState } from './tiState.ts';

/** States of the *finished* direct upstream TIs (Airflow's _UpstreamTIStates) plus their number. */
export interface UpstreamCounts {
  success: number;
  failed: number;
  skipped: number;
  upstream_failed: number;
  removed: number;
  /** finished direct upstreams: success + failed + skipped + upstream_failed + removed */
  done: number;
  /** number of direct upstream tasks (Airflow's `upstream`) */
  total: number;
  /** direct upstreams that are setup tasks (`upstream_setup`), and how many of them succeeded / skipped */
  setup_total?: number;
  setup_success?: number;
  setup_skipped?: number;
}

/** Finished states of the *indirect* setups relevant to the TI (setups that are not direct upstreams). */
export interface IndirectSetupCounts {
  total: number;
  success: number;
  failed: number;
  skipped: number;
  upstream_failed: number;
  removed: number;
}

export interface TriggerRuleOptions {
  /** The scheduler evaluates with True: marks are written while other upstreams still run. Default true. */
  flag_upstream_failed?: boolean;
  /** The task's wait_for_past_depends_before_skipping. */
  wait_for_past_depends_before_skipping?: boolean;
  /** Whether depends_on_past was met for this TI (Airflow reads the PAST_DEPENDS_MET XCom). */
  past_depends_met?: boolean;
  /**
   * Set when the task has relevant setups (Airflow: `if relevant_setups`); the counts cover only those
   * that are not direct upstreams, so `total` may be 0. Ignored for teardown tasks.
   */
  indirect_setups?: IndirectSetupCounts | null;
  is_teardown?: boolean;
}

export type TriggerDecision =
  | { kind: 'pass'; reason: string }
  | { kind: 'wait'; reason: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'upstream_failed'; reason: string };

const SHARED_RULES: TriggerRule[] = [
  'all_success',
  'all_failed',
  'all_done',
  'all_done_setup_success',
  'one_success',
  'one_failed',
  'one_done',
  'none_failed',
  'none_failed_min_one_success',
  'none_skipped',
  'all_skipped',
  'always',
];

/**
 * The trigger_rule values a DAG file may use. 2.10 also accepts the deprecated `dummy` and
 * `none_failed_or_skipped` (airflow/utils/trigger_rule.py); 3.x removed them and added
 * `all_done_min_one_success` (3.1+).
 */
export function validTriggerRules(profile: Profile): TriggerRule[] {
  return profile === '2'
    ? [...SHARED_RULES, 'dummy', 'none_failed_or_skipped']
    : [...SHARED_RULES, 'all_done_min_one_success'];
}

/**
 * The error Airflow raises when a task is built with an invalid trigger rule (BaseOperator.__init__),
 * or null when the rule is valid. 2.10 raises AirflowException, 3.x ValueError, same text.
 */
export function triggerRuleError(rule: string, profile: Profile, dagId: string, taskId: string): string | null {
  const valid = validTriggerRules(profile);
  if ((valid as string[]).includes(rule)) return null;
  const all = `{${valid.map((r) => `'${r}'`).join(', ')}}`;
  const cls = profile === '2' ? 'AirflowException' : 'ValueError';
  return `${cls}: The trigger_rule must be one of ${all},'${dagId}.${taskId}'; received '${rule}'.`;
}

/** 2.10 BaseOperator.__init__ rewrites the deprecated aliases (with a RemovedInAirflow3Warning). */
export function normalizeTriggerRule(rule: TriggerRule, profile: Profile): TriggerRule {
  if (profile === '2' && rule === 'dummy') return 'always';
  if (profile === '2' && rule === 'none_failed_or_skipped') return 'none_failed_min_one_success';
  return rule;
}

/** Counts from the states of the direct upstream TIs (unfinished ones only count towards `total`). */
export function countUpstreams(states: readonly TIState[], isSetup: readonly boolean[] = []): UpstreamCounts {
  const c: Required<UpstreamCounts> = {
    success: 0,
    failed: 0,
    skipped: 0,
    upstream_failed: 0,
    removed: 0,
    done: 0,
    total: states.length,
    setup_total: 0,
    setup_success: 0,
    setup_skipped: 0,
  };
  states.forEach((s, i) => {
    const setup = isSetup[i] === true;
    if (setup) c.setup_total++;
    if (s === 'success' || s === 'failed' || s === 'skipped' || s === 'upstream_failed' || s === 'removed') {
      c[s]++;
      c.done++;
      if (setup && s === 'success') c.setup_success++;
      if (setup && s === 'skipped') c.setup_skipped++;
    }
  });
  return c;
}

/**
 * TriggerRuleDep._get_dep_statuses as the scheduler uses it: a task with no upstream passes, `always`
 * passes, otherwise the upstream states decide. Under profile 2 the deprecated aliases are mapped first.
 */
export function evaluateTriggerRule(
  rule: TriggerRule,
  counts: UpstreamCounts,
  profile: Profile,
  opts: TriggerRuleOptions = {},
): TriggerDecision {
  if (counts.total === 0) return { kind: 'pass', reason: 'The task has no upstream tasks, so its trigger rule is met.' };
  const r = normalizeTriggerRule(rule, profile);
  if (r === 'always') return { kind: 'pass', reason: 'Trigger rule always: the task runs whatever its upstream tasks do.' };
  if (!(validTriggerRules(profile) as string[]).includes(r)) {
    return { kind: 'wait', reason: `No strategy to evaluate trigger rule '${rule}'.` };
  }
  return evaluateUpstreamStates(r, counts, opts);
}

interface Mark {
  state: 'skip' | 'upstream_failed';
  reason: string;
}

/**
 * TriggerRuleDep._evaluate_trigger_rule: the setup constraint, then the direct upstreams. Exported so
 * tests can port Airflow's test cases, which call this method directly (bypassing the no-upstream and
 * `always` shortcuts of evaluateTriggerRule).
 */
export function evaluateUpstreamStates(
  rule: TriggerRule,
  counts: UpstreamCounts,
  opts: TriggerRuleOptions = {},
): TriggerDecision {
  const flag = opts.flag_upstream_failed ?? true;
  const waits: string[] = [];
  const setups = opts.is_teardown ? null : opts.indirect_setups;
  if (setups) {
    const mark = flag ? setupConstraintMark(setups) : null;
    const blocked = mark ? pastDependsBlock(mark, opts) : null;
    if (mark && !blocked) return { kind: mark.state, reason: mark.reason };
    if (blocked) waits.push(blocked);
    else if (setups.total - setups.success > 0) {
      waits.push(`waiting for its setup tasks: all ${setups.total} must succeed (${setups.success} succeeded so far)`);
    }
  }
  const mark = flag ? directMark(rule, counts) : null;
  if (mark) {
    const blocked = pastDependsBlock(mark, opts);
    if (blocked) return { kind: 'wait', reason: capitalize(blocked) };
    return { kind: mark.state, reason: mark.reason };
  }
  const failing = directWait(rule, counts);
  if (failing) waits.push(failing);
  if (waits.length > 0) return { kind: 'wait', reason: capitalize(waits.join('; ')) };
  return { kind: 'pass', reason: `Trigger rule ${rule} is met (${summary(counts)}).` };
}

function pastDependsBlock(mark: Mark, opts: TriggerRuleOptions): string | null {
  if (mark.state !== 'skip' || !opts.wait_for_past_depends_before_skipping || opts.past_depends_met) return null;
  return 'the task should be skipped, but waits because its depends_on_past is not met yet (wait_for_past_depends_before_skipping)';
}

function setupConstraintMark(s: IndirectSetupCounts): Mark | null {
  if (s.failed || s.upstream_failed) {
    return { state: 'upstream_failed', reason: 'A setup task this task depends on failed, so it is marked upstream_failed.' };
  }
  if (s.skipped) return { state: 'skip', reason: 'A setup task this task depends on was skipped, so it is skipped too.' };
  return null;
}

/** The `flag_upstream_failed` block: the state written before (or without) all upstreams finishing. */
function directMark(rule: TriggerRule, c: UpstreamCounts): Mark | null {
  const { success, failed, skipped, upstream_failed: uf, done, total } = c;
  const allDone = done >= total;
  const tag = `Trigger rule ${rule}`;
  const fail = (why: string): Mark => ({ state: 'upstream_failed', reason: `${tag}: ${why}, so the task is marked upstream_failed.` });
  const skip = (why: string): Mark => ({ state: 'skip', reason: `${tag}: ${why}, so the task is skipped.` });
  switch (rule) {
    case 'all_success':
      if (uf || failed) return fail(failedText(c));
      if (skipped) return skip(`${plural(skipped, 'upstream task was', 'upstream tasks were')} skipped`);
      return null;
    case 'all_failed':
      if (success || skipped) return skip(`${success + skipped} upstream task(s) succeeded or were skipped`);
      return null;
    case 'one_success':
      if (allDone && done === skipped) return skip('every upstream task was skipped');
      if (allDone && success <= 0) return fail('all upstream tasks finished and none succeeded');
      return null;
    case 'one_failed':
      if (allDone && !(failed || uf)) return skip('all upstream tasks finished and none failed');
      return null;
    case 'one_done':
      if (allDone && !(failed || success)) return skip('all upstream tasks finished and none succeeded or failed');
      return null;
    case 'none_failed':
      if (uf || failed) return fail(failedText(c));
      return null;
    case 'none_failed_min_one_success':
      if (uf || failed) return fail(failedText(c));
      if (skipped === total) return skip('every upstream task was skipped');
      return null;
    case 'none_skipped':
      if (skipped) return skip(`${plural(skipped, 'upstream task was', 'upstream tasks were')} skipped`);
      return null;
    case 'all_skipped':
      if (success || failed || uf) return skip(`${success + failed + uf} upstream task(s) did not skip`);
      return null;
    case 'all_done_min_one_success':
      // skipped upstreams do not count as "done" for this rule (3.1+)
      if (skipped > 0) return skip(`${plural(skipped, 'upstream task was', 'upstream tasks were')} skipped`);
      if (success + failed + uf + c.removed >= total - skipped && success === 0) {
        return fail('all upstream tasks finished and none succeeded');
      }
      return null;
    case 'all_done_setup_success': {
      const setups = c.setup_total ?? 0;
      if (allDone && setups && (c.setup_skipped ?? 0) >= setups) return skip('every upstream setup task was skipped');
      if (allDone && setups && (c.setup_success ?? 0) === 0) return fail('no upstream setup task succeeded');
      return null;
    }
    default:
      return null;
  }
}

/** The failing status of _evaluate_direct_relatives, in words; null when the rule is met. */
function directWait(rule: TriggerRule, c: UpstreamCounts): string | null {
  const { success, failed, skipped, upstream_failed: uf, done, total } = c;
  const st = summary(c);
  const n = plural(total, 'upstream task', 'upstream tasks');
  switch (rule) {
    case 'one_success':
      return success <= 0 ? `trigger rule one_success needs at least one upstream task to succeed; none has yet (${st})` : null;
    case 'one_failed':
      return !failed && !uf ? `trigger rule one_failed needs at least one upstream task to fail; none has yet (${st})` : null;
    case 'one_done':
      return success + failed <= 0
        ? `trigger rule one_done needs at least one upstream task to succeed or fail; none has yet (${st})`
        : null;
    case 'all_success':
      return total - success > 0 ? `trigger rule all_success needs all ${n} to succeed; ${st}` : null;
    case 'all_failed':
      return total - failed - uf > 0 ? `trigger rule all_failed needs all ${n} to fail; ${st}` : null;
    case 'all_done':
      return done < total ? `trigger rule all_done needs all ${n} to finish; ${st}` : null;
    case 'none_failed':
    case 'none_failed_min_one_success':
      return total - success - skipped > 0 ? `trigger rule ${rule} needs all ${n} to succeed or be skipped; ${st}` : null;
    case 'none_skipped':
      if (done < total || skipped > 0) return `trigger rule none_skipped needs all ${n} to finish without skipping; ${st}`;
      return null;
    case 'all_skipped':
      return total - skipped > 0 ? `trigger rule all_skipped needs all ${n} to be skipped; ${st}` : null;
    case 'all_done_setup_success': {
      if (done < total) return `trigger rule all_done_setup_success needs all ${n} to finish; ${st}`;
      const setups = c.setup_total ?? 0;
      if (setups && !c.setup_success) return 'trigger rule all_done_setup_success needs at least one upstream setup task to succeed';
      return null;
    }
    case 'all_done_min_one_success':
      if (skipped > 0) return `trigger rule all_done_min_one_success does not run when an upstream task is skipped; ${st}`;
      if (success + failed + uf + c.removed < total - skipped) return `trigger rule all_done_min_one_success needs all ${n} to finish; ${st}`;
      if (success === 0) return `trigger rule all_done_min_one_success needs at least one upstream task to succeed; ${st}`;
      return null;
    default:
      return `No strategy to evaluate trigger rule '${rule}'.`;
  }
}

function failedText(c: UpstreamCounts): string {
  const parts: string[] = [];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.upstream_failed) parts.push(`${c.upstream_failed} upstream_failed`);
  return `an upstream task did not succeed (${parts.join(', ')})`;
}

/** "1 of 3 done: 1 success" — finished counts, non-zero states only. */
function summary(c: UpstreamCounts): string {
  const parts = (['success', 'failed', 'skipped', 'upstream_failed', 'removed'] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${k}`);
  return `${c.done} of ${c.total} done${parts.length ? ': ' + parts.join(', ') : ''}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
