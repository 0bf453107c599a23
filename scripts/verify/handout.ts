// The handout beside a deck (`NAME-handout.pdf`): as many pages as its slides fill three a page, each
// slide's heading and presenter notes on the page that holds it, and links that work away from the
// build machine (never file:, relative ones to a file of the folder).
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { fault, type Fault } from './fault.ts';
import { bare, externalLinkProblem } from './pdf.ts';
import type { SlideFacts } from './checks.ts';

/** Slides a handout page holds (as the build lays them out). */
export const HANDOUT_SLIDES_PER_PAGE = 3;

export interface HandoutCheck {
  file: string;
  path: string;
  slides: SlideFacts[];
  exists: (path: string) => boolean;
}

export async function handoutFaults({ file, path, slides, exists }: HandoutCheck): Promise<Fault[]> {
  const faults: Fault[] = [];
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(path)));
  try {
    const pages = Math.ceil(slides.length / HANDOUT_SLIDES_PER_PAGE);
    if (pdf.numPages !== pages) faults.push(fault(file, 'pdf', `${pdf.numPages} pages for ${slides.length} slides (${pages} at ${HANDOUT_SLIDES_PER_PAGE} a page)`));
    const { text } = await extractText(pdf, { mergePages: false });
    for (const [i, slide] of slides.entries()) {
      const page = bare(text[Math.floor(i / HANDOUT_SLIDES_PER_PAGE)] ?? '');
      if (slide.heading && !page.includes(bare(slide.heading))) faults.push(fault(file, 'pdf', "the slide's heading is not on its handout page", slide));
      if (slide.notes && !page.includes(bare(slide.notes))) faults.push(fault(file, 'pdf', "the slide's presenter notes are not (all) on its handout page", slide));
    }
    for (let n = 1; n <= pdf.numPages; n++) {
      const annotations = (await (await pdf.getPage(n)).getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string }[];
      for (const link of annotations.filter((a) => a.subtype === 'Link')) {
        const raw = link.unsafeUrl ?? link.url;
        const problem = raw === undefined ? undefined : externalLinkProblem(raw, exists);
        if (problem) faults.push(fault(file, 'pdf', `page ${n}: ${problem}`));
      }
    }
  } finally {
    await pdf.destroy();
  }
  return faults;
}
