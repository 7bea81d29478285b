// `# sim:` comments: how a non-bash task behaves in the simulation, written so the file stays a
// valid Airflow DAG. Syntax and examples: src/dagfile/README.md ("Describing task behaviour").

import type { SimDirectives } from './spec.ts';

export const DIRECTIVE_KEYS = ['duration', 'fail', 'skip', 'returns', 'branch', 'ready_after', 'log'] as const;

export interface DirectiveNotice {
  message: string;
}

/** Parsed `# sim:` values; undefined fields were not written. */
export interface PartialSim {
  duration_s?: number;
  fail_tries?: number[];
  fail_always?: boolean;
  skip?: boolean;
  returns?: unknown;
  branch?: string[];
  ready_after_s?: number;
  log?: string[];
}

export function emptySim(): SimDirectives {
  return { duration_s: null, fail_tries: [], fail_always: false, skip: false, branch: null, ready_after_s: null, log: [] };
}

/** The text after "sim:" if the comment is a directive ("# sim: ...", "#sim: ..."). */
export function directiveBody(comment: string): string | null {
  const m = /^\s*sim\s*:(.*)$/i.exec(comment);
  return m ? m[1] : null;
}

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** "30s", "2m", "1h30m", "1.5h", "90" (seconds) -> seconds; null when malformed. */
export function parseDuration(v: string): number | null {
  const t = v.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  return pos === t.length && pos > 0 ? total : null;
}

/** Splits "duration=30s log='two words' returns={"a": 1} skip" into key/value pairs. */
export function tokenize(body: string): { key: string; value: string | null }[] {
  const out: { key: string; value: string | null }[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    while (i < n && /[\s;]/.test(body[i])) i++;
    if (i >= n) break;
    let key = '';
    while (i < n && !/[\s=;]/.test(body[i])) key += body[i++];
    if (body[i] !== '=') {
      out.push({ key, value: null });
      continue;
    }
    i++;
    let value = '';
    let depth = 0;
    let quote: string | null = null;
    while (i < n) {
      const c = body[i];
      if (quote) {
        value += c;
        if (c === '\\' && i + 1 < n) value += body[++i];
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        quote = c;
        value += c;
      } else if ('[{('.includes(c)) {
        depth++;
        value += c;
      } else if (']})'.includes(c)) {
        depth = Math.max(0, depth - 1);
        value += c;
      } else if (depth === 0 && /[\s;]/.test(c)) {
        break;
      } else {
        value += c;
      }
      i++;
    }
    out.push({ key, value });
  }
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/**
 * Parses one directive comment. `literal` turns a Python literal into JSON (for returns=);
 * problems become notices (the file is still valid Airflow, so they never stop it loading).
 */
export function parseDirective(body: string, literal: (src: string) => { ok: true; value: unknown } | { ok: false; error: string }): { sim: PartialSim; notices: string[] } {
  const sim: PartialSim = {};
  const notices: string[] = [];
  for (const { key, value } of tokenize(body)) {
    const k = key.toLowerCase();
    const bad = (expected: string) => notices.push(`# sim: ${key}=${value ?? ''} is not understood: ${expected}`);
    switch (k) {
      case 'duration': {
        const s = value === null ? null : parseDuration(value);
        if (s === null) bad('write a duration like 30s, 5m, 1h30m or 90 (seconds)');
        else sim.duration_s = s;
        break;
      }
      case 'ready_after': {
        const s = value === null ? null : parseDuration(value);
        if (s === null) bad('write a duration like 30s, 5m or 2h');
        else sim.ready_after_s = s;
        break;
      }
      case 'fail': {
        const v = (value ?? '').trim().toLowerCase();
        if (v === 'always') {
          sim.fail_always = true;
          sim.fail_tries = [];
        } else if (v === 'never' || v === 'no' || v === 'false') {
          sim.fail_always = false;
          sim.fail_tries = [];
        } else if (/^\d+(\s*,\s*\d+)*$/.test(v)) {
          sim.fail_tries = v.split(',').map((x) => Number(x.trim())).filter((x) => x >= 1);
          sim.fail_always = false;
          if (sim.fail_tries.length === 0) bad('try numbers start at 1');
        } else {
          bad('write fail=always, fail=never, or the failing try numbers like fail=1,2');
        }
        break;
      }
      case 'skip': {
        const v = value === null ? 'true' : value.trim().toLowerCase();
        if (['true', 'yes', '1'].includes(v)) sim.skip = true;
        else if (['false', 'no', '0'].includes(v)) sim.skip = false;
        else bad('write skip or skip=false');
        break;
      }
      case 'returns': {
        if (value === null || value === '') {
          bad('write a Python literal like returns=42, returns="ok" or returns={"rows": 3}');
          break;
        }
        const r = literal(value);
        if (r.ok) sim.returns = r.value;
        else bad(`write a Python literal (${r.error})`);
        break;
      }
      case 'branch': {
        const v = unquote((value ?? '').trim());
        sim.branch = v === '' || v.toLowerCase() === 'none' ? [] : v.split(',').map((x) => unquote(x.trim())).filter((x) => x !== '');
        break;
      }
      case 'log': {
        if (value === null) bad('write log="a line for the task log"');
        else (sim.log ??= []).push(unquote(value));
        break;
      }
      default:
        notices.push(`unknown # sim: key '${key}'; accepted keys are: ${DIRECTIVE_KEYS.join(', ')}`);
    }
  }
  return { sim, notices };
}

/** Later sources override earlier ones; log lines add up. */
export function mergeSim(base: SimDirectives, ...parts: PartialSim[]): SimDirectives {
  const out: SimDirectives = { ...base, fail_tries: [...base.fail_tries], log: [...base.log] };
  for (const p of parts) {
    if (p.duration_s !== undefined) out.duration_s = p.duration_s;
    if (p.fail_tries !== undefined) out.fail_tries = p.fail_tries;
    if (p.fail_always !== undefined) out.fail_always = p.fail_always;
    if (p.skip !== undefined) out.skip = p.skip;
    if ('returns' in p) out.returns = p.returns;
    if (p.branch !== undefined) out.branch = p.branch;
    if (p.ready_after_s !== undefined) out.ready_after_s = p.ready_after_s;
    if (p.log) out.log.push(...p.log);
  }
  return out;
}
