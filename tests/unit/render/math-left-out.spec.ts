// The build leaves marp-core's math modules out (scripts/render/math-left-out.ts): a deck renders the same as
// with them, and no KaTeX or MathJax code is loaded. Checked in a process of its own, which loads
// marp-core only after leaving them out.
import { spawnSync } from 'node:child_process';
import { Marp } from '@marp-team/marp-core';
import { expect, test } from '@playwright/test';
import { options } from '../../../marp.config.mjs';

const DECK = '---\nmarp: true\n---\n\n# Pods\n\nA formula stays text: $E = mc^2$ and $$x^2$$\n\n```yaml\nkind: Pod\n```\n';

const CHILD = `
import { createRequire } from 'node:module';
import { leaveMathOut } from './scripts/render/math-left-out.ts';
leaveMathOut();
const { Marp } = await import('@marp-team/marp-core');
const { options } = await import('./marp.config.mjs');
const { html, css } = new Marp(options).render(${JSON.stringify(DECK)});
const cache = createRequire(import.meta.url).cache;
const math = Object.keys(cache).filter((file) => /[\\\\/]node_modules[\\\\/](katex|mathjax-full)[\\\\/]/.test(file) && !file.endsWith('package.json'));
console.log(JSON.stringify({ html, css, math: math.map((file) => Object.keys(cache[file].exports).length) }));
`;

test('with the math modules left out, marp-core renders a deck as it does with them, and loads no math code', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  const left = JSON.parse(child.stdout) as { html: string; css: string; math: number[] };
  const whole = new Marp(options).render(DECK);
  expect(left.html).toBe(whole.html);
  expect(left.css).toBe(whole.css);
  // Only the modules marp-core asks for, each empty: a real load of MathJax reads hundreds of files.
  expect(left.math.length).toBeGreaterThan(0);
  expect(left.math.length).toBeLessThanOrEqual(7);
  expect(left.math.every((exported) => exported === 0)).toBe(true);
});
