// Formats the verifier's findings: one line per fault, a one-line summary.
import type { Fault } from './fault.ts';

/** `statefulsets.html slide 4 "Deployment vs StatefulSet": overflow: <pre> ends 38px below the slide` */
export function formatFault(f: Fault): string {
  const slide = f.slide === undefined ? '' : ` slide ${f.slide}`;
  const heading = f.slide !== undefined && f.heading ? ` ${JSON.stringify(f.heading)}` : '';
  return `${f.file}${slide}${heading}: ${f.kind}: ${f.message}`;
}

/** Faults in a stable order: by file, then slide (deck-wide faults first), keeping each check's order. */
export function sortFaults(faults: Fault[]): Fault[] {
  return faults
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.file.localeCompare(b.f.file) || (a.f.slide ?? 0) - (b.f.slide ?? 0) || a.i - b.i)
    .map(({ f }) => f);
}

export interface Summary {
  dir: string;
  decks: number;
  slides: number;
  pdfs: number;
  seconds: number;
  /** The kinds of fault looked for, when not every kind was. */
  only?: readonly string[];
}

export function formatSummary(faults: Fault[], s: Summary): string {
  const what = `${s.decks} deck${s.decks === 1 ? '' : 's'}, ${s.slides} slides, ${s.pdfs} PDF${s.pdfs === 1 ? '' : 's'} in ${s.dir}`;
  const result = faults.length === 0 ? 'no faults' : `${faults.length} fault${faults.length === 1 ? '' : 's'}`;
  const only = s.only ? ` (only ${s.only.join(', ')})` : '';
  return `verify: ${what} checked in ${s.seconds.toFixed(1)} s${only}: ${result}`;
}

export function formatReport(faults: Fault[], summary: Summary): string {
  return [...sortFaults(faults).map(formatFault), formatSummary(faults, summary)].join('\n');
}
