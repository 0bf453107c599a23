// A hostile notes page builds into a deck that runs nothing of the page and fetches nothing from
// elsewhere, paged through in Chromium.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sirv from 'sirv';
import { courseFolder, run } from '../support/commands.ts';

// Each test runs whole builds (Chromium for fitting, marp-cli): on a loaded 2-core machine that
// takes longer than Playwright's default 30 s budget.
test.describe.configure({ timeout: 120_000 });

test('a hostile page: no dialog, no request leaves 127.0.0.1, no handler or script of the page in the HTML', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'hostile-'));
  const built = await run('cli', [...courseFolder('tests/fixtures/hostile', out), '--no-pdf']);
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).toContain('tests/fixtures/hostile/hostile.md:9:1  warning: removed <script>');

  // The page's attacks all call alert(…) or load from example.com: none may be markup of the deck.
  const html = readFileSync(join(out, 'dist', 'hostile.html'), 'utf8');
  expect(html).not.toMatch(/<(script|iframe|object|style)[^>]*>[^<]*(alert\(|example\.com)/);
  expect(html).not.toMatch(/(src|href|data)="[^"]*(javascript:|example\.com)/);

  const server: Server = createServer(sirv(join(out, 'dist'), { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const dialogs: string[] = [];
  const offsite: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/hostile.html`);
    const count = await page.locator('svg[data-marpit-svg]').count();
    for (let n = 1; n < count; n++) {
      await page.keyboard.press('ArrowRight');
      await page.mouse.move(640, 360); // hover handlers, if any survived
      await page.locator('svg.bespoke-marp-active section').click({ position: { x: 640, y: 400 } });
    }
    // No element of the deck carries an event handler attribute, and no script of the page survived.
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
    );
    expect(handlers).toEqual([]);
    const scripts = await page.locator('script').evaluateAll((all) => all.filter((s) => s.textContent?.includes('alert(')).length);
    expect(scripts).toBe(0);
    await page.goto(`http://127.0.0.1:${port}/hostile.html?view=presenter#3`);
    expect(dialogs).toEqual([]);
    expect(offsite).toEqual([]);
  } finally {
    server.close();
  }
});

test('with --strict, the removals of a hostile page stop the build, each at its line', async () => {
  const out = mkdtempSync(join(tmpdir(), 'strict-'));
  const built = await run('cli', [...courseFolder('tests/fixtures/hostile', out), '--no-pdf', '--strict']);
  expect(built.status).toBe(1);
  expect(built.stderr).toContain('tests/fixtures/hostile/hostile.md:9:1  warning: removed <script>');
  expect(built.stderr).toMatch(/Build stopped: \d+ problems\. Nothing was written\./);
});

test('presenter notes that read like Marp directives stay notes; text that closes a slide stays inside it', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'hostile-text-'));
  const built = await run('cli', [...courseFolder('tests/fixtures/hostile', out), '--no-pdf']);
  expect(built.status, built.stderr).toBe(0);
  // directives.md: six topics and a title slide; every comment of it is a note of its slide.
  expect(built.stdout).toContain('directives (7 slides)');
  await page.goto(`file://${join(out, 'dist', 'directives.html')}`);
  // The style note's CSS is no style of the deck.
  expect(await page.locator('style').evaluateAll((all) => all.filter((s) => (s.textContent ?? '').includes('example.com')).length)).toBe(0);
  expect(await page.locator('svg[data-marpit-svg]').count()).toBe(7);
  const footers = await page.locator('section footer').allTextContents();
  expect(footers.length).toBeGreaterThan(0);
  for (const footer of footers) expect(footer).toBe('Directives in notes · TechWorld with Nana');
  expect(await page.locator('section').evaluateAll((all) => all.filter((s) => /gaia|invert|lead/.test(s.getAttribute('class') ?? '')).length)).toBe(0);
  const background = await page.locator('section').evaluateAll((all) => all.map((s) => `${getComputedStyle(s).backgroundImage} ${getComputedStyle(s).backgroundColor}`));
  expect(background.filter((b) => /url|255, 0, 0/.test(b))).toEqual([]);
  const notes = (await page.locator('.bespoke-marp-note').allTextContents()).map((note) => note.replaceAll('\u200b', '').trim());
  for (const note of ['footer: ask who has used volumes before', 'theme: gaia', 'headingDivider: 1', '_class: invert', '_backgroundColor: red']) expect(notes.join('\n')).toContain(note);
  expect(built.stderr).toContain('tests/fixtures/hostile/directives.md:38:1  warning: removed an HTML comment inside text');

  // escape.md: a heading and a paragraph with </section> in them; all their text stays in its slide.
  await page.goto(`file://${join(out, 'dist', 'escape.html')}`);
  expect(await page.locator('svg[data-marpit-svg]').count()).toBe(3);
  await expect(page.locator('section').nth(1).locator('h1')).toHaveText('Closing the </section> early');
  await expect(page.locator('section').nth(1)).toContainText('This text follows a heading that tries to end the slide.');
  await expect(page.locator('section').nth(2)).toContainText('The last words of the deck.');
  await expect(page.locator('section').nth(2)).toContainText('A raw block that ends nothing.');
  // No text of the deck outside a slide.
  const outside = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (node.textContent!.trim() && !parent.closest('section, script, style, .bespoke-marp-note, .bespoke-marp-osc')) texts.push(node.textContent!.trim());
    }
    return texts;
  });
  expect(outside).toEqual([]);
});
