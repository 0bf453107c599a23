// Parse a notes page (markdown-it tokens) into a page model with source positions. No I/O.
import MarkdownIt, { type Token } from 'markdown-it';
import { Problems, type SourcePosition } from '../problems.ts';
import { cleanHtml, hostileParts, isSafeUrl } from './raw-html.ts';
import { reflowNotes } from './reflow.ts';
import { formatTimeLabel, parseTimeLabel, parseTimeParameter, parseVideoLink } from './timestamp.ts';

export interface Timestamp {
  label: string;
  seconds: number;
  videoId: string;
  at: SourcePosition;
}

export interface Picture {
  /** As written in the notes, relative to the published page (`pict/x.png`). */
  src: string;
  alt?: string | undefined;
  /** `float: right` in the notes: a right-hand column beside the text. */
  column: boolean;
  at: SourcePosition;
}

export interface ContentBlock {
  /**
   * The block's Markdown exactly as written in the notes, in the parts a slide may be split at: one
   * part per list item for a list, the whole block otherwise.
   */
  parts: string[];
  /** What joins consecutive parts again: a newline in a tight list, a blank line in a loose one. */
  joiner: string;
  /** Beside the floated picture (before the `clear: both` paragraph). */
  besidePicture: boolean;
  at: SourcePosition;
}

export interface Topic {
  /** Inline Markdown of the `#` heading. */
  heading: string;
  at: SourcePosition;
  timestamp?: Timestamp;
  picture?: Picture;
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
  topics: Topic[];
}

export interface ParsedPage {
  page: Page;
  problems: Problems;
}

const markdown = new MarkdownIt({ html: true });

const COMMENT = /^<!--([\s\S]*?)-->\s*$/;
const METADATA = /^<!--\s*METADATA\s+([\s\S]*?)-->\s*$/;
const CLEAR = /^<p\s+style\s*=\s*"[^"]*clear\s*:\s*both[^"]*"\s*>\s*<\/p>\s*$/i;
const BIG_TITLE = /^<p\s+style\s*=\s*"[^"]*"\s*>([\s\S]*?)<\/p>\s*$/i;
const IMG = /^<img\s([^>]*?)\/?>\s*$/i;

export function pageName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** Reads `name="value"` pairs of one tag; later duplicates are ignored, as browsers do. */
export function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** A notes page's text from the bytes of its file: UTF-8 (a byte-order mark is dropped), not empty. */
export function decodePageText(file: string, bytes: Uint8Array, problems: Problems): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Where the decoder first had to replace bytes (U+FFFD) is where the page stops being UTF-8.
    const lossy = new TextDecoder().decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    problems.error({ file, line, col: before.length - before.lastIndexOf('\n') }, 'the page is not UTF-8 text', 'save it as UTF-8 (most editors: "Save with encoding")');
    return undefined;
  }
  if (text.trim() === '') {
    problems.error({ file, line: 1, col: 1 }, 'the page is empty', 'write the page, or remove the file');
    return undefined;
  }
  return text;
}

/** A notes page from the bytes of its file, else no page and the problem. */
export function parsePageFile(file: string, bytes: Uint8Array): ParsedPage | { page: undefined; problems: Problems } {
  const problems = new Problems();
  const text = decodePageText(file, bytes, problems);
  return text === undefined ? { page: undefined, problems } : parsePage(file, text);
}

