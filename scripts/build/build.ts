// The build, end to end: notes → slides/ (Marp Markdown, theme, pictures) → dist/ (HTML, PDF, index).
// This is the I/O edge: every stage it calls works on values, not files.
//
// A build session keeps what is slow to set up warm between builds — the fonts, the theme, drawn
// diagrams, and Chromium (which fits the slides and prints the PDFs) — so `npm start` can rebuild one
// deck per save. `npm run build` is a session that builds everything once into staging folders and
// swaps them in; a live rebuild writes the files of the decks it rebuilt in place. The session is
// made of parts with one job each:
//   course-theme.ts     the theme with the course's fonts, and the build's identity
//   session-browser.ts  Chromium's life, and the fitting page in it
//   diagrams.ts         drawing the diagrams (or reading them back from the cache)
//   fitting.ts          fitting a deck into slides (or reading it back from the fit cache)
//   prepare.ts          composing, drawing and fitting a build's decks
//   writing.ts          writing them: the full build and the live rebuild
import { join } from 'node:path';
import { closeChromium, type Chromium } from '../browser/chromium.ts';
import { FileCache } from './cache.ts';
import { CourseTheme } from './course-theme.ts';
import { Diagrams } from './diagrams.ts';
import { Fitting } from './fitting.ts';
import type { BuildOptions, BuildResult, Change, RebuildResult } from './options.ts';
import { checkOutputFolders } from './output-folders.ts';
import type { SessionParts } from './prepare.ts';
import { NotesError } from '../problems.ts';
import { CACHE_DIR, THEME_FILE } from '../project.ts';
import { SessionBrowser } from './session-browser.ts';
import { Writing } from './writing.ts';

export { NotesError, THEME_FILE };
export type { BuildOptions, BuildResult, Change, RebuildResult };

export class BuildSession {
  private readonly parts: SessionParts;
  private readonly writing: Writing;

  private constructor(
    readonly options: BuildOptions,
    theme: CourseTheme,
    chromium?: Promise<Chromium>,
  ) {
    const browser = new SessionBrowser(options.browserPath, chromium);
    // A drawing and Graphviz's warnings of it, side by side in one folder under the same key.
    const diagramCache = (extension: string) => new FileCache(join(CACHE_DIR, 'diagram'), extension);
    const diagrams = new Diagrams(diagramCache('svg'), diagramCache('json'), theme.diagramFonts(), options.pictDir, () => browser.browser());
    this.parts = { options, theme, browser, diagrams, fitting: new Fitting(options.pictDir, browser) };
    this.writing = new Writing(this.parts);
  }

  /** `chromium`: a Chromium already launching for this session (see `fitsLikelyMissing`); it closes it. */
  static async open(options: BuildOptions, chromium?: Promise<Chromium>): Promise<BuildSession> {
    await checkOutputFolders(options);
    const session = new BuildSession(options, await CourseTheme.open(options.browserPath), chromium);
    await session.reloadTheme();
    return session;
  }

  /** Reads theme/course.css again; the fitting page starts again with it at the next fit. */
  async reloadTheme(): Promise<void> {
    const { theme, browser } = this.parts;
    await theme.reload();
    await browser.useTheme(theme.css);
  }

  async close(): Promise<void> {
    // A next Mermaid diagram opens its page in the next Chromium.
    this.parts.diagrams.forgetBrowser();
    await this.parts.browser.close();
  }

  /**
   * Every deck, written into staging folders that replace slides/ and dist/ only when all succeeded.
   * `last`: the session closes after this build (see Writing.all).
   */
  buildAll({ last = false } = {}): Promise<BuildResult> {
    return this.writing.all(last ? () => this.close() : undefined);
  }

  /** The live rebuild: the decks a change touches, written in place (see Writing.rebuild). */
  rebuild(change: Change): Promise<RebuildResult> {
    return this.writing.rebuild(change);
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
