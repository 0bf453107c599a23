// How far a build is, for whoever waits at a terminal. The build reports each deck as it is fitted,
// rendered to HTML and printed to PDF; the command shows the counts on one line, rewritten in place,
// on a terminal only: a log or a pipe gets the summary line alone.

export type Stage = 'fitted' | 'HTML' | 'PDF';

/** Called each time a deck is done with a stage: `done` of the build's `total` decks are. */
export type Progress = (stage: Stage, done: number, total: number) => void;

/** The progress line: `Building: 12 of 50 decks fitted, HTML 3 of 50, PDF 1 of 50`. */
export function progressText(counts: ReadonlyMap<Stage, { done: number; total: number }>): string {
  const parts = [...counts].map(([stage, { done, total }]) => (stage === 'fitted' ? `${done} of ${total} decks fitted` : `${stage} ${done} of ${total}`));
  return `Building: ${parts.join(', ')}`;
}

export interface TerminalProgress {
  progress: Progress;
  /** Takes the line away, before the build's own lines are printed. */
  clear(): void;
}

/** A progress line on `stream`, when it is a terminal; undefined otherwise. */
export function terminalProgress(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>): TerminalProgress | undefined {
  if (!stream.isTTY) return undefined;
  const counts = new Map<Stage, { done: number; total: number }>();
  let shown = false;
  return {
    progress(stage, done, total) {
      counts.set(stage, { done, total });
      // Carriage return and "erase line": the line is written over, never scrolled.
      stream.write(`\r\x1b[2K${progressText(counts)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
