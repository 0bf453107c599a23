// The build's cache (node_modules/.cache/course-decks) gets an entry for every deck the bench builds
// cold — hundreds of PDFs a run, which no later build would ever find again. The bench notes what was
// there when it started and, at the end, removes the files added since. A build someone else ran
// meanwhile may lose what it cached then: that costs it one render, never a wrong output.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_DIR } from './commands.ts';

export const BUILD_CACHE = join(PROJECT_DIR, 'node_modules', '.cache', 'course-decks');

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path)));
    else found.push(path);
  }
  return found;
}

/** Notes the cache's files now; the returned function removes those added since, and says how many. */
export async function keepBuildCache(): Promise<() => Promise<number>> {
  const before = new Set(await files(BUILD_CACHE));
  const since = Date.now();
  return async () => {
    let removed = 0;
    for (const file of await files(BUILD_CACHE)) {
      if (before.has(file)) continue;
      const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: 0 }));
      if (mtimeMs < since) continue;
      await rm(file, { force: true });
      removed += 1;
    }
    return removed;
  };
}
