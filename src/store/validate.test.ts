import { describe, expect, it } from 'vitest';
import { draft } from './testkit.ts';
import { check, instantMs, readDraft, readProgress, readWorkspace } from './validate.ts';

const stored = () => ({ id: 'ws-1', ...draft(), revision: 1, updatedAt: '2025-01-01T00:00:00.000Z' });

function problem(raw: unknown): string {
  const r = check(() => readWorkspace(raw));
  return r.ok ? 'valid' : r.message;
}

describe('instantMs', () => {
  it('accepts ISO instants with Z or an offset', () => {
    expect(instantMs('2024-06-01T00:00:00Z')).toBe(Date.UTC(2024, 5, 1));
    expect(instantMs('2024-06-01T02:00:00+02:00')).toBe(Date.UTC(2024, 5, 1));
    expect(instantMs('2024-06-01T00:00:00.123Z')).toBe(Date.UTC(2024, 5, 1) + 123);
  });
  it('refuses what Date.parse lets through', () => {
    for (const bad of ['2024-02-30T00:00:00Z', '2024-06-01T24:00:00Z', '2024-06-01T00:00:00', '2024-06-01', 'soon', 5]) {
      expect(instantMs(bad), String(bad)).toBeNull();
    }
  });
});

describe('readWorkspace', () => {
  it('accepts a valid workspace unchanged', () => {
    expect(readWorkspace(stored())).toEqual(stored());
  });

  it('names the path of what is wrong', () => {
    expect(problem({ ...stored(), profile: '4' })).toMatch(/^workspace\.profile: must be "2".*not "4"/);
    expect(problem({ ...stored(), files: { 'a.py': 3 } })).toMatch(/^workspace\.files\["a\.py"\]: must be a string/);
    expect(problem({ ...stored(), config: { k: null } })).toMatch(/^workspace\.config\["k"\]/);
    expect(problem({ ...stored(), seed: 1.5 })).toMatch(/^workspace\.seed: must be an integer/);
    expect(problem({ ...stored(), clock: '2024-05-01T00:00:00Z' })).toMatch(/^workspace\.clock: .*before start/);
    expect(problem({ ...stored(), commands: [{ at: '2024-06-01T00:00:00Z', seq: 1, run: '' }] })).toMatch(/^workspace\.commands\[0\]\.run: must not be empty/);
    expect(problem({ ...stored(), commands: [{ at: 'noon', seq: 1, run: 'x' }] })).toMatch(/^workspace\.commands\[0\]\.at: "noon" is not an ISO 8601 time/);
    expect(problem({ ...stored(), name: undefined })).toMatch(/^workspace\.name: must be a string, not missing/);
    expect(problem({ ...stored(), colour: 'red' })).toMatch(/^workspace: unknown key "colour"/);
    expect(problem([])).toMatch(/^workspace: must be an object/);
  });

  it('checks that seq order agrees with time across both logs', () => {
    const commands = [{ at: '2024-06-01T02:00:00Z', seq: 1, run: 'a' }];
    const fileEdits = [{ at: '2024-06-01T01:00:00Z', seq: 2, name: 'etl.py', source: 'x' }];
    expect(problem({ ...stored(), commands, fileEdits })).toMatch(/^workspace\.fileEdits\[0\]\.at: .* is before workspace\.commands\[0\]\.at/);
    const dup = [{ ...fileEdits[0]!, at: '2024-06-01T03:00:00Z', seq: 1 }];
    expect(problem({ ...stored(), commands, fileEdits: dup })).toMatch(/seq: 1 is used twice/);
    expect(problem({ ...stored(), commands: [{ at: '2024-05-01T00:00:00Z', seq: 1, run: 'a' }] })).toMatch(/before start/);
  });

  it('readDraft refuses identity fields, which belong to a store', () => {
    expect(() => readDraft(stored())).toThrow(/unknown key "id"/);
    expect(readDraft(draft())).toEqual(draft());
  });
});

describe('readProgress', () => {
  it('accepts valid progress and names bad steps', () => {
    const p = { lessonId: 'l1', stepsDone: ['a'], answers: { q: [1, 2] }, updatedAt: '2025-01-01T00:00:00Z' };
    expect(readProgress(p)).toEqual(p);
    expect(() => readProgress({ ...p, stepsDone: ['a', 2] })).toThrow(/^progress\.stepsDone\[1\]: must be a string/);
  });
});
