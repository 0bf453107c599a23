// A notes page's text from the bytes of its file. No I/O: the bytes are passed in.
import type { Problems } from '../problems.ts';

/** A notes page's text from the bytes of its file: UTF-8 (a byte-order mark is dropped), not empty. */
export function decodePageText(file: string, bytes: Uint8Array, problems: Problems): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Where the decoder first had to replace bytes (U+FFFD) is where the page stops being UTF-8.
    const lossy = new TextDecoder().decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    problems.error({ file, line, col: before.length - before.lastIndexOf('\n') }, 'the page is not UTF-8 text', 'save it as UTF-8 (most editors: "Save with encoding")');
    return undefined;
  }
  if (text.trim() === '') {
    problems.error({ file, line: 1, col: 1 }, 'the page is empty', 'write the page, or remove the file');
    return undefined;
  }
  return text;
}
