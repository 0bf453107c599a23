// What a build session is asked (its folders, browser and outputs) and what its builds answer.
import type { Deck } from '../deck/deck.ts';
import type { Paper } from '../render/handout.ts';
import type { Problem } from '../problems.ts';
import type { Progress } from '../progress.ts';

export interface BuildOptions {
  notesDir: string;
  pictDir: string;
  slidesDir: string;
  outDir: string;
  pdf: boolean;
  strict: boolean;
  /** With the PDFs, a handout per deck on this paper. */
  paper?: Paper;
  /** A PowerPoint per deck too. */
  pptx?: boolean;
  /** Chromium, for fitting the slides and for the PDFs. */
  browserPath: string;
  /** Told as each deck is fitted, rendered and printed (a terminal shows it). */
  progress?: Progress;
}

export interface BuildResult {
  decks: Deck[];
  warnings: Problem[];
}

/** What a live rebuild is asked to redo, from the files saved. */
export interface Change {
  /** Every deck (the theme, the course file, or the set of pages changed). */
  all?: boolean;
  /** Notes pages saved, by name (`statefulsets`). */
  pages?: Iterable<string>;
  /** Pictures saved, by file name in the picture folder (`x.dot`, `x.png`). */
  pictures?: Iterable<string>;
}

export interface RebuildResult extends BuildResult {
  /** Whether every deck of the course was rebuilt (or tried). */
  all: boolean;
  /** The decks tried, by name: rebuilt (in `decks`) or failed. */
  tried: string[];
  /** Decks that did not build, each with every problem that stopped it: its last good files stay. */
  failed: { name: string; problems: Problem[] }[];
  /** The pages of dist/ to reload: whose file, or a picture they show, changed (`statefulsets.html`, `index.html`). */
  changed: string[];
}
