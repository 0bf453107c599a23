// Measures slides in Chromium with the deck's real theme and fonts, for fitting. This is browser I/O:
// the build opens one measurer (a page of its Chromium) and closes it when the theme or a picture changes;
// after a build's fitting, its page prints the PDFs.
import type { Marp } from '@marp-team/marp-core';
import type { Chromium, ChromiumPage } from '../browser/chromium.ts';
import { openMemoryPage, pageMarp } from '../browser/memory-page.ts';
import type { SlideMeasure } from '../deck/fit.ts';
import { SETTINGS_ONLY } from '../deck/marp-markdown.ts';
import { splitFonts } from './theme.ts';

export interface Measurer {
  measure(markdown: string): Promise<SlideMeasure[]>;
  /** The page it measures in (a memory page, see memory-page.ts): its owner closes it, or prints in it. */
  readonly page: ChromiumPage;
  /** The Marp that renders the slides it measures (see `pageMarp`): printing in its page renders with it too. */
  readonly marp: Marp;
}

/**
 * Runs in the page: shows the slides of each document of `htmls` (with the decks' CSS when it changed),
 * then tells for each slide whether it fits, and which of its units (blocks, list items, code lines,
 * table rows) do. The measurements asked for while the page was busy come in one call: one round trip.
 */
