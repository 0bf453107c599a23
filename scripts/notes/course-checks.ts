// A page held against the course file: it is a chapter's page, its topics' timestamps lie within that
// chapter's span in the video and go forwards, and its BACK leads to the previous chapter that has a
// page. A learner who clicks a timestamp must land in the chapter the page teaches. No I/O.
import { chapterAt, chapterOfPage, INDEX_PAGE, neighbours, spanOf, type Chapter, type Course, type Span } from './course.ts';
import type { Page, Timestamp } from './page.ts';
import { formatTimeLabel } from './timestamp.ts';
import type { Problems } from '../problems.ts';

/** The pages of the course, by name (`volumes` for notes/volumes.md). */
export type CoursePages = ReadonlyMap<string, unknown> | ReadonlySet<string>;

function describe(chapter: Chapter): string {
  return `chapter ${chapter.number} "${chapter.title}"`;
}

function describeSpan(span: Span): string {
  return span.end === undefined ? `from ${formatTimeLabel(span.start)} on` : `${formatTimeLabel(span.start)} up to ${formatTimeLabel(span.end)}`;
}

/** Checks `page` against the course, adding what is wrong to `problems`. */
export function checkAgainstCourse(page: Page, course: Course, pages: CoursePages, problems: Problems): void {
  // A course file without chapters is an error of its own: there is nothing to hold the page against.
  if (course.chapters.length === 0) return;
  const chapter = chapterOfPage(course, page.name);
  if (!chapter) {
    problems.warn({ file: page.file, line: 1, col: 1 }, `no chapter of the course names the page "${page.name}"`, `add "page": "${page.name}" to its chapter in course.json`);
    return;
  }
  checkTimestamps(page, course, chapter, pages, problems);
  checkBack(page, course, chapter, pages, problems);
}

function checkTimestamps(page: Page, course: Course, chapter: Chapter, pages: CoursePages, problems: Problems): void {
  const span = spanOf(course, chapter);
  let before: Timestamp | undefined;
  for (const { timestamp } of page.topics) {
    // A timestamp of another video is reported as such (see composeDeck): its seconds say nothing here.
    if (!timestamp || timestamp.videoId !== course.videoId) continue;
    const { seconds } = timestamp;
    if (seconds < span.start || (span.end !== undefined && seconds >= span.end)) {
      const side = seconds < span.start ? 'before' : 'after';
      const other = chapterAt(course, seconds);
      const where = other ? `it falls in ${describe(other)}${other.seconds === seconds ? ', at its start' : ''}` : 'it falls in no chapter (after the end of the video)';
      const move = other?.page !== undefined && pages.has(other.page) ? `, or move the topic to ${other.page}.md` : '';
      problems.error(timestamp.at, `timestamp ${timestamp.label} is ${side} ${describe(chapter)} (${describeSpan(span)}): ${where}`, `correct the timestamp${move}`);
      continue;
    }
    if (before && seconds < before.seconds) {
      problems.warn(timestamp.at, `timestamp ${timestamp.label} goes back from ${before.label}, the timestamp of the topic before it (line ${before.at.line})`, 'put the topics in the order of the video, or correct the timestamp');
    }
    before = timestamp;
  }
}

function checkBack(page: Page, course: Course, chapter: Chapter, pages: CoursePages, problems: Problems): void {
  const { previous } = neighbours(course, chapter, pages);
  const expected = previous ? `${previous.page}.html` : INDEX_PAGE;
  const why = previous ? `the previous chapter with a page is ${describe(previous)}` : `${describe(chapter)} is the first chapter with a page: its BACK leads to the course contents`;
  for (const back of page.backLinks) {
    // A target that is no page of the course is an error of its own (see composeDeck).
    const name = /^([\w.-]+)\.html$/.exec(back.target)?.[1];
    const known = back.target === INDEX_PAGE || (name !== undefined && pages.has(name));
    if (known && back.target !== expected) problems.warn(back.at, `BACK leads to ${back.target}, but ${why}`, `link to ${expected}`);
  }
}
