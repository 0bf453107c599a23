// Course folders for the bench: copies of the real notes, generated courses of many pages made of
// copies of the real ones, and one page with very many topics. Each is a notes folder the build
// accepts as it is (a course.json naming every page, BACK links chained page to page), so the figures
// time real work, not errors.
//
// A figure of a build after one page changed marks that page — a presenter note naming the run at its
// end, a real change every cache must see, which leaves the slides' text and their fitting as they were.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COURSE_FILE } from '../notes/course.ts';
import { formatTimeLabel } from '../notes/timestamp.ts';

const METADATA = /^<!--METADATA (\{.*\}) -->/;
const BACK = /\[\[BACK\]\([^)]*\)\]/g;
const TIMESTAMP = /\[\d+(?::\d\d){1,2}\]\((https:\/\/youtu\.be\/[\w-]+)\?t=(\d+)\)/g;

interface CourseFile {
  title: string;
  author: string;
  videoId: string;
  chapters: { title: string; start: string; page?: string }[];
}

async function readCourse(notesDir: string): Promise<CourseFile> {
  return JSON.parse(await readFile(join(notesDir, COURSE_FILE), 'utf8')) as CourseFile;
}

/** The page with a presenter note naming `mark` at its end (none when `mark` is empty). */
export function markPage(source: string, mark: string): string {
  return mark === '' ? source : `${source.trimEnd()}\n\n<!-- bench: ${mark} -->\n`;
}

/**
 * Marks pages of a notes folder: every page, or only `only` (file names). Returns the folder.
 * Files are written anew, so a read-only original (the seed page) makes a writable copy.
 */
export async function markPages(dir: string, mark: string, only?: ReadonlySet<string>): Promise<string> {
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md'))) {
    if (only && !only.has(file)) continue;
    const source = (await readFile(join(dir, file), 'utf8')).replace(/\n\n<!-- bench: .* -->\n$/, '\n');
    await writeFile(join(dir, file), markPage(source, mark));
  }
  return dir;
}

/** A copy of a (flat) notes folder, every file written anew. */
export async function copyNotes(notesDir: string, dest: string): Promise<string> {
  await mkdir(dest, { recursive: true });
  for (const entry of await readdir(notesDir, { withFileTypes: true })) {
    if (entry.isFile()) await writeFile(join(dest, entry.name), await readFile(join(notesDir, entry.name)));
  }
  return dest;
}

/** A page's topic timestamps moved by `shift` seconds, each label written anew. */
function shiftTimestamps(source: string, shift: number): string {
  return source.replace(TIMESTAMP, (_, link: string, t: string) => `[${formatTimeLabel(Number(t) + shift)}](${link}?t=${Number(t) + shift})`);
}

/** Where a real page's chapter starts and how long it is (a last chapter: up to its last timestamp and a minute). */
function chapterOfCopy(course: CourseFile, name: string, source: string): { start: number; length: number } {
  const seconds = (label: string) => label.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const index = course.chapters.findIndex((c) => c.page === name);
  const start = index < 0 ? 0 : seconds(course.chapters[index]!.start);
  const next = course.chapters[index + 1];
  const last = Math.max(start, ...[...source.matchAll(TIMESTAMP)].map((m) => Number(m[2])));
  return { start, length: index >= 0 && next ? seconds(next.start) - start : last - start + 60 };
}

/**
 * `pages` notes pages, `chapter-001.md`…, each a copy of one of the real pages in turn, retitled so
 * every deck has its own title, each one's BACK leading to the page before it (the first to the
 * course contents), and a course.json listing them all as chapters. Each copy's chapter is as long as
 * its original's, one after the other, and its timestamps move with it: they lie in its chapter.
 */
export async function writeGrownCourse(notesDir: string, dest: string, pages: number): Promise<void> {
  const course = await readCourse(notesDir);
  const real = (await readdir(notesDir)).filter((f) => f.endsWith('.md')).sort();
  const sources = await Promise.all(real.map((f) => readFile(join(notesDir, f), 'utf8')));
  if (sources.length === 0) throw new Error(`${notesDir} has no notes pages to copy`);
  await mkdir(dest, { recursive: true });
  const chapters: CourseFile['chapters'] = [];
  const originals = real.map((file, i) => chapterOfCopy(course, file.replace(/\.md$/, ''), sources[i]!));
  let start = 0;
  for (let i = 0; i < pages; i++) {
    const name = `chapter-${String(i + 1).padStart(3, '0')}`;
    const previous = i === 0 ? 'index.html' : `chapter-${String(i).padStart(3, '0')}.html`;
    const source = sources[i % sources.length]!;
    const { title } = JSON.parse(METADATA.exec(source)?.[1] ?? '{"title": "Chapter"}') as { title: string };
    const ownTitle = `${title} ${i + 1}`;
    const original = originals[i % sources.length]!;
    const retitled = source.replace(METADATA, `<!--METADATA ${JSON.stringify({ title: ownTitle })} -->`).replace(BACK, `[[BACK](${previous})]`);
    await writeFile(join(dest, `${name}.md`), shiftTimestamps(retitled, start - original.start));
    chapters.push({ title: ownTitle, start: formatTimeLabel(start), page: name });
    start += original.length;
  }
  await writeFile(join(dest, COURSE_FILE), JSON.stringify({ ...course, chapters, duration: undefined }, null, 2));
}

/**
 * One page, `topics.md`, with `topics` short topics (a timestamp, a sentence, a three-item list) and
 * an agenda of them all: the agenda alone splits into a slide per dozen topics.
 */
export async function writeLongPage(notesDir: string, dest: string, topics: number): Promise<void> {
  const course = await readCourse(notesDir);
  const parts = [`<!--METADATA {"title": "${topics} topics"} -->`, '', '[[BACK](index.html)]', '', '[TOC]', ''];
  for (let i = 1; i <= topics; i++) {
    parts.push(
      `# Topic ${i}`,
      '',
      `[${formatTimeLabel(i)}](https://youtu.be/${course.videoId}?t=${i})`,
      '',
      `Topic ${i} explains one idea in a sentence of about the length a notes page uses.`,
      '',
      '- a first point',
      '- a second point',
      '- a third point',
      '',
    );
  }
  await mkdir(dest, { recursive: true });
  await writeFile(join(dest, 'topics.md'), parts.join('\n'));
  await writeFile(join(dest, COURSE_FILE), JSON.stringify({ ...course, chapters: [{ title: `${topics} topics`, start: '0:00', page: 'topics' }], duration: undefined }, null, 2));
}
