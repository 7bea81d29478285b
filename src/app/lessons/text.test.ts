// splitLessonText and textProblems: the en.md / ko.md format of lessons/README.md.
import { describe, expect, it } from 'vitest';
import { splitLessonText, textProblems } from './text.ts';

const md = `# Retries

Tasks fail; Airflow tries again.

<!-- step: first -->
Trigger the DAG.

\`\`\`bash
<!-- step: inside-a-fence -->
airflow dags trigger etl
\`\`\`

<!--after: first-->
It failed twice.

<!-- step: second -->
Clear it.
`;

describe('splitLessonText', () => {
  it('splits title, intro, step bodies and after sections; markers in code blocks are text', () => {
    const t = splitLessonText(md);
    expect(t.title).toBe('Retries');
    expect(t.intro).toBe('Tasks fail; Airflow tries again.');
    expect(Object.keys(t.steps)).toEqual(['first', 'second']);
    expect(t.steps.first!.body).toBe('Trigger the DAG.\n\n```bash\n<!-- step: inside-a-fence -->\nairflow dags trigger etl\n```');
    expect(t.steps.first!.after).toBe('It failed twice.');
    expect(t.steps.second).toEqual({ body: 'Clear it.', after: '' });
  });

  it('follows CommonMark fences: a longer fence holds shorter ones', () => {
    const t = splitLessonText('# T\n\nIntro\n\n<!-- step: a -->\n````markdown\n```bash\n<!-- step: b -->\n```\n````\n<!-- step: c -->\nC');
    expect(Object.keys(t.steps)).toEqual(['a', 'c']);
  });

  it('reads Windows line ends', () => {
    expect(splitLessonText(md.replace(/\n/g, '\r\n')).steps.second!.body).toBe('Clear it.');
  });
});

describe('textProblems', () => {
  it('finds nothing wrong with a good text', () => {
    expect(textProblems(md, ['first', 'second'], 'en.md')).toEqual([]);
  });

  it('names the file, the line and the step', () => {
    expect(textProblems('# T\n\n<!-- step: a -->\nA', ['a'], 'en.md')).toEqual(['en.md: no intro between the title and the first <!-- step: ... --> line']);
    // an ordinary comment is not mistaken for a marker
    expect(textProblems('# T\n\nIntro\n<!-- TODO: more -->\n<!-- step: a -->\nA', ['a'], 'en.md')).toEqual([]);
    const bad = `Retries\n\n<!-- step: first -->\nA\n<!-- setp: second -->\nB\n<!-- after: third -->\nC\n<!-- step: first -->\nD\n`;
    expect(textProblems(bad, ['first', 'second'], 'ko.md')).toEqual([
      'ko.md: the first line must be the title, "# Title"',
      'ko.md:5: "<!-- setp: second -->" looks like a section marker but is not one; write <!-- step: id --> or <!-- after: id --> on its own line',
      'ko.md:7: <!-- after: third --> names no step of lesson.json (steps: first, second)',
      'ko.md:9: a second <!-- step: first --> section',
      'ko.md: no <!-- step: second --> section for step "second"',
    ]);
  });

  it('wants the step sections in lesson.json\'s order, after sections after their step, none empty', () => {
    const t = `# T\n\nIntro\n\n<!-- after: b -->\nx\n<!-- step: b -->\nB\n<!-- step: a -->\n\n`;
    expect(textProblems(t, ['a', 'b'], 'en.md')).toEqual([
      'en.md:5: <!-- after: b --> comes before <!-- step: b -->',
      'en.md:9: the <!-- step: a --> section is empty',
      'en.md: the step sections are in the order b, a; lesson.json has a, b',
    ]);
  });
});
