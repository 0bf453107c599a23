// Prints decks to PDF in the build's Chromium — the one that fitted the slides — instead of a second
// browser of marp-cli's own. Each deck is rendered by marp-core with the same config as its HTML deck
// (inline SVG slides, Marp's print CSS: one 1280×720 page a slide) and printed with Chromium's tagged
// PDF. This is browser I/O; what is done to the PDF afterwards is pdf-finish.ts.
import { Marp } from '@marp-team/marp-core';
import type { Browser } from '@playwright/test';
import { externalLinksInNewTab, html, options, reuseThemeCss } from '../marp.config.mjs';

/** The origin a deck is printed at: its relative links come out of Chromium under it (see pdf-finish.ts). */
export const PRINT_ORIGIN = 'http://deck.invalid';

export interface PrintDeck {
  /** The deck's name: printed at `${PRINT_ORIGIN}/NAME.html`, beside the decks its links name. */
  name: string;
  /** The deck's title: the PDF's title. */
  title: string;
  /** Its Marp Markdown, as written into slides/. */
  markdown: string;
  /** The pictures it shows, by the path its slides use (`pict/x.svg`). */
  pictures: ReadonlyMap<string, string | Uint8Array>;
}

export interface PrintedDeck {
  pdf: Uint8Array;
  /** The presenter notes of each slide, in order ('' for none). */
  notes: string[];
  /** Each slide's heading as shown ('' for none), for the PDF's outline. */
  headings: string[];
}

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;

export class Printer {
  private readonly marp: Marp;
  private readonly fontFaces: string;

  /** `themeCss` is the course theme with its embedded fonts (slides/course.css). */
  constructor(
    private readonly browser: Browser,
    themeCss: string,
  ) {
    this.marp = reuseThemeCss(new Marp({ ...options, html, inlineSVG: true, script: false }).use(externalLinksInNewTab));
    // The fonts go into the page beside the theme: Marp need not carry 70 KB of data URLs through PostCSS.
    this.fontFaces = (themeCss.match(FONT_FACE) ?? []).join('\n');
    this.marp.themeSet.add(themeCss.replace(FONT_FACE, ''));
  }

  /** The page Chromium prints: the deck's slides, its CSS and fonts, nothing that runs. */
  private page(deck: PrintDeck): { html: string; notes: string[] } {
    const { html: slides, css, comments } = this.marp.render(deck.markdown);
    const title = deck.title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const head = `<meta charset="utf-8"><title>${title}</title><style>${this.fontFaces}</style><style>${css}</style>`;
    return {
      html: `<!DOCTYPE html><html lang="en"><head>${head}</head><body>${slides}</body></html>`,
      notes: comments.map((slide) => slide.join('\n\n')) };
  }

  async print(deck: PrintDeck): Promise<PrintedDeck> {
    const { html: deckPage, notes } = this.page(deck);
    const page = await this.browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      // Everything the page asks for comes from memory; any other request is refused.
      await page.route('**/*', async (route) => {
        const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(1));
        const picture = deck.pictures.get(path);
        if (path === `${deck.name}.html`) await route.fulfill({ contentType: 'text/html', body: deckPage });
        else if (picture !== undefined) await route.fulfill({ contentType: path.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream', body: Buffer.from(picture) });
        else await route.abort();
      });
      // tsx compiles named functions with esbuild's `__name` helper, which the page does not have.
      await page.addInitScript('globalThis.__name ??= (target) => target');
      await page.goto(`${PRINT_ORIGIN}/${encodeURIComponent(deck.name)}.html`);
      const headings = await page.evaluate(async () => {
        await document.fonts.ready;
        await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
        const heading = (section: Element) => section.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        return [...document.querySelectorAll('[data-marpit-svg] > foreignObject > section')].map(heading);
      });
      // Tagged: a reader (and a screen reader) gets the structure; the outline is pdf-finish.ts's.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
      return { pdf, notes, headings };
    } finally {
      await page.close();
    }
  }
}
