// Share links: a link opened elsewhere replays to the identical metastore; damaged links are
// refused with a reason, never a crash; and typical states stay short enough to paste anywhere.
import { describe, expect, it } from 'vitest';
import { zlibSync, strToU8 } from 'fflate';
import { SimSession, type Result } from '../../worker/session.ts';
import type { WorkspaceDraft } from '../../store/types.ts';
import { samplesFor, sampleFiles } from '../samples/index.ts';
import { DICTIONARY_V1 } from './dictionary.ts';
import { adler32, decodeLink, encodeLink, fromBase64Url, hasLink, HARD_CHARS, linkFit, SAFE_CHARS, shareUrl, toBase64Url } from './link.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.error}`);
  return r.value;
}

const START = '2024-06-01T00:00:00Z';

/** A workspace as the app saves it, from a session the test drives like a learner. */
function snapshot(s: SimSession, name: string, view = 'grid'): WorkspaceDraft {
  return { ...value(s.workspace()), name, view };
}

function session(files: Record<string, string>, profile: '2' | '3' = '3', config: Record<string, string | number | boolean> = {}): SimSession {
  const s = new SimSession();
  value(s.load({ profile, files, config, seed: 1, start: START, commands: [], fileEdits: [] }));
  return s;
}

const dumpOf = (s: SimSession) => JSON.stringify(value(s.dump({ messages: true })));

/** The learner's session: unpause, a few days of catchup, a trigger, an edit, a failing DAG. */
function learnerSession(profile: '2' | '3' = '3'): SimSession {
  const s = session(sampleFiles(profile, 'all'), profile, { 'core.executor': 'CeleryExecutor', 'sim.workers': 2 });
  value(s.command('airflow dags unpause etl'));
  value(s.runUntil('2024-06-03T06:00:00Z'));
  value(s.command('airflow dags trigger etl'));
  value(s.step());
  value(s.step());
  const etl = value(s.files())['etl.py']!;
  value(s.setFile('etl.py', etl.replace('sleep 60', 'sleep 600')));
  value(s.command('airflow dags unpause flaky'));
  value(s.runUntil('2024-06-05T12:34:56Z'));
  return s;
}

/** Open a link as the app does: decode, then load the workspace into a fresh session. */
function open(link: string): { s: SimSession; ws: WorkspaceDraft } {
  const d = decodeLink(link);
  if (!d.ok) throw new Error(d.message);
  const s = new SimSession();
  value(s.load(d.ws));
  return { s, ws: d.ws };
}

