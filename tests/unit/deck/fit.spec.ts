import { expect, test } from '@playwright/test';
import type { Course } from '../../../scripts/notes/course.ts';
import { composeDeck } from '../../../scripts/deck/deck.ts';
import { fitDeck, type Measure } from '../../../scripts/deck/fit.ts';
import { emitMarpMarkdown } from '../../../scripts/deck/marp-markdown.ts';
import { parsePage } from '../../../scripts/notes/page.ts';

const course: Course = { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] };

function deckOf(body: string) {
  const source = `<!--METADATA {"title": "T"} -->\n\n[[BACK](index.html)]\n\n[TOC]\n\n${body}`;
  const context = { course, pages: new Map<string, string>(), pictureFiles: new Set<string>(['p.png']), diagramSources: new Map<string, string>() };
  return composeDeck(parsePage('notes/t.md', source).page, context).deck;
}

/** A stand-in for the browser: a slide holds `room` list items or paragraphs, and a code block of at most `codeLines` lines. */
function fakeMeasure(room: number, codeLines = 10): Measure {
  return (markdown) =>
    Promise.resolve(
      markdown
        .split('\n---\n')
        .slice(1)
        .map((slide) => {
          const body = slide.replace(/^<!--[\s\S]*?-->$/gm, '').replace(/^<p class=.*$/gm, '').replace(/^# .*$/m, '');
          const code = /```[\s\S]*?```/.exec(body)?.[0] ?? '';
          const dense = /dense-code-2/.test(slide) ? 2 : /dense-code-1/.test(slide) ? 1.5 : 1;
          const units = body.replace(/```[\s\S]*?```/, 'CODE').split(/\n+/).filter((line) => /^(- |\d+\. |[A-Za-z])/.test(line));
          const codeFits = code.split('\n').length - 2 <= codeLines * dense;
          const unitFits = units.map((unit, i) => i < room && (unit !== 'CODE' || codeFits));
          return { fits: unitFits.every(Boolean), wide: false, unitFits };
        }),
    );
}

const headingsOf = (markdown: string) => [...markdown.matchAll(/^# (.*)$/gm)].map((m) => m[1]);

test('a long list is split at item boundaries into continuation slides, each keeping the timestamp', async () => {
  const items = Array.from({ length: 7 }, (_, i) => `- item ${i + 1}`).join('\n');
  const deck = deckOf(`# Long\n\n[2:18](https://youtu.be/X48VuDVv0do?t=138)\n\n${items}\n\n# Short\n\nOne line.\n`);
  const { deck: fitted, problems } = await fitDeck(deck, fakeMeasure(3), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Long (1/3)', 'Long (2/3)', 'Long (3/3)', 'Short']);
  // The title slide links the chapter's start, and each of the three parts its topic's.
  expect(markdown.match(/t=138/g)).toHaveLength(4);
  // Items stay in order, none lost or repeated.
  expect([...markdown.matchAll(/^- (item \d+)$/gm)].map((m) => m[1])).toEqual(Array.from({ length: 7 }, (_, i) => `item ${i + 1}`));
  // Each slide takes every item that fits (3), not fewer: 3 + 3 + 1, never 2 + 2 + 3.
  const parts = markdown.split(/^# Long/m).slice(1).map((part) => part.split(/^# /m)[0]!);
  expect(parts.map((part) => (part.match(/^- item/gm) ?? []).length)).toEqual([3, 3, 1]);
  // The agenda links each topic to its first slide; BACK stays on the very last slide only.
  expect(markdown).toContain('1. [Long](#3)\n2. [Short](#6)');
  expect(fitted.slides.map((s) => (s.kind === 'topic' && s.back ? 'back' : '-'))).toEqual(['-', '-', '-', '-', '-', 'back']);
});

test('slides that fit are left as they are', async () => {
  const deck = deckOf('# A\n\nOne.\n\nTwo.\n');
  const { deck: fitted } = await fitDeck(deck, fakeMeasure(3), emitMarpMarkdown);
  expect(fitted).toEqual(deck);
});

test('a code block too long at the normal size gets smaller code, never smaller prose', async () => {
  const code = ['```yaml', ...Array.from({ length: 14 }, (_, i) => `key${i}: value`), '```'].join('\n');
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Manifest\n\nIntro.\n\n${code}\n`), fakeMeasure(3), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Manifest (1/2)', 'Manifest (2/2)']);
  expect(markdown).toMatch(/_class: topic dense-code-1 -->\n\n# Manifest \(2\/2\)/);
  expect(markdown).not.toMatch(/dense-code-\d -->\n\n# Manifest \(1\/2\)/);
});

test('a block that cannot fit even alone fails with its file and line', async () => {
  const code = ['```', ...Array.from({ length: 60 }, (_, i) => `line ${i}`), '```'].join('\n');
  const { problems } = await fitDeck(deckOf(`# Huge\n\n${code}\n`), fakeMeasure(3), emitMarpMarkdown);
  expect(problems.errors).toHaveLength(1);
  // At the code block's fence: line 9 of the page deckOf writes.
  expect(problems.errors[0]!.at).toEqual({ file: 'notes/t.md', line: 9, col: 1 });
  expect(problems.errors[0]!.message).toMatch(/does not fit/);
});

test('beside a picture column, a piece takes every item that still fits, though the first measurement says fewer', async () => {
  const items = Array.from({ length: 9 }, (_, i) => `- item ${i + 1}`).join('\n');
  const deck = deckOf(`# Pods\n\n<img src="pict/p.png" style="float: right;" />\n\n${items}\n`);
  // A slide holds 6 items, yet every measurement reports only its first 2 items inside, as a column
  // measured with more text under it does.
  const pessimistic: Measure = async (markdown) =>
    (await fakeMeasure(6)(markdown)).map((measure) => ({ ...measure, unitFits: measure.unitFits.map((_, i) => i < 2) }));
  const { deck: fitted, problems } = await fitDeck(deck, pessimistic, emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Pods (1/2)', 'Pods (2/2)']);
  const parts = markdown.split(/^# Pods/m).slice(1);
  expect(parts.map((part) => (part.match(/^- item/gm) ?? []).length)).toEqual([6, 3]);
  expect(parts[0]).toContain('pict/p.png');
  expect(parts[1]).not.toContain('pict/p.png');
});
