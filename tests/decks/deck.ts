// Helpers to drive a Marp HTML deck (bespoke template) in the browser.
import { expect, type Browser, type Page } from '@playwright/test';

/** Every slide's section, in order. */
export const slides = (page: Page) => page.locator('svg[data-marpit-svg] > foreignObject > section');

/**
 * Opens a deck on a slide, ready for keys and clicks: the opening slide is shown before bespoke.js
 * starts (scripts/render/deck-html.ts), so this waits for bespoke.js's own controls too, and for it
 * to have landed on the slide.
 */
export async function openDeck(page: Page, name: string, slide = 1): Promise<void> {
  await page.goto(`/${name}.html#${slide}`);
  await expect(page.locator('.bespoke-marp-parent > .bespoke-marp-osc')).toBeAttached();
  await expect(activeSlide(page)).toHaveAttribute('id', String(slide));
  await expect(activeSlide(page)).toBeVisible();
}

export const activeSlide = (page: Page) => page.locator('svg.bespoke-marp-active > foreignObject > section');

/** The 1-based number of the slide shown. */
export async function shownSlide(page: Page): Promise<number> {
  return Number(await activeSlide(page).getAttribute('id'));
}

/** What one slide of a deck holds, read from its section in the DOM. */
export interface SlideFacts {
  /** The first h1's text, trimmed ('' when there is none). */
  heading: string;
  /** The section's whole text. */
  text: string;
  classes: string[];
  timestamp?: { label: string; href: string | null; target: string | null; rel: string | null };
  pictures: { src: string | null; alt: string }[];
  /** The text of each of its presenter notes. */
  notes: string[];
}

/** A deck as Chromium shows it when opened: its page title and every slide. */
export interface DeckFacts {
  title: string;
  slides: SlideFacts[];
}

async function readDeck(browser: Browser, baseURL: string | undefined, name: string): Promise<DeckFacts> {
  const page = await browser.newPage({ ...(baseURL ? { baseURL } : {}), viewport: { width: 1280, height: 720 } });
  try {
    await openDeck(page, name);
    const read = await slides(page).evaluateAll((sections) =>
      sections.map((s, i) => {
        const a = s.querySelector('p.timestamp a.timestamp');
        return {
          heading: s.querySelector('h1')?.textContent?.trim() ?? '',
          text: s.textContent ?? '',
          classes: [...s.classList],
          ...(a ? { timestamp: { label: a.textContent ?? '', href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') } } : {}),
          pictures: [...s.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src'), alt: img.alt })),
          notes: [...document.querySelectorAll(`.bespoke-marp-note[data-index="${i}"]`)].map((n) => n.textContent ?? ''),
        };
      }),
    );
    return { title: await page.title(), slides: read };
  } finally {
    await page.close();
  }
}

const decksRead = new Map<string, Promise<DeckFacts>>();

/**
 * A deck's facts, read once in each worker: tests that only read what a deck shows share one page
 * load of it instead of opening it each (a load is most of such a test's time).
 */
export function deckFacts({ browser, baseURL }: { browser: Browser; baseURL: string | undefined }, name: string): Promise<DeckFacts> {
  let facts = decksRead.get(name);
  if (!facts) decksRead.set(name, (facts = readDeck(browser, baseURL, name)));
  return facts;
}
