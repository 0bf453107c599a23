// Emit a deck as Marp Markdown. The output uses only HTML that Marp's default allowlist keeps
// (`a`, `div`, `p` with class, href, target, rel), so stock `marp` and the VS Code extension render it.
import { requireFromProject } from '../project.ts';
import type { AgendaSlide, Block, Deck, Link, Part, Slide, TitleSlide, TopicSlide } from './deck.ts';
import { pictureMarkdown } from './deck-pictures.ts';
import { blockSource } from './blocks.ts';
import { boxedMarkdown } from './callout-pieces.ts';

export const THEME_NAME = 'course';
/** The settings every deck has: with them, Marp compiles the theme every deck is shown with. */
const deckSettings = (lang: string) => ['marp: true', `theme: ${THEME_NAME}`, `lang: ${lang}`, 'size: 16:9'];
/** A deck of no slides with the settings every deck has (the theme and its size). */
export const SETTINGS_ONLY = `---\n${deckSettings('en').join('\n')}\n---\n`;

/** Escapes text (a title from METADATA is text, never markup) for Markdown and inline HTML. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => {
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    if (c === '&') return '&amp;';
    return `\\${c}`;
  });
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeHtml(text: string): string {
  return escapeAttribute(text);
}

/**
 * A line Marp could read as YAML structure: a `key:` (Marp takes a comment that is a YAML mapping as
 * directives: `footer: …`, `theme: …`, `_class: …`), a flow mapping, a list, a document marker.
 */
