// The course search on dist/index.html: a word found only in one topic's presenter notes (read from
// the notes pages as plain text) finds that slide, whose result opens it; served and from file://;
// by keyboard; axe finds nothing serious.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { activeSlide, deckFacts } from './deck.ts';
import { NOTES_DIR, pageNames } from './notes.ts';

interface NotesWord {
  page: string;
  topic: string;
  word: string;
}

/** A word of 8 letters or more that the notes pages hold once, in a topic's presenter notes. */
function wordOnlyInNotes(): NotesWord {
  const sources = new Map(pageNames().map((name) => [name, readFileSync(`${NOTES_DIR}/${name}.md`, 'utf8')]));
  const all = [...sources.values()].join('\n').toLowerCase();
  const count = (word: string) => all.split(word.toLowerCase()).length - 1;
  for (const [page, source] of sources) {
    for (const section of source.split(/^# /m).slice(1)) {
      const topic = section.split('\n')[0]!.trim();
      for (const comment of section.matchAll(/<!--([\s\S]*?)-->/g)) {
        const word = comment[1]!.match(/\b[a-z]{8,}\b/gi)?.find((w) => count(w) === 1);
        if (word) return { page, topic, word };
      }
    }
  }
  throw new Error('no word of the notes pages is only in presenter notes');
}

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search every slide and its presenter notes' });
const results = (page: Page) => page.getByRole('list', { name: 'Matching slides' }).getByRole('link');

test('a word from a slide\'s presenter notes finds that slide, and its result opens it', async ({ page, browser, baseURL }) => {
  const { page: name, topic, word } = wordOnlyInNotes();
  const slides = (await deckFacts({ browser, baseURL }, name)).slides;
  const number = slides.findIndex((s) => s.heading.startsWith(topic) && s.notes.some((n) => n.toLowerCase().includes(word.toLowerCase()))) + 1;
  expect(number, `the slide of "${topic}"`).toBeGreaterThan(0);

  await page.goto('/index.html');
  await search(page).fill(word);
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText(topic);
  await expect(page.getByRole('status')).toHaveText('1 slide matches.');
  await expect(page.locator('#search-results mark').first()).toHaveText(new RegExp(`^${word}$`, 'i'));
  await expect(results(page).first()).toHaveAttribute('href', `${name}.html#${number}`);
  await results(page).first().click();
  await expect(page).toHaveURL(new RegExp(`/${name}\\.html#${number}$`));
  await expect(activeSlide(page)).toHaveAttribute('id', String(number));
});

test('by keyboard: ↓ from the box to the results, ↑/↓ between them, Enter opens the slide', async ({ page }) => {
  await page.goto('/index.html');
  await search(page).focus();
  await page.keyboard.type('pod');
  const found = await results(page).count();
  expect(found, 'slides about Pods').toBeGreaterThan(1);
  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(search(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(results(page).nth(0)).toBeFocused();
  const href = await results(page).nth(0).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${href!.replace('.', '\\.')}$`));
});

test('nothing found says so; Esc empties the box', async ({ page }) => {
  await page.goto('/index.html');
  await search(page).fill('zzqxv');
  await expect(page.getByRole('status')).toHaveText('No slide matches “zzqxv”.');
  await expect(results(page)).toHaveCount(0);
  await search(page).press('Escape');
  await expect(search(page)).toHaveValue('');
});

test('it works from file:// too (the index is a script, not fetched)', async ({ page }) => {
  const { page: name, word } = wordOnlyInNotes();
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  await search(page).fill(word);
  await expect(results(page).first()).toHaveAttribute('href', new RegExp(`^${name}\\.html#\\d+$`));
});

test('axe finds no serious or critical violation, results shown', async ({ page }) => {
  await page.goto('/index.html');
  await search(page).fill('volume');
  await expect(results(page).first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
