// A hostile notes page builds into a deck that runs nothing of the page and fetches nothing from
// elsewhere, paged through in Chromium.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sirv from 'sirv';
import { courseFolder, run, type Finished } from '../support/commands.ts';
import { handlerTags, rawHtml } from '../support/markdown.ts';

// Each test runs whole builds (Chromium for fitting, marp-cli): on a loaded 2-core machine that
// takes longer than Playwright's default 30 s budget.
test.describe.configure({ timeout: 120_000 });

const FIXTURE = 'tests/fixtures/hostile/hostile.md';
const source = readFileSync(FIXTURE, 'utf8');
/** The line of the fixture's `<script>` block (its first line that is one), counted here from the text. */
const scriptLine = source.split('\n').findIndex((line) => line.startsWith('<script>')) + 1;
/** Slides the deck has at least: the title, the agenda and one per `# ` topic of the fixture. */
const topics = source.split('\n').filter((line) => line.startsWith('# ')).length;

let hostileBuild: Promise<{ out: string; built: Finished }> | undefined;
/** The hostile course built once in this worker (HTML only): the tests that read the same build share it. */
function builtHostile(): Promise<{ out: string; built: Finished }> {
  hostileBuild ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'hostile-'));
    return { out, built: await run('cli', [...courseFolder('tests/fixtures/hostile', out), '--no-pdf']) };
  })();
  return hostileBuild;
}

test('a hostile page: no dialog, no request leaves 127.0.0.1, no handler or script of the page in the Marp Markdown or the HTML', async ({ page }) => {
  expect(scriptLine).toBeGreaterThan(1);
  expect(topics).toBe(2);
  const { out, built } = await builtHostile();
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).toMatch(new RegExp(`hostile\\.md:${scriptLine}:1 .*warning.*<script>`));

  // What the build itself wrote (slides/ opens in stock Marp): none of the page's handlers, whatever
  // separates them from the tag, and no script, iframe, object or style of it.
  const markdown = readFileSync(join(out, 'slides', 'hostile.md'), 'utf8');
  const html = rawHtml(markdown);
  expect(html.length).toBeGreaterThan(0);
  expect(handlerTags(html)).toEqual([]);
  expect(html.filter((tag) => /<(script|iframe|object|style|embed)\b/i.test(tag))).toEqual([]);
  expect(html.filter((tag) => /(javascript:|example\.com)/i.test(tag))).toEqual([]);
  // The text around the removed markup stays.
  expect(markdown).toContain('A block with a handler after a tab.');

  // The page's attacks all call alert(…) or load from example.com: none may be markup of the deck.
  const deck = readFileSync(join(out, 'dist', 'hostile.html'), 'utf8');
  expect(deck).not.toMatch(/<(script|iframe|object|style)[^>]*>[^<]*(alert\(|example\.com)/);
  expect(deck).not.toMatch(/(src|href|data)="[^"]*(javascript:|example\.com)/);

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
    // Keys work once bespoke.js has started (its controls are there): the opening slide shows before.
    await expect(page.locator('.bespoke-marp-parent > .bespoke-marp-osc')).toBeAttached();
    const count = await page.locator('svg[data-marpit-svg]').count();
    expect(count).toBeGreaterThanOrEqual(2 + topics);
    for (let n = 2; n <= count; n++) {
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('svg.bespoke-marp-active section')).toHaveAttribute('id', String(n));
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
    await expect(page.locator('.bespoke-marp-presenter-container')).toBeVisible();
    // Signals sent last: a dialog and an off-site request of the test's own. Whatever the page would
    // have done came before them, so once they are seen the page's own are known not to have come.
    await page.evaluate(() => {
      setTimeout(() => alert('the test\'s own'));
      void fetch('https://example.com/the-test-s-own').catch(() => undefined);
    });
    await expect.poll(() => dialogs).toContain("the test's own");
    await expect.poll(() => offsite).toContain('https://example.com/the-test-s-own');
    expect(dialogs).toEqual(["the test's own"]);
    expect(offsite).toEqual(['https://example.com/the-test-s-own']);
  } finally {
    server.close();
  }
});

test('with --strict, the removals of a hostile page stop the build, each at its line', async () => {
  const out = mkdtempSync(join(tmpdir(), 'strict-'));
  const built = await run('cli', [...courseFolder('tests/fixtures/hostile', out), '--no-pdf', '--strict']);
  expect(built.status).toBe(1);
  expect(built.stderr).toMatch(new RegExp(`hostile\\.md:${scriptLine}:1 .*<script>`));
  // Each removal a line of its own, and the count the build gives is the count of every problem line.
  const removals = built.stderr.split('\n').filter((line) => /hostile\.md:\d+:\d+ .*removed/.test(line));
  expect(removals.length).toBeGreaterThanOrEqual(6);
  const problems = built.stderr.split('\n').filter((line) => /^tests\/fixtures\/hostile\/\S+\.md:\d+:\d+ {2}/.test(line));
  expect(built.stderr).toContain(`Build stopped: ${problems.length} problems`);
  expect(built.stderr).toContain('Nothing was written');
});

test('presenter notes that read like Marp directives stay notes; text that closes a slide stays inside it', async ({ page }) => {
  const { out, built } = await builtHostile();
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
