// Presenter notes as prose: a notes page is hard-wrapped, so a note's source lines are not its lines.
// Lines of one paragraph are joined with a space; a blank line stays a paragraph break, and a list
// item starts a line of its own. No I/O.

const LIST_ITEM = /^(?:[-*+]|\d+[.)])\s/;

export function reflowNotes(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .reduce((joined, line) => (joined === '' ? line : `${joined}${LIST_ITEM.test(line) ? '\n' : ' '}${line}`), ''),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
