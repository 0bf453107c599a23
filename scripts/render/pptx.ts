// A deck as PowerPoint: a slide per slide, its picture taken in Chromium (slide-shots.ts), its presenter
// notes in PowerPoint's notes, and a link area — a clear rectangle with a hyperlink — over each link of
// the slide where the layout put it: the timestamp chips open the video at their second, BACK (and any
// link to another deck) that deck's PowerPoint, the agenda its slides. pptxgenjs loads only when a
// PowerPoint is made. No I/O.
import { SLIDE_HEIGHT, SLIDE_WIDTH, type LinkArea, type SlideShot } from './slide-shots.ts';

export interface PptxDeck {
  title: string;
  author: string;
  /** Each slide's picture and links, its notes and its heading (the picture's alt text). */
  slides: (SlideShot & { notes: string; heading: string })[];
  /** Decks that have a PowerPoint: a link to `NAME.html` opens `NAME.pptx`. */
  pptxDecks: ReadonlySet<string>;
}

/** PowerPoint's 16:9 layout is 10 × 5.625 inches. */
const INCHES = 10 / SLIDE_WIDTH;

/** What a link of a slide becomes in PowerPoint: a jump to a slide of the deck, or a URL. */
export function pptxLink(href: string, pptxDecks: ReadonlySet<string>): { slide: number } | { url: string } | undefined {
  const slide = /^#(\d+)$/.exec(href)?.[1];
  if (slide !== undefined) return { slide: Number(slide) };
  const deck = /^([\w.-]+)\.html(#.*)?$/.exec(href)?.[1];
  if (deck !== undefined && pptxDecks.has(decodeURIComponent(deck))) return { url: `${deck}.pptx` };
  if (/^(https:|mailto:)/i.test(href) || !/^[a-z][a-z0-9+.-]*:/i.test(href)) return { url: href };
  return undefined;
}

const place = (area: Pick<LinkArea, 'x' | 'y' | 'width' | 'height'>) => ({ x: area.x * INCHES, y: area.y * INCHES, w: area.width * INCHES, h: area.height * INCHES });

export async function makePptx(deck: PptxDeck): Promise<Uint8Array> {
  // The package's ES build exports the class as its default; its types describe the CommonJS build.
  const PptxGenJS = (await import('pptxgenjs')).default as unknown as new () => import('pptxgenjs').default;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = deck.title;
  pptx.author = deck.author;
  for (const shot of deck.slides) {
    const slide = pptx.addSlide();
    slide.addImage({ data: `image/png;base64,${Buffer.from(shot.png).toString('base64')}`, ...place({ x: 0, y: 0, width: SLIDE_WIDTH, height: SLIDE_HEIGHT }), altText: shot.heading || deck.title });
    for (const link of shot.links) {
      const target = pptxLink(link.href, deck.pptxDecks);
      if (!target) continue;
      slide.addShape('rect', {
        ...place(link),
        fill: { color: 'FFFFFF', transparency: 100 },
        line: { color: 'FFFFFF', transparency: 100, width: 0 },
        hyperlink: { ...target, tooltip: link.title },
        objectName: `Link: ${link.title}`,
      });
    }
    if (shot.notes.trim() !== '') slide.addNotes(shot.notes);
  }
  return notesPageFitted(new Uint8Array((await pptx.write({ outputType: 'nodebuffer' })) as Buffer));
}

/**
 * The notes page as pptxgenjs's notes master is drawn for. pptxgenjs sizes the notes page as the slide
 * turned upright (5.625 × 10 inches for a 16:9 deck), yet places the master's slide picture and notes
 * on a 7.5 × 10 inch page: LibreOffice then prints both running off the page's right edge. The page is
 * given the master's size; nothing else of the file changes (stored, not compressed, as pptxgenjs writes it).
 */
async function notesPageFitted(file: Uint8Array): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(file);
  const presentation = zip.file('ppt/presentation.xml');
  if (!presentation) return file;
  const xml = await presentation.async('string');
  zip.file('ppt/presentation.xml', xml.replace(/<p:notesSz [^>]*\/>/, `<p:notesSz cx="${NOTES_PAGE.width}" cy="${NOTES_PAGE.height}"/>`));
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** The notes page pptxgenjs's notes master is laid out on (7.5 × 10 inches, in EMU). */
const NOTES_PAGE = { width: 6858000, height: 9144000 };
