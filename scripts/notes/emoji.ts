// Emoji shortcodes (`:rocket:`) as Marp shows them: markdown-it-emoji's table (the plugin marp-core
// carries, in the same major version), without its text shortcuts (`:)`), as Marp has it. Marp turns
// shortcodes into emoji when it renders a slide; the texts the build writes itself (a deck's title in
// the browser's tab, the course index, BACK's title, the search results) and the deck's fonts need the
// same. No I/O.
import type MarkdownIt from 'markdown-it';
import { full } from 'markdown-it-emoji';
import EMOJI from 'markdown-it-emoji/lib/data/full.mjs';

type Markdown = InstanceType<typeof MarkdownIt>;

/** A name of the table: letters, digits, `_`, `+`, `-` (`+1`, `100`, `t-rex`). */
const SHORTCODE = /:([\w+-]+):/g;
/** What may stand just before and after a shortcode (markdown-it-emoji's rule): white space, punctuation, a control character. */
const BOUNDARY = /[\p{Z}\p{P}\p{Cc}]/u;

/** Plain text with each shortcode as its emoji; a timestamp's `2:58:38` is none (a digit before it). */
export function withEmoji(text: string): string {
  if (!text.includes(':')) return text;
  return text.replace(SHORTCODE, (match, name: string, offset: number) => {
    const emoji = EMOJI[name];
    if (emoji === undefined) return match;
    const before = text[offset - 1];
    const after = text[offset + match.length];
    if ((before !== undefined && !BOUNDARY.test(before)) || (after !== undefined && !BOUNDARY.test(after))) return match;
    return emoji;
  });
}

/** A markdown-it that reads shortcodes as Marp does (not in code). */
export function useEmoji(md: Markdown): Markdown {
  return md.use(full, { shortcuts: {} });
}
