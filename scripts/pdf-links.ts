// Chrome writes every relative link of a printed page as an absolute `file:///…` URL of the build
// machine. In the published PDF, a link to another deck must open that deck's PDF beside this one:
// rewrite those URLs back to relative ones (`volumes.html` → `volumes.pdf`). No file I/O.
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';

export interface PdfLinkOptions {
  /** The folder the deck's relative links were resolved against (the Marp Markdown's folder). */
  baseDir: string;
  /** Decks that have a PDF: their `.html` links point to the `.pdf`. */
  pdfDecks: ReadonlySet<string>;
}

/** The relative link a `file:` URL stands for, as the published PDF should have it. */
export function publishedLink(fileUrl: string, options: PdfLinkOptions): string {
  const url = new URL(fileUrl);
  const hash = url.hash;
  url.hash = '';
  const path = relative(options.baseDir, fileURLToPath(url)).split(sep).join('/');
  const deck = /^([\w.-]+)\.html$/.exec(path)?.[1];
  if (deck !== undefined && options.pdfDecks.has(deck)) return `${deck}.pdf`;
  return `${path}${hash}`;
}

export async function relativizePdfLinks(pdf: Uint8Array, options: PdfLinkOptions): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  let changed = false;
  for (const page of document.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations) continue;
    for (let i = 0; i < annotations.size(); i++) {
      const action = annotations.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText();
      if (!action || !uri?.startsWith('file:')) continue;
      action.set(PDFName.of('URI'), PDFString.of(publishedLink(uri, options)));
      changed = true;
    }
  }
  return changed ? document.save({ updateFieldAppearances: false }) : pdf;
}
