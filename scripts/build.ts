// The build, end to end: notes → slides/ (Marp Markdown, theme, pictures) → dist/ (HTML, PDF, index).
// This is the I/O edge: every stage it calls works on values, not files.
//
// A build session keeps what is slow to set up warm between builds — the fonts, the theme, drawn
// diagrams and the fitting browser — so `npm start` can rebuild one deck per save. `npm run build` is a
// session that builds everything once into staging folders and swaps them in (scripts/publish.ts); a
// live rebuild writes the files of the decks it rebuilt in place, each file whole (renamed into place).
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseIndexHtml, type IndexDeck } from './course-index.ts';
import { COURSE_FILE, parseCourse, type Course } from './course.ts';
import { composeDeck, type Deck } from './deck.ts';
import { favicon } from './favicon.ts';
import { fitDeck, type SlideMeasure } from './fit.ts';
import { emitMarpMarkdown } from './marp-markdown.ts';
import { openMeasurer, type Measurer } from './measure.ts';
import { decodePageText, parsePage, type Page, type ParsedPage } from './page.ts';
import { buildIdentity, PdfCache, pdfKey, sourcesOf } from './pdf-cache.ts';
import { relativizePdfLinks } from './pdf-links.ts';
import { DiagramError, drawDiagram, PICTURE_DIR, type DiagramFonts } from './pictures.ts';
import { NotesError, Problems, type Problem } from './problems.ts';
import { discard, publish, stage } from './publish.ts';
import { renderDeckHtml, renderHtml, renderPdf } from './render.ts';
import { courseTheme, DIAGRAM_FONTS, inlineFontFaces, THEME_FONTS } from './theme.ts';

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const THEME_FILE = join(PROJECT_DIR, 'theme', 'course.css');
const CONFIG_FILE = join(PROJECT_DIR, 'marp.config.mjs');
const require = createRequire(import.meta.url);
/** How many measurements a session keeps (a few KB of Markdown each). */
const MEASURED_KEPT = 500;

export interface BuildOptions {
  notesDir: string;
  pictDir: string;
  slidesDir: string;
  outDir: string;
  pdf: boolean;
  strict: boolean;
  /** Chromium, for fitting the slides and for the PDFs. */
  browserPath: string;
}

export interface BuildResult {
  decks: Deck[];
  warnings: Problem[];
}

/** What a live rebuild is asked to redo, from the files saved. */
export interface Change {
  /** Every deck (the theme, the course file, or the set of pages changed). */
  all?: boolean;
  /** Notes pages saved, by name (`statefulsets`). */
  pages?: Iterable<string>;
  /** Pictures saved, by file name in the picture folder (`x.dot`, `x.png`). */
  pictures?: Iterable<string>;
}

export interface RebuildResult extends BuildResult {
  /** Whether every deck of the course was rebuilt (or tried). */
  all: boolean;
  /** The decks tried, by name: rebuilt (in `decks`) or failed. */
  tried: string[];
  /** Decks that did not build, each with every problem that stopped it: its last good files stay. */
  failed: { name: string; problems: Problem[] }[];
  /** The pages of dist/ to reload: whose file, or a picture they show, changed (`statefulsets.html`, `index.html`). */
  changed: string[];
}

/** Reads a file of an npm package (fonts), relative to the package file that names it. */
async function readPackageFile(specifier: string): Promise<Buffer> {
  return readFile(require.resolve(specifier));
}

async function fontFaces(): Promise<string> {
  const parts: string[] = [];
  for (const font of THEME_FONTS) {
    const cssPath = require.resolve(font.css);
    const css = await readFile(cssPath, 'utf8');
    const files = new Map<string, Buffer>();
    for (const match of css.matchAll(/url\((\.\/files\/[^)]+\.woff2)\)/g)) files.set(match[1]!, await readFile(join(dirname(cssPath), match[1]!)));
    parts.push(inlineFontFaces(css, font.subsets, (relative) => files.get(relative)!));
  }
  return parts.join('\n');
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** A notes page of the folder: parsed when it could be read, with its reading and parsing problems. */
interface SourcePage {
  name: string;
  page?: Page;
  problems: Problem[];
}

