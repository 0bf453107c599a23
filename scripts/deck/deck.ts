// Compose a deck (its slides) from a parsed notes page. No I/O: the course, the other pages and the
// picture folder's listing are passed in.
import { chapterOfPage, INDEX_PAGE, neighbours, type Chapter, type Course } from '../notes/course.ts';
import { checkAgainstCourse } from '../notes/course-checks.ts';
import type { Page, Timestamp } from '../notes/page.ts';
import { diagramAlt, resolvePicture, unusableFormat, type PictureSource } from '../pictures/pictures.ts';
import { Problems, type SourcePosition } from '../problems.ts';
import { videoUrl } from '../notes/timestamp.ts';

export { INDEX_PAGE };

export interface Link {
  href: string;
  label: string;
  /** What the link leads to, in words (for a tooltip and assistive technology). */
  title: string;
}

export interface DeckPicture {
  src: string;
  alt: string;
  column: boolean;
}

export interface TitleSlide {
  kind: 'title';
  heading: string;
  course: string;
  chapter?: string;
  timestamp?: Link;
  back?: Link;
  /** NEXT, when the title slide is the deck's only slide. */
  next?: Link;
}

/** Which part of a topic (or of the agenda) a slide is, when fitting split it: `Topic (2/3)`. */
export interface Part {
  index: number;
  count: number;
}

/** A block of Markdown and the parts it may be split at (list items). */
export interface Block {
  parts: string[];
  joiner: string;
  at: SourcePosition;
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
   * Smaller code, for a code block that does not fit a slide alone at the normal size: 1 (16px) or
   * 2 (14px, the smallest size the theme allows). Prose is never made smaller.
   */
  denseCode?: 1 | 2;
  heading: string;
  timestamp?: Link;
  picture?: DeckPicture;
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

  const topicSlides: TopicSlide[] = page.topics.map((topic, index) => {
    let picture: DeckPicture | undefined;
    if (topic.picture) {
      const resolved = resolvePicture(topic.picture.src, context.pictureFiles);
      const unusable = unusableFormat(topic.picture.src, context.pictureFiles);
      if (!resolved && unusable) {
        problems.error(topic.picture.at, `picture "${topic.picture.src}" is a ${unusable} file, which a deck cannot show`, 'convert it to PNG, JPEG, GIF, WebP or SVG, or draw it as NAME.dot');
      } else if (!resolved) {
        problems.error(topic.picture.at, `picture "${topic.picture.src}" exists nowhere`, 'add it to the picture folder as NAME.dot (a Graphviz diagram) or as the image file itself, and reference it as pict/NAME.png');
      } else {
        pictures.set(resolved.output, resolved);
        const alt = topic.picture.alt ?? diagramAlt(context.diagramSources.get(resolved.source) ?? '');
        if (!alt) problems.warn(topic.picture.at, `picture "${topic.picture.src}" has no alt text`, 'add alt="…" to the <img>, or a "// alt: …" line to the diagram');
        picture = { src: resolved.output, alt: alt ?? '', column: topic.picture.column };
      }
    }
    const column = picture?.column ?? false;
    const block = ({ parts, joiner, at }: (typeof topic.blocks)[number]): Block => ({ parts, joiner, at });
    return {
      kind: 'topic',
      topic: index,
      at: topic.at,
      heading: topic.heading,
      ...(topic.timestamp ? { timestamp: timestampLink(topic.timestamp) } : {}),
      ...(picture ? { picture } : {}),
      beside: topic.blocks.filter((b) => !column || b.besidePicture).map(block),
      below: column ? topic.blocks.filter((b) => !b.besidePicture).map(block) : [],
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
  return { deck: { file: page.file, name: page.name, title: page.title, lang: page.lang, footer, slides, pictures: [...pictures.values()] }, problems };
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
