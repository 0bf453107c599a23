// Writing a session's builds: the full build, every deck into staging folders that replace slides/
// and dist/ only when all succeeded (scripts/build/publish.ts); and the live rebuild, the decks a change
// touches written in place (scripts/build/outputs.ts). It keeps what the last good build left: the
// pages parsed, each page's title and each deck's slide count.
import { withOutputLock } from './lock.ts';
import type { BuildResult, Change, RebuildResult } from './options.ts';
import { writeLive, writeOutputs, type OutputOptions, type Prepared } from './outputs.ts';
import { prepareDecks, type SessionParts } from './prepare.ts';
import { NotesError } from '../problems.ts';
import { discard, publish, stage } from './publish.ts';
import { pagePictures } from '../notes/page.ts';
import { pageTitles, pictureStem, readPages, readSources, type ParsedPages, type Sources } from '../notes/sources.ts';

export class Writing {
  /** Pages parsed before: a save parses the saved page, not every page of the course again. */
  private readonly parsed: ParsedPages = new Map();
  /** How many slides each deck had when last built, by name: the course index shows it. */
  private readonly slideCounts = new Map<string, number>();
  /** Each page's title at the last good build: a changed title changes other decks' BACK links. */
  private titles: Map<string, string | undefined> | undefined;

  constructor(private readonly parts: SessionParts) {}

  private read(): Promise<Sources> {
    return readSources(this.parts.options.notesDir, this.parts.options.pictDir, this.parsed);
  }

  private async outputOptions(): Promise<OutputOptions> {
    const { options, theme } = this.parts;
    return { ...options, theme: theme.css, identity: await theme.identity };
  }

  /**
   * Every deck, written into staging folders that replace slides/ and dist/ only when all succeeded.
   * `close`: the session closes after this build, so Chromium goes as soon as the decks are fitted
   * when it prints no PDFs: it ends while the HTML is rendered.
   */
  async all(close?: () => Promise<void>): Promise<BuildResult> {
    const { options, browser } = this.parts;
    const sources = await this.read();
    const prepared = await prepareDecks(this.parts, sources, sources.pages, sources.courseProblems);
    const closing = close && !options.pdf && !options.pptx ? close() : Promise.resolve();
    closing.catch(() => undefined);
    try {
      await withOutputLock([options.slidesDir, options.outDir], async () => {
        const staged = await stage([options.slidesDir, options.outDir]);
        try {
          const outputs = { ...(await this.outputOptions()), slidesDir: staged[0]!.path, outDir: staged[1]!.path };
          await writeOutputs(prepared, outputs, () => browser.printer());
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
    const sources = await this.read();
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
        const one = await prepareDecks(this.parts, sources, [page], []);
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
        await this.parts.browser.closePage().catch(() => undefined);
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
