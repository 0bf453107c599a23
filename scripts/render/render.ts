// Render Marp Markdown decks to HTML with marp-cli, in this process (the PDFs: scripts/render/print.ts).
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

async function run(argv: string[], what: string): Promise<void> {
  // The API interface throws marp-cli's errors instead of only logging them.
  const status = await marpCli(argv).catch((error: unknown) => {
    throw new Error(`marp-cli could not render the ${what}: ${(error as Error).message}`);
  });
  if (status !== 0) throw new Error(`marp-cli could not render the ${what} (exit ${status})`);
}

/** Every deck of the folder as a self-contained HTML file. */
export async function renderHtml(options: RenderOptions): Promise<void> {
  await run([...baseArguments(options), '--no-pdf'], 'HTML decks');
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
