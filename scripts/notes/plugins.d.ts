// markdown-it plugins published without types: each is a plugin function.
declare module 'markdown-it-admon' {
  import type { MarkdownIt } from 'markdown-it';
  const admonitions: (md: MarkdownIt) => void;
  export default admonitions;
}
declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it';
  const footnotes: (md: MarkdownIt) => void;
  export default footnotes;
}
declare module 'markdown-it-emoji' {
  import type { MarkdownIt } from 'markdown-it';
  export const full: (md: MarkdownIt, options?: { shortcuts?: Record<string, string | string[]> }) => void;
}
declare module 'markdown-it-emoji/lib/data/full.mjs' {
  /** Each shortcode's name (`rocket`) and its emoji. */
  const emoji: Record<string, string | undefined>;
  export default emoji;
}
