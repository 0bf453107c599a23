// What a learner and a presenter take home, from one build of the course's notes with `--paper letter
// --pptx`: handouts on US Letter, and a PowerPoint per deck opened as the zip it is — a slide per slide,
// the presenter notes in its notes slides, link areas over the timestamp chips and BACK. The verifier
// finds a handout or a PowerPoint that does not match its deck.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { getDocumentProxy } from 'unpdf';
import { verifyDecks } from '../../../scripts/verify/verify.ts';
import { courseFolder, run } from '../../support/commands.ts';

const NOTES = 'notes';
let root = '';
let dist = '';

// A whole build with PDFs, handouts and PowerPoints, on a loaded 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = mkdtempSync(join(tmpdir(), 'take-home-'));
  dist = join(root, 'dist');
  const built = await run('cli', [...courseFolder(NOTES, root), '--pict', 'pict', '--paper', 'letter', '--pptx']);
  expect(built.stderr).not.toContain('error');
  expect(built.status).toBe(0);
});

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The slides of a built HTML deck: Marp writes one inline SVG a slide. */
const slideCount = (name: string) => readFileSync(join(dist, `${name}.html`), 'utf8').split('<svg data-marpit-svg').length - 1;

/** Each topic's presenter notes as the notes page has them, whitespace removed, with the topic heading. */
function pageNotes(name: string): { heading: string; notes: string }[] {
  const source = readFileSync(join(NOTES, `${name}.md`), 'utf8');
  return source.split(/^# /m).slice(1).flatMap((section) => {
    const comments = [...section.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!.replace(/\s+/g, ''));
    return comments.length > 0 ? [{ heading: section.split('\n')[0]!.trim(), notes: comments.join('') }] : [];
  });
}

const decodeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

test('--paper letter: the handout is on US Letter, three slides a page', async () => {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(dist, 'statefulsets-handout.pdf'))));
  expect(pdf.numPages).toBe(Math.ceil(slideCount('statefulsets') / 3));
  const [, , width, height] = (await pdf.getPage(1)).view;
  expect([width, height]).toEqual([612, 792]);
});

test('a paper the build does not know is refused with the usage', async () => {
  const refused = await run('cli', [...courseFolder(NOTES, join(root, 'refused')), '--paper', 'b5']);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('--paper b5');
});

