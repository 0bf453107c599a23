// Presenting a deck with what Marp's bespoke template offers: the presenter view (current slide, next
// slide, notes, timer), the overview of all slides, fullscreen, and on-screen controls that leave the
// slide's content visible.
import { expect, test, type Page } from '@playwright/test';
import { activeSlide, openDeck, shownSlide, slides } from './deck.ts';
import { escapeRegExp, expectedDeck, pageNames } from './notes.ts';

/** The heading of the slide an overview or presenter frame shows as active. */
const frameHeading = (page: Page, frame: string) => page.frameLocator(frame).locator('svg.bespoke-marp-active > foreignObject > section h1');

test('the presenter view shows the current slide, the next one, its notes and a running timer', async ({ page }) => {
  // From the notes: slide 3 is the first topic (after the title and the agenda), with its comments as
  // its notes; the next slide is that topic's second part, or else the second topic.
  const { topics } = expectedDeck('statefulsets');
  const [first, second] = [topics[0]!, topics[1]!];
  expect(first.notes.join(' ').length).toBeGreaterThan(40);
  const current = new RegExp(`^${escapeRegExp(first.heading)}( \\(1/\\d+\\))?$`);
  const next = new RegExp(`^(${escapeRegExp(first.heading)} \\(2/\\d+\\)|${escapeRegExp(second.heading)}( \\(1/\\d+\\))?)$`);

  await page.goto('/statefulsets.html?view=presenter#3');
  await expect(page.locator('.bespoke-marp-presenter-container')).toBeVisible();
  await expect(activeSlide(page).locator('h1')).toHaveText(current);
  await expect(frameHeading(page, 'iframe.bespoke-marp-presenter-next')).toHaveText(next);
  const note = page.locator('.bespoke-marp-presenter-note-container .bespoke-marp-note.active');
  await expect(note).toHaveText(first.notes.join(' '));
  // The notes, the timer and the page number are drawn with the deck's fonts, as the slides' text is
  // (the theme names Arimo first), not with fonts of the machine.
  const timer = page.locator('.bespoke-marp-presenter-info-timer');
  const parts = page.locator('.bespoke-marp-presenter-container :is(.bespoke-marp-note.active, .bespoke-marp-presenter-info-timer, .bespoke-marp-presenter-info-page, button)');
  const families = await parts.evaluateAll((elements) => elements.map((element) => `${element.className || element.tagName}: ${getComputedStyle(element).fontFamily}`));
  expect(families.length).toBeGreaterThan(4);
  for (const family of families) expect(family).toMatch(/: "?Arimo"?,/);
  await expect(timer).toHaveText(/^\d\d:\d\d:\d\d$/);
  const start = await timer.textContent();
  await expect(timer).not.toHaveText(start!, { timeout: 5000 });

  // Paging in the presenter view moves both: → shows slide 4, the one shown as next before.
  const shownNext = (await frameHeading(page, 'iframe.bespoke-marp-presenter-next').textContent())!.trim();
  await page.keyboard.press('ArrowRight');
  await expect(activeSlide(page).locator('h1')).toHaveText(shownNext);
  await expect(page).toHaveURL(/#4$/);
});

test('p opens the presenter view in a window of its own', async ({ page }) => {
  await openDeck(page, 'statefulsets', 2);
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
  await expect(presenter.locator('.bespoke-marp-presenter-container')).toBeVisible();
  expect(new URL(presenter.url()).searchParams.get('view')).toBe('presenter');
  await expect.poll(() => shownSlide(presenter)).toBe(2);
});

test('o opens the overview of all slides; choosing one goes there and closes it', async ({ page }) => {
  await openDeck(page, 'volumes', 1);
  const count = await slides(page).count();
  const headings = await slides(page).evaluateAll((sections) => sections.map((s) => s.querySelector('h1')?.textContent?.trim() ?? ''));
  await page.keyboard.press('o');
  const overview = page.locator('.bespoke-marp-overview');
  await expect(overview).toHaveAttribute('data-open', '1');
  const frame = page.frameLocator('.bespoke-marp-overview iframe');
  await expect(frame.locator('svg[data-marpit-svg]')).toHaveCount(count);
  // Every slide is shown at once, not only the active one.
  for (const index of [0, count - 1]) await expect(frame.locator('svg[data-marpit-svg]').nth(index)).toBeVisible();
  // The overview takes clicks on the slide's picture as a whole.
  await frame.locator('svg[data-marpit-svg]').nth(4).click();
  await expect(overview).not.toHaveAttribute('data-open', '1');
  await expect.poll(() => shownSlide(page)).toBe(5);
  await expect(activeSlide(page).locator('h1')).toHaveText(headings[4]!);
});

test('f toggles fullscreen', async ({ page }) => {
  await openDeck(page, 'statefulsets', 3);
  const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
  await page.keyboard.press('f');
  await expect.poll(fullscreen).toBe(true);
  await expect(activeSlide(page)).toBeVisible();
  await page.keyboard.press('f');
  await expect.poll(fullscreen).toBe(false);
  await expect.poll(() => shownSlide(page)).toBe(3);
});

for (const name of pageNames()) {
  test(`${name}: the on-screen controls cover nothing of any slide`, async ({ page }) => {
    // Every slide in turn, the mouse moved on each: on a loaded machine longer than the default 30 s.
    test.setTimeout(90_000);
    await openDeck(page, name);
    const count = await slides(page).count();
    expect(count).toBeGreaterThan(expectedDeck(name).topics.length);
    const controls = page.locator('.bespoke-marp-osc');
    let moves = 0;
    for (let n = 1; n <= count; n++) {
      // Paged to with → (one load of the deck, not one a slide).
      if (n > 1) await page.keyboard.press('ArrowRight');
      await expect(activeSlide(page)).toHaveAttribute('id', String(n));
      // The controls show while the mouse moves, and hide 2 s after it rests: their box is read while
      // they show, moving the mouse again if they hid before it was read.
      const read: { box: { x: number; y: number; width: number; height: number } | null } = { box: null };
      await expect(async () => {
        await page.mouse.move(640, 300 + (++moves % 2));
        await expect(controls).not.toHaveAttribute('aria-hidden', 'true', { timeout: 1000 });
        read.box = await controls.boundingBox();
        expect(await controls.getAttribute('aria-hidden')).not.toBe('true');
      }).toPass();
      expect(read.box).not.toBeNull();
      const box = read.box!;
      const covered = await activeSlide(page).evaluate((section, osc) => {
        const overlaps = (r: DOMRect) => r.width > 0 && r.height > 0 && r.left < osc.x + osc.width && r.right > osc.x && r.top < osc.y + osc.height && r.bottom > osc.y;
        // Leaves only: a container (the picture column) may reach down to the slide's content edge.
        return [...section.querySelectorAll('*')]
          .filter((e) => e.children.length === 0 || e.matches('p, li, h1, a, img, pre, footer'))
          .filter((e) => overlaps(e.getBoundingClientRect()))
          .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`);
      }, box);
      expect(covered, `slide ${n}`).toEqual([]);
    }
  });
}
