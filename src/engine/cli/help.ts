// argparse's usage line and help text for a parser (format_usage / format_help), without
// rich-argparse's colours and line wrapping.
import type { Action, Parser } from './argparse.ts';

function metavarOf(a: Action): string {
  if (a.metavar) return a.metavar;
  if (a.choices && a.kind !== 'parsers') return '{' + a.choices.join(',') + '}';
  return a.optionStrings.length ? a.dest.toUpperCase() : a.dest;
}

export function usageOf(p: Parser): string {
  const parts: string[] = [];
  for (const a of p.actions.filter((x) => x.optionStrings.length)) {
    if (a.kind === 'boolean_optional') {
      parts.push(`[${a.optionStrings.join(' | ')}]`);
      continue;
    }
    let s = a.optionStrings[0]!;
    if (a.nargs !== 0) s += ' ' + metavarOf(a);
    parts.push(a.required ? s : `[${s}]`);
  }
  for (const a of p.actions.filter((x) => !x.optionStrings.length)) {
    const m = metavarOf(a);
    parts.push(a.kind === 'parsers' ? `${m} ...` : a.nargs === '?' ? `[${m}]` : m);
  }
  return `usage: ${p.prog} ${parts.join(' ')}`.trimEnd();
}

export function helpOf(p: Parser): string {
  const lines = [usageOf(p), ''];
  if (p.description) lines.push(p.description, '');
  const fmt = (left: string, help: string) => {
    const l = '  ' + left;
    return l.length <= 22 ? (l.padEnd(24) + help).trimEnd() : `${l}\n${' '.repeat(24)}${help}`.trimEnd();
  };
  const positionals = p.actions.filter((a) => !a.optionStrings.length);
  if (positionals.length) {
    lines.push('Positional Arguments:');
    for (const a of positionals) {
      if (a.kind === 'parsers') {
        lines.push(fmt(metavarOf(a), ''));
        for (const [name, child] of p.subparsers) lines.push(fmt('  ' + name, child.def?.help ?? ''));
      } else lines.push(fmt(metavarOf(a), a.help ?? ''));
    }
    lines.push('');
  }
  lines.push('Options:');
  for (const a of p.actions.filter((x) => x.optionStrings.length)) {
    const left = a.optionStrings.map((o) => (a.nargs === 0 ? o : `${o} ${metavarOf(a)}`)).join(', ');
    lines.push(fmt(left, a.help ?? ''));
  }
  return lines.join('\n');
}
