// Property test, measured in Chromium: topics made of random paragraphs, lists, code blocks and tables
// of random sizes always fit into slides — no problem reported, every slide fits, nothing lost. The
// seed is fixed, so a run is repeatable (a failure prints its seed and the page it found); FIT_SEED=N
// and FIT_RUNS=N explore others.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { launchChromium, closeChromium, type Chromium } from '../../../scripts/browser/chromium.ts';
import { requireBrowser } from '../../../scripts/browser/browser.ts';
import { composeDeck } from '../../../scripts/deck/deck.ts';
import { fitDeck } from '../../../scripts/deck/fit.ts';
import { emitMarpMarkdown, SETTINGS_ONLY } from '../../../scripts/deck/marp-markdown.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { openMeasurer, type Measurer } from '../../../scripts/render/measure.ts';
import { FontBook } from '../../../scripts/build/fonts.ts';
import { inspectSlide, TOLERANCE } from '../../../scripts/verify/checks.ts';
import { courseTheme } from '../../../scripts/render/theme.ts';

/** The course theme with fonts for every printable ASCII character (all these topics use), as the build makes them. */
async function theme(): Promise<string> {
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  return courseTheme(readFileSync('theme/course.css', 'utf8'), await (await FontBook.open()).faces(`${ascii}▶◀`, 'en'));
}

const WORDS = ['Pod', 'node', 'the', 'cluster', 'Service', 'routes', 'traffic', 'to', 'a', 'replica', 'volume', 'claim', 'kubelet', 'scheduler', 'runs', 'containers', 'with', 'labels', 'namespace', 'Deployment', 'rolls', 'out', 'images'];
const word = fc.constantFrom(...WORDS);
const sentence = fc.array(word, { minLength: 3, maxLength: 18 }).map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((sentences) => sentences.join(' '));
const list = fc
  .array(fc.tuple(sentence, fc.boolean()), { minLength: 1, maxLength: 24 })
  .map((items) => items.map(([text, nested]) => `- ${text}${nested ? `\n  - ${text}` : ''}`).join('\n'));
const codeLine = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 4 }), word, word).map(([depth, key, value]) => `${'  '.repeat(depth)}${key.toLowerCase()}: ${value}`),
  fc.constant(''),
  fc.constant('---'),
  fc.integer({ min: 100, max: 250 }).map((length) => `command: ${'kubectl get pods -o wide '.repeat(10).slice(0, length)}`),
);
const code = fc.array(codeLine, { minLength: 1, maxLength: 60 }).map((lines) => `\`\`\`yaml\n${lines.join('\n')}\n\`\`\``);
const table = fc.integer({ min: 2, max: 5 }).chain((columns) =>
  fc.array(fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 20 }).map((rows) => {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(Array.from({ length: columns }, (_, i) => `column ${i + 1}`)), line(Array.from({ length: columns }, () => '---')), ...rows.map((row) => line(row.map((cell) => cell.join(' '))))].join('\n');
  }),
);
// Sizes that take each kind of block over a slide and a half at most: a case costs seconds of measuring.
const topic = fc.array(fc.oneof(paragraph, list, code, table), { minLength: 1, maxLength: 3 });

let chromium: Promise<Chromium>;
let measurer: Measurer;
/** The pictures the fitting page serves, by path: a test adds its own. */
const pictures = new Map<string, string | Uint8Array>();

test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  chromium = requireBrowser().then(launchChromium);
  measurer = await openMeasurer(chromium, await theme(), pictures, new Map());
});

test.afterAll(async () => {
  await closeChromium(await chromium);
});