describe('round trip', () => {
  it.each(['2', '3'] as const)('opening the link of an Airflow %s session replays to the identical metastore, clock and view', (profile) => {
    const s = learnerSession(profile);
    const ws = snapshot(s, 'Class demo: 다시 실행', 'architecture');
    const link = encodeLink(ws);
    expect(link).toMatch(/^#w=1\.[A-Za-z0-9_-]+$/);
    const opened = open(link);
    expect(opened.ws).toEqual(ws);
    expect(value(opened.s.clock())).toBe('2024-06-05T12:34:56Z');
    expect(dumpOf(opened.s)).toBe(dumpOf(s));
    // the opened state goes on the same way too (same seed, same pending events)
    value(s.runUntil('2024-06-07T00:00:00Z'));
    value(opened.s.runUntil('2024-06-07T00:00:00Z'));
    expect(dumpOf(opened.s)).toBe(dumpOf(s));
  });

  it('shareUrl replaces the page’s own fragment and keeps path and query', () => {
    const ws = snapshot(session({ 'etl.py': sampleFiles('3')['etl.py']! }), 'x');
    const url = shareUrl('https://example.org/sim/?lang=ko#w=1.old', ws);
    expect(url.startsWith('https://example.org/sim/?lang=ko#w=1.')).toBe(true);
    expect(hasLink(new URL(url).hash)).toBe(true);
    expect(decodeLink(new URL(url).hash).ok).toBe(true);
  });

  it('the format-1 dictionary is frozen: links made before must still open', () => {
    // if this fails, the dictionary changed: restore it, or add a format 2 and keep this one for old links
    expect(adler32(strToU8(DICTIONARY_V1))).toBe(2507699812);
    // zlib's own Adler-32 (RFC 1950) agrees with ours: the trailer check is the real one
    const packed = zlibSync(strToU8('Wikipedia'));
    expect(adler32(strToU8('Wikipedia'))).toBe(0x11e60398); // the worked example on Wikipedia's Adler-32 page
    expect(Array.from(packed.slice(-4))).toEqual([0x11, 0xe6, 0x03, 0x98]);
  });

  it('base64url round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    // RFC 4648 §10 test vector, in the url-safe alphabet without padding
    expect(toBase64Url(strToU8('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });
});

describe('damaged links are refused with a reason', () => {
  const good = encodeLink(snapshot(learnerSession(), 'demo'));
  const code = (hash: string) => {
    const d = decodeLink(hash);
    return d.ok ? 'ok' : d.code;
  };

  it('cut short anywhere, or a character changed: "corrupt", never a crash or a wrong state', () => {
    for (const cut of [10, 50, good.length / 2, good.length - 5, good.length - 1]) expect(code(good.slice(0, Math.floor(cut)))).toMatch(/^(corrupt|format)$/);
    const i = Math.floor(good.length * 0.6);
    const flipped = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    expect(code(flipped)).toBe('corrupt');
    expect(code(good.replace('.', '.%%'))).toBe('corrupt');
  });

  it('a newer format asks to update the app; something else is not a link', () => {
    const d = decodeLink(good.replace('#w=1.', '#w=7.'));
    expect(d.ok ? null : [d.code, d.message]).toEqual(['newer', expect.stringContaining('format 7')]);
    expect(code('#section-2')).toBe('notLink');
    expect(code('#w=abc')).toBe('format');
  });

  it('a link that decodes but is not a workspace says which field is wrong', () => {
    const z = (text: string) => toBase64Url(zlibSync(strToU8(text), { dictionary: strToU8(DICTIONARY_V1) }));
    const bad = (obj: unknown) => `#w=1.${z(JSON.stringify(obj))}`;
    const d = decodeLink(bad({ name: 'x', profile: '9' }));
    expect(d.ok ? null : [d.code, d.message]).toEqual(['invalid', expect.stringContaining('workspace.profile')]);
    expect(code(`#w=1.${z('{not json')}`)).toBe('corrupt');
    // compressed without the format's dictionary: refused, not misread
    expect(code(`#w=1.${toBase64Url(zlibSync(strToU8('{}')))}`)).toBe('corrupt');
  });

  it('a small link that would inflate past the limit is refused, not inflated', () => {
    const bomb = `#w=1.${toBase64Url(zlibSync(new Uint8Array(25_000_000).fill(32), { level: 9, dictionary: strToU8(DICTIONARY_V1) }))}`;
    expect(bomb.length).toBeLessThan(HARD_CHARS * 2);
    expect(code(bomb)).toBe('tooLarge');
  });
});

// Sizes, printed for the README (`npx vitest run src/app/share/link.test.ts` shows them).
describe('link sizes', () => {
  const origin = 'https://example.github.io/airflow-sim/'.length;
  const measure = (label: string, ws: WorkspaceDraft) => {
    const n = origin + encodeLink(ws).length;
    console.log(`link size: ${label}: ${n} characters`);
    return n;
  };

  it('one sample DAG with a lesson-sized history stays under the safe size', () => {
    for (const profile of ['2', '3'] as const) {
      for (const { file, source } of samplesFor(profile)) {
        const s = session({ [file]: source }, profile);
        const dag = file.replace('.py', '');
        value(s.command(`airflow dags unpause ${dag}`));
        value(s.runUntil('2024-06-04T00:00:00Z'));
        value(s.command(`airflow dags list-runs ${profile === '2' ? '-d ' : ''}${dag}`));
        value(s.setFile(file, source.replace(/catchup=True/, 'catchup=False')));
        value(s.runUntil('2024-06-06T00:00:00Z'));
        expect(measure(`${profile}/${file} + 3 actions`, snapshot(s, 'lesson'))).toBeLessThan(SAFE_CHARS);
      }
    }
  });

  it('the new-workspace sandbox stays under the safe size; all five samples with a session of work too', () => {
    for (const profile of ['2', '3'] as const) {
      expect(measure(`${profile}/new workspace (etl.py), no actions`, snapshot(session(sampleFiles(profile), profile), 'sandbox'))).toBeLessThan(SAFE_CHARS);
      expect(measure(`${profile}/all 5 samples, no actions`, snapshot(session(sampleFiles(profile, 'all'), profile), 'sandbox'))).toBeLessThan(SAFE_CHARS);
      expect(measure(`${profile}/all 5 samples + learner session (7 actions)`, snapshot(learnerSession(profile), 'sandbox'))).toBeLessThan(SAFE_CHARS);
    }
  });

  it('a workspace too big for a link is told to go as a file (the dialog offers no link then)', () => {
    // a learner's own data-heavy DAG files: 60 files of distinct text do not compress below the limit
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`dag_${i}.py`] = sampleFiles('3')['etl.py']!.replace(/etl/g, `etl_${i}`) + `\n# ${Array.from({ length: 150 }, (_, j) => ((i * 7919 + j * 104729) % 1_000_003).toString(36)).join(' ')}\n`;
    const n = measure('3/60 DAG files with distinct text', snapshot(session(files), 'big'));
    expect(n).toBeGreaterThan(HARD_CHARS);
    expect(linkFit(n)).toBe('tooLong');
    expect([linkFit(SAFE_CHARS), linkFit(SAFE_CHARS + 1), linkFit(HARD_CHARS), linkFit(HARD_CHARS + 1)]).toEqual(['ok', 'long', 'long', 'tooLong']);
  });

  it('a long class session (100 commands) stays under the hard limit', () => {
    const s = session(sampleFiles('3', 'all'));
    for (let i = 0; i < 100; i++) {
      value(s.command(i % 2 ? 'airflow dags unpause etl' : 'airflow dags pause etl'));
      value(s.advance(3_600_000));
    }
    expect(measure('3/all 5 samples + 100 commands over 100 hours', snapshot(s, 'long'))).toBeLessThan(HARD_CHARS);
  });
});
