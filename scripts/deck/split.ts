// Split a slide too full for its frame into the fewest pieces that fit, cut between units (a list item,
// a code line, a table row, a sentence), each piece measured. No I/O: measuring is a function passed in.
import type { Slide } from './deck.ts';
import type { SlideMeasure } from './fit.ts';
import { balancedEnds, chooseCut } from './balance.ts';
import type { Problems, SourcePosition } from '../problems.ts';

/**
 * How many cuts of a slide one measurement tries, each a slide of its own in one Marp document. A slide
 * is laid out alone in its frame, so the answers are the ones measuring each alone would give, for one
 * round trip to the browser instead of up to four.
 */
const CUTS_AT_ONCE = 4;

export interface Splittable<U, S extends Slide> {
  units: U[];
  /** The slide that shows only `units`; `first` for the first piece (which keeps a picture column). */
  piece: (units: U[], first: boolean) => S;
  /** Rates a cut before unit j (see chooseCut): negative where avoided, higher where it reads well. */
  quality: (j: number) => number;
  /** An estimate of each unit's height, to share the pieces out evenly. */
  weight: (j: number) => number;
  where: (unit: U | undefined) => SourcePosition;
  /** Denser versions of a one-unit piece that does not fit, to try in turn. */
  alternatives: (slide: S) => S[];
  /** Whether the first piece has a picture column, which later units shrink while measured with it. */
  column: boolean;
}

/**
 * Greedy, then balanced: each piece takes as many of the remaining units as fit, found by measuring the
 * remaining units once (where they stop fitting) and searching around that; the cut then moves back to
 * a better place within a few units. Once the number of pieces is known, the units are shared out
 * evenly between that many pieces, kept when every piece fits.
 */
export async function split<U, S extends Slide>(slide: Splittable<U, S>, measureSome: (slides: S[]) => Promise<SlideMeasure[]>, problems: Problems): Promise<S[]> {
  const { units, piece } = slide;
  const measureOne = async (one: S): Promise<SlideMeasure> => (await measureSome([one]))[0]!;
  if (units.length === 0) {
    // Nothing to split: the heading, timestamp or picture alone are too large.
    const alone = piece([], true);
    if (!(await measureOne(alone)).fits) problems.error(slide.where(undefined), 'this slide does not fit even without its text', 'shorten the heading, or draw the picture smaller');
    return [alone];
  }
  const pieces: S[] = [];
  const ends: number[] = [];
  let forced = false;
  let start = 0;
  let lastTake = 8;
  while (start < units.length) {
    const first = pieces.length === 0;
    const rest = units.slice(start);
    const cut = (count: number): S => piece(rest.slice(0, count), first);
    // Measure a window of the remaining units, not all of them: a 2,000-item agenda would otherwise
    // be laid out again for each of its slides. The window doubles while everything in it fits.
    let window = Math.min(rest.length, Math.max(16, 2 * lastTake));
    let all = await measureOne(cut(window));
    while (all.fits && window < rest.length) {
      window = Math.min(rest.length, window * 2);
      all = await measureOne(cut(window));
    }
    if (all.fits) {
      pieces.push(cut(rest.length));
      ends.push(units.length);
      break;
    }
    const stops = all.unitFits.length === window ? all.unitFits.indexOf(false) : -1;
    const most = await mostThatFit(cut, window, stops > 0 ? stops : undefined, measureSome);
    if (most === 0) {
      forced = true;
      const denser = slide.alternatives(cut(1));
      const found = (await measureSome(denser)).findIndex((measure) => measure.fits);
      if (found >= 0) pieces.push(denser[found]!);
      else {
        pieces.push(cut(1));
        reportUnplaceable(await measureOne(cut(1)), slide.where(rest[0]), problems);
      }
      start += 1;
      ends.push(start);
      continue;
    }
    // The fullest cut a piece can take (only avoiding where a cut is never made): the fewest pieces.
    const take = rest.length === most ? most : chooseCut(start, most, (j) => Math.min(0, slide.quality(j)));
    pieces.push(cut(take));
    start += take;
    ends.push(start);
    lastTake = take;
  }
  if (forced || slide.column || pieces.length < 2) return pieces;
  return (await balanced(slide, ends, measureSome)) ?? pieces;
}

/** Topics this long are shared out by estimated heights; shorter ones are measured whole first. */
const MEASURED_WHOLE = 400;

/**
 * As many pieces as `ends` has, sharing the units out evenly by their heights (measured on one tall
 * slide, else estimated) and cut at the best-rated place near each even share (before a subheading, a
 * blank line in code), else at the nearest place. The first of these whose pieces all fit, if any.
 */
async function balanced<U, S extends Slide>(slide: Splittable<U, S>, ends: number[], measureSome: (slides: S[]) => Promise<SlideMeasure[]>): Promise<S[] | undefined> {
  const { units, piece } = slide;
  const whole = units.length <= MEASURED_WHOLE ? (await measureSome([piece(units, true)]))[0]!.unitHeights : undefined;
  const weights = whole?.length === units.length ? whole : units.map((_, j) => slide.weight(j));
  const candidates = [balancedEnds(ends, weights, slide.quality, 0.15), balancedEnds(ends, weights, slide.quality, 0)];
  const sets = candidates.map((cuts) => cuts.map((end, k) => piece(units.slice(k === 0 ? 0 : cuts[k - 1], end), k === 0)));
  const measured = await measureSome(sets.flat());
  const fitting = sets.findIndex((set, i) => measured.slice(i * ends.length, (i + 1) * ends.length).every((measure) => measure.fits));
  return fitting < 0 ? undefined : sets[fitting];
}

/**
 * The most units a piece holds and still fits: fewer than `window`, which does not fit. `guess` is
 * where the measurement of the window says its units stop fitting; the search tries there first, then
 * narrows the range four cuts at a time. 0 when not even one unit fits.
 */
async function mostThatFit<S>(cut: (count: number) => S, window: number, guess: number | undefined, measureSome: (slides: S[]) => Promise<SlideMeasure[]>): Promise<number> {
  let fitting = 0;
  let failing = window;
  let probes = guess === undefined ? [] : [guess, guess + 1, guess - 1, guess - 2];
  while (failing - fitting > 1) {
    const inside = (count: number) => count > fitting && count < failing;
    let counts = [...new Set(probes.filter(inside))];
    if (counts.length === 0) {
      const step = (failing - fitting) / (CUTS_AT_ONCE + 1);
      counts = [...new Set(Array.from({ length: CUTS_AT_ONCE }, (_, i) => Math.round(fitting + step * (i + 1))))].filter(inside);
      if (counts.length === 0) counts = [fitting + 1];
    }
    probes = [];
    counts.sort((a, b) => a - b);
    const measured = await measureSome(counts.map(cut));
    // Fewer units never fit worse: the largest fitting count and the smallest failing one above it.
    counts.forEach((count, i) => {
      if (measured[i]!.fits) fitting = Math.max(fitting, count);
    });
    counts.forEach((count, i) => {
      if (!measured[i]!.fits && count > fitting) failing = Math.min(failing, count);
    });
  }
  return fitting;
}

function reportUnplaceable(measure: SlideMeasure, at: SourcePosition, problems: Problems): void {
  if (measure.wide) {
    problems.error(at, 'this block has a word or picture wider than a slide', 'break the long word or URL (a code line wraps by itself), or draw the picture narrower');
  } else {
    problems.error(at, 'this part of the block is taller than a slide even alone', 'split it in the notes (a shorter list item or table row, a smaller picture), or move detail to the presenter notes');
  }
}
