// A page of the build's Chromium that asks nothing of the network: the page itself and the decks'
// pictures are answered from memory, any other request is refused. The fitting page (measure.ts) and
// the print pages (print.ts) are such pages, and the slides they show are rendered by `pageMarp`.
// Browser I/O.
import { Marp } from '@marp-team/marp-core';
import { newPage, type Chromium, type ChromiumPage } from './chromium.ts';
import { codeLines, externalLinksInNewTab, highlightOnDemand, html, onlyLocalPictures, options, reuseThemeCss } from '../../marp.config.mjs';
import { LOAD_FONTS_NOW } from './load-fonts.ts';

/** The made-up origin of these pages: no request to it ever leaves the process. */
const MEMORY_ORIGIN = 'http://deck.invalid';
/** Where these pages are: a deck's relative links come out of Chromium (in a PDF) under this folder. */
export const MEMORY_PAGE_URL = `${MEMORY_ORIGIN}/deck.html`;
/** Each slide laid out at its own size, 1280×720, as the HTML deck does (it scales the slide as a whole) and as a PDF page is. */
const SLIDE_SIZE = 'body { margin: 0; } svg[data-marpit-svg] { display: block; width: 1280px; height: 720px; }';

/**
 * The Marp that renders decks into these pages: the options marp-cli's bespoke template renders the
 * HTML decks with (inline SVG slides in one `div#:$p`), without Marp's browser script. Fitting measures
 * the slides as the HTML deck lays them out, and the theme compiled for one is the theme compiled for
 * all three (`reuseThemeCss` keeps it by these options). `theme` is the course theme without its fonts.
 */
export function pageMarp(theme: string): Marp {
  const marpOptions = { ...options, html, inlineSVG: true, script: false, container: { tag: 'div', id: ':$p' }, slideContainer: [] };
  const marp = highlightOnDemand(reuseThemeCss(new Marp(marpOptions as ConstructorParameters<typeof Marp>[0]).use(onlyLocalPictures).use(externalLinksInNewTab).use(codeLines)));
  marp.themeSet.add(theme);
  return marp;
}

/**
 * A new page with the fonts decoded once (a `<style>` of `@font-face` rules; they decode as the page
 * opens, not when the first slide is laid out) and an empty `<style>` after it for each deck's own CSS,
 * opened at `MEMORY_PAGE_URL`. `pictures` are read as they are asked for, by the path the slides use
 * (`pict/x.svg`): the caller may add to it later.
 */
export async function openMemoryPage(chromium: Chromium, fontFaces: string, pictures: ReadonlyMap<string, string | Uint8Array>): Promise<ChromiumPage> {
  const page = await newPage(chromium);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title></title><style>${fontFaces}\n${SLIDE_SIZE}</style><style></style><script>${LOAD_FONTS_NOW}</script></head><body></body></html>`;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const picture = url.startsWith(`${MEMORY_ORIGIN}/`) ? pictures.get(decodeURIComponent(new URL(url).pathname.slice(1))) : undefined;
    const answered =
      url === MEMORY_PAGE_URL
        ? request.respond({ status: 200, contentType: 'text/html', body: html })
        : picture !== undefined
          ? request.respond({ status: 200, contentType: url.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream', body: Buffer.from(picture) })
          : request.abort();
    // A page closed while it asked: nothing is waiting for the answer.
    answered.catch(() => undefined);
  });
  // tsx and the compiled scripts name functions with esbuild's `__name` helper, which the page lacks.
  await page.evaluateOnNewDocument('globalThis.__name ??= (target) => target');
  await page.goto(MEMORY_PAGE_URL);
  return page;
}
