// The files of a course folder the build may read: regular files, in the folder or linked from it to
// another file of the course's folders. A link that leads elsewhere (`pict/logo.png → /etc/passwd`),
// a named pipe, a device or a socket is refused at its name: the build never reads outside the course,
// and never waits on a pipe.
import { lstat, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { listDir } from '../files.ts';
import type { Problems } from '../problems.ts';

function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The names of `dir` the build may read (its regular files); subfolders are left out, and every
 * other entry is an error of `problems` at its path. `roots`: the course's folders, where a link may lead.
 */
export async function courseFiles(dir: string, roots: readonly string[], problems: Problems): Promise<string[]> {
  const inside = await Promise.all(roots.map(async (root) => (await realpath(root).catch(() => root)) + sep));
  const files: string[] = [];
  for (const name of await listDir(dir)) {
    const path = join(dir, name);
    const at = { file: path, line: 1, col: 1 };
    const own = await lstat(path).catch(() => undefined);
    if (!own) continue;
    if (own.isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      if (target === undefined) {
        problems.error(at, 'the link leads nowhere', 'remove the link, or copy the file it meant into the folder');
        continue;
      }
      if (!inside.some((root) => target.startsWith(root))) {
        problems.error(at, `the link leads outside the course folders (to ${target})`, 'copy the file into the folder instead of linking to it');
        continue;
      }
    }
    const info = await stat(path);
    if (info.isDirectory()) continue;
    if (!info.isFile()) {
      problems.error(at, `${name} is ${kindOf(info)}, not a file`, 'remove it from the folder: the build reads only regular files');
      continue;
    }
    files.push(name);
  }
  return files;
}
