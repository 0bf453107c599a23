// The catalogue of bad notes: each page of tests/fixtures/bad/ is reported at the exact file, line and
// column, with what is wrong and what to do. Warnings print; errors stop the build.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { composeDeck, type DeckContext } from '../../../scripts/deck/deck.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { formatProblem } from '../../../scripts/problems.ts';

const context: DeckContext = {
  course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] },
  pages: new Map([['volumes', 'K8s Volumes']]),
  pictureFiles: new Set(['photo.bmp', 'drawn.dot']),
  diagramSources: new Map([['drawn.dot', '// alt: A drawing\ndigraph g { a }']]),
};

function problemsOf(name: string): string[] {
  const file = `tests/fixtures/bad/${name}.md`;
  const { page, problems } = parsePage(file, readFileSync(file, 'utf8'));
  const composed = composeDeck(page, context);
  return [...problems.list, ...composed.problems.list].map(formatProblem);
}

const F = (name: string) => `tests/fixtures/bad/${name}.md`;

const CATALOGUE: Record<string, string[]> = {
  'no-metadata': [
    `${F('no-metadata')}:1:1  warning: the page has no METADATA comment; the deck is titled "A topic" — add <!--METADATA {"title": "Page title"} --> as line 1`,
    `${F('no-metadata')}:1:1  warning: the page has no BACK link — add [[BACK](previous.html)] at the top and the bottom of the page`,
  ],
  'metadata-not-first': [
    `${F('metadata-not-first')}:2:1  warning: METADATA is not on line 1 — move the METADATA comment to the first line of the page`,
    `${F('metadata-not-first')}:1:1  warning: the page has no BACK link — add [[BACK](previous.html)] at the top and the bottom of the page`,
  ],
  'metadata-invalid-json': [
    // Column 15: the unquoted name, where the JSON stops being JSON.
    `${F('metadata-invalid-json')}:1:15  METADATA is not valid JSON: Expected property name or '}' — write it as <!--METADATA {"title": "Page title"} --> (names and texts in double quotes, no comma after the last)`,
    `${F('metadata-invalid-json')}:1:1  warning: the page has no BACK link — add [[BACK](previous.html)] at the top and the bottom of the page`,
  ],
  'metadata-without-title': [
    `${F('metadata-without-title')}:1:1  METADATA has no "title", and no title to use instead — add "title": "Page title" to the METADATA JSON`,
    `${F('metadata-without-title')}:1:1  warning: the page has no BACK link — add [[BACK](previous.html)] at the top and the bottom of the page`,
  ],
  timestamps: [
    `${F('timestamps')}:7:1  timestamp label "2:61:07" is not a time — write it as H:MM:SS (minutes and seconds below 60)`,
    `${F('timestamps')}:19:1  timestamp label 1:02:03 is 3723 s but its link says t=1h2m4s (1:02:04) — correct whichever of the two is wrong, so both name the same second`,
    `${F('timestamps')}:23:1  warning: timestamp links video OtherVideo1, not the course's X48VuDVv0do — check the link`,
  ],
  pictures: [
    `${F('pictures')}:7:1  picture "pict/missing.png" exists nowhere — add it to the picture folder as NAME.dot (a Graphviz diagram) or as the image file itself, and reference it as pict/NAME.png`,
    `${F('pictures')}:11:1  picture "pict/photo.bmp" is a BMP file, which a deck cannot show — convert it to PNG, JPEG, GIF, WebP or SVG, or draw it as NAME.dot`,
  ],
  'back-not-a-page': [
    `${F('back-not-a-page')}:3:1  BACK target "nowhere.html" is not a page of the course — link to one of: volumes.html, index.html`,
  ],
  'back-missing': [`${F('back-missing')}:1:1  warning: the page has no BACK link — add [[BACK](previous.html)] at the top and the bottom of the page`],
  'toc-without-topics': [`${F('toc-without-topics')}:1:1  warning: [TOC] on a page without topics: there is no agenda to show — add # topics, or remove [TOC]`],
  'duplicate-topics': [
    `${F('duplicate-topics')}:11:1  warning: the topic "Same" is already on line 7 — give each topic its own heading (the agenda links to each by its slide)`,
  ],
};

for (const [name, expected] of Object.entries(CATALOGUE)) {
  test(`bad notes: ${name}`, () => {
    expect(problemsOf(name)).toEqual(expected);
  });
}

test('every page of the corpus is in the catalogue', () => {
  const pages = readdirSync('tests/fixtures/bad').map((f) => f.replace(/\.md$/, ''));
  expect(pages.sort()).toEqual(Object.keys(CATALOGUE).sort());
});

test('duplicate topic headings keep unique agenda links', () => {
  const file = F('duplicate-topics');
  const { deck } = composeDeck(parsePage(file, readFileSync(file, 'utf8')).page, context);
  const agenda = deck.slides.find((s) => s.kind === 'agenda');
  expect(agenda?.kind === 'agenda' && agenda.items.map((i) => i.topic)).toEqual([0, 1, 2]);
});
