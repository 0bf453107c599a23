// What a build prints from each deck in its Chromium: the PDF deck, its handout and, when asked, its
// PowerPoint (`NAME.pdf`, `NAME-handout.pdf`, `NAME.pptx`). A file whose inputs did not change since it
// was last made comes from the cache (node_modules/.cache/course-decks/pdf, handout, pptx); the others
// are made in the build's Chromium, two decks at a time for a course of several (one per core of the
// machines this runs on), all of a deck's in the page that rendered it once, finished (links, notes,
// outline, title) and cached.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR } from '../project.ts';
import type { Deck } from '../deck/deck.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import { contentKey, FileCache, pdfKey } from './cache.ts';
import type { PrintedDeck, Printer } from '../render/print.ts';
import { handoutDetails, SLIDES_PER_PAGE, type Paper } from '../render/handout.ts';
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
  /** The course's author: each file's author. */
  author: string;
  /** The PDF decks (false: none, for a build of HTML and PowerPoint). */
  pdf: boolean;
  /** With the PDF decks, their handouts on this paper. */
  paper?: Paper | undefined;
  /** The PowerPoints too. */
  pptx?: boolean | undefined;
  progress?: Progress | undefined;
}

type Output = 'pdf' | 'handout' | 'pptx';

/** A deck to print, with the cache keys of the outputs it lacks. */
interface Missing {
  deck: Deck;
  markdown: string;
  shown: Map<string, string | Uint8Array>;
  keys: Partial<Record<Output, string>>;
}

export const handoutFile = (name: string) => `${name}-handout.pdf`;
const FILES: Record<Output, (name: string) => string> = { pdf: (name) => `${name}.pdf`, handout: handoutFile, pptx: (name) => `${name}.pptx` };

/** Runs `work` on every item, at most `limit` at once. */
async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/**
 * Writes the wanted outputs of every deck into `outDir`. `pictures` holds the bytes of every picture the
 * decks show, by the path the slides use; `printer` is opened only when an output is not in the cache.
 */
export async function writePdfs(decks: readonly Deck[], pictures: ReadonlyMap<string, string | Uint8Array>, options: PdfOptions, printer: () => Promise<Printer>): Promise<void> {
  const caches: Record<Output, FileCache> = {
    pdf: new FileCache(join(CACHE_DIR, 'pdf'), 'pdf'),
    handout: new FileCache(join(CACHE_DIR, 'handout'), 'pdf'),
    pptx: new FileCache(join(CACHE_DIR, 'pptx'), 'pptx'),
  };
  const { identity, paper } = options;
  const wanted = (['pdf', 'handout', 'pptx'] as const).filter((o) => (o === 'pptx' ? options.pptx === true : options.pdf && (o === 'pdf' || paper !== undefined)));
  const pdfDecks = decks.map((d) => d.name);
  const missing: Missing[] = [];
  for (const deck of decks) {
    const markdown = emitMarpMarkdown(deck);
    const shown = new Map(deck.pictures.map((p) => [p.output, pictures.get(p.output)!]));
    const key = pdfKey({ identity, markdown, pictures: shown, pdfDecks });
    // The handout and the PowerPoint are made from what the PDF is (the handout's details are the
    // title slide's, in the Markdown), the handout on its paper.
    const keys: Record<Output, string> = { pdf: key, handout: contentKey('handout', [key, paper ?? '', String(SLIDES_PER_PAGE)]), pptx: contentKey('pptx', [key]) };
    const lacking: Partial<Record<Output, string>> = {};
    for (const output of wanted) if (!(await caches[output].restore(keys[output], join(options.outDir, FILES[output](deck.name))))) lacking[output] = keys[output];
    if (Object.keys(lacking).length > 0) missing.push({ deck, markdown, shown, keys: lacking });
  }
  let done = decks.length - missing.length;
  if (done > 0) options.progress?.('PDF', done, decks.length);
  if (missing.length === 0) return;

  // pdf-lib loads while Chromium prints the first deck; a failed load is reported where it is awaited.
  const finisher = import('../render/pdf-finish.ts');
  finisher.catch(() => undefined);
  const chromium = await printer();
  const write = async (output: Output, item: Missing, data: Uint8Array) => {
    await writeFile(join(options.outDir, FILES[output](item.deck.name)), data);
    await caches[output].store(item.keys[output]!, data);
  };
  // A deck's files are finished here while the page prints the next deck.
  const finishing: Promise<void>[] = [];
  const finish = async (item: Missing, printed: PrintedDeck) => {
    const { deck, keys } = item;
    const common = { printedAt: chromium.printedAt, pdfDecks: new Set(pdfDecks), author: options.author };
    const { finishPdf } = await finisher;
    if (printed.pdf && keys.pdf) {
      await write('pdf', item, await finishPdf(printed.pdf, { ...common, notes: printed.notes, headings: printed.headings, title: deck.title }));
    }
    if (printed.handout && keys.handout) {
      await write('handout', item, await finishPdf(printed.handout.pdf, { ...common, pdfSuffix: '-handout.pdf', outline: handoutOutline(printed), title: `${deck.title} · handout` }));
    }
    if (printed.shots && keys.pptx) await write('pptx', item, await powerPoint(deck, printed, { author: options.author, decks: pdfDecks }));
    options.progress?.('PDF', ++done, decks.length);
  };
  try {
    await eachAtMost(missing, missing.length <= ONE_PAGE_UP_TO ? 1 : PRINTING_AT_ONCE, async (item) => {
      const { deck, markdown, shown, keys } = item;
      const handout = keys.handout && paper ? { paper, perPage: SLIDES_PER_PAGE, details: handoutDetails(deck) } : undefined;
      const printed = await chromium.print({ title: deck.title, markdown, pictures: shown, pdf: keys.pdf !== undefined, shots: keys.pptx !== undefined, ...(handout ? { handout } : {}) }).catch((error: unknown) => {
        throw new Error(`the PDF of ${deck.name} (${deck.slides.length} slides) could not be printed: ${(error as Error).message}. Build it again; if it fails again, build with --no-pdf and split the deck's page`, { cause: error });
      });
      const finished = finish(item, printed);
      finished.catch(() => undefined);
      finishing.push(finished);
    });
    await Promise.all(finishing);
  } finally {
    // Nothing writes into the output folder once this returns, whatever failed.
    await Promise.allSettled(finishing);
    await chromium.close();
  }
}

/** A handout's outline: an entry a slide, at its place on its page. */
function handoutOutline(printed: PrintedDeck) {
  return printed.headings.map((title, i) => ({ title: title || `Slide ${i + 1}`, ...(printed.handout?.places[i] ?? { page: 0, top: 0 }) }));
}

async function powerPoint(deck: Deck, { shots = [], notes, headings }: PrintedDeck, { author, decks }: { author: string; decks: string[] }): Promise<Uint8Array> {
  const { makePptx } = await import('../render/pptx.ts');
  const slides = shots.map((shot, i) => ({ ...shot, notes: notes[i] ?? '', heading: headings[i] ?? '' }));
  return makePptx({ title: deck.title, author, pptxDecks: new Set(decks), slides });
}
