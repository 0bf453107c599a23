// Fast at every size: generated courses of 1, 10 and 50 pages (HTML only, and HTML + PDF), and one
// page of 200 and of 2,000 topics (HTML only). Sizes are taken in turn, run by run, so their ratios —
// how the build grows — are not skewed by the machine drifting between them. Every build is cold: it
// starts with an empty cache.
import { join } from 'node:path';
import { ourBuild } from './builds.ts';
import { freshDir, PROJECT_DIR, type BenchContext } from './commands.ts';
import { writeGrownCourse, writeLongBlocksPage, writeLongPage } from './courses.ts';
import { alternate, median, pairedRatio, type Contender } from './runs.ts';
import type { Row } from './table.ts';

const NOTES = join(PROJECT_DIR, 'notes');
const PICT = join(PROJECT_DIR, 'pict');
const PAGES = [1, 10, 50] as const;
const TOPICS = [200, 2000] as const;

const seconds = (samples: number[]) => samples.map((ms) => ms / 1000);

/** A cold build of a notes folder. */
function coldBuild(context: BenchContext, name: string, notes: string, args: readonly string[]): Contender {
  return { name, run: async () => (await ourBuild(context, ['--notes', notes, '--pict', PICT, ...args], { cold: true })).ms };
}

export async function measurePages(context: BenchContext): Promise<Row[]> {
  const contenders: Contender[] = [];
  for (const pdf of [false, true]) {
    for (const pages of PAGES) {
      const notes = await freshDir(context, `pages-${pages}`);
      await writeGrownCourse(NOTES, notes, pages);
      contenders.push(coldBuild(context, `${pages}${pdf ? ' pdf' : ''}`, notes, pdf ? [] : ['--no-pdf']));
    }
  }
  context.progress(`growth: courses of ${PAGES.join(', ')} pages, HTML only and HTML + PDF, cold`);
  const samples = await alternate(contenders, context.runs, context.progress);
  const rows: Row[] = [];
  for (const pdf of [false, true]) {
    const kind = pdf ? 'HTML + PDF' : 'HTML only';
    const of = (pages: number) => seconds(samples.get(`${pages}${pdf ? ' pdf' : ''}`)!);
    for (const pages of PAGES) {
      rows.push({ family: 'growth', label: `${pages} page${pages === 1 ? '' : 's'}, ${kind}, cold`, unit: 's', value: median(of(pages)), samples: of(pages), ...(pdf && pages === 50 ? { target: 40 } : {}) });
    }
    const ratio = pairedRatio(of(50), of(10));
    rows.push({ family: 'growth', label: `50 pages ÷ 10 pages, ${kind}`, unit: '×', value: ratio.value, samples: ratio.ratios, target: 5.5 });
  }
  return rows;
}

export async function measureTopics(context: BenchContext): Promise<Row[]> {
  const contenders: Contender[] = [];
  for (const topics of TOPICS) {
    const notes = await freshDir(context, `topics-${topics}`);
    await writeLongPage(NOTES, notes, topics);
    contenders.push(coldBuild(context, String(topics), notes, ['--no-pdf']));
  }
  const blocks = await freshDir(context, 'long-blocks');
  await writeLongBlocksPage(NOTES, blocks);
  contenders.push(coldBuild(context, 'blocks', blocks, ['--no-pdf']));
  context.progress(`growth: a page of ${TOPICS.join(' and ')} topics, and one of a 200-line code block and an 80-row table, HTML only, cold`);
  const samples = await alternate(contenders, context.runs, context.progress);
  const of = (topics: number) => seconds(samples.get(String(topics))!);
  const ratio = pairedRatio(of(2000), of(200));
  return [
    { family: 'topics', label: 'A page of 200 topics, HTML only, cold', unit: 's', value: median(of(200)), samples: of(200) },
    { family: 'topics', label: 'A page of 2,000 topics, HTML only, cold', unit: 's', value: median(of(2000)), samples: of(2000) },
    // Ten times the topics should cost at most ten times the time: more would mean the build is worse than linear.
    { family: 'topics', label: '2,000 topics ÷ 200 topics (linear: ≤ 10×)', unit: '×', value: ratio.value, samples: ratio.ratios, target: 10 },
    { family: 'topics', label: 'A page with a 200-line code block and an 80-row table, HTML only, cold', unit: 's', value: median(seconds(samples.get('blocks')!)), samples: seconds(samples.get('blocks')!) },
  ];
}
