import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { deckFacts } from './deck.ts';
import { expectedDeck, expectedNext, pageNames, seconds } from './notes.ts';

async function parsePdf(name: string) {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(`dist/${name}.pdf`)));
  const { text } = await extractText(pdf, { mergePages: false });
  const links: { page: number; url: string | undefined; unsafeUrl: string | undefined; dest: unknown }[] = [];
  /** The text of each page's PDF notes ('' for none). */
  const notes: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    type Annotation = { subtype: string; url?: string; unsafeUrl?: string; dest?: unknown; contentsObj?: { str: string } };
    const annotations = (await (await pdf.getPage(n)).getAnnotations()) as Annotation[];
    for (const a of annotations) if (a.subtype === 'Link') links.push({ page: n, url: a.url, unsafeUrl: a.unsafeUrl, dest: a.dest });
    notes.push(annotations.filter((a) => a.subtype === 'Text').map((a) => a.contentsObj?.str ?? '').join('\n'));
  }
  const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Author?: string } };
  type Entry = { title: string; items: Entry[] };
  const flatten = (entries: Entry[]): string[] => entries.flatMap((e) => [e.title, ...flatten(e.items)]);
  const outline = flatten(((await pdf.getOutline()) ?? []));
  return { pages: pdf.numPages, text, links, outline, notes, info };
}

const parsed = new Map<string, ReturnType<typeof parsePdf>>();
/** A PDF of dist/, parsed once in each worker: the tests only read what it holds. */
function readPdf(name: string): ReturnType<typeof parsePdf> {
  let pdf = parsed.get(name);
  if (!pdf) parsed.set(name, (pdf = parsePdf(name)));
  return pdf;
}

for (const name of pageNames()) {
  const expected = expectedDeck(name);

  test.describe(`${name}.pdf`, () => {
    test('one page per slide, each page holding its slide heading', async ({ browser, baseURL }) => {
      const slideHeadings = (await deckFacts({ browser, baseURL }, name)).slides.map((s) => s.heading);
      const pdf = await readPdf(name);
      expect(pdf.pages).toBe(slideHeadings.length);
      slideHeadings.forEach((heading, i) => expect(pdf.text[i]!.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(heading));
    });

    test('its text holds every topic heading', async () => {
      const text = (await readPdf(name)).text.join('\n').replace(/\s+/g, ' ');
      for (const topic of expected.topics) expect(text).toContain(topic.heading);
    });

    test('its links are the video timestamps, the previous and the next deck and its own slides; none points at the build machine', async () => {
      const { links } = await readPdf(name);
      const external = links.filter((l) => l.dest === undefined).map((l) => l.url ?? l.unsafeUrl ?? '');
      expect(external.filter((url) => url.startsWith('file:'))).toEqual([]);
      const timestamps = new Set(expected.topics.flatMap((t) => (t.timestamp ? [`https://youtu.be/X48VuDVv0do?t=${seconds(t.timestamp.label)}`] : [])));
      // A link to another deck opens its PDF; the course contents stay index.html.
      const published = (html: string) => html.replace(/\.html$/, pageNames().includes(html.replace(/\.html$/, '')) ? '.pdf' : '.html');
      expect(new Set(external)).toEqual(new Set([...timestamps, published(expected.back), published(expectedNext(name))]));
      // Agenda links stay inside the document.
      expect(links.filter((l) => l.dest !== undefined)).toHaveLength(expected.topics.length);
    });

    test("the presenter notes of each slide are the PDF notes of its page; the PDF has the deck's title", async ({ browser, baseURL }) => {
      const deck = await deckFacts({ browser, baseURL }, name);
      const pdf = await readPdf(name);
      const bare = (text: string) => text.replace(/\s+/g, ' ').trim();
      const expected = Array.from({ length: pdf.pages }, (_, i) => bare((deck.slides[i]?.notes ?? []).join(' ')));
      expect(expected.filter(Boolean).length, 'slides with notes').toBeGreaterThan(0);
      expect(pdf.notes.map(bare)).toEqual(expected);
      expect(pdf.info.Title).toBe(deck.title);
    });

    test('an outline entry for every slide heading', async ({ browser, baseURL }) => {
      const { outline } = await readPdf(name);
      for (const { heading } of (await deckFacts({ browser, baseURL }, name)).slides) expect(outline).toContain(heading);
    });
  });
}

test('BACK in the StatefulSets PDF opens volumes.pdf beside it', async () => {
  const { links } = await readPdf('statefulsets');
  const backs = links.filter((l) => (l.url ?? l.unsafeUrl) === 'volumes.pdf').map((l) => l.page);
  expect(backs[0]).toBe(1);
  expect(backs.at(-1)).toBe((await readPdf('statefulsets')).pages);
});

test('NEXT on the last page of each PDF opens the next deck\'s PDF beside it (the last deck: the course contents), and only there', async () => {
  const published: Record<string, string> = { volumes: 'statefulsets.pdf', statefulsets: 'index.html' };
  expect(pageNames()).toEqual(Object.keys(published).sort());
  for (const name of pageNames()) {
    const pdf = await readPdf(name);
    const nexts = pdf.links.filter((l) => (l.url ?? l.unsafeUrl) === published[name]).map((l) => l.page);
    // Neither deck's BACK leads there (Volumes' leads to index.html, StatefulSets' to volumes.pdf): each such link is NEXT.
    expect(nexts, name).toEqual([pdf.pages]);
    expect(pdf.text[pdf.pages - 1], name).toContain('NEXT');
  }
});
