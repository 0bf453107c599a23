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
  /**
   * How many of the first units stand beside the first piece's picture column (0: there is none). Measured
   * all at once, the column's text is squeezed by the units below it: where it stops fitting says little.
   */
  columnUnits: number;
  /** Filled in by `split` when measured: each unit's height and the room of a piece, in pixels. */
  sizes?: { heights?: number[]; room?: number };
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
  // A topic of a few hundred units is measured whole once, on one tall slide: each unit's height
  // then tells where the later pieces will about end, without measuring what remains each time.
  const whole = units.length <= MEASURED_WHOLE ? await measureOne(piece(units, true)) : undefined;
  if (whole?.fits) return [piece(units, true)];
  const heights = whole?.unitHeights?.length === units.length ? whole.unitHeights : undefined;
  let room: number | undefined;
  let predicted = false;
  /** The fullest cut a piece can take (only avoiding where a cut is never made): the fewest pieces. */
  const fullest = (from: number, most: number) => (from + most >= units.length ? most : chooseCut(from, most, (j) => Math.min(0, slide.quality(j))));
  while (start < units.length) {
    const first = pieces.length === 0;
    const rest = units.slice(start);
    const cut = (count: number): S => piece(rest.slice(0, count), first);
    /** A count of units known not to fit (or one more than there are), and where to look first. */
    let window: number;
    let guess: number | undefined;
    /** Counts to try in the first measurement besides the guess: the end of a picture column's text. */
    let also: number[] = [];
    if (first && whole) {
      window = units.length;
      const stops = whole.unitFits.length === units.length ? whole.unitFits.indexOf(false) : -1;
      guess = stops > 0 ? stops : undefined;
      if (slide.columnUnits > 0) also = [slide.columnUnits, slide.columnUnits + 1];
    } else if (heights && room !== undefined && !predicted) {
      // Every later piece as the heights predict it, confirmed in one measurement as far as it holds;
      // from a piece predicted wrong on, measured as before, and predicted again after it.
      predicted = true;
      for (const most of await confirmAhead(slide, start, heights, room, fullest, measureSome)) {
        const take = fullest(start, most);
        pieces.push(piece(units.slice(start, start + take), false));
        start += take;
        ends.push(start);
      }
      continue;
    } else if (heights && room !== undefined) {
      // All the remaining units may fit: none is known not to.
      window = rest.length + 1;
      guess = 0;
      let sum = 0;
      while (guess < rest.length && sum + heights[start + guess]! <= room) sum += heights[start + guess++]!;
    } else {
      // Measure a window of the remaining units, not all of them: a 2,000-item agenda would otherwise
      // be laid out again for each of its slides. The window doubles while everything in it fits.
      window = Math.min(rest.length, Math.max(16, 2 * lastTake));
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
      guess = stops > 0 ? stops : undefined;
    }
    const most = await mostThatFit(cut, window, guess, also, measureSome);
    if (most === rest.length) {
      pieces.push(cut(rest.length));
      ends.push(units.length);
      break;
    }
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
    // The room a piece has: between the heights of the units that fit and of one more. The first piece
    // beside a picture column has less: the second is guessed by the room the slide measured whole
    // says (about a later piece's), and the later ones predicted from the second.
    const besideColumn = first && slide.columnUnits > 0;
    if (heights) room = besideColumn ? whole?.room : heights.slice(start, start + most).reduce((sum, h) => sum + h, 0) + heights[start + most]! / 2;
    predicted = besideColumn;
    if (slide.sizes && heights) Object.assign(slide.sizes, { heights, room });
    const take = fullest(start, most);
    pieces.push(cut(take));
    start += take;
    ends.push(start);
    lastTake = take;
  }
  if (forced || slide.columnUnits > 0 || pieces.length < 2) return pieces;
  return (await balanced(slide, ends, pieces, heights, measureSome)) ?? pieces;
}

/** Pieces this long are shared out by estimated heights; shorter ones are measured whole first. */
const MEASURED_WHOLE = 400;
/** A split into more pieces than this (a long agenda) shares out only its last two pieces. */
const BALANCED_PIECES = 8;

