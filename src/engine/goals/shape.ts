// The shape of goal-language JSON (types.ts), checked without a simulation: lesson validation
// reports these before anything runs, and evaluate.ts refuses a malformed goal with the same words.
// Table and column names depend on the profile, so evaluate.ts checks those against the simulation.

export const COND_OPS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'matches'] as const;
const QUERY_FORMS = '{"count": {...}}, {"value": {...}}, {"values": {...}}, {"clock": true} or {"sql": "SELECT ..."}';
const PREDICATE_FORMS = '{"all": [...]}, {"any": [...]}, {"not": {...}} or {"query": {...}, "is": ...}';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + '...' : s;
};

function unknownKeys(o: Record<string, unknown>, allowed: string[], where: string): string[] {
  return Object.keys(o)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where}: unknown key "${k}" (allowed: ${allowed.join(', ')})`);
}

/** Problems with a Cond; `where` names it ("goal.query.count.where.state"). */
export function condProblems(c: unknown, where: string): string[] {
  if (c === null || typeof c === 'string' || typeof c === 'boolean') return [];
  if (typeof c === 'number') return Number.isFinite(c) ? [] : [`${where}: ${c} is not a number JSON can hold`];
  if (Array.isArray(c)) return [`${where}: a list is not a condition; to match any of these values write {"in": ${show(c)}}`];
  if (!isObj(c)) return [`${where}: ${show(c)} is not a condition`];
  const keys = Object.keys(c);
  if (keys.length === 0) return [`${where}: an empty condition {} says nothing; write a value or one of ${COND_OPS.join(', ')}`];
  const out: string[] = [];
  for (const k of keys) {
    const v = c[k];
    const at = `${where}.${k}`;
    if (!(COND_OPS as readonly string[]).includes(k)) {
      out.push(`${where}: unknown comparison "${k}" (use ${COND_OPS.join(', ')})`);
    } else if (k === 'in' && !Array.isArray(v)) {
      out.push(`${at}: "in" needs a list of values, not ${show(v)}`);
    } else if (['gt', 'gte', 'lt', 'lte'].includes(k) && typeof v !== 'number' && typeof v !== 'string') {
      out.push(`${at}: needs a number or an ISO time, not ${show(v)}`);
    } else if (k === 'contains' && (v === null || typeof v === 'object')) {
      out.push(`${at}: needs a text (or a number to find in a list of values), not ${show(v)}`);
    } else if (k === 'matches') {
      if (typeof v !== 'string') out.push(`${at}: needs a regular expression as text, not ${show(v)}`);
      else {
        try {
          new RegExp(v);
        } catch (e) {
          out.push(`${at}: ${show(v)} is not a valid regular expression (${(e as Error).message})`);
        }
      }
    }
  }
  return out;
}

function rowSetProblems(r: unknown, where: string, extra: string[]): string[] {
  if (!isObj(r)) return [`${where}: needs {"table": "...", "where": {...}}, not ${show(r)}`];
  const out = unknownKeys(r, ['table', 'where', ...extra], where);
  if (typeof r.table !== 'string' || !r.table) out.push(`${where}.table: needs a table name such as "dag_run"`);
  if (r.where !== undefined) {
    if (!isObj(r.where)) out.push(`${where}.where: needs {"column": condition, ...}, not ${show(r.where)}`);
    else for (const [k, c] of Object.entries(r.where)) out.push(...condProblems(c, `${where}.where.${k}`));
  }
  return out;
}

export function queryProblems(q: unknown, where: string): string[] {
  if (!isObj(q)) return [`${where}: a query is one of ${QUERY_FORMS}; got ${show(q)}`];
  const keys = Object.keys(q);
  const form = keys.find((k) => ['count', 'value', 'values', 'clock', 'sql'].includes(k));
  if (!form) return [`${where}: a query is one of ${QUERY_FORMS}; got ${show(q)}`];
  switch (form) {
    case 'count':
      return [...unknownKeys(q, ['count'], where), ...rowSetProblems(q.count, `${where}.count`, [])];
    case 'value': {
      const out = [...unknownKeys(q, ['value'], where), ...rowSetProblems(q.value, `${where}.value`, ['column', 'pick'])];
      if (isObj(q.value)) {
        if (typeof q.value.column !== 'string' || !q.value.column) out.push(`${where}.value.column: needs the column to read`);
        if (q.value.pick !== undefined && q.value.pick !== 'first' && q.value.pick !== 'last') out.push(`${where}.value.pick: "first" or "last", not ${show(q.value.pick)}`);
      }
      return out;
    }
    case 'values': {
      const out = [...unknownKeys(q, ['values'], where), ...rowSetProblems(q.values, `${where}.values`, ['column'])];
      if (isObj(q.values) && (typeof q.values.column !== 'string' || !q.values.column)) out.push(`${where}.values.column: needs the column to read`);
      return out;
    }
    case 'clock':
      return [...unknownKeys(q, ['clock'], where), ...(q.clock === true ? [] : [`${where}.clock: write {"clock": true}`])];
    default: {
      const out = unknownKeys(q, ['sql', 'rows'], where);
      if (typeof q.sql !== 'string' || !/^\s*(select|with)\b/i.test(q.sql)) out.push(`${where}.sql: needs a SELECT statement (a goal only reads the warehouse), not ${show(q.sql)}`);
      if (q.rows !== undefined && typeof q.rows !== 'boolean') out.push(`${where}.rows: true or false`);
      return out;
    }
  }
}

export function predicateProblems(p: unknown, where: string): string[] {
  if (!isObj(p)) return [`${where}: a goal is one of ${PREDICATE_FORMS}; got ${show(p)}`];
  if ('all' in p || 'any' in p) {
    const k = 'all' in p ? 'all' : 'any';
    const out = unknownKeys(p, [k], where);
    const list = p[k];
    if (!Array.isArray(list) || list.length === 0) return [...out, `${where}.${k}: needs a non-empty list of goals`];
    list.forEach((x, i) => out.push(...predicateProblems(x, `${where}.${k}[${i}]`)));
    return out;
  }
  if ('not' in p) return [...unknownKeys(p, ['not'], where), ...predicateProblems(p.not, `${where}.not`)];
  if ('query' in p) {
    const out = [...unknownKeys(p, ['query', 'is'], where), ...queryProblems(p.query, `${where}.query`)];
    if (!('is' in p)) out.push(`${where}: says what to query but not what it must be: add "is" (a value or {"gte": ...})`);
    else out.push(...condProblems(p.is, `${where}.is`));
    return out;
  }
  return [`${where}: a goal is one of ${PREDICATE_FORMS}; got ${show(p)}`];
}
