// The build replaces its output folders whole: before it writes, it makes sure each one is an output
// folder — not a source of the course, not the project, not a folder of someone's files. A folder the
// build owns carries a marker file; an empty or new folder becomes one.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeIfChanged } from '../files.ts';
import { PROJECT_DIR, THEME_FILE } from '../project.ts';

/** The file that marks a folder as written by the build: only such a folder (or an empty one) is replaced. */
export const OUTPUT_MARKER = '.course-decks';
const MARKER_TEXT = 'Written by the course decks build (npm run build): replaced whole by every build. Keep nothing of your own here.\n';

/** An output folder the build must not write: what it is, and why. */
export class OutputFolderError extends Error {}

export interface CourseFolders {
  notesDir: string;
  pictDir: string;
  slidesDir: string;
  outDir: string;
}

/** `path` with every link of the part that exists resolved: two names of one folder compare equal. */
async function realPath(path: string): Promise<string> {
  const absolute = resolve(path);
  const real = await realpath(absolute).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(await realPath(parent), basename(absolute));
}

const inside = (path: string, folder: string) => path !== folder && path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * A folder written by a build from before the marker (a `dist/` or `slides/` of an older clone): every
 * name one the build writes, and the build's own files there (`index.html` and `favicon.ico`, or the
 * theme `course.css`).
 */
function writtenByAnOlderBuild(entries: string[]): boolean {
  const ours = entries.every((name) => /^(?:[^.][^/]*\.(?:md|html|pdf)|course\.css|favicon\.ico|pict)$/.test(name));
  return ours && ((entries.includes('index.html') && entries.includes('favicon.ico')) || entries.includes('course.css'));
}

/**
 * Refuses (OutputFolderError) an output folder that is, holds or lies inside a source folder (notes,
 * pictures, theme), that is or holds the project, that is the other output folder, or that holds files
 * the build did not write.
 */
export async function checkOutputFolders(folders: CourseFolders): Promise<void> {
  const sources: [string, string][] = [
    ['the notes folder (--notes)', await realPath(folders.notesDir)],
    ['the picture folder (--pict)', await realPath(folders.pictDir)],
    ['the theme folder', await realPath(dirname(THEME_FILE))],
  ];
  const project = await realPath(PROJECT_DIR);
  const outputs: [string, string, string][] = [
    ['--slides', folders.slidesDir, await realPath(folders.slidesDir)],
    ['--out', folders.outDir, await realPath(folders.outDir)],
  ];
  const refuse = (option: string, given: string, why: string, hint: string): never => {
    throw new OutputFolderError(`${option} ${given}: ${why}. The build replaces its output folders whole; ${hint}`);
  };
  for (const [option, given, path] of outputs) {
    for (const [name, source] of sources) {
      if (path === source) refuse(option, given, `it is ${name}`, 'choose a folder of its own for the output');
      if (inside(source, path)) refuse(option, given, `it holds ${name}, at ${relative(path, source)}`, 'choose a folder of its own for the output');
      if (inside(path, source)) refuse(option, given, `it lies inside ${name}`, 'choose a folder outside the course sources');
    }
    if (path === project || inside(project, path)) refuse(option, given, `it ${path === project ? 'is' : 'holds'} the project folder`, 'choose a folder of its own for the output');
  }
  const [slides, out] = outputs;
  if (slides![2] === out![2] || inside(slides![2], out![2]) || inside(out![2], slides![2])) {
    refuse('--out', folders.outDir, `it ${slides![2] === out![2] ? 'is' : 'overlaps'} the --slides folder ${folders.slidesDir}`, 'give --slides and --out two separate folders');
  }
  for (const [option, given, path] of outputs) await checkContents(option, given, path, refuse);
}

async function checkContents(option: string, given: string, path: string, refuse: (option: string, given: string, why: string, hint: string) => never): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return;
  if (!(await stat(path)).isDirectory()) refuse(option, given, 'it is a file, not a folder', 'name a folder');
  const entries = await readdir(path);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || writtenByAnOlderBuild(entries)) return;
  refuse(option, given, `it holds files the build did not write (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}; no ${OUTPUT_MARKER} marker)`, 'name a new or empty folder, or one a build wrote');
}

/** Marks a folder as the build's own (see OUTPUT_MARKER). */
export async function markOutputFolder(path: string): Promise<void> {
  await writeIfChanged(join(path, OUTPUT_MARKER), MARKER_TEXT);
}
