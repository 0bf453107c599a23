// Each HTML deck is shown with the CSS stock Marp gives its Marp Markdown (slides/NAME.md, with the
// project's Marp config and the course theme of slides/), and with the theme's fonts in a style of
// their own. The expected CSS comes from marp-cli run here on slides/, not from the build's code.
// (That fitting measures with this same CSS: tests/unit/browser/memory-page.spec.ts.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marpCli } from '@marp-team/marp-cli';
import { expect, test } from '@playwright/test';
import { pageNames } from './notes.ts';

/** The text of each `<style>` in the head of an HTML file. */
function headStyles(file: string): string[] {
  const html = readFileSync(file, 'utf8');
  return [...html.slice(0, html.indexOf('</head>')).matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
}

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;

for (const name of pageNames()) {
  test(`${name}.html has the CSS stock Marp gives slides/${name}.md, and the theme's fonts`, async () => {
    const theme = readFileSync('slides/course.css', 'utf8');
    const fonts = theme.match(FONT_FACE) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'stock-css-'));
    try {
      // The theme without its fonts: stock Marp would compile them into the deck's CSS.
      writeFileSync(join(dir, 'course.css'), theme.replace(FONT_FACE, ''));
      const argv = [`slides/${name}.md`, '--config-file', 'marp.config.mjs', '--theme-set', join(dir, 'course.css'), '--output', join(dir, `${name}.html`), '--no-stdin'];
      expect(await marpCli(argv)).toBe(0);
      const stock = headStyles(join(dir, `${name}.html`));
      expect(stock.some((css) => css.includes('section'))).toBe(true);
      // Stock Marp's styles in their order, then the fonts (compared as booleans: each is 50 KB or
      // more). What the build adds after them to paint the opening slide first: render/deck-html.spec.ts.
      const styles = headStyles(`dist/${name}.html`);
      expect(styles.length).toBeGreaterThanOrEqual(stock.length + 1);
      stock.forEach((css, i) => expect(styles[i] === css, `style ${i + 1} is stock Marp's`).toBe(true));
      // Then the deck's own fonts: only @font-face rules, of the families the course theme carries (each
      // deck's subset to its own characters: see docs/decisions.md).
      const own = styles[stock.length]!;
      const faces = own.match(FONT_FACE) ?? [];
      expect(faces.length, "the next style is the deck's fonts").toBeGreaterThan(0);
      expect(own.replace(FONT_FACE, '').trim(), 'nothing but @font-face rules').toBe('');
      const family = (face: string) => /font-family:\s*['"]?([^;'"]+)/.exec(face)?.[1];
      const courseFamilies = new Set(fonts.map(family));
      for (const face of faces) expect(courseFamilies.has(family(face)), `${family(face)} is a family of slides/course.css`).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// Each text of a deck is drawn in a face the deck carries: the first family its CSS names, in its own
// style and weight (a face left out is drawn by another face of the family, made bold or slanted, and
// no font check sees it: the family is still the deck's). Read from the page: the computed style of
// each element with Latin letters or digits of its own, and the deck's `document.fonts`.
for (const name of pageNames()) {
  test(`every text of ${name}.html is drawn in a face of its own family, style and weight`, async ({ page }) => {
    await page.goto(`/${name}.html`);
    const { used, faces } = await page.evaluate(async () => {
      await document.fonts.ready;
      const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '');
      const used = new Set<string>();
      for (const element of document.querySelectorAll('section *')) {
        const own = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('');
        if (!/[A-Za-z0-9]/.test(own)) continue;
        const style = getComputedStyle(element);
        used.add(JSON.stringify([unquote(style.fontFamily.split(',')[0]!), style.fontStyle, Number(style.fontWeight)]));
      }
      const faces = [...document.fonts].map((face) => {
        const [low, high = low] = face.weight.split(' ').map(Number);
        return { family: unquote(face.family), style: face.style, low: low!, high: high! };
      });
      return { used: [...used].map((u) => JSON.parse(u) as [string, string, number]), faces };
    });
    expect(used.length).toBeGreaterThan(1);
    // A weight of 600 or more is drawn bold, by the nearest bold face (CSS font matching), else made bold.
    for (const [family, style, weight] of used) {
      const face = faces.find((f) => f.family === family && f.style === style && (weight >= 600 ? f.high >= 600 : f.low < 600));
      expect(face, `${family} ${style} ${weight}`).toBeDefined();
    }
  });
}
