// Prints decks to PDF in the build's Chromium — the one that fitted the slides — instead of a second
// browser of marp-cli's own. Each deck is rendered by marp-core with the same config as its HTML deck
// (inline SVG slides, Marp's print CSS: one 1280×720 page a slide) and printed with Chromium's tagged
// PDF. This is browser I/O; what is done to the PDF afterwards is pdf-finish.ts.
import { Marp } from '@marp-team/marp-core';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { externalLinksInNewTab, html, options, reuseThemeCss } from '../marp.config.mjs';
import { MEMORY_ORIGIN, openMemoryPage } from './memory-page.ts';


export interface PrintDeck {
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

/** The page every deck is printed in: fonts decoded once, each deck's CSS and slides put in turn. */
const PRINT_PAGE = 'print.html';
/** The URL a deck is printed at: its relative links come out of Chromium under this folder. */
export const PRINTED_AT = `${MEMORY_ORIGIN}/${PRINT_PAGE}`;

export class Printer {
  private readonly marp: Marp;
  private readonly fontFaces: string;
  private context: Promise<BrowserContext> | undefined;
  /** Print pages not in use; one is opened for each deck printed at the same time. */
  private readonly idle: Page[] = [];
  /** Every picture of the decks printed so far, by path: the pages fetch them from here. */
  private readonly pictures = new Map<string, string | Uint8Array>();

  /** `themeCss` is the course theme with its embedded fonts (slides/course.css). */
  constructor(
    private readonly browser: Browser,
    themeCss: string,
  ) {
    this.marp = reuseThemeCss(new Marp({ ...options, html, inlineSVG: true, script: false }).use(externalLinksInNewTab));
    // The fonts go into the page once: Marp need not carry 70 KB of data URLs through PostCSS each render.
    this.fontFaces = (themeCss.match(FONT_FACE) ?? []).join('\n');
    this.marp.themeSet.add(themeCss.replace(FONT_FACE, ''));
  }

  private async openPage(): Promise<Page> {
    this.context ??= this.browser.newContext({ viewport: { width: 1280, height: 720 } });
    return openMemoryPage(await (await this.context).newPage(), PRINT_PAGE, this.fontFaces, this.pictures);
  }

  async print(deck: PrintDeck): Promise<PrintedDeck> {
    const { html: slides, css, comments } = this.marp.render(deck.markdown);
    for (const [path, data] of deck.pictures) this.pictures.set(path, data);
    const page = this.idle.pop() ?? (await this.openPage());
    try {
      const headings = await page.evaluate(
        async ({ title, css, slides }) => {
          document.title = title;
          document.querySelectorAll('style')[1]!.textContent = css;
          document.body.innerHTML = slides;
          await document.fonts.ready;
          await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
          const heading = (section: Element) => section.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          return [...document.querySelectorAll('[data-marpit-svg] > foreignObject > section')].map(heading);
        },
        { title: deck.title, css, slides },
      );
      // Tagged: a reader (and a screen reader) gets the structure; the outline is pdf-finish.ts's.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
      this.idle.push(page);
      return { pdf, notes: comments.map((slide) => slide.join('\n\n')), headings };
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.idle.length = 0;
    await (await context)?.close();
  }
}
