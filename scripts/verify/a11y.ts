// Accessibility: axe-core on a deck's page. Only serious and critical violations count. Two ways:
// - `axeDeck`: every slide at once, in the deck laid out for print (each slide below the last), each
//   slide as it is when shown (Marp hides the others from screen readers with aria-hidden; here none is
//   hidden). One analysis a deck instead of one a slide: each costs ~100 ms of the page's set-up
//   whatever it covers, and a deck's first ~250 ms more.
// - `axeAroundSlide`: the page as shown around its slide, Marp's on-screen controls, at the deck's
//   first and last slide, whose controls differ; in the same page, after axeDeck (see printed.ts). The
//   slide itself is left out: axeDeck analysed it as shown already, and its text, most of what axe
//   looks at, was half the cost of this analysis.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { requireFromProject } from '../project.ts';

export interface A11yFinding {
  rule: string;
  impact: string;
  /** axe's CSS selector of the element. */
  target: string;
  /** The start of the element's HTML. */
  html: string;
  /** axe's explanation, on one line. */
  summary: string;
  /** The slide the element is part of; 0: the page around the slides (e.g. the on-screen controls). */
  slide: number;
}

const COUNTED = ['serious', 'critical'];

/**
 * axe-core, put in a deck's page once: every later analysis of that page reuses it. Its minified build
 * (0.6 MB), read as text when first needed: `axe.source` is the unminified 1.3 MB, and loading the
 * package runs all of axe in the verifier's own process too.
 */
let axeSource: string | undefined;
const axeScript = () => (axeSource ??= readFileSync(requireFromProject.resolve('axe-core/axe.min.js'), 'utf8'));

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** What an analysis covers: every slide, none hidden from screen readers (axeDeck), or the page around them (axeAroundSlide). */
type Scope = 'every slide' | 'around the slides';

interface PageFinding {
  rule: string;
  impact: string;
  target: string[];
  html: string;
  summary: string;
  slide: number;
}

/**
 * Runs in the page: axe on the `scope`, its serious and critical violations, each placed in the slide
 * whose section holds it (0: none); null when axe is not in the page yet. For every slide, no slide is
 * hidden from screen readers first (see axeDeck). axe.run is called as it is, in one round trip:
 * @axe-core/playwright's AxeBuilder injects and configures axe again before every analysis, and a
 * slide's analysis took about 200 ms with it, 130 ms without, on a 2-core machine.
 */
async function analyse({ counted, scope }: { counted: string[]; scope: Scope }): Promise<PageFinding[] | null> {
  type Axe = { run(context: Document | { exclude: string[][] }, options: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { impact?: string | null; target: unknown[]; html: string; failureSummary?: string }[] }[] }> };
  const axe = (window as unknown as { axe?: Axe }).axe;
  if (!axe) return null;
  if (scope === 'every slide') for (const svg of document.querySelectorAll('svg[data-marpit-svg][aria-hidden]')) svg.removeAttribute('aria-hidden');
  // Only violations are read: axe details them alone.
  const { violations } = await axe.run(scope === 'around the slides' ? { exclude: [['svg[data-marpit-svg]']] } : document, { resultTypes: ['violations'] });
  return violations
    .filter((v) => counted.includes(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((node) => {
        // A target in a frame is a list of selectors (frame, then element): the first one places it.
        const selector = node.target[0];
        let slide = 0;
        try {
          if (typeof selector === 'string') slide = Number(document.querySelector(selector)?.closest('svg[data-marpit-svg] > foreignObject > section')?.id) || 0;
        } catch {
          slide = 0;
        }
        return { rule: v.id, impact: node.impact ?? v.impact ?? '', target: node.target.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))), html: node.html, summary: node.failureSummary ?? v.help, slide };
      }),
    );
}

async function run(page: Page, scope: Scope): Promise<A11yFinding[]> {
  let found = await page.evaluate(analyse, { counted: COUNTED, scope });
  if (found === null) {
    await page.evaluate(axeScript());
    found = await page.evaluate(analyse, { counted: COUNTED, scope });
  }
  return (found ?? []).map(({ rule, impact, target, html, summary, slide }) => ({
    rule,
    impact,
    target: target.join(' >> '),
    html: oneLine(html, 80),
    summary: oneLine(summary, 240),
    slide,
  }));
}

/**
 * Serious and critical violations of the page around slide `number`, which is shown, with Marp's
 * on-screen controls shown for it: Marp fades them out (opacity 0, which axe skips) after 2 s without
 * the mouse moving. They are the same on every slide but the first and last (whose previous or next
 * button is off): the verifier asks there.
 */
export async function axeAroundSlide(page: Page, number: number): Promise<A11yFinding[]> {
  // In the slide's top-left corner, where no link is hovered.
  await page.mouse.move(2 + (number % 2), 2);
  await page.mouse.move(3 - (number % 2), 3);
  return run(page, 'around the slides');
}

/**
 * Serious and critical violations of every slide, in a page showing the deck laid out for print (the
 * `print` media), each slide as it is when shown. Violations outside the slides are left out: the page
 * around them is the printed one here (axeAroundSlide checks the page as shown). It changes the page (no
 * slide is hidden from screen readers after it): only axeAroundSlide, which leaves the slides out, may
 * follow it.
 */
export async function axeDeck(page: Page): Promise<A11yFinding[]> {
  return (await run(page, 'every slide')).filter((finding) => finding.slide > 0);
}

export function describeFinding(f: A11yFinding): string {
  return `${f.rule} (${f.impact}) on ${f.html}: ${f.summary}`;
}
