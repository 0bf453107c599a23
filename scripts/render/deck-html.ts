// The HTML deck as the browser gets it: marp-cli's bespoke output, changed so that the slide the deck
// opens on (the first, or `#N`) is painted as soon as it is parsed. bespoke.js itself is unchanged and
// does everything once it has started. No I/O.
//
// Where a deck's first ~200 ms went, measured in Chromium (README, Decisions): every slide's picture,
// fetched at once and each parsed as an SVG document with its fonts, before the deck's own parsing;
// bespoke.js's start-up (it rewrites every <style>), run where it stands, before any frame; every slide
// laid out before bespoke.js hid the inactive ones; the text laid out in a fallback font, then again
// once the embedded fonts were decoded.
import { LOAD_FONTS_NOW } from '../browser/load-fonts.ts';

/** marp-cli's bespoke.js, the last script of the page, known by its licence comment. */
const BESPOKE_SCRIPT = /<script>(?=\/\*!! License: \S+\/bespoke\.js\.LICENSE\.txt \*\/)/g;

/**
 * Until a view is set (by the opening script or bespoke.js), no slide is laid out; fragments (`*` lists)
 * stay hidden until bespoke.js has marked them; without JavaScript every slide shows, as in stock Marp.
 * The fonts start decoding as soon as the theme is read (`LOAD_FONTS_NOW`), so the first layout has
 * them and the slide is painted with its text instead of laid out twice.
 */
const HEAD = `<style>@media (scripting: enabled) {
  body:not([data-bespoke-view]) svg[data-marpit-svg] { display: none; }
  [data-marpit-fragment]:not([data-bespoke-marp-fragment]) { visibility: hidden; }
}</style><script>${LOAD_FONTS_NOW}</script>`;

/**
 * Runs once the slides are parsed, right before bespoke.js: the state bespoke.js gives the normal view
 * (its classes, the opening slide active), so the next frame paints that slide with bespoke's own CSS.
 * The opening slide is bespoke's: `#N`, else the slide holding the element `#id`, else the first.
 * Other views are bespoke's alone.
 */
const OPENING = `(() => {
  if (['presenter', 'overview', 'next'].includes(new URLSearchParams(location.search).get('view'))) return;
  const parent = document.getElementById(':$p');
  const slides = [...parent.children].filter((child) => child.nodeName !== 'SCRIPT');
  const [hash] = location.hash.slice(1).split(':~:');
  const anchor = hash && (document.getElementById(hash) || document.querySelector('a[name="' + CSS.escape(hash) + '"]'));
  const opening = /^\\d+$/.test(hash)
    ? Math.max(0, Math.min(Number(hash) - 1, slides.length - 1))
    : Math.max(0, slides.findIndex((slide) => anchor && slide.contains(anchor)));
  const show = () => slides.forEach((slide, i) => {
    slide.classList.add('bespoke-marp-slide');
    slide.classList.toggle('bespoke-marp-active', i === opening);
    if (i === opening) slide.removeAttribute('aria-hidden');
    else slide.setAttribute('aria-hidden', 'true');
  });
  document.body.dataset.bespokeView = '';
  parent.classList.add('bespoke-marp-parent');
  show();
  slides[opening].querySelectorAll('img').forEach((img) => (img.loading = 'eager'));
  if (opening === 0) return;
  // bespoke.js starts on the first slide and moves to #N on a timer: until then the opening slide stays
  // shown, so no frame paints another. It queues that timer while it starts, when it also adds its
  // on-screen controls: a timer queued once they are there runs after its own. Without them (a deck
  // made without), the page's load, which waits for bespoke.js, releases the slide.
  const hold = new MutationObserver(() => {
    if (slides[opening].classList.contains('bespoke-marp-active')) return;
    hold.disconnect();
    show();
    watch();
  });
  const watch = () => hold.observe(parent, { subtree: true, attributeFilter: ['class'] });
  watch();
  const release = () => {
    started.disconnect();
    setTimeout(() => hold.disconnect());
  };
  const started = new MutationObserver(() => parent.querySelector(':scope > .bespoke-marp-osc') && release());
  started.observe(parent, { childList: true });
  addEventListener('load', release, { once: true });
})();`;

/**
 * The other slides' pictures load right after the first frame has painted the opening slide. Each SVG
 * picture is parsed as a document of its own, with its fonts, on the page's main thread: loaded with
 * the page they held its first frame back by about 40 ms. They still load before any paging (a few
 * tens of milliseconds later), so paging never waits for one.
 */
