// `npm run verify -- [--out DIR] [--only KINDS]`: checks every built deck of DIR (default dist/) in
// Chromium and the PDFs beside them. Prints one line per fault and exits 1, or a one-line summary and
// exits 0.
import { parseArgs } from 'node:util';
import { closeBrowsersOnSignals } from './browser/browser.ts';
import { formatReport, formatSummary } from './verify/report.ts';
import { FAULT_KINDS, type FaultKind } from './verify/fault.ts';
import { runVerify } from './verify/verify.ts';

const USAGE = [
  'usage: npm run verify -- [--out DIR] [--only KINDS]',
  '  --out DIR     the built decks (default dist/)',
  `  --only KINDS  look only for these kinds of fault, comma-separated: quicker when you know what changed (${FAULT_KINDS.join(', ')})`,
].join('\n');

/** `font,overflow` as kinds of fault; an error naming the first word that is not one. */
function kinds(list: string): FaultKind[] {
  const words = list.split(',').map((word) => word.trim());
  const unknown = words.find((word) => !(FAULT_KINDS as readonly string[]).includes(word));
  if (unknown !== undefined) throw new Error(`--only: "${unknown}" is not a kind of fault`);
  return words as FaultKind[];
}

async function main(): Promise<number> {
  closeBrowsersOnSignals();
  let dir: string;
  let only: FaultKind[] | undefined;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    dir = values.out;
    only = values.only === undefined ? undefined : kinds(values.only);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const result = await runVerify(dir, only ? { only } : {});
  const summary = {
    dir,
    decks: result.decks.length,
    slides: result.decks.reduce((n, d) => n + d.slides, 0),
    pdfs: result.decks.filter((d) => d.pdf).length,
    seconds: result.seconds,
    ...(only ? { only } : {}),
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
