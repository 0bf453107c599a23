// `npm run build`: builds every deck of a course folder. Prints problems as FILE:LINE:COL lines.
import { parseArgs } from 'node:util';
import { requireBrowser } from './browser/browser.ts';
import { fitsLikelyMissing } from './build/cache.ts';
import { launchChromium } from './browser/chromium.ts';
import { leaveMathOut } from './render/math-left-out.ts';
import { formatProblem, NotesError } from './problems.ts';
import { terminalProgress } from './progress.ts';
import { COURSE_FOLDER_OPTIONS, readArguments } from './command-line.ts';
import { checkOutputFolders, OutputFolderError } from './build/output-folders.ts';
import { cleanUpOnSignals } from './build/interrupted.ts';
import { pruneCaches } from './build/cache-pruning.ts';
import { PAPERS } from './render/handout.ts';

const USAGE = `Usage: npm run build -- [--notes DIR] [--pict DIR] [--slides DIR] [--out DIR] [--no-pdf] [--paper a4|letter] [--pptx] [--strict]

  --notes DIR    notes pages and course.json      (default notes/)
  --pict DIR     diagram sources and pictures     (default pict/)
  --slides DIR   generated Marp Markdown          (default slides/)
  --out DIR      HTML and PDF decks, index.html   (default dist/)
  --no-pdf       build the HTML decks only (no PDFs, no handouts)
  --paper SIZE   the handouts' paper: a4 (default) or letter
  --pptx         a PowerPoint per deck too (NAME.pptx)
  --strict       treat warnings as errors`;

async function main(argv: string[]): Promise<number> {
  cleanUpOnSignals();
  const read = readArguments(
    () =>
      parseArgs({
        args: argv,
        options: {
          ...COURSE_FOLDER_OPTIONS,
          pdf: { type: 'boolean', default: true },
          'no-pdf': { type: 'boolean', default: false },
          paper: { type: 'string', default: 'a4' },
          pptx: { type: 'boolean', default: false },
          strict: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
      }).values,
    USAGE,
  );
  if ('exit' in read) return read.exit;
  const { values } = read;
  const pdf = values.pdf && !values['no-pdf'];
  const paper = PAPERS.find((known) => known === values.paper.toLowerCase());
  if (!paper) {
    console.error(`--paper ${values.paper}: not a paper the handouts know (a4, letter)\n\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  const terminal = terminalProgress(process.stderr);
  try {
    // Before anything starts: a folder that is no output folder is refused untouched.
    await checkOutputFolders({ notesDir: values.notes, pictDir: values.pict, slidesDir: values.slides, outDir: values.out });
    const browserPath = await requireBrowser();
    // A build that will fit slides starts Chromium first: it starts on the other core while this one
    // loads the build (Marp, Markdown, Graphviz) and reads the notes.
    const chromium = (await fitsLikelyMissing([values.notes, values.pict])) ? launchChromium(browserPath) : undefined;
    // A failed launch is reported where the build awaits it, not as an unhandled rejection now.
    chromium?.catch(() => undefined);
    leaveMathOut();
    const { build } = await import('./build/build.ts');
    const result = await build({
      notesDir: values.notes,
      pictDir: values.pict,
      slidesDir: values.slides,
      outDir: values.out,
      pdf,
      paper,
      pptx: values.pptx,
      strict: values.strict,
      browserPath,
      ...(terminal ? { progress: terminal.progress } : {}),
    }, chromium);
    terminal?.clear();
    for (const warning of result.warnings) console.warn(formatProblem(warning));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const outputs = result.decks.map((d) => `${d.name} (${d.slides.length} slides)`).join(', ');
    console.log(`Built ${result.decks.length} deck${result.decks.length === 1 ? '' : 's'} into ${values.out}/ in ${seconds} s: ${outputs}${pdf ? ', HTML and PDF' : ', HTML only'}${values.pptx ? ', PowerPoint' : ''}`);
    // Once a day at most: the cache entries no build has used for a week go (cache-pruning.ts).
    // Housekeeping, never a reason for a build that succeeded to fail.
    await pruneCaches().catch(() => undefined);
    return 0;
  } catch (error) {
    terminal?.clear();
    if (error instanceof NotesError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      const count = error.problems.length;
      console.error(`Build stopped: ${count} problem${count === 1 ? '' : 's'}. Nothing was written.`);
      return 1;
    }
    if (error instanceof OutputFolderError) {
      console.error(`Build refused: ${error.message}. Nothing was written.`);
      return 1;
    }
    console.error(`Build failed: ${(error as Error).message}`);
    return 1;
  }
}

// Exits as soon as the build is done (its files written, Chromium gone): a library's timer still
// running (puppeteer-core's, for instance) would keep the process for nothing.
process.exit(await main(process.argv.slice(2)));
