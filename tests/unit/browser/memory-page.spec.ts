// The slides fitting measures and printing prints are rendered by `pageMarp` (scripts/browser/memory-page.ts):
// with the CSS the HTML deck shows them with. The expected CSS is stock marp-cli's, run here on the same
// Marp Markdown with the project's Marp config and the course theme without its fonts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marpCli } from '@marp-team/marp-cli';
import { expect, test } from '@playwright/test';
import { pageMarp } from '../../../scripts/browser/memory-page.ts';

const MARKDOWN = '---\nmarp: true\ntheme: course\nsize: 16:9\npaginate: true\nfooter: "A footer"\n---\n\n<!-- _class: topic -->\n\n# Pods\n\n- one\n- two\n\n```yaml\nkind: Pod\n```\n';

test('the slides are measured and printed with the CSS stock marp-cli gives the HTML deck', async () => {
  const theme = readFileSync('theme/course.css', 'utf8').replace(/@font-face\s*\{[^}]*\}/g, '');
  const dir = mkdtempSync(join(tmpdir(), 'page-css-'));
  try {
    writeFileSync(join(dir, 'course.css'), theme);
    writeFileSync(join(dir, 'deck.md'), MARKDOWN);
    const argv = [join(dir, 'deck.md'), '--config-file', 'marp.config.mjs', '--theme-set', join(dir, 'course.css'), '--output', join(dir, 'deck.html'), '--no-stdin'];
    expect(await marpCli(argv)).toBe(0);
    const html = readFileSync(join(dir, 'deck.html'), 'utf8');
    const styles = [...html.slice(0, html.indexOf('</head>')).matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
    const deckCss = styles.filter((css) => css.includes('section'));
    expect(deckCss.length).toBeGreaterThan(0);
    expect(deckCss).toContain(pageMarp(theme).render(MARKDOWN).css);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