/** A course folder as read from disk. */
interface Sources {
  course: Course;
  /** The course file's problems, and the folder's (no pages): every build reports them. */
  courseProblems: Problem[];
  /** In file name order. */
  pages: SourcePage[];
  pictureFiles: Set<string>;
  diagramSources: Map<string, string>;
}

/** Parsed pages by file, with the text they were parsed from: a page that did not change is not parsed again. */
type ParsedPages = Map<string, { text: string; parsed: ParsedPage }>;

async function readSources(notesDir: string, pictDir: string, known: ParsedPages): Promise<Sources> {
  const courseFile = join(notesDir, COURSE_FILE);
  const courseSource = await readFile(courseFile, 'utf8').catch(() => undefined);
  if (courseSource === undefined) {
    const problems = new Problems();
    problems.error({ file: courseFile, line: 1, col: 1 }, 'the course file is missing', `add ${COURSE_FILE} with the course's title, author, videoId and chapters`);
    problems.throwIfFailed();
  }
  const { course, problems: courseProblems } = parseCourse(courseFile, courseSource!);

  const pageFiles = (await listDir(notesDir)).filter((f) => f.endsWith('.md')).sort();
  if (pageFiles.length === 0) courseProblems.error({ file: notesDir, line: 1, col: 1 }, 'the notes folder has no pages', 'add a notes page NAME.md');
  const pages: SourcePage[] = [];
  for (const file of pageFiles) {
    const name = file.replace(/\.md$/, '');
    const problems = new Problems();
    const text = decodePageText(join(notesDir, file), await readFile(join(notesDir, file)), problems);
    if (text === undefined) {
      pages.push({ name, problems: problems.list });
      continue;
    }
    const path = join(notesDir, file);
    const parsed = known.get(path)?.text === text ? known.get(path)!.parsed : parsePage(path, text);
    known.set(path, { text, parsed });
    pages.push({ name, page: parsed.page, problems: [...problems.list, ...parsed.problems.list] });
  }

  const pictureFiles = new Set(await listDir(pictDir));
  const diagramSources = new Map<string, string>();
  for (const file of pictureFiles) if (file.endsWith('.dot')) diagramSources.set(file, await readFile(join(pictDir, file), 'utf8'));
  return { course, courseProblems: courseProblems.list, pages, pictureFiles, diagramSources };
}

function readPages(sources: Sources): Page[] {
  return sources.pages.flatMap(({ page }) => (page ? [page] : []));
}

function titlesOf(sources: Sources): Map<string, string> {
  return new Map(readPages(sources).map((page) => [page.name, page.title]));
}

/** Each page's title, undefined for a page that could not be read. */
function pageTitles(sources: Sources): Map<string, string | undefined> {
  return new Map(sources.pages.map(({ name, page }) => [name, page?.title]));
}

/** The stem of a picture file or reference: `pict/x.png` and `x.dot` are both `x`. */
function pictureStem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '');
}

/** Writes a file whole: readers (the live server) see the old bytes or the new, never a part. */
async function writeWhole(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** Writes a file when its bytes differ from what is there; says whether it did. */
async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const before = await readFile(path).catch(() => undefined);
  if (before?.equals(Buffer.from(data))) return false;
  await writeWhole(path, data);
  return true;
}

interface Prepared {
  course: Course;
  decks: Deck[];
  /** The drawn diagrams of these decks, by output path (`pict/x.svg`). */
  drawn: Map<string, string>;
  warnings: Problem[];
}

export class BuildSession {
  private theme = '';
  private measurer: Measurer | undefined;
  /** The pictures the fitting browser serves, by output path; it reads this map as it asks. */
  private readonly pictures = new Map<string, string | Uint8Array>();
  /** Pages parsed before: a save parses the saved page, not every page of the course again. */
  private readonly parsed: ParsedPages = new Map();
  /** Drawn diagrams by DOT source: an unchanged diagram is not drawn again. */
  private readonly diagrams = new Map<string, string>();
  /**
   * Measurements by the Marp Markdown measured: fitting a deck again after a save measures mostly
   * slides it measured before. Valid while the fitting browser (its theme and pictures) is.
   */
  private readonly measured = new Map<string, SlideMeasure[]>();
  /** Each page's title at the last good build: a changed title changes other decks' BACK links. */
  private titles: Map<string, string | undefined> | undefined;

