// The deck verifier: checks every deck (`*.html` but index.html) of a built folder in Chromium, served
// from that folder on 127.0.0.1, and the PDF beside each deck. `verifyDecks(dir)` returns the faults.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { launchBrowser, requireBrowser } from '../browser/browser.ts';
import { describeFinding } from './a11y.ts';
import { inspectSlide, NAME_SHIM, PICTURE_TIMEOUT, readDeck, settleSlide, strayText, TOLERANCE, VIEWPORT, type ImageFacts, type SlideFacts } from './checks.ts';
import { fault, type Fault, type FaultKind } from './fault.ts';
import { FontCheck } from './fonts.ts';
import { overflowMessage, printedChecks } from './printed.ts';
import { fileInDir, linkProblems } from './links.ts';
import { navigationFaults, showSlide, slideShown, WAIT } from './navigation.ts';
import { askForIcons, badStatuses, NetworkWatch, networkFaults } from './network.ts';
import { pdfFaults } from './pdf.ts';
import { handoutFaults } from './handout.ts';
import { chipBoxes, pptxFaults, type ChipBox } from './pptx.ts';
import { serveDir, type Served } from './server.ts';

export type { Fault } from './fault.ts';

export interface VerifyOptions {
  /** A Chromium to use (the tests pass theirs); by default one is launched and closed. */
  browser?: Browser;
  /** Decks checked at once (default 2). */
  concurrency?: number;
  /**
   * How long (ms) a slide, a view or the notes may take to show before it is a fault (default 10 s,
   * navigation.ts's WAIT). A wait ends as soon as they show: only a fault waits this long.
   */
  wait?: number;
  /**
   * Only these kinds of fault are looked for (every kind by default): the checks that find no other
   * kind are left out — the keyboard and the views, axe, the pass at device scale factor 2, the fonts,
   * the PDFs. A deck the verifier cannot drive is a fault whatever is asked.
   */
  only?: readonly FaultKind[];
}

export interface DeckResult {
  /** `statefulsets.html` */
  file: string;
  slides: number;
  /** Whether a PDF beside it was checked. */
  pdf: boolean;
  faults: Fault[];
}

export interface VerifyResult {
  faults: Fault[];
  decks: DeckResult[];
  seconds: number;
}

/** The deck files of a folder: every `*.html` except `index.html`. */
export function deckFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && f !== 'index.html')
    .sort();
}

