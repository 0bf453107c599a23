// Marp settings shared by `npm run build` and by stock `npx marp` run from this folder.
// PDF options stay out of here on purpose: `pdfOutlines` or `pdfNotes` in a config turn every plain run
// into a PDF run. The build passes them on its PDF run only.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';

/** A style attribute keeps its declarations, but none that fetches (`url(…)`) or imports. */
export function safeStyle(value) {
  return value
    .split(';')
    .filter((declaration) => !/url\s*\(|@import|expression\s*\(|\\/i.test(declaration))
    .join(';');
}

/** A picture's address: a path beside the deck, or nothing. */
const localOnly = (value) => (schemeOf(value) === undefined ? value : '');
/** A link's address: the web over https, mail, or a path. */
const webOrLocal = (value) => ([undefined, 'https', 'mailto'].includes(schemeOf(value)) ? value : '');

/**
 * Marp's default allowlist plus what the notes format uses (`<img style>` and `<p style>`), less what
 * fetches from elsewhere: media tags go (and `<section>`, the slide itself: text cannot end it), pictures (`src`, `srcset`) come only from beside the deck, and
 * links only to https, mail or a path.
 */
export const html = {
  ...Object.fromEntries(Object.entries(Marp.html).filter(([tag]) => !['audio', 'video', 'source', 'picture', 'section'].includes(tag))),
  a: { ...Marp.html.a, href: webOrLocal },
  img: { ...Marp.html.img, src: localOnly, srcset: (value) => (value.split(',').every((candidate) => localOnly(candidate.trim()) !== '') ? value : ''), style: safeStyle },
  p: { ...Marp.html.p, style: safeStyle },
};

/** A URL's scheme as a browser reads it (tabs, newlines and control characters dropped), or undefined for a path. */
function schemeOf(url) {
  // eslint-disable-next-line no-control-regex
  const bare = String(url).replace(/[\u0000-\u0020\u007f]/g, '');
  if (bare.startsWith('//') || bare.startsWith('\\\\') || bare.startsWith('/\\')) return '//';
  return /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1]?.toLowerCase();
}

/**
 * The second layer behind the build's own checks of the notes: on the parsed slides, a picture from
 * anywhere but a path beside the deck becomes its alt text, a link other than https, mailto or a path
 * keeps only its text, and no `<style>` of a slide's Markdown reaches the deck's CSS.
 */
export function onlyLocalPictures(md) {
  md.core.ruler.after('inline', 'course_only_local_pictures', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'marpit_style') Object.assign(token, { type: 'text', content: '', hidden: true });
      if (!token.children) continue;
      const children = [];
      let dropped = 0;
      for (const child of token.children) {
        if (child.type === 'image' && schemeOf(child.attrGet('src') ?? '') !== undefined) {
          const text = new state.Token('text', '', 0);
          text.content = child.content;
          children.push(text);
        } else if (child.type === 'link_open' && ![undefined, 'https', 'mailto'].includes(schemeOf(child.attrGet('href') ?? ''))) {
          dropped += 1;
        } else if (child.type === 'link_close' && dropped > 0) {
          dropped -= 1;
        } else children.push(child);
      }
      token.children = children;
    }
  });
}

/** Links to the web open in a new tab, without access to the deck's page. */
export function externalLinksInNewTab(md) {
  const render = md.renderer.rules.link_open ?? ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    if (/^https?:/i.test(tokens[i].attrGet('href') ?? '')) {
      tokens[i].attrSet('target', '_blank');
      tokens[i].attrSet('rel', 'noopener');
    }
    return render(tokens, i, options, env, self);
  };
}

/**
 * Each line of a code block in a `<span class="line">` of its own (with its line break inside), so the
 * theme can wrap a long line inside the box and mark where it continues, and fitting can tell where
 * each line ends. A highlight.js span open across a line break is closed at the line's end and opened
 * again on the next line. Copied, the code is the code as written: the marks are drawn by CSS.
 */
export function codeLines(md) {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (...args) =>
    fence(...args).replace(/(<code[^>]*>)([\s\S]*?)(<\/code>)/, (_, open, code, close) => `${open}${linesOf(code)}${close}`);
}

