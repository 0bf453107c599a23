// Outputs are written into staging folders beside the real ones and swapped in only when the whole
// build succeeded: a failed or killed build leaves the last good slides/ and dist/ as they were.
// Node has no atomic exchange of two folders (renameat2's RENAME_EXCHANGE), so a swap is two renames:
// the old folder aside, the new one in. A build killed between them leaves the old folder aside,
// and the next build puts it back before anything else.
import { rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { markOutputFolder, OUTPUT_MARKER } from './output-folders.ts';
import { isRunning } from '../processes.ts';

const STAGING = /^\.(.+)\.(staging|old)-(\d+)-[0-9a-f]+$/;

export interface Staged {
  /** Where the build writes instead of `final`. */
  path: string;
  final: string;
}

async function ownedByBuild(path: string): Promise<boolean> {
  const entries = await readdir(path).catch(() => undefined);
  return entries !== undefined && (entries.length === 0 || entries.includes(OUTPUT_MARKER));
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

/**
 * Cleans up after builds killed half-way: their staging folders go; a previous output moved aside
 * but not yet replaced (killed between the two renames of a swap) comes back.
 */
async function removeLeftovers(final: string): Promise<void> {
  const parent = dirname(final);
  for (const entry of await readdir(parent).catch(() => [])) {
    const match = STAGING.exec(entry);
    if (!match || match[1] !== basename(final) || isRunning(Number(match[3]))) continue;
    const path = join(parent, entry);
    if (match[2] === 'old' && !(await exists(final))) await rename(path, final);
    // Only what a build wrote (its marker in it, or nothing at all) is removed.
    else if (await ownedByBuild(path)) await rm(path, { recursive: true, force: true });
  }
}

/** The staging folders of this process not yet published or discarded. */
const pending = new Set<string>();

/** Removes this process's staging folders at once (on a signal, before exiting). */
export function discardStagedNow(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}

/** A fresh folder beside `final` (same file system, so it can be renamed into place), marked as the build's. */
export async function stage(final: string): Promise<Staged> {
  const absolute = resolve(final);
  await mkdir(dirname(absolute), { recursive: true });
  await removeLeftovers(absolute);
  const suffix = `${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
  const path = join(dirname(absolute), `.${basename(absolute)}.staging-${suffix}`);
  await mkdir(path);
  pending.add(path);
  await markOutputFolder(path);
  return { path, final: absolute };
}

/**
 * Puts every staged folder in place of its final one. Each swap is two renames; the previous folder
 * is removed only once the new one is in place.
 */
export async function publish(staged: Staged[]): Promise<void> {
  const old: string[] = [];
  for (const { path, final } of staged) {
    const previous = path.replace('.staging-', '.old-');
    const existed = await rename(final, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(path, final);
    pending.delete(path);
    if (existed) old.push(previous);
  }
  await Promise.all(old.map((path) => rm(path, { recursive: true, force: true })));
}

/** Drops staged folders after a failed build. */
export async function discard(staged: Staged[]): Promise<void> {
  await Promise.all(staged.map(({ path }) => rm(path, { recursive: true, force: true })));
  for (const { path } of staged) pending.delete(path);
}
