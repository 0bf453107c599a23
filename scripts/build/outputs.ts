// Writing a build's decks: slides/ (Marp Markdown, theme, pictures) and dist/ (HTML and PDF decks, their
// pictures, the course index). A full build writes into staging folders that are swapped in only when
// everything succeeded (scripts/build/publish.ts); a live rebuild writes the decks it rebuilt in place, each
// file whole and only when its bytes changed.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileCache, htmlKey } from './cache.ts';
import { courseIndexHtml, type IndexDeck } from '../render/course-index.ts';
import type { Course } from '../notes/course.ts';
import { publishedDeckHtml } from '../render/deck-html.ts';
import { fontStacks } from '../render/font-plan.ts';
import type { Deck } from '../deck/deck.ts';
import { favicon } from '../render/favicon.ts';
import { FileBatch, listDir } from '../files.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import type { Page } from '../notes/page.ts';
import { handoutFile, writePdfs } from './pdfs.ts';
import { writeSearchFiles } from './search-files.ts';
import type { Paper } from '../render/handout.ts';
import { markOutputFolder } from './output-folders.ts';
import { pictureFormat, safeSvg } from '../pictures/safe-picture.ts';
import { PICTURE_DIR } from '../pictures/pictures.ts';
import type { Printer } from '../render/print.ts';
import { CACHE_DIR, CONFIG_FILE } from '../project.ts';
import type { Problem } from '../problems.ts';
import type { Progress } from '../progress.ts';
import { splitFonts } from '../render/theme.ts';

/** Decks composed, drawn and fitted: ready to write. */
export interface Prepared {
  course: Course;
  decks: Deck[];
  /** The drawn diagrams of these decks, by output path (`pict/x.svg`). */
  drawn: Map<string, string>;
  warnings: Problem[];
  /** Each deck's own fonts (`@font-face` rules), by name: the glyphs of its characters only. */
  faces: Map<string, Promise<string>>;
  /** The fonts of the course index. */
  indexFaces: Promise<string>;
}

export interface OutputOptions {
  pictDir: string;
  slidesDir: string;
  outDir: string;
  pdf: boolean;
  /** With the PDFs, a handout per deck on this paper. */
  paper?: Paper;
  /** A PowerPoint per deck too. */
  pptx?: boolean;
  browserPath: string;
  /** The course theme with its embedded fonts (slides/course.css). */
  theme: string;
  /** The build's identity (scripts, packages, browser, theme): see cache.ts. */
  identity: string;
  progress?: Progress | undefined;
}

/** A deck as the course index lists it: its name and title, how many topics and (when known) slides. */
interface DeckSize {
  name: string;
  title: string;
  topics: number;
  slides: number | undefined;
}

function sizeOf(deck: Deck): DeckSize {
  const topics = new Set(deck.slides.flatMap((slide) => (slide.kind === 'topic' ? [slide.topic] : []))).size;
  return { name: deck.name, title: deck.title, topics, slides: deck.slides.length };
}

function indexDecks(decks: DeckSize[], pdf: boolean, { handout = false, pptx = false } = {}): Map<string, IndexDeck> {
  const files = (name: string) => ({ ...(pdf ? { pdf: `${name}.pdf` } : {}), ...(pdf && handout ? { handout: handoutFile(name) } : {}), ...(pptx ? { pptx: `${name}.pptx` } : {}) });
  return new Map(decks.map((d) => [d.name, { title: d.title, html: `${d.name}.html`, ...files(d.name), topics: d.topics, ...(d.slides === undefined ? {} : { slides: d.slides }) }]));
}

/**
 * marp-cli, which renders the HTML decks: loaded only when a deck is to be rendered. A build that fits
 * slides loads it while Chromium measures (the build's thread mostly waits then).
 */
export function loadRenderer(): Promise<typeof import('../render/render.ts')> {
  return import('../render/render.ts');
}

/** The bytes of every picture the decks show, by output path: drawn diagrams, and files of the picture folder. */
async function picturesOf({ decks, drawn }: Prepared, pictDir: string): Promise<Map<string, string | Uint8Array>> {
  const pictures = new Map<string, string | Uint8Array>();
  for (const picture of decks.flatMap((d) => d.pictures)) {
    if (pictures.has(picture.output)) continue;
    pictures.set(picture.output, picture.kind === 'file' ? await readPicture(pictDir, picture.source) : drawn.get(picture.output)!);
  }
  return pictures;
}

