// One error type for everything a maintainer can fix: where (file:line:col), what, and what to do.

export interface SourcePosition {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
}

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  at: SourcePosition;
  message: string;
  hint: string;
}

export function formatPosition(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.col}`;
}

/** `FILE:LINE:COL  what is wrong — what to do` */
export function formatProblem(problem: Problem): string {
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  return `${formatPosition(problem.at)}  ${label}${problem.message} — ${problem.hint}`;
}

/** Thrown by the build when it stops; carries every problem found, not only the first. */
export class NotesError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'NotesError';
    this.problems = problems;
  }
}

/** Collects problems while a stage runs, so one run reports all of them at once. */
export class Problems {
  readonly list: Problem[] = [];

  error(at: SourcePosition, message: string, hint: string): void {
    this.list.push({ severity: 'error', at, message, hint });
  }

  warn(at: SourcePosition, message: string, hint: string): void {
    this.list.push({ severity: 'warning', at, message, hint });
  }

  get errors(): Problem[] {
    return this.list.filter((p) => p.severity === 'error');
  }

  get warnings(): Problem[] {
    return this.list.filter((p) => p.severity === 'warning');
  }

  /** Stops the build when any error was collected (warnings only, when `strict`). */
  throwIfFailed(strict = false): void {
    const failing = strict ? this.list : this.errors;
    if (failing.length > 0) throw new NotesError(failing);
  }
}
