// What a block of a topic is (code, table, paragraph, list, subheading), read from its Markdown, and the
// units a slide may be cut between: a code block's lines, a table's rows, a paragraph's sentences, a
// list's items. Each piece of a cut block is a whole block again: a code piece has the fence and the
// language, a table piece the header row. No I/O.
import MarkdownIt from 'markdown-it';
import type { Block } from './deck.ts';

const markdown = new MarkdownIt({ html: true });

/** Highlights code as the deck's Marp does (its HTML, `<span>`s of highlight.js), '' for no language. */
export type Highlight = (code: string, lang: string) => Promise<string>;

/** What a block is, which decides where it may be cut and what a piece of it looks like. */
export type BlockKind = 'code' | 'table' | 'paragraph' | 'list' | 'subheading' | 'other';

export function blockKind(block: Block): BlockKind {
  if (block.kind) return block.kind;
  const tokens = markdown.parse(block.parts.join(block.joiner), {});
  const first = tokens[0];
  const top = tokens.filter((t) => t.level === 0 && t.nesting !== -1);
  if (!first || top.length !== 1) return block.parts.length > 1 ? 'list' : 'other';
  if (first.type === 'fence') return 'code';
  if (first.type === 'table_open') return 'table';
  if (first.type === 'paragraph_open') return 'paragraph';
  if (first.type === 'bullet_list_open' || first.type === 'ordered_list_open') return 'list';
  if (first.type === 'heading_open') return 'subheading';
  return 'other';
}

/**
 * The block cut into its finest units (`parts`), with what each piece repeats (`open`, `close`) and
 * where a piece may end (`cuts`). A block that cannot be cut is returned as it is.
 */
export async function unitsOf(block: Block, highlight: Highlight | undefined): Promise<Block> {
  const kind = blockKind(block);
  if (block.kind) return block;
  const source = block.parts.join(block.joiner);
  if (kind === 'code') return codeUnits(block, source, highlight);
  if (kind === 'table') return tableUnits(block, source);
  if (kind === 'paragraph') return { ...block, kind, parts: sentences(source), joiner: '' };
  return { ...block, kind };
}

/** How good a cut before each part is: -1 avoided (inside a multi-line string), 0 plain, 1 a natural place. */
export type CutQuality = -1 | 0 | 1;

async function codeUnits(block: Block, source: string, highlight: Highlight | undefined): Promise<Block> {
  const lines = source.split('\n');
  const open = lines[0]!;
  const fence = /^\s*(`{3,}|~{3,})/.exec(open)![1]!;
  const closed = lines.length > 1 && new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[lines.length - 1]!);
  const body = lines.slice(1, closed ? -1 : undefined);
  const close = closed ? lines[lines.length - 1]! : fence;
  if (body.length < 2) return { ...block, kind: 'code' };
  const lang = open.slice(open.indexOf(fence) + fence.length).trim().split(/\s+/)[0] ?? '';
  const neutral = highlight && lang ? neutralLines(await highlight(`${body.join('\n')}\n`, lang)) : undefined;
  const indents = body.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)![0].length);
  const outermost = Math.min(...indents);
  const cuts = body.map((line, i): CutQuality => {
    if (i === 0) return 0;
    // Cut only where highlight.js has no span open across the line break: each piece, highlighted
    // alone, then has the colours it has in the whole block (a multi-line string stays one string).
    if (neutral && !neutral[i]) return -1;
    const previous = body[i - 1]!;
    // A YAML document separator starts the next piece rather than ending this one.
    const separator = /^---\s*$/;
    const natural = line.trim() === '' || previous.trim() === '' || separator.test(line) || (/^\s*/.exec(line)![0].length === outermost && !separator.test(previous));
    return natural ? 1 : 0;
  });
  return { ...block, kind: 'code', parts: body, joiner: '\n', open, close, cuts };
}

/**
 * For each line of highlighted code: whether no highlight.js span is open where it starts (a span that
 * closes right at the start of the line, as a YAML block scalar's does, ends before it).
 */
export function neutralLines(html: string): boolean[] {
  let depth = 0;
  return html.split('\n').map((line) => {
    const closing = /^(<\/span>)*/.exec(line)![0].length / '</span>'.length;
    const neutral = depth - closing <= 0;
    for (const tag of line.match(/<span\b|<\/span>/g) ?? []) depth += tag === '</span>' ? -1 : 1;
    return neutral;
  });
}

function tableUnits(block: Block, source: string): Block {
  const lines = source.split('\n');
  // The header and the delimiter row head every piece; the body rows are the units.
  const rows = lines.slice(2);
  if (rows.length < 2) return { ...block, kind: 'table' };
  return { ...block, kind: 'table', parts: rows, joiner: '\n', open: lines.slice(0, 2).join('\n') };
}

/**
 * A paragraph's sentences, each with the space after it, so joined they give the paragraph. A cut is
 * made only after `.`, `!` or `?` outside code spans and links, before a sentence that starts with a
 * letter, digit or quote and would not start another block (a list item, a heading) on its own.
 */
export function sentences(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let code = false;
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') code = !code;
    else if (!code && (c === '[' || c === '(')) brackets++;
    else if (!code && (c === ']' || c === ')')) brackets = Math.max(0, brackets - 1);
    if (code || brackets > 0 || !/[.!?]/.test(c)) continue;
    const after = /^[.!?"'”’)]*(\s+)(?=["'“‘]?[\p{Lu}\p{N}])/u.exec(text.slice(i + 1));
    if (!after) continue;
    const end = i + 1 + after[0].length;
    const next = text.slice(end);
    if (/^(\d+[.)]\s|[-+*#>|]\s?)/.test(next)) continue;
    parts.push(text.slice(start, end));
    start = end;
    i = end - 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** The Markdown of a block, or of a piece of it: the parts with what every piece of the block repeats. */
export function blockSource(block: Block): string {
  const body = block.parts.join(block.joiner);
  return [block.open, body, block.close].filter((part) => part !== undefined).join('\n');
}

/**
 * An estimate of the height a unit takes on a slide, in pixels at the theme's sizes (prose 25px at
 * 1.38, code 20px at 1.35, about 90 code or 75 prose characters a line): only to share units out
 * evenly between pieces, which are then measured.
 */
export function unitWeight(block: Block, part: number): number {
  const text = block.parts[part] ?? '';
  const lines = (length: number, perLine: number) => Math.max(1, Math.ceil(length / perLine));
  switch (block.kind) {
    case 'code':
      return text.split('\n').reduce((sum, line) => sum + 27 * lines(line.length, 90), 0);
    case 'table': {
      const cells = text.split('|').filter((cell) => cell.trim() !== '');
      return 16 + 34.5 * Math.max(1, ...cells.map((cell) => lines(cell.trim().length, 75 / Math.max(1, cells.length))));
    }
    case 'paragraph':
      return (34.5 * text.length) / 75;
    case 'subheading':
      return 60;
    default:
      return 12 + text.split('\n').reduce((sum, line) => sum + 34.5 * lines(line.length, 75), 0);
  }
}
