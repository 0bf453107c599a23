// The build fits slides in its own Chromium (the headless shell where there is one), and a presenter
// shows them in the full browser: both must break every line at the same place. Each line of text of
// a built deck is measured in the build's Chromium, as the build launches it, and in the full browser
// launched with nothing of the project's. (On a machine without the headless shell both are the full
// browser, and this holds trivially.)
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { findBrowser, requireBrowser } from '../../../scripts/browser/browser.ts';
import { closeChromium, launchChromium, newPage } from '../../../scripts/browser/chromium.ts';

/** Runs in a page: the width of every text element's content, and of each line box of it, in CSS pixels. */
function textWidths(): string[] {
  const range = document.createRange();
  return [...document.querySelectorAll('section h1, section h2, section p, section li, section td, section pre')].flatMap((element) => {
    range.selectNodeContents(element);
    return [range.getBoundingClientRect().width, ...[...range.getClientRects()].map((r) => r.width)].map((w) => w.toFixed(3));
  });
}

test('the build\'s Chromium and the full browser give every line of a deck the same width', async ({ playwright }) => {
  const html = readFileSync('dist/statefulsets.html', 'utf8');
  const show = async (page: { setContent(html: string): Promise<unknown>; evaluate<T>(f: () => T): Promise<T> }) => {
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return page.evaluate(textWidths);
  };

  const build = await launchChromium(await requireBrowser());
  let inBuild: string[];
  try {
    inBuild = await show(await newPage(build));
  } finally {
    await closeChromium(build);
  }

  const full = findBrowser({ env: { PATH: process.env.PATH }, shell: false });
  expect(full).toBeTruthy();
  const browser = await playwright.chromium.launch({ executablePath: full! });
  try {
    const inFull = await show(await browser.newPage({ viewport: { width: 1280, height: 720 } }));
    expect(inFull.length).toBeGreaterThan(50);
    expect(inBuild).toEqual(inFull);
  } finally {
    await browser.close();
  }
});
