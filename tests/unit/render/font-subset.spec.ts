// Subsetting a font file to a deck's characters (scripts/render/font-subset.ts): the subset maps exactly
// the characters asked for, and the colour emoji font keeps its colours.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { fontCharacters, fontTables } from '../../../scripts/render/colr.ts';
import { sfntToWoff, subsetFont, unwrapFont, woffToSfnt } from '../../../scripts/render/font-subset.ts';

const require = createRequire(import.meta.url);
const file = (specifier: string) => readFileSync(require.resolve(specifier));
const codes = (text: string) => [...text].map((c) => c.codePointAt(0)!);

test('a subset maps the characters asked for and no other', async () => {
  const font = await unwrapFont(file('@fontsource/arimo/files/arimo-latin-400-normal.woff'));
  const subset = await woffToSfnt(await subsetFont(font, codes('Kubernetes 1.30')));
  expect([...fontCharacters(subset)].sort((a, b) => a - b)).toEqual([...new Set(codes('Kubernetes 1.30'))].sort((a, b) => a - b));
  expect(subset.length).toBeLessThan(font.length / 2);
});

test('WOFF is unwrapped into the font it holds and wrapped again unchanged', async () => {
  const font = await woffToSfnt(file('@fontsource/cousine/files/cousine-latin-400-normal.woff'));
  expect((await woffToSfnt(await sfntToWoff(font))).equals(font)).toBe(true);
});

test('a variable CJK font is instanced: the subset has no variation tables left', async () => {
  const font = await unwrapFont(file('@fontsource-variable/noto-sans-sc/files/noto-sans-sc-119-wght-normal.woff2'));
  expect(fontTables(font).has('fvar')).toBe(true);
  const tables = fontTables(await woffToSfnt(await subsetFont(font, codes('中'), { weight: 700 })));
  expect(tables.has('fvar')).toBe(false);
  expect(fontCharacters(await woffToSfnt(await subsetFont(font, codes('中'), { weight: 400 })))).toEqual(new Set(codes('中')));
});

test('the emoji font\'s subset keeps its colour layers and palette for the emoji asked for', async () => {
  const font = await unwrapFont(file('twemoji-colr-font/twemoji.woff2'));
  const tables = fontTables(await woffToSfnt(await subsetFont(font, codes('🚀'), { colour: true })));
  expect(tables.has('CPAL')).toBe(true);
  const colr = tables.get('COLR')!;
  expect(colr.readUInt16BE(2)).toBeGreaterThanOrEqual(1); // base glyphs
  expect(colr.readUInt16BE(12)).toBeGreaterThan(1); // their layers
  expect(colr.length).toBeLessThan(fontTables(font).get('COLR')!.length / 100);
});
