// `--output yaml`: airflow.utils.yaml.dump = PyYAML's SafeDumper with its defaults
// (block style, sort_keys=True, indentless sequences in mappings, allow_unicode=False).
// Scalars are plain unless PyYAML's resolvers would read them as something else
// (bools, ints, floats, nulls, timestamps) or they hold indicators; then quoted.

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

function resolvesToNonStr(s: string): boolean {
  return BOOL.test(s) || FLOAT.test(s) || INT.test(s) || NULL.test(s) || TIMESTAMP.test(s) || s === '<<' || s === '=';
}

function needsDoubleQuotes(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') continue;
    if (c < 0x20 || c > 0x7e) return true; // not printable ASCII (allow_unicode=False)
  }
  return false;
}

/** PyYAML Emitter.analyze_scalar, block context: may the scalar be written plain? */
function plainAllowed(s: string): boolean {
  if (s === '' || resolvesToNonStr(s)) return false;
  if (/^\s|\s$/.test(s) || s.includes('\n')) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const followedBySpace = i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) return false;
      if ((ch === '?' || ch === ':' || ch === '-') && followedBySpace) return false;
    } else {
      if (ch === ':' && followedBySpace) return false;
      if (ch === '#' && (s[i - 1] === ' ' || s[i - 1] === '\t')) return false;
    }
  }
  return true;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c > 0x7e && c <= 0xff)) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c > 0xff && c <= 0xffff) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else if (c > 0xffff) out += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
    else out += ch;
  }
  return out + '"';
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (needsDoubleQuotes(s) || s.includes('\n')) return doubleQuoted(s);
  if (plainAllowed(s)) return s;
  return "'" + s.replace(/'/g, "''") + "'";
}

function isCollection(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function emit(v: unknown, indent: number, lines: string[], inSeq: boolean): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && !isEmpty(item)) {
        const sub: string[] = [];
        emit(item, indent + 2, sub, true);
        lines.push(pad + '- ' + sub[0]!.slice(indent + 2), ...sub.slice(1));
      } else lines.push(pad + '- ' + (isCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)));
    }
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  void inSeq;
  for (const [k, x] of entries) {
    const key = scalar(k);
    if (isCollection(x) && !isEmpty(x)) {
      lines.push(`${pad}${key}:`);
      // PyYAML writes sequences inside mappings without extra indentation
      emit(x, Array.isArray(x) ? indent : indent + 2, lines, false);
    } else lines.push(`${pad}${key}: ${isCollection(x) ? (Array.isArray(x) ? '[]' : '{}') : scalar(x)}`);
  }
}

export function yamlDump(data: unknown): string[] {
  if (isCollection(data) && isEmpty(data)) return [Array.isArray(data) ? '[]' : '{}'];
  const lines: string[] = [];
  emit(data, 0, lines, false);
  return lines;
}
