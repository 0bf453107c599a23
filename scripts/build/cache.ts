// The build's content-hash caches (node_modules/.cache/course-decks/): what a build makes from inputs
// that did not change since it last made it is read back instead of made again — drawn diagrams,
// fitted decks, HTML decks, PDFs. Each key covers everything its output is made from, so a cache is
// never wrong: the build's identity (its scripts and config, the installed packages and fonts, the
// browser's version and the theme) and the item's own inputs. Any change of those is a miss, and the item is made again.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { CACHE_DIR, CONFIG_FILE, PROJECT_DIR, SCRIPTS_DIR, THEME_FILE } from '../project.ts';

export interface PdfInputs {
  /** What every PDF of this build shares: scripts, config, theme, packages, browser. */
  identity: string;
  markdown: string;
  /** The bytes of each picture the deck shows, by the path the slides use. */
  pictures: ReadonlyMap<string, string | Uint8Array>;
  /** The decks that have a PDF (links to them are rewritten to `NAME.pdf`). */
  pdfDecks: readonly string[];
}

/** The hash of a sequence of parts, each length-prefixed so no two sequences share a key. */
export function contentKey(kind: string, parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const data of [kind, ...parts]) hash.update(String(data.length)).update(':').update(data);
  return hash.digest('hex');
}

/** Pictures by path, in path order: path, bytes, path, bytes… */
function pictureParts(pictures: ReadonlyMap<string, string | Uint8Array>): (string | Uint8Array)[] {
  return [...pictures].sort(([a], [b]) => a.localeCompare(b)).flat();
}

export function pdfKey(inputs: PdfInputs): string {
  return contentKey('pdf', [inputs.identity, inputs.markdown, ...pictureParts(inputs.pictures), [...inputs.pdfDecks].sort().join('\n')]);
}

/**
 * A fitted deck is made from the composed deck (its Marp Markdown before fitting) and the pictures its
 * slides show, as the build's identity measures them.
 */
export function fitKey(identity: string, markdown: string, pictures: ReadonlyMap<string, string | Uint8Array>): string {
  return contentKey('fit', [identity, markdown, ...pictureParts(pictures)]);
}

/** An HTML deck is made from its fitted Marp Markdown (its pictures are files beside it, not in it). */
export function htmlKey(identity: string, markdown: string): string {
  return contentKey('html', [identity, markdown]);
}

/** A drawn diagram is made from its DOT source (the fonts and Graphviz are the build identity's). */
export function diagramKey(identity: string, dot: string): string {
  return contentKey('diagram', [identity, dot]);
}

/**
 * The build's identity: the hash of the files that decide how any deck is rendered, the theme (with
 * what decides its fonts) and the browser that lays the slides out (`browser`: its version).
 */
export async function buildIdentity(files: string[], theme: string, browser: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file).update(await readFile(file));
  hash.update(theme).update(browser);
  return hash.digest('hex');
}

/**
 * The version of the browser at `path` (`Chromium 156.0.8078.129 …`), which decides how slides are laid
 * out: asked of the browser once per installed file (its path, size and time), then kept in the cache.
 * A browser that does not answer is named by that file alone.
 */
export async function browserVersion(path: string, dir = join(CACHE_DIR, 'browser')): Promise<string> {
  const file = await stat(path).catch(() => undefined);
  const installed = `${path}:${file?.size ?? 0}:${file?.mtimeMs ?? 0}`;
  const cache = new FileCache(dir, 'txt');
  const key = contentKey('browser', [installed]);
  const known = await cache.get(key);
  if (known) return known.toString('utf8');
  const version = await new Promise<string>((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (error, stdout) => resolve(error ? '' : stdout.trim()));
  });
  if (!version) return installed;
  await cache.store(key, version);
  return version;
}

/** The files whose change must invalidate everything cached. */
async function identityFiles(): Promise<string[]> {
  // The scripts that make decks; the bench, the verifier and the dev server (live/) make none.
  const tools = new Set(['bench.ts', 'verify-cli.ts', 'start.ts', 'screenshots.ts', 'serve.ts', 'setup-browser.ts']);
  const scripts = (await sourcesOf(SCRIPTS_DIR)).filter((file) => !tools.has(basename(file)) && !/^(bench|verify|live)[\\/]/.test(relative(SCRIPTS_DIR, file)));
  const files = [...scripts, CONFIG_FILE, THEME_FILE];
  const lock = join(PROJECT_DIR, 'package-lock.json');
  return (await readFile(lock).then(() => true, () => false)) ? [...files, lock] : files;
}

/** The identity of this project's build with this theme (and what decides its fonts) and browser. */
export async function projectIdentity(theme: string, browserPath: string): Promise<string> {
  const [files, browser] = await Promise.all([identityFiles(), browserVersion(browserPath)]);
  return buildIdentity(files, theme, browser);
}

/** The TypeScript sources of a folder (not recursive). */
export async function sourcesOf(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/**
 * Whether this build will likely fit a deck: no fitted deck is cached, or a notes page or picture
 * changed since the newest was. Only a guess, made before the notes are read, so that Chromium can
 * start while the build loads and reads them; a wrong guess costs time, never a different output.
 */
export async function fitsLikelyMissing(folders: readonly string[], fitDir = join(CACHE_DIR, 'fit')): Promise<boolean> {
  const newest = async (dir: string) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    const times = await Promise.all(names.map((name) => stat(join(dir, name)).then((s) => s.mtimeMs, () => 0)));
    return Math.max(0, ...times);
  };
  const fitted = await lastAdded(fitDir);
  if (fitted === 0) return true;
  return (await Promise.all(folders.map(newest))).some((time) => time > fitted);
}

/**
 * When a file was last added to a cache folder (0: it has none): the folder's own time, which adding
 * a file sets (a cache's files are only ever added, renamed into place under a new name). One look,
 * where the files' own times took one each: thousands in a cache a few weeks old.
 */
async function lastAdded(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (!names.some((name) => !name.startsWith('.'))) return 0;
  return stat(dir).then((s) => s.mtimeMs, () => 0);
}

/** A folder of files named by their key. */
export class FileCache {
  constructor(
    private readonly dir: string,
    private readonly extension: string,
  ) {}

  private path(key: string): string {
    return join(this.dir, `${key}.${this.extension}`);
  }

  /** The cached bytes, or undefined when there are none. */
  async get(key: string): Promise<Buffer | undefined> {
    const [data] = await Promise.all([readFile(this.path(key)).catch(() => undefined), this.markUsed(key)]);
    return data;
  }

  /** Copies the cached file to `to`; false when there is none. */
  async restore(key: string, to: string): Promise<boolean> {
    const [copied] = await Promise.all([
      copyFile(this.path(key), to).then(
        () => true,
        () => false,
      ),
      this.markUsed(key),
    ]);
    return copied;
  }

  /** An entry read is marked used (its file's time): entries unused for a week are pruned (cache-pruning.ts). */
  private async markUsed(key: string): Promise<void> {
    const now = new Date();
    await utimes(this.path(key), now, now).catch(() => undefined);
  }

  /** Stores what was made; a failure to store only costs making it again later. */
  async store(key: string, data: string | Uint8Array): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const partial = join(this.dir, `.${key}.${process.pid}.tmp`);
      await writeFile(partial, data);
      await rename(partial, this.path(key));
    } catch {
      // The cache is an optimisation, never a reason for a build to fail.
    }
  }
}
