// A content-hash cache of rendered PDFs: printing a deck in Chromium is most of a full build's time,
// and a deck whose inputs did not change prints the same pages. The key covers everything a PDF is
// made from, so the cache is never wrong: the deck's Marp Markdown, the theme, the pictures it shows,
// the decks its links lead to, the build's own scripts and config, the installed packages and the
// browser. Any change of those is a miss, and the deck is rendered again.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PdfInputs {
  /** What every PDF of this build shares: scripts, config, theme, packages, browser. */
  identity: string;
  markdown: string;
  /** The bytes of each picture the deck shows, by the path the slides use. */
  pictures: ReadonlyMap<string, string | Uint8Array>;
  /** The decks that have a PDF (links to them are rewritten to `NAME.pdf`). */
  pdfDecks: readonly string[];
}

export function pdfKey(inputs: PdfInputs): string {
  const hash = createHash('sha256');
  const part = (data: string | Uint8Array) => hash.update(String(data.length)).update(':').update(data);
  part(inputs.identity);
  part(inputs.markdown);
  for (const [path, bytes] of [...inputs.pictures].sort(([a], [b]) => a.localeCompare(b))) {
    part(path);
    part(bytes);
  }
  part([...inputs.pdfDecks].sort().join('\n'));
  return hash.digest('hex');
}

/** The build's identity: the hash of the files that decide how any deck is rendered. */
export async function buildIdentity(files: string[], theme: string, browserPath: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file).update(await readFile(file));
  const browser = await stat(browserPath).catch(() => undefined);
  hash.update(theme).update(`${browserPath}:${browser?.size ?? 0}:${browser?.mtimeMs ?? 0}`);
  return hash.digest('hex');
}

/** The TypeScript sources of a folder (not recursive). */
export async function sourcesOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

export class PdfCache {
  constructor(private readonly dir: string) {}

  /** Copies the cached PDF to `to`; false when there is none. */
  async restore(key: string, to: string): Promise<boolean> {
    return copyFile(join(this.dir, `${key}.pdf`), to).then(
      () => true,
      () => false,
    );
  }

  /** Stores a rendered PDF; a failure to store only costs a later render. */
  async store(key: string, pdf: Uint8Array): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const partial = join(this.dir, `.${key}.${process.pid}.tmp`);
      await writeFile(partial, pdf);
      await rename(partial, join(this.dir, `${key}.pdf`));
    } catch {
      // The cache is an optimisation, never a reason for a build to fail.
    }
  }
}
