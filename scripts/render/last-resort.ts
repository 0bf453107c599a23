// The last resort of a deck's fonts: a character none of the course's fonts has (the build warns of
// each, at its line) is drawn as a hollow box by a font the deck carries, not looked for among the
// machine's fonts. Another machine would draw it otherwise, or not at all (a Chromium with no font at
// all for a character stops its page), and the slide would wrap and fit otherwise there. The font is
// made here (opentype.js), one box glyph for every such character, as a face of the last family of
// every font stack (Twemoji), limited to those characters by its `unicode-range`. No I/O.
import opentype from 'opentype.js';
import { EMOJI, unicodeRange } from './font-plan.ts';

const EM = 1000;
const ADVANCE = 600;

/** A hollow box, a glyph's width and the height of a capital: the outer edge clockwise, the inner counter-clockwise. */
function boxPath(): opentype.Path {
  const path = new opentype.Path();
  const rectangle = (left: number, bottom: number, right: number, top: number, clockwise: boolean) => {
    const corners = clockwise
      ? [[left, bottom], [left, top], [right, top], [right, bottom]]
      : [[left, bottom], [right, bottom], [right, top], [left, top]];
    corners.forEach(([x, y], i) => (i === 0 ? path.moveTo(x!, y!) : path.lineTo(x!, y!)));
    path.close();
  };
  rectangle(80, 0, 520, 700, true);
  rectangle(140, 60, 460, 640, false);
  return path;
}

/** The font: `.notdef`, then the box, which every one of `codes` maps to. */
export function lastResortFont(codes: readonly number[]): Uint8Array {
  // .notdef is the box too: whichever of its tables a renderer reads a character by, it draws the box.
  const notdef = new opentype.Glyph({ name: '.notdef', advanceWidth: ADVANCE, path: boxPath() });
  const box = new opentype.Glyph({ name: 'box', advanceWidth: ADVANCE, path: boxPath(), unicodes: [...codes] });
  // opentype.js writes the table of characters past U+FFFF only when a glyph's first character is one.
  box.unicode = Math.max(...codes);
  const font = new opentype.Font({ familyName: 'Course Last Resort', styleName: 'Regular', unitsPerEm: EM, ascender: 800, descender: -200, glyphs: [notdef, box] });
  return new Uint8Array(font.toArrayBuffer());
}

/** The `@font-face` rule that draws each of `codes` (none: no rule) as a box, in every weight and style. */
export function lastResortFace(codes: readonly number[]): string {
  if (codes.length === 0) return '';
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const data = Buffer.from(lastResortFont(sorted)).toString('base64');
  return (
    `@font-face { font-family: '${EMOJI.family}'; font-style: normal; font-weight: 100 900; font-display: block; ` +
    `src: url(data:font/otf;base64,${data}) format('opentype'); unicode-range: ${unicodeRange(sorted)}; }`
  );
}
