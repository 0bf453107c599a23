// Keeping the build's caches from growing without end: every change of the scripts, the theme or a
// package changes every key (see cache.ts), and a folder of caches grew by ~0.5 GB in a day of such
// changes. An entry is marked used each time a build reads it (its file's time, see FileCache); once a
// day at most, a build removes the entries no build has used for a week. Only files named as the build
// names its entries (a hex key and the cache's extension, or a partial write of one) in the cache's own
// folders are ever removed: a cache folder shared with other files loses none of them.
import { readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR } from '../project.ts';

const DAY = 24 * 60 * 60 * 1000;
/** An entry no build has used for this long is removed. */
export const UNUSED_FOR = 7 * DAY;
/** The caches' folders, each with what its entries are named (see FileCache and marp.config.mjs). */
const CACHE_FOLDERS = ['browser', 'css', 'diagram', 'fit', 'font', 'handout', 'html', 'pdf', 'pptx'];
const ENTRY = /^[0-9a-f]{64}\.[a-z]+$/;
/** A partial write a build was killed in (`.KEY.PID.tmp`, or marp.config.mjs's `KEY.css.PID.tmp`). */
const PARTIAL = /^\.?[0-9a-f]{64}(\.[a-z]+)?\.\d+\.tmp$/;
/** Its time is when the caches were last pruned. */
const MARKER = '.pruned';

/**
 * Removes the entries of the caches in `dir` unused for `UNUSED_FOR`, and the partial writes older than
 * a day, when the last pruning is a day old or more (or there was none). Each folder keeps its own
 * time, which tells when an entry was last added (see `fitsLikelyMissing`). Returns how many files went;
 * a file that cannot be removed stays, for the next time.
 */
export async function pruneCaches(dir = CACHE_DIR, now = Date.now()): Promise<number> {
  const last = await stat(join(dir, MARKER)).then((s) => s.mtimeMs, () => 0);
  if (now - last < DAY) return 0;
  let removed = 0;
  for (const folder of CACHE_FOLDERS) {
    const path = join(dir, folder);
    const before = await stat(path).catch(() => undefined);
    if (!before?.isDirectory()) continue;
    // Looked at all at once (thousands of files in a cache some weeks old): in node's thread pool.
    const names = await readdir(path).catch(() => [] as string[]);
    const outcomes = await Promise.all(
      names.map(async (name) => {
        const old = ENTRY.test(name) ? UNUSED_FOR : PARTIAL.test(name) ? DAY : undefined;
        if (old === undefined) return false;
        const file = await stat(join(path, name)).catch(() => undefined);
        if (!file?.isFile() || now - file.mtimeMs < old) return false;
        return rm(join(path, name)).then(() => true, () => false);
      }),
    );
    const gone = outcomes.filter(Boolean).length;
    if (gone > 0) await utimes(path, before.atime, before.mtime).catch(() => undefined);
    removed += gone;
  }
  await writeFile(join(dir, MARKER), '').catch(() => undefined);
  return removed;
}
