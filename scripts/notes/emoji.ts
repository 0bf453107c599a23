// Emoji shortcodes (`:rocket:`) as Marp shows them: markdown-it-emoji's table (the plugin marp-core
// carries, in the same major version), without its text shortcuts (`:)`), as Marp has it. Marp turns
// shortcodes into emoji when it renders a slide; the texts the build writes itself (a deck's title in
// the browser's tab, the course index, BACK's title, the search results) and the deck's fonts need the
// same. No I/O.
import type MarkdownIt from 'markdown-it';
import EMOJI from 'markdown-it-emoji/lib/data/full.mjs';

type Markdown = InstanceType<typeof MarkdownIt>;

/** A shortcode's opening colon and name, before its closing colon: letters, digits, `_`, `+`, `-` (`+1`, `100`, `t-rex`). */
const SHORTCODE = /:([\w+-]+)(?=:)/g;

/**
 * Plain text with each shortcode as its emoji, by markdown-it-emoji's rule (Marp's): a name of the
 * table between colons, wherever it stands (`a:rocket:b` shows a rocket), read from left to right, the
 * next one looked for after the last one's closing colon; a timestamp's `2:58:38` names none.
 */
export function withEmoji(text: string): string {
  if (!text.includes(':')) return text;
  let shown = '';
  let from = 0;
  for (const match of text.matchAll(SHORTCODE)) {
    const emoji = Object.hasOwn(EMOJI, match[1]!) ? EMOJI[match[1]!] : undefined;
    // An unknown name's closing colon may open the next shortcode; a known one's closes it.
    if (emoji === undefined || match.index < from) continue;
    shown += text.slice(from, match.index) + emoji;
    from = match.index + match[0].length + 1;
  }
  return shown + text.slice(from);
}

/**
 * A markdown-it that reads shortcodes as Marp does: in text, not in code nor in a link written as its
 * address. markdown-it-emoji's own rule would first build one expression of every name in the table
 * (~50 ms of every build's start); `withEmoji` reads the same table by the same rule, a name at a time.
 */
export function useEmoji(md: Markdown): Markdown {
  md.core.ruler.after('linkify', 'emoji', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let autolink = 0;
      for (const token of block.children) {
        if (token.type === 'link_open' && token.info === 'auto') autolink++;
        else if (token.type === 'link_close' && token.info === 'auto') autolink--;
        else if (token.type === 'text' && autolink === 0) token.content = withEmoji(token.content);
      }
    }
  });
  return md;
}