/** A picture file of the picture folder as it is published: an SVG with only what draws (see safeSvg). */
export async function readPicture(pictDir: string, source: string): Promise<string | Uint8Array> {
  const bytes = await readFile(join(pictDir, source));
  return pictureFormat(bytes) === 'svg' ? safeSvg(bytes.toString('utf8')) : bytes;
}

/**
 * The HTML decks: a deck rendered before from the same Marp Markdown comes from the cache; the others
 * are rendered in one marp-cli run over a folder holding only them.
 */
async function writeHtml(decks: readonly Deck[], faces: Prepared['faces'], { slidesDir, outDir, identity, theme, progress }: OutputOptions): Promise<void> {
  const cache = new FileCache(join(CACHE_DIR, 'html'), 'html');
  const missing: { deck: Deck; key: string }[] = [];
  for (const deck of decks) {
    const key = htmlKey(identity, emitMarpMarkdown(deck));
    if (!(await cache.restore(key, join(outDir, `${deck.name}.html`)))) missing.push({ deck, key });
  }
  const cached = decks.length - missing.length;
  if (cached > 0) progress?.('HTML', cached, decks.length);
  if (missing.length === 0) return;
  const renderDir = join(slidesDir, '.render');
  await mkdir(renderDir, { recursive: true });
  for (const { deck } of missing) await copyFile(join(slidesDir, `${deck.name}.md`), join(renderDir, `${deck.name}.md`));
  // marp-cli renders with the theme without its fonts; each deck's own go into it after (see withFonts).
  const { rest } = splitFonts(theme);
  const themeFile = join(renderDir, 'course.css');
  await writeFile(themeFile, rest);
  const { renderHtml } = await loadRenderer();
  await renderHtml({ configFile: CONFIG_FILE, themeFile, slidesDir: renderDir, outDir }, (count) => progress?.('HTML', cached + count, decks.length));
  await rm(renderDir, { recursive: true, force: true });
  for (const { deck, key } of missing) {
    const file = join(outDir, `${deck.name}.html`);
    const html = publishedDeckHtml(await readFile(file, 'utf8'), await faces.get(deck.name)!, fontStacks(deck.lang).sans);
    await writeFile(file, html);
    await cache.store(key, html);
  }
}

/** Writes slides/ and dist/ (both staging folders: nothing here is seen before it all succeeded). */
export async function writeOutputs(prepared: Prepared, options: OutputOptions, printer: () => Promise<Printer>): Promise<void> {
  const { course, decks } = prepared;
  const { slidesDir, outDir } = options;
  const pictures = await picturesOf(prepared, options.pictDir);
  // slides/: the Marp Markdown, the theme and the pictures it shows, openable as they are by stock Marp.
  await mkdir(join(slidesDir, PICTURE_DIR), { recursive: true });
  await writeFile(join(slidesDir, 'course.css'), options.theme);
  for (const deck of decks) await writeFile(join(slidesDir, `${deck.name}.md`), emitMarpMarkdown(deck));
  for (const [output, data] of pictures) await writeFile(join(slidesDir, output), data);

  // dist/: HTML (and PDF) decks, their pictures, the course index. The PDFs print in Chromium while
  // marp-cli renders the HTML here.
  await mkdir(join(outDir, PICTURE_DIR), { recursive: true });
  const pdfs = options.pdf || options.pptx ? writePdfs(decks, pictures, { ...options, author: course.author }, printer) : Promise.resolve();
  // Both settle before a failure is thrown: the caller then removes the staging folders, which a
  // render still running would write into again (and leave behind).
  const written = await Promise.allSettled([pdfs, writeHtml(decks, prepared.faces, options)]);
  for (const result of written) if (result.status === 'rejected') throw result.reason;
  for (const [output, data] of pictures) await writeFile(join(outDir, output), data);
  await writeFile(join(outDir, 'index.html'), courseIndexHtml(course, indexDecks(decks.map(sizeOf), options.pdf, { handout: options.paper !== undefined, pptx: options.pptx === true }), await prepared.indexFaces, { search: true }));
  await writeSearchFiles(outDir, decks, course);
  await writeFile(join(outDir, 'favicon.ico'), favicon());
}

