// Outputs are written into staging folders beside the real ones and published only when the whole
// build succeeded: a failed or killed build leaves the last good slides/ and dist/ as they were.
// Publishing moves the staged files into the real folders one rename at a time, so each output folder
// is there all along and each file in it is whole, old or new (Node has no atomic exchange of two
// folders, renameat2's RENAME_EXCHANGE; swapping a folder by two renames left a moment without it).
// Renaming the staging folders to `.publishing-` is the commit: from there a killed build is finished
// by the next one, from the list of files each publishing folder keeps, so slides/ and dist/ end up a
// pair from one build whatever moment the kill came at.
import { rmSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { markOutputFolder, OUTPUT_MARKER } from './output-folders.ts';
import { isRunning } from '../processes.ts';

/** `.dist.staging-PID-HEX`: `old` is what builds before publishing by moves left (a folder moved aside). */
const LEFTOVER = /^\.(.+)\.(staging|publishing|old)-((\d+)-[0-9a-f]+)$/;

/** The list of a publishing folder's files (not published itself): what the real folder holds after. */
const FILE_LIST = '.course-decks-files';

export interface Staged {
  /** Where the build writes instead of `final`. */
  path: string;
  final: string;
}

async function ownedByBuild(path: string): Promise<boolean> {
  const entries = await readdir(path).catch(() => undefined);
  return entries !== undefined && (entries.length === 0 || entries.includes(OUTPUT_MARKER) || entries.includes(FILE_LIST));
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Every file below `dir`, as paths relative to it (folders end with `/`, before what they hold). */
async function listTree(dir: string, sub = ''): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
    const path = sub + entry.name;
    if (entry.isDirectory()) paths.push(`${path}/`, ...(await listTree(dir, `${path}/`)));
    else if (path !== FILE_LIST) paths.push(path);
  }
  return paths;
}

/**
 * Moves what a publishing folder holds into its real folder, file by file, then removes from the real
 * folder what the list does not name (the build's files of before; the folder holds no one else's,
 * see output-folders.ts) and the publishing folder. Run again after a kill, it finishes the job: what
 * was moved already is not in the publishing folder any more, and the list still names it.
 */
async function moveInto(publishing: string, final: string): Promise<void> {
  const wanted = (await readFile(join(publishing, FILE_LIST), 'utf8')).split('\n').filter(Boolean);
  await mkdir(final, { recursive: true });
  for (const path of wanted) {
    const to = join(final, path);
    if (path.endsWith('/')) {
      const info = await lstat(to).catch(() => undefined);
      if (info && !info.isDirectory()) await rm(to, { force: true });
      await mkdir(to, { recursive: true });
    } else {
      // A folder of before where a file goes now: a rename replaces files only.
      if ((await lstat(to).catch(() => undefined))?.isDirectory()) await rm(to, { recursive: true, force: true });
      const moved = await rename(join(publishing, path), to).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return false; // moved before a kill
          throw error;
        },
      );
      if (!moved && !(await exists(to))) throw new Error(`publishing ${final}: ${path} is neither staged nor in place`);
    }
  }
  const keep = new Set(wanted);
  for (const path of (await listTree(final)).reverse()) {
    if (!keep.has(path)) await rm(join(final, path), { recursive: true, force: true });
  }
  await rm(publishing, { recursive: true, force: true });
}

/**
 * Cleans up after builds killed half-way, for a set of output folders published together: a build
 * that had committed (any of its folders renamed to `.publishing-`) is finished, every folder of it;
 * one that had not is dropped; a folder moved aside by an older build whose real one is missing comes
 * back.
 */
async function recover(finals: string[]): Promise<void> {
  const found: { path: string; final: string; kind: string; build: string }[] = [];
  for (const final of finals) {
    for (const entry of await readdir(dirname(final)).catch(() => [])) {
      const match = LEFTOVER.exec(entry);
      if (!match || match[1] !== basename(final) || isRunning(Number(match[4]))) continue;
      found.push({ path: join(dirname(final), entry), final, kind: match[2]!, build: match[3]! });
    }
  }
  const committed = new Set(found.filter((f) => f.kind === 'publishing').map((f) => f.build));
  for (const { path, final, kind, build } of found) {
    if (committed.has(build)) {
      await moveInto(path, final);
    } else if (kind === 'old' && !(await exists(final))) await rename(path, final);
    // Only what a build wrote (its marker in it, or nothing at all) is removed.
    else if (await ownedByBuild(path)) await rm(path, { recursive: true, force: true });
  }
}

/** The staging folders of this process not yet committed or discarded. */
const pending = new Set<string>();

/** Removes this process's staging folders at once (on a signal, before exiting). */
export function discardStagedNow(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}

/**
 * A fresh folder beside each of `finals` (same file system, so its files can be renamed into place),
 * marked as the build's, after what killed builds left there is cleaned up.
 */
export async function stage(finals: string[]): Promise<Staged[]> {
  // An output folder that is a link is published into the folder it leads to, staged beside that one:
  // a rename does not cross file systems, and the link stays.
  const absolute = await Promise.all(finals.map((final) => realpath(final).catch(() => resolve(final))));
  for (const final of absolute) await mkdir(dirname(final), { recursive: true });
  await recover(absolute);
  // One name for the folders of one build: the next build knows them as one publication.
  const build = `${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
  const staged: Staged[] = [];
  for (const final of absolute) {
    const path = join(dirname(final), `.${basename(final)}.staging-${build}`);
    await mkdir(path);
    pending.add(path);
    await markOutputFolder(path);
    staged.push({ path, final });
  }
  return staged;
}

async function writeFileList(folder: string): Promise<void> {
  await writeFile(join(folder, FILE_LIST), (await listTree(folder)).join('\n') + '\n');
}

/**
 * Publishes staged folders together: each is listed, all are committed (renamed to `.publishing-`),
 * then each one's files are moved into its real folder.
 */
export async function publish(staged: Staged[]): Promise<void> {
  for (const { path } of staged) await writeFileList(path);
  // From the first commit rename on, neither a signal nor a failure may remove a staging folder not
  // yet renamed: the next build finishes what the renamed one began, with it.
  for (const { path } of staged) {
    pending.delete(path);
    committing.add(path);
  }
  const publishing = staged.map(({ path, final }) => ({ path: path.replace(/\.staging-(?=[^/\\]+$)/, '.publishing-'), final }));
  for (const [i, { path }] of staged.entries()) await rename(path, publishing[i]!.path);
  for (const { path, final } of publishing) await moveInto(path, final);
  for (const { path } of staged) committing.delete(path);
}

/** Staging folders whose build began its commit: left to the next build (see recover). */
const committing = new Set<string>();

/** Drops staged folders after a failed build (not once their commit began). */
export async function discard(staged: Staged[]): Promise<void> {
  const dropped = staged.filter(({ path }) => !committing.has(path));
  await Promise.all(dropped.map(({ path }) => rm(path, { recursive: true, force: true })));
  for (const { path } of staged) {
    pending.delete(path);
    committing.delete(path);
  }
}
