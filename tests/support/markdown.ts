// Reading what the build wrote as a Markdown reader would, independently of the build's own parser.
import MarkdownIt from 'markdown-it';

/**
 * The raw HTML of Marp Markdown, as a Markdown reader finds it: code is text, not HTML, and comments
 * (presenter notes, Marp's directives) are left out, as nothing of them is markup.
 */
export function rawHtml(markdown: string): string[] {
  return new MarkdownIt({ html: true })
    .parse(markdown, {})
    .flatMap((token) => [token, ...(token.children ?? [])])
    .filter((token) => token.type === 'html_block' || token.type === 'html_inline')
    .map((token) => token.content.replace(/<!--[\s\S]*?-->/g, '').trim())
    .filter((html) => html !== '');
}

/** Tags of `html` that carry an event handler, however the attribute is separated from the rest. */
export function handlerTags(html: string[]): string[] {
  return html.filter((tag) => /<[a-z][^>]*[\s/]on[a-z]+\s*=/i.test(tag));
}