export interface LiveOutputs {
  /** Every page of the course that could be read, for the index. */
  pages: Page[];
  /** Every page's name, when every deck was rebuilt: then decks of pages no longer there are removed. */
  everyPage: ReadonlySet<string> | undefined;
  /** How many slides each deck built so far has, by name (the index shows it). */
  slides: ReadonlyMap<string, number>;
}

/**
 * Writes rebuilt decks into slides/ and dist/ in place, each file whole and only when its bytes
 * changed, and renders their HTML one deck at a time. No PDFs: the index links the HTML decks only.
 * Every file is staged first and all are renamed into place once all are written (see FileBatch): a
 * rebuild that fails on the way (a full disk, a deck marp-cli cannot render) changes neither folder,
 * so slides/ and dist/ stay a pair. Returns the dist/ pages to reload.
 */
export async function writeLive(prepared: Prepared, options: OutputOptions, live: LiveOutputs): Promise<string[]> {
  const { slidesDir, outDir } = options;
  await mkdir(join(slidesDir, PICTURE_DIR), { recursive: true });
  await mkdir(join(outDir, PICTURE_DIR), { recursive: true });
  await markOutputFolder(slidesDir);
  await markOutputFolder(outDir);
  const batch = new FileBatch();
  let changed: string[];
  try {
    changed = await stageLive(prepared, options, live, batch);
    await batch.commit();
  } finally {
    await batch.abandon();
  }
  if (live.everyPage) {
    // A page removed or renamed while previewing: its deck goes, as a full build would leave it out.
    for (const file of await listDir(slidesDir)) if (file.endsWith('.md') && !file.startsWith('.') && !live.everyPage.has(file.slice(0, -3))) await rm(join(slidesDir, file), { force: true });
    for (const file of await listDir(outDir)) {
      if (!file.endsWith('.html') || file.startsWith('.') || file === 'index.html' || live.everyPage.has(file.slice(0, -5))) continue;
      await rm(join(outDir, file), { force: true });
      changed.push(file);
    }
  }
  return changed;
}

/** Every file of a live rebuild, staged in `batch`; the dist/ pages that change. */
async function stageLive(prepared: Prepared, options: OutputOptions, { pages, slides }: LiveOutputs, batch: FileBatch): Promise<string[]> {
  const { course, decks } = prepared;
  const { slidesDir, outDir } = options;
  const themeChanged = await batch.write(join(slidesDir, 'course.css'), options.theme);

  const changedPictures = new Set<string>();
  for (const [output, data] of await picturesOf(prepared, options.pictDir)) {
    await batch.write(join(slidesDir, output), data);
    if (await batch.write(join(outDir, output), data)) changedPictures.add(output);
  }

  const changed: string[] = [];
  const { renderDeckHtml } = await loadRenderer();
  // marp-cli renders with the theme without its fonts, as in a full build (a dot file, never served).
  const { rest } = splitFonts(options.theme);
  const themeFile = join(outDir, `.course.${process.pid}.css`);
  await writeFile(themeFile, rest);
  try {
    for (const deck of decks) {
      // marp-cli renders the deck as staged, its pictures beside it, into a dot file of its own.
      const markdownFile = join(slidesDir, `${deck.name}.md`);
      await batch.write(markdownFile, emitMarpMarkdown(deck));
      const rendered = join(outDir, `.${deck.name}.${process.pid}.html`);
      try {
        await renderDeckHtml({ configFile: CONFIG_FILE, themeFile, markdownFile: batch.staged(markdownFile), htmlFile: rendered });
        const htmlChanged = await batch.write(join(outDir, `${deck.name}.html`), publishedDeckHtml(await readFile(rendered, 'utf8'), await prepared.faces.get(deck.name)!, fontStacks(deck.lang).sans));
        if (htmlChanged || themeChanged || deck.pictures.some((p) => changedPictures.has(p.output))) changed.push(`${deck.name}.html`);
      } finally {
        await rm(rendered, { force: true });
      }
    }
  } finally {
    await rm(themeFile, { force: true });
  }

  if (await batch.write(join(outDir, 'index.html'), courseIndexHtml(course, indexDecks(pages.map((p) => ({ name: p.name, title: p.title, topics: p.topics.length, slides: slides.get(p.name) })), false), await prepared.indexFaces))) changed.push('index.html');
  await batch.write(join(outDir, 'favicon.ico'), favicon());
  return changed;
}
