// The course theme as a session builds with it: theme/course.css with the course's fonts (every deck's
// characters, see deck-fonts.ts), each deck's own fonts, and the build's identity that every cache key
// starts with (see cache.ts), which changes with the theme.
import { readFile } from 'node:fs/promises';
import { projectIdentity } from './cache.ts';
import type { Course } from '../notes/course.ts';
import type { Deck } from '../deck/deck.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import { courseFonts, uncoveredCharacters } from './deck-fonts.ts';
import { diagramFonts, FontBook, shownText } from './fonts.ts';
import type { DiagramFonts } from '../pictures/pictures.ts';
import type { FontPlan } from '../render/font-plan.ts';
import { courseTheme } from '../render/theme.ts';
import type { Problem } from '../problems.ts';
import { THEME_FILE } from '../project.ts';

export class CourseTheme {
  /** theme/course.css as written. */
  private source = '';
  /** The course theme with the course's fonts (slides/course.css). */
  css = '';
  /** The course's fonts: every deck's characters (see deck-fonts.ts), and what they were made for. */
  private courseFaces: { key: string; faces: string; plan?: FontPlan } = { key: '', faces: '' };
  /** The text and language of every deck built, by name: the course's fonts cover them all. */
  private readonly deckTexts = new Map<string, { text: string; lang: string }>();
  /** The build's identity with the current theme (see cache.ts): every cache key starts with it. */
  identity: Promise<string> = Promise.resolve('');

  private constructor(
    private readonly fonts: FontBook,
    private readonly browserPath: string,
  ) {}

  static async open(browserPath: string): Promise<CourseTheme> {
    return new CourseTheme(await FontBook.open(), browserPath);
  }

  /** The fonts the diagrams are drawn with. */
  diagramFonts(): DiagramFonts {
    return diagramFonts(this.fonts);
  }

  /** Reads theme/course.css again. */
  async reload(): Promise<void> {
    this.source = await readFile(THEME_FILE, 'utf8');
    this.css = courseTheme(this.source, this.courseFaces.faces);
    // The fonts a deck gets follow from its text and the font packages: the identity names the packages.
    this.identity = projectIdentity(`${this.source}\n${this.fonts.identity}`, this.browserPath);
  }

  /**
   * The course's fonts for the decks built so far and `decks` (of the pages `names`): true when they
   * needed characters the course's fonts lacked, and the theme got new fonts.
   */
  async useDecks(names: ReadonlySet<string>, decks: readonly Deck[]): Promise<boolean> {
    for (const name of [...this.deckTexts.keys()]) if (!names.has(name)) this.deckTexts.delete(name);
    for (const deck of decks) this.deckTexts.set(deck.name, { text: shownText(emitMarpMarkdown(deck)), lang: deck.lang });
    const course = courseFonts([...this.deckTexts.values()]);
    if (course.key === this.courseFaces.key) return false;
    this.courseFaces = { key: course.key, faces: await this.fonts.faces(course.text, course.lang), plan: this.fonts.plan(course.text, course.lang) };
    this.css = courseTheme(this.source, this.courseFaces.faces);
    return true;
  }

  /**
   * Each deck's own fonts (`@font-face` rules, by name) and the course index's (with `titles`, the
   * pages' titles), subset from the course's: started now, awaited when written.
   */
  facesOf(decks: readonly Deck[], course: Course, titles: Iterable<string>): { faces: Map<string, Promise<string>>; indexFaces: Promise<string> } {
    const shared = this.courseFaces.plan;
    const faces = new Map(decks.map((deck) => [deck.name, this.fonts.faces(shownText(emitMarpMarkdown(deck)), deck.lang, { shared })]));
    const indexFaces = this.fonts.faces(shownText(`${JSON.stringify(course)}\n${[...titles].join('\n')}`), 'en', { shared });
    for (const promise of [...faces.values(), indexFaces]) promise.catch(() => undefined);
    return { faces, indexFaces };
  }

  /** A warning for each character of `deck` that no font of the course draws (known for sure once its fonts are made). */
  async uncovered(deck: Deck): Promise<Problem[]> {
    return uncoveredCharacters(deck, this.fonts.plan(shownText(emitMarpMarkdown(deck)), deck.lang).uncovered);
  }
}
