// The markdown-it that reads notes pages: CommonMark with raw HTML, Python-Markdown's admonitions
// (markdown-it-admon) and footnotes (markdown-it-footnote). No I/O.
import MarkdownIt, { type Token } from 'markdown-it';
import admonitions from 'markdown-it-admon';
import footnotes from 'markdown-it-footnote';

const notes = new MarkdownIt({ html: true }).use(admonitions).use(footnotes);

/**
 * `???` and `???+` (Python-Markdown's collapsible admonitions: a slide shows them open) read as `!!!`,
 * so every line stays where the notes have it. (markdown-it-admon wants the body indented as far as
 * the type word: `???+` becomes `!!!`, not `!!!!`.)
 */
export function openCollapsibles(text: string): string {
  return text.replace(/^( *)\?\?\?\+?(?= )/gm, '$1!!!');
}

/** What markdown-it-footnote leaves in the environment: each footnote label's id, -1 for one never referred to. */
// A type, not an interface: markdown-it's environment is any object with string keys.
export type NotesEnv = { footnotes?: { refs?: Record<string, number> } };

export function parseNotes(text: string, env: NotesEnv = {}): Token[] {
  return notes.parse(openCollapsibles(text), env);
}

/** Index of the token that closes the block opened at `i` (itself for single tokens). */
export function closingIndex(tokens: Token[], i: number): number {
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
export function listItems(tokens: Token[], open: number, close: number): [number, number][] {
  const level = tokens[open]!.level + 1;
  return tokens
    .slice(open, close)
    .filter((t) => t.type === 'list_item_open' && t.level === level && t.map)
    .map((t) => t.map as [number, number]);
}

/** Lines without the indent they share (an admonition's body, a footnote's continuation). */
export function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(Math.min(common, /^ */.exec(line)![0].length)));
}
