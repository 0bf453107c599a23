import { expect, test } from '@playwright/test';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { getDocumentProxy } from 'unpdf';
import { finishPdf, publishedLink } from '../../../scripts/render/pdf-finish.ts';

const PRINTED_AT = 'http://deck.invalid/statefulsets.html';
const PDF_DECKS = new Set(['statefulsets', 'volumes']);

test('a link into the printed folder becomes relative again; a deck with a PDF is linked by its PDF', () => {
  expect(publishedLink('http://deck.invalid/volumes.html', PRINTED_AT, PDF_DECKS)).toBe('volumes.pdf');
  expect(publishedLink('http://deck.invalid/index.html', PRINTED_AT, PDF_DECKS)).toBe('index.html');
  expect(publishedLink('http://deck.invalid/pict/pods.svg', PRINTED_AT, PDF_DECKS)).toBe('pict/pods.svg');
  expect(publishedLink('http://deck.invalid/volumes.html#3', PRINTED_AT, PDF_DECKS)).toBe('volumes.html#3');
  expect(publishedLink('https://youtu.be/X48VuDVv0do?t=10718', PRINTED_AT, PDF_DECKS)).toBeUndefined();
  expect(publishedLink('http://deck.invalid.example.com/volumes.html', PRINTED_AT, PDF_DECKS)).toBeUndefined();
});

/**
 * A three-page PDF, as Chromium prints it: the first and the last page link to another deck (absolute,
 * as BACK is printed) and to the video; the last one to the course contents too.
 */
async function printed(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const pages = [document.addPage([960, 540]), document.addPage([960, 540]), document.addPage([960, 540])];
  const link = (uri: string, x: number) =>
    document.context.register(document.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [x, 10, x + 50, 30], Border: [0, 0, 0], A: { Type: 'Action', S: 'URI', URI: PDFString.of(uri) } }));
  pages[0]!.node.set(PDFName.of('Annots'), document.context.obj([link('http://deck.invalid/volumes.html', 10), link('https://youtu.be/X48VuDVv0do?t=10718', 100)]));
  pages[2]!.node.set(
    PDFName.of('Annots'),
    document.context.obj([link('https://youtu.be/X48VuDVv0do?t=10918', 10), link('http://deck.invalid/index.html', 100), link('http://deck.invalid/volumes.html', 200)]),
  );
  return document.save();
}

async function read(pdf: Uint8Array) {
  const document = await getDocumentProxy(pdf);
  type Annotation = { subtype: string; url?: string; unsafeUrl?: string; contentsObj?: { str: string }; titleObj?: { str: string } };
  const pages: Annotation[][] = [];
  for (let n = 1; n <= document.numPages; n++) pages.push((await (await document.getPage(n)).getAnnotations()) as Annotation[]);
  const outline = ((await document.getOutline()) ?? []) as { title: string; dest: unknown }[];
  const destinations = await Promise.all(outline.map(async ({ dest }) => document.getPageIndex((dest as [object])[0] as never)));
  const { info } = (await document.getMetadata()) as { info: { Title?: string; Author?: string } };
  return { pages, outline: outline.map((o) => o.title), destinations, info };
}

test('a finished PDF has relative deck links, the notes as PDF notes, an outline of the slide headings and the title', async () => {
  const finished = await finishPdf(await printed(), {
    printedAt: PRINTED_AT,
    pdfDecks: PDF_DECKS,
    notes: ['Ask the room first.', '', 'Say goodbye.'],
    headings: ['What is a StatefulSet?', 'Pod identity', 'Pod state'],
    title: 'K8s StatefulSets',
    author: 'TechWorld with Nana',
  });
  const { pages, outline, destinations, info } = await read(finished);

  // Every page's links, not only the first page's.
  const links = pages.map((annotations) => annotations.filter((a) => a.subtype === 'Link').map((a) => a.url ?? a.unsafeUrl));
  expect(links).toEqual([['volumes.pdf', 'https://youtu.be/X48VuDVv0do?t=10718'], [], ['https://youtu.be/X48VuDVv0do?t=10918', 'index.html', 'volumes.pdf']]);
  const notes = pages.map((annotations) => annotations.filter((a) => a.subtype === 'Text').map((a) => [a.contentsObj?.str, a.titleObj?.str]));
  expect(notes).toEqual([[['Ask the room first.', 'TechWorld with Nana']], [], [['Say goodbye.', 'TechWorld with Nana']]]);
  expect(outline).toEqual(['What is a StatefulSet?', 'Pod identity', 'Pod state']);
  expect(destinations).toEqual([0, 1, 2]);
  expect(info.Title).toBe('K8s StatefulSets');
  expect(info.Author).toBe('TechWorld with Nana');
});

test('a slide without a heading gets no outline entry', async () => {
  const finished = await finishPdf(await printed(), { printedAt: PRINTED_AT, pdfDecks: PDF_DECKS, notes: [], headings: ['', 'Pod identity', ''], title: 'T' });
  const { outline, destinations } = await read(finished);
  expect(outline).toEqual(['Pod identity']);
  expect(destinations).toEqual([1]);
});