test('the PowerPoint has a slide and a notes slide per slide; each topic\'s notes are in the notes of its slide', async () => {
  const zip = await JSZip.loadAsync(readFileSync(join(dist, 'statefulsets.pptx')));
  const names = Object.keys(zip.files);
  const slides = slideCount('statefulsets');
  expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(slides);
  expect(names.filter((n) => /^ppt\/media\/.*\.png$/.test(n))).toHaveLength(slides);
  const notesText = async (n: number) => [...((await zip.file(`ppt/notesSlides/notesSlide${n}.xml`)?.async('string')) ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decodeXml(m[1]!)).join('').replace(/\s+/g, '');
  const all = await Promise.all(Array.from({ length: slides }, (_, i) => notesText(i + 1)));
  const expected = pageNotes('statefulsets');
  expect(expected.length).toBeGreaterThan(0);
  for (const { heading, notes } of expected) expect(all.filter((text) => text.includes(notes)).length, heading).toBeGreaterThan(0);
});

test('the notes page holds the slide\'s picture and its notes: every shape of the notes master lies on the page', async () => {
  const zip = await JSZip.loadAsync(readFileSync(join(dist, 'statefulsets.pptx')));
  const presentation = await zip.file('ppt/presentation.xml')!.async('string');
  const [pageWidth, pageHeight] = /<p:notesSz cx="(\d+)" cy="(\d+)"\/>/.exec(presentation)!.slice(1).map(Number) as [number, number];
  const master = await zip.file('ppt/notesMasters/notesMaster1.xml')!.async('string');
  const shapes = [...master.matchAll(/<p:sp>[\s\S]*?<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>[\s\S]*?<\/p:sp>/g)];
  // The slide's picture and the notes among them (a sldImg and a body placeholder).
  expect(shapes.map((m) => /<p:ph type="(\w+)"/.exec(m[0])?.[1])).toEqual(expect.arrayContaining(['sldImg', 'body']));
  for (const [shape, x, y, w, h] of shapes.map((m) => [/name="([^"]*)"/.exec(m[0])?.[1], ...m.slice(1, 5).map(Number)] as const)) {
    expect(x! + w!, `${shape} right edge`).toBeLessThanOrEqual(pageWidth);
    expect(y! + h!, `${shape} bottom edge`).toBeLessThanOrEqual(pageHeight);
  }
});

test('link areas: the title slide\'s chip opens the video at its second and BACK the previous deck\'s PowerPoint, placed over them', async ({ page }) => {
  const zip = await JSZip.loadAsync(readFileSync(join(dist, 'statefulsets.pptx')));
  const rels = (await zip.file('ppt/slides/_rels/slide1.xml.rels')!.async('string'));
  const xml = await zip.file('ppt/slides/slide1.xml')!.async('string');
  const targets = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"[^>]*TargetMode="External"/g)].map((m) => [m[2]!, m[1]!]));
  // The page's first timestamp, 2:58:38, is second 10718; its BACK is volumes.html.
  expect([...targets.keys()].sort()).toEqual(['https://youtu.be/X48VuDVv0do?t=10718', 'volumes.pptx']);

  // Where the chips are on the slide, measured in the HTML deck at 1280×720 (a slide pixel a pixel).
  await page.goto(`${pathToFileURL(resolve(dist, 'statefulsets.html')).href}#1`);
  const active = page.locator('svg.bespoke-marp-active');
  await expect(active).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  // The slide's section: the deck scales it to the window, beside the room its controls take.
  const frame = (await active.locator('section').first().boundingBox())!;
  const emuPerPixel = 9144000 / frame.width;
  for (const [selector, target] of [['a.timestamp', 'https://youtu.be/X48VuDVv0do?t=10718'], ['a.back', 'volumes.pptx']] as const) {
    const box = (await active.locator(selector).boundingBox())!;
    const shape = [...xml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)].map((m) => m[1]!).find((s) => s.includes(`r:id="${targets.get(target)}"`));
    expect(shape, target).toBeDefined();
    const [x, y] = /<a:off x="(\d+)" y="(\d+)"\/>/.exec(shape!)!.slice(1).map(Number) as [number, number];
    const [w, h] = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(shape!)!.slice(1).map(Number) as [number, number];
    expect(Math.abs(x / emuPerPixel - (box.x - frame.x)), `${selector} left`).toBeLessThan(2);
    expect(Math.abs(y / emuPerPixel - (box.y - frame.y)), `${selector} top`).toBeLessThan(2);
    expect(Math.abs(w / emuPerPixel - box.width), `${selector} width`).toBeLessThan(2);
    expect(Math.abs(h / emuPerPixel - box.height), `${selector} height`).toBeLessThan(2);
  }
});

test('the agenda\'s links jump to their slides in the PowerPoint', async () => {
  const zip = await JSZip.loadAsync(readFileSync(join(dist, 'statefulsets.pptx')));
  const rels = await zip.file('ppt/slides/_rels/slide2.xml.rels')!.async('string');
  const topics = readFileSync(join(NOTES, 'statefulsets.md'), 'utf8').split(/^# /m).length - 1;
  expect([...rels.matchAll(/Target="slide(\d+)\.xml"/g)]).toHaveLength(topics);
});

test('the verifier finds a handout and a PowerPoint that are not their deck\'s', async ({ browser }) => {
  const dir = join(root, 'swapped');
  cpSync(join(dist, 'pict'), join(dir, 'pict'), { recursive: true });
  copyFileSync(join(dist, 'statefulsets.html'), join(dir, 'statefulsets.html'));
  copyFileSync(join(dist, 'volumes-handout.pdf'), join(dir, 'statefulsets-handout.pdf'));
  copyFileSync(join(dist, 'volumes.pptx'), join(dir, 'statefulsets.pptx'));
  // The take-home checks alone (`pdf` is the handout's kind too): the deck's own are decks/verify.spec.ts's.
  const faults = await verifyDecks(dir, { browser, only: ['pdf', 'pptx'] });
  const slides = slideCount('statefulsets');
  expect(faults.filter((f) => f.file === 'statefulsets.pptx' && f.message.startsWith(`${slideCount('volumes')} slides for the deck's ${slides}`))).toHaveLength(1);
  expect(faults.filter((f) => f.file === 'statefulsets.pptx' && f.message.startsWith('no link area')).length).toBeGreaterThan(0);
  expect(faults.filter((f) => f.file === 'statefulsets-handout.pdf' && /heading is not on its handout page/.test(f.message)).length).toBeGreaterThan(0);
});
