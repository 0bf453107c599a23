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
