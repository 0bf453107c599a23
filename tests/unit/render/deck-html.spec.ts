// The HTML deck as the build changes it (scripts/render/deck-html.ts), on a deck rendered by marp-cli's bespoke
// template: the slide the deck opens on is the only one ever painted until bespoke.js has started and
// landed there, and bespoke.js then works as it does in stock Marp.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marpCli } from '@marp-team/marp-cli';
import { expect, test, type Page } from '@playwright/test';
import { showOpeningSlideFirst, withFonts } from '../../../scripts/render/deck-html.ts';

const SLIDES = ['# One', '# Two\n\n![A square](a.svg)', '# Three\n\n* first\n* second', '# Four\n\n![Another square](b.svg)'];
const MARKDOWN = `---\nmarp: true\n---\n\n${SLIDES.join('\n\n---\n\n')}\n`;
const SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#1d4ed8"/></svg>';
const ORIGIN = 'http://deck.test';

let stock = '';

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-html-'));
  try {
    writeFileSync(join(dir, 'deck.md'), MARKDOWN);
    expect(await marpCli([join(dir, 'deck.md'), '--no-config-file', '--no-stdin', '--output', join(dir, 'deck.html')])).toBe(0);
    stock = readFileSync(join(dir, 'deck.html'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface Seen {
  /** Each animation frame from the document's start: the slides it paints, by number. */
  painted: string[][];
  /** When a slide was first made active: which, whether bespoke.js had started, its fragments' visibility. */
  firstActive?: { slide: string; bespoke: boolean; fragments: string[] };
  /** `performance.now()` in the first frame that paints a slide. */
  firstPaintedAt?: number;
}

/** Runs in the page before its own scripts. */
function watchSlides(): void {
  const seen: Seen = { painted: [] };
  (window as unknown as { seen: Seen }).seen = seen;
  const bespokeStarted = () => document.querySelector('.bespoke-marp-parent > .bespoke-marp-osc') !== null;
  const frame = () => {
    const shown = [...document.querySelectorAll('svg[data-marpit-svg]')].filter((svg) => {
      const style = getComputedStyle(svg);
      return style.display !== 'none' && style.opacity !== '0' && style.contentVisibility !== 'hidden';
    });
    seen.painted.push(shown.map((svg) => svg.querySelector('section')!.id));
    if (shown.length > 0) seen.firstPaintedAt ??= performance.now();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const observer = new MutationObserver(() => {
    const active = document.querySelector('svg.bespoke-marp-active');
    if (!active) return;
    const fragments = [...active.querySelectorAll('[data-marpit-fragment]')].map((item) => getComputedStyle(item).visibility);
    seen.firstActive = { slide: active.querySelector('section')!.id, bespoke: bespokeStarted(), fragments };
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, attributeFilter: ['class'] });
}

/**
 * Serves the changed deck as `deck.html` on a made-up origin, with a square for every picture; the last
 * slide's comes late.
 */
async function serve(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = new URL(route.request().url()).pathname;
    if (file === '/deck.html') return route.fulfill({ contentType: 'text/html', body: showOpeningSlideFirst(stock) });
    if (file === '/b.svg') await new Promise((done) => setTimeout(done, 300));
    if (file.endsWith('.svg')) return route.fulfill({ contentType: 'image/svg+xml', body: SQUARE });
    return route.fulfill({ status: 404 });
  });
}

/**
 * Opens the changed deck at `path` (`deck.html#2`) and waits until bespoke.js has started and landed
 * on the slide of the address, and a frame has been painted since.
 */
async function open(page: Page, path: string): Promise<Seen> {
  await serve(page);
  await page.addInitScript(watchSlides);
  await page.goto(`${ORIGIN}/${path}`);
  await expect(page.locator('.bespoke-marp-parent > .bespoke-marp-osc, .bespoke-marp-presenter-container').first()).toBeAttached();
  await expect(active(page)).toHaveAttribute('id', /#(\d+)$/.exec(path)?.[1] ?? '1');
  const frames = await page.evaluate(() => (window as unknown as { seen: Seen }).seen.painted.length);
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: Seen }).seen.painted.length)).toBeGreaterThan(frames + 1);
  return page.evaluate(() => (window as unknown as { seen: Seen }).seen);
}

const active = (page: Page) => page.locator('svg.bespoke-marp-active > foreignObject > section');

test('bespoke.js is the same code, run in a task of its own once the page is parsed; a page without it is refused', () => {
  const code = (html: string, open: string) => html.slice(html.indexOf(`${open}/*!! License`) + open.length, html.indexOf('</script>', html.indexOf('/*!! License')));
  const changed = showOpeningSlideFirst(stock);
  expect(code(changed, '<script type="module" async>')).toBe(code(stock, '<script>'));
  expect(changed).not.toContain('<script>/*!! License');
  expect(() => showOpeningSlideFirst('<!DOCTYPE html><html><head></head><body><p>deck</p></body></html>')).toThrow(/bespoke/);
});