  private constructor(
    readonly options: BuildOptions,
    private readonly faces: string,
    private readonly diagramFonts: DiagramFonts,
  ) {}

  static async open(options: BuildOptions): Promise<BuildSession> {
    const fonts = { regular: await readPackageFile(DIAGRAM_FONTS.regular), bold: await readPackageFile(DIAGRAM_FONTS.bold) };
    const session = new BuildSession(options, await fontFaces(), fonts);
    await session.reloadTheme();
    return session;
  }

  /** Reads theme/course.css again; the fitting browser restarts with it at the next fit. */
  async reloadTheme(): Promise<void> {
    this.theme = courseTheme(await readFile(THEME_FILE, 'utf8'), this.faces);
    await this.closeMeasurer();
  }

  async close(): Promise<void> {
    await this.closeMeasurer();
  }

  private async closeMeasurer(): Promise<void> {
    const measurer = this.measurer;
    this.measurer = undefined;
    this.measured.clear();
    await measurer?.close();
  }

  private async measure(markdown: string): Promise<SlideMeasure[]> {
    const known = this.measured.get(markdown);
    if (known) return known;
    this.measurer ??= await openMeasurer(this.options.browserPath, this.theme, this.pictures);
    const measures = await this.measurer.measure(markdown);
    this.measured.set(markdown, measures);
    if (this.measured.size > MEASURED_KEPT) this.measured.delete(this.measured.keys().next().value!);
    return measures;
  }

  /**
   * Composes, draws and fits the decks of `wanted`. Stops with every problem found (`found` first: the
   * course file's, for a full build), so one run reports all of them.
   */
  private async prepare(sources: Sources, wanted: SourcePage[], found: Problem[]): Promise<Prepared> {
    const { options } = this;
    const problems = new Problems();
    problems.list.push(...found, ...wanted.flatMap((p) => p.problems));

    const context = {
      course: sources.course,
      pages: titlesOf(sources),
      pictureFiles: sources.pictureFiles,
      diagramSources: sources.diagramSources,
    };
    const decks = wanted.flatMap(({ page }) => {
      if (!page) return [];
      const composed = composeDeck(page, context);
      problems.list.push(...composed.problems.list);
      return [composed.deck];
    });

    // Draw every diagram the decks show, before anything is written: a broken one stops the build.
    const current = new Set(sources.diagramSources.values());
    for (const dot of this.diagrams.keys()) if (!current.has(dot)) this.diagrams.delete(dot);
    const drawn = new Map<string, string>();
    for (const picture of new Map(decks.flatMap((d) => d.pictures).map((p) => [p.output, p])).values()) {
      if (picture.kind !== 'diagram') continue;
      const dot = sources.diagramSources.get(picture.source)!;
      try {
        const svg = this.diagrams.get(dot) ?? (await drawDiagram(dot, this.diagramFonts));
        this.diagrams.set(dot, svg);
        drawn.set(picture.output, svg);
      } catch (error) {
        if (!(error instanceof DiagramError)) throw error;
        problems.error({ file: join(options.pictDir, picture.source), line: error.line, col: 1 }, `Graphviz cannot read the diagram: ${error.message}`, 'fix the DOT syntax at that line');
      }
    }
    problems.throwIfFailed(options.strict);

    // Fit every slide in the real browser with the real theme, fonts and pictures.
    const pictures = new Map<string, string | Uint8Array>(drawn);
    for (const picture of decks.flatMap((d) => d.pictures)) {
      if (picture.kind === 'file') pictures.set(picture.output, await readFile(join(options.pictDir, picture.source)));
    }
    // The fitting page keeps a picture it has shown by its path: a changed picture needs a fresh page.
    const shown = (path: string, data: string | Uint8Array) => this.pictures.has(path) && !Buffer.from(this.pictures.get(path)!).equals(Buffer.from(data));
    if ([...pictures].some(([path, data]) => shown(path, data))) await this.closeMeasurer();
    for (const [path, data] of pictures) this.pictures.set(path, data);
    for (const [i, deck] of decks.entries()) {
      const fitted = await fitDeck(deck, (markdown) => this.measure(markdown), emitMarpMarkdown);
      problems.list.push(...fitted.problems.list);
      decks[i] = fitted.deck;
    }
    problems.throwIfFailed(options.strict);
    return { course: sources.course, decks, drawn, warnings: problems.warnings };
  }