export function parsePage(file: string, source: string): ParsedPage {
  const problems = new Problems();
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const tokens = markdown.parse(text, {});
  const at = (line: number, col = 1): SourcePosition => ({ file, line: line + 1, col });
  const sourceOf = (map: [number, number]): string => lines.slice(map[0], map[1]).join('\n').trimEnd();

  const page: Page = { file, name: pageName(file), title: '', lang: 'en', backLinks: [], toc: false, topics: [] };
  let bigTitle: string | undefined;
  let metadataSeen = false;
  let titleProblem: { at: SourcePosition; message: string; hint: string } | undefined = {
    at: at(0),
    message: 'the page has no METADATA comment',
    hint: 'add <!--METADATA {"title": "Page title"} --> as line 1',
  };
  let topic: Topic | undefined;
  let columnOpen = false;

  const warnRemoved = (where: SourcePosition, removed: string[]): void => {
    if (removed.length === 0) return;
    problems.warn(where, `removed ${[...new Set(removed)].join(', ')}`, REMOVED_HINT);
  };
  const addBlock = (map: [number, number], parts = [sourceOf(map)], joiner = '\n'): void => {
    if (!topic) return; // text before the first topic is page decoration (title, TOC)
    const cleaned = parts.map(cleanMarkdown);
    warnRemoved(at(map[0]), cleaned.flatMap((c) => c.removed));
    const kept = cleaned.map((c) => c.markdown).filter((part) => part.trim() !== '');
    if (kept.length > 0) topic.blocks.push({ parts: kept, joiner, besidePicture: columnOpen, at: at(map[0]) });
  };
  const addPicture = (picture: Picture, attributes: string): void => {
    const removed = hostileParts(attributes).filter((part) => part !== 'a style attribute');
    if (!isSafeUrl(picture.src, 'picture')) removed.push(`the picture ${picture.src} (pictures come from the picture folder)`);
    warnRemoved(picture.at, removed);
    if (topic && isSafeUrl(picture.src, 'picture')) topic.picture ??= picture;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const map = token.map;
    const end = closingIndex(tokens, i);

    if (token.type === 'hr') continue; // page decoration, not a slide break

    if (token.type === 'heading_open' && token.tag === 'h1') {
      const heading = cleanMarkdown(tokens[i + 1]!.content.trim());
      warnRemoved(at(map[0]), heading.removed);
      topic = { heading: heading.markdown.trim(), at: at(map[0]), blocks: [], notes: [] };
      page.topics.push(topic);
      columnOpen = false;
      i = end;
      continue;
    }

    if (token.type === 'paragraph_open') {
      const inline = tokens[i + 1]!;
      const content = inline.content.trim();
      const back = backLinkOf(inline);
      if (back !== undefined) {
        page.backLinks.push({ target: back, at: at(map[0]) });
      } else if (content === '[TOC]') {
        page.toc = true;
      } else if (topic && topic.timestamp === undefined && topic.blocks.length === 0 && isLinkOnly(inline)) {
        const timestamp = readTimestamp(inline, at(map[0]), problems);
        if (timestamp) topic.timestamp = timestamp;
        else addBlock(map);
      } else if (topic && isImageOnly(inline)) {
        const image = inline.children![0]!;
        addPicture({ src: String(image.attrGet('src') ?? ''), alt: image.content || undefined, column: false, at: at(map[0]) }, '');
      } else {
        addBlock(map);
      }
      i = end;
      continue;
    }

    if (token.type === 'html_block') {
      const html = token.content.trim();
      const metadata = METADATA.exec(html);
      const comment = COMMENT.exec(html);
      if (metadata) {
        if (map[0] !== 0) problems.warn(at(map[0]), 'METADATA is not on line 1', 'move the METADATA comment to the first line of the page');
        if (!metadataSeen) {
          const read = readTitle(metadata[1] ?? '');
          titleProblem = typeof read === 'string' ? undefined : { at: at(map[0]), ...read };
          if (typeof read === 'string') page.title = read;
          const lang = readLang(metadata[1] ?? '');
          if (lang === undefined) problems.warn(at(map[0]), 'METADATA "lang" is not a language tag', 'write it as a BCP 47 tag, such as "de", "ja" or "zh-TW"; the deck is "en" meanwhile');
          else page.lang = lang;
        }
        metadataSeen = true;
      } else if (comment) {
        const note = reflowNotes((comment[1] ?? '').trim());
        if (topic && note) topic.notes.push(note);
      } else if (CLEAR.test(html)) {
        columnOpen = false;
      } else if (IMG.test(html) && topic) {
        const source = IMG.exec(html)![1] ?? '';
        const attributes = parseAttributes(source);
        const column = /float\s*:\s*right/i.test(attributes.get('style') ?? '');
        addPicture({ src: attributes.get('src') ?? '', alt: attributes.get('alt'), column, at: at(map[0]) }, ` ${source}`);
        columnOpen = column && topic.picture !== undefined;
      } else if (!topic && BIG_TITLE.test(html)) {
        bigTitle = BIG_TITLE.exec(html)![1]!.replace(/<[^>]*>/g, '').trim() || undefined;
      } else {
        addBlock(map);
      }
      continue;
    }

    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const items = listItems(tokens, i, end).map((item) => sourceOf(item));
      // A loose list (blank lines between items) must stay loose when it is split and joined again.
      const loose = tokens.slice(i, end).some((t) => t.type === 'paragraph_open' && !t.hidden);
      addBlock(map, items, loose ? '\n\n' : '\n');
      i = end;
      continue;
    }

    addBlock(map);
    i = end;
  }

  if (titleProblem) {
    // Without a METADATA title, the big title paragraph or the first topic names the deck.
    const fallback = bigTitle ?? page.topics[0]?.heading;
    if (fallback) {
      page.title = fallback;
      problems.warn(titleProblem.at, `${titleProblem.message}; the deck is titled "${fallback}"`, titleProblem.hint);
    } else {
      page.title = page.name;
      problems.error(titleProblem.at, `${titleProblem.message}, and no title to use instead`, titleProblem.hint);
    }
  }
  if (page.toc && page.topics.length === 0) problems.warn(at(0), '[TOC] on a page without topics: there is no agenda to show', 'add # topics, or remove [TOC]');
  const seen = new Map<string, number>();
  for (const topic of page.topics) {
    const first = seen.get(topic.heading);
    if (first !== undefined) problems.warn(topic.at, `the topic "${topic.heading}" is already on line ${first}`, 'give each topic its own heading (the agenda links to each by its slide)');
    else seen.set(topic.heading, topic.at.line);
  }
  return { page, problems };
}

