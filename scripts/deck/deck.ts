// Compose a deck (its slides) from a parsed notes page. No I/O: the course, the other pages and the
// picture folder's listing are passed in.
import { chapterOfPage, INDEX_PAGE, neighbours, type Chapter, type Course } from '../notes/course.ts';
import { checkAgainstCourse } from '../notes/course-checks.ts';
import type { ContentBlock, Page, Picture, Timestamp } from '../notes/page.ts';
import type { PictureSource } from '../pictures/pictures.ts';
import { blockParts, pictureResolver, type DeckPicture } from './deck-pictures.ts';
import { emitMarpMarkdown } from './marp-markdown.ts';
import { wordsLeftOut } from './word-accounting.ts';
import { Problems, type SourcePosition } from '../problems.ts';
import { videoUrl } from '../notes/timestamp.ts';

export { INDEX_PAGE };

export interface Link {
  href: string;
  label: string;
  /** What the link leads to, in words (for a tooltip and assistive technology). */
  title: string;
}

export type { DeckPicture };

export interface TitleSlide {
  kind: 'title';
  heading: string;
  course: string;
  chapter?: string;
  timestamp?: Link;
  back?: Link;
  /** NEXT, when the title slide is the deck's only slide. */
  next?: Link;
  /** Presenter notes: the comments of the page before its first topic. */
  notes?: string[];
  /** A title too long for the slide at its usual size: 1 (48px) or 2 (36px, the smallest), as fitting chooses. */
  longTitle?: 1 | 2;
}

/** Which part of a topic (or of the agenda) a slide is, when fitting split it: `Topic (2/3)`. */
export interface Part {
  index: number;
  count: number;
}

/**
 * A block of Markdown and the parts it may be split at: list items as the page gives them; when a topic
 * is fitted, a code block's lines, a table's rows and a paragraph's sentences too (see blocks.ts).
 */
export interface Block {
  parts: string[];
  joiner: string;
  at: SourcePosition;
  /** What the block is, once cut into its finest parts (blocks.ts). */
  kind?: 'code' | 'table' | 'paragraph' | 'list' | 'subheading' | 'other';
  /** Written before every piece of the block (a code fence with its language, a table's header rows)… */
  open?: string;
  /** …and after it (the closing fence). */
  close?: string;
  /** How good a cut before each part is (-1 avoided, 0 plain, 1 natural); all plain when absent. */
  cuts?: (-1 | 0 | 1)[];
  /** A piece of a code block: whether it goes on from the previous slide, and on to the next. */
  continued?: boolean;
  continues?: boolean;
  /** The call-out boxes the block stands in, outermost first, when fitting cut a box (callout-pieces.ts). */
  callout?: CalloutFrame[];
}

/** A call-out box around blocks: one box of the notes (`id`), its style and its title's paragraph ('' for none). */
export interface CalloutFrame {
  id: string;
  style: string;
  title: string;
  /** On this slide: whether the box goes on from the previous slide, and on to the next. */
  continued?: boolean;
  continues?: boolean;
}

export interface AgendaSlide {
  kind: 'agenda';
  heading: string;
  part?: Part;
  /** Each topic's heading and index: the link goes to the topic's first slide. */
  items: { label: string; topic: number }[];
}

export interface TopicSlide {
  kind: 'topic';
  /** Index of the topic in the page, and where its heading is. */
  topic: number;
  at: SourcePosition;
  part?: Part;
  /**
   * Smaller code and tables, where that saves a continuation slide: 1 (code 16px, tables 20px) or
   * 2 (code 14px, tables 16px: the smallest sizes the theme allows). Prose is never made smaller.
   */
  denseCode?: 1 | 2;
  /**
   * Its tables' cells wrap between any two characters. A cell keeps its words whole (a column is then
   * as wide as its longest word, so a short "ClusterIP" never becomes "Clust / erIP" beside a column of
   * sentences); on a slide where whole words make a table wider than the slide, fitting sets this.
   */
  wrapTables?: true;
  /** A heading of four lines or more at its usual size: 1 (34px) or 2 (28px, the smallest), as fitting chooses. */
  longHeading?: 1 | 2;
  heading: string;
  timestamp?: Link;
  /** The floated pictures: a right-hand column, top to bottom. */
  column?: DeckPicture[];
  /** Blocks beside the picture column (all of them when there is no column). */
  beside: Block[];
  /** Blocks below the picture column. */
  below: Block[];
  notes: string[];
  back?: Link;
  /** NEXT: the next chapter's deck, or the course contents after the last (the deck's last slide only). */
  next?: Link;
}

export type Slide = TitleSlide | AgendaSlide | TopicSlide;

export interface Deck {
  /** The notes page it is made from. */
  file: string;
  name: string;
  title: string;
  /** The page's language: the deck's `lang`. */
  lang: string;
  footer: string;
  slides: Slide[];
  /** Pictures the deck shows, to draw or copy next to it. */
  pictures: PictureSource[];
}

export interface DeckContext {
  course: Course;
  /** Names of the course's pages (`volumes` for notes/volumes.md), with their titles. */
  pages: ReadonlyMap<string, string>;
  /** The picture folder's file names, and the sources of its diagrams (for their alt text). */
  pictureFiles: ReadonlySet<string>;
  diagramSources: ReadonlyMap<string, string>;
}

