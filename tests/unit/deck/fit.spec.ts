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

/**
 * A stand-in for the browser: a slide holds `room` rows. A list item, a table row (the header too) and
 * a paragraph of up to 20 words take a row each; a code line half a row (less with smaller code); a
 * table row or item holding HUGE 100 rows. Its units are list items, code lines, table body rows and
 * paragraphs, as the page's are.
 */
function fakeMeasure(room: number): Measure {
  return (markdown) =>
    Promise.resolve(
      markdown
        .replace(/^---\n[\s\S]*?\n---\n/, '')
        .split('\n\n---\n\n')
        .map((slide) => {
          const codeRow = /dense-2/.test(slide) ? 0.3 : /dense-1/.test(slide) ? 0.4 : 0.5;
          const body = slide.replace(/<!--[\s\S]*?-->/g, '').replace(/^<\/?(p|div)\b.*$/gm, '').replace(/^# .*$/m, '');
          const costs: number[] = [];
          let used = 0;
          let fence = false;
          let paragraph = false;
          let table = false;
          for (const line of body.split('\n').filter((l) => !l.startsWith('![')))  {
            const huge = /HUGE/.test(line) ? 100 : 1;
            if (!/^\|/.test(line)) table = false;
            if (/^(```|~~~)/.test(line)) [fence, paragraph] = [!fence, false];
            else if (fence) costs.push(codeRow);
            else if (/^\|/.test(line)) {
              if (!table) used += 1; // the header row
              else if (!/^\|[-| :]+\|$/.test(line)) costs.push(huge);
              table = true;
            } else if (/^(- |\d+\. )/.test(line)) [paragraph] = [false, costs.push(huge)];
            else if (line.trim() === '') paragraph = false;
            else if (!paragraph) [paragraph] = [true, costs.push(Math.ceil(line.split(/\s+/).length / 20) * huge)];
          }
          const unitFits = costs.map((cost) => (used += cost) <= room);
          return { fits: unitFits.every(Boolean), wide: false, unitFits };
        }),
    );
}

const headingsOf = (markdown: string) => [...markdown.matchAll(/^# (.*)$/gm)].map((m) => m[1]);
/** The text of each slide whose heading starts with `heading`: no heading, no HTML, no comments. */
const textsOf = (markdown: string, heading: string) =>
  markdown
    .split('\n\n---\n\n')
    .filter((slide) => slide.includes(`\n# ${heading}`))
    .map((slide) => slide.replace(/<!--[\s\S]*?-->/g, '').replace(/^# .*$/m, '').replace(/^<.*$/gm, '').trim());

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
  // The agenda links each topic to its first slide; BACK stays on the very last slide only.
  expect(markdown).toContain('1. [Long](#3)\n2. [Short](#6)');
  // Shared out evenly: no last slide with one item when 7 go 3, 2, 2.
  const counts = markdown.split(/^# Long/m).slice(1).map((part) => (part.match(/^- item/gm) ?? []).length);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  expect(fitted.slides.map((s) => (s.kind === 'topic' && s.back ? 'back' : '-'))).toEqual(['-', '-', '-', '-', '-', 'back']);
});

test('slides that fit are left as they are', async () => {
  const deck = deckOf('# A\n\nOne.\n\nTwo.\n');
  const { deck: fitted } = await fitDeck(deck, fakeMeasure(3), emitMarpMarkdown);
  expect(fitted).toEqual(deck);
});

/** The lines of each code block of the Markdown, with the fence's info string. */
const codeBlocks = (markdown: string) => [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)].map((m) => ({ lang: m[1], lines: m[2]!.split('\n') }));

test('a code block too long for a slide continues between its lines, each piece a whole block in its language', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => `line${i}: value`);
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Huge\n\n\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\n`), fakeMeasure(13), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  const blocks = codeBlocks(markdown);
  // 60 lines of half a row in slides of 13 rows: 26 lines a slide at the normal size (3 slides), 32 at 16px (2 slides): 16px, not 14px.
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Huge (1/2)', 'Huge (2/2)']);
  expect(markdown.match(/_class: topic( dense-\d)? -->/g)).toEqual(['_class: topic dense-1 -->', '_class: topic dense-1 -->']);
  expect(blocks.map((block) => block.lang)).toEqual(['yaml', 'yaml']);
  expect(blocks.flatMap((block) => block.lines)).toEqual(lines);
  // A quiet mark at each cut: the pieces stand in divs that say which side goes on.
  expect([...markdown.matchAll(/<div class="code-piece ([\w ]+)">/g)].map((m) => m[1])).toEqual(['continues', 'continued']);
});

test('smaller code is used where it saves a slide, never smaller prose', async () => {
  const lines = Array.from({ length: 24 }, (_, i) => `key${i}: value`);
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Manifest\n\nIntro.\n\n\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\n`), fakeMeasure(11), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  // At half a row a line the intro and 24 lines take 13 rows; at 0.4 a line, 10.6: one slide.
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Manifest']);
  expect(markdown).toMatch(/_class: topic dense-1 -->\n\n# Manifest\n/);
});

test('a code block is cut at a blank line or at its outermost indentation when one is a few lines before the fullest cut', async () => {
  const manifest = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', '  labels:', '    app: db', '    tier: data', '    team: storage', '    owner: ops', '    zone: a', '    ring: b', '    stage: c', '    spare: d', '    extra: e', '    more: f', '    last: g'];
  const lines = [...manifest, '---', ...manifest];
  const { deck: fitted } = await fitDeck(deckOf(`# Two documents\n\n\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\n`), fakeMeasure(9.5), emitMarpMarkdown);
  // 19 lines fit a slide (31 at 14px: 33 lines take 2 slides at any size); the YAML document separator (line 17) is within a few lines before.
  const blocks = codeBlocks(emitMarpMarkdown(fitted));
  expect(blocks[0]!.lines).toEqual(manifest);
  expect(blocks[1]!.lines[0]).toBe('---');
});

test('a code block is never cut inside a multi-line string, so every piece keeps the colours of the whole', async () => {
  const { default: hljs } = await import('highlight.js');
  const highlight = (code: string, language: string) => Promise.resolve(hljs.highlight(code, { language, ignoreIllegals: true }).value);
  const keys = (name: string) => Array.from({ length: 7 }, (_, i) => `  ${name}${i}: ${i}`);
  const lines = ['data:', ...keys('k'), '  script: |', ...Array.from({ length: 4 }, (_, i) => `    echo step ${i}`), ...keys('m')];
  const piecesOf = async (highlighter?: typeof highlight) => {
    const { deck: fitted } = await fitDeck(deckOf(`# Script\n\n\`\`\`yaml\n${lines.join('\n')}\n\`\`\`\n`), fakeMeasure(5), emitMarpMarkdown, highlighter);
    return codeBlocks(emitMarpMarkdown(fitted));
  };
  // Without the highlighter's word the even cut (10 lines each) falls inside the block scalar…
  expect((await piecesOf()).map((block) => block.lines[0])).toContain('    echo step 1');
  // …with it, no piece starts inside the string, and each piece highlighted alone gives the HTML of its lines in the whole block.
  const blocks = await piecesOf(highlight);
  expect(blocks.length).toBeGreaterThan(1);
  expect(blocks.flatMap((block) => block.lines)).toEqual(lines);
  for (const block of blocks) expect(block.lines[0]).not.toMatch(/^ {4}echo/);
  const whole = (await highlight(lines.join('\n'), 'yaml')).split('\n');
  let line = 0;
  for (const block of blocks) {
    expect((await highlight(block.lines.join('\n'), 'yaml')).split('\n')).toEqual(whole.slice(line, line + block.lines.length));
    line += block.lines.length;
  }
});

test('a long table continues between rows, its header row on every piece', async () => {
  const rows = Array.from({ length: 18 }, (_, i) => `| \`kubectl cmd${i}\` | does ${i} |`);
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Cheats\n\n| command | what |\n|---|---|\n${rows.join('\n')}\n`), fakeMeasure(8), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  // 18 rows, 7 a slide under the header: 3 slides, shared 6 a slide.
  expect(headingsOf(markdown)).toEqual(['T', 'Agenda', 'Cheats (1/3)', 'Cheats (2/3)', 'Cheats (3/3)']);
  const parts = markdown.split(/^# Cheats/m).slice(1);
  for (const part of parts) expect(part).toContain('| command | what |\n|---|---|\n');
  expect(parts.map((part) => (part.match(/^\| `kubectl/gm) ?? []).length)).toEqual([6, 6, 6]);
  expect(markdown.match(/^\| `kubectl.*$/gm)).toEqual(rows);
});

test('a long paragraph continues between sentences', async () => {
  const sentences = Array.from({ length: 12 }, (_, i) => `Sentence ${i} tells the class about Pods, their containers and the volumes they mount.`);
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Prose\n\n${sentences.join(' ')}\n`), fakeMeasure(3), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  expect(headingsOf(markdown).length).toBeGreaterThan(3);
  const paragraphs = textsOf(markdown, 'Prose');
  expect(paragraphs.join(' ').split(/(?<=\.) /)).toEqual(sentences);
  for (const paragraph of paragraphs) expect(paragraph).toMatch(/^Sentence \d+ [\s\S]*\.$/);
});

test('a cut goes before a subheading near the fullest cut, and never leaves a subheading last on a slide', async () => {
  const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => `- item ${from + i}`).join('\n');
  const deck = deckOf(`# Topic\n\n${items(1, 4)}\n\n## Second part\n\n${items(5, 4)}\n\n## Third part\n\n${items(9, 1)}\n`);
  // 11 rows, 7 a slide: the even cut is after item 5 or 6, the subheading's before item 5 is near enough.
  const { deck: fitted } = await fitDeck(deck, fakeMeasure(7), emitMarpMarkdown);
  const parts = textsOf(emitMarpMarkdown(fitted), 'Topic');
  expect(parts).toHaveLength(2);
  expect(parts[1]).toMatch(/^## Second part/);
  for (const part of parts) expect(part).not.toMatch(/## [\w ]+$/);
});

test('only what cannot be placed at all is an error, at its line', async () => {
  const { problems } = await fitDeck(deckOf(`# Huge\n\n- a\n- HUGE item\n- c\n`), fakeMeasure(3), emitMarpMarkdown);
  expect(problems.errors).toHaveLength(1);
  expect(problems.errors[0]).toMatchObject({ at: { file: 'notes/t.md', line: 9, col: 1 }, message: 'this part of the block is taller than a slide even alone' });
});

test('slides fitted at once keep their order, and their problems the order of the slides', async () => {
  // The first topic's measurements answer later than the second's: its problem is found last.
  const measure = fakeMeasure(3);
  const slowFirst: Measure = async (markdown) => {
    if (markdown.includes('# First') && !markdown.includes('# Second')) await new Promise((resolve) => setTimeout(resolve, 20));
    return measure(markdown);
  };
  const { deck: fitted, problems } = await fitDeck(deckOf(`# First\n\n- a\n- HUGE one\n- c\n\n# Second\n\n- d\n- HUGE two\n- f\n`), slowFirst, emitMarpMarkdown);
  expect(problems.errors.map((problem) => problem.at.line)).toEqual([9, 15]);
  expect([...emitMarpMarkdown(fitted).matchAll(/^- (.*)$/gm)].map((m) => m[1])).toEqual(['a', 'HUGE one', 'c', 'd', 'HUGE two', 'f']);
});

test('inside a call-out box too, only what cannot be placed at all is an error, at the line of the box', async () => {
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Huge\n\n!!! note "Checks"\n    - a\n    - HUGE item\n    - c\n`), fakeMeasure(3), emitMarpMarkdown);
  expect(problems.errors).toHaveLength(1);
  expect(problems.errors[0]).toMatchObject({ at: { file: 'notes/t.md', line: 9, col: 1 }, message: 'this part of the block is taller than a slide even alone' });
  expect([...emitMarpMarkdown(fitted).matchAll(/^- (.*)$/gm)].map((m) => m[1])).toEqual(['a', 'HUGE item', 'c']);
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

test('a call-out box too long for a slide continues between its blocks and items, each piece a box of its kind and title', async () => {
  const items = Array.from({ length: 30 }, (_, i) => `    - check ${i + 1}`).join('\n');
  const body = `!!! warning "Before an upgrade"\n    Read this first.\n\n${items}\n\n    > [!TIP]\n    > Keep it near the runbook.\n\nAfter the box.\n`;
  const { deck: fitted, problems } = await fitDeck(deckOf(`# Upgrade\n\n${body}`), fakeMeasure(12), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const markdown = emitMarpMarkdown(fitted);
  const headings = headingsOf(markdown).filter((heading) => heading!.startsWith('Upgrade'));
  expect(headings.length).toBeGreaterThanOrEqual(3);
  // Every piece of the topic is a warning box with the title; the later ones say they go on, and the cut edges are marked.
  const slides = markdown.split('\n\n---\n\n').filter((slide) => slide.includes('\n# Upgrade'));
  const last = slides.findIndex((slide) => slide.includes('Keep it near the runbook.'));
  expect(last).toBeGreaterThanOrEqual(1);
  slides.slice(0, last + 1).forEach((slide, k) => {
    const box = /<div class="callout warning([\w ]*)">\n<p class="callout-title">([^<]*)<\/p>/.exec(slide);
    expect(box, `slide ${k + 1}`).not.toBeNull();
    expect(box![2]).toBe(k === 0 ? 'Before an upgrade' : 'Before an upgrade (continued)');
    expect(box![1]!.trim().split(' ').filter(Boolean)).toEqual([...(k > 0 ? ['continued'] : []), ...(k < last ? ['continues'] : [])]);
    // Each box is closed on its slide: as many <div as </div>.
    expect((slide.match(/<div\b/g) ?? []).length).toBe((slide.match(/<\/div>/g) ?? []).length);
  });
  // Nothing lost, nothing repeated, in order; the nested tip stays a box inside the warning.
  expect([...markdown.matchAll(/^- (check \d+)$/gm)].map((m) => m[1])).toEqual(Array.from({ length: 30 }, (_, i) => `check ${i + 1}`));
  expect(markdown.match(/Read this first\./g)).toHaveLength(1);
  expect(markdown).toMatch(/<div class="callout tip">\n<p class="callout-title">Tip<\/p>\n\nKeep it near the runbook\.\n\n<\/div>\n\n<\/div>/);
  expect(markdown.match(/After the box\./g)).toHaveLength(1);
});

test('beside a picture column, a first piece that ends with the column\'s text is found by the first measurement after the whole slide\'s', async () => {
  const below = Array.from({ length: 12 }, (_, i) => `- step ${i + 1}`).join('\n');
  const beside = Array.from({ length: 5 }, (_, i) => `- point ${i + 1}`).join('\n');
  // The list before the picture in the notes is shown below the column, the one after it beside it.
  const deck = deckOf(`# Pods\n\n${below}\n\n<img src="pict/p.png" style="float: right;" />\n\n${beside}\n`);
  // A slide holds 5 items: the first piece is the column's text. Measured with items below it, the
  // column's text says it stops fitting after 2 of its items, squeezed by them.
  const asked: number[][] = [];
  const measure: Measure = async (markdown) => {
    const slides = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n\n---\n\n');
    asked.push(slides.map((slide) => (slide.match(/^- /gm) ?? []).length));
    return (await fakeMeasure(5)(markdown)).map((m, i) => (slides[i]!.includes('pict/p.png') && m.unitFits.length > 5 ? { ...m, unitFits: m.unitFits.map((_, j) => j < 2) } : m));
  };
  const { deck: fitted, problems } = await fitDeck(deck, measure, emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  const parts = emitMarpMarkdown(fitted).split(/^# Pods/m).slice(1);
  expect(parts.map((part) => [(part.match(/^- point/gm) ?? []).length, (part.match(/^- step/gm) ?? []).length])).toEqual([[5, 0], [0, 5], [0, 5], [0, 2]]);
  // After the deck and the whole topic are measured, the first cuts tried are those of 5 and 6 items
  // (the column's text, and one more): the first piece is known from them.
  const first = asked.findLastIndex((counts) => counts.includes(17)) + 1;
  expect(asked[first]).toEqual(expect.arrayContaining([5, 6]));
});
