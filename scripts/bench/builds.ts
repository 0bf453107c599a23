// The build against stock marp-cli: the full build (notes → slides → diagrams → HTML + PDF, every deck)
// and the HTML-only build, each into fresh temporary folders, taken in turn with stock marp-cli
// rendering the same slides/ (HTML, then PDF) with the project's Marp config and theme.
//
// The build keeps caches by content hash (diagrams, fitted decks, HTML, PDFs), stock marp-cli none: the
// figure compared with stock is a cold build, with an empty cache of its own. Beside it, what the
// caches give: a build after one page changed, and a build with nothing changed. The bench's builds
// never use the project's own cache (node_modules/.cache): theirs lives in the bench's scratch folder.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD, freshDir, MARP, MARP_CONFIG, PROJECT_DIR, runTimed, type BenchContext } from './commands.ts';
import { copyNotes, markPages } from './courses.ts';
import { alternate, median, pairedRatio } from './runs.ts';
import type { Row } from './table.ts';

const NOTES = join(PROJECT_DIR, 'notes');
const PICT = join(PROJECT_DIR, 'pict');

/**
 * `npm run build` into fresh folders; the folders are removed after the run unless `keep`. A `cold`
 * build starts with an empty cache; the others share the bench's.
 */
export async function ourBuild(context: BenchContext, args: readonly string[], { keep = false, cold = false } = {}): Promise<{ ms: number; slidesDir: string; outDir: string }> {
  const dir = await freshDir(context, 'build');
  const slidesDir = join(dir, 'slides');
  const outDir = join(dir, 'dist');
  const [node, ...command] = BUILD;
  const cache = cold ? await freshDir(context, 'empty-cache') : join(context.scratch, 'cache');
  const ms = await runTimed(node, [...command, '--slides', slidesDir, '--out', outDir, ...args], { env: { ...process.env, COURSE_DECKS_CACHE: cache } });
  if (cold) await rm(cache, { recursive: true, force: true });
  if (!keep) await rm(dir, { recursive: true, force: true });
  return { ms, slidesDir, outDir };
}

/** Stock marp-cli on a slides/ folder: HTML, then (when `pdf`) PDF, as two runs like a person would. */
async function stockMarp(context: BenchContext, slidesDir: string, pdf: boolean): Promise<number> {
  const out = await freshDir(context, 'stock');
  const common = ['--config-file', MARP_CONFIG, '-I', slidesDir, '-o', out, '--no-stdin', '--theme-set', join(slidesDir, 'course.css')];
  let ms = await runTimed(MARP, common);
  if (pdf) ms += await runTimed(MARP, ['--pdf', '--allow-local-files', '--browser-path', context.browserPath, ...common]);
  await rm(out, { recursive: true, force: true });
  return ms;
}

/** A copy of the real notes for one contender, with its pages marked. */
async function notesCopy(context: BenchContext, name: string, mark: string): Promise<string> {
  return markPages(await copyNotes(NOTES, await freshDir(context, name)), mark);
}

const seconds = (samples: number[]) => samples.map((ms) => ms / 1000);

/**
 * Builds of the real notes, taken in turn with stock marp-cli: cold (an empty cache), one page changed
 * (the others as the run before), nothing changed (after one untimed build).
 */
async function buildFamily(context: BenchContext, pdf: boolean, slidesDir: string): Promise<Map<string, number[]>> {
  const flags = ['--pict', PICT, ...(pdf ? [] : ['--no-pdf'])];
  const oneChanged = await notesCopy(context, 'one-changed-notes', `${context.id} unchanged`);
  const unchanged = await notesCopy(context, 'unchanged-notes', `${context.id} unchanged`);
  const changedPage = new Set((await readdir(oneChanged)).filter((f) => f.endsWith('.md')).sort().slice(0, 1));
  // Untimed: what the warm builds find cached.
  await ourBuild(context, ['--notes', oneChanged, ...flags]);
  await ourBuild(context, ['--notes', unchanged, ...flags]);
  return alternate(
    [
      {
        name: 'cold',
        run: async () => (await ourBuild(context, ['--notes', NOTES, ...flags], { cold: true })).ms,
      },
      { name: 'stock', run: () => stockMarp(context, slidesDir, pdf) },
      {
        name: 'one page changed',
        run: async (round) => {
          await markPages(oneChanged, `${context.id} changed ${pdf ? 'pdf' : 'html'} ${round}`, changedPage);
          return (await ourBuild(context, ['--notes', oneChanged, ...flags])).ms;
        },
      },
      { name: 'nothing changed', run: async () => (await ourBuild(context, ['--notes', unchanged, ...flags])).ms },
    ],
    context.runs,
    context.progress,
  );
}

/** Full build vs stock HTML + PDF, and the HTML-only build vs stock HTML. */
export async function measureBuilds(context: BenchContext, which: { full: boolean; html: boolean }): Promise<Row[]> {
  // The slides stock marp-cli renders: what the build writes (untimed, kept for the whole family).
  context.progress('builds: slides/ for stock marp-cli');
  const { slidesDir } = await ourBuild(context, ['--no-pdf'], { keep: true });
  const rows: Row[] = [];
  if (which.full) {
    context.progress('builds: full build (HTML + PDF) — cold, one page changed, nothing changed — vs stock marp-cli');
    const samples = await buildFamily(context, true, slidesDir);
    const [cold, stock, changed, unchanged] = ['cold', 'stock', 'one page changed', 'nothing changed'].map((name) => seconds(samples.get(name)!)) as [number[], number[], number[], number[]];
    const [coldRatio, unchangedRatio] = [pairedRatio(cold, stock), pairedRatio(unchanged, stock)];
    rows.push(
      { family: 'build', label: 'Full build, HTML + PDF, every deck, cold', unit: 's', value: median(cold), samples: cold },
      { family: 'build', label: 'Stock marp-cli, HTML + PDF of the same slides/', unit: 's', value: median(stock), samples: stock },
      { family: 'build', label: 'Full build, cold ÷ stock marp-cli', unit: '×', value: coldRatio.value, samples: coldRatio.ratios, target: 0.8 },
      { family: 'build', label: 'Full build, one page changed', unit: 's', value: median(changed), samples: changed },
      { family: 'build', label: 'Full build, nothing changed', unit: 's', value: median(unchanged), samples: unchanged },
      { family: 'build', label: 'Full build, nothing changed ÷ stock marp-cli', unit: '×', value: unchangedRatio.value, samples: unchangedRatio.ratios },
    );
  }
  if (which.html) {
    context.progress('builds: HTML-only build — cold, one page changed, nothing changed — vs stock marp-cli HTML');
    const samples = await buildFamily(context, false, slidesDir);
    const [cold, stock, changed, unchanged] = ['cold', 'stock', 'one page changed', 'nothing changed'].map((name) => seconds(samples.get(name)!)) as [number[], number[], number[], number[]];
    rows.push(
      { family: 'html', label: 'HTML-only build (--no-pdf), every deck, cold', unit: 's', value: median(cold), samples: cold, target: 1.5 },
      { family: 'html', label: 'Stock marp-cli, HTML of the same slides/', unit: 's', value: median(stock), samples: stock },
      { family: 'html', label: 'HTML-only build, one page changed', unit: 's', value: median(changed), samples: changed },
      { family: 'html', label: 'HTML-only build, nothing changed', unit: 's', value: median(unchanged), samples: unchanged },
    );
  }
  return rows;
}
