// `npm run verify -- [--out DIR]`: checks every built deck of DIR (default dist/) in Chromium and the
// PDFs beside them. Prints one line per fault and exits 1, or a one-line summary and exits 0.
import { parseArgs } from 'node:util';
import { closeBrowsersOnSignals } from './browser/browser.ts';
import { formatReport, formatSummary } from './verify/report.ts';
import { runVerify } from './verify/verify.ts';

const USAGE = 'usage: npm run verify -- [--out DIR]   (DIR: the built decks, default dist/)';

async function main(): Promise<number> {
  closeBrowsersOnSignals();
  let dir: string;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    dir = values.out;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const result = await runVerify(dir);
  const summary = {
    dir,
    decks: result.decks.length,
    slides: result.decks.reduce((n, d) => n + d.slides, 0),
    pdfs: result.decks.filter((d) => d.pdf).length,
    seconds: result.seconds,
  };
  if (result.faults.length === 0) {
    console.log(formatSummary([], summary));
    return 0;
  }
  console.log(formatReport(result.faults, summary));
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
