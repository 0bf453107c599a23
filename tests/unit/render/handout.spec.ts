// The handout's layout (scripts/render/handout.ts): its page count, its details from the title slide,
// the deck's CSS scoped to the slides in their rows, and the layout run in Chromium on slides as Marp
// renders them.
import { expect, test } from '@playwright/test';
import { handoutCss, handoutDetails, handoutPageCount, layOutHandout, type HandoutInput } from '../../../scripts/render/handout.ts';
import type { Deck } from '../../../scripts/deck/deck.ts';

test('a page holds three slides: pages are the slides divided by three, rounded up', () => {
  expect([1, 3, 4, 10, 11, 12].map((slides) => handoutPageCount(slides))).toEqual([1, 1, 2, 4, 4, 4]);
});

test("the details are the title slide's: heading, chapter, course and its links", () => {
  const timestamp = { href: 'https://youtu.be/X48VuDVv0do?t=10718', label: '▶ 2:58:38', title: 'Watch from 2:58:38' };
  const back = { href: 'volumes.html', label: '◀ BACK', title: 'Back to K8s Volumes' };
  const deck: Deck = {
    file: 'notes/statefulsets.md',
    name: 'statefulsets',
    title: 'K8s StatefulSets',
    lang: 'en',
    footer: 'K8s StatefulSets · TechWorld with Nana',
    pictures: [],
    slides: [{ kind: 'title', heading: 'K8s StatefulSets', course: 'Kubernetes Tutorial · TechWorld with Nana', chapter: 'Chapter 13: StatefulSet', timestamp, back }],
  };
  expect(handoutDetails(deck)).toEqual({ heading: 'K8s StatefulSets', chapter: 'Chapter 13: StatefulSet', course: 'Kubernetes Tutorial · TechWorld with Nana', links: [timestamp, back] });
});

test("the deck's CSS applies to the slides in their rows, not to Marp's container any more", () => {
  const css = handoutCss('a4', 'div#\\:\\$p > svg > foreignObject > section { color: red; }');
  expect(css).toContain('.handout .slide > svg > foreignObject > section { color: red; }');
  expect(css).not.toContain('div#\\:\\$p');
  expect(css).toContain('size: 210mm 297mm');
  expect(handoutCss('letter', '')).toContain('size: 8.5in 11in');
});

/** Slides as Marp renders them: an SVG a slide, its section inside a foreignObject. */
const slide = (n: number) => `<svg data-marpit-svg viewBox="0 0 1280 720"><foreignObject width="1280" height="720"><section id="${n}"><h1>Topic ${n}</h1></section></foreignObject></svg>`;

test('in the page: rows of three slides beside their notes, notes too long made smaller until they fit', async ({ page }) => {
  const long = Array.from({ length: 22 }, (_, i) => `Sentence ${i} of a long presenter note.`).join(' ');
  await page.setContent(`<!DOCTYPE html><html><head><style>${handoutCss('a4', '')}</style></head><body><div>${[1, 2, 3, 4].map(slide).join('')}</div></body></html>`);
  const input: HandoutInput = {
    paper: 'a4',
    perPage: 3,
    details: { heading: 'K8s StatefulSets', chapter: 'Chapter 13', course: 'The course', links: [{ href: 'volumes.html', label: '◀ BACK', title: 'Back' }] },
    notes: ['First paragraph.\n\nSecond paragraph.', '', long, 'Last.'],
  };
  const places = await page.evaluate(layOutHandout, input);
  expect(places.map((p) => p.page)).toEqual([0, 0, 0, 1]);
  expect(places[1]!.top).toBeGreaterThan(places[0]!.top);
  await expect(page.locator('.sheet')).toHaveCount(2);
  await expect(page.locator('.sheet').first().locator('.details h1')).toHaveText('K8s StatefulSets');
  await expect(page.locator('.sheet').nth(1).locator('.details')).toHaveCount(0);
  await expect(page.locator('.sheet > footer').nth(1)).toContainText('Page 2 of 2');
  const rows = page.locator('.sheet').first().locator('.row');
  await expect(rows.nth(0).locator('.notes p:not(.number)')).toHaveText(['First paragraph.', 'Second paragraph.']);
  await expect(rows.nth(1).locator('.notes')).toContainText('No presenter notes.');
  await expect(rows.nth(0).locator('section h1')).toHaveText('Topic 1');
  const notes = rows.nth(2).locator('.notes');
  const fits = await notes.evaluate((n) => ({ size: parseFloat(n.style.fontSize || '9'), fits: n.scrollHeight <= n.clientHeight + 1 }));
  expect(fits.size).toBeLessThan(9);
  expect(fits.fits).toBe(true);
});