test('random topics of paragraphs, lists, code blocks and tables always fit, nothing lost', async () => {
  const context = { course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] }, pages: new Map<string, string>(), pictureFiles: new Set<string>(), diagramSources: new Map<string, string>() };
  const highlight = (code: string, lang: string) => Promise.resolve(measurer.marp.highlighter(code, lang, ''));
  await fc.assert(
    fc.asyncProperty(topic, async (blocks) => {
      const source = `<!--METADATA {"title": "T"} -->\n\n[[BACK](index.html)]\n\n# Random topic\n\n${blocks.join('\n\n')}\n`;
      const { deck } = composeDeck(parsePage('notes/t.md', source).page, context);
      const { deck: fitted, problems } = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown, highlight);
      // node's assert inside a property (see properties.spec.ts).
      assert.deepEqual(problems.list, []);
      const measured = await measurer.measure(emitMarpMarkdown(fitted));
      assert.deepEqual(measured.map((slide) => slide.fits), fitted.slides.map(() => true));
      // Every line of the topic's code, every table row, every sentence and list item is on a slide.
      const slides = emitMarpMarkdown(fitted);
      const lost: string[] = [];
      for (const line of blocks.join('\n').split('\n')) {
        if (/^(```|\| column|\|( --- \|)+)/.test(line) || line.trim() === '') continue;
        const parts = /^[-|]|^ {2}- /.test(line) ? [line] : line.split(/(?<=\.) /);
        lost.push(...parts.filter((part) => !slides.includes(part)));
      }
      assert.deepEqual(lost, []);
    }),
    { numRuns: Number(process.env.FIT_RUNS ?? 6), seed: Number(process.env.FIT_SEED ?? 3) },
  );
});

test('measurements asked at once, answered in one turn of the page, each answer the one its slides get alone', async () => {
  // Decks of 1 to 5 slides; the third and fifth slide of each overflow (60 list items), the others fit.
  const decks = [1, 2, 3, 4, 5].map((count) =>
    `${SETTINGS_ONLY}\n${Array.from({ length: count }, (_, i) => `# Slide ${i + 1}\n\n${Array.from({ length: i % 2 === 0 && i > 0 ? 60 : 2 }, (_, j) => `- item ${j + 1}`).join('\n')}\n`).join('\n---\n\n')}`,
  );
  const alone: boolean[][] = [];
  for (const deck of decks) alone.push((await measurer.measure(deck)).map((slide) => slide.fits));
  const atOnce = (await Promise.all(decks.map((deck) => measurer.measure(deck)))).map((slides) => slides.map((slide) => slide.fits));
  expect(alone).toEqual([[true], [true, true], [true, true, false], [true, true, false, true], [true, true, false, true, false]]);
  expect(atOnce).toEqual(alone);
});

test('a table keeps a short word whole beside a column of sentences; one whose whole words are wider than the slide wraps its cells anywhere and fits', async () => {
  const context = { course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] }, pages: new Map<string, string>(), pictureFiles: new Set<string>(), diagramSources: new Map<string, string>() };
  const fit = async (table: string) => {
    const source = `<!--METADATA {"title": "T"} -->\n\n[[BACK](index.html)]\n\n# Service types\n\n${table}\n`;
    const { deck } = composeDeck(parsePage('notes/t.md', source).page, context);
    const fitted = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown);
    const markdown = emitMarpMarkdown(fitted.deck);
    // Measured last, the fitted slides stay in the page: read back from there.
    const measured = await measurer.measure(markdown);
    return { ...fitted, markdown, measured };
  };
  const sentence = 'default; headless when clusterIP is None, which gives each Pod its own DNS record, used by StatefulSets for stable network identities';
  const short = await fit(['| Type | Notes |', '|---|---|', `| ClusterIP | ${sentence} |`, `| NodePort | ${sentence} |`].join('\n'));
  expect(short.problems.list).toEqual([]);
  expect(short.measured.map((slide) => slide.fits)).toEqual([true, true]);
  expect(short.markdown).not.toContain('wrap-tables');
  // Each first-column word on one line: its text's boxes share one top.
  const lines = await measurer.page.evaluate(() =>
    [...document.querySelectorAll('table td:first-child')].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return [cell.textContent, new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size];
    }),
  );
  expect(lines).toEqual([['ClusterIP', 1], ['NodePort', 1]]);

  const token = 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName';
  const wide = await fit(['| a | b | c | d |', '|---|---|---|---|', `| ${token} | ${token} | ${token} | ${token} |`].join('\n'));
  expect(wide.problems.list).toEqual([]);
  expect(wide.measured.map((slide) => slide.fits)).toEqual([true, true]);
  expect(wide.markdown).toContain('<!-- _class: topic wrap-tables -->');
});

test('a picture taller than a slide, alone in the flow at the end of a topic that is not the deck\'s last, is shrunk onto a slide of its own', async () => {
  // 300 × 900 px: taller than any slide's room. Not the last topic, so no BACK row below it.
  pictures.set('pict/tall.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="900"><rect width="300" height="900" fill="#1d4ed8"/></svg>');
  const context = { course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] }, pages: new Map<string, string>(), pictureFiles: new Set(['tall.svg']), diagramSources: new Map<string, string>() };
  const text = Array.from({ length: 8 }, (_, i) => `- Step ${i + 1}: the Ingress controller reads the rules and routes the request.`).join('\n');
  const source = `<!--METADATA {"title": "T"} -->\n\n[[BACK](index.html)]\n\n# Routing\n\n${text}\n\n![A tall drawing](pict/tall.svg)\n\n# Next topic\n\nMore.\n`;
  const { deck } = composeDeck(parsePage('notes/t.md', source).page, context);
  const { deck: fitted, problems } = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown);
  expect(problems.list).toEqual([]);
  expect((await measurer.measure(emitMarpMarkdown(fitted))).map((slide) => slide.fits)).toEqual(fitted.slides.map(() => true));
  // The picture is shown, on a slide of the topic.
  expect(fitted.slides.filter((slide) => slide.kind === 'topic' && emitMarpMarkdown({ ...fitted, slides: [slide] }).includes('pict/tall.svg'))).toHaveLength(1);
});

