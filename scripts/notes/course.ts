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
}

export const COURSE_FILE = 'course.json';

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
    course.chapters.push({ number: index + 1, title: chapter.title, start, seconds, ...(page ? { page } : {}) });
  });
  return { course, problems };
}

function lineOf(source: string, needle: string): number {
  const index = source.indexOf(needle);
  return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}

export function chapterOfPage(course: Course, page: string): Chapter | undefined {
  return course.chapters.find((c) => c.page === page);
}
