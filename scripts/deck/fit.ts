// Fit every slide into its 16:9 frame. A topic (or agenda) too long for one slide continues on slides
// `Topic (2/3)`, each keeping the topic's timestamp; the picture column stays with the first part. It is
// cut between blocks and inside them — between a code block's lines, a table's rows, a paragraph's
// sentences, a list's items (blocks.ts), the blocks inside a call-out box (callout-pieces.ts) — into
// the fewest pieces, shared out evenly (split.ts). Prose is never shrunk; code and tables get smaller
// only where that saves a slide.
// No I/O: measuring rendered slides in the browser is a function passed in.
import type { AgendaSlide, Block, Deck, Slide, TopicSlide } from './deck.ts';
import { blockKind, unitsOf, unitWeight, type Highlight } from './blocks.ts';
import { calloutBlocks } from './callout-pieces.ts';
import { split } from './split.ts';
import { Problems, type SourcePosition } from '../problems.ts';

export interface SlideMeasure {
  /** Whether everything lies inside the slide's content box and nothing scrolls. */
  fits: boolean;
  /** Whether something is wider than the slide (a long word): splitting cannot help. */
  wide: boolean;
  /** For each unit of the slide (a block, a list item, a code line, a table row), in order: whether it ends inside. */
  unitFits: boolean[];
  /** For each unit, how far down it reaches past the one before, in pixels (when measured in a page). */
  unitHeights?: number[];
  /** The room for units, from where they start (at the picture column's top, if any) to the foot they must end above (when measured in a page). */
  room?: number;
}

/** Renders a deck's Marp Markdown with the deck's theme and measures each slide. */
export type Measure = (markdown: string) => Promise<SlideMeasure[]>;
export type Emit = (deck: Deck) => string;

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

/** The number a piece's heading is measured with: wider than any it gets. */
const MEASURED_PART = { index: 99, count: 99 };

/** The slide that shows only `units` of `slide`; only the first part keeps the picture column. */
function topicPiece(slide: TopicSlide, units: Unit[], first: boolean): TopicSlide {
  const collect = (region: 'beside' | 'below'): Block[] => {
    const blocks = new Map<number, { block: Block; parts: number[] }>();
    for (const unit of units.filter((u) => u.region === region)) {
      const entry = blocks.get(unit.block) ?? { block: slide[region][unit.block]!, parts: [] };
      entry.parts.push(unit.part);
      blocks.set(unit.block, entry);
    }
    return [...blocks.values()].map(({ block, parts }) => {
      const piece: Block = { ...block, parts: parts.map((p) => block.parts[p]!) };
      if (block.kind === 'code' && parts[0]! > 0) piece.continued = true;
      if (block.kind === 'code' && parts[parts.length - 1]! < block.parts.length - 1) piece.continues = true;
      if (block.callout) piece.callout = block.callout.map((frame) => ({ ...frame, ...boxCut(slide, units, frame.id) }));
      return piece;
    });
  };
  // Measured as the widest it may be shown: with the BACK row (the last piece shows it), and a
  // heading numbered `(99/99)` (fitDeck numbers the pieces, or takes the number off a topic that stays
  // whole). Less than that on the slide only frees room.
  const { column, part: _part, ...rest } = slide;
  const piece: TopicSlide = { ...rest, part: MEASURED_PART, beside: collect('beside'), below: collect('below') };
  if (first && column) piece.column = column;
  // Without the picture column every block is full width: "below" is simply after "beside".
  if (!piece.column) piece.beside = [...piece.beside, ...piece.below.splice(0)];
  return piece;
}

const unitKey = (unit: Unit) => `${unit.region}:${unit.block}:${unit.part}`;
/** For each call-out box of a topic, the keys of its first and last units. */
const boxEnds = new WeakMap<TopicSlide, Map<string, { first: string; last: string }>>();

/** Whether a piece showing `units` of `slide` starts the box `id` after its start, and ends it before its end. */
function boxCut(slide: TopicSlide, units: Unit[], id: string): { continued: boolean; continues: boolean } {
  let ends = boxEnds.get(slide);
  if (!ends) {
    ends = new Map();
    for (const unit of topicUnits(slide)) {
      for (const frame of slide[unit.region][unit.block]!.callout ?? []) {
        const key = unitKey(unit);
        ends.set(frame.id, { first: ends.get(frame.id)?.first ?? key, last: key });
      }
    }
    boxEnds.set(slide, ends);
  }
  const inBox = units.filter((unit) => slide[unit.region][unit.block]!.callout?.some((frame) => frame.id === id));
  const whole = ends.get(id);
  return { continued: unitKey(inBox[0]!) !== whole?.first, continues: unitKey(inBox[inBox.length - 1]!) !== whole?.last };
}