  /** Every deck, written into staging folders that replace slides/ and dist/ only when all succeeded. */
  async buildAll(): Promise<BuildResult> {
    const sources = await readSources(this.options.notesDir, this.options.pictDir, this.parsed);
    const prepared = await this.prepare(sources, sources.pages, sources.courseProblems);
    // The PDFs are printed by a browser of marp-cli's own: a PDF build (never a live one) frees the fitting one first.
    if (this.options.pdf) await this.closeMeasurer();
    const staged = [await stage(this.options.slidesDir), await stage(this.options.outDir)];
    try {
      await writeOutputs(prepared, { ...this.options, slidesDir: staged[0]!.path, outDir: staged[1]!.path }, this.theme, this.faces);
      await publish(staged);
    } catch (error) {
      await discard(staged);
      throw error;
    }
    this.titles = pageTitles(sources);
    return { decks: prepared.decks, warnings: prepared.warnings };
  }

  /**
   * The live rebuild: the decks a change touches, each built on its own and written in place into
   * slides/ and dist/ (HTML, no PDFs). A deck that fails writes nothing, so its last good files stay.
   * Every deck is rebuilt when the pages or their titles changed since the last good build: BACK links
   * and the index name them. Throws only when the course file stops every deck.
   */
  async rebuild(change: Change): Promise<RebuildResult> {
    const sources = await readSources(this.options.notesDir, this.options.pictDir, this.parsed);
    const courseErrors = sources.courseProblems.filter((p) => p.severity === 'error');
    if (courseErrors.length > 0) throw new NotesError(courseErrors);
    const titles = pageTitles(sources);
    const last = this.titles;
    const retitled = last === undefined || last.size !== titles.size || [...titles].some(([name, title]) => !last.has(name) || last.get(name) !== title);
    const stems = new Set([...(change.pictures ?? [])].map(pictureStem));
    const saved = new Set(change.pages ?? []);
    const all = change.all === true || retitled;
    const wanted = sources.pages.filter(
      ({ name, page }) => all || saved.has(name) || page?.topics.some((topic) => topic.picture !== undefined && stems.has(pictureStem(topic.picture.src))),
    );

    const result: RebuildResult = { all, tried: wanted.map((p) => p.name), decks: [], warnings: [...sources.courseProblems], failed: [], changed: [] };
    if (wanted.length === 0) return result;
    const prepared: Prepared = { course: sources.course, decks: [], drawn: new Map(), warnings: [] };
    for (const page of wanted) {
      try {
        const one = await this.prepare(sources, [page], []);
        prepared.decks.push(...one.decks);
        for (const [output, svg] of one.drawn) prepared.drawn.set(output, svg);
        result.warnings.push(...one.warnings);
      } catch (error) {
        if (error instanceof NotesError) {
          result.failed.push({ name: page.name, problems: [...error.problems] });
          continue;
        }
        // Not the notes: the fitting browser may be what failed; the next rebuild starts a new one.
        await this.closeMeasurer().catch(() => undefined);
        throw error;
      }
    }
    const everyPage = all ? new Set(titles.keys()) : undefined;
    result.changed = await writeLive(prepared, this.options, { theme: this.theme, faces: this.faces, pages: readPages(sources), everyPage });
    result.decks = prepared.decks;
    // A deck that failed is rebuilt, with the titles of then, when its own fix is saved.
    this.titles = titles;
    return result;
  }
}