const PICTURES = `document.querySelectorAll('svg[data-marpit-svg] img').forEach((img) => (img.loading = 'eager'));`;

/**
 * Every slide not shown is laid out once, hidden, while the page is idle after its first frame: the
 * words of its text are shaped then, with the faces that draw them, and paging to it later lays it out
 * from the browser's caches (the key handling of a → in the Chinese and the emoji decks: ~7.5 ms cold,
 * ~5 ms so). A few slides each idle moment, each shown for its layout and hidden again within one task:
 * no frame paints it.
 */
const SHAPE_AHEAD = `{
  const idle = window.requestIdleCallback ?? ((work) => setTimeout(() => work({ timeRemaining: () => 8 }), 1));
  const slides = [...document.querySelectorAll('svg[data-marpit-svg]')];
  let next = 0;
  const layOut = (deadline) => {
    while (next < slides.length && deadline.timeRemaining() > 4) {
      const slide = slides[next++];
      if (slide.classList.contains('bespoke-marp-active')) continue;
      const style = slide.getAttribute('style');
      slide.style.contentVisibility = 'visible';
      slide.getBoundingClientRect();
      if (style === null) slide.removeAttribute('style');
      else slide.setAttribute('style', style);
    }
    if (next < slides.length) idle(layOut);
  };
  idle(layOut);
}`;

/** Runs `code` once the first frame has painted (the task after the frame's): both of the above. */
const afterFirstFrame = (code: string) => `requestAnimationFrame(() => setTimeout(() => {\n${code}\n}));`;

/**
 * The deck with the course fonts in a `<style>` of their own at the end of its head, and after it one more. marp-cli renders
 * the decks with the theme without its fonts (see `splitFonts`), so that the theme compiled for fitting
 * is the one compiled for the HTML; the fonts are the same rules as in slides/course.css. Marp's own
 * parts around the slides (the on-screen controls, the presenter view with the notes, its timer and
 * page number) are drawn with `stack`, the deck's fonts, not bespoke's Helvetica or Arial: those are the
 * machine's fonts, which another machine draws otherwise, and a Chromium with no font at all for them
 * stops the page.
 */
export function withFonts(html: string, fontFaces: string, stack: string): string {
  const head = html.indexOf('</head>');
  if (head < 0) throw new Error('the HTML deck has no head for its fonts');
  // Their buttons too: a browser gives a button its own font, not its parent's.
  const parts = ':is(.bespoke-marp-osc, .bespoke-marp-presenter-container)';
  const marpParts = `${parts}, ${parts} :is(button, input, select) { font-family: ${stack} !important; }`;
  return `${html.slice(0, head)}<style>${fontFaces}</style><style>${marpParts}</style>${html.slice(head)}`;
}

/**
 * The deck with its opening slide shown before bespoke.js starts: the opening script right before
 * bespoke.js; bespoke.js (its code as it was) an async module, so it runs in a task of its own once the
 * page is parsed, after the first frame could be painted and still before the page's `load` (which
 * waits for it); pictures lazy until the opening slide is painted.
 */
export function showOpeningSlideFirst(html: string): string {
  const bespoke = [...html.matchAll(BESPOKE_SCRIPT)];
  const at = bespoke[0]?.index ?? -1;
  const head = html.indexOf('</head>');
  if (bespoke.length !== 1 || head < 0 || head > at) {
    throw new Error('the HTML deck is not marp-cli\'s bespoke template as the build knows it (a head, then one bespoke.js script): check the marp-cli version');
  }
  const slides = html.slice(head, at).replaceAll('<img ', '<img loading="lazy" ');
  const scripts = `<script>${OPENING}</script><script type="module">${afterFirstFrame(`${PICTURES}\n${SHAPE_AHEAD}`)}</script>`;
  return `${html.slice(0, head)}${HEAD}${slides}${scripts}<script type="module" async>${html.slice(at + '<script>'.length)}`;
}

/** marp-cli's HTML deck as the build publishes it: with the course fonts, its opening slide shown first. */
export function publishedDeckHtml(marpCliHtml: string, fontFaces: string, stack: string): string {
  return showOpeningSlideFirst(withFonts(marpCliHtml, fontFaces, stack));
}
