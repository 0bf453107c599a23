import { expect, test } from '@playwright/test';
import { composeDeck, type DeckContext } from '../../../scripts/deck/deck.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { formatProblem } from '../../../scripts/problems.ts';
import { Marp } from '@marp-team/marp-core';
import { html, options } from '../../../marp.config.mjs';
import { emitMarpMarkdown } from '../../../scripts/deck/marp-markdown.ts';

const context: DeckContext = {
  course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] },
  pages: new Map([['volumes', 'K8s Volumes'], ['statefulsets', 'K8s StatefulSets']]),
  pictureFiles: new Set(['drawn.dot', 'photo.png']),
  diagramSources: new Map([['drawn.dot', '// alt: A drawing\ndigraph g { a }']]),
};

const compose = (body: string) => composeDeck(parsePage('notes/statefulsets.md', `<!--METADATA {"title": "T"} -->\n\n${body}`).page, context);

test('a BACK target that is not a page of the course stops the build at its line', () => {
  const { problems } = compose('[[BACK](nowhere.html)]\n\n# A\n');
  expect(problems.errors.map((p) => p.at)).toEqual([{ file: 'notes/statefulsets.md', line: 3, col: 1 }]);
  // It names the target, and the pages BACK may lead to.
  const [message] = problems.errors.map(formatProblem);
  for (const name of ['"nowhere.html"', 'volumes.html', 'statefulsets.html', 'index.html']) expect(message).toContain(name);
});

test('BACK may lead to another page or to the course contents', () => {
  expect(compose('[[BACK](volumes.html)]\n\n# A\n').problems.errors).toEqual([]);
  expect(compose('[[BACK](index.html)]\n\n# A\n').problems.errors).toEqual([]);
});

test('a picture that exists nowhere stops the build at its line', () => {
  const { problems } = compose('[[BACK](volumes.html)]\n\n# A\n\n<img src="pict/missing.png" />\n');
  expect(problems.errors).toHaveLength(1);
  expect(problems.errors[0]!.at).toEqual({ file: 'notes/statefulsets.md', line: 7, col: 1 });
  expect(problems.errors[0]!.message).toContain('"pict/missing.png"');
});

test('a picture outside the picture folder (a path up, an absolute path, a subfolder) is an error that says so, at its line', () => {
  const { problems } = compose('[[BACK](volumes.html)]\n\n# A\n\n<img src="pict/../../../etc/hostname" />\n\n![x](/etc/hostname)\n\n![y](pict/sub/photo.png)\n');
  expect(problems.errors.map((p) => p.at.line)).toEqual([7, 9, 11]);
  ['pict/../../../etc/hostname', '/etc/hostname', 'pict/sub/photo.png'].forEach((src, i) => {
    expect(problems.errors[i]!.message).toContain(`"${src}"`);
    expect(problems.errors[i]!.message).toContain('not in the picture folder');
  });
});

test('pict/NAME.png is the file itself when it exists, else the diagram NAME.dot drawn as SVG', () => {
  const { deck } = compose('[[BACK](volumes.html)]\n\n# A\n\n<img src="pict/photo.png" alt="A photo" />\n\n# B\n\n<img src="pict/drawn.png" />\n');
  expect(deck.pictures.map((p) => [p.source, p.output, p.kind])).toEqual([
    ['photo.png', 'pict/photo.png', 'file'],
    ['drawn.dot', 'pict/drawn.svg', 'diagram'],
  ]);
  // Neither floats: each stands in the flow, as a figure of its own.
  const figures = deck.slides.flatMap((s) => (s.kind === 'topic' ? s.beside.flatMap((b) => b.parts) : []));
  expect(figures).toEqual(['<div class="figure">\n\n![A photo](pict/photo.png)\n\n</div>', '<div class="figure">\n\n![A drawing](pict/drawn.svg)\n\n</div>']);
});

test('a page without [TOC] has no agenda; without BACK it warns', () => {
  const { deck, problems } = compose('# A\n');
  expect(deck.slides.map((s) => s.kind)).toEqual(['title', 'topic']);
  expect(problems.warnings.map((p) => p.message)).toEqual(['the page has no BACK link']);
});

test('BACK names the deck it leads to by its title, on the first and on the last slide', () => {
  // The titles are the context's (the other pages' METADATA), never the file name.
  const { deck } = compose('[[BACK](volumes.html)]\n\n# A\n\ntext\n\n# B\n\ntext\n\n[[BACK](volumes.html)]\n');
  const backs = deck.slides.map((s) => (s.kind !== 'agenda' && s.back ? [s.back.href, s.back.title] : undefined));
  expect(backs).toEqual([['volumes.html', 'Back to K8s Volumes'], undefined, ['volumes.html', 'Back to K8s Volumes']]);
  const toContents = compose('[[BACK](index.html)]\n\n# A\n').deck.slides[0]!;
  expect(toContents.kind === 'title' && toContents.back).toMatchObject({ href: 'index.html', title: expect.stringMatching(/course contents/) });
});

test('comments before the first topic are the title slide\'s notes in Marp, a directive among them only a note; nothing is left out', () => {
  const { deck, problems } = compose('[[BACK](volumes.html)]\n\n<!-- Welcome: this chapter is about state. -->\n\n<!-- _backgroundColor: red -->\n\n# A\n\ntext\n');
  expect(problems.list).toEqual([]);
  const rendered = new Marp({ ...options, html, script: false }).render(emitMarpMarkdown(deck));
  // The first slide is the title slide; Marp gives each slide's notes in order.
  expect(rendered.comments[0]!.map((note) => note.replaceAll('\u200b', ''))).toEqual(['Welcome: this chapter is about state.', '_backgroundColor: red']);
  expect(rendered.html).not.toMatch(/background-color:\s*red/);
});
