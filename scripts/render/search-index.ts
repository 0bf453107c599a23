// The course search's index, built with the decks: a document per slide of every deck — its chapter,
// heading, text and presenter notes as plain text — indexed with MiniSearch here, at build time, and
// written as a script (`search-index.js`) that sets `window.COURSE_SEARCH`. A script, not JSON: a page
// opened from file:// may not fetch() a file beside it, but it may load a script. No I/O.
import MarkdownIt from 'markdown-it';
import { useEmoji } from '../notes/emoji.ts';
import MiniSearch, { type Options } from 'minisearch';
import type { Course } from '../notes/course.ts';
import type { Deck, Slide } from '../deck/deck.ts';

export interface SearchDocument {
  id: string;
  /** The deck's page: the result links to `deck.html#slide`. */
  deck: string;
  slide: number;
  /** `Chapter 13 · K8s StatefulSets`, or the deck's title alone. */
  chapter: string;
  heading: string;
  text: string;
  notes: string;
}

/** The options the index is built and loaded with: they must be the same on both sides. */
export const SEARCH_OPTIONS = {
  fields: ['heading', 'text', 'notes', 'chapter'],
  storeFields: ['deck', 'slide', 'chapter', 'heading', 'text', 'notes'],
  searchOptions: { boost: { heading: 3, chapter: 1.5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
} satisfies Options<SearchDocument>;

/** The global the index script sets, which the search box reads. */
export const SEARCH_GLOBAL = 'COURSE_SEARCH';

// Shortcodes read as Marp reads them: a result shows the emoji its slide shows.
const markdown = useEmoji(new MarkdownIt({ html: false }));
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Markdown (inline or blocks) as the words a reader sees. */
export function plainText(source: string): string {
  const html = markdown.render(source);
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, ' ')
    .trim();
}

function slideHeading(slide: Slide): string {
  // The title slide's heading is the METADATA title: text, never Markdown.
  if (slide.kind === 'title') return slide.heading;
  const heading = plainText(slide.heading);
  return slide.part ? `${heading} (${slide.part.index}/${slide.part.count})` : heading;
}

function slideText(slide: Slide): string {
  if (slide.kind === 'title') return [slide.chapter ?? '', slide.course].join(' ').trim();
  if (slide.kind === 'agenda') return slide.items.map((item) => plainText(item.label)).join(' · ');
  const blocks = [...slide.beside, ...slide.below].map((block) => plainText(block.parts.join(block.joiner)));
  return [...blocks, ...(slide.column ?? []).map((picture) => picture.alt)].filter(Boolean).join(' ');
}

/** A document per slide of every deck, in course order. */
export function searchDocuments(decks: readonly Deck[], course: Course): SearchDocument[] {
  return decks.flatMap((deck) => {
    const chapter = course.chapters.find((c) => c.page === deck.name);
    const where = chapter ? `Chapter ${chapter.number} · ${deck.title}` : deck.title;
    return deck.slides.map((slide, i) => ({
      id: `${deck.name}#${i + 1}`,
      deck: deck.name,
      slide: i + 1,
      chapter: where,
      heading: slideHeading(slide),
      text: slideText(slide),
      notes: slide.kind === 'agenda' ? '' : (slide.notes ?? []).join('\n\n'),
    }));
  });
}

/** The script that carries the built index to the search box. */
export function searchIndexScript(documents: readonly SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(documents);
  const carried = { options: SEARCH_OPTIONS, index: index.toJSON() };
  // `</` never ends up in the page's HTML (the file is a script of its own), but keep it inert anyway.
  return `window.${SEARCH_GLOBAL} = ${JSON.stringify(carried).replace(/</g, '\\u003c')};\n`;
}
