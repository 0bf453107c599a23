// What a published picture may hold. An SVG is a document: opened on its own (or from `npm start`'s
// address) it runs its scripts and handlers, fetches what it refers to and applies its stylesheets, so
// every SVG the build publishes — drawn diagrams and SVG files of the picture folder — keeps only
// drawing elements and attributes. Other pictures are checked by their content, not their name. No I/O.
import type sanitize from 'sanitize-html';
import { requireFromProject } from '../project.ts';

/** SVG elements that draw; no script, foreignObject, image, use of other documents, animation or stylesheet. */
const SVG_TAGS = [
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker', 'filter',
  'feGaussianBlur', 'feOffset', 'feBlend', 'feColorMatrix', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feDropShadow',
];

/** A value that reaches outside the picture: a URL other than `#id`, a CSS url() other than `url(#id)`, a script. */
function external(name: string, value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const bare = value.replace(/[\u0000-\u0020\u007f]/g, '');
  if (/(?:^|:)href$|^src$/i.test(name) && !bare.startsWith('#')) return true;
  if (/url\((?!['"]?#)/i.test(bare) || /@import|expression\(|javascript:|vbscript:|data:/i.test(bare)) return true;
  return false;
}

/**
 * An SVG with only what draws: no scripts, handlers, foreignObject, external references, stylesheets or
 * `javascript:` URLs. `stylesheets: 'own'` keeps a `<style>` element that reaches nothing outside the
 * picture (no `url()` but `url(#id)`, no `@import`): a Mermaid diagram's colours are a stylesheet of its own.
 */
export function safeSvg(svg: string, { stylesheets = 'none' }: { stylesheets?: 'none' | 'own' } = {}): string {
  const ownStyles = stylesheets === 'own';
  const sanitizeHtml = requireFromProject('sanitize-html') as typeof sanitize;
  const clean = sanitizeHtml(svg, {
    allowedTags: ownStyles ? [...SVG_TAGS, 'style'] : SVG_TAGS,
    allowedAttributes: false,
    allowVulnerableTags: ownStyles,
    disallowedTagsMode: 'discard',
    // The text of a script or style element is not text of the picture.
    nonTextTags: ownStyles ? ['script', 'foreignObject', 'textarea', 'noscript'] : ['script', 'style', 'foreignObject', 'textarea', 'noscript'],
    // A stylesheet that reaches outside the picture goes whole.
    exclusiveFilter: (frame) => frame.tag === 'style' && external('style', frame.text),
    parser: { xmlMode: true, lowerCaseTags: false, lowerCaseAttributeNames: false },
    transformTags: {
      '*': (tagName, attribs) => ({
        tagName,
        attribs: Object.fromEntries(Object.entries(attribs).filter(([name, value]) => !/^on/i.test(name) && !external(name, value))),
      }),
    },
  });
  const svgOnly = clean.trim();
  // The declaration goes too (with any stylesheet instruction): the picture says again it is UTF-8.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgOnly.startsWith('<svg') ? svgOnly : '<svg xmlns="http://www.w3.org/2000/svg"/>'}\n`;
}

/** The picture format a file's first bytes say it is, or undefined when they are no picture's. */
export function pictureFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'gif' | 'webp' | 'svg' | undefined {
  const head = Buffer.from(bytes.subarray(0, 8192));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  // An SVG is XML text: a declaration, comments or a doctype may come before its <svg> element.
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.test(text)) return 'svg';
  return undefined;
}

/** The format a picture file's name says it is (`x.jpg` is a JPEG). */
export function formatByName(file: string): string | undefined {
  const extension = /\.([^.]+)$/.exec(file)?.[1]?.toLowerCase();
  return extension === 'jpg' ? 'jpeg' : extension;
}
