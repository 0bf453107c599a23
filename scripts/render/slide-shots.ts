// Pictures of a deck's slides for its PowerPoint, taken in the print page that shows them (Marp's
// rendering in the build's Chromium: pixel for pixel what the HTML deck shows), with the box of every
// link on each slide — the timestamp chips, BACK, the agenda — where the fitted layout put it. Browser I/O.
import type { ChromiumPage } from '../browser/chromium.ts';

/** A slide's size in CSS pixels (16:9). */
export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
/** Device pixels a CSS pixel: a 2560×1440 picture stays sharp on a projector. */
const SCALE = 2;

/** A link's box on its slide, in CSS pixels from the slide's top-left corner. */
export interface LinkArea {
  href: string;
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SlideShot {
  png: Uint8Array;
  links: LinkArea[];
}

/** Every slide shown in `page` (Marp's inline SVGs, one under the other), as a PNG with its links. */
export async function shootSlides(page: ChromiumPage): Promise<SlideShot[]> {
  await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: SCALE });
  const slides = await page.evaluate(() =>
    [...document.querySelectorAll('svg[data-marpit-svg]')].map((svg) => {
      const frame = svg.getBoundingClientRect();
      const links = [...svg.querySelectorAll<HTMLAnchorElement>('a[href]')].flatMap((a) => {
        const box = a.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return [];
        return [{ href: a.getAttribute('href') ?? '', title: a.title || (a.textContent ?? '').trim(), x: box.left - frame.left, y: box.top - frame.top, width: box.width, height: box.height }];
      });
      return { top: frame.top + window.scrollY, left: frame.left + window.scrollX, links };
    }),
  );
  const shots: SlideShot[] = [];
  for (const { top, left, links } of slides) {
    const png = await page.screenshot({ type: 'png', clip: { x: left, y: top, width: SLIDE_WIDTH, height: SLIDE_HEIGHT }, captureBeyondViewport: true });
    shots.push({ png, links });
  }
  return shots;
}
