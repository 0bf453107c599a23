// A course folder read from disk: the course file, every notes page (parsed), the pictures. A page whose
// text did not change since it was last read is not parsed again (a build session keeps them).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { COURSE_FILE, parseCourse, type Course } from './course.ts';
import { courseFiles } from './course-files.ts';
import { decodePageText, parsePage, type Page, type ParsedPage } from './page.ts';
import { Problems, type Problem } from '../problems.ts';

/** A notes page of the folder: parsed when it could be read, with its reading and parsing problems. */
export interface SourcePage {
  name: string;
  page?: Page;
  problems: Problem[];
}

export interface Sources {
  course: Course;
  /** The course file's problems, and the folder's (no pages): every build reports them. */
  courseProblems: Problem[];
  /** In file name order. */
  pages: SourcePage[];
  pictureFiles: Set<string>;
  diagramSources: Map<string, string>;
}

/** Parsed pages by file, with the text they were parsed from. */
export type ParsedPages = Map<string, { text: string; parsed: ParsedPage }>;

export async function readSources(notesDir: string, pictDir: string, known: ParsedPages): Promise<Sources> {
  const courseFile = join(notesDir, COURSE_FILE);
  // Only regular files of the course folders are read (see courseFiles): their problems stop the build.
  const folderProblems = new Problems();
  const roots = [notesDir, pictDir];
  const notesFiles = await courseFiles(notesDir, roots, folderProblems);
  const pictFiles = await courseFiles(pictDir, roots, folderProblems);
  folderProblems.throwIfFailed();
  const courseSource = notesFiles.includes(COURSE_FILE) ? await readFile(courseFile, 'utf8').catch(() => undefined) : undefined;
  if (courseSource === undefined) {
    const problems = new Problems();
    problems.error({ file: courseFile, line: 1, col: 1 }, 'the course file is missing', `add ${COURSE_FILE} with the course's title, author, videoId and chapters`);
    problems.throwIfFailed();
  }
  const { course, problems: courseProblems } = parseCourse(courseFile, courseSource!);

  const pageFiles = notesFiles.filter((f) => f.endsWith('.md')).sort();
  if (pageFiles.length === 0) courseProblems.error({ file: notesDir, line: 1, col: 1 }, 'the notes folder has no pages', 'add a notes page NAME.md');
  const pages: SourcePage[] = [];
  for (const file of pageFiles) {
    const name = file.replace(/\.md$/, '');
    const problems = new Problems();
    const path = join(notesDir, file);
    const text = decodePageText(path, await readFile(path), problems);
    if (text === undefined) {
      pages.push({ name, problems: problems.list });
      continue;
    }
    const parsed = known.get(path)?.text === text ? known.get(path)!.parsed : parsePage(path, text);
    known.set(path, { text, parsed });
    pages.push({ name, page: parsed.page, problems: [...problems.list, ...parsed.problems.list] });
  }

  const pictureFiles = new Set(pictFiles);
  const diagramSources = new Map<string, string>();
  for (const file of pictureFiles) if (file.endsWith('.dot')) diagramSources.set(file, await readFile(join(pictDir, file), 'utf8'));
  return { course, courseProblems: courseProblems.list, pages, pictureFiles, diagramSources };
}

/** The pages that could be read. */
export function readPages(sources: Sources): Page[] {
  return sources.pages.flatMap(({ page }) => (page ? [page] : []));
}

export function titlesOf(sources: Sources): Map<string, string> {
  return new Map(readPages(sources).map((page) => [page.name, page.title]));
}

/** Each page's title, undefined for a page that could not be read. */
export function pageTitles(sources: Sources): Map<string, string | undefined> {
  return new Map(sources.pages.map(({ name, page }) => [name, page?.title]));
}

/** The stem of a picture file or reference: `pict/x.png` and `x.dot` are both `x`. */
export function pictureStem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '');
}
