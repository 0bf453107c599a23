// Raw HTML in a notes page passes only through an allowlist: what could run code in a viewer's browser
// or fetch from another site is removed, and named so the build can warn about it. What is removed is
// decided on the parsed HTML (sanitize-html's parser: entities decoded, any whitespace between
// attributes), never on the text. No I/O.
import type { Marp } from '@marp-team/marp-core';
import type sanitize from 'sanitize-html';
import { requireFromProject } from '../project.ts';

/**
 * The tags of Marp's default HTML allowlist (`Marp.html`), read from marp-core by scripts/launch.mjs as
 * it compiles the copy a build runs: loading marp-core to read them took about a third of the start
 * of a build whose decks all come from the caches. Run from source, they are read from marp-core here.
 */
declare const COURSE_DECKS_MARP_HTML: readonly string[] | undefined;
const marpTags = typeof COURSE_DECKS_MARP_HTML !== 'undefined' ? COURSE_DECKS_MARP_HTML : Object.keys((requireFromProject('@marp-team/marp-core') as { Marp: typeof Marp }).Marp.html);

/**
 * Tags a slide may show: Marp's default allowlist, less media that would load from elsewhere and
 * `<section>`, which is the slide itself (a `</section>` in the notes would end it early).
 */
export const TAGS = marpTags.filter((tag) => !['audio', 'video', 'source', 'picture', 'section'].includes(tag));

const ATTRIBUTES: Record<string, string[]> = {
  '*': ['class', 'title', 'lang', 'dir'],
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height'],
  ol: ['start', 'reversed', 'type'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align'],
};

const allowed = (tag: string, attribute: string) => ATTRIBUTES['*']!.includes(attribute) || (ATTRIBUTES[tag] ?? []).includes(attribute);

/** Attributes whose value is an address the browser would fetch or open. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'xlink:href', 'action', 'formaction', 'background', 'data', 'cite', 'longdesc', 'lowsrc', 'ping', 'manifest', 'codebase', 'usemap']);

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  // Links: the web (https) and mail; pictures: only files beside the deck (relative paths).
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/** A URL's scheme as a browser reads it (tabs, newlines and other control characters dropped); `//` for another host; undefined for a path. */
function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const bare = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^[\\/]{2}/.test(bare)) return '//';
  return /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1]?.toLowerCase();
}

/** A link or picture target that may stay: https, mailto, `#N`, or a path beside the deck. */
export function isSafeUrl(url: string, kind: 'link' | 'picture'): boolean {
  const scheme = schemeOf(url);
  if (scheme === undefined) return true;
  return kind === 'link' && (scheme === 'https' || scheme === 'mailto');
}

