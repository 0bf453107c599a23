// Parse a notes page (markdown-it tokens) into a page model with source positions. No I/O.
import { Problems, type SourcePosition } from '../problems.ts';
import { calloutAt } from './constructs/callouts.ts';
import { footnotesBlock, pageFootnotes } from './constructs/footnotes.ts';
import { rewriteFootnoteReferences, rewriteMarks, rewriteTasks } from './constructs/inline.ts';
import { unknownConstruct } from './constructs/unknown.ts';
import { closingIndex, listItems, parseNotes, type NotesEnv } from './markdown.ts';
import { decodePageText } from './page-file.ts';
import { pageName, type Page, type Topic } from './page-model.ts';
import { backLinkOf, finish, isImageOnly, isLinkOnly, offsetAt, readLang, readTimestamp, readTitle, type Timestamp, type TitleProblem } from './page-parts.ts';
import { drawnPicture, imgPicture, picturesIn, type Picture } from './pictures-in-page.ts';
import { cleanHeading, cleanMarkdown } from './clean-markdown.ts';
import { hostileParts, isSafeUrl } from './raw-html.ts';
import { reflowNotes } from './reflow.ts';

export type { Picture, Timestamp };
export type { BackLink, ContentBlock, Page, Topic } from './page-model.ts';
export { pageName, pagePictures } from './page-model.ts';
export { parseAttributes } from './pictures-in-page.ts';
export { decodePageText };

export interface ParsedPage {
  page: Page;
  problems: Problems;
}


