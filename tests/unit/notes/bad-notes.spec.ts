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

/**
 * What each page must be told, by the parts that matter: where (line:col of the page), whether it only
 * warns, and the values the message must name (the offending text, the deck's fallback title, …).
 * Every problem has a hint too: what to do, after " — ".
 */
type Expected = [at: string, severity: 'error' | 'warning', names: string[]];
const NO_BACK: Expected = ['1:1', 'warning', ['BACK']];

const CATALOGUE: Record<string, Expected[]> = {
  'no-metadata': [['1:1', 'warning', ['METADATA', '"A topic"']], NO_BACK],
  'metadata-not-first': [['2:1', 'warning', ['METADATA', 'line 1']], NO_BACK],
  // Column 15: the unquoted name, where the JSON stops being JSON.
  'metadata-invalid-json': [['1:15', 'error', ['METADATA', 'JSON', "Expected property name or '}'"]], NO_BACK],
  // Text before the first topic is on no slide (the deck is named after the file: "title" is shown).
  'metadata-without-title': [['1:1', 'error', ['METADATA', '"title"']], NO_BACK, ['3:1', 'warning', ['leave out', '"No topics and no big"']]],
  timestamps: [
    ['7:1', 'error', ['"2:61:07"']],
    ['19:1', 'error', ['1:02:03', '3723', 't=1h2m4s']],
    ['23:1', 'warning', ['OtherVideo1', 'X48VuDVv0do']],
  ],
  pictures: [
    ['7:1', 'error', ['"pict/missing.png"']],
    ['11:1', 'error', ['"pict/photo.bmp"', 'BMP']],
  ],
  'back-not-a-page': [['3:1', 'error', ['"nowhere.html"', 'volumes.html', 'index.html']]],
  'back-missing': [NO_BACK],
  'toc-without-topics': [['1:1', 'warning', ['[TOC]']]],
  'duplicate-topics': [['11:1', 'warning', ['"Same"', 'line 7']]],
};

for (const [name, expected] of Object.entries(CATALOGUE)) {
  test(`bad notes: ${name}`, () => {
    const problems = problemsOf(name);
    expect(problems.map((p) => p.split('  ')[0]), problems.join('\n')).toEqual(expected.map(([at]) => `${F(name)}:${at}`));
    problems.forEach((problem, i) => {
      const [, severity, names] = expected[i]!;
      const [, text = ''] = problem.split(/^\S+ {2}/);
      expect(text.startsWith('warning: '), problem).toBe(severity === 'warning');
      for (const value of names) expect(text, problem).toContain(value);
      expect(text, problem).toMatch(/\S — \S/);
    });
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
