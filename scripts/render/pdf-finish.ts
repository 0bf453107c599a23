// What a printed deck needs before it is published, in one pass over the PDF (no file I/O):
// - links: Chrome writes a relative link as the absolute URL of the page it printed
//   (`http://deck.invalid/volumes.html`); in the published PDF a link to another deck opens that deck's
//   PDF beside this one (`volumes.pdf`), any other relative link stays relative;
// - presenter notes: a PDF note (a Text annotation, the reader's sticky note) in the top-left corner of
//   each page whose slide has notes;
// - outline: an entry a page, titled with its slide's heading, for the reader's sidebar (Chrome's own
//   outline joins a heading's wrapped lines without their space);
// - metadata: the deck's title and the course's author.
import type { PDFDocument as Document, PDFRef } from 'pdf-lib';
import { requireFromProject } from '../project.ts';

// Required, not imported: imported, node reads pdf-lib's CommonJS files once more for their names
// (each module it re-exports), ~60 ms of a build that prints.
const { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFString, ParseSpeeds } = requireFromProject('pdf-lib') as typeof import('pdf-lib');
type PDFDocument = Document;

export interface FinishOptions {
  /** The URL the deck was printed at: its folder is what relative links were resolved against. */
  printedAt: string;
  /** Decks that have a PDF: their `.html` links point to the `.pdf`. */
  pdfDecks: ReadonlySet<string>;
  /** The presenter notes of each page ('' for none); none for a handout, which prints them. */
  notes?: readonly string[];
  /** The heading of each page's slide ('' for none: the page gets no outline entry). */
  headings?: readonly string[];
  /** Outline entries placed on their page (a handout's: several slides a page), instead of `headings`. */
  outline?: readonly OutlineEntry[];
  /** What a link to another deck's PDF ends with: `.pdf`, or `-handout.pdf` between handouts. */
  pdfSuffix?: string;
  title: string;
  author?: string;
}

export interface OutlineEntry {
  title: string;
  /** The page's index, from 0. */
  page: number;
  /** How far down the page the entry opens, in CSS pixels from its top (0: the page's top). */
  top?: number;
}

/** The relative link an absolute one stands for, when it points into the deck's folder; else undefined. */
export function publishedLink(url: string, printedAt: string, pdfDecks: ReadonlySet<string>, pdfSuffix = '.pdf'): string | undefined {
  const folder = new URL('.', printedAt).href;
  if (!url.startsWith(folder)) return undefined;
  const relative = url.slice(folder.length);
  const deck = /^([\w.-]+)\.html$/.exec(relative)?.[1];
  if (deck !== undefined && pdfDecks.has(decodeURIComponent(deck))) return `${deck}${pdfSuffix}`;
  return relative;
}

function relativizeLinks(document: PDFDocument, options: FinishOptions): void {
  for (const page of document.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    for (let i = 0; i < annotations.size(); i++) {
      const action = annotations.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText();
      const link = uri === undefined ? undefined : publishedLink(uri, options.printedAt, options.pdfDecks, options.pdfSuffix);
      if (action && link !== undefined) action.set(PDFName.of('URI'), PDFString.of(link));
    }
  }
}

function addNotes(document: PDFDocument, options: FinishOptions): void {
  const pages = document.getPages();
  (options.notes ?? []).forEach((note, i) => {
    const page = pages[i];
    if (!page || note.trim() === '') return;
    const { height } = page.getSize();
    const annotation = document.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [0, height - 20, 20, height],
      Contents: PDFHexString.fromText(note),
      ...(options.author ? { T: PDFHexString.fromText(options.author) } : {}),
      Name: 'Note',
      Open: false,
    });
    page.node.addAnnot(document.context.register(annotation));
  });
}

/** A CSS pixel in PDF points. */
const POINTS_PER_PIXEL = 0.75;

function addOutline(document: PDFDocument, outline: readonly OutlineEntry[]): void {
  const pages = document.getPages();
  const entries = outline.flatMap(({ title, page, top = 0 }) => {
    const at = pages[page];
    return title !== '' && at ? [{ title, page: at.ref, y: at.getHeight() - top * POINTS_PER_PIXEL }] : [];
  });
  if (entries.length === 0) return;
  const { context } = document;
  const outlineRef = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach(({ title, page, y }, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(title),
      Parent: outlineRef,
      // From the entry's place (a slide page: its top-left corner), at the reader's zoom.
      Dest: [page, 'XYZ', 0, y, PDFNull],
      ...(i > 0 ? { Prev: refs[i - 1] } : {}),
      ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
    });
    context.assign(refs[i]!, item);
  });
  context.assign(outlineRef, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: refs.length }));
  document.catalog.set(PDFName.of('Outlines'), outlineRef);
}

export async function finishPdf(pdf: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  // Read and written without pausing every 100 and 50 objects for a timer (pdf-lib's defaults, which
  // keep a page's thread responsive): each pause is a millisecond at least, and a deck's PDF has
  // hundreds of objects. Its load and save took half the time (a PDF of the course, 5 runs each).
  const document = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  relativizeLinks(document, options);
  addNotes(document, options);
  addOutline(document, options.outline ?? (options.headings ?? []).map((title, page) => ({ title, page })));
  document.setTitle(options.title, { showInWindowTitleBar: true });
  document.setCreator('k8s-course-decks (Marp, Chromium)');
  if (options.author) document.setAuthor(options.author);
  return document.save({ updateFieldAppearances: false, objectsPerTick: Infinity });
}
