// Fit every slide into its 16:9 frame. A topic (or agenda) too long for one slide is split at block
// boundaries — paragraph, list item, code block, table — into continuation slides `Topic (2/3)`, each
// keeping the topic's timestamp; the picture column stays with the first part. Text is never shrunk.
// No I/O: measuring rendered slides in the browser is a function passed in.
import type { AgendaSlide, Block, Deck, Slide, TopicSlide } from './deck.ts';
import { Problems, type SourcePosition } from '../problems.ts';

export interface SlideMeasure {
  /** Whether everything lies inside the slide's content box and nothing scrolls. */
  fits: boolean;
  /** Whether something is wider than the slide (a long code line): splitting cannot help. */
  wide: boolean;
  /** For each unit of the slide (a block, or a list item), in order: whether it ends inside. */
  unitFits: boolean[];
}

/** Renders a deck's Marp Markdown with the deck's theme and measures each slide. */
export type Measure = (markdown: string) => Promise<SlideMeasure[]>;
export type Emit = (deck: Deck) => string;

/**
 * How many cuts of a slide one measurement tries: the next ones a search would try in turn, each a
 * slide of its own in one Marp document. A slide is laid out alone in its frame, so the answers are the
 * ones measuring each alone would give, for one round trip to the browser instead of up to four.
 */
const CUTS_AT_ONCE = 4;

/** One unit of a topic: a part of a block, and which region of the slide it stands in. */
interface Unit {
  region: 'beside' | 'below';
  block: number;
  part: number;
}

function topicUnits(slide: TopicSlide): Unit[] {
  const units: Unit[] = [];
  for (const region of ['beside', 'below'] as const) {
    slide[region].forEach((block, b) => block.parts.forEach((_, p) => units.push({ region, block: b, part: p })));
  }
  return units;
}

/** The slide that shows only `units` of `slide`; only the first part keeps the picture column. */
function topicPiece(slide: TopicSlide, units: Unit[], first: boolean): TopicSlide {
  const collect = (region: 'beside' | 'below'): Block[] => {
    const blocks = new Map<number, Block>();
    for (const unit of units.filter((u) => u.region === region)) {
      const source = slide[region][unit.block]!;
      const block = blocks.get(unit.block) ?? { parts: [], joiner: source.joiner, at: source.at };
      block.parts.push(source.parts[unit.part]!);
      blocks.set(unit.block, block);
    }
    return [...blocks.values()];
  };
  const { picture, back: _back, next: _next, part: _part, ...rest } = slide;
  const piece: TopicSlide = { ...rest, beside: collect('beside'), below: collect('below') };
  if (first && picture) piece.picture = picture;
  // Without the picture column every block is full width: "below" is simply after "beside".
  if (!piece.picture) piece.beside = [...piece.beside, ...piece.below.splice(0)];
  return piece;
}

