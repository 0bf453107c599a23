// The session's Chromium and the fitting page in it. Chromium is launched when a deck first needs it
// (a build whose decks all come from the caches needs none), and again if it went away. The fitting page
// shows the course theme and the pictures the decks show: it is kept while they hold, closed when one
// changed, and handed to printing after a full build's fitting.
//
// The fitting page and the printer are loaded when first needed: they load marp-core, about a third
// of the start of a build whose decks all come from the caches, which needs neither.
import { closeChromium, launchChromium, type Chromium } from '../browser/chromium.ts';
import type { SlideMeasure } from '../deck/fit.ts';
import { diagramStandIn } from '../pictures/pictures.ts';
import type { Measurer } from '../render/measure.ts';
import type { Printer } from '../render/print.ts';

const loadMeasure = () => import('../render/measure.ts');

/** How many measurements a session keeps (a few KB of Markdown each). */
const MEASURED_KEPT = 500;

export class SessionBrowser {
  private chromium: Promise<Chromium> | undefined;
  /** The course theme with the course's fonts (slides/course.css), which the fitting page shows. */
  private theme = '';
  /** The fitting page: opened as soon as a deck is known to need fitting, kept while theme and pictures hold. */
  private measurer: Promise<Measurer> | undefined;
  /** The pictures the fitting browser serves, by output path; it reads this map as it asks. */
  private readonly pictures = new Map<string, string | Uint8Array>();
  /** Stand-ins of the drawn diagrams, by output path, which the fitting page shows in their place. */
  private readonly standIns = new Map<string, string>();
  /**
   * Measurements by the Marp Markdown measured: fitting a deck again after a save measures mostly
   * slides it measured before. Valid while the fitting page (its theme and pictures) is.
   */
  private readonly measured = new Map<string, SlideMeasure[]>();

  /** `chromium`: a Chromium already launching for this session; it closes it. */
  constructor(
    private readonly browserPath: string,
    chromium?: Promise<Chromium>,
  ) {
    if (chromium) {
      chromium.catch(() => undefined);
      this.chromium = chromium;
      // Decks to fit are likely: the fitting page's code loads while Chromium starts, not after.
      loadMeasure().catch(() => undefined);
    }
  }

  /** The session's Chromium, for fitting, drawing and printing: launched at the first call, and again if it went away. */
  browser(): Promise<Chromium> {
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
    this.chromium = launchChromium(this.browserPath);
    // Started ahead of its first use: a failed launch is reported where it is awaited.
    this.chromium.catch(() => undefined);
    return this.chromium;
  }

  /** The fitting page shows `theme` from the next fit on (in a new page). */
  async useTheme(theme: string): Promise<void> {
    this.theme = theme;
    await this.closePage();
  }

  /**
   * The pictures the decks to fit show, by output path (`drawn`: the drawn diagrams, shown by their
   * stand-ins: see diagramStandIn). The fitting page keeps a picture it has shown by its path, so a
   * changed picture needs a fresh page.
   */
  async showPictures(pictures: ReadonlyMap<string, string | Uint8Array>, drawn: ReadonlyMap<string, string>): Promise<void> {
    const shown = (path: string, data: string | Uint8Array) => this.pictures.has(path) && !Buffer.from(this.pictures.get(path)!).equals(Buffer.from(data));
    if ([...pictures].some(([path, data]) => shown(path, data))) await this.closePage();
    for (const [path, data] of pictures) this.pictures.set(path, data);
    for (const [path, svg] of drawn) {
      const standIn = diagramStandIn(svg);
      if (standIn) this.standIns.set(path, standIn);
      else this.standIns.delete(path);
    }
  }

  /** Opens the fitting page (and Chromium) ahead of its first use; a failure is reported where it is awaited. */
  openPage(): Promise<Measurer> {
    if (!this.measurer) {
      const theme = this.theme;
      const opening = loadMeasure().then(({ openMeasurer }) => openMeasurer(this.browser(), theme, this.pictures, this.standIns));
      opening.catch(() => {
        // The next fit tries again with a new page.
        if (this.measurer === opening) this.measurer = undefined;
      });
      this.measurer = opening;
    }
    return this.measurer;
  }

  /** The slides of `markdown` measured in the fitting page (or as measured before in it). */
  async measure(markdown: string): Promise<SlideMeasure[]> {
    const known = this.measured.get(markdown);
    if (known) return known;
    const measures = await (await this.openPage()).measure(markdown);
    this.measured.set(markdown, measures);
    if (this.measured.size > MEASURED_KEPT) this.measured.delete(this.measured.keys().next().value!);
    return measures;
  }

  /** `code` highlighted by the fitting page's Marp, as the deck shows it. */
  async highlight(code: string, lang: string): Promise<string> {
    return (await this.openPage()).marp.highlighter(code, lang, '');
  }

  /**
   * The fitting page and its Marp, taken from the session, which fits no more with them (a next fit
   * opens a new page): closed when the theme or a picture changed, or handed to printing — its fonts
   * and the decks' pictures are decoded already, and Chromium need not start another page.
   */
  private async takePage(): Promise<Measurer | undefined> {
    const measurer = this.measurer;
    this.measurer = undefined;
    this.measured.clear();
    return measurer?.catch(() => undefined);
  }

  /** Closes the fitting page: the next fit opens a new one. */
  async closePage(): Promise<void> {
    await (await this.takePage())?.page.close();
  }

  /** A printer of PDFs in the session's Chromium, in the fitting page. */
  async printer(): Promise<Printer> {
    const { Printer } = await import('../render/print.ts');
    return new Printer(await this.browser(), this.theme, await this.takePage());
  }

  /** Closes Chromium; the fitting page goes with it (see closeChromium). A next call of `browser` launches another. */
  async close(): Promise<void> {
    const launched = this.chromium;
    this.chromium = undefined;
    const browser = await launched?.catch(() => undefined);
    await this.takePage();
    if (browser) await closeChromium(browser);
  }
}
