// The pictures a notes page shows: `![alt](pict/x.png)` and `<img>` wherever they stand (floated into
// the picture column, alone in the flow, inside a list item or a call-out), and diagrams written in the
// page (```dot, ```mermaid). No I/O.
import type { Token } from 'markdown-it';
import type { SourcePosition } from '../problems.ts';
import { parseNotes } from './markdown.ts';

export interface Picture {
  /** As written in the notes, relative to the published page (`pict/x.png`); empty for a drawn one. */
  src: string;
  alt?: string | undefined;
  /** `float: right` in the notes: a right-hand column beside the text. */
  column: boolean;
  at: SourcePosition;
  /** A diagram written in the page, drawn by the build. */
  drawn?: { language: 'dot' | 'mermaid'; code: string };
}

export const DIAGRAM_LANGUAGES = ['dot', 'mermaid'] as const;
const IMG_TAG = /<img\s([^>]*?)\/?>/gi;

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

/** The picture of an `<img …>` tag's attributes: in the column when it floats right. */
export function imgPicture(attributesSource: string, at: SourcePosition): Picture {
  const attributes = parseAttributes(attributesSource);
  const column = /float\s*:\s*right/i.test(attributes.get('style') ?? '');
  return { src: attributes.get('src') ?? '', alt: attributes.get('alt'), column, at };
}

/** Every picture a block of Markdown shows inline (in a paragraph, list item, call-out), in order. */
export function picturesIn(markdown: string, at: SourcePosition): Picture[] {
  if (!/!\[|<img/i.test(markdown)) return [];
  const pictures: Picture[] = [];
  const visit = (token: Token, line: number): void => {
    const where = { ...at, line: at.line + line };
    if (token.type === 'image') pictures.push({ src: String(token.attrGet('src') ?? ''), alt: token.content || undefined, column: false, at: where });
    if (token.type === 'html_inline' || token.type === 'html_block') {
      for (const match of token.content.matchAll(IMG_TAG)) pictures.push({ ...imgPicture(match[1] ?? '', where), column: false });
    }
    for (const child of token.children ?? []) visit(child, line);
  };
  for (const token of parseNotes(markdown)) visit(token, token.map?.[0] ?? 0);
  return pictures;
}

/** A ```dot or ```mermaid block as the diagram it draws; its alt text from a `// alt:` (`%% alt:`) line. */
export function drawnPicture(fence: Token, at: SourcePosition): Picture | undefined {
  const language = fence.info.trim().split(/\s+/)[0]?.toLowerCase();
  if (language !== 'dot' && language !== 'mermaid') return undefined;
  const alt = /^\s*(?:\/\/|%%)\s*alt:\s*(.+?)\s*$/m.exec(fence.content)?.[1];
  return { src: '', alt, column: false, at, drawn: { language, code: fence.content } };
}
