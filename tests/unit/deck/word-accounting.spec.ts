// The build checks itself: every word of a notes page reaches a slide or the presenter notes, and a
// word that does not is a warning at its line. A property test builds random pages from the notes
// format's constructs and checks that their words all reach the deck.
import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { composeDeck, type DeckContext } from '../../../scripts/deck/deck.ts';
import { emitMarpMarkdown } from '../../../scripts/deck/marp-markdown.ts';
import { wordsLeftOut } from '../../../scripts/deck/word-accounting.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { formatProblem } from '../../../scripts/problems.ts';

const context: DeckContext = {
  course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] },
  pages: new Map([['volumes', 'K8s Volumes']]),
  pictureFiles: new Set(['drawn.dot', 'photo.png']),
  diagramSources: new Map([['drawn.dot', '// alt: A drawing\ndigraph g { a }']]),
};

const compose = (text: string) => {
  const parsed = parsePage('notes/x.md', text);
  const { deck, problems } = composeDeck(parsed.page, context);
  return { deck, warnings: [...parsed.problems.warnings, ...problems.warnings].map(formatProblem) };
};

test('a deck that shows the whole page leaves nothing out', () => {
  const text = '<!--METADATA {"title": "Pods"} -->\n\n[[BACK](volumes.html)]\n\n[TOC]\n\n# Pods\n\nA Pod runs containers.\n\n<!-- Say it slowly. -->\n';
  const { deck, warnings } = compose(text);
  expect(warnings).toEqual([]);
  expect(wordsLeftOut(text, emitMarpMarkdown(deck))).toEqual([]);
});

test('words the deck lacks are named with their line', () => {
  const page = '# Pods\n\nA Pod runs containers.\n\nNodes run Pods.\n';
  expect(wordsLeftOut(page, '# Pods\n\nA Pod runs containers.\n')).toEqual([{ line: 5, words: ['Nodes', 'run', 'Pods'] }]);
});

test('text before the first topic is on no slide: a warning at its line', () => {
  const { warnings } = compose('<!--METADATA {"title": "Pods"} -->\n\n[[BACK](volumes.html)]\n\nAn introduction nobody sees.\n\n# Pods\n\nText.\n');
  expect(warnings).toEqual(['notes/x.md:5:1  warning: the slides leave out "An introduction nobody sees" — write it as a construct the notes format knows (see the README), or move it into a topic']);
});

test('text nested deeper than Marp reads (20 levels) is a warning at its line, not lost in silence', () => {
  const deep = `${'> '.repeat(25)}Deep text here.`;
  const { warnings } = compose(`<!--METADATA {"title": "Pods"} -->\n\n[[BACK](volumes.html)]\n\n# Pods\n\n${deep}\n`);
  expect(warnings).toEqual(['notes/x.md:7:1  warning: the slides leave out "Deep text here" — write it as a construct the notes format knows (see the README), or move it into a topic']);
});

/** A word of the page: letters only, so no word is a construct's syntax. */
const word = fc.stringMatching(/^[a-z]{3,9}$/);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((list) => list.join(' '));

/** The constructs of the notes format, each with random words. */
const construct = fc.oneof(
  words,
  words.map((w) => `**${w}** and _${w}_`),
  fc.array(words, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.array(fc.tuple(fc.boolean(), words), { minLength: 1, maxLength: 4 }).map((items) => items.map(([done, item]) => `- [${done ? 'x' : ' '}] ${item}`).join('\n')),
  fc.tuple(fc.constantFrom('note', 'tip', 'warning', 'danger', 'example'), words, words).map(([kind, title, body]) => `!!! ${kind} "${title}"\n    ${body}`),
  fc.tuple(fc.constantFrom('note', 'tip'), words).map(([kind, body]) => `??? ${kind}\n    ${body}`),
  fc.tuple(fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'), words).map(([kind, body]) => `> [!${kind}]\n> ${body}`),
  fc.tuple(words, words).map(([summary, body]) => `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`),
  words.map((w) => `Press <kbd>${w.split(' ')[0]}</kbd> then ${w} :rocket:`),
  words.map((w) => `The ==${w}== matters.`),
  words.map((w) => `## ${w}`),
  words.map((w) => `\`\`\`yaml\n${w}: 1\n\`\`\``),
  words.map((w) => `![${w}](pict/photo.png)`),
  words.map((w) => `<img src="pict/drawn.png" alt="${w}" style="float: right;" />`),
  words.map((w) => `<!-- ${w} -->`),
  words.map((w) => `| ${w} | cell |\n|---|---|\n| one | two |`),
);

test('the words of any page built from the constructs all reach the deck', () => {
  fc.assert(
    fc.property(fc.array(fc.array(construct, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.array(words, { maxLength: 3 }), (topics, notes) => {
      const referenced = notes.map((_, n) => ` see[^n${n}]`).join('');
      const body = topics.map((blocks, t) => [`# Topic ${t}`, ...(t === 0 && notes.length > 0 ? [`Notes${referenced}.`] : []), ...blocks].join('\n\n')).join('\n\n');
      const footnotes = notes.map((note, n) => `[^n${n}]: ${note}`).join('\n');
      const text = `<!--METADATA {"title": "Random"} -->\n\n[[BACK](volumes.html)]\n\n${body}\n\n${footnotes}\n`;
      const { deck, warnings } = compose(text);
      // node's assert inside a property (see properties.spec.ts).
      assert.deepEqual(warnings, []);
      assert.deepEqual(wordsLeftOut(text, emitMarpMarkdown(deck)), []);
    }),
    { numRuns: 150 },
  );
});
