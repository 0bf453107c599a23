// Render Marp Markdown decks to HTML with marp-cli, in this process (the PDFs: scripts/render/print.ts).
// The terminal is the build's own: marp-cli's progress lines (`[  INFO ] Converting 2 markdowns…`, and
// one a deck naming the build's staging folders) are kept from it; each converted deck is counted
// instead. Anything else marp-cli says goes through. Its errors are thrown, and reported by the caller.
import { format, stripVTControlCharacters } from 'node:util';
import { marpCli } from '@marp-team/marp-cli';

export interface RenderOptions {
  /** The Marp config shared with stock `marp` (allowlist, lang, emoji). */
  configFile: string;
  /** The course theme CSS. */
  themeFile: string;
  /** Folder of Marp Markdown decks (with their pictures beside them). */
  slidesDir: string;
  outDir: string;
}

function baseArguments(options: RenderOptions): string[] {
  return ['--config-file', options.configFile, '--theme-set', options.themeFile, '--input-dir', options.slidesDir, '--output', options.outDir, '--no-stdin'];
}

/** A line marp-cli logs (console.warn): its level, and for a converted file `from => to`. */
const MARP_LINE = /^\[\s*(INFO|WARN|ERROR)\s*\]\s*(.*)$/s;

/** marp-cli runs one at a time: its lines are told apart from others' while it runs. */
let turn: Promise<unknown> = Promise.resolve();

/** `converted`: called once a deck is converted, with how many are so far. */
function run(argv: string[], what: string, converted?: (count: number) => void): Promise<void> {
  const running = turn.then(async () => {
    const warn = console.warn;
    let count = 0;
    console.warn = (...args: unknown[]) => {
      const line = MARP_LINE.exec(stripVTControlCharacters(format(...args)));
      if (line?.[1] !== 'INFO') return warn(...args);
      if (line[2]!.includes(' => ')) converted?.(++count);
    };
    try {
      // The API interface throws marp-cli's errors instead of only logging them.
      const status = await marpCli(argv).catch((error: unknown) => {
        throw new Error(`marp-cli could not render the ${what}: ${(error as Error).message}`);
      });
      if (status !== 0) throw new Error(`marp-cli could not render the ${what} (exit ${status})`);
    } finally {
      console.warn = warn;
    }
  });
  turn = running.catch(() => undefined);
  return running;
}

/** Every deck of the folder as a self-contained HTML file; `converted` counts them as they are done. */
export async function renderHtml(options: RenderOptions, converted?: (count: number) => void): Promise<void> {
  await run([...baseArguments(options), '--no-pdf'], 'HTML decks', converted);
}

/**
 * One deck as HTML, for a live rebuild: the same marp-cli run as `renderHtml` on one file (the output
 * is byte for byte what a full build writes), into `htmlFile`.
 */
export async function renderDeckHtml(options: { configFile: string; themeFile: string; markdownFile: string; htmlFile: string }): Promise<void> {
  // The file comes first: `--theme-set` takes every argument after it.
  const argv = [options.markdownFile, '--config-file', options.configFile, '--theme-set', options.themeFile, '--output', options.htmlFile, '--no-stdin', '--no-pdf'];
  await run(argv, `HTML deck ${options.markdownFile}`);
}
