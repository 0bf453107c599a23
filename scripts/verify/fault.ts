// What the verifier reports: one fault per problem, placed as precisely as it can be (file, slide, heading).

/** Every kind of fault, in the order `npm run verify -- --only` lists them. */
export const FAULT_KINDS = [
  'deck', // the file is not a Marp deck the verifier can drive
  'overflow',
  'text', // text outside every slide
  'font', // text drawn by a font of the machine, not one the deck carries
  'picture',
  'link',
  'network',
  'console',
  'a11y',
  'keyboard',
  'view',
  'pdf',
  'pptx',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  /** The file at fault, relative to the checked folder: `statefulsets.html`, `statefulsets.pdf`. */
  file: string;
  /** The 1-based slide (or PDF page) number, when the fault belongs to one slide. */
  slide?: number;
  /** That slide's heading. */
  heading?: string;
  kind: FaultKind;
  message: string;
}

/** A slide as the faults name it. */
export interface SlidePlace {
  number: number;
  heading: string;
}

export function fault(file: string, kind: FaultKind, message: string, slide?: SlidePlace): Fault {
  return slide ? { file, slide: slide.number, heading: slide.heading, kind, message } : { file, kind, message };
}
