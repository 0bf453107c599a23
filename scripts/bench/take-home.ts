// What a learner and a presenter take home, against stock marp-cli on the same slides/: the full build
// (HTML, PDF and the handouts it makes) beside stock's PDF with its notes as annotations
// (`--pdf --pdf-notes`, the nearest stock has to a handout), and the build with `--pptx` beside stock's
// `--pptx`. Cold builds, taken in turn with stock.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { freshDir, MARP, MARP_CONFIG, runTimed, type BenchContext } from './commands.ts';
import { ourBuild } from './builds.ts';
import { alternate, median, pairedRatio } from './runs.ts';
import type { Row } from './table.ts';

/** Stock marp-cli on a slides/ folder with the project's config and theme, with `flags`. */
async function stock(context: BenchContext, slidesDir: string, flags: string[]): Promise<number> {
  const out = await freshDir(context, 'stock-take-home');
  const ms = await runTimed(MARP, ['--config-file', MARP_CONFIG, '-I', slidesDir, '-o', out, '--no-stdin', '--theme-set', join(slidesDir, 'course.css'), '--allow-local-files', '--browser-path', context.browserPath, ...flags]);
  await rm(out, { recursive: true, force: true });
  return ms;
}

export async function measureTakeHome(context: BenchContext): Promise<Row[]> {
  context.progress('take-home: slides/ for stock marp-cli');
  const { slidesDir } = await ourBuild(context, ['--no-pdf'], { keep: true });
  context.progress('take-home: build with handouts, and with --pptx, cold — vs stock marp-cli --pdf --pdf-notes and --pptx');
  const samples = await alternate(
    [
      { name: 'handouts', run: async () => (await ourBuild(context, [], { cold: true })).ms },
      { name: 'stock notes', run: () => stock(context, slidesDir, ['--pdf', '--pdf-notes']) },
      { name: 'pptx', run: async () => (await ourBuild(context, ['--pptx'], { cold: true })).ms },
      { name: 'stock pptx', run: () => stock(context, slidesDir, ['--pptx']) },
    ],
    context.runs,
    context.progress,
  );
  const [handouts, stockNotes, pptx, stockPptx] = ['handouts', 'stock notes', 'pptx', 'stock pptx'].map((name) => samples.get(name)!.map((ms) => ms / 1000)) as [number[], number[], number[], number[]];
  const ratio = pairedRatio(pptx, stockNotes.map((notes, i) => notes + stockPptx[i]!));
  return [
    { family: 'takehome', label: 'Full build (HTML, PDF, handouts), every deck, cold', unit: 's', value: median(handouts), samples: handouts },
    { family: 'takehome', label: 'Stock marp-cli, PDF with notes (--pdf-notes) of the same slides/', unit: 's', value: median(stockNotes), samples: stockNotes },
    { family: 'takehome', label: 'Full build with --pptx (HTML, PDF, handouts, PowerPoint), cold', unit: 's', value: median(pptx), samples: pptx },
    { family: 'takehome', label: 'Stock marp-cli, --pptx of the same slides/', unit: 's', value: median(stockPptx), samples: stockPptx },
    { family: 'takehome', label: 'Build --pptx ÷ stock marp-cli --pdf-notes + --pptx', unit: '×', value: ratio.value, samples: ratio.ratios },
  ];
}