function linesOf(html) {
  const lines = html.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let openSpans = [];
  return lines
    .map((line) => {
      const reopened = openSpans.join('');
      for (const tag of line.match(/<span\b[^>]*>|<\/span>/g) ?? []) {
        if (tag === '</span>') openSpans.pop();
        else openSpans.push(tag);
      }
      return `<span class="line">${reopened}${line}${'</span>'.repeat(openSpans.length)}\n</span>`;
    })
    .join('');
}

/** How many parsed themes, and compiled theme CSS, a process keeps: a build uses one or two. */
const KEPT = 32;

/** Keeps `value` under `key` in `map`, which forgets its oldest entry past `kept`. */
function remember(map, key, value, kept) {
  map.set(key, value);
  if (map.size > kept) map.delete(map.keys().next().value);
  return value;
}

/**
 * Every Marp parses marp-core's built-in themes (default, gaia, uncover), and each theme it is given,
 * with PostCSS: ~30 ms a Marp, and a build makes one a deck (marp-cli one per file, the build its own).
 * A parsed theme is a frozen object made from its CSS and the parse options alone, so each is parsed
 * once in a process and shared.
 */
function shareParsedThemes() {
  const { Theme } = createRequire(import.meta.url)('@marp-team/marpit');
  if (Theme.fromCSS.shared) return;
  const parse = Theme.fromCSS.bind(Theme);
  const parsed = new Map();
  const fromCSS = (css, opts = {}) => {
    const metaType = Object.entries(opts.metaType ?? {}).map(([name, type]) => [name, type?.name ?? String(type)]);
    const flags = Object.getOwnPropertySymbols(opts).map((symbol) => [String(symbol), Boolean(opts[symbol])]);
    const key = JSON.stringify([css, Boolean(opts.cssNesting), metaType, flags]);
    return parsed.get(key) ?? remember(parsed, key, parse(css, opts), KEPT);
  };
  fromCSS.shared = true;
  Theme.fromCSS = fromCSS;
}
shareParsedThemes();

/**
 * Marp reads every HTML comment of a deck as YAML, to find directives, on every render: a deck's
 * presenter notes are comments, and fitting renders each slide many times (~80 ms of a build's YAML).
 * The reading depends on the text and the looseness alone, and Marp only reads what it returns, so each
 * text is read once in a process; the result is frozen, so no reader can change it for the next.
 */
function shareCommentYaml() {
  const module = createRequire(import.meta.url)('@marp-team/marpit/lib/markdown/directives/yaml.js');
  if (module.yaml.shared) return;
  const read = module.yaml;
  const known = new Map();
  const yaml = (text, looseDirectives = false) => {
    const key = JSON.stringify([text, looseDirectives]);
    if (known.has(key)) return known.get(key);
    const parsed = read(text, looseDirectives);
    return remember(known, key, parsed === false ? false : Object.freeze(parsed), KEPT_YAML);
  };
  yaml.shared = true;
  module.yaml = yaml;
}
const KEPT_YAML = 2000;
shareCommentYaml();

/**
 * Marp compiles the theme into CSS on every render (PostCSS over the whole theme: ~200 ms a deck), yet
 * the same theme and options always give the same CSS. Kept by all they are made from — marp-core's
 * version, the theme's name, CSS and size, minifying, and the pack options (containers, inline SVG,
 * the deck's own styles) — in this process, and on disk beside the build's other caches (see
 * scripts/build/cache.ts). The build's fitting, printing and marp-cli's HTML share one (see pageMarp).
 */