async function showAndMeasure({ htmls, changedCss, standIns }: { htmls: string[]; changedCss: string | undefined; standIns: Record<string, string> }): Promise<SlideMeasure[][]> {
  if (changedCss !== undefined) document.querySelectorAll('style')[1]!.textContent = changedCss;
  // Parsed in a template, whose pictures load only once shown: a diagram's stand-in is shown instead.
  // Each document in a block of its own; a slide is laid out in its own frame, whatever is beside it.
  const template = document.createElement('template');
  template.innerHTML = htmls.map((html) => `<div>${html}</div>`).join('');
  for (const image of template.content.querySelectorAll('img')) {
    const standIn = standIns[image.getAttribute('src') ?? ''];
    if (standIn) image.src = standIn;
  }
  document.body.replaceChildren(template.content);
  await document.fonts.ready;
  // A picture takes its size once loaded; decoding it (drawing an SVG) would only cost time.
  const loaded = (image: HTMLImageElement) =>
    image.complete ? Promise.resolve() : new Promise((resolve) => ['load', 'error'].forEach((event) => image.addEventListener(event, resolve, { once: true })));
  await Promise.all([...document.images].map(loaded));

  // The units fitting cuts between: list items, code lines (marp.config.mjs wraps each in a span), table rows, the blocks in a call-out.
  const inner = (element: Element, selector: string): Element[] => {
    const found = [...element.querySelectorAll(selector)];
    return found.length > 0 ? found : [element];
  };
  const expand = (element: Element): Element[] => {
    if (element.matches('ul, ol')) return [...element.children];
    if (element.matches('div.code-piece')) return [...element.children].flatMap(expand);
    if (element.matches('div.callout')) {
      // A call-out box is cut between the blocks inside it; its title goes with the first.
      const inside = [...element.children].filter((child) => !child.matches('p.callout-title')).flatMap(expand);
      return inside.length > 0 ? inside : [element];
    }
    if (element.matches('pre')) return inner(element, ':scope > code > span.line');
    if (element.matches('table')) return inner(element, ':scope > tbody > tr');
    return [element];
  };
  const frame = 'h1, p.timestamp, div.columns, div.picture, p.back-bottom, header, footer';
  const slack = 0.5;
  // The safety margin: every block and list item ends 2px above the slide's (or its column's) foot.
  // The same fonts lay a line out the same everywhere, but a screen of 2 (or 1.25, 1.5) device pixels
  // a CSS pixel rounds each line's box otherwise: a fraction of a pixel a line, less over a slide.
  const margin = 2;
  const measureSlide = (section: Element): SlideMeasure => {
    const box = section.getBoundingClientRect();
    const limit = box.bottom - parseFloat(getComputedStyle(section).paddingBottom);
    const columns = section.querySelector(':scope > div.columns');
    const text = columns?.querySelector(':scope > div.text');
    // Text beside the picture must end inside the column box; everything else inside the content box.
    const columnLimit = columns ? Math.min(limit, columns.getBoundingClientRect().bottom) : limit;
    const columnUnits = text ? [...text.children].flatMap(expand) : [];
    const flowUnits = [...section.children].filter((e) => !e.matches(frame)).flatMap(expand);
    const ends = (elements: Element[], bottom: number) => elements.map((e) => e.getBoundingClientRect().bottom <= bottom - margin);
    const unitFits = [...ends(columnUnits, columnLimit), ...ends(flowUnits, limit)];
    // How far down each unit reaches past the one before (its margin included), to share pieces out
    // evenly; the first of the column's and the first of those below it from their own top.
    const units = [...columnUnits, ...flowUnits];
    const bottoms = units.map((e) => e.getBoundingClientRect().bottom);
    const unitHeights = bottoms.map((bottom, i) => bottom - (i === 0 || i === columnUnits.length ? units[i]!.getBoundingClientRect().top : bottoms[i - 1]!));
    // The room of a slide without the picture column: from where the first unit starts to the foot.
    const top = (columns ?? units[0])?.getBoundingClientRect().top;
    // Marp's footer and the bottom BACK button sit in the padding on purpose.
    const inside = [...section.querySelectorAll('*')].every((element) => {
      if (element.closest('header, footer, p.back-bottom')) return true;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return true;
      return rect.top >= box.top - slack && rect.bottom <= limit + slack && rect.left >= box.left - slack && rect.right <= box.right + slack;
    });
    const scrolls = (e: Element) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
    const wide = [...section.querySelectorAll('pre, table, p, li')].some((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > box.right - parseFloat(getComputedStyle(section).paddingRight) + slack);
    const fits = inside && !wide && !scrolls(section) && unitFits.every(Boolean);
    return { fits, wide, unitFits, unitHeights, ...(top === undefined ? {} : { room: limit - margin - top }) };
  };
  return [...document.body.children].map((shown) => [...shown.querySelectorAll('svg[data-marpit-svg] > foreignObject > section')].map(measureSlide));
}

/**
 * `chromium` may still be starting: Marp is set up meanwhile. `pictures` are the decks' pictures by the
 * path the slides use (`pict/x.svg`): the page fetches them from memory, so pictures take their real
 * size, and nothing else is fetched. `standIns` are stand-ins of drawn diagrams by the same path (see
 * `diagramStandIn`), shown in their place. Both are read as the slides ask: the caller may add to them.
 */
export async function openMeasurer(
  chromium: Promise<Chromium>,
  themeCss: string,
  pictures: ReadonlyMap<string, string | Uint8Array>,
  standIns: ReadonlyMap<string, string>,
): Promise<Measurer> {
  const { fontFaces, rest } = splitFonts(themeCss);
  // One page for every measurement: it keeps the fonts, decoded once, and only the slides and their
  // CSS change (a build session measures many times, a live rebuild after each save). It is asked for
  // first: Chromium starts and opens it while this process sets up Marp (a few hundred milliseconds each).
  const opened = chromium.then((started) => openMemoryPage(started, fontFaces, pictures));
  opened.catch(() => undefined);
  const marp = pageMarp(rest);
  // A first render with the decks' settings (theme and size) compiles the theme they all use, and its
  // code block loads highlight.js's YAML, the course's code: both done before the first deck is.
  marp.render(`${SETTINGS_ONLY}\n\`\`\`yaml\nkind: Pod\n\`\`\`\n`);
  const page = await opened;
  let shownCss: string | undefined;
  // Measurements take turns in the page, in the order they are asked for. Those asked for while it
  // measures (several slides or decks fitted at once, rendered here meanwhile) go in the next turn
  // together, as long as they show the same CSS.
  const waiting: { html: string; css: string; resolve: (measures: SlideMeasure[]) => void; reject: (error: unknown) => void }[] = [];
  let busy = false;
  const next = () => {
    if (busy || waiting.length === 0) return;
    const css = waiting[0]!.css;
    const count = waiting.findIndex((asked) => asked.css !== css);
    const turn = waiting.splice(0, count < 0 ? waiting.length : count);
    const changedCss = css === shownCss ? undefined : css;
    shownCss = css;
    const htmls = turn.map((asked) => asked.html);
    // Only the stand-ins these slides may show travel to the page (a picture's path is in its `src`).
    const shown = Object.fromEntries([...standIns].filter(([path]) => htmls.some((html) => html.includes(path))));
    busy = true;
    page
      .evaluate(showAndMeasure, { htmls, changedCss, standIns: shown })
      .then(
        (measures) => turn.forEach((asked, i) => asked.resolve(measures[i]!)),
        (error: unknown) => turn.forEach((asked) => asked.reject(error)),
      )
      .finally(() => {
        busy = false;
        next();
      });
  };
  return {
    page,
    marp,
    measure(markdown) {
      const { html, css } = marp.render(markdown);
      return new Promise((resolve, reject) => {
        waiting.push({ html, css, resolve, reject });
        next();
      });
    },
  };
}
