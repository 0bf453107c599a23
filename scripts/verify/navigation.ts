// Keyboard and views of a deck: ←/→, Home/End, a `#N` deep link on a fresh load, the presenter view
// with each slide's notes, and the overview (`?view=overview`, also opened by the `o` key).
import type { BrowserContext, Page } from '@playwright/test';
import { shownSlide, type SlideFacts } from './checks.ts';
import { fault, type Fault } from './fault.ts';

/** Polls `read` until `ok` holds or `timeout` ms pass; returns the last value read. */
export async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 2000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const shown = (page: Page) => page.evaluate(shownSlide);

/** Shows slide `number` through the URL's hash, as a `#N` link does; returns the slide then shown. */
export async function showSlide(page: Page, number: number): Promise<number> {
  await page.evaluate((n) => {
    location.hash = `#${n}`;
  }, number);
  return poll(() => shown(page), (n) => n === number);
}

async function freshLoad(page: Page, url: string): Promise<void> {
  // A hash change alone would not reload: leave the page first.
  await page.goto('about:blank');
  await page.goto(url);
}

interface NavigationOptions {
  context: BrowserContext;
  origin: string;
  file: string;
  slides: SlideFacts[];
}

async function keyboardFaults(page: Page, { origin, file, slides }: NavigationOptions): Promise<Fault[]> {
  const faults: Fault[] = [];
  const count = slides.length;
  await freshLoad(page, `${origin}/${file}#1`);
  if ((await poll(() => shown(page), (n) => n === 1)) !== 1) return [fault(file, 'view', 'opening #1 shows no slide 1')];
  const steps: [key: string, label: string, expected: number][] = [
    ['ArrowRight', '→', Math.min(2, count)],
    ['ArrowLeft', '←', 1],
    ['End', 'End', count],
    ['Home', 'Home', 1],
  ];
  let at = 1;
  for (const [key, label, expected] of steps) {
    await page.keyboard.press(key);
    const now = await poll(() => shown(page), (n) => n === expected);
    if (now !== expected) faults.push(fault(file, 'keyboard', `${label} shows slide ${now || 'none'}, not ${expected}`, slides[at - 1]));
    at = now || at;
  }
  await page.keyboard.press('o');
  const overview = await poll(() => page.locator('.bespoke-marp-overview iframe').count(), (n) => n > 0);
  if (overview === 0) faults.push(fault(file, 'keyboard', 'o does not open the overview'));
  return faults;
}

async function deepLinkFaults(page: Page, { origin, file, slides }: NavigationOptions): Promise<Fault[]> {
  const last = slides.length;
  await freshLoad(page, `${origin}/${file}#${last}`);
  const now = await poll(() => shown(page), (n) => n === last);
  return now === last ? [] : [fault(file, 'view', `opening ${file}#${last} shows slide ${now || 'none'}`, slides[last - 1])];
}

async function presenterFaults(page: Page, { origin, file, slides }: NavigationOptions): Promise<Fault[]> {
  await freshLoad(page, `${origin}/${file}?view=presenter#1`);
  const container = page.locator('.bespoke-marp-presenter-container');
  const opened = await poll(() => container.isVisible(), Boolean);
  const view = await page.evaluate(() => document.body.dataset.bespokeView ?? '');
  if (!opened || view !== 'presenter') return [fault(file, 'view', `?view=presenter does not open the presenter view (view "${view}")`)];
  const faults: Fault[] = [];
  const visibleNotes = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.bespoke-marp-presenter-note-container .bespoke-marp-note')]
        .filter((note) => note.checkVisibility())
        .map((note) => note.innerText)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  for (const slide of slides) {
    const now = await showSlide(page, slide.number);
    if (now !== slide.number) {
      faults.push(fault(file, 'view', `in the presenter view #${slide.number} shows slide ${now || 'none'}`, slide));
      continue;
    }
    const notes = await poll(visibleNotes, (text) => text === slide.notes, 1000);
    if (notes !== slide.notes) {
      const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
      faults.push(
        fault(file, 'view', notes ? `the presenter view shows the notes "${cut(notes)}", not "${cut(slide.notes)}"` : `the presenter view shows no notes, not "${cut(slide.notes)}"`, slide),
      );
    }
  }
  return faults;
}

async function overviewFaults(page: Page, { origin, file, slides }: NavigationOptions): Promise<Fault[]> {
  await freshLoad(page, `${origin}/${file}?view=overview#1`);
  const visible = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('svg[data-marpit-svg]')].filter((svg) => {
          const rect = svg.getBoundingClientRect();
          return svg.checkVisibility() && rect.width > 0 && rect.height > 0;
        }).length,
    );
  const count = await poll(visible, (n) => n === slides.length);
  const view = await page.evaluate(() => document.body.dataset.bespokeView ?? '');
  if (view !== 'overview') return [fault(file, 'view', `?view=overview does not open the overview (view "${view}")`)];
  return count === slides.length ? [] : [fault(file, 'view', `the overview shows ${count} of ${slides.length} slides`)];
}

/** Keyboard, deep link, presenter view and overview, in one page of the deck's context. */
export async function navigationFaults(options: NavigationOptions): Promise<Fault[]> {
  if (options.slides.length === 0) return [];
  const page = await options.context.newPage();
  try {
    return [
      ...(await keyboardFaults(page, options)),
      ...(await deepLinkFaults(page, options)),
      ...(await presenterFaults(page, options)),
      ...(await overviewFaults(page, options)),
    ];
  } finally {
    await page.close();
  }
}