/**
 * A cut before unit j: inside a block as the block rates it (-1 to 1), between blocks 2 (1.5 inside a
 * call-out box: better around it), before a subheading 3, after one never.
 */
function cutQuality(slide: TopicSlide, units: Unit[]): (j: number) => number {
  return (j) => {
    const [unit, previous] = [units[j], units[j - 1]];
    if (!unit || !previous) return 0;
    const block = slide[unit.region][unit.block]!;
    if (unit.region === previous.region && unit.block === previous.block) return block.cuts?.[unit.part] ?? 0;
    const before = slide[previous.region][previous.block]!;
    if (before.kind === 'subheading') return -2;
    if (block.kind === 'subheading') return 3;
    return block.callout?.some((frame) => before.callout?.some((other) => other.id === frame.id)) ? 1.5 : 2;
  };
}

const hasDenseBlocks = (slide: TopicSlide) => [...slide.beside, ...slide.below].some((block) => block.kind === 'code' || block.kind === 'table');

/**
 * A topic's pieces, the fewest of these attempts gives (the first of them on a tie): its blocks whole
 * (a code block or table too tall alone gets smaller code or text), then cut inside blocks at the
 * normal size, then with smaller code and tables (16px/20px, then 14px/16px) — only where that makes
 * fewer pieces. An attempt that cannot place something loses to one that can.
 */
async function topicPieces(slide: TopicSlide, measureSome: (slides: Slide[]) => Promise<SlideMeasure[]>, problems: Problems, highlight: Highlight | undefined): Promise<TopicSlide[]> {
  // A call-out box is cut as the blocks inside it are (callout-pieces.ts).
  const finest = async (blocks: Block[]) => Promise.all(blocks.flatMap((block) => calloutBlocks(block) ?? [block]).map((block) => unitsOf(block, highlight)));
  const refined: TopicSlide = { ...slide, beside: await finest(slide.beside), below: await finest(slide.below) };
  const kinds = (blocks: Block[]) => blocks.map((block) => ({ ...block, kind: blockKind(block) }));
  const whole: TopicSlide = { ...slide, beside: kinds(slide.beside), below: kinds(slide.below) };
  const dense = hasDenseBlocks(refined);
  const sizes: { heights?: number[]; room?: number } = {};
  const attempt = async (topic: TopicSlide, denseCode: 0 | 1 | 2) => {
    const units = topicUnits(topic);
    const style = (piece: TopicSlide): TopicSlide => (denseCode ? { ...piece, denseCode } : piece);
    const found = new Problems();
    const pieces = await split(
      {
        units,
        piece: (chosen, first) => style(topicPiece(topic, chosen, first)),
        quality: cutQuality(topic, units),
        weight: (j) => unitWeight(topic[units[j]!.region][units[j]!.block]!, units[j]!.part),
        where: (unit) => (unit ? topic[unit.region][unit.block]!.at : slide.at),
        alternatives: (piece) => (dense && !piece.denseCode ? [{ ...piece, denseCode: 1 }, { ...piece, denseCode: 2 }] : []),
        columnUnits: (slide.column?.length ?? 0) > 0 ? units.filter((unit) => unit.region === 'beside').length : 0,
        ...(topic === refined && denseCode === 0 ? { sizes } : {}),
      },
      measureSome as (slides: TopicSlide[]) => Promise<SlideMeasure[]>,
      found,
    );
    return { pieces, problems: found };
  };
  const better = (a: Awaited<ReturnType<typeof attempt>>, b: typeof a) =>
    b.problems.errors.length < a.problems.errors.length || (b.problems.errors.length === a.problems.errors.length && b.pieces.length < a.pieces.length) ? b : a;
  // Both measured at once: one's pieces are rendered while the other's are measured.
  const [wholeBlocks, cutBlocks] = await Promise.all([attempt(whole, 0), attempt(refined, 0)]);
  let best = better(wholeBlocks, cutBlocks);
  for (const denseCode of dense ? ([1, 2] as const) : []) {
    if (best.pieces.length < 2 || !mightSave(refined, sizes, denseCode, best.pieces.length)) continue;
    best = better(best, await attempt(refined, denseCode));
  }
  problems.list.push(...best.problems.list);
  return best.pieces;
}

/** How much smaller code and tables are at each denser size, as the theme sets them (line heights, font sizes). */
const DENSER = { code: [1, (16 * 1.2) / (20 * 1.35), (14 * 1.15) / (20 * 1.35)], table: [1, 20 / 25, 16 / 25] } as const;

