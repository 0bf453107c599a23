// Browser-side slide checks. Each exported function runs inside the deck's page through
// `page.evaluate`, which sends the function's source text: it must be self-contained (no imports, no
// module-level helpers at run time; types are fine). Under tsx, esbuild wraps named inner functions in
// a `__name()` helper; verify.ts defines a no-op `__name` in every page for that (see NAME_SHIM).
//
// Marp's bespoke DOM: each slide is `svg[data-marpit-svg] > foreignObject > section`; the shown one is
// in `svg.bespoke-marp-active`; the others are display:none, so a slide is measured while shown.

/** Runs in every page before the deck's scripts: a no-op for the `__name()` calls tsx adds. */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

export interface SlideFacts {
  number: number;
  heading: string;
  /** The presenter notes of the slide (whitespace collapsed), '' when it has none. */
  notes: string;
  /** Every URL an element of the slide names (src, href), absolute: where a request comes from. */
  urls: string[];
}

/** The window the decks are measured in: a 16:9 slide fills it at scale 1. */
export const VIEWPORT = { width: 1280, height: 720 };
/** Sub-pixel layout differences below this (slide pixels) are not overflow. */
export const TOLERANCE = 1;
/** How long a slide's pictures may take to load before it is inspected without them (ms). */
export const PICTURE_TIMEOUT = 3000;

/** Every slide of the deck, read from the DOM whether shown or not. */
export function readDeck(): SlideFacts[] {
  const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  // The words as a reader sees them: paragraphs, items and line breaks apart, as the presenter view's
  // text has them (`<p>a</p><p>b</p>` is "a b"; its textContent, "ab").
  const BLOCKS = new Set(['P', 'BR', 'LI', 'DIV', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH', 'DT', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  const wordsOf = (root: Element) => {
    let text = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue ?? '';
      else if (BLOCKS.has(node.nodeName)) text += ' ';
    }
    return text;
  };
  return [...document.querySelectorAll('svg[data-marpit-svg]')].map((svg, index) => {
    // Advanced backgrounds (`![bg]`) add layers beside the content section: skip those.
    const section = svg.querySelector(
      ':scope > foreignObject > section:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])',
    );
    const heading = section?.querySelector('h1') ?? section?.querySelector('h2, h3, h4, h5, h6');
    const notes = [...document.querySelectorAll(`.bespoke-marp-note[data-index="${index}"]`)].map((n) => squash(wordsOf(n))).join(' ');
    const urls = [...(section?.querySelectorAll('[src], [href]') ?? [])].flatMap((el) => {
      const value = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
      try {
        return [new URL(value, document.baseURI).href];
      } catch {
        return [];
      }
    });
    return { number: index + 1, heading: squash(heading?.textContent), notes, urls };
  });
}

export interface StrayText {
  /** The slide whose `<svg>` holds the text (outside its section), 0 when it is outside every slide. */
  slide: number;
  /** The text's start. */
  text: string;
}

/**
 * Text of the deck outside every slide's section: shown on no slide (a slide closed early by its own
 * text puts what follows there), and printed between the PDF's pages. Marp's own parts (on-screen
 * controls, presenter notes and views, scripts and styles) are not slides' text.
 */
export function strayText(): StrayText[] {
  const marpParts = '.bespoke-marp-osc, .bespoke-marp-note, [class^="bespoke-marp-presenter"], .bespoke-progress-parent, script, style, template, noscript';
  const svgs = [...document.querySelectorAll('svg[data-marpit-svg]')];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found: StrayText[] = [];
  for (let node = walker.nextNode(); node && found.length < 20; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest(marpParts)) continue;
    if (parent.closest('svg[data-marpit-svg] > foreignObject > section')) continue;
    const svg = parent.closest('svg[data-marpit-svg]');
    found.push({ slide: svg ? svgs.indexOf(svg) + 1 : 0, text: text.length > 40 ? `${text.slice(0, 40)}…` : text });
  }
  return found;
}

/**
 * Waits in the page, looking every 5 ms for at most `timeout` ms, until slide `number` is shown (with
 * `number` 0: any slide); returns the slide then shown (0: none). With `hash`, first shows the slide
 * through the URL's hash, as a `#N` link does. Waiting here, not by asking from the verifier's process,
 * ends the wait within 5 ms of the change and costs no round trip a look.
 */