const REMOVED_HINT = 'raw HTML in notes passes only through an allowlist: no scripts, event handlers, styles, remote pictures, or links other than https (see the README)';

/**
 * A block's Markdown with what the allowlist refuses taken out: raw HTML is cleaned, pictures from
 * elsewhere and links other than https, mailto, `#N` or a relative path are removed (a link keeps its
 * text). Code is left alone: HTML in a code span or block is text.
 */
export function cleanMarkdown(source: string): { markdown: string; removed: string[] } {
  const removed: string[] = [];
  let result = source;
  const replace = (from: string, to: string): void => {
    if (result.includes(from)) result = result.replace(from, to);
    else result = '';
  };
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'html_block') {
      const cleaned = cleanHtml(token.content.trimEnd());
      if (cleaned.removed.length > 0) replace(token.content.trimEnd(), cleaned.html);
      removed.push(...cleaned.removed);
    }
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline') {
        const cleaned = cleanHtml(child.content);
        if (cleaned.removed.length > 0) replace(child.content, cleaned.html);
        removed.push(...cleaned.removed);
      } else if (child.type === 'image' && !isSafeUrl(String(child.attrGet('src') ?? ''), 'picture')) {
        const src = String(child.attrGet('src'));
        result = result.replace(new RegExp(`!\\[[^\\]]*\\]\\(\\s*<?${escapeRegExp(src)}[^)]*\\)`), '');
        removed.push(`the picture ${src} (pictures come from the picture folder)`);
      } else if (child.type === 'link_open' && !isSafeUrl(String(child.attrGet('href') ?? ''), 'link')) {
        const href = String(child.attrGet('href'));
        result = result.replace(new RegExp(`\\[([^\\]]*)\\]\\(\\s*<?${escapeRegExp(href)}[^)]*\\)`), '$1');
        removed.push(`the link to ${href}`);
      }
    }
  }
  // markdown-it never makes a link of a javascript:, vbscript:, file: or data: target: it stays as
  // text. Keep the link's text only.
  result = result.replace(/\[([^\]]*)\]\(\s*<?\s*(javascript|vbscript|file|data):(?:[^()]|\([^()]*\))*\)/gi, (_, text: string, scheme: string) => {
    removed.push(`a ${scheme.toLowerCase()}: link`);
    return text;
  });
  return { markdown: result, removed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Index of the token that closes the block opened at `i` (itself for single tokens). */
function closingIndex(tokens: Token[], i: number): number {
  const open = tokens[i]!;
  if (open.nesting !== 1) return i;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    depth += tokens[j]!.nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

/** The source lines of each item of the list that opens at `open` and closes at `close`. */
function listItems(tokens: Token[], open: number, close: number): [number, number][] {
  const level = tokens[open]!.level + 1;
  return tokens
    .slice(open, close)
    .filter((t) => t.type === 'list_item_open' && t.level === level && t.map)
    .map((t) => t.map as [number, number]);
}

/** `[[BACK](target)]`: the target, else undefined. */
function backLinkOf(inline: Token): string | undefined {
  const c = inline.children ?? [];
  const texts = c.map((t) => (t.type === 'text' ? t.content : t.type)).join('');
  if (texts !== '[link_openBACKlink_close]') return undefined;
  return String(c.find((t) => t.type === 'link_open')?.attrGet('href') ?? '');
}

function isLinkOnly(inline: Token): boolean {
  const c = inline.children ?? [];
  return c.length === 3 && c[0]!.type === 'link_open' && c[1]!.type === 'text' && c[2]!.type === 'link_close';
}

function isImageOnly(inline: Token): boolean {
  const c = inline.children ?? [];
  return c.length === 1 && c[0]!.type === 'image';
}

/** The METADATA title, or what is wrong with it. */
function readTitle(json: string): string | { message: string; hint: string } {
  let metadata: unknown;
  try {
    metadata = JSON.parse(json);
  } catch {
    return { message: 'METADATA is not valid JSON', hint: 'write it as <!--METADATA {"title": "Page title"} --> (names and texts in double quotes)' };
  }
  const title = (metadata as { title?: unknown } | null)?.title;
  if (typeof title !== 'string' || title.trim() === '') return { message: 'METADATA has no "title"', hint: 'add "title": "Page title" to the METADATA JSON' };
  return title.trim();
}

/** The METADATA language: `en` when it names none, undefined when it is not a language tag. */
function readLang(json: string): string | undefined {
  let lang: unknown;
  try {
    lang = (JSON.parse(json) as { lang?: unknown } | null)?.lang;
  } catch {
    return 'en';
  }
  if (lang === undefined) return 'en';
  return typeof lang === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang) ? lang : undefined;
}

/** The topic's first paragraph, when it is a video link: its label must be the time `t` says. */
function readTimestamp(inline: Token, at: SourcePosition, problems: Problems): Timestamp | undefined {
  const link = inline.children![0]!;
  const label = inline.children![1]!.content.trim();
  const video = parseVideoLink(String(link.attrGet('href') ?? ''));
  if (!video) return undefined;
  const seconds = parseTimeLabel(label);
  if (seconds === undefined) {
    problems.error(at, `timestamp label "${label}" is not a time`, 'write it as H:MM:SS (minutes and seconds below 60)');
    return undefined;
  }
  if (video.t === undefined) {
    problems.error(at, `timestamp ${label} has no ?t= in its link`, `add ?t=${seconds} to the link`);
    return undefined;
  }
  const t = parseTimeParameter(video.t);
  if (t === undefined) {
    problems.error(at, `timestamp link has t=${video.t}, which is not a time`, `write t=${seconds} (seconds)`);
    return undefined;
  }
  if (t !== seconds) {
    problems.error(at, `timestamp label ${label} is ${seconds} s but its link says t=${video.t} (${formatTimeLabel(t)})`, 'correct whichever of the two is wrong, so both name the same second');
    return undefined;
  }
  return { label: formatTimeLabel(seconds), seconds, videoId: video.videoId, at };
}
