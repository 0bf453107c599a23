// Fitting a composed deck into slides, measured in the session's fitting page with the real theme,
// fonts and pictures; and the fit cache: a deck fitted before from the same inputs (the composed deck
// and its pictures' sources, as the build's identity measures them) is read back, not fitted again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileCache, fitKey } from './cache.ts';
import type { Deck } from '../deck/deck.ts';
import { fitDeck } from '../deck/fit.ts';
import { emitMarpMarkdown } from '../deck/marp-markdown.ts';
import type { Sources } from '../notes/sources.ts';
import { checkPictureFormat } from './picture-files.ts';
import type { PictureSource } from '../pictures/pictures.ts';
import type { Problem, Problems } from '../problems.ts';
import { CACHE_DIR } from '../project.ts';
import type { SessionBrowser } from './session-browser.ts';

/** A deck as fitting left it, with what fitting had to say (as the fit cache keeps it). */
export interface FittedDeck {
  deck: Deck;
  problems: Problem[];
}

export class Fitting {
  private readonly cache = new FileCache(join(CACHE_DIR, 'fit'), 'json');

  constructor(
    private readonly pictDir: string,
    private readonly browser: SessionBrowser,
  ) {}

  /**
   * What each deck is fitted from, as a key of the fit cache. A picture file in a format its name
   * does not tell is a problem.
   */
  async keys(decks: readonly Deck[], sources: Sources, identity: string, problems: Problems): Promise<string[]> {
    const sourceOf = async (picture: PictureSource) => {
      if (picture.kind !== 'file') return picture.code ?? sources.diagramSources.get(picture.source)!;
      const bytes = await readFile(join(this.pictDir, picture.source));
      checkPictureFormat(join(this.pictDir, picture.source), bytes, problems);
      return bytes;
    };
    const keys: string[] = [];
    for (const deck of decks) {
      const inputs = new Map<string, string | Uint8Array>();
      for (const picture of deck.pictures) inputs.set(picture.output, await sourceOf(picture));
      keys.push(fitKey(identity, JSON.stringify(deck), inputs));
    }
    return keys;
  }

  /** The decks fitted before by these keys, read back (undefined where none is cached). */
  async cached(keys: readonly string[]): Promise<(FittedDeck | undefined)[]> {
    const fits = await Promise.all(keys.map((key) => this.cache.get(key)));
    return fits.map((fit) => (fit ? (JSON.parse(fit.toString('utf8')) as FittedDeck) : undefined));
  }

  /** Fits a deck in Chromium; a deck that fits (warnings or not) is cached by what it was fitted from. */
  async fit(deck: Deck, key: string): Promise<FittedDeck> {
    // A code block is cut where the deck's own highlighter has no span open (see deck/blocks.ts).
    const highlight = (code: string, lang: string) => this.browser.highlight(code, lang);
    const { deck: fitted, problems } = await fitDeck(deck, (markdown) => this.browser.measure(markdown), emitMarpMarkdown, highlight);
    const result = { deck: fitted, problems: problems.list };
    if (!problems.list.some((p) => p.severity === 'error')) await this.cache.store(key, JSON.stringify(result));
    return result;
  }
}
