// marp-core loads KaTeX and MathJax as it is loaded (~0.15 s of a build's start), though no deck renders
// math: the build's Marp options say `math: false` (marp.config.mjs), so marp-core never calls them.
// Their modules go into Node's module cache first, empty, and marp-core's `require` of them returns
// that. Only the build's own process does this; stock `marp` loads them as usual.
import { createRequire, Module } from 'node:module';

const MATH_MODULES = [
  'katex',
  'mathjax-full/js/adaptors/liteAdaptor',
  'mathjax-full/js/handlers/html',
  'mathjax-full/js/input/tex',
  'mathjax-full/js/input/tex/AllPackages',
  'mathjax-full/js/mathjax',
  'mathjax-full/js/output/svg',
];

/** Call before marp-core is first loaded. */
export function leaveMathOut(): void {
  const require = createRequire(createRequire(import.meta.url).resolve('@marp-team/marp-core'));
  for (const name of MATH_MODULES) {
    const file = require.resolve(name);
    if (require.cache[file]) continue;
    const empty = new Module(file);
    empty.filename = file;
    empty.loaded = true;
    require.cache[file] = empty;
  }
}
