// The checks made on a deck laid out for print (`print` media: every slide at once, one below the
// other, as in its PDF), in a page of its own at device scale factor 2:
// - overflow on a HiDPI screen (2 device pixels a CSS pixel), which rounds text and boxes otherwise than
//   the window the deck is checked in: a slide that just fits at 1 may not at 2. A slide's layout is the
//   same printed as shown (its box is its own 1280 × 720 pixels either way), so each slide is measured
//   without being shown, and none is painted at that scale (showing each one painted every slide anew
//   at four times the pixels: about a second of CPU a deck);
// - accessibility of every slide in one analysis (see a11y.ts, axeDeck); then, the page shown on a
//   screen again, of the page around the first and the last slide, Marp's on-screen controls (see
//   axeAroundSlide): axe is in this page already, and its first analysis in a page is its dearest.
import type { Browser } from '@playwright/test';
import { axeAroundSlide, axeDeck, type A11yFinding } from './a11y.ts';
import { inspectSlide, NAME_SHIM, PICTURE_TIMEOUT, settleSlide, TOLERANCE, VIEWPORT, type OverflowFinding, type SlideFacts } from './checks.ts';
import { fault, type Fault } from './fault.ts';
import { showSlide } from './navigation.ts';

export function overflowMessage({ element, direction, amount, more }: OverflowFinding): string {
  const edge = direction === 'below' || direction === 'right of' ? 'ends' : 'starts';
  return `${element} ${edge} ${amount}px ${direction} the slide${more > 0 ? ` (and ${more} more element${more === 1 ? '' : 's'})` : ''}`;
}

export interface PrintedChecks {
  /** Overflow at device scale factor `scale`, each message saying so. */
  overflow: Fault[];
  /** Serious and critical accessibility violations, each in its slide. */
  a11y: A11yFinding[];
  /**
   * Those of the page around the first and the last slide as shown (Marp's on-screen controls, the same
   * on every slide): each once, with the slide it was first seen on.
   */
  aroundSlides: (A11yFinding & { seenOn: number })[];
}

/**
 * The checks of deck `file` (served at `origin`) laid out for print, at device scale factor `scale`;
 * then, unless `a11y` is false, axe on every slide and on the page around its first and last slide
 * as shown, each given `wait` ms to show.
 */
export async function printedChecks(
  browser: Browser,
  origin: string,
  file: string,
  slides: readonly SlideFacts[],
  { scale, wait, a11y: withA11y = true }: { scale: number; wait: number; a11y?: boolean },
): Promise<PrintedChecks> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: scale });
  const overflow: Fault[] = [];
  try {
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${origin}/${encodeURIComponent(file)}`);
    for (const slide of slides) {
      await page.evaluate(settleSlide, { number: slide.number, timeout: PICTURE_TIMEOUT });
      const inspection = await page.evaluate(inspectSlide, { number: slide.number, tolerance: TOLERANCE });
      if (!inspection.shown) continue; // the check at scale 1 reports it
      const at = ` (at device scale factor ${scale})`;
      for (const o of inspection.overflow) overflow.push(fault(file, 'overflow', overflowMessage(o) + at, slide));
      for (const message of inspection.hidden) overflow.push(fault(file, 'overflow', message + at, slide));
    }
    if (!withA11y) return { overflow, a11y: [], aroundSlides: [] };
    const a11y = await axeDeck(page);
    await page.emulateMedia({ media: 'screen' });
    const aroundSlides: PrintedChecks['aroundSlides'] = [];
    for (const number of new Set([1, slides.length])) {
      // A slide the deck does not show is the slides' pass's fault to report.
      if ((await showSlide(page, number, wait)) !== number) continue;
      for (const finding of await axeAroundSlide(page, number)) {
        if (!aroundSlides.some((seen) => seen.rule === finding.rule && seen.target === finding.target)) aroundSlides.push({ ...finding, seenOn: number });
      }
    }
    return { overflow, a11y, aroundSlides };
  } finally {
    await context.close();
  }
}
