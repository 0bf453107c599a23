// The PDF decks of a build and their handouts (`NAME.pdf`, `NAME-handout.pdf`): a file whose inputs did
// not change since it was last printed comes from the cache (node_modules/.cache/course-decks/pdf and
// handout); the others are printed in the build's Chromium, two decks at a time for a course of several
// (one per core of the machines this runs on), a deck's handout in the page that printed the deck,
// finished (links, notes, outline, title) and cached.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR } from '../project.ts';
import type { Deck } from '../deck/deck.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import { contentKey, FileCache, pdfKey } from './cache.ts';
import { PRINTED_AT, type PrintedDeck, type Printer } from '../render/print.ts';
import { handoutDetails, SLIDES_PER_PAGE, type Paper } from '../render/handout.ts';

/** Decks printed at once: Chromium lays out and rasterises one deck a core. */
const PRINTING_AT_ONCE = 2;
/**
 * A second print page costs about what printing a deck does (a renderer started, the fonts and pictures
 * decoded again): it pays only when it prints several decks. A course of 30 decks prints in 8.7 s with
 * two pages and 9.5 s with one; 2 decks, 0.2 s sooner with one (this 2-core machine).
 */
const ONE_PAGE_UP_TO = 2;

export interface PdfOptions {
  outDir: string;
  /** The build's identity (scripts, packages, browser, theme): see cache.ts. */
  identity: string;
  /** The course's author: each PDF's author. */
  author: string;
  /** The handouts' paper; no handouts without it. */
  paper?: Paper;
}

/** A deck to print: the deck's PDF, its handout, or both. */
interface Missing {
  deck: Deck;
  markdown: string;
  shown: Map<string, string | Uint8Array>;
  pdfKey?: string;
  handoutKey?: string;
}

export const handoutFile = (name: string) => `${name}-handout.pdf`;

/** Runs `work` on every item, at most `limit` at once. */
async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/**
 * Writes `outDir/NAME.pdf` for every deck. `pictures` holds the bytes of every picture the decks show,
 * by the path the slides use; `printer` is opened only when a deck is not in the cache.
 */
export async function writePdfs(decks: readonly Deck[], pictures: ReadonlyMap<string, string | Uint8Array>, options: PdfOptions, printer: () => Promise<Printer>): Promise<void> {
  const caches = { pdf: new FileCache(join(CACHE_DIR, 'pdf'), 'pdf'), handout: new FileCache(join(CACHE_DIR, 'handout'), 'pdf') };
  const { identity, paper } = options;
  const pdfDecks = decks.map((d) => d.name);
  const missing: Missing[] = [];
  for (const deck of decks) {
    const markdown = emitMarpMarkdown(deck);
    const shown = new Map(deck.pictures.map((p) => [p.output, pictures.get(p.output)!]));
    const key = pdfKey({ identity, markdown, pictures: shown, pdfDecks });
    const pdfMissing = !(await caches.pdf.restore(key, join(options.outDir, `${deck.name}.pdf`)));
    // The handout is made from the same, on its paper (its details are the title slide's, in the Markdown).
    const handoutKey = paper ? contentKey('handout', [key, paper, String(SLIDES_PER_PAGE)]) : undefined;
    const handoutMissing = handoutKey !== undefined && !(await caches.handout.restore(handoutKey, join(options.outDir, handoutFile(deck.name))));
    if (pdfMissing || handoutMissing) missing.push({ deck, markdown, shown, ...(pdfMissing ? { pdfKey: key } : {}), ...(handoutMissing ? { handoutKey } : {}) });
  }
  if (missing.length === 0) return;

  // pdf-lib loads while Chromium prints the first deck; a failed load is reported where it is awaited.
  const finisher = import('../render/pdf-finish.ts');
  finisher.catch(() => undefined);
  const chromium = await printer();
  try {
    await eachAtMost(missing, missing.length <= ONE_PAGE_UP_TO ? 1 : PRINTING_AT_ONCE, async (item) => {
      const { deck, markdown, shown } = item;
      const handout = item.handoutKey && paper ? { paper, perPage: SLIDES_PER_PAGE, details: handoutDetails(deck) } : undefined;
      const printed = await chromium.print({ title: deck.title, markdown, pictures: shown, pdf: item.pdfKey !== undefined, ...(handout ? { handout } : {}) });
      const { finishPdf } = await finisher;
      const common = { printedAt: PRINTED_AT, pdfDecks: new Set(pdfDecks), author: options.author };
      if (printed.pdf && item.pdfKey) {
        const pdf = await finishPdf(printed.pdf, { ...common, notes: printed.notes, headings: printed.headings, title: deck.title });
        await writeFile(join(options.outDir, `${deck.name}.pdf`), pdf);
        await caches.pdf.store(item.pdfKey, pdf);
      }
      if (printed.handout && item.handoutKey) {
        const pdf = await finishPdf(printed.handout.pdf, { ...common, pdfSuffix: '-handout.pdf', outline: handoutOutline(printed), title: `${deck.title} · handout` });
        await writeFile(join(options.outDir, handoutFile(deck.name)), pdf);
        await caches.handout.store(item.handoutKey, pdf);
      }
    });
  } finally {
    await chromium.close();
  }
}

/** A handout's outline: an entry a slide, at its place on its page. */
function handoutOutline(printed: PrintedDeck) {
  return printed.headings.map((title, i) => ({ title: title || `Slide ${i + 1}`, ...(printed.handout?.places[i] ?? { page: 0, top: 0 }) }));
}
