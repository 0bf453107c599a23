// The build checks itself: every word of a notes page's text must be on a slide or in the presenter
// notes of its deck. Both are read as markdown-it reads them — the page with the notes format's
// constructs, the deck as Marp does (CommonMark, raw HTML, at most 20 levels of nesting) — and a word
// of the page the deck lacks is named with its line. No I/O.
import MarkdownIt, { type Token } from 'markdown-it';
import { closingIndex, parseNotes } from '../notes/markdown.ts';

export interface WordGap {
  /** The page's line (1-based) the words are on. */
  line: number;
  words: string[];
}

/** Reads Marp Markdown as Marp does: marp-core's markdown-it has CommonMark's limit of 20 nested levels. */
const marpMarkdown = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);

const WORD = /[\p{L}\p{N}]+/gu;
/** Text no slide shows on purpose: the METADATA comment (the deck's title), `[TOC]`, the big title paragraph. */
const DECORATION = /^\s*(<!--\s*METADATA[\s\S]*|\[TOC\]\s*|<p\s+style\s*=[^>]*>[\s\S]*<\/p>\s*)$/i;

function normal(word: string): string {
  const lower = word.normalize('NFKC').toLowerCase();
  return /^\d+$/.test(lower) ? String(Number(lower)) : lower;
}

/** The text raw HTML shows or says: text between tags, comments (presenter notes), alt text. */
function htmlText(html: string): string {
  const alts = [...html.matchAll(/\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2] ?? '');
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--([\s\S]*?)-->/g, ' $1 ')
    .replace(/<[^>]*>/g, ' ');
  return [text, ...alts].join(' ');
}

/** Each piece of text of the tokens with the line it is on (0-based, that of its block). */
function texts(tokens: Token[], skip: (token: Token) => boolean): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  let line = 0;
  const visit = (token: Token): void => {
    if (token.map) line = token.map[0];
    if (token.type === 'text' || token.type === 'code_inline' || token.type === 'code_block' || token.type === 'fence') found.push({ text: token.content, line });
    else if (token.type === 'image') found.push({ text: token.content, line });
    else if (token.type === 'html_block' || token.type === 'html_inline') found.push({ text: htmlText(token.content), line });
    if (token.type !== 'image') for (const child of token.children ?? []) visit(child);
  };
  for (let i = 0; i < tokens.length; i++) {
    // A block skipped is skipped whole: its inline content and nested blocks follow it in the list.
    if (skip(tokens[i]!)) i = closingIndex(tokens, i);
    else visit(tokens[i]!);
  }
  return found;
}

/** The words of the page's text the deck's Marp Markdown does not show, grouped by line. */
export function wordsLeftOut(pageText: string, deckMarkdown: string): WordGap[] {
  const shown = new Map<string, number>();
  for (const { text } of texts(marpMarkdown.parse(deckMarkdown, {}), () => false)) {
    for (const [word] of text.matchAll(WORD)) shown.set(normal(word), (shown.get(normal(word)) ?? 0) + 1);
  }
  const lines = pageText.split('\n');
  const skip = (token: Token): boolean =>
    // A diagram written in the page is shown as its picture; page decoration is shown otherwise.
    (token.type === 'fence' && /^(dot|mermaid)\b/i.test(token.info.trim())) ||
    (token.level === 0 && token.map !== null && DECORATION.test(lines.slice(token.map[0], token.map[1]).join('\n'))) ||
    token.type === 'footnote_ref';
  const gaps: WordGap[] = [];
  for (const { text, line } of texts(parseNotes(pageText), skip)) {
    // A task's box, `[x]`, is drawn, not written.
    for (const [word] of text.replace(/^\[[ xX]\](?=\s|$)/, '').matchAll(WORD)) {
      const left = shown.get(normal(word)) ?? 0;
      if (left > 0) {
        shown.set(normal(word), left - 1);
        continue;
      }
      const last = gaps[gaps.length - 1];
      if (last?.line === line + 1) last.words.push(word);
      else gaps.push({ line: line + 1, words: [word] });
    }
  }
  return gaps;
}
