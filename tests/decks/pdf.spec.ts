import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { deckFacts } from './deck.ts';
import { bare, escapeRegExp, expectedDeck, expectedNext, pageNames, seconds, topicOf, type ExpectedDeck } from './notes.ts';

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

/**
 * The heading each page of a PDF must hold, from the notes: the title, the agenda, then each topic in
 * order, on one page or on pages `Topic (1/n)` … `Topic (n/n)`. How many pages a topic takes is read
 * from the page text (fitting decides it), and must run 1…n on consecutive pages. `undefined` for a
 * page that holds no heading it should.
 */
function pageHeadings(expected: ExpectedDeck, texts: string[]): (string | undefined)[] {
  const headings: (string | undefined)[] = [texts[0]?.includes(expected.title) ? expected.title : undefined, texts[1]?.includes('Agenda') ? 'Agenda' : undefined];
  let page = 2;
  for (const { heading } of expected.topics) {
    const part = new RegExp(`${escapeRegExp(heading)} \\(1/(\\d+)\\)`).exec(texts[page] ?? '');
    const count = part ? Number(part[1]) : 1;
    for (let k = 1; k <= count; k++, page++) {
      const shown = count > 1 ? `${heading} (${k}/${count})` : heading;
      headings.push(texts[page]?.includes(shown) ? shown : undefined);
    }
  }
  return headings;
}

for (const name of pageNames()) {
  const expected = expectedDeck(name);

  test.describe(`${name}.pdf`, () => {
    test('a page per slide: the title, the agenda, then every topic of the notes in order, each page holding its heading', async ({ browser, baseURL }) => {
      const pdf = await readPdf(name);
      const texts = pdf.text.map(bare);
      const headings = pageHeadings(expected, texts);
      expect(headings.length).toBeGreaterThanOrEqual(2 + expected.topics.length);
      expect(headings.map((heading, i) => heading ?? `page ${i + 1}: ${texts[i]?.slice(0, 60)}`)).toEqual(headings.map((heading, i) => heading ?? `page ${i + 1}: a heading`));
      expect(pdf.pages).toBe(headings.length);
      // The HTML deck has a slide for each of these pages.
      expect((await deckFacts({ browser, baseURL }, name)).slides).toHaveLength(pdf.pages);
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

    test("each topic's page has the topic's notes (its comments in the notes page) as its PDF note; the PDF has the page's title", async () => {
      const pdf = await readPdf(name);
      const headings = pageHeadings(expected, pdf.text.map(bare));
      expect(headings).toHaveLength(pdf.pages);
      const notesOf = (heading: string | undefined) => expected.topics.find((t) => t.heading === topicOf(heading ?? ''))?.notes.join(' ') ?? '';
      const wanted = headings.map(notesOf);
      expect(wanted.filter(Boolean).length, 'pages with notes').toBeGreaterThanOrEqual(expected.topics.length);
      expect(pdf.notes.map(bare)).toEqual(wanted);
      expect(pdf.info.Title).toBe(expected.title);
    });

    test('each diagram of the notes is drawn on its topic\'s first page: every label of its DOT source is text of that page', async () => {
      const pdf = await readPdf(name);
      const texts = pdf.text.map(bare);
      const headings = pageHeadings(expected, texts);
      // The pictures of each topic (`pict/NAME.png` in an <img> or a ![]() of the notes, drawn from pict/NAME.dot).
      const source = readFileSync(`notes/${name}.md`, 'utf8');
      const drawn = source.split(/^# /m).slice(1).flatMap((section) => {
        const heading = section.split('\n')[0]!.trim();
        return [...section.matchAll(/(?:src="|\]\()pict\/([\w-]+)\.png/g)].map((m) => ({ heading, dot: `pict/${m[1]}.dot` })).filter(({ dot }) => existsSync(dot));
      });
      expect(drawn.length, 'diagrams in the notes').toBeGreaterThan(0);
      const squeeze = (text: string) => text.replace(/\s+/g, '');
      for (const { heading, dot } of drawn) {
        const page = headings.findIndex((shown) => shown !== undefined && topicOf(shown) === heading);
        expect(page, heading).toBeGreaterThan(1);
        const labels = [...readFileSync(dot, 'utf8').matchAll(/label="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\\[nlr]/)).map(squeeze).filter(Boolean);
        expect(labels.length, dot).toBeGreaterThan(0);
        expect(labels.filter((label) => !squeeze(texts[page]!).includes(label)), `${dot} on page ${page + 1}`).toEqual([]);
      }
    });

    test('an outline entry for every page, titled with its heading', async () => {
      const pdf = await readPdf(name);
      const headings = pageHeadings(expected, pdf.text.map(bare));
      expect(headings.every(Boolean)).toBe(true);
      expect(pdf.outline).toEqual(headings);
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