const COMMENT = /^<!--([\s\S]*?)-->\s*$/;
const METADATA = /^<!--\s*METADATA\s+([\s\S]*?)-->\s*$/;
const CLEAR = /^<p\s+style\s*=\s*"[^"]*clear\s*:\s*both[^"]*"\s*>\s*<\/p>\s*$/i;
const BIG_TITLE = /^<p\s+style\s*=\s*"[^"]*"\s*>([\s\S]*?)<\/p>\s*$/i;
/** One `<img>` or more, alone in their HTML block (floated pictures are often written one a line). */
const IMGS = /^(?:\s*<img\s[^>]*?\/?>)+\s*$/i;

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
  const env: NotesEnv = {};
  const tokens = parseNotes(text, env);
  const at = (line: number, col = 1): SourcePosition => ({ file, line: line + 1, col });
  const sourceOf = (map: [number, number]): string => lines.slice(map[0], map[1]).join('\n').trimEnd();

  const page: Page = { file, name: pageName(file), title: '', lang: 'en', backLinks: [], toc: false, notes: [], topics: [], text };
  let bigTitle: string | undefined;
  let metadataSeen = false;
  let titleProblem: TitleProblem | undefined = {
    at: at(0),
    message: 'the page has no METADATA comment',
    hint: 'add <!--METADATA {"title": "Page title"} --> as line 1',
  };
  let topic: Topic | undefined;
  let columnOpen = false;
  const footnotes = pageFootnotes(tokens, lines);
  const numbers = new Map([...footnotes].map(([label, note]) => [label, note.number]));
  const referenced = new Map<Topic, Set<string>>();
  const inline = (part: string): string =>
    rewriteFootnoteReferences(rewriteMarks(rewriteTasks(part)), numbers, (label) => {
      if (topic) referenced.set(topic, (referenced.get(topic) ?? new Set()).add(label));
    });

  const warnRemoved = (where: SourcePosition, removed: string[]): void => {
    if (removed.length === 0) return;
    problems.warn(where, `removed ${[...new Set(removed)].join(', ')}`, REMOVED_HINT);
  };
  /** `starts`: the line each part starts on (a list's items), else the block's. */
  const addBlock = (map: [number, number], parts = [sourceOf(map)], joiner = '\n', starts?: number[]): void => {
    if (!topic) return; // text before the first topic is page decoration (title, TOC)
    const cleaned = parts.map((part) => cleanMarkdown(inline(part)));
    warnRemoved(at(map[0]), cleaned.flatMap((c) => c.removed));
    const pictures = cleaned.flatMap((c, k) => picturesIn(c.markdown, at(starts?.[k] ?? map[0])));
    const kept = cleaned.map((c) => c.markdown).filter((part) => part.trim() !== '');
    if (kept.length > 0) topic.blocks.push({ parts: kept, joiner, besidePicture: columnOpen, at: at(map[0]), pictures });
  };
  const addPicture = (picture: Picture, attributes: string): void => {
    const removed = hostileParts(attributes).filter((part) => part !== 'a style attribute');
    if (!isSafeUrl(picture.src, 'picture')) removed.push(`the picture ${picture.src} (pictures come from the picture folder)`);
    warnRemoved(picture.at, removed);
    if (!topic || !isSafeUrl(picture.src, 'picture')) return;
    if (picture.column) topic.column.push(picture);
    else topic.blocks.push({ parts: [], joiner: '\n', besidePicture: columnOpen, at: picture.at, pictures: [], figure: picture });
    columnOpen ||= picture.column;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const map = token.map;
    const end = closingIndex(tokens, i);

    if (token.type === 'hr') continue; // page decoration, not a slide break

    if (token.type === 'heading_open' && token.tag === 'h1') {
      const heading = cleanHeading(tokens[i + 1]!.content.trim());
      warnRemoved(at(map[0]), heading.removed);
      topic = { heading: heading.markdown.trim(), at: at(map[0]), column: [], blocks: [], notes: [] };
      page.topics.push(topic);
      columnOpen = false;
      i = end;
      continue;
    }

    const box = calloutAt(tokens, i, lines, inline);
    if (box) {
      addBlock(box.lines, [box.markdown]);
      i = box.end;
      continue;
    }

    if (token.type === 'paragraph_open') {
      const inlineToken = tokens[i + 1]!;
      const content = inlineToken.content.trim();
      const back = backLinkOf(inlineToken);
      if (back !== undefined) {
        page.backLinks.push({ target: back, at: at(map[0]) });
      } else if (content === '[TOC]') {
        page.toc = true;
      } else if (topic && topic.timestamp === undefined && topic.blocks.length === 0 && isLinkOnly(inlineToken)) {
        const timestamp = readTimestamp(inlineToken, at(map[0]), problems);
        if (timestamp) topic.timestamp = timestamp;
        else addBlock(map);
      } else if (topic && isImageOnly(inlineToken)) {
        const image = inlineToken.children![0]!;
        addPicture({ src: String(image.attrGet('src') ?? ''), alt: image.content || undefined, column: false, at: at(map[0]) }, '');
      } else {
        const unknown = unknownConstruct(lines[map[0]] ?? '');
        if (unknown) problems.warn(at(map[0]), `${unknown} is not part of the notes format: the slide shows its text as written`, 'see the README for the constructs the notes format knows');
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
          titleProblem = typeof read === 'string' ? undefined : { ...read, at: read.offset === undefined ? at(map[0]) : offsetAt(html, html.indexOf(metadata[1] ?? '') + read.offset, at(map[0])) };
          if (typeof read === 'string') page.title = read;
          const lang = readLang(metadata[1] ?? '');
          if (lang === undefined) problems.warn(at(map[0]), 'METADATA "lang" is not a language tag', 'write it as a BCP 47 tag, such as "de", "ja" or "zh-TW"; the deck is "en" meanwhile');
          else page.lang = lang;
        }
        metadataSeen = true;
      } else if (comment) {
        const note = reflowNotes((comment[1] ?? '').trim());
        // A comment is a presenter note of the topic above it; before the first, of the title slide.
        if (note) (topic ?? page).notes.push(note);
      } else if (CLEAR.test(html)) {
        columnOpen = false;
      } else if (IMGS.test(html) && topic) {
        for (const [, source = ''] of html.matchAll(/<img\s([^>]*?)\/?>/gi)) addPicture(imgPicture(source, at(map[0])), ` ${source}`);
      } else if (!topic && BIG_TITLE.test(html)) {
        bigTitle = BIG_TITLE.exec(html)![1]!.replace(/<[^>]*>/g, '').trim() || undefined;
      } else {
        addBlock(map);
      }
      continue;
    }

    const drawn = token.type === 'fence' ? drawnPicture(token, at(map[0] + 1)) : undefined;
    if (drawn) {
      addPicture(drawn, '');
      continue;
    }

    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const items = listItems(tokens, i, end);
      // A loose list (blank lines between items) must stay loose when it is split and joined again.
      const loose = tokens.slice(i, end).some((t) => t.type === 'paragraph_open' && !t.hidden);
      addBlock(map, items.map(sourceOf), loose ? '\n\n' : '\n', items.map((item) => item[0]));
      i = end;
      continue;
    }

    addBlock(map);
    i = end;
  }

  for (const [owner, labels] of referenced) {
    const notes = [...labels].map((label) => footnotes.get(label)!);
    const cleaned = cleanMarkdown(footnotesBlock(notes.map((note) => ({ ...note, markdown: inline(note.markdown) }))));
    owner.blocks.push({ parts: [cleaned.markdown], joiner: '\n', besidePicture: false, at: at(notes[0]!.line), pictures: picturesIn(cleaned.markdown, at(notes[0]!.line)) });
  }
  // markdown-it-footnote keeps only the footnotes referred to; the others are left out.
  const shownNotes = new Set([...referenced.values()].flatMap((labels) => [...labels]));
  for (const [key, id] of Object.entries(env.footnotes?.refs ?? {})) {
    const label = key.slice(1);
    if (shownNotes.has(label)) continue;
    const line = footnotes.get(label)?.line ?? Math.max(0, lines.findIndex((l) => l.trimStart().startsWith(`[^${label}]:`)));
    const why = id < 0 ? 'is referred to nowhere' : 'is referred to by no topic';
    problems.warn(at(line), `the footnote [^${label}] ${why}: it is left out`, `refer to it as [^${label}] in a topic's text, or remove it`);
  }
  finish(page, problems, at(0), titleProblem, bigTitle);
  return { page, problems };
}

const REMOVED_HINT = 'raw HTML in notes passes only through an allowlist: no scripts, event handlers, styles, remote pictures, or links other than https (see the README)';
