// The PDF decks of a build: a deck whose inputs did not change since it was last printed comes from the
// cache (node_modules/.cache/course-decks/pdf); the others are printed in the build's Chromium, two at a
// time (one per core of the machines this runs on), finished (links, notes, title) and cached.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CACHE_DIR, CONFIG_FILE, PROJECT_DIR, SCRIPTS_DIR, THEME_FILE } from './project.ts';
import type { Deck } from './deck.ts';
import { emitMarpMarkdown } from './marp-markdown.ts';
import { buildIdentity, PdfCache, pdfKey, sourcesOf } from './pdf-cache.ts';
import { PRINT_ORIGIN, type Printer } from './print.ts';

/** Decks printed at once: Chromium lays out and rasterises one deck a core. */
const PRINTING_AT_ONCE = 2;

export interface PdfOptions {
  outDir: string;
  browserPath: string;
  /** The theme the decks use, fonts included. */
  theme: string;
  /** The course's author: each PDF's author. */
  author: string;
}

/** The files whose change must invalidate every cached PDF. */
async function identityFiles(): Promise<string[]> {
  // The scripts that make decks; the bench, the verifier and the dev server print no PDF.
  const tools = new Set(['bench.ts', 'verify-cli.ts', 'start.ts', 'live-server.ts', 'live-client.ts', 'screenshots.ts', 'serve.ts', 'setup-browser.ts']);
  const scripts = (await sourcesOf(SCRIPTS_DIR)).filter((file) => !tools.has(basename(file)));
  const files = [...scripts, CONFIG_FILE, THEME_FILE];
  const lock = join(PROJECT_DIR, 'package-lock.json');
  return (await readFile(lock).then(() => true, () => false)) ? [...files, lock] : files;
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
  const cache = new PdfCache(join(CACHE_DIR, 'pdf'));
  const identity = await buildIdentity(await identityFiles(), options.theme, options.browserPath);
  const pdfDecks = decks.map((d) => d.name);
  const missing: { deck: Deck; key: string; markdown: string; shown: Map<string, string | Uint8Array> }[] = [];
  for (const deck of decks) {
    const markdown = emitMarpMarkdown(deck);
    const shown = new Map(deck.pictures.map((p) => [p.output, pictures.get(p.output)!]));
    const key = pdfKey({ identity, markdown, pictures: shown, pdfDecks });
    if (!(await cache.restore(key, join(options.outDir, `${deck.name}.pdf`)))) missing.push({ deck, key, markdown, shown });
  }
  if (missing.length === 0) return;

  const { finishPdf } = await import('./pdf-finish.ts');
  const chromium = await printer();
  await eachAtMost(missing, PRINTING_AT_ONCE, async ({ deck, key, markdown, shown }) => {
    const printed = await chromium.print({ name: deck.name, title: deck.title, markdown, pictures: shown });
    const pdf = await finishPdf(printed.pdf, {
      printedAt: `${PRINT_ORIGIN}/${deck.name}.html`,
      pdfDecks: new Set(pdfDecks),
      notes: printed.notes,
      headings: printed.headings,
      title: deck.title,
      author: options.author,
    });
    await writeFile(join(options.outDir, `${deck.name}.pdf`), pdf);
    await cache.store(key, pdf);
  });
}
