// Presenter keys: a remote's PageDown / PageUp drive a lesson's steps, or the clock in the
// sandbox, where "back" returns to the exact clock before the last step; typing is never a key.
import { describe, expect, it } from 'vitest';
import { presenterKey, type PresenterClient, type PresenterLessons } from './keys.ts';

function fakeClient(): PresenterClient & { calls: string[] } {
  const calls: string[] = [];
  const c = {
    calls,
    clock: '2024-06-01T00:00:00Z',
    playing: false,
    presenter: true,
    toggle: () => void (c.playing = !c.playing, calls.push('toggle')),
    step: async () => void calls.push('step'),
    jumpTo: async (iso: string) => void calls.push(`jumpTo ${iso}`),
    stepBack: async (ms: number) => void calls.push(`stepBack ${ms}`),
  };
  return c;
}

const key = (k: string, more: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: null, ...more });

describe('presenterKey', () => {
  it('in the sandbox: next steps the clock, back returns to the clock before that step', () => {
    const c = fakeClient();
    expect(presenterKey(key('PageDown'), c, null)).toBe('step');
    c.clock = '2024-06-01T00:00:30Z'; // where the step landed
    expect(presenterKey(key('ArrowRight'), c, null)).toBe('step');
    c.clock = '2024-06-01T00:01:00Z';
    expect(presenterKey(key('PageUp'), c, null)).toBe('back');
    expect(presenterKey(key('ArrowLeft'), c, null)).toBe('back');
    expect(c.calls).toEqual(['step', 'step', 'jumpTo 2024-06-01T00:00:30Z', 'jumpTo 2024-06-01T00:00:00Z']);
  });

  it('steps within one instant are one point to go back to (a jump replays the whole instant)', () => {
    const c = fakeClient();
    c.clock = '2024-06-03T00:00:00Z';
    presenterKey(key('PageDown'), c, null); // an event at the same instant: the clock stays
    presenterKey(key('PageDown'), c, null);
    c.clock = '2024-06-03T00:00:30Z';
    presenterKey(key('PageDown'), c, null);
    c.clock = '2024-06-03T00:01:00Z';
    presenterKey(key('PageUp'), c, null);
    c.clock = '2024-06-03T00:00:30Z';
    presenterKey(key('PageUp'), c, null);
    expect(c.calls).toEqual(['step', 'step', 'step', 'jumpTo 2024-06-03T00:00:30Z', 'jumpTo 2024-06-03T00:00:00Z']);
  });

  it('back with no step to undo goes back an hour', () => {
    const c = fakeClient();
    c.clock = '2024-06-02T00:00:00Z';
    expect(presenterKey(key('PageUp'), c, null)).toBe('back');
    expect(c.calls).toEqual(['stepBack 3600000']);
  });

  it('in a lesson with the step’s goal reached: next and previous step of the lesson, the clock untouched', () => {
    const c = fakeClient();
    const done: string[] = [];
    const lessons: PresenterLessons = { loaded: {}, reached: true, next: async () => void done.push('next'), previous: async () => void done.push('previous') };
    expect(presenterKey(key('PageDown'), c, lessons)).toBe('next');
    expect(presenterKey(key('PageUp'), c, lessons)).toBe('previous');
    expect(done).toEqual(['next', 'previous']);
    expect(c.calls).toEqual([]);
  });

  it('in a lesson step whose goal is not reached yet, next moves the clock on', () => {
    const c = fakeClient();
    const done: string[] = [];
    const lessons: PresenterLessons = { loaded: {}, reached: false, next: async () => void done.push('next'), previous: async () => void done.push('previous') };
    expect(presenterKey(key('PageDown'), c, lessons)).toBe('step');
    expect(done).toEqual([]);
    expect(c.calls).toEqual(['step']);
  });

  it('while the step’s prediction is unanswered, next moves nothing and says so', () => {
    const c = fakeClient();
    const done: string[] = [];
    const lessons: PresenterLessons = { loaded: {}, reached: false, awaitingAnswer: true, next: async () => void done.push('next'), previous: async () => void done.push('previous') };
    expect(presenterKey(key('PageDown'), c, lessons)).toBe('predictFirst');
    expect([done, c.calls]).toEqual([[], []]);
  });

  it('with the goal reached before the prediction was answered, next still says to answer it first', () => {
    const c = fakeClient();
    const done: string[] = [];
    const lessons: PresenterLessons = { loaded: {}, reached: true, awaitingAnswer: true, next: async () => void done.push('next'), previous: async () => void done.push('previous') };
    expect(presenterKey(key('PageDown'), c, lessons)).toBe('predictFirst');
    expect([done, c.calls]).toEqual([[], []]);
  });

  it('Space, b and . (a remote’s blank-screen button) play or pause; P leaves presenter mode', () => {
    const c = fakeClient();
    for (const k of [' ', 'b', '.']) expect(presenterKey(key(k), c, null)).toBe('playPause');
    expect(c.calls).toEqual(['toggle', 'toggle', 'toggle']);
    expect(presenterKey(key('p'), c, null)).toBe('exit');
    expect(c.presenter).toBe(false);
  });

  it('leaves other keys, modifiers and typing alone', () => {
    const c = fakeClient();
    expect(presenterKey(key('n'), c, null)).toBeNull();
    expect(presenterKey(key('ArrowLeft', { shiftKey: true }), c, null)).toBeNull();
    expect(presenterKey(key('PageDown', { ctrlKey: true }), c, null)).toBeNull();
    const input = { closest: (s: string) => (s.includes('input') ? {} : null) } as unknown as EventTarget;
    expect(presenterKey(key('b', { target: input }), c, null)).toBeNull();
    expect(c.calls).toEqual([]);
  });
});
