// The decks in the browser: each deck's HTML size, the time from navigation to its first slide shown,
// and from a keypress (→) to the next slide shown. The built decks are served from a temporary dist/ on
// 127.0.0.1 (sirv), opened by Playwright in the full Chromium a presenter uses (never the headless shell
// the build prefers), a fresh browser context (empty cache) per load.
//
// How the times are taken, inside the page (a script added before the deck's own):
// - first slide: every animation frame from the document's start, until the frame in which a slide
//   carries `bespoke-marp-active` — that frame paints it. The figure is `performance.now()` in that
//   frame's callback: milliseconds since navigation started (request, response, parse, bespoke's set-up).
// - keypress: a capturing `keydown` listener notes the event's `timeStamp` and the active slide, then
//   checks every animation frame until another slide is active; the figure is that frame's
//   `performance.now()` minus the `timeStamp`. A frame is ~16.7 ms, so a deck that changes slide in its
//   key handler shows it at the next frame: on average half a frame, at worst one.
import { copyFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import sirv from 'sirv';
import { ourBuild } from './builds.ts';
import { PROJECT_DIR } from '../project.ts';
import type { BenchContext } from './commands.ts';
import { alternate, median } from './runs.ts';
import type { Row } from './table.ts';

/** The course of decks in other scripts (tests/fixtures/scripts): Chinese, Japanese, emoji… */
const SCRIPT_DECKS = join(PROJECT_DIR, 'tests', 'fixtures', 'scripts');

const PRESSES = 5;
/**
 * Loads of each page, at least: a load is a fraction of a second, and its first frame falls a frame
 * earlier or later from load to load (≈17 ms at 60 Hz), so the median of 3 moved across a target
 * from run to run. The median of 9 moves less.
 */
const LEAST_LOADS = 9;
/**
 * A page with nothing but one "active slide", loaded the same way: its first frame is what this
 * machine's Chromium needs for any page at all (a new renderer, a commit, one paint), the floor under
 * the decks' figures.
 */
const BLANK = 'bench-blank.html';
const BLANK_HTML = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><svg class="bespoke-marp-active" width="1" height="1"></svg></body></html>';

interface PageTimes {
  firstSlide?: number;
  firstContentfulPaint?: number;
  keys: number[];
}

declare global {
  interface Window {
    benchTimes: PageTimes;
  }
}

/** Runs in the page before its own scripts. */
function watchSlides(): void {
  const times: PageTimes = { keys: [] };
  window.benchTimes = times;
  const active = () => document.querySelector('svg.bespoke-marp-active, [data-marpit-svg].bespoke-marp-active');
  const first = () => {
    if (active()) times.firstSlide = performance.now();
    else requestAnimationFrame(first);
  };
  requestAnimationFrame(first);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntriesByName('first-contentful-paint')) times.firstContentfulPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'ArrowRight') return;
      const pressed = event.timeStamp;
      const before = active();
      const next = () => {
        if (active() !== before) times.keys.push(performance.now() - pressed);
        else requestAnimationFrame(next);
      };
      requestAnimationFrame(next);
    },
    { capture: true },
  );
}

async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const files = sirv(dir, { dev: true });
  const server = createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** One load of a deck in a fresh context: its first-slide time, FCP, and the keypress times. */
async function loadDeck(browser: Browser, url: string): Promise<PageTimes> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    // tsx compiles named functions with esbuild's `__name` helper, which the page does not have.
    await page.addInitScript('globalThis.__name ??= (target) => target');
    await page.addInitScript(watchSlides);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.benchTimes.firstSlide !== undefined);
    const slides = await page.locator('[data-marpit-svg]').count();
    for (let i = 0; i < Math.min(PRESSES, slides - 1); i++) {
      // A still page between presses: each keypress is timed alone, not queued behind the last.
      await page.waitForTimeout(100);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((count) => window.benchTimes.keys.length >= count, i + 1);
    }
    return await page.evaluate(() => window.benchTimes);
  } finally {
    await context.close();
  }
}

export async function measureInBrowser(context: BenchContext): Promise<Row[]> {
  context.progress('browser: building the decks (HTML only) to serve');
  const { outDir } = await ourBuild(context, ['--no-pdf'], { keep: true });
  // A CJK deck and an emoji-heavy deck beside the course's: their fonts are the largest a deck carries.
  const scripts = await ourBuild(context, ['--no-pdf', '--notes', SCRIPT_DECKS, '--pict', join(PROJECT_DIR, 'pict')], { keep: true });
  for (const deck of ['chinese.html', 'emoji.html']) await copyFile(join(scripts.outDir, deck), join(outDir, deck));
  const decks = (await readdir(outDir)).filter((f) => f.endsWith('.html') && f !== 'index.html').sort();
  await writeFile(join(outDir, BLANK), BLANK_HTML);
  const { server, origin } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: context.presenterBrowserPath });
  try {
    const pages = [BLANK, ...decks];
    const loads = new Map(pages.map((deck) => [deck, [] as PageTimes[]]));
    const loadsEach = Math.max(context.runs, LEAST_LOADS);
    context.progress(`browser: ${pages.join(', ')}, each loaded ${loadsEach} times, ${PRESSES} keypresses a load`);
    await alternate(
      pages.map((deck) => ({
        name: deck,
        run: async () => {
          const times = await loadDeck(browser, `${origin}/${deck}`);
          loads.get(deck)!.push(times);
          return times.firstSlide ?? NaN;
        },
      })),
      loadsEach,
      context.progress,
    );
    const blank = loads.get(BLANK)!.map((t) => t.firstSlide!);
    const rows: Row[] = [{ family: 'browser', label: 'A blank page: navigation to first frame (this machine\'s floor)', unit: 'ms', value: median(blank), samples: blank }];
    for (const deck of decks) {
      const times = loads.get(deck)!;
      const first = times.map((t) => t.firstSlide!);
      const keys = times.flatMap((t) => t.keys);
      const fcp = times.flatMap((t) => (t.firstContentfulPaint === undefined ? [] : [t.firstContentfulPaint]));
      const kilobytes = (await stat(join(outDir, deck))).size / 1024;
      rows.push(
        { family: 'browser', label: `${deck}: HTML size`, unit: 'KB', value: kilobytes },
        { family: 'browser', label: `${deck}: navigation to first slide shown`, unit: 'ms', value: median(first), samples: first, target: 100 },
        // The slide's text shows once its fonts are decoded (they are `font-display: block`).
        ...(fcp.length > 0 ? [{ family: 'browser', label: `${deck}: navigation to its text painted (first contentful paint)`, unit: 'ms', value: median(fcp), samples: fcp } satisfies Row] : []),
        { family: 'browser', label: `${deck}: → to next slide shown`, unit: 'ms', value: median(keys), samples: keys, target: 16 },
      );
    }
    return rows;
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}
