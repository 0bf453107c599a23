// Constructs of other Markdown dialects that the notes format does not know: shown as their literal
// text, so the build says so. No I/O.

const UNKNOWN: [RegExp, string][] = [
  [/^:::/, 'a ::: container'],
  [/^(!!!|\?\?\?)\+?\s*$/, 'an admonition without a type'],
  [/^\{:?\s*[.#][\w-]/, 'an attribute list'],
  [/^\*\[[^\]]+\]:/, 'an abbreviation'],
  [/^\[\[_?TOC_?\]\]$/i, 'a table of contents other than [TOC]'],
];

/** The construct a paragraph's first line starts, when the notes format does not know it. */
export function unknownConstruct(firstLine: string): string | undefined {
  const line = firstLine.trim();
  return UNKNOWN.find(([pattern]) => pattern.test(line))?.[1];
}
