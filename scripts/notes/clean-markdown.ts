// A notes block's Markdown with what the allowlist refuses taken out, decided on markdown-it's parse
// of it (entities decoded, references resolved, at any depth: in quotes, lists, tables), never on
// its text alone. No I/O.
import MarkdownIt, { type Token } from 'markdown-it';
import { cleanHtml, isSafeUrl } from './raw-html.ts';

const markdown = new MarkdownIt({ html: true });

/** Every token of a parse, the inline children included. */
function* allTokens(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* allTokens(token.children);
  }
}

/** A picture or link the allowlist refuses, in words; undefined for anything else. */
function refused(token: Token): string | undefined {
  if (token.type === 'image') {
    const src = String(token.attrGet('src') ?? '');
    return isSafeUrl(src, 'picture') ? undefined : `the picture ${src} (pictures come from the picture folder)`;
  }
  if (token.type === 'link_open') {
    const href = String(token.attrGet('href') ?? '');
    return isSafeUrl(href, 'link') ? undefined : `the link to ${href}`;
  }
  return undefined;
}

/** The refused pictures and links of `source`, and the labels of the references they use. */
function refusedTargets(source: string): { parts: string[]; labels: Set<string> } {
  const env: { references?: Record<string, { href: string; title: string }> } = {};
  const parts = [...allTokens(markdown.parse(source, env))].flatMap((token) => refused(token) ?? []);
  const labels = new Set(Object.entries(env.references ?? {}).filter(([, { href }]) => !isSafeUrl(href, 'link') || !isSafeUrl(href, 'picture')).map(([label]) => label));
  return { parts, labels };
}

/** Closing tags of a paragraph's inline HTML that close nothing it opened (`</div>`): each would close the slide's own markup. */
function unmatchedClosingTags(children: Token[]): string[] {
  const open: string[] = [];
  const unmatched: string[] = [];
  for (const child of children) {
    if (child.type !== 'html_inline') continue;
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(child.content);
    if (!tag || /\/>$/.test(child.content) || ['br', 'hr', 'img', 'wbr', 'col'].includes(tag[2]!.toLowerCase())) continue;
    if (!tag[1]) open.push(tag[2]!.toLowerCase());
    else if (open.at(-1) === tag[2]!.toLowerCase()) open.pop();
    else unmatched.push(child.content);
  }
  return unmatched;
}

/**
 * A heading's inline Markdown with its raw HTML shown as written: a heading is text (`# Closing the
 * </section> early` reads as it is written), its Markdown emphasis and code kept.
 */
export function cleanHeading(source: string): { markdown: string; removed: string[] } {
  let result = source;
  for (const token of allTokens(markdown.parseInline(source, {}))) {
    if (token.type === 'html_inline') result = result.replace(token.content, token.content.replace(/</g, '&lt;'));
  }
  return cleanMarkdown(result);
}

/** A reference label as markdown-it keys it. */
const normalizeLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toUpperCase();

/** Inline pictures, links and autolinks as written: each is parsed on its own to see where it leads. */
const INLINE_TARGET = /(!?)\[((?:[^[\]\\]|\\.)*)\]\(((?:[^()\\]|\\.|\([^()]*\))*)\)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>/g;
/** A reference definition's line, in a quote or not. */
const DEFINITION = /^([ \t>]*)\[((?:[^[\]\\]|\\.)+)\]:[^\n]*$/gm;

/**
 * A block's Markdown with what the allowlist refuses taken out: raw HTML is cleaned (comments too:
 * Marp would read them as directives), pictures from elsewhere and links other than https, mailto,
 * `#N` or a relative path are removed (a link keeps its text; a picture its alt text). Code is left
 * alone: HTML in a code span or block is text. A construct that cannot be taken out alone takes its
 * block with it.
 */
export function cleanMarkdown(source: string): { markdown: string; removed: string[] } {
  const removed: string[] = [];
  let result = source;
  for (const token of allTokens(markdown.parse(source, {}))) {
    if (token.type !== 'html_block' && token.type !== 'html_inline') continue;
    const content = token.type === 'html_block' ? token.content.trimEnd() : token.content;
    const cleaned = cleanHtml(content);
    if (cleaned.removed.length === 0) continue;
    removed.push(...cleaned.removed);
    result = result.includes(content) ? result.replace(content, cleaned.html) : '';
  }

  for (const token of allTokens(markdown.parse(result, {}))) {
    if (token.type !== 'inline') continue;
    for (const unmatched of unmatchedClosingTags(token.children ?? [])) {
      removed.push(`an unmatched ${unmatched}`);
      result = result.replace(unmatched, '');
    }
  }

  const { parts, labels } = refusedTargets(result);
  if (parts.length === 0) return { markdown: result, removed };
  removed.push(...parts);
  result = result.replace(INLINE_TARGET, (written: string, bang: string, text: string) => {
    const found = [...allTokens(markdown.parseInline(written, {}))].some((t) => refused(t) !== undefined);
    if (!found) return written;
    return bang ? text : (text ?? '');
  });
  result = result.replace(DEFINITION, (line: string, _quote: string, label: string) => (labels.has(normalizeLabel(label)) ? '' : line));
  // What is still refused could not be taken out alone (a reference used without its definition
  // here, for one): the block goes.
  if (refusedTargets(result).parts.length > 0) {
    removed.push('the block around it');
    result = '';
  }
  return { markdown: result, removed };
}
