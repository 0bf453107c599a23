// Property-based tests: whatever a notes page holds, the parser answers with a page or problems (it
// never throws), and every deck it makes is Marp Markdown that marp-core renders slide for slide.
// Inside a property, node's assert, not `expect`: each `expect` is a step Playwright reports to its
// runner (with a stack trace), a few thousand of them over a property's runs; fast-check reports the
// failing input with the assertion's message either way.
import assert from 'node:assert/strict';
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { externalLinksInNewTab, html, options, reuseThemeCss } from '../../marp.config.mjs';
import { composeDeck, type DeckContext } from '../../scripts/deck/deck.ts';
import { emitMarpMarkdown } from '../../scripts/deck/marp-markdown.ts';
import { parsePage, parsePageFile } from '../../scripts/notes/page.ts';
import { handlerTags, rawHtml } from '../support/markdown.ts';

const context: DeckContext = {
  course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] },
  pages: new Map([['volumes', 'K8s Volumes']]),
  pictureFiles: new Set(['drawn.dot']),
  diagramSources: new Map([['drawn.dot', '// alt: A drawing\ndigraph g { a }']]),
};

/** Pieces notes are made of, hostile and broken ones included, to be shuffled into pages. */
const piece = fc.oneof(
  fc.constantFrom(
    '<!--METADATA {"title": "T"} -->',
    '<!--METADATA {title} -->',
    '[[BACK](volumes.html)]',
    '[[BACK](javascript:alert(1))]',
    '[TOC]',
    '-'.repeat(100),
    '<p style="font-size: 40px; font-weight: bold;">Big</p>',
    '<img src="pict/drawn.png" style="float: right; margin: 0 0 25px 25px;" />',
    '<img src="https://example.com/x.png" onerror="alert(1)">',
    // Handlers after white space other than a space: HTML reads them as attributes all the same.
    'Text <span\tonclick="alert(1)">tab</span> and <b\nonmouseover="alert(1)">newline</b>.',
    '<div\ronclick="alert(1)">\n\nblock\n\n</div>',
    '<img src="pict/drawn.png"\fonerror="alert(1)" />',
    '<p style="clear: both;"></p>',
    '[2:58:38](https://youtu.be/X48VuDVv0do?t=10718)',
    '[2:61:07](https://youtu.be/X48VuDVv0do?t=1)',
    '<script>alert(1)</script>',
    '<!-- a note -->',
    '<!-- unclosed',
    '```yaml\na: 1\n```',
    '```\nunclosed code',
    '- item\n- item\n  - nested',
    '1. one\n2. two',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '> quote',
    'text\n---',
    '---\nmarp: false\n---',
    '<!-- _class: invert -->',
    '\t\tindented',
    'emoji 🚀, CJK 漢字, RTL עברית',
  ),
  fc.string().map((s) => `# ${s}`),
  fc.string(),
);
const pageSource = fc.array(piece, { maxLength: 25 }).map((pieces) => pieces.join('\n\n'));

test('the parser never throws: arbitrary Markdown gives a page and problems', () => {
  fc.assert(
    fc.property(fc.oneof(pageSource, fc.string(), fc.string({ unit: 'binary' })), (source) => {
      const { page, problems } = parsePage('notes/p.md', source);
      // A deck always has a title: METADATA's, the big title's, the first topic's or the file's name.
      assert.notEqual(page.title.trim(), '');
      const lines = source.replace(/\r\n?/g, '\n').split('\n').length;
      for (const problem of problems.list) {
        assert.equal(problem.at.file, 'notes/p.md');
        assert.ok(problem.at.line >= 1 && problem.at.line <= lines, `line ${problem.at.line} of a ${lines}-line page`);
      }
    }),
    { numRuns: 300 },
  );
});

test('arbitrary bytes give a page or a problem, never an exception', () => {
  // Bytes that are UTF-8 text (some of them blank) and bytes that are not, in about equal numbers.
  const text = fc.oneof(pageSource, fc.constantFrom('', ' \n\t\n', '\uFEFF')).map((s) => new TextEncoder().encode(s));
  const seen = { pages: 0, refused: 0 };
  fc.assert(
    fc.property(fc.oneof(text, fc.uint8Array({ maxLength: 400 })), (bytes) => {
      const parsed = parsePageFile('notes/p.md', bytes);
      // The notes format: a page is UTF-8 text that is not blank; anything else is one error, no page.
      let decoded: string | undefined;
      try {
        decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        decoded = undefined;
      }
      const isPage = decoded !== undefined && decoded.trim() !== '';
      assert.deepEqual([parsed.page !== undefined, parsed.page === undefined ? parsed.problems.errors.length : 0], [isPage, isPage ? 0 : 1]);
      seen[isPage ? 'pages' : 'refused']++;
    }),
    { numRuns: 300 },
  );
  expect(seen.pages).toBeGreaterThan(30);
  expect(seen.refused).toBeGreaterThan(30);
});

test('every emitted deck is Marp Markdown that marp-core renders into exactly its slides', () => {
  // As the project's Marp config sets marp-core up: the theme compiled into CSS once, not on every render.
  const marp = reuseThemeCss(new Marp({ ...options, html, script: false }).use(externalLinksInNewTab));
  fc.assert(
    fc.property(pageSource, (source) => {
      const { page } = parsePage('notes/p.md', source);
      const { deck } = composeDeck(page, context);
      const markdown = emitMarpMarkdown(deck);
      const rendered = marp.render(markdown);
      const sections = rendered.html.match(/<section\b/g) ?? [];
      assert.equal(sections.length, deck.slides.length);
      // Nothing of the page runs: no handler attribute and no script element from it — in the Marp
      // Markdown the build writes (slides/ opens in stock Marp), not only in what Marp's own filter lets through.
      assert.deepEqual(handlerTags(rawHtml(markdown)), []);
      assert.doesNotMatch(rendered.html, /<[a-z][^>]*\son[a-z]+=/i);
      assert.doesNotMatch(rendered.html, /<script/i);
    }),
    { numRuns: 200 },
  );
});
