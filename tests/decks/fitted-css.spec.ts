// Each HTML deck is shown with exactly the CSS its slides were fitted and printed with: marp-cli renders
// it with the theme without its fonts and the options of the build's own pages (scripts/browser/memory-page.ts),
// so fitting measures what the deck shows; the fonts follow in a style of their own.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pageMarp } from '../../scripts/browser/memory-page.ts';
import { splitFonts } from '../../scripts/render/theme.ts';
import { pageNames } from './notes.ts';

/** The text of each `<style>` in the head of an HTML file of dist/. */
function headStyles(file: string): string[] {
  const html = readFileSync(file, 'utf8');
  return [...html.slice(0, html.indexOf('</head>')).matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
}

for (const name of pageNames()) {
  test(`${name}.html has the CSS its slides were fitted with, and the theme's fonts`, () => {
    const { fontFaces, rest } = splitFonts(readFileSync('slides/course.css', 'utf8'));
    const fitted = pageMarp(rest).render(readFileSync(`slides/${name}.md`, 'utf8')).css;
    const styles = headStyles(`dist/${name}.html`);
    expect(fontFaces).toContain('@font-face');
    expect(styles).toContain(fitted);
    expect(styles).toContain(fontFaces);
  });
}