/** Denser versions of a slide with code, to try when it does not fit alone: smaller code, never smaller prose. */
function denser(slide: TopicSlide): TopicSlide[] {
  const hasCode = [...slide.beside, ...slide.below].some((block) => /^\s*(```|~~~)/.test(block.parts[0] ?? ''));
  return hasCode ? [{ ...slide, denseCode: 1 }, { ...slide, denseCode: 2 }] : [];
}

function agendaPiece(slide: AgendaSlide, items: AgendaSlide['items']): AgendaSlide {
  const { part: _part, ...rest } = slide;
  return { ...rest, items };
}

export async function fitDeck(deck: Deck, measure: Measure, emit: Emit): Promise<{ deck: Deck; problems: Problems }> {
  const problems = new Problems();
  const measureSome = async (slides: Slide[]): Promise<SlideMeasure[]> => (slides.length === 0 ? [] : measure(emit({ ...deck, slides })));
  const measured = await measure(emit(deck));

  const slides: Slide[] = [];
  for (const [i, slide] of deck.slides.entries()) {
    if (measured[i]!.fits || slide.kind === 'title') {
      if (!measured[i]!.fits) problems.error(position(deck), `the title slide of "${deck.title}" does not fit`, 'shorten the METADATA title');
      slides.push(slide);
      continue;
    }
    const pieces =
      slide.kind === 'topic'
        ? await split(topicUnits(slide), (units, first) => topicPiece(slide, units, first), measureSome, (unit) => unitPosition(slide, unit), problems, denser, slide.picture?.column === true)
        : await split(slide.items, (items) => agendaPiece(slide, items), measureSome, () => position(deck), problems, () => [], false);
    pieces.forEach((piece, index) => {
      if (pieces.length > 1) piece.part = { index: index + 1, count: pieces.length };
    });
    const last = pieces[pieces.length - 1];
    if (slide.kind === 'topic' && slide.back && last?.kind === 'topic') last.back = slide.back;
    if (slide.kind === 'topic' && slide.next && last?.kind === 'topic') last.next = slide.next;
    slides.push(...pieces);
  }
  return { deck: { ...deck, slides }, problems };
}

/**
 * Greedy split: each piece takes as many of the remaining units as fit. One measurement of all the
 * remaining units tells about where the cut is; the piece is then confirmed, stepping back a unit while
 * it does not fit and forward while one more still does.
 */
async function split<U, S extends Slide>(
  units: U[],
  piece: (units: U[], first: boolean) => S,
  measureSome: (slides: S[]) => Promise<SlideMeasure[]>,
  where: (unit: U | undefined) => SourcePosition,
  problems: Problems,
  alternatives: (slide: S) => S[],
  /** Whether the first piece has a picture column, which later units shrink while measured with it. */
  column: boolean,
): Promise<S[]> {
  const measureOne = async (slide: S): Promise<SlideMeasure> => (await measureSome([slide]))[0]!;
  /** The first of `slides` that fits, in order. */
  const firstFitting = async (slides: S[]): Promise<number> => (await measureSome(slides)).findIndex((measure) => measure.fits);
  const pieces: S[] = [];
  if (units.length === 0) {
    // Nothing to split: the heading, timestamp or picture alone are too large.
    const alone = piece([], true);
    if (!(await measureOne(alone)).fits) problems.error(where(undefined), 'this slide does not fit even without its text', 'shorten the heading, or draw the picture smaller');
    return [alone];
  }
  let start = 0;
  let lastTake = 8;
  while (start < units.length) {
    const first = pieces.length === 0;
    const rest = units.slice(start);
    // Measure a window of the remaining units, not all of them: a 2,000-item agenda would otherwise
    // be laid out again for each of its slides. The window doubles while everything in it fits.
    let window = Math.min(rest.length, Math.max(16, 2 * lastTake));
    let all = await measureOne(piece(rest.slice(0, window), first));
    while (all.fits && window < rest.length) {
      window = Math.min(rest.length, window * 2);
      all = await measureOne(piece(rest.slice(0, window), first));
    }
    if (all.fits) {
      pieces.push(piece(rest, first));
      break;
    }
    const known = all.unitFits.length === window;
    let take = known ? all.unitFits.indexOf(false) : window - 1;
    if (take < 0) take = window - 1;
    /** The pieces of the first `count` remaining units, for each count. */
    const cuts = (counts: number[]): S[] => counts.map((count) => piece(rest.slice(0, count), first));
    let fitted: S | undefined;
    let wide = false;
    // Step back from the cut, a unit at a time, until a piece fits.
    while (!fitted && take > 0) {
      const takes = Array.from({ length: Math.min(CUTS_AT_ONCE, take) }, (_, i) => take - i);
      const candidates = cuts(takes);
      const found = await firstFitting(candidates);
      if (found < 0) take -= takes.length;
      else [fitted, take] = [candidates[found], takes[found]!];
    }
    if (!fitted) {
      const denser = alternatives(piece(rest.slice(0, 1), first));
      const found = await firstFitting(denser);
      if (found >= 0) [fitted, take] = [denser[found], 1];
    }
    if (!fitted) wide = (await measureOne(piece(rest.slice(0, 1), first))).wide;
    if (!fitted && wide) {
      problems.error(where(rest[0]), 'this block is wider than a slide', 'shorten its longest lines (a code line fits about 70 characters), or break a long word or URL');
      pieces.push(piece(rest.slice(0, 1), first));
      start += 1;
      continue;
    }
    if (!fitted) {
      problems.error(
        where(rest[0]),
        'this block does not fit on a slide even alone',
        'split it in the notes (a shorter code block, a list of fewer or shorter items, two paragraphs), or move detail to the presenter notes',
      );
      pieces.push(piece(rest.slice(0, 1), first));
      start += 1;
      continue;
    }
    // Blocks under the picture column shrink the column while they are measured with it, so a cut
    // found that way can be too early: take more while the piece still fits.
    while (column && first && take < rest.length - 1 && take > 0) {
      const takes = Array.from({ length: Math.min(CUTS_AT_ONCE, rest.length - 1 - take) }, (_, i) => take + 1 + i);
      const candidates = cuts(takes);
      const misses = (await measureSome(candidates)).findIndex((measure) => !measure.fits);
      const fitting = misses < 0 ? takes.length : misses;
      if (fitting > 0) [fitted, take] = [candidates[fitting - 1]!, takes[fitting - 1]!];
      if (misses >= 0) break;
    }
    pieces.push(fitted);
    start += take;
    lastTake = take;
  }
  return pieces;
}

function position(deck: Deck): SourcePosition {
  return { file: deck.file, line: 1, col: 1 };
}

function unitPosition(slide: TopicSlide, unit: Unit | undefined): SourcePosition {
  return unit ? slide[unit.region][unit.block]!.at : slide.at;
}
