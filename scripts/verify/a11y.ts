// Accessibility: axe-core on the page as shown (the current slide and Marp's on-screen controls; the
// hidden slides are display:none, which axe skips). Only serious and critical violations count.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import axe from 'axe-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

export interface A11yFinding {
  rule: string;
  impact: string;
  /** axe's CSS selector of the element. */
  target: string;
  /** The start of the element's HTML. */
  html: string;
  /** axe's explanation, on one line. */
  summary: string;
  /** Whether the element is part of the slide (false: the page around it, e.g. the on-screen controls). */
  inSlide: boolean;
}

const COUNTED = new Set(['serious', 'critical']);

/**
 * axe-core's own source (the version @axe-core/playwright bundles), for a page without axe yet.
 * AxeBuilder sends the source it is given with every analysis, and a deck is analysed once per slide:
 * once axe is in the page, a comment stands in for the 500 KB the page would parse again each time.
 */
const AXE_SOURCE = axe.source;
const AXE_IN_PAGE = '/* axe-core is in the page */';

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Serious and critical violations on the page, with slide `number` shown. */
export async function axeSlide(page: Page, number: number): Promise<A11yFinding[]> {
  // Marp fades its on-screen controls out (opacity 0, which axe skips) after 2 s without the mouse
  // moving: move it (in the slide's top-left corner, where no link is hovered) so they are checked.
  await page.mouse.move(2 + (number % 2), 2);
  await page.mouse.move(3 - (number % 2), 3);
  // Legacy mode runs axe.run() in the page itself; the default (runPartial) opens a blank page for
  // every analysis, three times slower. The decks have no frames in the shown view.
  const inPage = await page.evaluate(() => 'axe' in window);
  // Only violations are read: axe details them alone, and the results cross to this process smaller.
  const results: AxeResults = await new AxeBuilder({ page, axeSource: inPage ? AXE_IN_PAGE : AXE_SOURCE })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  const nodes = results.violations
    .filter((v) => COUNTED.has(v.impact ?? ''))
    .flatMap((v) => v.nodes.map((node) => ({ rule: v.id, impact: node.impact ?? v.impact ?? '', node, help: v.help })));
  if (nodes.length === 0) return [];
  // A target in a frame is a list of selectors (frame, then element): the first one places it.
  const selectors = nodes.map(({ node }) => String(node.target[0] ?? ''));
  const inSlide = await page.evaluate(
    ({ selectors, number }) =>
      selectors.map((selector) => {
        try {
          return document.querySelector(selector)?.closest('svg[data-marpit-svg] > foreignObject > section')?.id === String(number);
        } catch {
          return false;
        }
      }),
    { selectors, number },
  );
  return nodes.map(({ rule, impact, node, help }, i) => ({
    rule,
    impact,
    target: node.target.map(String).join(' >> '),
    html: oneLine(node.html, 80),
    summary: oneLine(node.failureSummary ?? help, 240),
    inSlide: inSlide[i] ?? false,
  }));
}

export function describeFinding(f: A11yFinding): string {
  return `${f.rule} (${f.impact}) on ${f.html}: ${f.summary}`;
}
