// Emit a deck as Marp Markdown. The output uses only HTML that Marp's default allowlist keeps
// (`a`, `div`, `p` with class, href, target, rel), so stock `marp` and the VS Code extension render it.
import type { AgendaSlide, Block, Deck, Link, Part, Slide, TitleSlide, TopicSlide } from './deck.ts';

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

/** A comment's text cannot contain `--` (it would end the comment, or be invalid HTML). */
function comment(text: string): string {
  return `<!--\n${text.replace(/--+/g, (m) => m.split('').join('\u200b'))}\n-->`;
}

function anchor(link: Link, className: string, external: boolean): string {
  const target = external ? ' target="_blank" rel="noopener"' : '';
  return `<a class="${className}" href="${escapeAttribute(link.href)}" title="${escapeAttribute(link.title)}"${target}>${escapeHtml(link.label)}</a>`;
}

function titleSlide(slide: TitleSlide): string[] {
  const parts = ['<!-- _class: title -->', '<!-- _paginate: false -->', '<!-- _footer: "" -->', `# ${escapeText(slide.heading)}`];
  if (slide.chapter) parts.push(`<p class="chapter">${escapeHtml(slide.chapter)}</p>`);
  parts.push(`<p class="course">${escapeHtml(slide.course)}</p>`);
  const links = [slide.timestamp && anchor(slide.timestamp, 'timestamp', true), slide.back && anchor(slide.back, 'back', false), slide.next && anchor(slide.next, 'next', false)];
  const present = links.filter(Boolean);
  if (present.length > 0) parts.push(`<p class="links">${present.join(' ')}</p>`);
  return parts;
}

function heading(text: string, part: Part | undefined): string {
  return part ? `# ${text} (${part.index}/${part.count})` : `# ${text}`;
}

function blockMarkdown(block: Block): string {
  return block.parts.join(block.joiner);
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
  const column = slide.picture?.column === true;
  const classes = ['topic', column ? 'has-picture' : '', slide.timestamp ? 'has-timestamp' : '', slide.denseCode ? `dense-code-${slide.denseCode}` : ''];
  const parts = [`<!-- _class: ${classes.filter(Boolean).join(' ')} -->`, heading(slide.heading, slide.part)];
  if (slide.timestamp) parts.push(`<p class="timestamp">${anchor(slide.timestamp, 'timestamp', true)}</p>`);
  const image = slide.picture ? `![${slide.picture.alt.replace(/[[\]]/g, '\\$&')}](${slide.picture.src})` : undefined;
  if (column) {
    // Markdown inside HTML blocks needs the blank lines around it.
    parts.push('<div class="columns">\n<div class="text">', ...slide.beside.map(blockMarkdown), '</div>\n<div class="picture">', image!, '</div>\n</div>');
    parts.push(...slide.below.map(blockMarkdown));
  } else {
    parts.push(...slide.beside.map(blockMarkdown));
    if (image) parts.push(`<div class="picture">\n\n${image}\n\n</div>`);
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