const compiledCss = new Map();
const CSS_CACHE = join(process.env.COURSE_DECKS_CACHE ?? join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.cache', 'course-decks'), 'css');
const MARP_CORE_VERSION = createRequire(import.meta.url)('@marp-team/marp-core/package.json').version;

/** The compiled CSS on disk, or undefined; a cache that cannot be read or written only costs time. */
function storedCss(key, compile) {
  const file = join(CSS_CACHE, `${createHash('sha256').update(key).digest('hex')}.css`);
  try {
    const css = readFileSync(file, 'utf8');
    // Marked used, as the build's other caches mark theirs (scripts/build/cache-pruning.ts).
    try {
      utimesSync(file, new Date(), new Date());
    } catch {
      // Not marked: pruned a week after it was written, and made again if needed.
    }
    return css;
  } catch {
    const css = compile();
    try {
      mkdirSync(CSS_CACHE, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, css);
      renameSync(partial, file);
    } catch {
      // Not cached: compiled again next time.
    }
    return css;
  }
}

/**
 * @template {Marp} T
 * @param {T} marp
 * @returns {T}
 */
export function reuseThemeCss(marp) {
  const renderStyle = marp.renderStyle.bind(marp);
  marp.renderStyle = (name) => {
    const theme = marp.themeSet.get(name, true);
    const key = JSON.stringify([MARP_CORE_VERSION, name, theme?.name, theme?.css, theme?.width, theme?.height, marp.options.minifyCSS, marp.themeSetPackOptions()]);
    return compiledCss.get(key) ?? remember(compiledCss, key, storedCss(key, () => renderStyle(name)), KEPT);
  };
  return marp;
}

/**
 * marp-core gives every Marp it makes a highlight.js with all its 192 languages registered (~0.1 s each
 * build), while a deck of this course shows two or three. Each Marp here highlights the languages of
 * `ON_DEMAND` with one highlight.js that registers each the first time a deck names it, and any other
 * language (an alias such as `yml` too) with marp-core's own: the same highlighter call on the same
 * language definitions, so the same HTML (tests/unit/highlight.spec.ts compares them).
 */
const ON_DEMAND = new Set(['yaml', 'ruby', 'bash', 'shell', 'json', 'dockerfile', 'plaintext', 'ini', 'properties', 'go', 'python', 'css', 'diff', 'sql']);
const requireHere = createRequire(import.meta.url);
/** @type {import('highlight.js').HLJSApi | undefined} */
let onDemand;
/** Whether a language of `ON_DEMAND` is highlighted on demand: not when it embeds a language outside it. */
const servedOnDemand = new Map();

/** The languages a language definition embeds (`subLanguage`), wherever in its modes. */
function embeddedLanguages(definition) {
  const names = new Set();
  const seen = new Set();
  const walk = (value) => {
    if (value === null || typeof value !== 'object' || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    for (const name of [value.subLanguage ?? []].flat()) names.add(name);
    for (const child of Object.values(value)) walk(child);
  };
  walk(definition);
  return names;
}

/**
 * Code blocks highlighted, by language and code: fitting renders a deck's slides many times, and
 * printing and marp-cli once more (~45 ms of highlighting a cold build). The same code in the same
 * language is always the same HTML.
 */
const highlighted = new Map();
const KEPT_HIGHLIGHTED = 1000;

function onDemandServes(name) {
  if (!ON_DEMAND.has(name)) return false;
  if (servedOnDemand.has(name)) return servedOnDemand.get(name);
  // Provisional: a language that embeds itself, or one that embeds it, asks again.
  servedOnDemand.set(name, true);
  onDemand ??= requireHere('highlight.js/lib/core').newInstance();
  onDemand.registerLanguage(name, requireHere(`highlight.js/lib/languages/${name}`));
  const served = [...embeddedLanguages(onDemand.getLanguage(name))].every((embedded) => onDemandServes(embedded));
  servedOnDemand.set(name, served);
  return served;
}

/**
 * @template {Marp} T
 * @param {T} marp
 * @returns {T}
 */
export function highlightOnDemand(marp) {
  // marp-core's highlighter, with the highlight.js of the language named.
  marp.highlighter = (code, lang) => {
    if (!lang) return '';
    const key = `${lang}\n${code}`;
    const known = highlighted.get(key);
    if (known !== undefined) return known;
    const hljs = onDemandServes(lang.toLowerCase()) ? onDemand : marp.highlightjs;
    return remember(highlighted, key, hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : '', KEPT_HIGHLIGHTED);
  };
  return marp;
}

export const options = {
  // Notes are hard-wrapped prose: a line break in the source is a space, not a <br>.
  markdown: { breaks: false },
  // Emoji stay Unicode text: Marp's default swaps them for twemoji images loaded from a CDN.
  emoji: { shortcode: true, unicode: false },
  // Never render math from notes (it would load fonts from a CDN).
  math: false,
};

export default {
  engine: ({ marp }) => highlightOnDemand(reuseThemeCss(marp.use(onlyLocalPictures).use(externalLinksInNewTab).use(codeLines))),
  themeSet: ['slides/course.css'],
  lang: 'en',
  html,
  options,
  bespoke: { progress: true },
};