test('the fonts go into the head in a style of their own, after the deck\'s CSS, with Marp\'s controls and presenter view in them; a page without a head is refused', () => {
  const faces = '@font-face { font-family: "Arimo"; src: url(data:font/woff2;base64,AAAA) format(\'woff2\'); }';
  const stack = "'Arimo', 'Twemoji'";
  const changed = withFonts(stock, faces, stack);
  const head = changed.slice(0, changed.indexOf('</head>'));
  const styles = [...head.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
  expect(styles.at(-2)).toBe(faces);
  // Then Marp's controls and presenter view in those fonts (read from the page: tests/decks/present.spec.ts).
  const parts = styles.at(-1)!;
  expect(parts).toMatch(/bespoke-marp-osc/);
  expect(parts).toMatch(/bespoke-marp-presenter-container/);
  expect(parts).toContain(`font-family: ${stack} !important;`);
  expect(changed.replace(`<style>${faces}</style><style>${parts}</style>`, '')).toBe(stock);
  expect(() => withFonts('<p>deck</p>', faces, stack)).toThrow(/head/);
});

test('a deep link paints only its slide, before bespoke.js starts, and bespoke.js takes over there', async ({ page }) => {
  const seen = await open(page, 'deck.html#2');
  expect(seen.firstActive).toEqual({ slide: '2', bespoke: false, fragments: [] });
  expect(seen.painted.filter((slides) => slides.includes('2')).length).toBeGreaterThan(0);
  expect(seen.painted.flat().filter((slide) => slide !== '2')).toEqual([]);
  // The other slide's picture loads without paging, asked for only once this slide was painted.
  await expect.poll(() => page.evaluate(() => [...document.images].map((img) => img.naturalWidth))).toEqual([100, 100]);
  const asked = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/b.svg')).map((entry) => entry.startTime));
  expect(asked.length).toBeGreaterThan(0);
  expect(Math.min(...asked)).toBeGreaterThan(seen.firstPaintedAt!);

  await page.keyboard.press('ArrowRight');
  await expect(active(page)).toHaveAttribute('id', '3');
  await expect(page).toHaveURL(/#3$/);
});

test('without a slide in the address, the first slide is the only one painted', async ({ page }) => {
  const seen = await open(page, 'deck.html');
  expect(seen.firstActive).toMatchObject({ slide: '1', bespoke: false });
  expect(seen.painted.filter((slides) => slides.includes('1')).length).toBeGreaterThan(0);
  expect(seen.painted.flat().filter((slide) => slide !== '1')).toEqual([]);
  await page.keyboard.press('End');
  await expect(active(page)).toHaveAttribute('id', '4');
});

test('once the page is idle, every slide not shown is laid out ahead unseen: each frame still paints only the shown slide', async ({ page }) => {
  // Each slide whose style the page changes, from the document's start.
  await page.addInitScript(() => {
    const styled = new Set<string>();
    (window as unknown as { styled: Set<string> }).styled = styled;
    new MutationObserver((records) => records.forEach((record) => styled.add((record.target as Element).querySelector('section')?.id ?? '?'))).observe(document, { subtree: true, attributeFilter: ['style'] });
  });
  await open(page, 'deck.html');
  await expect.poll(() => page.evaluate(() => [...(window as unknown as { styled: Set<string> }).styled].sort())).toEqual(['2', '3', '4']);
  const before = await page.evaluate(() => (window as unknown as { seen: Seen }).seen.painted.length);
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: Seen }).seen.painted.length)).toBeGreaterThan(before + 2);
  const painted = await page.evaluate(() => (window as unknown as { seen: Seen }).seen.painted);
  expect(painted.flat().filter((slide) => slide !== '1')).toEqual([]);
  // Each is left as it was: Marp's style decides whether it shows, not one of its own.
  expect(await page.evaluate(() => [...document.querySelectorAll<SVGElement>('svg[data-marpit-svg]')].map((svg) => svg.style.contentVisibility))).toEqual(['', '', '', '']);
});

test('fragments stay hidden until bespoke.js has marked them, then show one a keypress', async ({ page }) => {
  const seen = await open(page, 'deck.html#3');
  expect(seen.firstActive).toEqual({ slide: '3', bespoke: false, fragments: ['hidden', 'hidden'] });
  const items = active(page).locator('[data-marpit-fragment]');
  await expect(items.first()).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(items.first()).toBeVisible();
  await expect(items.nth(1)).toBeHidden();
});

test('the presenter view is bespoke.js\'s own, on the slide of the address', async ({ page }) => {
  await open(page, 'deck.html?view=presenter#2');
  await expect(page.locator('.bespoke-marp-presenter-container')).toBeVisible();
  await expect(active(page)).toHaveAttribute('id', '2');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every slide is shown, as in stock Marp', async ({ page }) => {
    await serve(page);
    await page.goto(`${ORIGIN}/deck.html`);
    const shown = page.locator('svg[data-marpit-svg]');
    await expect(shown).toHaveCount(SLIDES.length);
    for (const slide of await shown.all()) await expect(slide).toBeVisible();
  });
});