const isSvg = (url: string) => /\.svg$/i.test(url.replace(/[?#].*$/, ''));

/** Every check of one deck that needs the browser. */
class DeckCheck {
  readonly faults: Fault[] = [];
  /** Pictures that did not load, reported with the network's answer at the end. */
  private readonly unloaded: { image: ImageFacts; slide: SlideFacts }[] = [];
  private readonly svgText = new Map<string, Promise<string | undefined>>();
  /** The timestamp chips and BACK links of every slide, where they are shown: a PowerPoint's link areas must cover them. */
  readonly chips: ChipBox[] = [];

  constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly served: Served,
    private readonly browser: Browser,
    /** The context the slides are checked in. */
    private readonly context: BrowserContext,
    /** The context of the keyboard and the views: their own storage, so a view never syncs with the slides' page. */
    private readonly views: BrowserContext,
    private readonly wait: number,
    /** Whether faults of a kind are looked for. */
    private readonly wants: (kind: FaultKind) => boolean,
  ) {}

  async run(): Promise<SlideFacts[]> {
    const watch = await NetworkWatch.attach([this.context, this.views], this.served.origin);
    const page = await this.context.newPage();
    const url = `${this.served.origin}/${encodeURIComponent(this.file)}#1`;
    const response = await page.goto(url);
    if (!response?.ok()) {
      this.faults.push(fault(this.file, 'deck', `GET ${url} answered ${response?.status() ?? 'nothing'}`));
      return [];
    }
    const started = await slideShown(page, 0, this.wait);
    const slides = await page.evaluate(readDeck);
    if (started === 0 || slides.length === 0) {
      this.faults.push(fault(this.file, 'deck', 'no Marp slide is shown: not a Marp bespoke deck'));
      return [];
    }
    for (const stray of await page.evaluate(strayText)) {
      this.faults.push(fault(this.file, 'text', `"${stray.text}" is outside every slide: shown on none, printed between the PDF's pages`, slides[stray.slide - 1]));
    }
    // The keyboard and the views, and the deck laid out for print (every slide's accessibility, its
    // overflow at device scale factor 2; then Marp's on-screen controls, shown again), are checked in
    // pages of their own meanwhile: each waits on Chromium at times the others use.
    const { wants } = this;
    const navigation = wants('keyboard') || wants('view') ? navigationFaults({ context: this.views, origin: this.served.origin, file: this.file, slides, wait: this.wait }) : Promise.resolve([]);
    const printed =
      wants('overflow') || wants('a11y')
        ? printedChecks(this.browser, this.served.origin, this.file, slides, { scale: 2, wait: this.wait, a11y: wants('a11y') })
        : Promise.resolve({ overflow: [], a11y: [], aroundSlides: [] });
    for (const running of [navigation, printed]) running.catch(() => undefined);
    const fonts = wants('font') ? await FontCheck.attach(page) : undefined;
    for (const slide of slides) await this.checkSlide(page, slide, slides.length, fonts);
    await askForIcons(page, watch);
    await page.close();
    this.faults.push(...(await navigation));
    const { overflow, a11y, aroundSlides } = await printed;
    // A slide that overflows at scale factor 1 already has its fault: scale 2 adds only the slides it alone finds.
    const overflowing = new Set(this.faults.filter((f) => f.kind === 'overflow').map((f) => f.slide));
    this.faults.push(...overflow.filter((f) => !overflowing.has(f.slide)));
    for (const finding of a11y) {
      const slide = slides[finding.slide - 1];
      if (slide) this.faults.push(fault(this.file, 'a11y', describeFinding(finding), slide));
    }
    for (const finding of aroundSlides) {
      this.faults.push(fault(this.file, 'a11y', `${describeFinding(finding)} (outside the slides, first seen on slide ${finding.seenOn})`));
    }

    // Pictures that did not load, with the server's answer; each URL reported once.
    const bad = badStatuses(this.served);
    const claimed = new Set<string>();
    for (const { image, slide } of this.unloaded) {
      if (watch.offsite.has(image.url) || claimed.has(image.url)) continue; // the network fault names it
      claimed.add(image.url);
      const status = bad.get(image.url);
      this.faults.push(fault(this.file, 'picture', `<img src="${image.src}"> did not load${status ? ` (HTTP ${status})` : ''}`, slide));
    }
    const placeOf = (url: string) => slides.find((s) => s.urls.includes(url));
    this.faults.push(...networkFaults(watch, { file: this.file, served: this.served, claimed, placeOf }));
    return slides;
  }

  private async checkSlide(page: Page, slide: SlideFacts, count: number, fonts: FontCheck | undefined): Promise<void> {
    const { file } = this;
    const now = await showSlide(page, slide.number, this.wait);
    if (now !== slide.number) {
      this.faults.push(fault(file, 'view', `#${slide.number} shows slide ${now || 'none'}`, slide));
      return;
    }
    await page.evaluate(settleSlide, { number: slide.number, timeout: PICTURE_TIMEOUT });
    const inspection = await page.evaluate(inspectSlide, { number: slide.number, tolerance: TOLERANCE });
    if (!inspection.shown) {
      this.faults.push(fault(file, 'view', 'the slide is not rendered when shown', slide));
      return;
    }
    this.chips.push(...(await page.evaluate(chipBoxes, slide.number)));
    for (const o of inspection.overflow) this.faults.push(fault(file, 'overflow', overflowMessage(o), slide));
    for (const message of inspection.hidden) this.faults.push(fault(file, 'overflow', message, slide));
    for (const message of (await fonts?.systemFonts(page, slide.number)) ?? []) this.faults.push(fault(file, 'font', message, slide));

    for (const image of inspection.images) {
      if (!image.loaded) this.unloaded.push({ image, slide });
      else if (isSvg(image.url) && image.url.startsWith(`${this.served.origin}/`)) {
        const text = await this.fetchSvg(image.url);
        if (text === undefined) this.faults.push(fault(file, 'picture', `<img src="${image.src}"> could not be read back`, slide));
        else if (!/<text[\s>]/.test(text)) this.faults.push(fault(file, 'picture', `<img src="${image.src}"> has no <text> elements: the diagram's text is missing`, slide));
      }
    }

    const exists = fileInDir(this.dir);
    for (const link of inspection.links) {
      for (const problem of linkProblems(link, { origin: this.served.origin, slideCount: count, exists })) {
        this.faults.push(fault(file, 'link', problem, slide));
      }
    }
  }

  private fetchSvg(url: string): Promise<string | undefined> {
    let text = this.svgText.get(url);
    if (!text) {
      text = fetch(url).then(
        async (r) => (r.ok ? r.text() : undefined),
        () => undefined,
      );
      this.svgText.set(url, text);
    }
    return text;
  }
}

async function verifyDeck(browser: Browser, dir: string, file: string, wait: number, wants: (kind: FaultKind) => boolean): Promise<DeckResult> {
  const served = await serveDir(dir);
  const [context, views] = await Promise.all([browser.newContext({ viewport: VIEWPORT }), browser.newContext({ viewport: VIEWPORT })]);
  const check = new DeckCheck(dir, file, served, browser, context, views, wait, wants);
  let slides: SlideFacts[] = [];
  try {
    await Promise.all([context, views].map((c) => c.addInitScript({ content: NAME_SHIM })));
    slides = await check.run();
  } catch (error) {
    check.faults.push(fault(file, 'deck', `the check stopped: ${(error as Error).message.split('\n')[0] ?? ''}`));
  } finally {
    await Promise.all([context.close(), views.close()]);
    await served.close();
  }
  const faults = [...check.faults];
  const pdfFile = file.replace(/\.html$/, '.pdf');
  const pdf = wants('pdf') && existsSync(join(dir, pdfFile));
  if (pdf) {
    try {
      const stale = statSync(join(dir, pdfFile)).mtimeMs < statSync(join(dir, file)).mtimeMs;
      faults.push(...(await pdfFaults({ file: pdfFile, path: join(dir, pdfFile), slides, exists: fileInDir(dir), stale })));
    } catch (error) {
      faults.push(fault(pdfFile, 'pdf', `cannot be read: ${(error as Error).message}`));
    }
  }
  faults.push(...(await takeHomeFaults(dir, file, slides, check.chips, wants)));
  return { file, slides: slides.length, pdf, faults: faults.filter((f) => f.kind === 'deck' || wants(f.kind)) };
}

/** The handout and the PowerPoint beside a deck, each when there is one. */
async function takeHomeFaults(dir: string, file: string, slides: SlideFacts[], chips: ChipBox[], wants: (kind: FaultKind) => boolean): Promise<Fault[]> {
  const faults: Fault[] = [];
  const exists = fileInDir(dir);
  for (const [other, check] of [
    [file.replace(/\.html$/, '-handout.pdf'), (path: string, name: string) => handoutFaults({ file: name, path, slides, exists })],
    [file.replace(/\.html$/, '.pptx'), (path: string, name: string) => pptxFaults({ file: name, path, slides, chips, exists })],
  ] as const) {
    if (!exists(other) || !wants(other.endsWith('.pptx') ? 'pptx' : 'pdf')) continue;
    try {
      faults.push(...(await check(join(dir, other), other)));
    } catch (error) {
      faults.push(fault(other, other.endsWith('.pptx') ? 'pptx' : 'pdf', `cannot be read: ${(error as Error).message}`));
    }
  }
  return faults;
}

/** Checks every deck of `dir` (and the PDF beside each); the details of what was checked. */
export async function runVerify(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const start = performance.now();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder (build the decks first: npm run build)`);
  const files = deckFiles(dir);
  if (files.length === 0) {
    return { faults: [fault(dir, 'deck', 'no deck to check (no *.html besides index.html)')], decks: [], seconds: 0 };
  }
  const browser = options.browser ?? (await launchBrowser(await requireBrowser()));
  const decks: DeckResult[] = [];
  const { only } = options;
  const wants = (kind: FaultKind) => !only || only.includes(kind);
  try {
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) decks.push(await verifyDeck(browser, dir, file, options.wait ?? WAIT, wants));
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, files.length)) }, worker));
  } finally {
    if (!options.browser) await browser.close();
  }
  decks.sort((a, b) => a.file.localeCompare(b.file));
  return { faults: decks.flatMap((d) => d.faults), decks, seconds: (performance.now() - start) / 1000 };
}

/** Every fault of every deck in `dir` (an empty list when all is well). */
export async function verifyDecks(dir: string, options: VerifyOptions = {}): Promise<Fault[]> {
  return (await runVerify(dir, options)).faults;
}
