// The course theme and its fonts (scripts/render/theme.ts): the build renders slides with the theme without
// its fonts and gives each page the fonts once.
import { expect, test } from '@playwright/test';
import { courseTheme, splitFonts } from '../../../scripts/render/theme.ts';

const SOURCE = "/* @theme course */\n/* @auto-scaling false */\n\n@import 'default';\n\nsection { font-family: 'Arimo'; }\n";
const FACES = [
  "@font-face { font-family: 'Arimo'; font-weight: 400; src: url(data:font/woff2;base64,AAAA) format('woff2'); }",
  "@font-face { font-family: 'Arimo'; font-weight: 700; src: url(data:font/woff2;base64,BBBB) format('woff2'); }",
].join('\n');

test('the theme splits into its fonts, as they were given, and the rest, which keeps every rule and the @theme comment first', () => {
  const { fontFaces, rest } = splitFonts(courseTheme(SOURCE, FACES));
  expect(fontFaces).toBe(FACES);
  expect(rest).not.toContain('@font-face');
  expect(rest.startsWith('/* @theme course */')).toBe(true);
  for (const line of SOURCE.split('\n').filter(Boolean)) expect(rest).toContain(line);
});

test('a theme without fonts splits into no fonts and itself', () => {
  expect(splitFonts(SOURCE)).toEqual({ fontFaces: '', rest: SOURCE });
});