test('a long title: the title slide takes a smaller size that fits (to 36px), and the footer shortens it to one line clear of BACK and NEXT, which the verifier accepts', async () => {
  const context = { course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] }, pages: new Map<string, string>(), pictureFiles: new Set<string>(), diagramSources: new Map<string, string>() };
  const words = 'Services explained in depth with ClusterIP NodePort LoadBalancer ExternalName and kube-proxy'.split(' ');
  const fit = async (length: number) => {
    const title = Array.from({ length: 100 }, (_, i) => words[i % words.length]).join(' ').slice(0, length).trim();
    const source = `<!--METADATA {"title": "${title}"} -->\n\n[[BACK](index.html)]\n\n# Only topic\n\nText.\n`;
    const { deck } = composeDeck(parsePage('notes/t.md', source).page, context);
    const fitted = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown);
    const markdown = emitMarpMarkdown(fitted.deck);
    return { ...fitted, markdown, measured: await measurer.measure(markdown) };
  };
  const short = await fit(40);
  expect(short.markdown).toContain('<!-- _class: title -->');
  for (const [length, size] of [[260, 1], [420, 2]] as const) {
    const long = await fit(length);
    expect(long.problems.list, `${length}`).toEqual([]);
    expect(long.markdown, `${length}`).toContain(`<!-- _class: title long-title-${size} -->`);
    expect(long.measured.map((slide) => slide.fits), `${length}`).toEqual([true, true]);
  }
  // The last fitted deck is in the page: its topic slide's footer and BACK row, in the slide's pixels.
  const boxes = await measurer.page.evaluate(() => {
    const section = document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section')[1]!;
    const left = section.getBoundingClientRect().left;
    const footer = section.querySelector('footer')!.getBoundingClientRect();
    const back = section.querySelector('p.back-bottom')!.getBoundingClientRect();
    return { footerRight: footer.right - left, footerHeight: footer.height, backLeft: back.left - left };
  });
  expect(boxes.footerRight).toBeLessThan(boxes.backLeft);
  expect(boxes.footerHeight).toBeLessThan(30);
  const inspection = await measurer.page.evaluate(inspectSlide, { number: 2, tolerance: TOLERANCE });
  expect(inspection.shown).toBe(true);
  expect([...inspection.overflow, ...inspection.hidden]).toEqual([]);
});

test('a topic heading of four lines or more is made smaller (to 28px) on each of its slides; a heading of a line or two keeps its size', async () => {
  const context = { course: { title: 'Course', author: 'Author', videoId: 'X48VuDVv0do', chapters: [] }, pages: new Map<string, string>(), pictureFiles: new Set<string>(), diagramSources: new Map<string, string>() };
  const items = Array.from({ length: 14 }, (_, i) => `- Point ${i + 1}: how a Service finds the Pods it sends traffic to.`).join('\n');
  const fit = async (heading: string) => {
    const source = `<!--METADATA {"title": "T"} -->\n\n[[BACK](index.html)]\n\n# ${heading}\n\n${items}\n`;
    const { deck } = composeDeck(parsePage('notes/t.md', source).page, context);
    const fitted = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown);
    return { ...fitted, markdown: emitMarpMarkdown(fitted.deck) };
  };
  const long = await fit('How a Service finds its Pods: labels, selectors, EndpointSlices, kube-proxy in iptables mode and in IPVS mode, session affinity, external and internal traffic policy, topology aware routing, and what happens to open connections when a Pod is terminated during a rolling update');
  expect(long.problems.list).toEqual([]);
  const classes = [...long.markdown.matchAll(/<!-- _class: (topic[^>]*?) -->/g)].map((m) => m[1]);
  expect(classes.length).toBeGreaterThan(0);
  for (const line of classes) expect(line).toMatch(/\blong-heading-[12]\b/);
  expect((await measurer.measure(long.markdown)).every((slide) => slide.fits)).toBe(true);
  const short = await fit('How a Service finds its Pods');
  expect(short.markdown).not.toContain('long-heading');
});