export async function awaitSlide({ number, timeout, hash = false }: { number: number; timeout: number; hash?: boolean }): Promise<number> {
  if (hash) location.hash = `#${number}`;
  // The slide shown: the `id` of the active section, 0 when none is.
  const shown = () => Number(document.querySelector('svg.bespoke-marp-active > foreignObject > section[id]')?.id) || 0;
  const end = performance.now() + timeout;
  while ((number ? shown() !== number : shown() === 0) && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return shown();
}

/**
 * Notes, from now on, each key that reaches the window's own listeners — those Marp's keyboard handling
 * sits beside — and forgets the last one noted. A key a script of the deck stops on its way (capturing
 * it first) never gets there: `keySeen` then tells the verifier at once that the deck never saw it.
 */
export function watchKeys(): void {
  // Run in the page, from its source: the name is written out, not a constant of this module.
  const page = window as unknown as { __verifierKeySeen?: string };
  if (page.__verifierKeySeen === undefined) addEventListener('keydown', (event) => (page.__verifierKeySeen = event.key));
  page.__verifierKeySeen = '';
}

/** Whether `key` was the last key that reached the window's listeners since watchKeys. */
export function keySeen(key: string): boolean {
  return (window as unknown as { __verifierKeySeen?: string }).__verifierKeySeen === key;
}

/**
 * Waits like awaitSlide until the presenter view shows the notes `want` (whitespace collapsed); returns
 * the notes it shows. Called once the view shows the slide: Marp's presenter view shows a slide's notes
 * as it shows the slide, in the same task, so notes still not there two frames later never come (the
 * `timeout` only bounds a page that draws no frames).
 */
export async function awaitPresenterNotes({ want, timeout }: { want: string; timeout: number }): Promise<string> {
  let frames = 0;
  requestAnimationFrame(() => requestAnimationFrame(() => (frames = 2)));
  const visible = () =>
    [...document.querySelectorAll<HTMLElement>('.bespoke-marp-presenter-note-container .bespoke-marp-note')]
      .filter((note) => note.checkVisibility())
      .map((note) => note.innerText)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  const end = performance.now() + timeout;
  while (visible() !== want && frames < 2 && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return visible();
}

/** Waits like awaitSlide until `count` slides are visible at once (the overview); returns how many are. */
export async function awaitVisibleSlides({ count, timeout }: { count: number; timeout: number }): Promise<number> {
  const visible = () =>
    [...document.querySelectorAll('svg[data-marpit-svg]')].filter((svg) => {
      const rect = svg.getBoundingClientRect();
      return svg.checkVisibility() && rect.width > 0 && rect.height > 0;
    }).length;
  const end = performance.now() + timeout;
  while (visible() !== count && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return visible();
}

/** Waits (at most `timeout` ms) for the fonts and for the pictures of slide `number` to load or fail. */
export async function settleSlide({ number, timeout }: { number: number; timeout: number }): Promise<void> {
  // Laid out first: that asks for the fonts its text needs, and `ready` waits only for fonts asked for.
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  const svg = document.querySelectorAll('svg[data-marpit-svg]')[number - 1];
  const images = [...(svg?.querySelectorAll('img') ?? [])].filter((img) => !img.complete);
  await Promise.race([
    Promise.all(
      images.map(
        (img) =>
          new Promise<void>((resolve) => {
            img.addEventListener('load', () => resolve(), { once: true });
            img.addEventListener('error', () => resolve(), { once: true });
          }),
      ),
    ),
    new Promise<void>((resolve) => setTimeout(resolve, timeout)),
  ]);
}

export type Direction = 'below' | 'above' | 'right of' | 'left of';

export interface OverflowFinding {
  /** `<pre>`, `<li> "text…"`, `text "…" in <p>` */
  element: string;
  direction: Direction;
  /** How far it reaches past the slide's edge, in slide pixels. */
  amount: number;
  /** How many other elements also cross that edge. */
  more: number;
}

export interface ImageFacts {
  src: string;
  url: string;
  loaded: boolean;
}

export interface LinkFacts {
  href: string;
  url: string;
  target: string | null;
  rel: string | null;
  timestamp: boolean;
  text: string;
}

export interface SlideInspection {
  /** False when the slide's section is not in the DOM or not rendered. */
  shown: boolean;
  overflow: OverflowFinding[];
  /** Content hidden in a box (clipped or scrolled), one message each. */
  hidden: string[];
  images: ImageFacts[];
  links: LinkFacts[];
}

/**
 * Measures slide `number` (which must be shown): what crosses the slide's edges, what a box hides or
 * has scrolled away, its pictures and its links.
 */
export function inspectSlide({ number, tolerance }: { number: number; tolerance: number }): SlideInspection {
  const svg = document.querySelectorAll('svg[data-marpit-svg]')[number - 1];
  const section = svg?.querySelector<HTMLElement>(
    ':scope > foreignObject > section:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])',
  );
  const empty: SlideInspection = { shown: false, overflow: [], hidden: [], images: [], links: [] };
  if (!section) return empty;
  const box = section.getBoundingClientRect();
  if (box.width === 0 || box.height === 0 || section.offsetWidth === 0) return empty;
  // The slide is scaled to the window: report distances in the slide's own pixels.
  const scale = box.width / section.offsetWidth;

  const snippet = (text: string | null) => {
    const flat = (text ?? '').replace(/\s+/g, ' ').trim();
    return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
  };
  const describe = (el: Element) => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'img') return `<img src="${el.getAttribute('src') ?? ''}">`;
    if (el === section) return 'the slide';
    const text = snippet(el.textContent);
    return text ? `<${tag}> "${text}"` : `<${tag}>`;
  };

  /**
   * The footer shortens a long title to one line on purpose, ending it in "…" (the theme's): the text
   * it cuts off is neither overflow nor hidden content. Its box is checked as any other.
   */
  const shortened = (el: Element) => {
    const style = getComputedStyle(el);
    return el.localName === 'footer' && style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap';
  };

  // Everything with a size: elements, and text runs (text can spill out of a box that fits).
  interface Candidate {
    node: Node;
    block: boolean;
    label: string;
    rect: DOMRect;
  }
  const candidates: Candidate[] = [];
  for (const el of section.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const display = getComputedStyle(el).display;
    // A code line is a block of its own (the theme wraps it), yet the fault is its <pre>'s.
    const codeLine = el.matches('pre span.line');
    const block = !codeLine && !display.startsWith('inline') && display !== 'contents' && !(el instanceof SVGElement && !(el instanceof SVGSVGElement));
    candidates.push({ node: el, block, label: describe(el), rect });
  }
  /**
   * The box of what a text run draws: its words, not its white space. Spaces where a `pre-wrap` line
   * wraps (a wide column of shell output) hang past the line's end, unseen (CSS Text), and the run's own
   * box takes them in.
   */
  const inkBox = (text: Node): DOMRect | undefined => {
    const range = document.createRange();
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const word of (text.textContent ?? '').matchAll(/\S+/g)) {
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      for (const r of range.getClientRects()) {
        if (r.width === 0 || r.height === 0) continue;
        [left, top, right, bottom] = [Math.min(left, r.left), Math.min(top, r.top), Math.max(right, r.right), Math.max(bottom, r.bottom)];
      }
    }
    return left === Infinity ? undefined : new DOMRect(left, top, right - left, bottom - top);
  };
  const crosses = (r: DOMRect) => r.bottom - box.bottom > tolerance * scale || box.top - r.top > tolerance * scale || r.right - box.right > tolerance * scale || box.left - r.left > tolerance * scale;
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent?.trim() || !text.parentElement) continue;
    const footer = text.parentElement.closest('footer');
    if (footer && shortened(footer)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    let rect: DOMRect | undefined = range.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    // Word by word only for a run whose box crosses an edge: most do not, and one range a run is cheap.
    if (crosses(rect)) rect = inkBox(text);
    if (!rect) continue;
    candidates.push({ node: text, block: false, label: `text "${snippet(text.textContent)}" in <${text.parentElement.tagName.toLowerCase()}>`, rect });
  }

  const reach: Record<Direction, (r: DOMRect) => number> = {
    below: (r) => r.bottom - box.bottom,
    above: (r) => box.top - r.top,
    'right of': (r) => r.right - box.right,
    'left of': (r) => box.left - r.left,
  };
  const overflow: OverflowFinding[] = [];
  for (const direction of Object.keys(reach) as Direction[]) {
    const out = candidates
      .map((c) => ({ ...c, amount: reach[direction](c.rect) / scale }))
      .filter((c) => c.amount > tolerance);
    if (out.length === 0) continue;
    // Name the innermost boxes that cross the edge (the <pre>, not the column holding it, nor each
    // <span> in it); text and inline elements only when no box crosses.
    const blocks = out.filter((c) => c.block);
    const pool = blocks.length > 0 ? blocks : out;
    const innermost = pool.filter((c) => !pool.some((o) => o !== c && c.node.contains(o.node)));
    const worst = innermost.reduce((a, b) => (b.amount > a.amount ? b : a));
    overflow.push({ element: worst.label, direction, amount: Math.round(worst.amount), more: innermost.length - 1 });
  }

  // Nothing scrolled, nothing hidden in a clipping box.
  const hidden: string[] = [];
  for (const el of [section, ...section.querySelectorAll<HTMLElement>('*')]) {
    const name = describe(el);
    if (Math.abs(el.scrollTop) > tolerance || Math.abs(el.scrollLeft) > tolerance) {
      hidden.push(`${name} is scrolled by ${Math.round(el.scrollLeft)}px, ${Math.round(el.scrollTop)}px`);
    }
    if (el === section) continue;
    const style = getComputedStyle(el);
    if (style.overflowY !== 'visible' && el.clientHeight > 0 && el.scrollHeight - el.clientHeight > tolerance) {
      hidden.push(`${name} hides ${el.scrollHeight - el.clientHeight}px of its content (${el.scrollHeight}px tall in a ${el.clientHeight}px box, overflow-y: ${style.overflowY})`);
    }
    if (!shortened(el) && style.overflowX !== 'visible' && el.clientWidth > 0 && el.scrollWidth - el.clientWidth > tolerance) {
      hidden.push(`${name} hides ${el.scrollWidth - el.clientWidth}px of its content (${el.scrollWidth}px wide in a ${el.clientWidth}px box, overflow-x: ${style.overflowX})`);
    }
  }

  const images = [...section.querySelectorAll('img')].map((img) => ({
    src: img.getAttribute('src') ?? '',
    url: img.currentSrc || img.src,
    loaded: img.complete && img.naturalWidth > 0,
  }));
  const links = [...section.querySelectorAll('a[href]')].map((a) => ({
    href: a.getAttribute('href') ?? '',
    url: (a as HTMLAnchorElement).href,
    target: a.getAttribute('target'),
    rel: a.getAttribute('rel'),
    timestamp: a.classList.contains('timestamp'),
    text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
  return { shown: true, overflow, hidden, images, links };
}
