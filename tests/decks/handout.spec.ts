// The learner's handout beside each deck (dist/NAME-handout.pdf), read back with pdf.js: three slides
// a page on A4 portrait, each slide's heading and notes on its page, links that work away from the
// build machine, an outline entry per slide.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { deckFacts } from './deck.ts';
import { expectedDeck, expectedNext, pageNames, seconds } from './notes.ts';

// Reading a handout (pdf.js over three scaled slides a page) and its deck takes a while on a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** A4 in PDF points (1/72 in): 210 × 297 mm. */
const A4 = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };
const PER_PAGE = 3;

async function parseHandout(name: string) {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(`dist/${name}-handout.pdf`)));
  const { text } = await extractText(pdf, { mergePages: false });
  const sizes: { width: number; height: number }[] = [];
  const links: { page: number; url: string | undefined; dest: unknown }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    sizes.push({ width, height });
    type Annotation = { subtype: string; url?: string; unsafeUrl?: string; dest?: unknown };
    for (const a of (await page.getAnnotations()) as Annotation[]) if (a.subtype === 'Link') links.push({ page: n, url: a.url ?? a.unsafeUrl, dest: a.dest });
  }
  type Entry = { title: string; dest: unknown; items: Entry[] };
  const entries = ((await pdf.getOutline()) ?? []) as Entry[];
  const outline = await Promise.all(entries.map(async (e) => ({ title: e.title, page: (await pdf.getPageIndex((e.dest as [never])[0])) + 1 })));
  return { pages: pdf.numPages, text: text.map((t) => t.replace(/\s+/g, ' ')), sizes, links, outline };
}

const parsed = new Map<string, ReturnType<typeof parseHandout>>();
function readHandout(name: string): ReturnType<typeof parseHandout> {
  let handout = parsed.get(name);
  if (!handout) parsed.set(name, (handout = parseHandout(name)));
  return handout;
}

/** Text without its whitespace: pdf.js breaks a wrapped line with a space, even after a hyphen. */
const bare = (text: string) => text.replace(/\s+/g, '');

for (const name of pageNames()) {
  const expected = expectedDeck(name);

  test.describe(`${name}-handout.pdf`, () => {
    test('three slides a page, on A4 portrait', async ({ browser, baseURL }) => {
      const slides = (await deckFacts({ browser, baseURL }, name)).slides;
      const handout = await readHandout(name);
      expect(handout.pages).toBe(Math.ceil(slides.length / PER_PAGE));
      expect(handout.sizes).toHaveLength(handout.pages);
      for (const size of handout.sizes) {
        expect(size.width).toBeCloseTo(A4.width, 0);
        expect(size.height).toBeCloseTo(A4.height, 0);
      }
    });

    test("each slide's heading and presenter notes are on its page; page 1 has the title and every page its number", async ({ browser, baseURL }) => {
      const slides = (await deckFacts({ browser, baseURL }, name)).slides;
      const handout = await readHandout(name);
      expect(slides.filter((s) => s.notes.length > 0).length, 'slides with notes').toBeGreaterThan(0);
      slides.forEach((slide, i) => {
        const page = bare(handout.text[Math.floor(i / PER_PAGE)] ?? '');
        expect(page, `slide ${i + 1}'s heading`).toContain(bare(slide.heading));
        for (const note of slide.notes) expect(page, `slide ${i + 1}'s notes`).toContain(bare(note));
      });
      expect(handout.text[0]).toContain(expected.title);
      handout.text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${handout.pages}`));
    });

    test("its links open the video at each timestamp's second, BACK and NEXT the previous and next deck's handout; none is file:", async () => {
      const { links } = await readHandout(name);
      const external = links.filter((l) => l.dest === undefined).map((l) => l.url ?? '');
      expect(external.filter((url) => url.startsWith('file:'))).toEqual([]);
      const timestamps = expected.topics.flatMap((t) => (t.timestamp ? [`https://youtu.be/X48VuDVv0do?t=${seconds(t.timestamp.label)}`] : []));
      expect(timestamps.length).toBeGreaterThan(0);
      for (const url of timestamps) expect(external).toContain(url);
      // A link to another deck opens its handout; the course contents stay index.html.
      const published = (html: string) => (pageNames().includes(html.replace(/\.html$/, '')) ? html.replace(/\.html$/, '-handout.pdf') : html);
      expect(external).toContain(published(expected.back));
      expect(external).toContain(published(expectedNext(name)));
      expect(new Set(external)).toEqual(new Set([...timestamps, published(expected.back), published(expectedNext(name))]));
    });

    test('an outline entry for every slide, on the page that holds it', async ({ browser, baseURL }) => {
      const slides = (await deckFacts({ browser, baseURL }, name)).slides;
      const { outline } = await readHandout(name);
      expect(outline).toHaveLength(slides.length);
      slides.forEach((slide, i) => expect(outline[i]).toEqual({ title: slide.heading, page: Math.floor(i / PER_PAGE) + 1 }));
    });
  });
}
