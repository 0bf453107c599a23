import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { activeSlide, openDeck, shownSlide, slides } from './deck.ts';
import { escapeRegExp, expectedDeck, expectedNext, pageNames } from './notes.ts';

async function lastSlide(page: Page, name: string): Promise<number> {
  await openDeck(page, name);
  return slides(page).count();
}

test.describe('BACK navigation', () => {
  const statefulsets = expectedDeck('statefulsets');
  const volumes = expectedDeck('volumes');

  test('the chain of the course: StatefulSets → Volumes → course contents', () => {
    expect(statefulsets.back).toBe('volumes.html');
    expect(volumes.back).toBe('index.html');
  });

  // The first and the last slide in one page: BACK, then Back, from each in turn.
  test("from the first and from the last StatefulSets slide, BACK opens the Volumes deck, and the browser's Back returns to the same slide", async ({ page }) => {
    for (const slide of [1, await lastSlide(page, 'statefulsets')]) {
      await openDeck(page, 'statefulsets', slide);
      await activeSlide(page).locator('a.back').click();
      await expect(page).toHaveURL(/\/volumes\.html(#1)?$/);
      await expect(activeSlide(page).locator('h1')).toHaveText(volumes.title);
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`/statefulsets\\.html#${slide}$`));
      await expect.poll(() => shownSlide(page)).toBe(slide);
      await expect(activeSlide(page)).toBeVisible();
    }
  });

  test('from the first and from the last Volumes slide, BACK opens the course contents, and Back returns', async ({ page }) => {
    for (const slide of [1, await lastSlide(page, 'volumes')]) {
      await openDeck(page, 'volumes', slide);
      await activeSlide(page).locator('a.back').click();
      await expect(page).toHaveURL(/\/index\.html$/);
      await expect(page.locator('h1')).toHaveText(/Kubernetes Tutorial for Beginners/);
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`/volumes\\.html#${slide}$`));
      await expect.poll(() => shownSlide(page)).toBe(slide);
    }
  });
});

test.describe('NEXT navigation', () => {
  test('the chain of the course, from course.json: Volumes → StatefulSets → course contents', () => {
    expect(expectedNext('volumes')).toBe('statefulsets.html');
    expect(expectedNext('statefulsets')).toBe('index.html');
  });

  for (const name of pageNames()) {
    test(`the last ${name} slide has NEXT beside BACK; NEXT opens the next deck and the browser's Back returns to the same slide`, async ({ page }) => {
      const last = await lastSlide(page, name);
      await openDeck(page, name, last);
      const next = activeSlide(page).getByRole('link', { name: 'NEXT ▶' });
      await expect(next).toHaveAttribute('href', expectedNext(name));
      // NEXT sits in the bottom row, right of BACK, on the slide.
      const row = activeSlide(page).locator('p.back-bottom');
      await expect(row.locator('a')).toHaveText(['◀ BACK', 'NEXT ▶']);
      const [backBox, nextBox, slideBox] = [await row.locator('a.back').boundingBox(), await next.boundingBox(), await activeSlide(page).boundingBox()];
      expect(nextBox!.x).toBeGreaterThan(backBox!.x + backBox!.width);
      expect(nextBox!.x + nextBox!.width).toBeLessThanOrEqual(slideBox!.x + slideBox!.width);
      expect(Math.abs(nextBox!.y - backBox!.y)).toBeLessThan(2);
      // Only the last slide has it.
      await expect(slides(page).locator('a.next')).toHaveCount(1);

      await next.click();
      const target = expectedNext(name);
      await expect(page).toHaveURL(new RegExp(`/${escapeRegExp(target)}(#1)?$`));
      if (target === 'index.html') await expect(page.locator('h1')).toHaveText(/Kubernetes Tutorial for Beginners/);
      else await expect(activeSlide(page).locator('h1')).toHaveText(expectedDeck(target.replace(/\.html$/, '')).title);
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`/${name}\\.html#${last}$`));
      await expect.poll(() => shownSlide(page)).toBe(last);
      await expect(activeSlide(page)).toBeVisible();
    });
  }

  test('NEXT is reached and opened with the keyboard alone', async ({ page }) => {
    const last = await lastSlide(page, 'volumes');
    await openDeck(page, 'volumes', last);
    // Tab moves through the links of the slide shown: BACK, then NEXT.
    const focused = async () => page.evaluate(() => document.activeElement?.textContent ?? '');
    for (let tabs = 0; tabs < 10 && (await focused()) !== 'NEXT ▶'; tabs++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('NEXT ▶');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/${escapeRegExp(expectedNext('volumes'))}(#1)?$`));
  });
});

test.describe('the course contents', () => {
  test('lists all 14 chapters with their start times, linked into the video, and the decks that exist', async ({ page }) => {
    await page.goto('/index.html');
    const rows = page.locator('tbody tr');
    await expect(rows).toHaveCount(14);
    await expect(rows.nth(12)).toContainText('Deploying Stateful Apps with StatefulSet');
    await expect(rows.nth(12).locator('a.timestamp')).toHaveAttribute('href', 'https://youtu.be/X48VuDVv0do?t=10718');
    await expect(rows.nth(0).locator('a.timestamp')).toHaveAttribute('href', 'https://youtu.be/X48VuDVv0do?t=0');
    const decks = await page.locator('a.deck').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(decks).toEqual(['volumes.html', 'statefulsets.html']);
    await page.locator('a.deck', { hasText: 'K8s StatefulSets' }).click();
    await expect(activeSlide(page).locator('h1')).toHaveText('K8s StatefulSets');
  });

  test('each chapter with a deck shows its number of topics and of slides; the others say they have no deck yet', async ({ page }) => {
    const { chapters } = JSON.parse(readFileSync('notes/course.json', 'utf8')) as { chapters: { title: string; page?: string }[] };
    const sizes: string[] = [];
    for (const chapter of chapters) {
      if (chapter.page === undefined || !pageNames().includes(chapter.page)) {
        sizes.push('no deck yet');
        continue;
      }
      const topics = expectedDeck(chapter.page).topics.length;
      const count = await lastSlide(page, chapter.page);
      sizes.push(`${topics} topic${topics === 1 ? '' : 's'}, ${count} slide${count === 1 ? '' : 's'}`);
    }
    expect(sizes.filter((size) => size === 'no deck yet')).toHaveLength(chapters.length - pageNames().length);
    await page.goto('/index.html');
    const shown = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('td.size')?.textContent || row.querySelector('span.none')?.textContent || ''));
    expect(shown).toEqual(sizes);
  });
});
