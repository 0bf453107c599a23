// The handout of a deck: a learner's printable copy, each slide as Marp rendered it, scaled, beside its
// presenter notes, up to three a page (A4 or US Letter, portrait), a header with the course and the
// chapter, page numbers, and the title slide's details on the first page. It is laid out in the print
// page that has just printed the deck's PDF — the slides, their fonts and pictures are there already —
// by moving the slides into sheets (`layOutHandout`, run in the page), then printed once more.
// What runs in the page is plain DOM work; no I/O here.
import type { Deck } from '../deck/deck.ts';
import { fontStacks } from './font-plan.ts';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** Slides a handout page holds. */
export const SLIDES_PER_PAGE = 3;

/** The paper's size, for Chromium's print options and the sheets. */
export const PAPER_SIZE: Record<Paper, { width: string; height: string }> = {
  a4: { width: '210mm', height: '297mm' },
  letter: { width: '8.5in', height: '11in' },
};

export function handoutPageCount(slides: number, perPage = SLIDES_PER_PAGE): number {
  return Math.ceil(slides / perPage);
}

export interface HandoutLink {
  href: string;
  label: string;
  title: string;
}

/** What the handout says besides the slides, from the deck's title slide. */
export interface HandoutDetails {
  /** The deck's title. */
  heading: string;
  /** `Chapter 13: Deploying Stateful Apps with StatefulSet`, when the page is a chapter of the course. */
  chapter?: string;
  /** The course and its author. */
  course: string;
  links: HandoutLink[];
}

/** The handout's details from the deck's title slide. */
export function handoutDetails(deck: Deck): HandoutDetails {
  const title = deck.slides.find((slide) => slide.kind === 'title');
  if (!title) return { heading: deck.title, course: deck.footer, links: [] };
  const links = [title.timestamp, title.back].filter((link) => link !== undefined);
  return { heading: title.heading, ...(title.chapter ? { chapter: title.chapter } : {}), course: title.course, links };
}

export interface HandoutInput {
  paper: Paper;
  perPage: number;
  details: HandoutDetails;
  /** Each slide's presenter notes, paragraphs separated by a blank line ('' for none). */
  notes: string[];
}

/** Where the layout put each slide: its page (from 0) and how far down it, in CSS pixels. */
export interface HandoutPlace {
  page: number;
  top: number;
}

/** Marp scopes the deck's CSS to the slides of its container (`div#:$p > svg`): in a handout, a slide is in a row. */
const MARP_CONTAINER = 'div#\\:\\$p > svg';

/**
 * The handout's CSS, after the deck's: the deck's own, scoped to the slides in their rows, then sheets
 * of the paper's size, each a print page. Its text (the deck's title, chapter, links and notes) is
 * drawn with the deck's fonts, never a font of the machine: on a machine without fonts, Chromium's
 * browser process aborts when asked for a font of the machine for a character the page's fonts lack.
 */
export function handoutCss(paper: Paper, deckCss: string): string {
  const { width, height } = PAPER_SIZE[paper];
  return `${deckCss.replaceAll(MARP_CONTAINER, '.handout .slide > svg')}
@page { size: ${width} ${height}; margin: 0; }
html, body { background: #fff; }
body > .handout { font-family: ${fontStacks('en').sans}; color: #1e293b; }
.handout .sheet { width: ${width}; height: calc(${height} - 0.5mm); box-sizing: border-box; padding: 10mm 13mm 8mm; display: flex; flex-direction: column; overflow: hidden; break-after: page; }
.handout .sheet:last-child { break-after: auto; }
.handout .sheet > header, .handout .sheet > footer { display: flex; justify-content: space-between; gap: 6mm; font-size: 8pt; color: #475569; }
.handout .sheet > header { border-bottom: 0.3mm solid #cbd5e1; padding-bottom: 1.5mm; margin-bottom: 3mm; }
.handout .sheet > footer { border-top: 0.3mm solid #cbd5e1; padding-top: 1.5mm; margin-top: 2mm; }
.handout .details { margin-bottom: 3mm; }
.handout .details h1 { font-size: 18pt; margin: 0 0 1mm; color: #0f172a; }
.handout .details p { margin: 0 0 1mm; font-size: 10pt; }
.handout .details a { color: #1d4ed8; font-weight: 700; text-decoration: none; margin-right: 5mm; }
.handout .rows { flex: 1 1 0; display: flex; flex-direction: column; gap: 4mm; min-height: 0; }
.handout .row { flex: 1 1 0; display: flex; gap: 5mm; min-height: 0; }
.handout .slide { flex: 0 0 60%; display: flex; align-items: flex-start; min-height: 0; }
.handout .slide svg[data-marpit-svg] { display: block; width: 100% !important; height: auto !important; max-height: 100%; outline: 0.3mm solid #94a3b8; }
.handout .notes { flex: 1 1 0; min-width: 0; font-size: 9pt; line-height: 1.35; overflow: hidden; }
.handout .notes p { margin: 0 0 1.6mm; white-space: pre-line; }
.handout .notes p.number { font-size: 7.5pt; font-weight: 700; color: #475569; text-transform: uppercase; letter-spacing: 0.04em; }
.handout .notes p.none { color: #64748b; font-style: italic; }
`;
}

