// Overflow at another device scale factor: a HiDPI screen (2 device pixels a CSS pixel) rounds text and
// boxes otherwise than the window the deck is checked in, and a slide that just fits at 1 may not at 2.
import type { Browser } from '@playwright/test';
import { inspectSlide, NAME_SHIM, settleSlide, type OverflowFinding, type SlideFacts } from './checks.ts';
import { fault, type Fault } from './fault.ts';

export function overflowMessage({ element, direction, amount, more }: OverflowFinding): string {
  const edge = direction === 'below' || direction === 'right of' ? 'ends' : 'starts';
  return `${element} ${edge} ${amount}px ${direction} the slide${more > 0 ? ` (and ${more} more element${more === 1 ? '' : 's'})` : ''}`;
}

const VIEWPORT = { width: 1280, height: 720 };
const TOLERANCE = 1;

/**
 * The overflow faults of every slide of deck `file` (served at `origin`) at device scale factor `scale`.
 * The deck is laid out for print, as its PDF is: every slide at once, with the same layout inside each
 * slide as on screen (the slide's box is its own 1280 × 720 pixels either way), so each slide is
 * measured without being shown, and no slide is painted at that scale (showing each one painted every
 * slide anew at four times the pixels: a second of CPU a deck).
 */
export async function overflowAtScale(browser: Browser, origin: string, file: string, slides: readonly SlideFacts[], scale: number): Promise<Fault[]> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: scale });
  const faults: Fault[] = [];
  try {
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${origin}/${encodeURIComponent(file)}`);
    for (const slide of slides) {
      await page.evaluate(settleSlide, { number: slide.number, timeout: 3000 });
      const { shown, overflow, hidden } = await page.evaluate(inspectSlide, { number: slide.number, tolerance: TOLERANCE });
      if (!shown) continue; // the check at scale 1 reports it
      const at = ` (at device scale factor ${scale})`;
      for (const o of overflow) faults.push(fault(file, 'overflow', overflowMessage(o) + at, slide));
      for (const message of hidden) faults.push(fault(file, 'overflow', message + at, slide));
    }
  } finally {
    await context.close();
  }
  return faults;
}
