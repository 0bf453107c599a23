// The PDF decks of a build: a deck whose inputs did not change since it was last printed comes from the
// cache (node_modules/.cache/course-decks/pdf); the others are printed in the build's Chromium, two at a
// time for a course of several (one per core of the machines this runs on), finished (links, notes,
// title) and cached.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR } from '../project.ts';
import type { Deck } from '../deck/deck.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import { FileCache, pdfKey } from './cache.ts';
import { PRINTED_AT, type Printer } from '../render/print.ts';
import type { Progress } from '../progress.ts';

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
  progress?: Progress | undefined;
}

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
  const cache = new FileCache(join(CACHE_DIR, 'pdf'), 'pdf');
  const { identity } = options;
  const pdfDecks = decks.map((d) => d.name);
  const missing: { deck: Deck; key: string; markdown: string; shown: Map<string, string | Uint8Array> }[] = [];
  for (const deck of decks) {
    const markdown = emitMarpMarkdown(deck);
    const shown = new Map(deck.pictures.map((p) => [p.output, pictures.get(p.output)!]));
    const key = pdfKey({ identity, markdown, pictures: shown, pdfDecks });
    if (!(await cache.restore(key, join(options.outDir, `${deck.name}.pdf`)))) missing.push({ deck, key, markdown, shown });
  }
  let done = decks.length - missing.length;
  if (done > 0) options.progress?.('PDF', done, decks.length);
  if (missing.length === 0) return;

  // pdf-lib loads while Chromium prints the first deck; a failed load is reported where it is awaited.
  const finisher = import('../render/pdf-finish.ts');
  finisher.catch(() => undefined);
  const chromium = await printer();
  try {
    await eachAtMost(missing, missing.length <= ONE_PAGE_UP_TO ? 1 : PRINTING_AT_ONCE, async ({ deck, key, markdown, shown }) => {
      const printed = await chromium.print({ title: deck.title, markdown, pictures: shown });
      const { finishPdf } = await finisher;
      const pdf = await finishPdf(printed.pdf, {
        printedAt: PRINTED_AT,
        pdfDecks: new Set(pdfDecks),
        notes: printed.notes,
        headings: printed.headings,
        title: deck.title,
        author: options.author,
      });
      await writeFile(join(options.outDir, `${deck.name}.pdf`), pdf);
      await cache.store(key, pdf);
      options.progress?.('PDF', ++done, decks.length);
    });
  } finally {
    await chromium.close();
  }
}
