// File helpers of the build's I/O edge.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** The names in a folder; none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** Writes a file when its bytes differ from what is there; says whether it did (a batch of one: see FileBatch). */
export async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const batch = new FileBatch();
  try {
    const changed = await batch.write(path, data);
    await batch.commit();
    return changed;
  } finally {
    await batch.abandon();
  }
}

/**
 * Files changed all together or not at all. Each new content is written to a temporary file beside its
 * place (a dot file, never served); `commit` then renames them all into place, which takes no room on
 * the disk, and `abandon` removes them. So a write that fails (a full disk) changes no file of the batch,
 * and a reader (the live server) sees a file's old bytes or its new ones, never a part.
 */
export class FileBatch {
  private readonly pending = new Map<string, string>();

  /** Stages `data` for `path` when its bytes differ from what is there; says whether they do. */
  async write(path: string, data: string | Uint8Array): Promise<boolean> {
    const before = await readFile(path).catch(() => undefined);
    if (before?.equals(Buffer.from(data))) return false;
    // The name keeps the file's extension: marp-cli reads a staged deck by it.
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp${extname(path)}`);
    // Known before it is written: a part written before a failure is removed too.
    this.pending.set(path, temporary);
    await writeFile(temporary, data);
    return true;
  }

  /** Where the content staged for `path` is until the commit (`path` itself when it is unchanged). */
  staged(path: string): string {
    return this.pending.get(path) ?? path;
  }

  async commit(): Promise<void> {
    for (const [path, temporary] of this.pending) {
      await rename(temporary, path);
      this.pending.delete(path);
    }
  }

  async abandon(): Promise<void> {
    await Promise.all([...this.pending.values()].map((temporary) => rm(temporary, { force: true })));
    this.pending.clear();
  }
}