/**
 * Runs in the print page, whose body holds the deck's slides as Marp rendered them: moves each slide
 * into a row of a sheet beside its notes, the notes made smaller (down to 7pt) where they would not fit
 * their row. Returns each slide's place. Self-contained: it is sent to the page as its source.
 */
export async function layOutHandout(input: HandoutInput): Promise<HandoutPlace[]> {
  const svgs = [...document.querySelectorAll('svg[data-marpit-svg]')];
  const element = (tag: string, className: string, text?: string) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };
  const pages = Math.max(1, Math.ceil(svgs.length / input.perPage));
  const handout = element('div', 'handout');
  const sheets: HTMLElement[] = [];
  for (let n = 0; n < pages; n++) {
    const sheet = element('section', 'sheet');
    sheet.setAttribute('aria-label', `Page ${n + 1}`);
    const header = element('header', '');
    header.append(element('span', '', input.details.chapter ?? input.details.heading), element('span', '', input.details.course));
    sheet.append(header);
    if (n === 0) {
      const details = element('div', 'details');
      details.append(element('h1', '', input.details.heading));
      if (input.details.chapter) details.append(element('p', '', input.details.chapter));
      details.append(element('p', '', input.details.course));
      if (input.details.links.length > 0) {
        const links = element('p', 'links');
        for (const link of input.details.links) {
          const a = element('a', '', link.label) as HTMLAnchorElement;
          a.href = link.href;
          a.title = link.title;
          links.append(a);
        }
        details.append(links);
      }
      sheet.append(details);
    }
    const rows = element('div', 'rows');
    for (let r = 0; r < input.perPage; r++) {
      const i = n * input.perPage + r;
      const row = element('div', 'row');
      if (i < svgs.length) {
        const slide = element('div', 'slide');
        slide.append(svgs[i]!);
        const notes = element('div', 'notes');
        notes.append(element('p', 'number', `Slide ${i + 1}`));
        const paragraphs = (input.notes[i] ?? '').split(/\n\s*\n/).filter((p) => p.trim() !== '');
        if (paragraphs.length === 0) notes.append(element('p', 'none', 'No presenter notes.'));
        for (const paragraph of paragraphs) notes.append(element('p', '', paragraph));
        row.append(slide, notes);
      }
      rows.append(row);
    }
    sheet.append(rows);
    const footer = element('footer', '');
    footer.append(element('span', '', input.details.heading), element('span', '', `Page ${n + 1} of ${pages}`));
    sheet.append(footer);
    sheets.push(sheet);
  }
  handout.append(...sheets);
  document.body.replaceChildren(handout);
  await document.fonts.ready;
  // Notes longer than their row get smaller type, half a point at a time.
  for (const notes of document.querySelectorAll<HTMLElement>('.handout .notes')) {
    for (let size = 9; notes.scrollHeight > notes.clientHeight + 1 && size > 7; ) {
      size -= 0.5;
      notes.style.fontSize = `${size}pt`;
    }
  }
  return svgs.map((svg, i) => {
    const sheet = sheets[Math.floor(i / input.perPage)]!;
    return { page: Math.floor(i / input.perPage), top: Math.max(0, svg.getBoundingClientRect().top - sheet.getBoundingClientRect().top - 8) };
  });
}
