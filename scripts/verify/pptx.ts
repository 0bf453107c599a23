// The PowerPoint beside a deck (`NAME.pptx`), opened as the zip it is: a slide per slide of the deck,
// each slide's presenter notes in its notes slide, and over each timestamp chip and BACK a link area
// (a shape with a hyperlink) to where the chip leads — a deck's PowerPoint for a deck — placed on the
// chip's box as the HTML deck shows it.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { fault, type Fault } from './fault.ts';
import type { SlideFacts } from './checks.ts';

/** A chip's box on its slide, in CSS pixels of the 1280×720 slide. */
export interface ChipBox {
  slide: number;
  href: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Runs in the deck's page, slide `number` shown: the boxes of its timestamp chips and BACK links. */
export function chipBoxes(number: number): ChipBox[] {
  const svg = document.querySelectorAll('svg[data-marpit-svg]')[number - 1];
  const section = svg?.querySelector(':scope > foreignObject > section');
  if (!svg || !section) return [];
  // The section is the slide as shown: the deck scales it to the window, beside its controls' room.
  const frame = section.getBoundingClientRect();
  const scale = 1280 / frame.width;
  return [...svg.querySelectorAll('a.timestamp, a.back')].map((a) => {
    const box = a.getBoundingClientRect();
    return { slide: number, href: a.getAttribute('href') ?? '', x: (box.left - frame.left) * scale, y: (box.top - frame.top) * scale, width: box.width * scale, height: box.height * scale };
  });
}

/** English Metric Units a CSS pixel of the slide: PowerPoint's 16:9 slide is 10 in wide, 914,400 EMU an inch. */
const EMU_PER_PIXEL = (10 * 914400) / 1280;

export interface PptxCheck {
  file: string;
  path: string;
  slides: SlideFacts[];
  chips: ChipBox[];
  /** Whether the folder holds this file: a deck's link leads to its PowerPoint when there is one. */
  exists: (path: string) => boolean;
}

const bare = (text: string) => text.replace(/\s+/g, '');
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A relationship file's targets by id. */
function relationships(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/\bId="([^"]+)"/.exec(m[0])?.[1] ?? '', decode(/\bTarget="([^"]*)"/.exec(m[0])?.[1] ?? '')]));
}

/** The link areas of a slide: each shape with a hyperlink, its target and its box in slide pixels. */
function linkAreas(xml: string, rels: Map<string, string>) {
  return [...xml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)].flatMap(([shape]) => {
    const id = /<a:hlinkClick\b[^>]*\br:id="([^"]+)"/.exec(shape)?.[1];
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(shape);
    const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(shape);
    if (!id || !off || !ext) return [];
    const [x, y, w, h] = [off[1], off[2], ext[1], ext[2]].map((n) => Number(n) / EMU_PER_PIXEL) as [number, number, number, number];
    return [{ target: rels.get(id) ?? '', x, y, w, h }];
  });
}

export async function pptxFaults({ file, path, slides, chips, exists }: PptxCheck): Promise<Fault[]> {
  const faults: Fault[] = [];
  const zip = await JSZip.loadAsync(await readFile(path));
  const count = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
  if (count !== slides.length) faults.push(fault(file, 'pptx', `${count} slides for the deck's ${slides.length}`));
  for (const slide of slides) {
    const xml = await zip.file(`ppt/slides/slide${slide.number}.xml`)?.async('string');
    if (xml === undefined) continue;
    const rels = relationships((await zip.file(`ppt/slides/_rels/slide${slide.number}.xml.rels`)?.async('string')) ?? '');
    if (slide.notes) {
      const notesFile = [...rels.values()].find((target) => target.includes('notesSlide'))?.replace(/^\.\.\//, 'ppt/');
      const notes = notesFile ? ((await zip.file(notesFile)?.async('string')) ?? '') : '';
      const text = [...notes.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)).join('');
      if (!bare(text).includes(bare(slide.notes))) faults.push(fault(file, 'pptx', "the slide's presenter notes are not in its PowerPoint notes", slide));
    }
    const areas = linkAreas(xml, rels);
    for (const chip of chips.filter((c) => c.slide === slide.number)) {
      const deck = /^([\w.-]+)\.html$/.exec(chip.href)?.[1];
      const target = deck !== undefined && exists(`${deck}.pptx`) ? `${deck}.pptx` : chip.href;
      const [cx, cy] = [chip.x + chip.width / 2, chip.y + chip.height / 2];
      const covered = areas.some((a) => a.target === target && cx >= a.x && cx <= a.x + a.w && cy >= a.y && cy <= a.y + a.h);
      if (!covered) faults.push(fault(file, 'pptx', `no link area to ${target} over the chip at (${Math.round(chip.x)}, ${Math.round(chip.y)})`, slide));
    }
  }
  return faults;
}
