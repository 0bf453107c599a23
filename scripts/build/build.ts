// The build, end to end: notes → slides/ (Marp Markdown, theme, pictures) → dist/ (HTML, PDF, index).
// This is the I/O edge: every stage it calls works on values, not files.
//
// A build session keeps what is slow to set up warm between builds — the fonts, the theme, drawn
// diagrams, and Chromium (which fits the slides and prints the PDFs) — so `npm start` can rebuild one
// deck per save. `npm run build` is a session that builds everything once into staging folders and
// swaps them in (scripts/build/publish.ts); a live rebuild writes the files of the decks it rebuilt in
// place (scripts/build/outputs.ts). What does not change between builds is read back from the caches
// (scripts/build/cache.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closeChromium, launchChromium, type Chromium } from '../browser/chromium.ts';
import { FileCache, fitKey, projectIdentity } from './cache.ts';
import { composeDeck, type Deck } from '../deck/deck.ts';
import { fitDeck, type SlideMeasure } from '../deck/fit.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import { openMeasurer, type Measurer } from '../render/measure.ts';
import { loadRenderer, readPicture, writeLive, writeOutputs, type OutputOptions, type Prepared } from './outputs.ts';
import { checkPictureFormat } from './picture-files.ts';
import { diagramStandIn, type PictureSource } from '../pictures/pictures.ts';
import { Diagrams } from './diagrams.ts';
import { diagramFonts, FontBook, shownText } from './fonts.ts';
import type { FontPlan } from '../render/font-plan.ts';
import { courseFonts, uncoveredCharacters } from './deck-fonts.ts';
import { Printer } from '../render/print.ts';
import type { Paper } from '../render/handout.ts';
import { NotesError, Problems, type Problem } from '../problems.ts';
import type { Progress } from '../progress.ts';
import { CACHE_DIR, THEME_FILE } from '../project.ts';
import { discard, publish, stage } from './publish.ts';
import { pagePictures } from '../notes/page.ts';
import { withOutputLock } from './lock.ts';
import { checkOutputFolders } from './output-folders.ts';
import { pageTitles, pictureStem, readPages, readSources, titlesOf, type ParsedPages, type SourcePage, type Sources } from '../notes/sources.ts';
import { courseTheme } from '../render/theme.ts';

export { THEME_FILE };
/** How many measurements a session keeps (a few KB of Markdown each). */
const MEASURED_KEPT = 500;

export interface BuildOptions {
  notesDir: string;
  pictDir: string;
  slidesDir: string;
  outDir: string;
  pdf: boolean;
  strict: boolean;
  /** With the PDFs, a handout per deck on this paper. */
  paper?: Paper;
  /** A PowerPoint per deck too. */
  pptx?: boolean;
  /** Chromium, for fitting the slides and for the PDFs. */
  browserPath: string;
  /** Told as each deck is fitted, rendered and printed (a terminal shows it). */
  progress?: Progress;
}

/** A deck as fitting left it, with what fitting had to say (as the fit cache keeps it). */
interface FittedDeck {
  deck: Deck;
  problems: Problem[];
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

export class BuildSession {
  /** theme/course.css as written. */
  private themeSource = '';
  /** The course theme with the course's fonts (slides/course.css), which the fitting page shows. */
  private theme = '';
  /** The course's fonts: every deck's characters (see deck-fonts.ts), and what they were made for. */
  private courseFaces: { key: string; faces: string; plan?: FontPlan } = { key: '', faces: '' };
  /** The text and language of every deck built, by name: the course's fonts cover them all. */
  private readonly deckTexts = new Map<string, { text: string; lang: string }>();
  /** The build's identity with the current theme (see cache.ts): every cache key starts with it. */
  private identity: Promise<string> = Promise.resolve('');
  private chromium: Promise<Chromium> | undefined;
  private readonly caches = {
    diagram: new FileCache(join(CACHE_DIR, 'diagram'), 'svg'),
    fit: new FileCache(join(CACHE_DIR, 'fit'), 'json'),
  };
  /** The fitting page: opened as soon as a deck is known to need fitting, kept while theme and pictures hold. */
  private measurer: Promise<Measurer> | undefined;
  /** The pictures the fitting browser serves, by output path; it reads this map as it asks. */
  private readonly pictures = new Map<string, string | Uint8Array>();
  /** Stand-ins of the drawn diagrams, by output path, which the fitting page shows in their place. */
  private readonly standIns = new Map<string, string>();
  /** Pages parsed before: a save parses the saved page, not every page of the course again. */
  private readonly parsed: ParsedPages = new Map();
  /** The diagrams the decks show, drawn (or read back) before the decks are fitted. */
  private readonly diagrams: Diagrams;
  /**
   * Measurements by the Marp Markdown measured: fitting a deck again after a save measures mostly
   * slides it measured before. Valid while the fitting browser (its theme and pictures) is.
   */
  private readonly measured = new Map<string, SlideMeasure[]>();
  /** How many slides each deck had when last built, by name: the course index shows it. */
  private readonly slideCounts = new Map<string, number>();
  /** Each page's title at the last good build: a changed title changes other decks' BACK links. */
  private titles: Map<string, string | undefined> | undefined;


