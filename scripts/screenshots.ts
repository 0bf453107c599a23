// `npm run screenshots`: PNG pictures of the decks for the README, 1280×720, three a deck — its title
// slide, its agenda and its first topic slide with a picture (docs/NAME-title.png, NAME-agenda.png,
// NAME-picture.png): what a deck looks like, about 250 KB a deck to commit (every slide would be 1 MB).
// Builds the HTML decks into a temporary folder (slides/ and dist/ stay as they are) and photographs
// them in Chromium. Also draws the documents' own diagrams (docs/NAME.dot → docs/NAME.svg) in the
// course's diagram style, with the build's Graphviz.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { requireBrowser } from './browser/browser.ts';
import { CHROMIUM_ARGS } from './browser/chromium-flags.ts';
import { build } from './build/build.ts';
import { diagramFonts, FontBook } from './build/fonts.ts';
import type { Deck } from './deck/deck.ts';
import { drawDiagram } from './pictures/pictures.ts';
import { formatProblem, NotesError } from './problems.ts';

const USAGE = 'Usage: npm run screenshots -- [--notes DIR] [--pict DIR] [--docs DIR]   (defaults notes/ pict/ docs/)';

/** Draws every `NAME.dot` of the docs folder as `NAME.svg` beside it; returns how many. */
async function drawDocsDiagrams(docs: string): Promise<number> {
  const fonts = diagramFonts(await FontBook.open());
  const sources = (await readdir(docs)).filter((file) => file.endsWith('.dot'));
  for (const file of sources) await writeFile(join(docs, file.replace(/\.dot$/, '.svg')), await drawDiagram(await readFile(join(docs, file), 'utf8'), fonts));
  return sources.length;
}

/** The slides photographed, by name: 1-based slide numbers. */
function chosenSlides(deck: Deck): Map<string, number> {
  const chosen = new Map<string, number>();
  const number = (kind: string, has: (slide: Deck['slides'][number]) => boolean) => {
    const index = deck.slides.findIndex(has);
    if (index >= 0) chosen.set(kind, index + 1);
  };
  number('title', (slide) => slide.kind === 'title');
  number('agenda', (slide) => slide.kind === 'agenda');
  number('picture', (slide) => slide.kind === 'topic' && slide.column !== undefined);
  return chosen;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { notes: { type: 'string', default: 'notes' }, pict: { type: 'string', default: 'pict' }, docs: { type: 'string', default: 'docs' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const browserPath = await requireBrowser();
  const work = await mkdtemp(join(tmpdir(), 'screenshots-'));
  const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
  try {
    const out = join(work, 'dist');
    const { decks } = await build({ notesDir: values.notes, pictDir: values.pict, slidesDir: join(work, 'slides'), outDir: out, pdf: false, strict: false, browserPath });
    await mkdir(values.docs, { recursive: true });
    const names = new Set(decks.map((d) => d.name));
    // A deck's pictures from before go (a deck without an agenda has none now).
    for (const file of await readdir(values.docs)) {
      const deck = /^(.+)-(title|agenda|picture)\.png$/.exec(file)?.[1];
      if (deck !== undefined && names.has(deck)) await rm(join(values.docs, file));
    }
    // The progress bar takes 5px above the slide: the slide itself is then 1280×720.
    const page = await browser.newPage({ viewport: { width: 1280, height: 725 } });
    let count = 0;
    for (const deck of decks) {
      for (const [kind, n] of chosenSlides(deck)) {
        await page.goto(`${pathToFileURL(resolve(out, `${deck.name}.html`)).href}#${n}`);
        // The deck as the audience sees it: no on-screen controls, no progress bar.
        await page.addStyleTag({ content: '.bespoke-marp-osc, .bespoke-progress-parent { display: none !important; }' });
        const slide = page.locator('svg.bespoke-marp-active');
        await slide.waitFor();
        await page.evaluate(async () => {
          await document.fonts.ready;
          await Promise.all([...document.querySelectorAll('svg.bespoke-marp-active img')].map((img) => (img as HTMLImageElement).decode().catch(() => undefined)));
        });
        await slide.screenshot({ path: join(values.docs, `${deck.name}-${kind}.png`), animations: 'disabled' });
        count += 1;
      }
    }
    const diagrams = await drawDocsDiagrams(values.docs);
    console.log(`Wrote ${count} slide pictures and ${diagrams} diagrams into ${values.docs}/`);
    return 0;
  } catch (error) {
    if (!(error instanceof NotesError)) throw error;
    for (const problem of error.problems) console.error(formatProblem(problem));
    return 1;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
