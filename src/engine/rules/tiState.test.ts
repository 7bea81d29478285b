import { describe, expect, it } from 'vitest';
import {
  canTransition,
  canTransitionRun,
  FINISHED_STATES,
  isFinished,
  SCHEDULEABLE_STATES,
  TI_STATES,
  transitionsFrom,
  UNFINISHED_STATES,
} from './tiState.ts';

describe('state sets (airflow/utils/state.py)', () => {
  it('finished and unfinished partition every TI state', () => {
    for (const s of TI_STATES) expect(FINISHED_STATES.has(s) !== UNFINISHED_STATES.has(s)).toBe(true);
    expect([...FINISHED_STATES].sort()).toEqual(['failed', 'removed', 'skipped', 'success', 'upstream_failed']);
    expect(isFinished(null)).toBe(false);
    expect(isFinished('upstream_failed')).toBe(true);
  });
  it('SCHEDULEABLE_STATES = {None, up_for_retry, up_for_reschedule} (ti_deps/dependencies_states.py)', () => {
    expect([...SCHEDULEABLE_STATES]).toEqual([null, 'up_for_retry', 'up_for_reschedule']);
  });
});

describe('canTransition (AIRFLOW.md §4.1, §8)', () => {
  it('the happy path: None -> scheduled -> queued -> running -> success', () => {
    expect(canTransition(null, 'scheduled', 'scheduler')).toBe(true);
    expect(canTransition('scheduled', 'queued', 'scheduler')).toBe(true);
    expect(canTransition('queued', 'running', 'worker')).toBe(true);
    expect(canTransition('running', 'success', 'worker')).toBe(true);
  });
  it('retries and reschedules go back through scheduled', () => {
    expect(canTransition('running', 'up_for_retry', 'worker')).toBe(true);
    expect(canTransition('up_for_retry', 'scheduled', 'scheduler')).toBe(true);
    expect(canTransition('running', 'up_for_reschedule', 'worker')).toBe(true);
    expect(canTransition('up_for_reschedule', 'scheduled', 'scheduler')).toBe(true);
    expect(canTransition('up_for_retry', 'queued', 'scheduler')).toBe(false);
  });
  it('the trigger rule writes skipped/upstream_failed on a TI that never ran', () => {
    expect(canTransition(null, 'upstream_failed', 'scheduler')).toBe(true);
    expect(canTransition(null, 'skipped', 'scheduler')).toBe(true);
    expect(canTransition('running', 'upstream_failed', 'scheduler')).toBe(false);
  });
  it('EmptyOperator goes None -> success without an executor', () => {
    expect(canTransition(null, 'success', 'scheduler')).toBe(true);
    expect(canTransition(null, 'success', 'worker')).toBe(false);
  });
  it('workers never pick a TI that is not queued', () => {
    expect(canTransition('scheduled', 'running')).toBe(false);
    expect(canTransition(null, 'running')).toBe(false);
    expect(transitionsFrom('scheduled', 'worker')).toEqual([]);
  });
  it('clearing: any TI to None, a running one to restarting', () => {
    expect(canTransition('success', null, 'user')).toBe(true);
    expect(canTransition('running', 'restarting', 'user')).toBe(true);
    expect(canTransition('running', null, 'user')).toBe(false);
    expect(canTransition('restarting', 'up_for_retry', 'worker')).toBe(true);
  });
  it('dagrun_timeout lets the scheduler skip any unfinished TI', () => {
    expect(canTransition('running', 'skipped', 'scheduler')).toBe(true);
    expect(canTransition('success', 'skipped', 'scheduler')).toBe(false);
  });
  it('deferred TIs come back through the triggerer', () => {
    expect(canTransition('running', 'deferred', 'worker')).toBe(true);
    expect(canTransition('deferred', 'scheduled', 'triggerer')).toBe(true);
    expect(canTransition('deferred', 'running')).toBe(false);
  });
  it('a state does not transition to itself', () => {
    for (const s of TI_STATES) expect(canTransition(s, s)).toBe(false);
  });
});

describe('canTransitionRun', () => {
  it('queued -> running -> success|failed; clearing a finished run re-queues it, a running one stays', () => {
    expect(canTransitionRun('queued', 'running')).toBe(true);
    expect(canTransitionRun('running', 'failed')).toBe(true);
    expect(canTransitionRun('success', 'queued')).toBe(true);
    expect(canTransitionRun('running', 'queued')).toBe(false);
    expect(canTransitionRun('success', 'running')).toBe(false);
  });
});