  private constructor(
    readonly options: BuildOptions,
    private readonly fonts: FontBook,
  ) {
    this.diagrams = new Diagrams(this.caches.diagram, diagramFonts(fonts), options.pictDir, () => this.browser());
  }

  /** `chromium`: a Chromium already launching for this session (see `fitsLikelyMissing`); it closes it. */
  static async open(options: BuildOptions, chromium?: Promise<Chromium>): Promise<BuildSession> {
    await checkOutputFolders(options);
    const session = new BuildSession(options, await FontBook.open());
    if (chromium) {
      chromium.catch(() => undefined);
      session.chromium = chromium;
    }
    await session.reloadTheme();
    return session;
  }

  /**
   * The session's Chromium, for fitting and printing: launched when a deck first needs it (a build
   * whose decks all come from the caches needs none), and again if it went away.
   */
  private browser(): Promise<Chromium> {
    // Decided without waiting: two callers in the same moment get the same Chromium.
    const current = this.chromium;
    if (!current) return this.launch();
    return current.then((browser) => {
      if (browser.connected) return browser;
      if (this.chromium === current) void this.launch().catch(() => undefined);
      return this.chromium!;
    });
  }

  private launch(): Promise<Chromium> {
    this.chromium = launchChromium(this.options.browserPath);
    // Started ahead of its first use: a failed launch is reported where it is awaited.
    this.chromium.catch(() => undefined);
    return this.chromium;
  }

  /** Reads theme/course.css again; the fitting page starts again with it at the next fit. */
  async reloadTheme(): Promise<void> {
    this.themeSource = await readFile(THEME_FILE, 'utf8');
    this.theme = courseTheme(this.themeSource, this.courseFaces.faces);
    // The fonts a deck gets follow from its text and the font packages: the identity names the packages.
    this.identity = projectIdentity(`${this.themeSource}\n${this.fonts.identity}`, this.options.browserPath);
    await this.closeMeasurer();
  }

  /**
   * The course's fonts for the decks built so far and `decks`: when they need characters the course's
   * fonts lack, the theme gets new fonts, and the fitting page starts again with them.
   */
  private async useCourseFonts(names: ReadonlySet<string>, decks: readonly Deck[]): Promise<void> {
    for (const name of [...this.deckTexts.keys()]) if (!names.has(name)) this.deckTexts.delete(name);
    for (const deck of decks) this.deckTexts.set(deck.name, { text: shownText(emitMarpMarkdown(deck)), lang: deck.lang });
    const course = courseFonts([...this.deckTexts.values()]);
    if (course.key === this.courseFaces.key) return;
    this.courseFaces = { key: course.key, faces: await this.fonts.faces(course.text, course.lang), plan: this.fonts.plan(course.text, course.lang) };
    this.theme = courseTheme(this.themeSource, this.courseFaces.faces);
    await this.closeMeasurer();
  }

  async close(): Promise<void> {
    const launched = this.chromium;
    this.chromium = undefined;
    const browser = await launched?.catch(() => undefined);
    // The fitting page goes with Chromium (see closeChromium).
    await this.takeMeasurer();
    this.diagrams.forgetBrowser();
    if (browser) await closeChromium(browser);
  }

  private async closeMeasurer(): Promise<void> {
    await (await this.takeMeasurer())?.page.close();
  }

  /**
   * The fitting page and its Marp, taken from the session, which fits no more with them (a next fit
   * opens a new page): closed when the theme or a picture changed, or handed to printing — its fonts
   * and the decks' pictures are decoded already, and Chromium need not start another page.
   */
  private async takeMeasurer(): Promise<Measurer | undefined> {
    const measurer = this.measurer;
    this.measurer = undefined;
    this.measured.clear();
    return measurer?.catch(() => undefined);
  }

  /** Opens the fitting page (and Chromium) ahead of its first use; a failure is reported where it is awaited. */
  private openMeasurer(): Promise<Measurer> {
    if (!this.measurer) {
      const theme = this.theme;
      const opening = openMeasurer(this.browser(), theme, this.pictures, this.standIns);
      opening.catch(() => {
        // The next fit tries again with a new page.
        if (this.measurer === opening) this.measurer = undefined;
      });
      this.measurer = opening;
    }
    return this.measurer;
  }

