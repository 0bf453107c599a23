// Prints decks to PDF in the build's Chromium — the one that fitted the slides — instead of a second
// browser of marp-cli's own. Each deck is rendered by marp-core with the same config as its HTML deck
// (inline SVG slides, Marp's print CSS: one 1280×720 page a slide) and printed with Chromium's tagged
// PDF. This is browser I/O; what is done to the PDF afterwards is pdf-finish.ts.
import type { Marp } from '@marp-team/marp-core';
import type { Chromium, ChromiumPage } from '../browser/chromium.ts';
import { MEMORY_PAGE_URL, openMemoryPage, pageMarp } from '../browser/memory-page.ts';
import { noteText } from '../deck/marp-markdown.ts';
import { splitFonts } from './theme.ts';
import { shootSlides, type SlideShot } from './slide-shots.ts';
import { handoutCss, layOutHandout, PAPER_SIZE, type HandoutDetails, type HandoutPlace, type Paper } from './handout.ts';

export interface PrintDeck {
  /** The deck's title: the PDF's title. */
  title: string;
  /** Its Marp Markdown, as written into slides/. */
  markdown: string;
  /** The pictures it shows, by the path its slides use (`pict/x.svg`). */
  pictures: ReadonlyMap<string, string | Uint8Array>;
  /** Whether to print the deck's own PDF (a slide a page); false when only its handout is wanted. */
  pdf?: boolean;
  /** Pictures of its slides, with their links' boxes, for its PowerPoint (see slide-shots.ts). */
  shots?: boolean;
  /** Its handout too, on this paper, after the deck's PDF in the same page (see handout.ts). */
  handout?: { paper: Paper; perPage: number; details: HandoutDetails };
}

export interface PrintedHandout {
  pdf: Uint8Array;
  /** Where each slide is in the handout. */
  places: HandoutPlace[];
}

export interface PrintedDeck {
  /** The deck's PDF; undefined when it was not asked for. */
  pdf?: Uint8Array;
  handout?: PrintedHandout;
  shots?: SlideShot[];
  /** The presenter notes of each slide, in order ('' for none). */
  notes: string[];
  /** Each slide's heading as shown ('' for none), for the PDF's outline. */
  headings: string[];
}

export class Printer {
  /** The URL a deck is printed at: its relative links come out of Chromium under this folder. */
  readonly printedAt = MEMORY_PAGE_URL;
  private readonly marp: Marp;
  private readonly fontFaces: string;
  /** Every print page opened; those not in use are `idle`. One is opened for each deck printed at the same time. */
  private readonly pages: ChromiumPage[] = [];
  private readonly idle: ChromiumPage[] = [];
  /** Every picture of the decks printed so far, by path: the pages fetch them from here. */
  private readonly pictures = new Map<string, string | Uint8Array>();

  /**
   * `themeCss` is the course theme with its embedded fonts (slides/course.css): the course's fonts,
   * which have every deck's glyphs (Chromium embeds in a PDF only the glyphs it shows). `fitting` is the
   * fitting page, once fitting is over, with its Marp: a memory page already open with those fonts and
   * serving the decks' pictures, it prints first and closes with the printer.
   */
  constructor(
    private readonly chromium: Chromium,
    themeCss: string,
    fitting?: { page: ChromiumPage; marp: Marp },
  ) {
    // The fonts go into the page once; Marp renders the slides with the rest of the theme.
    const { fontFaces, rest } = splitFonts(themeCss);
    this.fontFaces = fontFaces;
    this.marp = fitting?.marp ?? pageMarp(rest);
    if (fitting) this.pages.push(fitting.page);
    this.idle.push(...this.pages);
  }

  private async openPage(): Promise<ChromiumPage> {
    const page = await openMemoryPage(this.chromium, this.fontFaces, this.pictures);
    this.pages.push(page);
    return page;
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
          // Loaded, not decoded: printing draws each picture anyway (decoding every SVG diagram first
          // only delayed the print; the PDFs' pages came out pixel for pixel the same).
          const loaded = (image: HTMLImageElement) =>
            image.complete ? Promise.resolve() : new Promise((resolve) => ['load', 'error'].forEach((event) => image.addEventListener(event, resolve, { once: true })));
          await Promise.all([...document.images].map(loaded));
          const heading = (section: Element) => section.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          return [...document.querySelectorAll('[data-marpit-svg] > foreignObject > section')].map(heading);
        },
        { title: deck.title, css, slides },
      );
      // As written in the notes: the handout and the PowerPoint's notes copy as the presenter wrote them.
      const notes = comments.map((slide) => slide.map(noteText).join('\n\n'));
      // Tagged: a reader (and a screen reader) gets the structure; the outline is pdf-finish.ts's.
      // No time limit: a deck of thousands of slides takes minutes to print (puppeteer's default is 30 s).
      const pdf = deck.pdf === false ? undefined : await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 });
      const shots = deck.shots ? await shootSlides(page) : undefined;
      const handout = deck.handout ? await printHandout(page, css, { ...deck.handout, notes }) : undefined;
      this.idle.push(page);
      return { ...(pdf ? { pdf } : {}), ...(handout ? { handout } : {}), ...(shots ? { shots } : {}), notes, headings };
    } catch (error) {
      this.pages.splice(this.pages.indexOf(page), 1);
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const pages = this.pages.splice(0);
    this.idle.length = 0;
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  }
}

/** Lays the slides shown in `page` out as a handout and prints it; the page's next deck replaces it all. */
async function printHandout(page: ChromiumPage, deckCss: string, input: { paper: Paper; perPage: number; details: HandoutDetails; notes: string[] }): Promise<PrintedHandout> {
  const style = await page.evaluateHandle(
    (css) => document.head.appendChild(Object.assign(document.createElement('style'), { textContent: css })),
    handoutCss(input.paper, deckCss),
  );
  try {
    const places = await page.evaluate(layOutHandout, input);
    // No time limit, as for the deck's PDF: a handout of a thousand pages takes minutes.
    const pdf = await page.pdf({ ...PAPER_SIZE[input.paper], preferCSSPageSize: true, printBackground: true, tagged: true, timeout: 0 });
    return { pdf, places };
  } finally {
    await style.evaluate((element) => element.remove());
    await style.dispose();
  }
}
