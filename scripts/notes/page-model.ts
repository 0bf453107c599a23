// The page model: what a notes page says, with source positions. Made by page.ts; no I/O.
import type { SourcePosition } from '../problems.ts';
import type { Timestamp } from './page-parts.ts';
import type { Picture } from './pictures-in-page.ts';

export interface ContentBlock {
  /**
   * The block's Markdown as written in the notes (its constructs as Marp Markdown), in the parts a
   * slide may be split at: one part per list item for a list, the whole block otherwise.
   */
  parts: string[];
  /** What joins consecutive parts again: a newline in a tight list, a blank line in a loose one. */
  joiner: string;
  /** Beside the floated pictures (before the `clear: both` paragraph). */
  besidePicture: boolean;
  at: SourcePosition;
  /** The pictures its Markdown shows inline, as written: the deck points them at what it publishes. */
  pictures: Picture[];
  /** A picture standing alone in the flow (its paragraph, an `<img>` without float, a diagram): no parts. */
  figure?: Picture;
}

export interface Topic {
  /** Inline Markdown of the `#` heading. */
  heading: string;
  at: SourcePosition;
  timestamp?: Timestamp;
  /** The floated pictures: the right-hand column, top to bottom. */
  column: Picture[];
  blocks: ContentBlock[];
  /** Presenter notes: the HTML comments written after the topic's text. */
  notes: string[];
}

export interface BackLink {
  target: string;
  at: SourcePosition;
}

export interface Page {
  file: string;
  /** File name without `.md`: the deck is published as `NAME.html`. */
  name: string;
  title: string;
  /** The page's language (METADATA `"lang"`, a BCP 47 tag): the deck's `lang`. */
  lang: string;
  backLinks: BackLink[];
  toc: boolean;
  /** The title slide's presenter notes: the HTML comments written before the first topic. */
  notes: string[];
  topics: Topic[];
  /** The page's text, for checking that the deck shows all of it. */
  text: string;
}

export function pageName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** Every picture a page shows, in the column or in the flow. */
export function pagePictures(page: Page): Picture[] {
  return page.topics.flatMap((topic) => [...topic.column, ...topic.blocks.flatMap((block) => [...block.pictures, ...(block.figure ? [block.figure] : [])])]);
}
