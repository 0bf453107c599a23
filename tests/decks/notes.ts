// What the decks must show, read straight from the notes pages with plain text matching (not with the
// build's parser, so a parser bug cannot hide itself).
import { readdirSync, readFileSync } from 'node:fs';

export interface ExpectedTopic {
  heading: string;
  timestamp?: { label: string; href: string };
}

export interface ExpectedDeck {
  name: string;
  title: string;
  back: string;
  topics: ExpectedTopic[];
}

export const NOTES_DIR = 'notes';

export function expectedDeck(name: string): ExpectedDeck {
  const source = readFileSync(`${NOTES_DIR}/${name}.md`, 'utf8');
  const title = (JSON.parse(/^<!--METADATA (.*?) -->/.exec(source)![1]!) as { title: string }).title;
  const back = /\[\[BACK\]\(([^)]+)\)\]/.exec(source)![1]!;
  const topics = source.split(/^# /m).slice(1).map((section) => {
    const heading = section.split('\n')[0]!.trim();
    const stamp = /^\s*\n\[(\d+:\d\d(?::\d\d)?)\]\((https:\/\/youtu\.be\/[^)]+)\)/.exec(section.slice(heading.length + 1));
    return stamp ? { heading, timestamp: { label: stamp[1]!, href: stamp[2]! } } : { heading };
  });
  return { name, title, back, topics };
}

/**
 * Where a deck's NEXT must lead, read from course.json as it is written: the page of the next chapter
 * (in the file's order) that has a notes page, else the course contents.
 */
export function expectedNext(name: string): string {
  const { chapters } = JSON.parse(readFileSync(`${NOTES_DIR}/course.json`, 'utf8')) as { chapters: { page?: string }[] };
  const index = chapters.findIndex((chapter) => chapter.page === name);
  const next = index < 0 ? undefined : chapters.slice(index + 1).find((chapter) => chapter.page !== undefined && pageNames().includes(chapter.page));
  return next ? `${next.page}.html` : 'index.html';
}

export function pageNames(): string[] {
  return readdirSync(NOTES_DIR).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
}

/** Seconds of a H:MM:SS label, computed here independently of the build. */
export function seconds(label: string): number {
  return label.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
