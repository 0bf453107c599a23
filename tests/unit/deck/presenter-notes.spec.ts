// A presenter note is a note and nothing else: whatever it says, Marp shows it as the slide's note and
// never reads it as a directive (footer, theme, style, headingDivider, a slide's class…).
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import { html, options } from '../../../marp.config.mjs';
import { comment } from '../../../scripts/deck/marp-markdown.ts';

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
