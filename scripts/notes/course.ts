// The course: its video and its chapters, kept as data in the notes folder (`course.json`). No I/O.
import { Problems, type SourcePosition } from '../problems.ts';
import { parseTimeLabel } from './timestamp.ts';

export interface Chapter {
  number: number;
  title: string;
  /** Start in the video, as a label (`2:58:38`) and in seconds. */
  start: string;
  seconds: number;
  /** The notes page of this chapter (`statefulsets` for notes/statefulsets.md), when there is one. */
  page?: string;
}

export interface Course {
  title: string;
  author: string;
  videoId: string;
  chapters: Chapter[];
  /** The video's length, when the course file gives it (`"duration"`): where the last chapter ends. */
  duration?: { label: string; seconds: number };
}

/** A chapter's span in the video, in seconds: from its start up to (not including) `end`. */
export interface Span {
  start: number;
  /** The next chapter's start; for the last chapter the video's length, when known. */
  end?: number;
}

export const COURSE_FILE = 'course.json';
/** The course contents page, built from the course file: where the first BACK and the last NEXT lead. */
export const INDEX_PAGE = 'index.html';

export function parseCourse(file: string, source: string): { course: Course; problems: Problems } {
  const problems = new Problems();
  const at = (line = 1): SourcePosition => ({ file, line, col: 1 });
  const course: Course = { title: '', author: '', videoId: '', chapters: [] };
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    problems.error(at(), `not valid JSON (${(error as Error).message})`, 'fix the JSON syntax');
    return { course, problems };
  }
  const raw = data as Partial<Record<string, unknown>>;
  for (const key of ['title', 'author', 'videoId'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') problems.error(at(), `"${key}" is missing`, `add "${key}": "…"`);
    else course[key] = raw[key];
  }
  if (!Array.isArray(raw.chapters) || raw.chapters.length === 0) {
    problems.error(at(), '"chapters" is missing or empty', 'list the chapters as [{"title": "…", "start": "H:MM:SS"}]');
    return { course, problems };
  }
  raw.chapters.forEach((entry: unknown, index: number) => {
    const chapter = entry as Partial<Record<string, unknown>>;
    const where = lineOf(source, `"${String(chapter.title)}"`);
    const start = typeof chapter.start === 'string' ? chapter.start : '';
    const seconds = parseTimeLabel(start);
    if (typeof chapter.title !== 'string' || seconds === undefined) {
      problems.error(at(where), `chapter ${index + 1} needs a "title" and a "start" time`, 'write it as {"title": "…", "start": "H:MM:SS"}');
      return;
    }
    const page = typeof chapter.page === 'string' ? chapter.page : undefined;
    // Each chapter ends where the next begins: a chapter out of order would make the spans overlap.
    const previous = course.chapters.at(-1);
    if (previous && seconds <= previous.seconds) {
      problems.error(at(where), `chapter ${index + 1} "${chapter.title}" starts at ${start}, not after chapter ${previous.number} (${previous.start})`, 'list the chapters in the order of the video, each with its own start');
      return;
    }
    course.chapters.push({ number: index + 1, title: chapter.title, start, seconds, ...(page ? { page } : {}) });
  });
  if (raw.duration !== undefined) {
    const label = typeof raw.duration === 'string' ? raw.duration : '';
    const seconds = parseTimeLabel(label);
    const last = course.chapters.at(-1);
    if (seconds === undefined) problems.error(at(lineOf(source, '"duration"')), '"duration" is not a time', 'write the video\'s length as "H:MM:SS"');
    else if (last && seconds <= last.seconds) problems.error(at(lineOf(source, '"duration"')), `"duration" ${label} is not after the last chapter's start (${last.start})`, 'give the length of the whole video');
    else course.duration = { label, seconds };
  }
  return { course, problems };
}

function lineOf(source: string, needle: string): number {
  const index = source.indexOf(needle);
  return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}

export function chapterOfPage(course: Course, page: string): Chapter | undefined {
  return course.chapters.find((c) => c.page === page);
}

export function spanOf(course: Course, chapter: Chapter): Span {
  const next = course.chapters[course.chapters.indexOf(chapter) + 1];
  const end = next?.seconds ?? course.duration?.seconds;
  return end === undefined ? { start: chapter.seconds } : { start: chapter.seconds, end };
}

/** The chapter a second of the video falls in (a chapter's start is its own); undefined before the first or after the end. */
export function chapterAt(course: Course, seconds: number): Chapter | undefined {
  return course.chapters.find((chapter) => {
    const span = spanOf(course, chapter);
    return seconds >= span.start && (span.end === undefined || seconds < span.end);
  });
}

/**
 * The chapters before and after `chapter` that have a page of the course (`pages`: the pages there
 * are), nearest first: where BACK and NEXT lead.
 */
export function neighbours(course: Course, chapter: Chapter, pages: { has(name: string): boolean }): { previous?: Chapter; next?: Chapter } {
  const index = course.chapters.indexOf(chapter);
  const hasPage = (c: Chapter) => c.page !== undefined && pages.has(c.page);
  const previous = course.chapters.slice(0, index).reverse().find(hasPage);
  const next = course.chapters.slice(index + 1).find(hasPage);
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}