/** `npm run build`: every deck, once, in a session of its own. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const session = await BuildSession.open(options);
  try {
    return await session.buildAll();
  } finally {
    await session.close();
  }
}

function indexDecks(decks: { name: string; title: string }[], pdf: boolean): Map<string, IndexDeck> {
  return new Map(decks.map((d) => [d.name, { title: d.title, html: `${d.name}.html`, ...(pdf ? { pdf: `${d.name}.pdf` } : {}) }]));
}

/** Writes slides/ and dist/ (both staging folders: nothing here is seen before it all succeeded). */
async function writeOutputs({ course, decks, drawn }: Prepared, options: BuildOptions, theme: string, faces: string): Promise<void> {
  const { slidesDir, outDir, pictDir } = options;
  // slides/: the Marp Markdown, the theme and the pictures it shows, openable as they are by stock Marp.
  await mkdir(join(slidesDir, PICTURE_DIR), { recursive: true });
  const themeFile = join(slidesDir, 'course.css');
  await writeFile(themeFile, theme);
  for (const deck of decks) await writeFile(join(slidesDir, `${deck.name}.md`), emitMarpMarkdown(deck));
  for (const [output, svg] of drawn) await writeFile(join(slidesDir, output), svg);
  for (const picture of decks.flatMap((d) => d.pictures)) {
    if (picture.kind === 'file') await copyFile(join(pictDir, picture.source), join(slidesDir, picture.output));
  }

  // dist/: HTML (and PDF) decks, their pictures, the course index.
  await mkdir(join(outDir, PICTURE_DIR), { recursive: true });
  const render = { configFile: CONFIG_FILE, themeFile, slidesDir, outDir };
  await renderHtml(render);
  if (options.pdf) await writePdfs(decks, drawn, options, theme, themeFile);
  for (const output of new Set(decks.flatMap((d) => d.pictures.map((p) => p.output)))) {
    await copyFile(join(slidesDir, output), join(outDir, output));
  }
  await writeFile(join(outDir, 'index.html'), courseIndexHtml(course, indexDecks(decks, options.pdf), faces));
  await writeFile(join(outDir, 'favicon.ico'), favicon());
}

/** The files whose change must invalidate every cached PDF. */
async function identityFiles(): Promise<string[]> {
  // The scripts that make decks; the bench, the verifier and the dev server print no PDF.
  const tools = new Set(['bench.ts', 'verify-cli.ts', 'start.ts', 'live-server.ts', 'live-client.ts', 'screenshots.ts', 'serve.ts', 'setup-browser.ts']);
  const scripts = (await sourcesOf(join(PROJECT_DIR, 'scripts'))).filter((file) => !tools.has(basename(file)));
  const files = [...scripts, CONFIG_FILE, THEME_FILE];
  const lock = join(PROJECT_DIR, 'package-lock.json');
  return (await readFile(lock).then(() => true, () => false)) ? [...files, lock] : files;
}

/**
 * The PDFs: decks whose inputs did not change since they were last printed come from the cache
 * (`node_modules/.cache/course-decks/`); the others are printed in one marp-cli run (one browser), from
 * a folder holding only them, then their links are made relative again and they are cached.
 */
async function writePdfs(decks: Deck[], drawn: Map<string, string>, options: BuildOptions, theme: string, themeFile: string): Promise<void> {
  const { slidesDir, outDir } = options;
  const cache = new PdfCache(join(PROJECT_DIR, 'node_modules', '.cache', 'course-decks', 'pdf'));
  const identity = await buildIdentity(await identityFiles(), theme, options.browserPath);
  const pdfDecks = decks.map((d) => d.name);
  const keys = new Map<string, string>();
  for (const deck of decks) {
    const pictures = new Map<string, string | Uint8Array>();
    for (const picture of deck.pictures) pictures.set(picture.output, drawn.get(picture.output) ?? (await readFile(join(slidesDir, picture.output))));
    keys.set(deck.name, pdfKey({ identity, markdown: emitMarpMarkdown(deck), pictures, pdfDecks }));
  }
  const missing: Deck[] = [];
  for (const deck of decks) if (!(await cache.restore(keys.get(deck.name)!, join(outDir, `${deck.name}.pdf`)))) missing.push(deck);
  if (missing.length === 0) return;

  const printDir = join(slidesDir, '.print');
  await mkdir(join(printDir, PICTURE_DIR), { recursive: true });
  for (const deck of missing) {
    await copyFile(join(slidesDir, `${deck.name}.md`), join(printDir, `${deck.name}.md`));
    for (const picture of deck.pictures) await copyFile(join(slidesDir, picture.output), join(printDir, picture.output));
  }
  await renderPdf({ configFile: CONFIG_FILE, themeFile, slidesDir: printDir, outDir, browserPath: options.browserPath });
  await rm(printDir, { recursive: true, force: true });
  const links = { baseDir: resolve(printDir), pdfDecks: new Set(pdfDecks) };
  for (const deck of missing) {
    const path = join(outDir, `${deck.name}.pdf`);
    const pdf = await relativizePdfLinks(await readFile(path), links);
    await writeFile(path, pdf);
    await cache.store(keys.get(deck.name)!, pdf);
  }
}