const YAML_LIKE = /:|^\s*[-?{[&*!%|>'"@`#]/;

/** Whether Marp would take the comment as directives: Marpit's own YAML reading has a key that names one. */
function readAsDirectives(text: string): boolean {
  const { yaml } = requireFromProject('@marp-team/marpit/lib/markdown/directives/yaml.js') as { yaml: (text: string, loose: boolean) => unknown };
  const { default: marpit } = requireFromProject('@marp-team/marpit/lib/markdown/directives/directives.js') as { default: string[] };
  // marp-core reads comments as loose YAML (looseYAML: true) and adds directives of its own.
  const parsed = yaml(text, true);
  if (typeof parsed !== 'object' || parsed === null) return false;
  const names = new Set([...marpit, 'size', 'math', 'marp', 'title', 'description', 'author', 'keywords', 'url', 'image', 'lang']);
  return Object.keys(parsed).some((key) => names.has(key.replace(/^_/, '')));
}

/**
 * A presenter note as a comment Marp shows as the note and never takes as a directive. Dashes before a
 * `>` would end the comment (Marp ends one at `-->`, `--->`…): a zero-width space goes between them.
 * Other dashes stay as written, so `kubectl get pods --all-namespaces` copies from the presenter view,
 * the handout and the PowerPoint's notes as a command that runs. A note Marp would read as directives
 * gets a zero-width space before each line that could be YAML: no key of it is then a directive's
 * name, and the note reads the same.
 */
export function comment(text: string): string {
  let safe = text.replace(/(--+)>/g, '$1\u200b>');
  const lines = safe.split('\n');
  if (lines.some((line) => YAML_LIKE.test(line)) && readAsDirectives(safe)) {
    safe = lines.map((line) => (YAML_LIKE.test(line) ? `\u200b${line}` : line)).join('\n');
  }
  return `<!--\n${safe}\n-->`;
}

/** A note as written, from the comment Marp read (`comment` above): without the spaces it put in. */
export function noteText(read: string): string {
  return read.replace(/^\u200b/gm, '').replace(/(--+)\u200b>/g, '$1>');
}

function anchor(link: Link, className: string, external: boolean): string {
  const target = external ? ' target="_blank" rel="noopener"' : '';
  return `<a class="${className}" href="${escapeAttribute(link.href)}" title="${escapeAttribute(link.title)}"${target}>${escapeHtml(link.label)}</a>`;
}

function titleSlide(slide: TitleSlide): string[] {
  const parts = [`<!-- _class: title${slide.longTitle ? ` long-title-${slide.longTitle}` : ''} -->`, '<!-- _paginate: false -->', '<!-- _footer: "" -->', `# ${escapeText(slide.heading)}`];
  if (slide.chapter) parts.push(`<p class="chapter">${escapeHtml(slide.chapter)}</p>`);
  parts.push(`<p class="course">${escapeHtml(slide.course)}</p>`);
  const links = [slide.timestamp && anchor(slide.timestamp, 'timestamp', true), slide.back && anchor(slide.back, 'back', false), slide.next && anchor(slide.next, 'next', false)];
  const present = links.filter(Boolean);
  if (present.length > 0) parts.push(`<p class="links">${present.join(' ')}</p>`);
  parts.push(...(slide.notes ?? []).map(comment));
  return parts;
}

function heading(text: string, part: Part | undefined): string {
  return part ? `# ${text} (${part.index}/${part.count})` : `# ${text}`;
}

/**
 * A block, or the piece of it a slide shows. A piece of a code block that goes on from the previous
 * slide or on to the next stands in a `div` whose class draws the cut's quiet mark (a torn edge, see
 * the theme): the mark is no text, so the code copies as written.
 */
function blockMarkdown(block: Block): string {
  const source = blockSource(block);
  const cut = [block.continued ? 'continued' : '', block.continues ? 'continues' : ''].filter(Boolean);
  return cut.length > 0 ? `<div class="code-piece ${cut.join(' ')}">\n\n${source}\n\n</div>` : source;
}

/** Slide numbers of each topic's first slide, for the agenda's links. */
function firstSlides(slides: Slide[]): Map<number, number> {
  const first = new Map<number, number>();
  slides.forEach((slide, i) => {
    if (slide.kind === 'topic' && !first.has(slide.topic)) first.set(slide.topic, i + 1);
  });
  return first;
}

function agendaSlide(slide: AgendaSlide, first: Map<number, number>): string[] {
  // An ordered list keeps counting on a continuation slide: it starts at its first item's number.
  const start = (slide.items[0]?.topic ?? 0) + 1;
  const items = slide.items.map((item, i) => `${start + i}. [${item.label}](#${first.get(item.topic)})`);
  return ['<!-- _class: agenda -->', heading(slide.heading, slide.part), items.join('\n')];
}

function topicSlide(slide: TopicSlide): string[] {
  const column = (slide.column ?? []).length > 0;
  const classes = ['topic', column ? 'has-picture' : '', slide.timestamp ? 'has-timestamp' : '', slide.denseCode ? `dense-${slide.denseCode}` : '', slide.wrapTables ? 'wrap-tables' : '', slide.longHeading ? `long-heading-${slide.longHeading}` : ''];
  const parts = [`<!-- _class: ${classes.filter(Boolean).join(' ')} -->`, heading(slide.heading, slide.part)];
  if (slide.timestamp) parts.push(`<p class="timestamp">${anchor(slide.timestamp, 'timestamp', true)}</p>`);
  if (column) {
    // Markdown inside HTML blocks needs the blank lines around it.
    const pictures = slide.column!.map(pictureMarkdown);
    parts.push('<div class="columns">\n<div class="text">', ...boxedMarkdown(slide.beside, blockMarkdown), '</div>\n<div class="picture">', ...pictures, '</div>\n</div>');
    parts.push(...boxedMarkdown(slide.below, blockMarkdown));
  } else {
    parts.push(...boxedMarkdown([...slide.beside, ...slide.below], blockMarkdown));
  }
  // BACK and NEXT share the bottom row (p.back-bottom: in the padding, outside what fitting measures).
  const bottom = [slide.back && anchor(slide.back, 'back', false), slide.next && anchor(slide.next, 'next', false)].filter(Boolean);
  if (bottom.length > 0) parts.push(`<p class="back-bottom">${bottom.join(' ')}</p>`);
  parts.push(...slide.notes.map(comment));
  return parts;
}

function slideMarkdown(slide: Slide, first: Map<number, number>): string {
  const parts = slide.kind === 'title' ? titleSlide(slide) : slide.kind === 'agenda' ? agendaSlide(slide, first) : topicSlide(slide);
  return parts.join('\n\n');
}

export function emitMarpMarkdown(deck: Deck): string {
  const frontMatter = [
    '---',
    ...deckSettings(deck.lang),
    `title: ${JSON.stringify(deck.title)}`,
    'paginate: true',
    `footer: ${JSON.stringify(escapeText(deck.footer))}`,
    '---',
  ].join('\n');
  const first = firstSlides(deck.slides);
  return `${frontMatter}\n\n${deck.slides.map((slide) => slideMarkdown(slide, first)).join('\n\n---\n\n')}\n`;
}
