// The last-resort font: every character given to it, before U+FFFF and past it, has a glyph with an
// outline (the box), read back from the font's own tables by opentype.js's parser.
import { expect, test } from '@playwright/test';
import opentype from 'opentype.js';
import { lastResortFace, lastResortFont } from '../../../scripts/render/last-resort.ts';

const CODES = [0x2d30, 0xa000, 0x10000, 0x12000, 0x20000];

test('each character maps to a glyph that draws something, the characters past U+FFFF too', () => {
  const data = lastResortFont(CODES);
  const font = opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  for (const code of CODES) {
    const glyph = font.charToGlyph(String.fromCodePoint(code));
    expect(glyph.index, code.toString(16)).toBeGreaterThan(0);
    const box = glyph.getBoundingBox();
    expect(box.x2 - box.x1, code.toString(16)).toBeGreaterThan(0);
    expect(box.y2 - box.y1, code.toString(16)).toBeGreaterThan(0);
  }
  expect(font.charToGlyph('A').index).toBe(0);
});

test('the face claims exactly those characters, in every weight, and no face is made for none', () => {
  const face = lastResortFace([0x2d31, 0x2d30, 0x20000]);
  expect(face).toMatch(/unicode-range: U\+2d30-2d31,U\+20000;/);
  expect(face).toMatch(/font-weight: 100 900;/);
  expect(lastResortFace([])).toBe('');
});