interface LiveOutputs {
  theme: string;
  faces: string;
  /** Every page of the course that could be read, for the index. */
  pages: Page[];
  /** Every page's name, when every deck was rebuilt: then decks of pages no longer there are removed. */
  everyPage: ReadonlySet<string> | undefined;
}

/**
 * Writes rebuilt decks into slides/ and dist/ in place, each file whole and only when its bytes
 * changed, and renders their HTML one deck at a time. No PDFs: the index links the HTML decks only.
 * Returns the dist/ pages to reload.
 */
async function writeLive({ course, decks, drawn }: Prepared, options: BuildOptions, { theme, faces, pages, everyPage }: LiveOutputs): Promise<string[]> {
  const { slidesDir, outDir, pictDir } = options;
  await mkdir(join(slidesDir, PICTURE_DIR), { recursive: true });
  await mkdir(join(outDir, PICTURE_DIR), { recursive: true });
  const themeFile = join(slidesDir, 'course.css');
  const themeChanged = await writeIfChanged(themeFile, theme);

  const changedPictures = new Set<string>();
  for (const picture of new Map(decks.flatMap((d) => d.pictures).map((p) => [p.output, p])).values()) {
    const data = picture.kind === 'diagram' ? drawn.get(picture.output)! : await readFile(join(pictDir, picture.source));
    await writeIfChanged(join(slidesDir, picture.output), data);
    if (await writeIfChanged(join(outDir, picture.output), data)) changedPictures.add(picture.output);
  }

  const changed: string[] = [];
  for (const deck of decks) {
    const markdownFile = join(slidesDir, `${deck.name}.md`);
    await writeIfChanged(markdownFile, emitMarpMarkdown(deck));
    // marp-cli writes its file in pieces: it renders beside the deck (a dot file, never served) first.
    const rendered = join(outDir, `.${deck.name}.${process.pid}.html`);
    try {
      await renderDeckHtml({ configFile: CONFIG_FILE, themeFile, markdownFile, htmlFile: rendered });
      const htmlChanged = await writeIfChanged(join(outDir, `${deck.name}.html`), await readFile(rendered));
      if (htmlChanged || themeChanged || deck.pictures.some((p) => changedPictures.has(p.output))) changed.push(`${deck.name}.html`);
    } finally {
      await rm(rendered, { force: true });
    }
  }
  if (everyPage) {
    // A page removed or renamed while previewing: its deck goes, as a full build would leave it out.
    for (const file of await listDir(slidesDir)) if (file.endsWith('.md') && !everyPage.has(file.slice(0, -3))) await rm(join(slidesDir, file), { force: true });
    for (const file of await listDir(outDir)) {
      if (!file.endsWith('.html') || file === 'index.html' || everyPage.has(file.slice(0, -5))) continue;
      await rm(join(outDir, file), { force: true });
      changed.push(file);
    }
  }

  if (await writeIfChanged(join(outDir, 'index.html'), courseIndexHtml(course, indexDecks(pages, false), faces))) changed.push('index.html');
  await writeIfChanged(join(outDir, 'favicon.ico'), favicon());
  return changed;
}

export { NotesError };
