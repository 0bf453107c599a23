// Call-out boxes: Python-Markdown's admonitions (`!!! tip "Title"`, and `???` collapsible ones, shown
// open), GitHub's alerts (`> [!NOTE]`) and `<details>` (shown open, its summary the title), written as
// Markdown inside a `<div class="callout KIND">`: HTML Marp's default allowlist keeps, so stock Marp
// shows them as the build does. No I/O.
import type { Token } from 'markdown-it';
import { closingIndex, dedent, parseNotes } from '../markdown.ts';

/** The theme's five call-out styles, by admonition type (Python-Markdown's and GitHub's names). */
const STYLES: Record<string, string> = {
  note: 'note', info: 'note', todo: 'note', abstract: 'note', summary: 'note', tldr: 'note', seealso: 'note', important: 'note',
  tip: 'tip', hint: 'tip', success: 'tip', check: 'tip', done: 'tip',
  warning: 'warning', caution: 'warning', attention: 'warning', question: 'warning', help: 'warning', faq: 'warning',
  danger: 'danger', error: 'danger', bug: 'danger', failure: 'danger', fail: 'danger', missing: 'danger',
  example: 'example', snippet: 'example', quote: 'example', cite: 'example', details: 'example',
};

const ALERT = /^\s*>\s?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i;

/** Rewrites the inline constructs of a piece of Markdown (tasks, marks, footnote references). */
export type InlineRewrite = (markdown: string) => string;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** A call-out box: its title as text, its body as Markdown (the blank lines let Marp read it so). */
export function callout(kind: string, title: string, body: string): string {
  const heading = title ? `\n<p class="callout-title">${escapeHtml(title)}</p>` : '';
  return `<div class="callout ${STYLES[kind.toLowerCase()] ?? 'note'}">${heading}\n\n${body.trim()}\n\n</div>`;
}

/**
 * The call-out that starts at token `i` (level 0) and the index of its last token, or undefined when
 * the token starts none. `lines` are the source lines the tokens were parsed from.
 */
export function calloutAt(tokens: Token[], i: number, lines: string[], inline: InlineRewrite): { markdown: string; end: number; lines: [number, number] } | undefined {
  const token = tokens[i]!;
  const map = token.map;
  if (!map) return undefined;
  if (token.type === 'admonition_open') {
    const end = closingIndex(tokens, i);
    const kind = token.meta as unknown as string;
    const title = token.content === '""' ? '' : token.content.replace(/^"(.*)"$/, '$1').trim() || capitalize(kind);
    const body = dedent(lines.slice(map[0] + 1, map[1])).join('\n');
    return { markdown: callout(kind, title, convertBody(body, inline)), end, lines: [map[0], map[1]] };
  }
  if (token.type === 'blockquote_open' && ALERT.test(lines[map[0]] ?? '')) {
    const kind = ALERT.exec(lines[map[0]]!)![1]!;
    const body = lines.slice(map[0] + 1, map[1]).map((line) => line.replace(/^\s*>\s?/, '')).join('\n');
    return { markdown: callout(kind, capitalize(kind), convertBody(body, inline)), end: closingIndex(tokens, i), lines: [map[0], map[1]] };
  }
  if (token.type === 'html_block' && /^\s*<details[\s>]/i.test(token.content)) {
    const end = detailsEnd(tokens, i);
    const last = tokens[end]!.map?.[1] ?? map[1];
    const source = lines.slice(map[0], last).join('\n');
    const title = /<summary[^>]*>([\s\S]*?)<\/summary>/i.exec(source)?.[1]?.replace(/<[^>]*>/g, '').trim() ?? 'Details';
    const body = source
      .replace(/^\s*<details[^>]*>/i, '')
      .replace(/<summary[^>]*>[\s\S]*?<\/summary>/i, '')
      .replace(/<\/details>\s*$/i, '');
    return { markdown: callout('details', title, convertBody(body, inline)), end, lines: [map[0], last] };
  }
  return undefined;
}

/** The html_block that closes the `<details>` opened at `i` (details may nest). */
function detailsEnd(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const token = tokens[j]!;
    if (token.level !== 0 || token.type !== 'html_block') continue;
    depth += (token.content.match(/<details[\s>]/gi) ?? []).length - (token.content.match(/<\/details>/gi) ?? []).length;
    if (depth <= 0) return j;
  }
  return tokens.length - 1;
}

/** A call-out's body: its own call-outs converted too, its other blocks as written with their inline constructs. */
export function convertBody(source: string, inline: InlineRewrite): string {
  const lines = source.split('\n');
  const tokens = parseNotes(source);
  const blocks: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const box = calloutAt(tokens, i, lines, inline);
    if (box) {
      blocks.push(box.markdown);
      i = box.end;
      continue;
    }
    blocks.push(inline(lines.slice(token.map[0], token.map[1]).join('\n').trimEnd()));
    i = closingIndex(tokens, i);
  }
  return blocks.join('\n\n');
}
