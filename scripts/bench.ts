// `npm run bench`: measures the build, `npm start`, the decks in the browser and the test suite on this
// machine, prints a table with each figure's target, and writes it as JSON (bench/latest.json).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { measureBuilds } from './bench/builds.ts';
import { PROJECT_DIR, scratchDir, type BenchContext } from './bench/commands.ts';
import { measurePages, measureTopics } from './bench/growth.ts';
import { measureInBrowser } from './bench/in-browser.ts';
import { measureLive } from './bench/live.ts';
import { describeMachine } from './bench/machine.ts';
import { formatTable, type Report, type Row } from './bench/table.ts';
import { measureTestSuite } from './bench/test-suite.ts';
import { measureTakeHome } from './bench/take-home.ts';
import { requireBrowser } from './browser/browser.ts';
import { readArguments } from './command-line.ts';

const FAMILIES = ['build', 'html', 'takehome', 'live', 'growth', 'topics', 'browser', 'test'] as const;
type Family = (typeof FAMILIES)[number];

const USAGE = `Usage: npm run bench -- [--runs N] [--only NAME]... [--with-test | --no-test] [--json FILE]

  --runs N       runs per figure, the median is kept (default 3)
  --only NAME    measure only these rows (repeatable): ${FAMILIES.join(', ')}
  --with-test    time npm test --runs times, not once
  --no-test      leave npm test out (it alone takes minutes)
  --json FILE    where to write the results (default bench/latest.json; with --only, none)`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      only: { type: 'string', multiple: true, default: [] },
      'with-test': { type: 'boolean', default: false },
      'no-test': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

async function main(argv: string[]): Promise<number> {
  const read = readArguments(() => parse(argv), USAGE);
  if ('exit' in read) return read.exit;
  const { values } = read;
  const runs = Number(values.runs);
  const unknown = values.only.filter((name) => !(FAMILIES as readonly string[]).includes(name));
  if (!Number.isInteger(runs) || runs < 1 || unknown.length > 0) {
    console.error(`${unknown.length > 0 ? `unknown row: ${unknown.join(', ')}` : `--runs ${values.runs} is not a whole number of runs`}\n\n${USAGE}`);
    return 2;
  }
  const wanted = new Set<Family>(values.only.length > 0 ? (values.only as Family[]) : FAMILIES.filter((f) => f !== 'test' || !values['no-test']));
  const jsonFile = values.json ?? (values.only.length > 0 ? undefined : join(PROJECT_DIR, 'bench', 'latest.json'));

  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const browserPath = await requireBrowser();
  // Decks are timed as a presenter opens them: in the full browser, never the headless shell the build uses.
  const presenterBrowserPath = await requireBrowser(process.env, { shell: false });
  const context: BenchContext = { id: randomBytes(4).toString('hex'), runs, browserPath, presenterBrowserPath, scratch: await scratchDir(), progress: (line) => console.error(line) };
  const rows: Row[] = [];
  let failed = false;
  const measure = async (families: Family[], task: () => Promise<Row[]>) => {
    if (!families.some((f) => wanted.has(f))) return;
    try {
      rows.push(...(await task()));
    } catch (error) {
      // One family that cannot be measured leaves its rows empty; the others still count.
      failed = true;
      console.error(`${families.join(', ')}: ${(error as Error).message}`);
      for (const family of families.filter((f) => wanted.has(f))) rows.push({ family, label: `${family}: not measured`, unit: 's', note: `failed: ${(error as Error).message.split('\n')[0]}` });
    }
  };
  if (loadAtStart > cpus().length / 2) console.error(`Load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores: other work is running, and the figures will show it.`);
  try {
    const machine = await describeMachine(browserPath, presenterBrowserPath);
    await measure(['build', 'html'], () => measureBuilds(context, { full: wanted.has('build'), html: wanted.has('html') }));
    await measure(['takehome'], () => measureTakeHome(context));
    await measure(['live'], () => measureLive(context));
    await measure(['growth'], () => measurePages(context));
    await measure(['topics'], () => measureTopics(context));
    await measure(['browser'], () => measureInBrowser(context));
    await measure(['test'], () => measureTestSuite(context, values['with-test'] ? runs : 1));

    const report: Report = { date: new Date().toISOString(), machine, runs, seconds: (performance.now() - started) / 1000, load: { start: loadAtStart, end: loadavg()[0]! }, rows };
    console.log(formatTable(report));
    if (jsonFile) {
      await mkdir(dirname(jsonFile), { recursive: true });
      await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`\nWritten to ${jsonFile}`);
    }
  } finally {
    await rm(context.scratch, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
