// Footnotes (`text[^1]` and `[^1]: the note`, read by markdown-it-footnote): each topic that refers to
// one shows it at the bottom of its slide, numbered in the order the page first refers to them. No I/O.
import type { Token } from 'markdown-it';
import { dedent } from '../markdown.ts';

export interface Footnote {
  label: string;
  number: number;
  /** Its text as Markdown, on one paragraph. */
  markdown: string;
  /** Its definition's first line (0-based). */
  line: number;
}

/** The footnotes the page defines, by label: markdown-it-footnote gathers them after the page's blocks. */
export function pageFootnotes(tokens: Token[], lines: string[]): Map<string, Footnote> {
  const footnotes = new Map<string, Footnote>();
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'footnote_open') continue;
    const meta = open.meta as { id: number; label?: string };
    const maps: [number, number][] = [];
    for (let j = i + 1; j < tokens.length && tokens[j]!.type !== 'footnote_close'; j++) if (tokens[j]!.map) maps.push(tokens[j]!.map as [number, number]);
    if (meta.label === undefined || maps.length === 0) continue;
    const [first, last] = [maps[0]![0], Math.max(...maps.map((m) => m[1]))];
    const text = dedent(lines.slice(first, last).map((line, k) => (k === 0 ? line.replace(/^\s*\[\^[^\]]+\]:\s*/, '') : line)));
    footnotes.set(meta.label, { label: meta.label, number: meta.id + 1, markdown: text.join('\n').trim(), line: first });
  }
  return footnotes;
}

/** The footnotes of a slide: small, at its bottom (the theme puts them there). */
export function footnotesBlock(footnotes: Footnote[]): string {
  const notes = [...footnotes].sort((a, b) => a.number - b.number).map((note) => `<sup>${note.number}</sup> ${note.markdown}`);
  return `<div class="footnotes">\n\n${notes.join('\n\n')}\n\n</div>`;
}
