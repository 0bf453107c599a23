// One build at a time writes a pair of output folders: a lock file beside each folder names the
// process that holds it. A second build waits for it (saying whom it waits for); a lock whose process
// is gone (a killed build) is taken over.
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { isRunning } from '../processes.ts';

/** How often a waiting build looks at the lock again. */
const POLL_MS = 200;

/** The lock file of an output folder: `.dist.lock` beside `dist/`. */
export function lockFile(folder: string): string {
  const absolute = resolve(folder);
  return join(dirname(absolute), `.${basename(absolute)}.lock`);
}

/** The lock files this process holds. */
const held = new Set<string>();

/** Gives back every lock of this process at once (on a signal, before exiting). */
export function releaseLocksNow(): void {
  for (const file of held) rmSync(file, { force: true });
  held.clear();
}

/** Takes one lock file, waiting while a live process holds it. */
async function take(file: string, waiting: (holder: string) => void): Promise<void> {
  let told = false;
  await mkdir(dirname(file), { recursive: true });
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n${process.argv.slice(1).join(' ')}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readFile(file, 'utf8').catch(() => '');
    const pid = Number(holder.split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
      await rm(file, { force: true });
      continue;
    }
    if (!told && pid > 0) {
      waiting(`process ${pid} (${holder.split('\n')[1]?.trim() || 'a build'}) is writing ${dirname(file)}; waiting for it to finish (its lock: ${file})`);
      told = true;
    }
    await delay(POLL_MS);
  }
}

/**
 * Runs `work` holding the locks of `folders` (taken in one order, so two builds never wait for each
 * other), and gives them back after it, whatever happened.
 */
export async function withOutputLock<T>(folders: string[], work: () => Promise<T>, waiting: (holder: string) => void = (line) => console.error(line)): Promise<T> {
  // By the folder a link leads to: two names of one folder are one lock (publish.ts writes there too).
  const real = await Promise.all(folders.map((folder) => realpath(folder).catch(() => folder)));
  const files = [...new Set(real.map(lockFile))].sort();
  const taken: string[] = [];
  try {
    for (const file of files) {
      await take(file, waiting);
      taken.push(file);
      held.add(file);
    }
    return await work();
  } finally {
    await Promise.all(taken.map((file) => rm(file, { force: true })));
    for (const file of taken) held.delete(file);
  }
}
