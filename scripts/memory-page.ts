// A page of the build's Chromium that asks nothing of the network: the page itself and the decks'
// pictures are answered from memory, any other request is refused. The fitting page (measure.ts) and
// the print pages (print.ts) are such pages. Browser I/O.
import type { Page } from '@playwright/test';

/** The made-up origin of these pages: no request to it ever leaves the process. */
export const MEMORY_ORIGIN = 'http://deck.invalid';

/**
 * A page with the fonts decoded once (a `<style>` of `@font-face` rules) and an empty `<style>` after
 * it for each deck's own CSS, opened at `MEMORY_ORIGIN/path`. `pictures` are read as they are asked
 * for, by the path the slides use (`pict/x.svg`): the caller may add to it later.
 */
export async function openMemoryPage(page: Page, path: string, fontFaces: string, pictures: ReadonlyMap<string, string | Uint8Array>): Promise<Page> {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title></title><style>${fontFaces}</style><style></style></head><body></body></html>`;
  await page.route('**/*', async (route) => {
    const asked = decodeURIComponent(new URL(route.request().url()).pathname.slice(1));
    const picture = pictures.get(asked);
    if (asked === path) await route.fulfill({ contentType: 'text/html', body: html });
    else if (picture !== undefined) await route.fulfill({ contentType: asked.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream', body: Buffer.from(picture) });
    else await route.abort();
  });
  // tsx and the compiled scripts name functions with esbuild's `__name` helper, which the page lacks.
  await page.addInitScript('globalThis.__name ??= (target) => target');
  await page.goto(`${MEMORY_ORIGIN}/${path}`);
  return page;
}
