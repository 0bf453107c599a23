// Constructs inside a block's text, as Markdown with HTML Marp's default allowlist keeps: task list
// items (`- [x]`) with a box the theme draws, `==marked==` text, footnote references (`[^1]`) as their
// number. Code (spans and blocks) is left as written. No I/O.

const TASK = /^(\s*(?:[-*+]|\d+[.)])\s+)\[([ xX])\](?=\s|$)/gm;
const FENCE = /^\s*(```|~~~)/;

/** The text of `markdown` outside code spans rewritten by `rewrite`; a code block stays whole. */
function outsideCode(markdown: string, rewrite: (text: string) => string): string {
  if (FENCE.test(markdown) || /^( {4}|\t)/.test(markdown)) return markdown;
  return markdown
    .split(/(`+[^`]*?`+)/)
    .map((piece, i) => (i % 2 === 1 ? piece : rewrite(piece)))
    .join('');
}

/** `- [x] done` → a done task, `- [ ] to do` → an open one (☑/☐ for text, a box the theme draws). */
export function rewriteTasks(markdown: string): string {
  if (FENCE.test(markdown)) return markdown;
  return markdown.replace(TASK, (_, marker: string, mark: string) =>
    mark === ' ' ? `${marker}<span class="task">☐</span>` : `${marker}<span class="task done">☑</span>`,
  );
}

/** `==text==` → `<mark>text</mark>`. */
export function rewriteMarks(markdown: string): string {
  return outsideCode(markdown, (text) => text.replace(/==(?=\S)([^=\n]*?\S)==/g, '<mark>$1</mark>'));
}

/**
 * `[^label]` → its number as a superscript, for the labels the page defines; each label met is
 * passed to `referenced` (its topic shows the footnote).
 */
export function rewriteFootnoteReferences(markdown: string, numbers: ReadonlyMap<string, number>, referenced: (label: string) => void): string {
  if (numbers.size === 0) return markdown;
  return outsideCode(markdown, (text) =>
    text.replace(/\[\^([^\]\s]+)\](?!:)/g, (whole, label: string) => {
      const number = numbers.get(label);
      if (number === undefined) return whole;
      referenced(label);
      return `<sup class="footnote-ref">${number}</sup>`;
    }),
  );
}
