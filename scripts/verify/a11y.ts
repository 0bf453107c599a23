// Accessibility: axe-core on the page as shown (the current slide and Marp's on-screen controls; the
// hidden slides are display:none, which axe skips). Only serious and critical violations count.
import type { Page } from '@playwright/test';
import axe from 'axe-core';

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

const COUNTED = ['serious', 'critical'];

/** axe-core's source, put in a deck's page once: every later analysis of that page reuses it. */
const AXE_SOURCE = axe.source;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface PageFinding {
  rule: string;
  impact: string;
  target: string[];
  html: string;
  summary: string;
  inSlide: boolean;
}

/**
 * Runs in the page: axe on the document as shown, its serious and critical violations, each placed in
 * slide `number` or not; null when axe is not in the page yet. axe.run is called as it is, in one round
 * trip: @axe-core/playwright's AxeBuilder injects and configures axe again before every analysis, and a
 * slide's analysis took about 200 ms with it, 130 ms without, on a 2-core machine.
 */
async function analyse({ number, counted }: { number: number; counted: string[] }): Promise<PageFinding[] | null> {
  type Axe = { run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { impact?: string | null; target: unknown[]; html: string; failureSummary?: string }[] }[] }> };
  const axe = (window as unknown as { axe?: Axe }).axe;
  if (!axe) return null;
  // Only violations are read: axe details them alone.
  const { violations } = await axe.run(document, { resultTypes: ['violations'] });
  return violations
    .filter((v) => counted.includes(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((node) => {
        // A target in a frame is a list of selectors (frame, then element): the first one places it.
        const selector = node.target[0];
        let inSlide: boolean;
        try {
          inSlide = typeof selector === 'string' && document.querySelector(selector)?.closest('svg[data-marpit-svg] > foreignObject > section')?.id === String(number);
        } catch {
          inSlide = false;
        }
        return { rule: v.id, impact: node.impact ?? v.impact ?? '', target: node.target.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))), html: node.html, summary: node.failureSummary ?? v.help, inSlide };
      }),
    );
}

/**
 * Serious and critical violations on the page, with slide `number` shown. With `controls`, Marp's
 * on-screen controls are shown for it: Marp fades them out (opacity 0, which axe skips) after 2 s
 * without the mouse moving. They are the same on every slide but the first and last (whose previous or
 * next button is off): the verifier asks for them there.
 */
export async function axeSlide(page: Page, number: number, controls: boolean): Promise<A11yFinding[]> {
  if (controls) {
    // In the slide's top-left corner, where no link is hovered.
    await page.mouse.move(2 + (number % 2), 2);
    await page.mouse.move(3 - (number % 2), 3);
  }
  let found = await page.evaluate(analyse, { number, counted: COUNTED });
  if (found === null) {
    await page.evaluate(AXE_SOURCE);
    found = await page.evaluate(analyse, { number, counted: COUNTED });
  }
  return (found ?? []).map(({ rule, impact, target, html, summary, inSlide }) => ({
    rule,
    impact,
    target: target.join(' >> '),
    html: oneLine(html, 80),
    summary: oneLine(summary, 240),
    inSlide,
  }));
}

export function describeFinding(f: A11yFinding): string {
  return `${f.rule} (${f.impact}) on ${f.html}: ${f.summary}`;
}
