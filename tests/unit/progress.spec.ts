// The build's progress line: on a terminal only, written over in place, taken away before the summary.
import { expect, test } from '@playwright/test';
import { progressText, terminalProgress } from '../../scripts/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (chunk: string) => written.push(chunk) > 0 };
}

test('not on a terminal (a log, a pipe): no progress line at all', () => {
  expect(terminalProgress(stream(false))).toBeUndefined();
});

test('on a terminal: one line, rewritten as decks are fitted, rendered and printed, then cleared', () => {
  const tty = stream(true);
  const terminal = terminalProgress(tty)!;
  terminal.progress('fitted', 1, 3);
  terminal.progress('fitted', 3, 3);
  terminal.progress('HTML', 2, 3);
  terminal.progress('PDF', 1, 3);
  terminal.clear();
  expect(tty.written).toEqual([
    '\r\x1b[2KBuilding: 1 of 3 decks fitted',
    '\r\x1b[2KBuilding: 3 of 3 decks fitted',
    '\r\x1b[2KBuilding: 3 of 3 decks fitted, HTML 2 of 3',
    '\r\x1b[2KBuilding: 3 of 3 decks fitted, HTML 2 of 3, PDF 1 of 3',
    '\r\x1b[2K',
  ]);
  // Nothing shown since: nothing to clear.
  terminal.clear();
  expect(tty.written).toHaveLength(5);
});

test('the line names each stage once, in the order they started', () => {
  expect(progressText(new Map([['fitted', { done: 50, total: 50 }], ['PDF', { done: 7, total: 50 }]]))).toBe('Building: 50 of 50 decks fitted, PDF 7 of 50');
});
