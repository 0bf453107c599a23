// Raw HTML in a notes page passes only through an allowlist: what could run code in a viewer's browser
// or fetch from another site is removed, and named so the build can warn about it. No I/O.
import { Marp } from '@marp-team/marp-core';
import type sanitize from 'sanitize-html';
import { requireFromProject } from '../project.ts';

/** Tags a slide may show: Marp's default allowlist, less media that would load from elsewhere. */
const TAGS = Object.keys(Marp.html).filter((tag) => !['audio', 'video', 'source', 'picture'].includes(tag));

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: {
    '*': ['class', 'title', 'lang', 'dir'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start', 'reversed', 'type'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align'],
  },
  // Links: the web (https) and mail; pictures: only files beside the deck (relative paths).
  allowedSchemes: ['https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

const HOSTILE: [RegExp, (match: RegExpExecArray) => string][] = [
  [/<\s*(script|iframe|frame|style|object|embed|link|meta|base|form|svg|math)\b/i, (m) => `<${m[1]!.toLowerCase()}>`],
  [/\s(on[a-z]+)\s*=/i, (m) => `the event handler ${m[1]!.toLowerCase()}`],
  [/\b(javascript|vbscript|data)\s*:/i, (m) => `a ${m[1]!.toLowerCase()}: URL`],
  [/url\s*\(/i, () => 'a CSS url()'],
  [/\ssrc\s*=\s*["']?\s*(?:https?:)?\/\//i, () => 'a remote picture'],
  [/\sstyle\s*=/i, () => 'a style attribute'],
];

/** What in `html` the allowlist removes, in words (`<script>`, `the event handler onclick`, …). */
export function hostileParts(html: string): string[] {
  return HOSTILE.flatMap(([pattern, name]) => {
    const match = pattern.exec(html);
    return match ? [name(match)] : [];
  });
}

/** Tags of `html` the allowlist does not know (`<marquee>`), named like `hostileParts`. */
function unknownTags(html: string): string[] {
  return [...html.matchAll(/<\/?\s*([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()).filter((tag) => !TAGS.includes(tag)).map((tag) => `<${tag}>`);
}

/**
 * The fragment as the allowlist lets it through, and what was removed. A fragment may be a lone
 * opening tag (inline HTML in a paragraph comes tag by tag): it stays a lone opening tag.
 */
export function cleanHtml(html: string): { html: string; removed: string[] } {
  const removed = [...new Set([...hostileParts(html), ...unknownTags(html)])];
  if (removed.length === 0) return { html, removed };
  // Loaded only for a page that has something to remove (~40 ms of every build otherwise).
  const sanitizeHtml = requireFromProject('sanitize-html') as typeof sanitize;
  let clean = sanitizeHtml(html, OPTIONS);
  const lone = /^\s*<([a-zA-Z][\w-]*)[^>]*>\s*$/.exec(html);
  if (lone && clean.endsWith(`</${lone[1]!.toLowerCase()}>`)) clean = clean.slice(0, -`</${lone[1]!.toLowerCase()}>`.length);
  return { html: clean, removed };
}

/** A link or picture target that may stay: https, mailto, `#N`, or a path beside the deck. */
export function isSafeUrl(url: string, kind: 'link' | 'picture'): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith('//')) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return true;
  return kind === 'link' && (scheme === 'https' || scheme === 'mailto');
}
