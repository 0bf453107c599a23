// The build, end to end: notes → slides/ (Marp Markdown, theme, pictures) → dist/ (HTML, PDF, index).
// This is the I/O edge: every stage it calls works on values, not files.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseIndexHtml, type IndexDeck } from './course-index.ts';
import { COURSE_FILE, parseCourse, type Course } from './course.ts';
import { composeDeck, type Deck } from './deck.ts';
import { favicon } from './favicon.ts';
import { fitDeck } from './fit.ts';
import { emitMarpMarkdown } from './marp-markdown.ts';
import { openMeasurer } from './measure.ts';
import { parsePage, type Page } from './page.ts';
import { relativizePdfLinks } from './pdf-links.ts';
import { DiagramError, drawDiagram, PICTURE_DIR } from './pictures.ts';
import { NotesError, Problems, type Problem } from './problems.ts';
import { discard, publish, stage } from './publish.ts';
import { renderHtml, renderPdf } from './render.ts';
import { courseTheme, DIAGRAM_FONTS, inlineFontFaces, THEME_FONTS } from './theme.ts';

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

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

/** A notes page as text: UTF-8 (a byte-order mark is dropped), not empty. */
function decodePage(file: string, bytes: Uint8Array, problems: Problems): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Where the decoder first had to replace bytes (U+FFFD) is where the page stops being UTF-8.
    const lossy = new TextDecoder().decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    problems.error({ file, line, col: before.length - before.lastIndexOf('\n') }, 'the page is not UTF-8 text', 'save it as UTF-8 (most editors: "Save with encoding")');
    return undefined;
  }
  if (text.trim() === '') {
    problems.error({ file, line: 1, col: 1 }, 'the page is empty', 'write the page, or remove the file');
    return undefined;
  }
  return text;
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const problems = new Problems();
  const { notesDir, pictDir } = options;

  const courseFile = join(notesDir, COURSE_FILE);
  const courseSource = await readFile(courseFile, 'utf8').catch(() => undefined);
  if (courseSource === undefined) {
    problems.error({ file: courseFile, line: 1, col: 1 }, 'the course file is missing', `add ${COURSE_FILE} with the course's title, author, videoId and chapters`);
    problems.throwIfFailed();
  }
  const { course, problems: courseProblems } = parseCourse(courseFile, courseSource!);
  problems.list.push(...courseProblems.list);

  const pageFiles = (await listDir(notesDir)).filter((f) => f.endsWith('.md')).sort();
  if (pageFiles.length === 0) problems.error({ file: notesDir, line: 1, col: 1 }, 'the notes folder has no pages', 'add a notes page NAME.md');
  const pages: Page[] = [];
  for (const file of pageFiles) {
    const text = decodePage(join(notesDir, file), await readFile(join(notesDir, file)), problems);
    if (text === undefined) continue;
    const parsed = parsePage(join(notesDir, file), text);
    problems.list.push(...parsed.problems.list);
    pages.push(parsed.page);
  }

  const pictureFiles = new Set(await listDir(pictDir));
  const diagramSources = new Map<string, string>();
  for (const file of pictureFiles) if (file.endsWith('.dot')) diagramSources.set(file, await readFile(join(pictDir, file), 'utf8'));

  const context = { course, pages: new Map(pages.map((p) => [p.name, p.title])), pictureFiles, diagramSources };
  const decks = pages.map((page) => {
    const composed = composeDeck(page, context);
    problems.list.push(...composed.problems.list);
    return composed.deck;
  });

  // Draw every diagram the decks show, before anything is written: a broken one stops the build.
  const fonts = { regular: await readPackageFile(DIAGRAM_FONTS.regular), bold: await readPackageFile(DIAGRAM_FONTS.bold) };
  const drawn = new Map<string, string>();
  for (const picture of new Map(decks.flatMap((d) => d.pictures).map((p) => [p.output, p])).values()) {
    if (picture.kind !== 'diagram') continue;
    try {
      drawn.set(picture.output, await drawDiagram(diagramSources.get(picture.source)!, fonts));
    } catch (error) {
      if (!(error instanceof DiagramError)) throw error;
      problems.error({ file: join(pictDir, picture.source), line: error.line, col: 1 }, `Graphviz cannot read the diagram: ${error.message}`, 'fix the DOT syntax at that line');
    }
  }
  problems.throwIfFailed(options.strict);

  // Fit every slide in the real browser with the real theme, fonts and pictures.
  const faces = await fontFaces();
  const theme = courseTheme(await readFile(join(PROJECT_DIR, 'theme', 'course.css'), 'utf8'), faces);
  const pictures = new Map<string, string | Uint8Array>(drawn);
  for (const picture of decks.flatMap((d) => d.pictures)) {
    if (picture.kind === 'file') pictures.set(picture.output, await readFile(join(pictDir, picture.source)));
  }
  const measurer = await openMeasurer(options.browserPath, theme, pictures);
  try {
    for (const [i, deck] of decks.entries()) {
      const fitted = await fitDeck(deck, (markdown) => measurer.measure(markdown), emitMarpMarkdown);
      problems.list.push(...fitted.problems.list);
      decks[i] = fitted.deck;
    }
  } finally {
    await measurer.close();
  }
  problems.throwIfFailed(options.strict);

  const staged = [await stage(options.slidesDir), await stage(options.outDir)];
  try {
    await writeOutputs(decks, { ...options, slidesDir: staged[0]!.path, outDir: staged[1]!.path }, { course, theme, faces, drawn, pictDir });
    await publish(staged);
  } catch (error) {
    await discard(staged);
    throw error;
  }
  return { decks, warnings: problems.warnings };
}

interface Made {
  course: Course;
  theme: string;
  faces: string;
  drawn: Map<string, string>;
  pictDir: string;
}

/** Writes slides/ and dist/ (both staging folders: nothing here is seen before it all succeeded). */
async function writeOutputs(decks: Deck[], options: BuildOptions, { course, theme, faces, drawn, pictDir }: Made): Promise<void> {
  const { slidesDir, outDir } = options;
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
  const render = { configFile: join(PROJECT_DIR, 'marp.config.mjs'), themeFile, slidesDir, outDir };
  await renderHtml(render);
  if (options.pdf) {
    await renderPdf({ ...render, browserPath: options.browserPath });
    const links = { baseDir: resolve(slidesDir), pdfDecks: new Set(decks.map((d) => d.name)) };
    for (const deck of decks) {
      const path = join(outDir, `${deck.name}.pdf`);
      await writeFile(path, await relativizePdfLinks(await readFile(path), links));
    }
  }
  for (const output of new Set(decks.flatMap((d) => d.pictures.map((p) => p.output)))) {
    await copyFile(join(slidesDir, output), join(outDir, output));
  }
  const indexDecks = new Map<string, IndexDeck>(
    decks.map((d) => [d.name, { title: d.title, html: `${d.name}.html`, ...(options.pdf ? { pdf: `${d.name}.pdf` } : {}) }]),
  );
  await writeFile(join(outDir, 'index.html'), courseIndexHtml(course, indexDecks, faces));
  await writeFile(join(outDir, 'favicon.ico'), favicon());
}

export { NotesError };
