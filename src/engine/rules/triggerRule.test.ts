import { describe, expect, it } from 'vitest';
import type { TriggerRule } from '../../dagfile/spec.ts';
import {
  countUpstreams,
  evaluateTriggerRule,
  evaluateUpstreamStates,
  normalizeTriggerRule,
  triggerRuleError,
  validTriggerRules,
  type IndirectSetupCounts,
  type TriggerRuleOptions,
  type UpstreamCounts,
} from './triggerRule.ts';

type Kind = 'pass' | 'wait' | 'skip' | 'upstream_failed';

interface Case {
  /** the Airflow test (and pytest id) the values come from */
  test: string;
  rule: string;
  states: Partial<Omit<UpstreamCounts, 'total'>>;
  /** number of direct upstreams (normal_tasks + setup_tasks in the Airflow fixture) */
  total: number;
  /** outcome with flag_upstream_failed=True (the scheduler) and False */
  withFlag: Kind;
  withoutFlag: Kind;
  opts?: TriggerRuleOptions;
}

const counts = (s: Case['states'], total: number): UpstreamCounts => ({
  success: 0,
  failed: 0,
  skipped: 0,
  upstream_failed: 0,
  removed: 0,
  done: 0,
  ...s,
  total,
});

// Ported from tests/ti_deps/deps/test_trigger_rule_dep.py (2.10.3) and
// airflow-core/tests/unit/ti_deps/deps/test_trigger_rule_dep.py (3.x; the same cases). Those tests
// monkeypatch _UpstreamTIStates.calculate and call TriggerRuleDep._evaluate_trigger_rule directly, so
// the counts are sometimes inconsistent on purpose (e.g. done < success+skipped+...); `total` is the
// number of upstream tasks the fixture attached. Airflow's outcome maps to ours as: a state written
// -> 'skip' / 'upstream_failed'; a failing status -> 'wait'; no status -> 'pass'.
const CASES: Case[] = [
  { test: 'test_one_success_tr_success', rule: 'one_success', states: { success: 1, skipped: 2, failed: 3, upstream_failed: 2, done: 2 }, total: 0, withFlag: 'skip', withoutFlag: 'pass' },
  { test: 'test_one_success_tr_failure', rule: 'one_success', states: { skipped: 1, failed: 1, removed: 1, upstream_failed: 1, done: 4 }, total: 0, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_one_success_tr_failure_all_skipped', rule: 'one_success', states: { skipped: 2, done: 2 }, total: 0, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_one_failure_tr_failure', rule: 'one_failed', states: { success: 2, done: 2 }, total: 0, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_one_failure_tr_success', rule: 'one_failed', states: { skipped: 2, failed: 2, done: 2 }, total: 0, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_one_failure_tr_success_no_failed', rule: 'one_failed', states: { skipped: 2, upstream_failed: 2, done: 2 }, total: 0, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_one_done_tr_success', rule: 'one_done', states: { success: 2, done: 2 }, total: 0, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_one_done_tr_success_with_failed', rule: 'one_done', states: { failed: 2, done: 2 }, total: 0, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_one_done_tr_skip', rule: 'one_done', states: { skipped: 2, done: 2 }, total: 0, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_one_done_tr_upstream_failed', rule: 'one_done', states: { upstream_failed: 2, done: 2 }, total: 0, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_all_success_tr_success', rule: 'all_success', states: { success: 1, done: 1 }, total: 1, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_all_success_tr_failure', rule: 'all_success', states: { success: 1, failed: 1, done: 2 }, total: 2, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_all_success_tr_skip', rule: 'all_success', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'skip', withoutFlag: 'wait' },
  {
    test: 'test_all_success_tr_skip_wait_for_past_depends_before_skipping',
    rule: 'all_success', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'wait', withoutFlag: 'wait',
    opts: { wait_for_past_depends_before_skipping: true, past_depends_met: false },
  },
  {
    test: 'test_all_success_tr_skip_wait_for_past_depends_before_skipping_past_depends_met',
    rule: 'all_success', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'skip', withoutFlag: 'wait',
    opts: { wait_for_past_depends_before_skipping: true, past_depends_met: true },
  },
  { test: 'test_none_failed_tr_success', rule: 'none_failed', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_none_failed_tr_failure', rule: 'none_failed', states: { success: 1, skipped: 1, failed: 1, done: 3 }, total: 3, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_none_failed_tr_failure_with_upstream_failure', rule: 'none_failed', states: { success: 1, skipped: 1, upstream_failed: 1, done: 3 }, total: 3, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_none_failed_min_one_success_tr_success', rule: 'none_failed_min_one_success', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'pass', withoutFlag: 'pass' },
  // without the flag, "all skipped" even *passes* (num_failures = 2 - 0 - 2 = 0): only the mark skips it
  { test: 'test_none_failed_min_one_success_tr_skipped', rule: 'none_failed_min_one_success', states: { skipped: 2, done: 2 }, total: 2, withFlag: 'skip', withoutFlag: 'pass' },
  { test: 'test_none_failed_min_one_success_tr_failure', rule: 'none_failed_min_one_success', states: { success: 1, skipped: 1, failed: 1, done: 3 }, total: 3, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_none_failed_min_one_success_tr_upstream_failure', rule: 'none_failed_min_one_success', states: { success: 1, skipped: 1, upstream_failed: 1, done: 3 }, total: 3, withFlag: 'upstream_failed', withoutFlag: 'wait' },
  { test: 'test_all_failed_tr_success', rule: 'all_failed', states: { failed: 2, done: 2 }, total: 2, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_all_failed_tr_failure', rule: 'all_failed', states: { success: 2, done: 2 }, total: 2, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_all_done_tr_success', rule: 'all_done', states: { success: 2, done: 2 }, total: 2, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_all_skipped_tr_failure', rule: 'all_skipped', states: { success: 1, done: 1 }, total: 1, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_all_skipped_tr_failure_upstream_failed', rule: 'all_skipped', states: { upstream_failed: 1, done: 1 }, total: 1, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_all_skipped_tr_success', rule: 'all_skipped', states: { skipped: 3, done: 3 }, total: 3, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_all_done_tr_failure', rule: 'all_done', states: { success: 1, done: 1 }, total: 2, withFlag: 'wait', withoutFlag: 'wait' },
  { test: 'test_none_skipped_tr_success', rule: 'none_skipped', states: { success: 2, failed: 1, done: 3 }, total: 3, withFlag: 'pass', withoutFlag: 'pass' },
  { test: 'test_none_skipped_tr_failure', rule: 'none_skipped', states: { success: 1, skipped: 1, done: 2 }, total: 2, withFlag: 'skip', withoutFlag: 'wait' },
  { test: 'test_none_skipped_tr_failure_empty', rule: 'none_skipped', states: {}, total: 1, withFlag: 'wait', withoutFlag: 'wait' },
  { test: 'test_unknown_tr', rule: 'Unknown Trigger Rule', states: { success: 1, done: 1 }, total: 0, withFlag: 'wait', withoutFlag: 'wait' },
];

// test_teardown_tr_not_all_done (all_done_setup_success): task_cfg work/setup upstreams, states, outcome.
const SETUP_CASES: Array<[id: string, work: number, setup: number, states: Case['states'], withFlag: Kind, withoutFlag: Kind]> = [
  ['no setups', 2, 0, { success: 2, done: 2 }, 'pass', 'pass'],
  ['setup not done', 2, 1, { success: 2, done: 2 }, 'wait', 'wait'],
  ['setup failed', 2, 1, { success: 2, done: 3 }, 'upstream_failed', 'wait'],
  ['one setup failed one success', 2, 2, { success: 2, done: 4, setup_success: 1 }, 'pass', 'pass'],
  ['one setup success one running', 2, 2, { success: 2, done: 3, setup_success: 1 }, 'wait', 'wait'],
  ['setup failed (failed=1)', 2, 1, { success: 2, done: 3, failed: 1 }, 'upstream_failed', 'wait'],
  ['one setup failed one skipped', 2, 2, { success: 2, done: 4, failed: 1, setup_skipped: 1 }, 'upstream_failed', 'wait'],
  ['two setups both skipped', 2, 2, { success: 2, done: 4, setup_skipped: 2 }, 'skip', 'wait'],
  ['all success', 2, 1, { success: 3, done: 3, setup_success: 1 }, 'pass', 'pass'],
  ['work failed', 2, 1, { success: 1, done: 3, setup_success: 1 }, 'pass', 'pass'],
  ['one setup; skipped', 2, 1, { success: 2, done: 3, setup_skipped: 1 }, 'skip', 'wait'],
];

describe('evaluateUpstreamStates: cases ported from Airflow test_trigger_rule_dep.py', () => {
  for (const c of CASES) {
    for (const flag of [true, false]) {
      const want = flag ? c.withFlag : c.withoutFlag;
      it(`${c.test} [flag_upstream_failed=${flag}] -> ${want}`, () => {
        const d = evaluateUpstreamStates(c.rule as TriggerRule, counts(c.states, c.total), { ...c.opts, flag_upstream_failed: flag });
        expect(d.kind).toBe(want);
      });
    }
  }

  for (const [id, work, setup, states, withFlag, withoutFlag] of SETUP_CASES) {
    for (const flag of [true, false]) {
      const want = flag ? withFlag : withoutFlag;
      it(`test_teardown_tr_not_all_done[${id}] [flag=${flag}] -> ${want}`, () => {
        const c = { ...counts(states, work + setup), setup_total: setup };
        expect(evaluateUpstreamStates('all_done_setup_success', c, { flag_upstream_failed: flag }).kind).toBe(want);
      });
    }
  }

  it('test_unknown_tr reports "No strategy to evaluate trigger rule"', () => {
    const d = evaluateUpstreamStates('Unknown Trigger Rule' as TriggerRule, counts({ success: 1, done: 1 }, 0));
    expect(d.reason).toBe("No strategy to evaluate trigger rule 'Unknown Trigger Rule'.");
  });

  it('wait_for_past_depends_before_skipping explains why it waits', () => {
    const d = evaluateUpstreamStates('all_success', counts({ success: 1, skipped: 1, done: 2 }, 2), {
      wait_for_past_depends_before_skipping: true,
      past_depends_met: false,
    });
    expect(d.reason).toMatch(/should be skipped.*depends_on_past/);
  });
});

describe('setup constraint (indirect setups), from test_trigger_rule_dep.py', () => {
  const setups = (s: Partial<IndirectSetupCounts>): IndirectSetupCounts => ({
    total: 1, success: 0, failed: 0, skipped: 0, upstream_failed: 0, removed: 0, ...s,
  });
  // test_setup_constraint_changes_state_appropriately: t1.as_setup() >> t2 >> t3, t2 not run yet; for t3.
  it.each([
    [{}, 'wait'],
    [{ failed: 1 }, 'upstream_failed'],
    [{ skipped: 1 }, 'skip'],
  ] as const)('test_setup_constraint_changes_state_appropriately: t3 with setup %j -> %s', (s, want) => {
    const d = evaluateUpstreamStates('all_success', counts({}, 1), { indirect_setups: setups(s) });
    expect(d.kind).toBe(want);
  });

  // test_setup_constraint_will_fail_or_skip_fast: [s1, s2] >> w1 >> w2; only s2 finished; for w2.
  it.each([
    [{ total: 2 }, 'wait'],
    [{ total: 2, failed: 1 }, 'upstream_failed'],
    [{ total: 2, skipped: 1 }, 'skip'],
  ] as const)('test_setup_constraint_will_fail_or_skip_fast: w2 with setups %j -> %s', (s, want) => {
    const d = evaluateUpstreamStates('all_success', counts({}, 1), { indirect_setups: setups(s) });
    expect(d.kind).toBe(want);
  });

  it('test_setup_constraint_blocks_execution: an unfinished indirect setup holds the task back', () => {
    const d = evaluateUpstreamStates('all_success', counts({ success: 1, done: 1 }, 1), { indirect_setups: setups({}) });
    expect(d).toMatchObject({ kind: 'wait', reason: expect.stringMatching(/setup tasks/) });
  });

  it('a teardown task has no setup constraint', () => {
    const d = evaluateUpstreamStates('all_success', counts({ success: 1, done: 1 }, 1), {
      indirect_setups: setups({ failed: 1 }),
      is_teardown: true,
    });
    expect(d.kind).toBe('pass');
  });

  // test_setup_constraint_wait_for_past_depends_before_skipping: all_done, two *direct* setups
  // (so no indirect ones: total 0), the patched counts give one skipped.
  it.each([
    [false, true, true, 'pass'],
    [false, true, false, 'pass'],
    [false, false, false, 'pass'],
    [false, false, true, 'pass'],
    [true, false, false, 'skip'],
    [true, false, true, 'skip'],
    [true, true, false, 'wait'],
    [true, true, true, 'skip'],
  ] as const)('test_setup_constraint_wait_for_past_depends_before_skipping[flag=%s, wait=%s, met=%s] -> %s', (flag, wait, met, want) => {
    const d = evaluateUpstreamStates('all_done', counts({ success: 1, skipped: 1, done: 2 }, 2), {
      flag_upstream_failed: flag,
      wait_for_past_depends_before_skipping: wait,
      past_depends_met: met,
      indirect_setups: setups({ total: 0, success: 1, skipped: 1 }),
    });
    expect(d.kind).toBe(want);
  });
});

describe('evaluateTriggerRule (TriggerRuleDep._get_dep_statuses)', () => {
  it('test_no_upstream_tasks: a task without upstreams passes, whatever the rule', () => {
    for (const rule of validTriggerRules('3')) {
      expect(evaluateTriggerRule(rule, counts({}, 0), '3').kind).toBe('pass');
    }
  });

  it('test_always_tr: always passes with unfinished upstreams', () => {
    expect(evaluateTriggerRule('always', counts({}, 1), '3').kind).toBe('pass');
  });

  it('marks are written while other upstreams still run (AIRFLOW.md §5 pitfall 6)', () => {
    const oneFailedTwoRunning = counts({ failed: 1, done: 1 }, 3);
    expect(evaluateTriggerRule('all_success', oneFailedTwoRunning, '3').kind).toBe('upstream_failed');
    expect(evaluateTriggerRule('none_failed', oneFailedTwoRunning, '3').kind).toBe('upstream_failed');
    const oneSkippedTwoRunning = counts({ skipped: 1, done: 1 }, 3);
    expect(evaluateTriggerRule('all_success', oneSkippedTwoRunning, '3').kind).toBe('skip');
    expect(evaluateTriggerRule('none_skipped', oneSkippedTwoRunning, '3').kind).toBe('skip');
    expect(evaluateTriggerRule('all_failed', counts({ success: 1, done: 1 }, 3), '3').kind).toBe('skip');
    expect(evaluateTriggerRule('all_skipped', counts({ success: 1, done: 1 }, 3), '3').kind).toBe('skip');
    // ...while the "one_*" rules pass at once
    expect(evaluateTriggerRule('one_failed', oneFailedTwoRunning, '3').kind).toBe('pass');
    expect(evaluateTriggerRule('one_success', counts({ success: 1, done: 1 }, 3), '3').kind).toBe('pass');
  });

  it('explains a wait in plain words with the counts', () => {
    const d = evaluateTriggerRule('all_success', counts({ success: 1, done: 1 }, 3), '3');
    expect(d).toEqual({ kind: 'wait', reason: 'Trigger rule all_success needs all 3 upstream tasks to succeed; 1 of 3 done: 1 success' });
  });

  it('one_done ignores upstream_failed: waits while others run, skipped once all are done', () => {
    expect(evaluateTriggerRule('one_done', counts({ upstream_failed: 1, done: 1 }, 2), '3').kind).toBe('wait');
    expect(evaluateTriggerRule('one_done', counts({ upstream_failed: 2, done: 2 }, 2), '3').kind).toBe('skip');
  });

  it('removed upstreams count as done but not successful (non-mapped tasks)', () => {
    const allRemoved = counts({ removed: 2, done: 2 }, 2);
    expect(evaluateTriggerRule('all_success', allRemoved, '3').kind).toBe('wait'); // until the run deadlocks
    expect(evaluateTriggerRule('all_failed', allRemoved, '3').kind).toBe('wait');
    expect(evaluateTriggerRule('none_failed', allRemoved, '3').kind).toBe('wait');
    expect(evaluateTriggerRule('all_skipped', allRemoved, '3').kind).toBe('wait');
    expect(evaluateTriggerRule('one_success', allRemoved, '3').kind).toBe('upstream_failed');
    expect(evaluateTriggerRule('all_done', allRemoved, '3').kind).toBe('pass');
  });

  it('none_failed_min_one_success skips when every upstream skipped, passes with one success', () => {
    expect(evaluateTriggerRule('none_failed_min_one_success', counts({ skipped: 2, done: 2 }, 2), '3').kind).toBe('skip');
    expect(evaluateTriggerRule('none_failed_min_one_success', counts({ skipped: 1, success: 1, done: 2 }, 2), '3').kind).toBe('pass');
  });
});

// all_done_min_one_success (3.1+): from the 3.x trigger_rule_dep.py branches (no case in the
// stored test file; AIRFLOW.md §5 table row).
describe('all_done_min_one_success (profile 3)', () => {
  const tr = (s: Case['states'], total: number) => evaluateTriggerRule('all_done_min_one_success', counts(s, total), '3').kind;
  it('skips as soon as one upstream is skipped, even with others running', () => {
    expect(tr({ skipped: 1, done: 1 }, 3)).toBe('skip');
  });
  it('is upstream_failed when everything finished without a success', () => {
    expect(tr({ failed: 1, upstream_failed: 1, done: 2 }, 2)).toBe('upstream_failed');
  });
  it('waits while upstreams run, passes when all are done with a success', () => {
    expect(tr({ success: 1, done: 1 }, 2)).toBe('wait');
    expect(tr({ success: 1, failed: 1, done: 2 }, 2)).toBe('pass');
  });
  it('is not a valid rule under profile 2 (2.10 TriggerRule has no such member)', () => {
    expect(validTriggerRules('2')).not.toContain('all_done_min_one_success');
    expect(evaluateTriggerRule('all_done_min_one_success', counts({ success: 1, done: 1 }, 1), '2')).toEqual({
      kind: 'wait',
      reason: "No strategy to evaluate trigger rule 'all_done_min_one_success'.",
    });
  });
});

describe('profiles: deprecated aliases (2.10 BaseOperator.__init__) and validation', () => {
  it('2.10 maps dummy -> always and none_failed_or_skipped -> none_failed_min_one_success', () => {
    expect(normalizeTriggerRule('dummy', '2')).toBe('always');
    expect(normalizeTriggerRule('none_failed_or_skipped', '2')).toBe('none_failed_min_one_success');
    expect(evaluateTriggerRule('dummy', counts({}, 2), '2').kind).toBe('pass');
    expect(evaluateTriggerRule('none_failed_or_skipped', counts({ skipped: 2, done: 2 }, 2), '2').kind).toBe('skip');
  });

  it('3.x rejects the removed aliases', () => {
    expect(validTriggerRules('3')).not.toContain('dummy');
    expect(validTriggerRules('3')).not.toContain('none_failed_or_skipped');
    expect(triggerRuleError('dummy', '3', 'etl', 'join')).toMatch(
      /^ValueError: The trigger_rule must be one of \{.*\},'etl\.join'; received 'dummy'\.$/,
    );
    expect(triggerRuleError('dummy', '2', 'etl', 'join')).toBeNull();
    expect(triggerRuleError('some_rule', '2', 'etl', 'op1')).toMatch(/^AirflowException: .*'etl\.op1'; received 'some_rule'\.$/);
    expect(triggerRuleError('all_success', '3', 'etl', 'op1')).toBeNull();
  });
});

describe('countUpstreams (_UpstreamTIStates.calculate)', () => {
  // test_UpstreamTIStates: op1 >> (op2, op3) >> op4; (op2, op3, op4) >> op5 with op2 failed, others success
  it('test_UpstreamTIStates values', () => {
    expect(countUpstreams(['success'])).toMatchObject({ success: 1, failed: 0, done: 1 });
    expect(countUpstreams(['failed', 'success'])).toMatchObject({ success: 1, failed: 1, done: 2 });
    expect(countUpstreams(['failed', 'success', 'success'])).toMatchObject({ success: 2, failed: 1, done: 3 });
  });
  it('unfinished upstreams count towards total only; setup flags feed the setup counters', () => {
    const c = countUpstreams(['running', null, 'skipped', 'success'], [false, false, true, true]);
    expect(c).toMatchObject({ total: 4, done: 2, skipped: 1, success: 1, setup_total: 2, setup_success: 1, setup_skipped: 1 });
  });
});
