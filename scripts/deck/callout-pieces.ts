// A call-out box (an admonition, a GitHub alert, `<details>`) longer than a slide continues like any
// block: fitting reads the box's Markdown back into the blocks inside it (paragraphs, lists, code,
// tables, boxes nested in it), each marked with the boxes it stands in, and cuts between and inside
// them as it cuts any block. Each piece is a whole box again, of the same kind and title; a piece that
// goes on from the previous slide says "(continued)" after its title, and a torn edge (as a cut code
// block has) marks where the box was cut. No I/O.
import MarkdownIt from 'markdown-it';
import type { Block, CalloutFrame } from './deck.ts';
import { closingIndex, listItems } from '../notes/markdown.ts';

const markdown = new MarkdownIt({ html: true });

/** A call-out as the notes stage writes it (constructs/callouts.ts): its style, its title line, its body. */
const BOX = /^<div class="callout ([\w-]+)">(?:\n(<p class="callout-title">[\s\S]*?<\/p>))?\n\n([\s\S]*)\n\n<\/div>$/;

/** The blocks inside a call-out block, each knowing the boxes around it; undefined for any other block. */
export function calloutBlocks(block: Block): Block[] | undefined {
  if (block.kind || block.parts.length !== 1) return undefined;
  const inner = boxBlocks(block.parts[0]!, block, [], `${block.at.line}:${block.at.col}`);
  return inner && inner.length > 0 ? inner : undefined;
}

function boxBlocks(source: string, block: Block, around: CalloutFrame[], id: string): Block[] | undefined {
  const box = BOX.exec(source);
  if (!box || box[3]!.trim() === '') return undefined;
  const frames = [...around, { id, style: box[1]!, title: box[2] ?? '' }];
  return bodyBlocks(box[3]!, block, frames);
}

/** How many `<div>`s an HTML block leaves open (a nested box's closing `</div>` is a block of its own). */
function openDivs(html: string): number {
  return (html.match(/<div\b/gi) ?? []).length - (html.match(/<\/div>/gi) ?? []).length;
}

function bodyBlocks(body: string, block: Block, frames: CalloutFrame[]): Block[] {
  const lines = body.split('\n');
  const tokens = markdown.parse(body, {});
  const blocks: Block[] = [];
  const plain = (parts: string[], joiner: string): Block => ({ parts, joiner, at: block.at, callout: frames });
  let nested = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    let end = closingIndex(tokens, i);
    if (token.type === 'html_block') {
      // An element written over several blocks (a nested box, a `<div>` of the notes) stays one block.
      for (let depth = openDivs(token.content); depth > 0 && end < tokens.length - 1; ) {
        end++;
        if (tokens[end]!.level === 0 && tokens[end]!.type === 'html_block') depth += openDivs(tokens[end]!.content);
      }
    }
    const last = Math.max(...tokens.slice(i, end + 1).map((t) => t.map?.[1] ?? 0));
    const source = lines.slice(token.map[0], last).join('\n').trimEnd();
    if (token.type === 'html_block') {
      const id = `${frames[frames.length - 1]!.id}.${nested++}`;
      blocks.push(...(boxBlocks(source, block, frames, id) ?? [plain([source], '\n')]));
    } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const items = listItems(tokens, i, end);
      // A loose list (blank lines between items) stays loose when it is cut and joined again.
      const loose = tokens.slice(i, end).some((t) => t.type === 'paragraph_open' && !t.hidden);
      blocks.push(plain(items.map((item) => lines.slice(item[0], item[1]).join('\n').trimEnd()), loose ? '\n\n' : '\n'));
    } else {
      blocks.push(plain([source], '\n'));
    }
    i = end;
  }
  return blocks;
}

/** The boxes a piece of a topic shows: its blocks grouped by the call-outs they stand in, each group a box. */
export function boxedMarkdown(blocks: Block[], blockMarkdown: (block: Block) => string, depth = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < blocks.length; ) {
    const frame = blocks[i]!.callout?.[depth];
    if (!frame) {
      out.push(blockMarkdown(blocks[i]!));
      i++;
      continue;
    }
    let j = i;
    while (j < blocks.length && blocks[j]!.callout?.[depth]?.id === frame.id) j++;
    out.push(boxMarkdown(frame, boxedMarkdown(blocks.slice(i, j), blockMarkdown, depth + 1)));
    i = j;
  }
  return out;
}

function boxMarkdown(frame: CalloutFrame, inner: string[]): string {
  const classes = ['callout', frame.style, frame.continued ? 'continued' : '', frame.continues ? 'continues' : ''].filter(Boolean).join(' ');
  const title = frame.continued ? frame.title.replace(/<\/p>$/, ' (continued)</p>') : frame.title;
  return `<div class="${classes}">${title ? `\n${title}` : ''}\n\n${inner.join('\n\n')}\n\n</div>`;
}
