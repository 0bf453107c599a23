// The PDF beside a deck (`NAME.pdf` next to `NAME.html`): a page per slide holding its heading, safe
// links (never file:, external ones https or a sibling X.pdf/X.html), internal links that land on a
// page, and an outline entry for every slide heading.
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { fault, type Fault, type SlidePlace } from './fault.ts';

export interface PdfOptions {
  /** The PDF's file name in the folder (`statefulsets.pdf`). */
  file: string;
  path: string;
  /** The deck's slides, from its HTML. */
  slides: SlidePlace[];
  /** Whether the folder holds this file (relative path). */
  exists: (path: string) => boolean;
  /** The PDF is older than its HTML deck (a build with --no-pdf since): said with a page-count fault. */
  stale?: boolean;
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

const flatten = (nodes: OutlineNode[]): string[] => nodes.flatMap((n) => [n.title, ...flatten(n.items)]);
/**
 * Text compared without its whitespace (pdf.js may split or join words differently from the HTML) and
 * its invisible characters (an emoji's variation selector is not text of the PDF).
 */
export const bare = (text: string) => text.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');

interface LinkAnnotation {
  subtype: string;
  url?: string;
  unsafeUrl?: string;
  dest?: unknown;
}

export function externalLinkProblem(raw: string, exists: (path: string) => boolean): string | undefined {
  if (/^file:/i.test(raw)) return `link to ${raw} points at the build machine (file:)`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'https' || scheme === 'mailto') return undefined;
  if (scheme) return `link to ${raw} is ${scheme}:, not https:`;
  const path = raw.replace(/[?#].*$/, '');
  if (!/\.(pdf|html)$/i.test(path)) return `relative link to ${raw} is neither a .pdf nor an .html beside it`;
  return exists(decodeURIComponent(path)) ? undefined : `link to ${raw}: ${path} is not in the folder`;
}

export async function pdfFaults({ file, path, slides, exists, stale = false }: PdfOptions): Promise<Fault[]> {
  const faults: Fault[] = [];
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(path)));
  try {
    if (pdf.numPages !== slides.length) {
      const hint = stale ? ' (the PDF is older than the HTML deck: rebuild with PDFs)' : '';
      faults.push(fault(file, 'pdf', `${pdf.numPages} pages for ${slides.length} slides${hint}`));
    }
    const { text } = await extractText(pdf, { mergePages: false });
    slides.forEach((slide, i) => {
      const page = text[i];
      if (page !== undefined && slide.heading && !bare(page).includes(bare(slide.heading))) {
        faults.push(fault(file, 'pdf', `page ${i + 1} does not hold the slide's heading`, slide));
      }
    });

    for (let n = 1; n <= pdf.numPages; n++) {
      const place = slides[n - 1];
      const annotations = (await (await pdf.getPage(n)).getAnnotations()) as LinkAnnotation[];
      for (const link of annotations.filter((a) => a.subtype === 'Link')) {
        const raw = link.unsafeUrl ?? link.url;
        if (raw !== undefined) {
          const problem = externalLinkProblem(raw, exists);
          if (problem) faults.push(fault(file, 'pdf', problem, place));
        } else if (link.dest !== undefined && !(await landsOnPage(pdf, link.dest))) {
          faults.push(fault(file, 'pdf', `internal link ${JSON.stringify(link.dest)} leads to no page`, place));
        }
      }
    }

    const outline = new Set(flatten(((await pdf.getOutline()) ?? []) as OutlineNode[]).map(bare));
    for (const slide of slides) {
      if (slide.heading && !outline.has(bare(slide.heading))) faults.push(fault(file, 'pdf', 'no outline entry for the slide heading', slide));
    }
  } finally {
    await pdf.destroy();
  }
  return faults;
}

type Pdf = Awaited<ReturnType<typeof getDocumentProxy>>;

async function landsOnPage(pdf: Pdf, dest: unknown): Promise<boolean> {
  try {
    const explicit: unknown = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return false;
    const target: unknown = explicit[0];
    if (typeof target === 'number') return target >= 0 && target < pdf.numPages;
    const index = await pdf.getPageIndex(target as Parameters<Pdf['getPageIndex']>[0]);
    return index >= 0 && index < pdf.numPages;
  } catch {
    return false;
  }
}