/**
 * As many pieces as `ends` has, sharing the units out evenly by their heights (measured on one tall
 * slide, else estimated) and cut at the best-rated place near each even share (before a subheading, a
 * blank line in code), else at the nearest place. The first of these whose pieces all fit, with the
 * greedy pieces before them, if any.
 */
async function balanced<U, S extends Slide>(slide: Splittable<U, S>, ends: number[], greedy: S[], heights: number[] | undefined, measureSome: (slides: S[]) => Promise<SlideMeasure[]>): Promise<S[] | undefined> {
  const from = ends.length > BALANCED_PIECES ? ends.length - 2 : 0;
  const offset = from === 0 ? 0 : ends[from - 1]!;
  const units = slide.units.slice(offset);
  const piece = (chosen: U[], k: number) => slide.piece(chosen, from + k === 0);
  const whole = from === 0 && heights ? heights : units.length <= MEASURED_WHOLE ? (await measureSome([piece(units, 0)]))[0]!.unitHeights : undefined;
  const weights = whole?.length === units.length ? whole : units.map((_, j) => slide.weight(offset + j));
  const quality = (j: number) => slide.quality(offset + j);
  const local = ends.slice(from).map((end) => end - offset);
  const candidates = [balancedEnds(local, weights, quality, 0.15), balancedEnds(local, weights, quality, 0)];
  if (candidates[0]!.every((end, k) => end === local[k])) return undefined;
  const sets = candidates.map((cuts) => cuts.map((end, k) => piece(units.slice(k === 0 ? 0 : cuts[k - 1], end), k)));
  const measured = await measureSome(sets.flat());
  const fitting = sets.findIndex((_, i) => measured.slice(i * local.length, (i + 1) * local.length).every((measure) => measure.fits));
  return fitting < 0 ? undefined : [...greedy.slice(0, from), ...sets[fitting]!];
}

/**
 * The pieces from unit `start` on as the units' heights predict them (each as many units as `room`
 * holds), all measured at once, each alone and with one unit more: for each piece in turn while the
 * prediction holds, the most units it takes. Stops at the first piece predicted wrong.
 */
async function confirmAhead<U, S extends Slide>(
  slide: Splittable<U, S>,
  start: number,
  heights: number[],
  room: number,
  fullest: (from: number, most: number) => number,
  measureSome: (slides: S[]) => Promise<SlideMeasure[]>,
): Promise<number[]> {
  const plan: { from: number; most: number }[] = [];
  for (let from = start; from < heights.length; ) {
    let most = 0;
    for (let sum = 0; from + most < heights.length && sum + heights[from + most]! <= room; most++) sum += heights[from + most]!;
    plan.push({ from, most: Math.max(1, most) });
    from += fullest(from, Math.max(1, most));
  }
  const at = (from: number, count: number) => slide.piece(slide.units.slice(from, from + count), false);
  const probes = plan.flatMap(({ from, most }) => (from + most < heights.length ? [at(from, most), at(from, most + 1)] : [at(from, most)]));
  const measured = await measureSome(probes);
  const confirmed: number[] = [];
  let i = 0;
  for (const { from, most } of plan) {
    const fits = measured[i++]!.fits;
    const oneMore = from + most < heights.length ? measured[i++]!.fits : false;
    if (!fits || oneMore) break;
    confirmed.push(most);
  }
  return confirmed;
}

/**
 * The most units a piece holds and still fits: fewer than `window`, which does not fit. `guess` is
 * where the measurement of the window says its units stop fitting; the search tries there first (with
 * the counts `also`), then narrows the range four cuts at a time. 0 when not even one unit fits.
 */
async function mostThatFit<S>(cut: (count: number) => S, window: number, guess: number | undefined, also: number[], measureSome: (slides: S[]) => Promise<SlideMeasure[]>): Promise<number> {
  let fitting = 0;
  let failing = window;
  let probes = [...also, ...(guess === undefined ? [] : [guess, guess + 1, guess - 1, guess - 2])];
  while (failing - fitting > 1) {
    const inside = (count: number) => count > fitting && count < failing;
    let counts = [...new Set(probes.filter(inside))].slice(0, CUTS_AT_ONCE);
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
