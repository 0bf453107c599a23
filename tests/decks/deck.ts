// Helpers to drive a Marp HTML deck (bespoke template) in the browser.
import { expect, type Page } from '@playwright/test';

/** Every slide's section, in order. */
export const slides = (page: Page) => page.locator('svg[data-marpit-svg] > foreignObject > section');

export async function openDeck(page: Page, name: string, slide = 1): Promise<void> {
  await page.goto(`/${name}.html#${slide}`);
  await expect(activeSlide(page)).toBeVisible();
}

export const activeSlide = (page: Page) => page.locator('svg.bespoke-marp-active > foreignObject > section');

/** The 1-based number of the slide shown. */
export async function shownSlide(page: Page): Promise<number> {
  return Number(await activeSlide(page).getAttribute('id'));
}

/** Each slide's heading text (the first h1), read from the DOM whether the slide is shown or not. */
export async function headings(page: Page): Promise<string[]> {
  return slides(page).evaluateAll((sections) => sections.map((s) => s.querySelector('h1')?.textContent?.trim() ?? ''));
}
