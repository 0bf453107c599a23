// A presenter note is a note and nothing else: whatever it says, Marp shows it as the slide's note and
// never reads it as a directive (footer, theme, style, headingDivider, a slide's class…).
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import { html, options } from '../../../marp.config.mjs';
import { comment, noteText } from '../../../scripts/deck/marp-markdown.ts';

const NOTES = [
  'footer: ask who has used volumes before',
  'theme: gaia',
  'style: section { background: url(https://example.com/a.png) }',
  'headingDivider: 1',
  '_class: lead',
  'Plain words first: then\nfooter: on a later line',
  'a: 1\nfooter: x',
  '{footer: x}',
  '---\nfooter: y',
  '"footer": z',
  'paginate: false\n_backgroundColor: red',
];

for (const note of NOTES) {
  test(`the note ${JSON.stringify(note)} is a note of its slide, and no directive`, () => {
    const markdown = `---\nmarp: true\n---\n\n# One\n\n${comment(note)}\n\n---\n\n# Two\n`;
    const rendered = new Marp({ ...options, html, script: false }).render(markdown);
    expect(rendered.comments.map((notes) => notes.map((n) => n.replaceAll('\u200b', '')))).toEqual([[note.replaceAll('--', '-\u200b-').replaceAll('\u200b', '')], []]);
    expect((rendered.html.match(/<section/g) ?? []).length).toBe(2);
    expect(rendered.html).not.toContain('<footer');
    expect(rendered.html).not.toMatch(/class="lead"|background-color:red|data-theme="gaia"/);
    expect(rendered.css).not.toContain('example.com');
  });
}

test('a note Marp would not read as YAML is written as it is', () => {
  expect(comment('Say this. Then that.')).toBe('<!--\nSay this. Then that.\n-->');
});

test('a note\'s dashes reach Marp as written, so a command in it copies as one that runs; an arrow ending in > is read back as written', () => {
  const render = (note: string) => new Marp({ ...options, html, script: false }).render(`---\nmarp: true\n---\n\n# One\n\n${comment(note)}\n`).comments[0]!;
  expect(render('Run kubectl get pods --all-namespaces, then kubectl delete pod web --grace-period=0.')).toEqual(['Run kubectl get pods --all-namespaces, then kubectl delete pod web --grace-period=0.']);
  // `-->` would end the comment: Marp reads it with a zero-width space inside, the handout and the PowerPoint without.
  for (const note of ['Pod --> Service --> client', 'ends with an arrow -->', 'a longer one ---> here']) {
    const [read] = render(note);
    expect(read).not.toBe(note);
    expect(noteText(read!)).toBe(note);
  }
  expect(noteText(render('theme: gaia\nfooter: x').join('\n'))).toBe('theme: gaia\nfooter: x');
});