/**
 * Whether smaller code and tables might save a piece, by the measured heights at the normal size (with
 * a margin): only then are the pieces at that size measured.
 */
function mightSave(slide: TopicSlide, sizes: { heights?: number[]; room?: number }, denseCode: 1 | 2, pieces: number): boolean {
  if (!sizes.heights || !sizes.room) return true;
  const units = topicUnits(slide);
  const total = units.reduce((sum, unit, j) => {
    const kind = slide[unit.region][unit.block]!.kind;
    return sum + sizes.heights![j]! * (kind === 'code' || kind === 'table' ? DENSER[kind][denseCode] : 1);
  }, 0);
  return Math.ceil((0.9 * total) / sizes.room) < pieces;
}

function agendaPiece(slide: AgendaSlide, items: AgendaSlide['items']): AgendaSlide {
  const { part: _part, ...rest } = slide;
  return { ...rest, items };
}

/**
 * The room a topic's blocks have under a heading of three lines at 44px (~425px of ~530px under one
 * line): less, and the heading is made smaller.
 */
const LONG_HEADING_ROOM = 400;

/**
 * A slide at the sizes fitting chooses before it cuts anything, each measured only when the one before
 * calls for it: a topic heading of four lines or more smaller (to 28px); tables whose whole words make
 * a slide too wide wrapping anywhere (the class changes nothing else: a slide still wide after it is
 * wide for another reason); a title too long for its slide smaller (to 36px).
 */
async function sized(slide: Slide, fit: SlideMeasure, measureSome: (slides: Slide[]) => Promise<SlideMeasure[]>): Promise<{ slide: Slide; fit: SlideMeasure }> {
  const measured = async <S extends Slide>(next: S) => ({ slide: next, fit: (await measureSome([next]))[0]! });
  if (slide.kind === 'title') {
    let result = { slide, fit };
    for (const longTitle of [1, 2] as const) if (!result.fit.fits) result = await measured({ ...slide, longTitle });
    return result;
  }
  if (slide.kind !== 'topic') return { slide, fit };
  let result = { slide, fit };
  for (const longHeading of [1, 2] as const) {
    if (result.fit.room !== undefined && result.fit.room < LONG_HEADING_ROOM) result = await measured({ ...slide, longHeading });
  }
  if (result.fit.wide) result = await measured({ ...result.slide, wrapTables: true as const });
  return result;
}

/** `highlight` is the deck's highlighter: a code block is cut only where its colours carry over. */
export async function fitDeck(deck: Deck, measure: Measure, emit: Emit, highlight?: Highlight): Promise<{ deck: Deck; problems: Problems }> {
  const problems = new Problems();
  const measureSome = async (slides: Slide[]): Promise<SlideMeasure[]> => (slides.length === 0 ? [] : measure(emit({ ...deck, slides })));
  const measured = await measure(emit(deck));

  // The slides too full are fitted at once, each with problems of its own (kept in slide order): one
  // slide's next pieces are rendered here while Chromium measures another's.
  const fittedSlides = await Promise.all(
    deck.slides.map(async (shown, i): Promise<{ pieces: Slide[]; found: Problems }> => {
      const found = new Problems();
      const { slide, fit } = await sized(shown, measured[i]!, measureSome);
      if (fit.fits || slide.kind === 'title') {
        if (!fit.fits) found.error(position(deck), `the title slide of "${deck.title}" does not fit even with its title at 36px`, 'shorten the METADATA title');
        return { pieces: [slide], found };
      }
      const pieces: (TopicSlide | AgendaSlide)[] =
        slide.kind === 'topic'
          ? await topicPieces(slide, measureSome, found, highlight)
          : await split(
              {
                units: slide.items,
                piece: (items) => agendaPiece(slide, items),
                quality: () => 0,
                weight: () => 1,
                where: () => position(deck),
                alternatives: () => [],
                columnUnits: 0,
              },
              measureSome,
              found,
            );
      pieces.forEach((piece, index) => {
        if (pieces.length > 1) piece.part = { index: index + 1, count: pieces.length };
        else delete piece.part;
        // BACK and NEXT stay on the last piece only.
        if (piece.kind === 'topic' && index < pieces.length - 1) {
          delete piece.back;
          delete piece.next;
        }
      });
      return { pieces, found };
    }),
  );
  const slides: Slide[] = [];
  for (const { pieces, found } of fittedSlides) {
    slides.push(...pieces);
    problems.list.push(...found.list);
  }
  return { deck: { ...deck, slides }, problems };
}

function position(deck: Deck): SourcePosition {
  return { file: deck.file, line: 1, col: 1 };
}
