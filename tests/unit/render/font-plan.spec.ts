// Which font draws each character of a deck (scripts/render/font-plan.ts), with the real fontsource
// packages' files: the expectations are Unicode's scripts and the fonts' published coverage.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FontBook, shownText } from '../../../scripts/build/fonts.ts';
import { courseIndexHtml } from '../../../scripts/render/course-index.ts';
import { ARIMO, charactersOf, COUSINE, fallbackFamilies, fontStacks, unicodeRange } from '../../../scripts/render/font-plan.ts';
import { handoutCss } from '../../../scripts/render/handout.ts';

const book = FontBook.open();
/** The families that draw `text`'s characters beyond ASCII in a deck of `lang`. */
async function familiesOf(text: string, lang = 'en'): Promise<string[]> {
  const { faces } = (await book).plan(text, lang);
  return [...new Set(faces.filter((face) => face.chars.some((c) => c > 0x7e)).map((face) => face.family))].sort();
}

test('Latin with its extensions, Greek and Cyrillic are Arimo\'s and Cousine\'s, in prose and in code', async () => {
  expect(await familiesOf('Größe Straße Ærø Łódź')).toEqual(['Arimo', 'Cousine']);
  expect(await familiesOf('Привет, мир')).toEqual(['Arimo', 'Cousine']);
  expect(await familiesOf('Καλημέρα')).toEqual(['Arimo', 'Cousine']);
  expect(await familiesOf('Tiếng Việt')).toEqual(['Arimo', 'Cousine']);
});

/** The family whose face, in the fonts made for `text` (subset: a file lacking a character it claims gives it up), draws `char`. */
async function drawnBy(text: string, char: string): Promise<string[]> {
  const css = await (await book).faces(shownText(text), 'en');
  const code = char.codePointAt(0)!;
  return [...css.matchAll(/font-family: '([^']+)';[^}]*unicode-range: ([^;]+);/g)]
    .filter(([, , range]) => range!.split(',').some((part) => {
      const [from, to = from] = part.replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
      return code >= from! && code <= to!;
    }))
    .map(([, family]) => family!);
}

test('the chips\' triangles, which Arimo lacks, are Noto Sans Symbols 2\'s; arrows, which it lacks too, Noto Sans Symbols\'s', async () => {
  expect(await familiesOf('▶ 2:58:38 ◀ BACK')).toEqual(['Noto Sans Symbols 2']);
  expect([...new Set(await drawnBy('▶ BACK', '▶'))]).toEqual(['Noto Sans Symbols 2']);
  // Noto Sans Symbols 2's file claims → but has no glyph for it: the deck's fonts give it to the next font that has one.
  expect([...new Set(await drawnBy('Pod → PVC ← PV ↔ disk', '→'))]).toEqual(['Noto Sans Symbols']);
  expect([...new Set(await drawnBy('Pod → PVC ← PV ↔ disk', '↔'))]).toEqual(['Noto Sans Symbols']);
});

test('a Han character is drawn by the font of the deck\'s language: Chinese (simplified, traditional), Japanese', async () => {
  expect(await familiesOf('中文', 'zh-CN')).toEqual(['Noto Sans SC']);
  expect(await familiesOf('中文', 'zh-TW')).toEqual(['Noto Sans TC']);
  expect(await familiesOf('中文', 'ja')).toEqual(['Noto Sans JP']);
  expect(await familiesOf('한국어', 'ko')).toEqual(['Noto Sans KR']);
});

test('each CJK character is carried in weights 400 and 700 (headings are bold), from the variable font', async () => {
  const faces = (await book).plan('中', 'zh').faces.filter((face) => face.family === 'Noto Sans SC');
  expect(faces.map((face) => face.weight).sort()).toEqual([400, 700]);
  expect(faces.every((face) => face.variable)).toBe(true);
});

test('emoji are the colour emoji font\'s; a text symbol only when asked for as emoji (U+FE0F); digits never', async () => {
  expect(await familiesOf('🚀 👍')).toEqual(['Twemoji']);
  expect(await familiesOf('❤️')).toEqual(['Twemoji']);
  expect(await familiesOf('❤')).toEqual(['Noto Sans Symbols 2']);
  const { emoji } = charactersOf('1️⃣ 🚀');
  expect(emoji.has('1'.codePointAt(0)!)).toBe(false);
  expect(emoji.has(0x1f680)).toBe(true);
});

test('an emoji sequence\'s joiners go with the emoji into its font', async () => {
  const { faces } = (await book).plan('👩‍💻', 'en');
  const twemoji = faces.filter((face) => face.family === 'Twemoji');
  expect(twemoji).toHaveLength(1);
  expect(twemoji[0]!.chars).toEqual(expect.arrayContaining([0x1f469, 0x200d, 0x1f4bb]));
});

test('a character no font has is uncovered; control characters and zero-width spaces need no glyph', async () => {
  expect((await book).plan('Linear B 𐀀', 'en').uncovered).toEqual([0x10000]);
  expect((await book).plan('a\tb\u200bc\n', 'en').uncovered).toEqual([]);
  expect(charactersOf('a\u200bb').chars).not.toContain(0x200b);
});

test('every deck carries printable ASCII, and the entities of its Markdown as the characters they show', () => {
  const { chars } = charactersOf(shownText('a &rarr; b'));
  expect(chars).toContain(0x2192);
  for (let code = 0x20; code <= 0x7e; code++) expect(chars).toContain(code);
});

test('a deck carries the emoji its shortcodes become, and a timestamp is no shortcode', () => {
  // :rocket: is U+1F680 ROCKET and :tada: U+1F389 PARTY POPPER (GitHub's shortcodes, which Marp follows).
  const { emoji } = charactersOf(shownText('Ship it :rocket: at 2:58:38, then :tada:'));
  expect([...emoji].sort((a, b) => a - b)).toEqual([0x1f389, 0x1f680]);
  expect(charactersOf(shownText('Watch from 2:58:38 to 3:01:05')).emoji.size).toBe(0);
});

test('unicode-range lists the characters as ranges', () => {
  expect(unicodeRange([0x20, 0x41, 0x42, 0x43, 0x2192])).toBe('U+20,U+41-43,U+2192');
});

test('the font stacks name the embedded fonts only, no generic family a machine would fill in', () => {
  const { sans, mono } = fontStacks('en');
  for (const stack of [sans, mono]) expect(stack).not.toMatch(/sans-serif|monospace|serif|system-ui/);
  expect(sans.startsWith("'Arimo'")).toBe(true);
  expect(mono.startsWith("'Cousine'")).toBe(true);
});

test('the theme, the handout and the contents page draw their text with the embedded fonts only', () => {
  // A family the course does not carry is filled in by the machine: on one without fonts, Chromium's
  // browser process aborts when a character the page's fonts lack is asked of it.
  const carried = new Set([ARIMO, COUSINE, ...fallbackFamilies('en')].map((f) => `'${f.family}'`));
  const course = { title: 'A course', author: 'Someone', videoId: 'X48VuDVv0do', chapters: [] };
  const sources = { theme: readFileSync('theme/course.css', 'utf8'), handout: handoutCss('a4', ''), index: courseIndexHtml(course, new Map(), '') };
  for (const [name, css] of Object.entries(sources)) {
    const lists = [...css.matchAll(/font-family:\s*([^;}]+)/g)].map((m) => m[1]!.trim()).filter((list) => list !== 'inherit');
    expect(lists.length, name).toBeGreaterThan(0);
    for (const list of lists) for (const family of list.split(/\s*,\s*/)) expect(carried.has(family), `${name}: ${list}`).toBe(true);
  }
});