  private async measure(markdown: string): Promise<SlideMeasure[]> {
    const known = this.measured.get(markdown);
    if (known) return known;
    const measures = await (await this.openMeasurer()).measure(markdown);
    this.measured.set(markdown, measures);
    if (this.measured.size > MEASURED_KEPT) this.measured.delete(this.measured.keys().next().value!);
    return measures;
  }

  private async outputOptions(): Promise<OutputOptions> {
    return { ...this.options, theme: this.theme, identity: await this.identity };
  }

  /** Fits a deck in Chromium; a deck that fits (warnings or not) is cached by what it was fitted from. */
  private async fit(deck: Deck, key: string): Promise<FittedDeck> {
    // A code block is cut where the deck's own highlighter has no span open (see deck/blocks.ts).
    const highlight = async (code: string, lang: string) => (await this.openMeasurer()).marp.highlighter(code, lang, '');
    const { deck: fitted, problems } = await fitDeck(deck, (markdown) => this.measure(markdown), emitMarpMarkdown, highlight);
    const result = { deck: fitted, problems: problems.list };
    if (!problems.list.some((p) => p.severity === 'error')) await this.caches.fit.store(key, JSON.stringify(result));
    return result;
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
    // The course's fonts first (the fitting page needs them); each deck's own are subset while its
    // slides are fitted (fitting adds no character but ASCII).
    await this.useCourseFonts(new Set(sources.pages.map((p) => p.name)), decks);
    const shared = this.courseFaces.plan;
    const faces = new Map(decks.map((deck) => [deck.name, this.fonts.faces(shownText(emitMarpMarkdown(deck)), deck.lang, { shared })]));
    const indexFaces = this.fonts.faces(shownText(`${JSON.stringify(sources.course)}\n${[...context.pages.values()].join('\n')}`), 'en', { shared });
    for (const promise of [...faces.values(), indexFaces]) promise.catch(() => undefined);

    // What each deck is fitted from (the composed deck and its pictures' sources): a deck fitted
    // before from the same inputs is read back. If any is not, Chromium and the fitting page open now,
    // while the diagrams are drawn.
    const identity = await this.identity;
    const sourceOf = async (picture: PictureSource) => {
      if (picture.kind !== 'file') return picture.code ?? sources.diagramSources.get(picture.source)!;
      const bytes = await readFile(join(options.pictDir, picture.source));
      checkPictureFormat(join(options.pictDir, picture.source), bytes, problems);
      return bytes;
    };
    const fitKeys: string[] = [];
    for (const deck of decks) {
      const inputs = new Map<string, string | Uint8Array>();
      for (const picture of deck.pictures) inputs.set(picture.output, await sourceOf(picture));
      fitKeys.push(fitKey(identity, JSON.stringify(deck), inputs));
    }
    const fits = await Promise.all(fitKeys.map((key) => this.caches.fit.get(key)));
    // A build already stopped by its problems (they are reported once the diagrams are drawn) needs none.
    const stopped = (options.strict ? problems.list : problems.errors).length > 0;
    if (!stopped && fits.some((fit) => fit === undefined)) void this.openMeasurer().catch(() => undefined);

    const drawn = await this.diagrams.draw(decks, sources, identity, problems);
    problems.throwIfFailed(options.strict);

    // Fit every slide in the real browser with the real theme, fonts and pictures (a drawn diagram by
    // its stand-in: see diagramStandIn).
    const pictures = new Map<string, string | Uint8Array>(drawn);
    for (const picture of decks.flatMap((d) => d.pictures)) {
      if (picture.kind === 'file') pictures.set(picture.output, await readPicture(options.pictDir, picture.source));
    }
    // The fitting page keeps a picture it has shown by its path: a changed picture needs a fresh page.
    const shown = (path: string, data: string | Uint8Array) => this.pictures.has(path) && !Buffer.from(this.pictures.get(path)!).equals(Buffer.from(data));
    if ([...pictures].some(([path, data]) => shown(path, data))) await this.closeMeasurer();
    for (const [path, data] of pictures) this.pictures.set(path, data);
    for (const [path, svg] of drawn) {
      const standIn = diagramStandIn(svg);
      if (standIn) this.standIns.set(path, standIn);
      else this.standIns.delete(path);
    }
    // A deck fitted now is rendered next: marp-cli loads while Chromium measures.
    if (fits.some((fit) => fit === undefined)) void loadRenderer().catch(() => undefined);
    // The decks are fitted at once: one's slides are rendered while Chromium measures another's.
    let done = 0;
    const fitted = await Promise.all(
      decks.map(async (deck, i) => {
        const one = fits[i] ? (JSON.parse(fits[i].toString('utf8')) as FittedDeck) : await this.fit(deck, fitKeys[i]!);
        options.progress?.('fitted', ++done, decks.length);
        return one;
      }),
    );
    for (const [i, { deck, problems: found }] of fitted.entries()) {
      problems.list.push(...found);
      decks[i] = deck;
    }
    // Which characters no font has is known for sure once the deck's fonts are made (see FontBook.faces).
    await Promise.all(faces.values());
    for (const deck of decks) problems.list.push(...(await uncoveredCharacters(deck, this.fonts.plan(shownText(emitMarpMarkdown(deck)), deck.lang).uncovered)));
    problems.throwIfFailed(options.strict);
    return { course: sources.course, decks, drawn, warnings: problems.warnings, faces, indexFaces };
  }

