// The fonts of a course's decks, decided: per deck, each HTML deck and PDF carries only the glyphs of its
// own characters (a deck in English stays small when another deck of the course is in Chinese); per
// course, slides/course.css (the theme stock Marp opens every deck with) and the fitting page carry the
// glyphs of every deck. Glyphs keep their metrics when subset, so a deck fits with either.
import { readFile } from 'node:fs/promises';
import type { Deck } from '../deck/deck.ts';
import { charactersOf } from '../render/font-plan.ts';
import { Problems, type Problem } from '../problems.ts';

/**
 * What the course's fonts are made from: every deck's text, in the language most decks are in (which
 * decides whose Han glyphs a Chinese, Japanese or Korean character gets in the course theme), and the
 * key that changes with those.
 */
export function courseFonts(decks: readonly { text: string; lang: string }[]): { key: string; text: string; lang: string } {
  const counts = new Map<string, number>();
  for (const { lang } of decks) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  const lang = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b))[0]?.[0] ?? 'en';
  const text = decks.map((d) => d.text).join('\n');
  return { key: `${lang}\n${charactersOf(text).chars.join(',')}`, text, lang };
}

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A warning for each character no font of the course draws, at its first place in the deck's notes
 * page (its line 1 when the page does not hold it: a course title, say). The page is read only then.
 */
export async function uncoveredCharacters(deck: Deck, uncovered: readonly number[]): Promise<Problem[]> {
  if (uncovered.length === 0) return [];
  const problems = new Problems();
  const source = await readFile(deck.file, 'utf8').catch(() => '');
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (const code of uncovered) {
    const char = String.fromCodePoint(code);
    const line = Math.max(0, lines.findIndex((l) => l.includes(char)));
    const col = (lines[line] ?? '').indexOf(char) + 1;
    problems.warn(
      { file: deck.file, line: line + 1, col: Math.max(1, [...(lines[line] ?? '').slice(0, col - 1)].length + 1) },
      `${codePoint(code)} "${char}" is in none of the decks' fonts: it shows as a hollow box`,
      'write the character another way, or leave it out',
    );
  }
  return problems.list;
}