/** What the allowlist takes out of one parsed tag, in words. */
function tagRemovals(tag: string, attributes: Record<string, string>): string[] {
  if (!TAGS.includes(tag)) return [`<${tag}>`];
  const removed: string[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) removed.push(`the event handler ${name}`);
    else if (name === 'style') removed.push(/url\s*\(|@import|expression\s*\(|\\/i.test(value) ? 'a CSS url()' : 'a style attribute');
    else if (name === 'srcset') removed.push(value.split(',').every((c) => isSafeUrl(c.trim(), 'picture')) ? 'the attribute srcset' : 'a remote picture (srcset)');
    else if (URL_ATTRIBUTES.has(name)) {
      const scheme = schemeOf(value);
      const kind = tag === 'a' && name === 'href' ? 'link' : 'picture';
      if (scheme !== undefined && !isSafeUrl(value, kind)) {
        if (['javascript', 'vbscript', 'data', 'file'].includes(scheme)) removed.push(`a ${scheme}: URL`);
        else removed.push(kind === 'link' ? `the link to ${value}` : `the picture ${value} (pictures come from the picture folder)`);
      } else if (!allowed(tag, name)) removed.push(`the attribute ${name}`);
    } else if (!allowed(tag, name)) removed.push(`the attribute ${name}`);
  }
  return removed;
}

/**
 * Tags, attributes and text that no allowlist rule touches: tags of the allowlist with their allowed
 * attributes in double quotes, values without entities, parentheses or backslashes, addresses that are
 * paths. Such a fragment is left as it is without loading the parser (~60–100 ms): anything else is parsed.
 */
const VOID = new Set(['br', 'hr', 'img', 'wbr', 'col']);
const PLAIN = /^(?:[^<&]|<\/?[a-zA-Z][\w-]*(?:\s+[a-zA-Z][\w-]*(?:="[^"&<>()\\]*")?)*\s*\/?>)*$/;
const PLAIN_TAG = /<\/?([a-zA-Z][\w-]*)((?:\s+[a-zA-Z][\w-]*(?:="[^"&<>()\\]*")?)*)\s*\/?>/g;

function plain(html: string, extra: string[] = []): boolean {
  if (!PLAIN.test(html)) return false;
  const open: string[] = [];
  for (const match of html.matchAll(PLAIN_TAG)) {
    const tag = match[1]!.toLowerCase();
    if (!TAGS.includes(tag)) return false;
    // A closing tag must close what the fragment opened: the parser drops one that does not.
    if (match[0].startsWith('</')) {
      if (open.pop() !== tag) return false;
    } else if (!match[0].endsWith('/>') && !VOID.has(tag)) open.push(tag);
    for (const [, name, value] of (match[2] ?? '').matchAll(/([a-zA-Z][\w-]*)(?:="([^"]*)")?/g)) {
      const attribute = name!.toLowerCase();
      if (attribute.startsWith('on') || (!allowed(tag, attribute) && !extra.includes(attribute))) return false;
      if ((URL_ATTRIBUTES.has(attribute) && schemeOf(value ?? '') !== undefined) || /@|expression/i.test(value ?? '')) return false;
    }
  }
  return true;
}

function sanitizer(): typeof sanitize {
  // Loaded only for a page whose raw HTML is not plain (see PLAIN).
  return requireFromProject('sanitize-html') as typeof sanitize;
}

/**
 * The fragment as the allowlist lets it through, and what was removed (nothing removed: the fragment
 * as written). A fragment may be a lone opening tag (inline HTML in a paragraph comes tag by tag): it
 * stays a lone opening tag. A comment inside text is removed too: Marp would read it as a directive.
 */
export function cleanHtml(html: string): { html: string; removed: string[] } {
  if (plain(html)) return { html, removed: [] };
  const removed: string[] = [];
  if (/<[!?]/.test(html)) removed.push('an HTML comment inside text (presenter notes are comments on lines of their own)');
  let clean = sanitizer()(html, {
    ...OPTIONS,
    onOpenTag: (tag, attributes) => removed.push(...tagRemovals(tag, attributes)),
    onCloseTag: (tag) => {
      if (!TAGS.includes(tag)) removed.push(`<${tag}>`);
    },
  });
  if (removed.length === 0) return { html, removed };
  const lone = /^\s*<([a-zA-Z][\w-]*)[^>]*>\s*$/.exec(html);
  if (lone && clean.endsWith(`</${lone[1]!.toLowerCase()}>`)) clean = clean.slice(0, -`</${lone[1]!.toLowerCase()}>`.length);
  return { html: clean, removed: [...new Set(removed)] };
}

/**
 * What the allowlist would remove from a notes picture `<img ATTRIBUTES>`, in words, besides its
 * `src` (which the page checks itself) and a plain `style` (the notes format's float).
 */
export function hostileParts(attributes: string): string[] {
  const img = `<img ${attributes.trim()}>`;
  if (plain(img, ['style'])) return [];
  const removed: string[] = [];
  sanitizer()(img, { ...OPTIONS, onOpenTag: (tag, parsed) => removed.push(...tagRemovals(tag, parsed)) });
  return [...new Set(removed)].filter((part) => !part.startsWith('the picture '));
}