  /**
   * Every deck, written into staging folders that replace slides/ and dist/ only when all succeeded.
   * `last`: the session closes after this build, so Chromium goes as soon as the decks are fitted
   * when it prints no PDFs: it ends while the HTML is rendered.
   */
  async buildAll({ last = false } = {}): Promise<BuildResult> {
    const sources = await readSources(this.options.notesDir, this.options.pictDir, this.parsed);
    const prepared = await this.prepare(sources, sources.pages, sources.courseProblems);
    const closing = last && !this.options.pdf && !this.options.pptx ? this.close() : Promise.resolve();
    closing.catch(() => undefined);
    try {
      await withOutputLock([this.options.slidesDir, this.options.outDir], async () => {
        const staged = [await stage(this.options.slidesDir), await stage(this.options.outDir)];
        try {
          const outputs = { ...(await this.outputOptions()), slidesDir: staged[0]!.path, outDir: staged[1]!.path };
          await writeOutputs(prepared, outputs, async () => new Printer(await this.browser(), this.theme, await this.takeMeasurer()));
          await publish(staged);
        } catch (error) {
          await discard(staged);
          throw error;
        }
      });
    } finally {
      await closing;
    }
    this.titles = pageTitles(sources);
    for (const deck of prepared.decks) this.slideCounts.set(deck.name, deck.slides.length);
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
      ({ name, page }) => all || saved.has(name) || page !== undefined && pagePictures(page).some((picture) => stems.has(pictureStem(picture.src))),
    );

    const result: RebuildResult = { all, tried: wanted.map((p) => p.name), decks: [], warnings: [...sources.courseProblems], failed: [], changed: [] };
    if (wanted.length === 0) return result;
    const prepared: Prepared = { course: sources.course, decks: [], drawn: new Map(), warnings: [], faces: new Map(), indexFaces: Promise.resolve('') };
    for (const page of wanted) {
      try {
        const one = await this.prepare(sources, [page], []);
        prepared.decks.push(...one.decks);
        for (const [output, svg] of one.drawn) prepared.drawn.set(output, svg);
        for (const [name, faces] of one.faces) prepared.faces.set(name, faces);
        prepared.indexFaces = one.indexFaces;
        result.warnings.push(...one.warnings);
      } catch (error) {
        if (error instanceof NotesError) {
          result.failed.push({ name: page.name, problems: [...error.problems] });
          continue;
        }
        // Not the notes: the fitting page (or Chromium) may be what failed; the next rebuild opens new ones.
        await this.closeMeasurer().catch(() => undefined);
        throw error;
      }
    }
    const everyPage = all ? new Set(titles.keys()) : undefined;
    for (const deck of prepared.decks) this.slideCounts.set(deck.name, deck.slides.length);
    const outputs = await this.outputOptions();
    result.changed = await withOutputLock([outputs.slidesDir, outputs.outDir], () => writeLive(prepared, outputs, { pages: readPages(sources), everyPage, slides: this.slideCounts }));
    result.decks = prepared.decks;
    // A deck that failed is rebuilt, with the titles of then, when its own fix is saved.
    this.titles = titles;
    return result;
  }
}

/** `npm run build`: every deck, once, in a session of its own (with `chromium`, if one is launching). */
export async function build(options: BuildOptions, chromium?: Promise<Chromium>): Promise<BuildResult> {
  const session = await BuildSession.open(options, chromium).catch(async (error: unknown) => {
    const browser = await chromium?.catch(() => undefined);
    if (browser) await closeChromium(browser);
    throw error;
  });
  try {
    return await session.buildAll({ last: true });
  } finally {
    await session.close();
  }
}

export { NotesError };