export function timestampLink(timestamp: Timestamp): Link {
  return { href: videoUrl(timestamp.videoId, timestamp.seconds), label: `▶ ${timestamp.label}`, title: `Watch from ${timestamp.label}` };
}

export function composeDeck(page: Page, context: DeckContext): { deck: Deck; problems: Problems } {
  const problems = new Problems();
  const pictures = new Map<string, PictureSource>();
  const chapter = chapterOfPage(context.course, page.name);

  const backLinks = page.backLinks.map((back) => {
    const link = backLink(back.target, context);
    if (!link) {
      const known = [...context.pages.keys()].map((name) => `${name}.html`).concat(INDEX_PAGE).join(', ');
      problems.error(back.at, `BACK target "${back.target}" is not a page of the course`, `link to one of: ${known}`);
    }
    return link;
  });
  if (page.backLinks.length === 0) {
    problems.warn({ file: page.file, line: 1, col: 1 }, 'the page has no BACK link', 'add [[BACK](previous.html)] at the top and the bottom of the page');
  }
  checkAgainstCourse(page, context.course, context.pages, problems);

  for (const topic of page.topics) {
    if (topic.timestamp && topic.timestamp.videoId !== context.course.videoId) {
      problems.warn(topic.timestamp.at, `timestamp links video ${topic.timestamp.videoId}, not the course's ${context.course.videoId}`, 'check the link');
    }
  }

  const resolve = pictureResolver(page, context, problems, pictures);
  const topicSlides: TopicSlide[] = page.topics.map((topic, index) => {
    const shown = (picture: Picture) => resolve(picture, topic.heading);
    const column = topic.column.flatMap((picture) => shown(picture) ?? []);
    const hasColumn = column.length > 0;
    const block = (b: ContentBlock): Block[] => {
      const parts = blockParts(b, shown);
      return parts.length > 0 ? [{ parts, joiner: b.joiner, at: b.at }] : [];
    };
    return {
      kind: 'topic',
      topic: index,
      at: topic.at,
      heading: topic.heading,
      ...(topic.timestamp ? { timestamp: timestampLink(topic.timestamp) } : {}),
      ...(column.length > 0 ? { column } : {}),
      beside: topic.blocks.filter((b) => !hasColumn || b.besidePicture).flatMap(block),
      below: hasColumn ? topic.blocks.filter((b) => !b.besidePicture).flatMap(block) : [],
      notes: topic.notes,
    };
  });

  const back = backLinks.find((link) => link !== undefined);
  const firstTimestamp = page.topics.find((t) => t.timestamp)?.timestamp;
  const title: TitleSlide = {
    kind: 'title',
    heading: page.title,
    course: `${context.course.title} · ${context.course.author}`,
    ...(chapter ? { chapter: `Chapter ${chapter.number}: ${chapter.title}` } : {}),
    ...(firstTimestamp ? { timestamp: timestampLink(firstTimestamp) } : {}),
    ...(back ? { back } : {}),
    ...(page.notes.length > 0 ? { notes: page.notes } : {}),
  };
  const slides: Slide[] = [title];
  if (page.toc && topicSlides.length > 0) {
    slides.push({ kind: 'agenda', heading: 'Agenda', items: topicSlides.map((t) => ({ label: t.heading, topic: t.topic })) });
  }
  slides.push(...topicSlides);
  // BACK stands at the bottom of the page too: the last slide carries it again, and NEXT beside it.
  const last = slides[slides.length - 1]!;
  if (back && last.kind === 'topic') last.back = back;
  if (last.kind !== 'agenda') last.next = nextLink(chapter, context);

  const footer = chapter ? `${page.title} · ${context.course.author}, chapter ${chapter.number}` : `${page.title} · ${context.course.author}`;
  const deck: Deck = { file: page.file, name: page.name, title: page.title, lang: page.lang, footer, slides, pictures: [...pictures.values()] };
  // Nothing of the page may go missing on the way: every word of its text is on a slide or in the
  // notes. (A deck with errors is not built: what they leave out is said already.)
  const gaps = problems.errors.length > 0 ? [] : wordsLeftOut(page.text, emitMarpMarkdown(deck));
  for (const gap of gaps) {
    problems.warn({ file: page.file, line: gap.line, col: 1 }, `the slides leave out "${gap.words.join(' ')}"`, 'write it as a construct the notes format knows (see the README), or move it into a topic');
  }
  return { deck, problems };
}

function backLink(target: string, context: DeckContext): Link | undefined {
  if (target === INDEX_PAGE) return { href: INDEX_PAGE, label: '◀ BACK', title: 'Back to the course contents' };
  const name = /^([\w.-]+)\.html$/.exec(target)?.[1];
  const title = name === undefined ? undefined : context.pages.get(name);
  if (name === undefined || title === undefined) return undefined;
  return { href: target, label: '◀ BACK', title: `Back to ${title}` };
}

/** NEXT, from the course file: the next chapter that has a page, else the course contents. */
function nextLink(chapter: Chapter | undefined, context: DeckContext): Link {
  const next = chapter && neighbours(context.course, chapter, context.pages).next;
  if (next?.page === undefined) return { href: INDEX_PAGE, label: 'NEXT ▶', title: 'On to the course contents' };
  return { href: `${next.page}.html`, label: 'NEXT ▶', title: `On to ${context.pages.get(next.page)}` };
}
