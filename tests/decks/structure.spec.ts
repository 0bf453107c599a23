import { expect, test } from '@playwright/test';
import { activeSlide, deckFacts, openDeck, shownSlide, slides } from './deck.ts';
import { escapeRegExp, expectedDeck, pageNames, seconds } from './notes.ts';

for (const name of pageNames()) {
  const expected = expectedDeck(name);

  test.describe(`${name} deck`, () => {
    test('a title slide, an agenda, then a slide per topic in the order of the notes', async ({ browser, baseURL }) => {
      const shown = (await deckFacts({ browser, baseURL }, name)).slides.map((s) => s.heading);
      expect(shown[0]).toBe(expected.title);
      expect(shown[1]).toBe('Agenda');
      // A long topic may continue on slides titled `Topic (2/3)`; each topic appears in order.
      const topicHeadings = shown.slice(2).filter((h) => !/\(\d+\/\d+\)$/.test(h) || /\(1\/\d+\)$/.test(h));
      expect(topicHeadings.map((h) => h.replace(/ \(1\/\d+\)$/, ''))).toEqual(expected.topics.map((t) => t.heading));
    });

    test('a font load the page leaves unfinished (it navigates away, a view\'s frame is replaced) is no uncaught error of the deck', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // Every font load fails, as one cut short does: "A network error occurred."
      await page.addInitScript(() => {
        (window as unknown as { fontLoads: number }).fontLoads = 0;
        FontFace.prototype.load = () => {
          (window as unknown as { fontLoads: number }).fontLoads++;
          return Promise.reject(new DOMException('A network error occurred.', 'NetworkError'));
        };
      });
      await page.goto(`/${name}.html`);
      await expect(activeSlide(page)).toBeVisible();
      // The deck asks for its fonts once its opening slide is painted: wait until it has.
      await page.waitForFunction(() => (window as unknown as { fontLoads: number }).fontLoads > 0);
      // An unhandled rejection is reported once its task ends: one more task after the load, and it would be.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      expect(errors).toEqual([]);
    });

    test('the title slide names the course and the video', async ({ browser, baseURL }) => {
      const [title] = (await deckFacts({ browser, baseURL }, name)).slides;
      expect(title?.text).toContain('TechWorld with Nana');
      expect(title?.text).toContain('Kubernetes Tutorial for Beginners');
    });

    test('agenda links land on their topic slides', async ({ page }) => {
      await openDeck(page, name, 2);
      const items = activeSlide(page).locator('ol a');
      await expect(items).toHaveCount(expected.topics.length);
      for (let i = 0; i < expected.topics.length; i++) {
        await openDeck(page, name, 2);
        await activeSlide(page).locator('ol a').nth(i).click();
        await expect(activeSlide(page).locator('h1')).toHaveText(new RegExp(`^${escapeRegExp(expected.topics[i]!.heading)}( \\(1/\\d+\\))?$`));
      }
    });

    test('timestamps: labelled with the time of the notes, opening the video at that second in a new tab', async ({ browser, baseURL }) => {
      const { slides: shown } = await deckFacts({ browser, baseURL }, name);
      const links = shown.flatMap(({ heading, timestamp }) => (timestamp ? [{ heading, ...timestamp }] : []));
      const stamped = expected.topics.filter((t) => t.timestamp);
      expect(stamped.length).toBeGreaterThan(0);
      for (const topic of stamped) {
        const link = links.find((l) => l.heading === topic.heading || l.heading.startsWith(`${topic.heading} (`));
        expect(link, topic.heading).toBeDefined();
        expect(link!.label).toBe(`▶ ${topic.timestamp!.label}`);
        const url = new URL(link!.href!);
        expect(url.hostname).toBe('youtu.be');
        expect(url.pathname).toBe('/X48VuDVv0do');
        expect(Number(url.searchParams.get('t'))).toBe(seconds(topic.timestamp!.label));
        expect(link!.target).toBe('_blank');
        expect(link!.rel).toContain('noopener');
      }
      // No timestamp the notes do not have.
      const headingsWithStamp = new Set(links.map((l) => l.heading.replace(/ \(\d+\/\d+\)$/, '')));
      expect([...headingsWithStamp].sort()).toEqual(stamped.map((t) => t.heading).sort());
    });

    // That every picture of every slide loads is checked by the verifier on dist/ (verify.spec.ts).

    test('keyboard: → goes to #2, End to the last slide, Home back to #1', async ({ page }) => {
      await openDeck(page, name);
      const count = await slides(page).count();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => shownSlide(page)).toBe(2);
      await expect(page).toHaveURL(/#2$/);
      await page.keyboard.press('End');
      await expect.poll(() => shownSlide(page)).toBe(count);
      await page.keyboard.press('Home');
      await expect.poll(() => shownSlide(page)).toBe(1);
    });
  });
}

test('every deck of the notes folder is built', async ({ request }) => {
  expect(pageNames()).toEqual(['statefulsets', 'volumes']);
  for (const name of pageNames()) {
    const response = await request.get(`/${name}.html`);
    expect(response.status()).toBe(200);
  }
});
