// Notes pages shaped like people's real Kubernetes notes (tests/fixtures/real/): long manifests, an
// 80-line Helm values file, wide `kubectl get pods -o wide` output, cheat-sheet tables, a 200-word
// paragraph, a 25-topic page, call-out boxes longer than a slide. Each builds; every slide fits its content box, measured in Chromium; every
// word of the page is on a slide or in the presenter notes; no continuation slide is under a third full.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { courseFolder, run } from '../support/commands.ts';

const NOTES = 'tests/fixtures/real';
const PAGES = readdirSync(NOTES)
  .filter((file) => file.endsWith('.md'))
  .map((file) => file.replace(/\.md$/, ''));

let out = '';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  out = mkdtempSync(join(tmpdir(), 'real-'));
  const built = await run('cli', [...courseFolder(NOTES, out), '--pict', 'pict', '--no-pdf']);
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toMatch(/error|warning/i);
});

test('the corpus holds the pages it is meant to', () => {
  expect(PAGES.sort()).toEqual(['architecture', 'cheatsheet', 'components', 'deployments', 'helm', 'kubectl', 'services']);
  const source = (name: string) => readFileSync(join(NOTES, `${name}.md`), 'utf8');
  const codeLines = (text: string) => [...text.matchAll(/^```\w*\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!.split('\n'));
  expect(Math.max(...codeLines(source('deployments')).map((lines) => lines.length))).toBeGreaterThanOrEqual(60);
  expect(codeLines(source('helm')).map((lines) => lines.length)).toContain(80);
  const wide = codeLines(source('kubectl')).flat().filter((line) => line.length >= 130);
  expect(wide.length).toBeGreaterThanOrEqual(8);
  expect(Math.max(...wide.map((line) => line.length))).toBeLessThanOrEqual(250);
  expect((source('components').match(/^# /gm) ?? []).length).toBe(25);
  const longest = Math.max(...source('services').split(/\n\n/).map((paragraph) => paragraph.split(/\s+/).length));
  expect(longest).toBeGreaterThanOrEqual(200);
  // A warning admonition of 30 checklist items, a GitHub note of five paragraphs, a <details> with a list, code and prose.
  const architecture = source('architecture');
  expect(/^!!! warning "[^"]+"\n((?: {4}- .*\n)+)/m.exec(architecture)![1]!.split('\n').filter(Boolean)).toHaveLength(30);
  expect(/^> \[!NOTE\]\n((?:>.*\n)+)/m.exec(architecture)![1]!.split('\n>\n')).toHaveLength(5);
  expect(/<details>[\s\S]*```console[\s\S]*<\/details>/.test(architecture)).toBe(true);
});

/** The words of a notes page as its reader sees them: no markup, no link targets, no page decoration. */
function pageWords(markdown: string): string[] {
  const text = markdown
    .replace(/^<!--METADATA.*-->$/m, '')
    // A call-out's type is markup: its quoted title, else its kind, is the box's title.
    .replace(/^\s*(!!!|\?\?\?\+?) \w+ (?=")/gm, '')
    .replace(/^\s*>\s?\[!\w+\]$/gm, '')
    // An ordered list's numbers are drawn by the list, not text.
    .replace(/^(\s*)\d+\. /gm, '$1')
    .replace(/^\[TOC\]$/m, '')
    .replace(/^(```|~~~)\w*$/gm, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[a-z][^>]*>|<\/[a-z]+>/gi, ' ')
    .replace(/<!--|-->/g, ' ');
  return text.match(/[A-Za-z0-9]+/g) ?? [];
}

function counts(words: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

for (const name of PAGES) {
  test(`${name}: every slide fits, nothing is lost, no continuation slide is under a third full`, async ({ browser }) => {
    // Without JavaScript every slide of the deck is laid out at once, as stock Marp shows them.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`file://${join(out, 'dist', `${name}.html`)}`);
    await page.evaluate(() => document.fonts.ready);
    const slides = await page.locator('svg[data-marpit-svg] > foreignObject > section').evaluateAll((sections) =>
      sections.map((section) => {
        const box = section.getBoundingClientRect();
        const scale = box.width / (section as HTMLElement).offsetWidth;
        const style = getComputedStyle(section);
        const content = {
          left: box.left + parseFloat(style.paddingLeft) * scale,
          right: box.right - parseFloat(style.paddingRight) * scale,
          bottom: box.bottom - parseFloat(style.paddingBottom) * scale,
        };
        // Marp's footer and the bottom BACK button stand in the padding on purpose.
        const outside = [...section.querySelectorAll('*')]
          .filter((element) => !element.closest('header, footer, p.back-bottom'))
          .filter((element) => {
            const r = element.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return false;
            return r.top < box.top - 1 || r.bottom > content.bottom + 1 || r.left < content.left - 1 || r.right > content.right + 1;
          })
          .map((element) => element.tagName + (element.textContent ?? '').slice(0, 40));
        const scrolled = [...section.querySelectorAll('pre, table, p, li')].filter((e) => e.scrollWidth > e.clientWidth + 1).length;
        const heading = section.querySelector('h1');
        const below = [...section.children].filter((e) => !e.matches('h1, header, footer, p.timestamp, p.back-bottom'));
        const top = heading ? heading.getBoundingClientRect().bottom : box.top;
        const bottom = Math.max(top, ...below.map((e) => e.getBoundingClientRect().bottom));
        return { heading: heading?.textContent ?? '', outside, scrolled, full: (bottom - top) / (content.bottom - top), text: section.textContent ?? '' };
      }),
    );
    const notes = await page.locator('.bespoke-marp-note').allTextContents();
    await context.close();

    expect(slides.length).toBeGreaterThan(2);
    for (const slide of slides) {
      expect(slide.outside, `${name}: "${slide.heading}"`).toEqual([]);
      expect(slide.scrolled, `${name}: "${slide.heading}"`).toBe(0);
    }
    const continued = slides.filter((slide) => /\(\d+\/\d+\)$/.test(slide.heading));
    for (const slide of continued) expect(slide.full, `${name}: "${slide.heading}"`).toBeGreaterThanOrEqual(1 / 3);

    const shown = counts([...slides.map((slide) => slide.text), ...notes].join(' ').match(/[A-Za-z0-9]+/g) ?? []);
    const missing = [...counts(pageWords(readFileSync(join(NOTES, `${name}.md`), 'utf8')))].filter(([word, count]) => (shown.get(word) ?? 0) < count);
    expect(missing, `${name}: words of the page found fewer times in the deck`).toEqual([]);
  });
}

test('a long code line wraps inside its box beside a drawn mark, and copying gives the line as written', async ({ browser }) => {
  const source = readFileSync(join(NOTES, 'kubectl.md'), 'utf8');
  const lines = /```console\n([\s\S]*?)\n```/.exec(source)![1]!.split('\n');
  expect(Math.max(...lines.map((line) => line.length))).toBeGreaterThan(180);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`file://${join(out, 'dist', 'kubectl.html')}`);
  await page.evaluate(() => document.fonts.ready);
  const shown = await page.locator('pre:has-text("kubectl get pods -o wide")').evaluate((pre) => {
    const code = pre.querySelector('code')!;
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    const rows = [...code.querySelectorAll('span.line')].map((line) => Math.round(line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight)));
    const mark = getComputedStyle([...code.querySelectorAll('span.line')].find((line) => line.getBoundingClientRect().height > 30)!, '::before');
    return { copied: selection.toString(), rows, scrolls: pre.scrollWidth > pre.clientWidth, mark: mark.backgroundImage };
  });
  await context.close();
  expect(shown.copied.replace(/\n$/, '').split('\n')).toEqual(lines);
  expect(shown.scrolls).toBe(false);
  // Every line longer than the box wraps onto two rows or more; the wrapped rows have the drawn hook.
  expect(shown.rows.filter((rows) => rows >= 2).length).toBeGreaterThanOrEqual(lines.filter((line) => line.length > 120).length);
  expect(shown.mark).toContain('linear-gradient');
});

test('a call-out box longer than a slide continues on the next: each piece a box of its kind, its title marked on the later ones', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`file://${join(out, 'dist', 'architecture.html')}`);
  const slides = await page.locator('svg[data-marpit-svg] > foreignObject > section').evaluateAll((sections) =>
    sections.map((section) => {
      const box = section.querySelector(':scope > div.callout');
      const style = box && getComputedStyle(box);
      return {
        heading: section.querySelector('h1')?.textContent ?? '',
        box: box && {
          classes: [...box.classList].filter((c) => c !== 'callout'),
          title: box.querySelector(':scope > p.callout-title')?.textContent ?? '',
          border: style!.borderLeftWidth,
          color: style!.borderLeftColor,
          background: style!.backgroundColor,
          dashed: [style!.borderTopStyle, style!.borderBottomStyle],
        },
      };
    }),
  );
  await context.close();
  const topics = { 'Control plane': ['warning', 'Before you touch the control plane'], 'Worker nodes': ['note', 'Note'], 'How a request flows': ['example', 'From kubectl apply to a running container'] };
  const colours = new Set<string>();
  for (const [topic, [kind, title]] of Object.entries(topics)) {
    const pieces = slides.filter((slide) => slide.heading.startsWith(`${topic} (`));
    expect(pieces.length, topic).toBeGreaterThanOrEqual(2);
    pieces.forEach((piece, k) => {
      const where = `${piece.heading}`;
      expect(piece.box, where).not.toBeNull();
      expect(piece.box!.classes.filter((c) => c !== 'continued' && c !== 'continues'), where).toEqual([kind]);
      expect(piece.box!.title, where).toBe(k === 0 ? title : `${title} (continued)`);
      expect(piece.box!.border, where).toBe('6px');
      expect(piece.box!.background, where).not.toBe('rgba(0, 0, 0, 0)');
      // The torn edge where the box goes on: dashed at the top of a later piece, at the bottom of an earlier one.
      expect(piece.box!.dashed, where).toEqual([k > 0 ? 'dashed' : 'none', k < pieces.length - 1 ? 'dashed' : 'none']);
      colours.add(piece.box!.color);
    });
  }
  expect(colours.size).toBe(3);
});
