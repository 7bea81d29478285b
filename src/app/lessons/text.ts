// A lesson's en.md / ko.md split into its parts: the first line `# Title`, an intro, then per step
// a section opened by the line `<!-- step: id -->` and optionally one opened by `<!-- after: id -->`
// (shown once the goal is reached or the prediction revealed). Markers inside fenced code blocks
// are text. textProblems says what an author got wrong, naming the line.

export interface LessonText {
  title: string;
  intro: string;
  steps: Record<string, { body: string; after: string }>;
}

const MARKER = /^\s*<!--\s*(step|after)\s*:\s*([^\s>]+)\s*-->\s*$/;
/** a comment that was meant as a marker but is not one (a typo such as "<!-- setp: x -->" or "<!-- step x -->") */
function nearMarker(line: string): boolean {
  const w = /^\s*<!--\s*([a-z]+)/i.exec(line)?.[1]?.toLowerCase();
  return !!w && (distance(w, 'step') <= 2 || distance(w, 'after') <= 2);
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

interface Section {
  kind: 'step' | 'after';
  id: string;
  line: number;
  lines: string[];
}

function parse(md: string): { title: string | null; titleLine: number; intro: string[]; sections: Section[]; odd: { line: number; text: string }[] } {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && !lines[i]!.trim()) i++;
  const m = /^#\s+(.+?)\s*#*\s*$/.exec(lines[i] ?? '');
  const title = m ? m[1]! : null;
  const titleLine = i + 1;
  if (m) i++;
  const intro: string[] = [];
  const sections: Section[] = [];
  const odd: { line: number; text: string }[] = [];
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    // CommonMark: a fence closes on a line of the same character, at least as long, with nothing after it
    if (f && fence === null) fence = f[1]!;
    else if (f && f[1]![0] === fence![0] && f[1]!.length >= fence!.length && !f[2]!.trim()) fence = null;
    const mk = fence === null ? MARKER.exec(line) : null;
    if (mk) {
      sections.push({ kind: mk[1] as 'step' | 'after', id: mk[2]!, line: i + 1, lines: [] });
      continue;
    }
    if (fence === null && !f && nearMarker(line)) odd.push({ line: i + 1, text: line.trim() });
    (sections.length ? sections[sections.length - 1]!.lines : intro).push(line);
  }
  return { title, titleLine, intro, sections, odd };
}

const join = (lines: string[]) => lines.join('\n').trim();

/** The parts of a lesson text. Lenient: a missing title is "", a repeated section is appended. */
export function splitLessonText(md: string): LessonText {
  const p = parse(md);
  const steps: LessonText['steps'] = {};
  for (const s of p.sections) {
    const e = (steps[s.id] ??= { body: '', after: '' });
    const text = join(s.lines);
    if (s.kind === 'step') e.body = e.body ? `${e.body}\n\n${text}` : text;
    else e.after = e.after ? `${e.after}\n\n${text}` : text;
  }
  return { title: p.title ?? '', intro: join(p.intro), steps };
}

/** What is wrong with a lesson text for these step ids (in order); [] when fine. `file` names it ("en.md"). */
export function textProblems(md: string, stepIds: string[], file: string): string[] {
  const p = parse(md);
  const out: string[] = [];
  if (p.title === null) out.push(`${file}: the first line must be the title, "# Title"`);
  if (!join(p.intro)) out.push(`${file}: no intro between the title and the first <!-- step: ... --> line`);
  for (const o of p.odd) out.push(`${file}:${o.line}: ${JSON.stringify(o.text)} looks like a section marker but is not one; write <!-- step: id --> or <!-- after: id --> on its own line`);
  const seen = new Set<string>();
  for (const s of p.sections) {
    const key = `${s.kind}:${s.id}`;
    if (!stepIds.includes(s.id)) out.push(`${file}:${s.line}: <!-- ${s.kind}: ${s.id} --> names no step of lesson.json (steps: ${stepIds.join(', ')})`);
    else if (seen.has(key)) out.push(`${file}:${s.line}: a second <!-- ${s.kind}: ${s.id} --> section`);
    else if (s.kind === 'after' && !seen.has(`step:${s.id}`)) out.push(`${file}:${s.line}: <!-- after: ${s.id} --> comes before <!-- step: ${s.id} -->`);
    else if (!join(s.lines)) out.push(`${file}:${s.line}: the <!-- ${s.kind}: ${s.id} --> section is empty`);
    seen.add(key);
  }
  for (const id of stepIds) if (!seen.has(`step:${id}`)) out.push(`${file}: no <!-- step: ${id} --> section for step "${id}"`);
  // the steps' sections in lesson.json's order, so the text reads as the learner meets it
  const order = p.sections.filter((s) => s.kind === 'step' && stepIds.includes(s.id)).map((s) => s.id);
  const expected = stepIds.filter((id) => order.includes(id));
  if (order.join('\n') !== [...new Set(order)].join('\n') || [...new Set(order)].join('\n') !== expected.join('\n')) {
    if (!out.some((x) => x.includes('a second'))) out.push(`${file}: the step sections are in the order ${order.join(', ')}; lesson.json has ${stepIds.join(', ')}`);
  }
  return out;
}
