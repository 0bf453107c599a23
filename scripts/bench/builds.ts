// The build against stock marp-cli: the full build (notes → slides → diagrams → HTML + PDF, every deck)
// and the HTML-only build, each into fresh temporary folders, taken in turn with stock marp-cli
// rendering the same slides/ (HTML, then PDF) with the project's Marp config and theme.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI, freshDir, MARP, MARP_CONFIG, runTimed, TSX, type BenchContext } from './commands.ts';
import { alternate, median } from './runs.ts';
import type { Row } from './table.ts';

/** `npm run build` into fresh folders; the folders are removed after the run unless `keep`. */
export async function ourBuild(context: BenchContext, args: readonly string[], keep = false): Promise<{ ms: number; slidesDir: string; outDir: string }> {
  const dir = await freshDir(context, 'build');
  const slidesDir = join(dir, 'slides');
  const outDir = join(dir, 'dist');
  const ms = await runTimed(TSX, [CLI, '--slides', slidesDir, '--out', outDir, ...args]);
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

const seconds = (samples: number[]) => samples.map((ms) => ms / 1000);

/** Full build vs stock HTML + PDF, and the HTML-only build vs stock HTML. */
export async function measureBuilds(context: BenchContext, which: { full: boolean; html: boolean }): Promise<Row[]> {
  // The slides stock marp-cli renders: what the build writes (untimed, kept for the whole family).
  context.progress('builds: slides/ for stock marp-cli');
  const { slidesDir } = await ourBuild(context, ['--no-pdf'], true);
  const rows: Row[] = [];
  if (which.full) {
    context.progress('builds: full build (HTML + PDF) vs stock marp-cli');
    const samples = await alternate(
      [
        { name: 'ours', run: async () => (await ourBuild(context, [])).ms },
        { name: 'stock', run: () => stockMarp(context, slidesDir, true) },
      ],
      context.runs,
      context.progress,
    );
    const ours = seconds(samples.get('ours')!);
    const stock = seconds(samples.get('stock')!);
    rows.push(
      { family: 'build', label: 'Full build, HTML + PDF, every deck', unit: 's', value: median(ours), samples: ours },
      { family: 'build', label: 'Stock marp-cli, HTML + PDF of the same slides/', unit: 's', value: median(stock), samples: stock },
      { family: 'build', label: 'Full build ÷ stock marp-cli', unit: '×', value: median(ours) / median(stock), target: 0.8 },
    );
  }
  if (which.html) {
    context.progress('builds: HTML-only build vs stock marp-cli HTML');
    const samples = await alternate(
      [
        { name: 'ours', run: async () => (await ourBuild(context, ['--no-pdf'])).ms },
        { name: 'stock', run: () => stockMarp(context, slidesDir, false) },
      ],
      context.runs,
      context.progress,
    );
    const ours = seconds(samples.get('ours')!);
    const stock = seconds(samples.get('stock')!);
    rows.push(
      { family: 'html', label: 'HTML-only build (--no-pdf), every deck', unit: 's', value: median(ours), samples: ours, target: 1.5 },
      { family: 'html', label: 'Stock marp-cli, HTML of the same slides/', unit: 's', value: median(stock), samples: stock },
    );
  }
  return rows;
}
