// File helpers of the build's I/O edge.
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The names in a folder; none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** Writes a file whole: readers (the live server) see the old bytes or the new, never a part. */
export async function writeWhole(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** Writes a file when its bytes differ from what is there; says whether it did. */
export async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const before = await readFile(path).catch(() => undefined);
  if (before?.equals(Buffer.from(data))) return false;
  await writeWhole(path, data);
  return true;
}
