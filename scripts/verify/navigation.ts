// Keyboard and views of a deck: a `#N` deep link on a fresh load, ←/→, Home/End, the overview the `o`
// key opens (`?view=overview`, in a frame), and the presenter view with each slide's notes.
import type { BrowserContext, Page } from '@playwright/test';
import { awaitPresenterNotes, awaitSlide, awaitVisibleSlides, keySeen, watchKeys, type SlideFacts } from './checks.ts';
import { fault, type Fault } from './fault.ts';

/**
 * How long a slide, a view or the notes may take to show before the verifier says they do not: a wait
 * ends as soon as what it waits for is there, so only a fault waits this long. Generous: on a loaded
 * 2-core machine (the test suite beside it, a deck's passes side by side) 2 s was once too short.
 */
export const WAIT = 10_000;

/** Waits (at most `timeout` ms) until slide `number` is shown (0: any slide); returns the slide then shown. */
export const slideShown = (page: Page, number: number, timeout = WAIT) => page.evaluate(awaitSlide, { number, timeout });

/** Shows slide `number` through the URL's hash, as a `#N` link does; returns the slide then shown. */
export const showSlide = (page: Page, number: number, timeout = WAIT) => page.evaluate(awaitSlide, { number, timeout, hash: true });

/**
 * Presses `key`; false when the deck never saw it: a script of the deck stopped it before it reached
 * the window's listeners. Marp's keyboard handling shows the next slide or view as the key is handled,
 * so a key stopped on its way, with nothing shown, is a fault found now, not after a wait.
 */
async function press(page: Page, key: string): Promise<boolean> {
  await page.evaluate(watchKeys);
  await page.keyboard.press(key);
  return page.evaluate(keySeen, key);
}

interface NavigationOptions {
  context: BrowserContext;
  origin: string;
  file: string;
  slides: SlideFacts[];
  /** How long a slide, a view or the notes may take to show (WAIT unless told). */
  wait: number;
}

/**
 * A `#N` deep link, the keyboard and the overview, in one load of the deck: opened at its last slide,
 * then ←/→/Home/End, then `o`, whose overview is the deck at `?view=overview` in a frame, every slide shown.
 */
async function keyboardFaults(page: Page, { origin, file, slides, wait }: NavigationOptions): Promise<Fault[]> {
  const faults: Fault[] = [];
  const count = slides.length;
  await page.goto(`${origin}/${file}#${count}`);
  const opened = await slideShown(page, count, wait);
  if (opened !== count) faults.push(fault(file, 'view', `opening ${file}#${count} shows slide ${opened || 'none'}`, slides[count - 1]));
  if (opened === 0) return faults;
  const steps: [key: string, label: string, expected: number][] = [
    ['Home', 'Home', 1],
    ['ArrowRight', '→', Math.min(2, count)],
    ['ArrowLeft', '←', 1],
    ['End', 'End', count],
  ];
  let at = opened;
  for (const [key, label, expected] of steps) {
    const seen = await press(page, key);
    const now = await slideShown(page, expected, seen ? wait : 0);
    if (now !== expected) faults.push(fault(file, 'keyboard', `${label} shows slide ${now || 'none'}, not ${expected}`, slides[at - 1]));
    at = now || at;
  }
  const seen = await press(page, 'o');
  const frame = await page
    .waitForSelector('.bespoke-marp-overview iframe', { timeout: seen ? wait : 1 })
    .then((iframe) => iframe.contentFrame())
    .catch(() => null);
  if (!frame) return [...faults, fault(file, 'keyboard', 'o does not open the overview')];
  await frame.waitForLoadState('load').catch(() => undefined);
  const shown = await frame.evaluate(awaitVisibleSlides, { count, timeout: wait });
  const view = await frame.evaluate(() => document.body.dataset.bespokeView ?? '');
  if (view !== 'overview') faults.push(fault(file, 'view', `?view=overview does not open the overview (view "${view}")`));
  else if (shown !== count) faults.push(fault(file, 'view', `the overview shows ${shown} of ${count} slides`));
  return faults;
}

async function presenterFaults(page: Page, { origin, file, slides, wait }: NavigationOptions): Promise<Fault[]> {
  // Another query than the page's: a load of its own, not a move within it.
  await page.goto(`${origin}/${file}?view=presenter#1`);
  const container = page.locator('.bespoke-marp-presenter-container');
  const opened = await container.waitFor({ state: 'visible', timeout: wait }).then(
    () => true,
    () => false,
  );
  const view = await page.evaluate(() => document.body.dataset.bespokeView ?? '');
  if (!opened || view !== 'presenter') return [fault(file, 'view', `?view=presenter does not open the presenter view (view "${view}")`)];
  const faults: Fault[] = [];
  for (const slide of slides) {
    const now = await showSlide(page, slide.number, wait);
    if (now !== slide.number) {
      faults.push(fault(file, 'view', `in the presenter view #${slide.number} shows slide ${now || 'none'}`, slide));
      continue;
    }
    const notes = await page.evaluate(awaitPresenterNotes, { want: slide.notes, timeout: wait });
    if (notes !== slide.notes) {
      const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
      faults.push(
        fault(file, 'view', notes ? `the presenter view shows the notes "${cut(notes)}", not "${cut(slide.notes)}"` : `the presenter view shows no notes, not "${cut(slide.notes)}"`, slide),
      );
    }
  }
  return faults;
}

/** Deep link, keyboard, overview and presenter view, in one page of the views' context. */
export async function navigationFaults(options: NavigationOptions): Promise<Fault[]> {
  if (options.slides.length === 0) return [];
  const page = await options.context.newPage();
  try {
    return [
      ...(await keyboardFaults(page, options)),
      ...(await presenterFaults(page, options)),
    ];
  } finally {
    await page.close();
  }
}
