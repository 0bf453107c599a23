// Which font draws each character of a deck, and which font files (and which of their characters) the
// deck must carry: the course's fonts are the `@fontsource` packages below, each split by its package into
// files by script (`unicode-range`). A character goes to exactly one font of a stack, so every glyph a
// deck shows comes from one known file, subset to the characters given to it. No I/O: the caller passes
// the packages' CSS text.

/** A font family as the theme names it, and the fontsource CSS files its faces come from. */
export interface FontFamily {
  family: string;
  faces: readonly { css: string; weight: number; style: 'normal' | 'italic'; /** A variable font, instanced at `weight`. */ variable?: boolean }[];
}

const CJK = (name: string, pkg: string): FontFamily => ({
  family: name,
  faces: [
    { css: `@fontsource-variable/${pkg}/wght.css`, weight: 400, style: 'normal', variable: true },
    { css: `@fontsource-variable/${pkg}/wght.css`, weight: 700, style: 'normal', variable: true },
  ],
});

export const ARIMO: FontFamily = {
  family: 'Arimo',
  faces: [
    { css: '@fontsource/arimo/400.css', weight: 400, style: 'normal' },
    { css: '@fontsource/arimo/400-italic.css', weight: 400, style: 'italic' },
    { css: '@fontsource/arimo/700.css', weight: 700, style: 'normal' },
  ],
};
export const COUSINE: FontFamily = { family: 'Cousine', faces: [{ css: '@fontsource/cousine/400.css', weight: 400, style: 'normal' }] };
export const SYMBOLS: FontFamily = { family: 'Noto Sans Symbols 2', faces: [{ css: '@fontsource/noto-sans-symbols-2/400.css', weight: 400, style: 'normal' }] };
/**
 * Arrows (`→`, `←`, `↔`) and the symbols Noto Sans Symbols 2 lacks though its files claim them: else a
 * Chinese font drew them, in every deck, from a WOFF2 file of thousands of glyphs (~0.1 s to unpack).
 */
export const SYMBOLS_MORE: FontFamily = {
  family: 'Noto Sans Symbols',
  faces: [
    { css: '@fontsource/noto-sans-symbols/400.css', weight: 400, style: 'normal' },
    { css: '@fontsource/noto-sans-symbols/700.css', weight: 700, style: 'normal' },
  ],
};
/** Twemoji as a COLR version 0 font, which every Chromium draws in colour (Noto Color Emoji's COLR version 1 is blank in Debian's). */
export const EMOJI: FontFamily = { family: 'Twemoji', faces: [{ css: 'twemoji-colr-font/twemoji.css', weight: 400, style: 'normal' }] };
const CJK_FONTS = {
  sc: CJK('Noto Sans SC', 'noto-sans-sc'),
  tc: CJK('Noto Sans TC', 'noto-sans-tc'),
  jp: CJK('Noto Sans JP', 'noto-sans-jp'),
  kr: CJK('Noto Sans KR', 'noto-sans-kr'),
};

/** Every fontsource CSS file the course's fonts come from. */
export const FONT_CSS_FILES = [...new Set([ARIMO, COUSINE, SYMBOLS, SYMBOLS_MORE, EMOJI, ...Object.values(CJK_FONTS)].flatMap((f) => f.faces.map((face) => face.css)))];

/**
 * The CJK fonts in the order a deck of language `lang` prefers them: Han characters look different in
 * Chinese, Japanese and Korean, so the deck's own language's font comes first.
 */
export function cjkFamilies(lang: string): FontFamily[] {
  const { sc, tc, jp, kr } = CJK_FONTS;
  const l = lang.toLowerCase();
  if (l.startsWith('ja')) return [jp, sc, tc, kr];
  if (l.startsWith('ko')) return [kr, sc, tc, jp];
  if (/^zh-(tw|hk|mo|hant)/.test(l)) return [tc, sc, jp, kr];
  return [sc, tc, jp, kr];
}

/** The stack of families every text of a deck is drawn with after its own font (prose: Arimo; code: Cousine). */
export function fallbackFamilies(lang: string): FontFamily[] {
  return [SYMBOLS, SYMBOLS_MORE, ...cjkFamilies(lang), EMOJI];
}

/** The CSS `font-family` list for prose and for code: the deck's fonts only, never a system font. */
export function fontStacks(lang: string): { sans: string; mono: string } {
  const rest = fallbackFamilies(lang).map((f) => `'${f.family}'`).join(', ');
  return { sans: `'Arimo', ${rest}`, mono: `'Cousine', ${rest}` };
}

/** One file of a fontsource package: a face's characters from one script. */
export interface FontFile {
  /** The package file (`@fontsource/arimo/files/arimo-latin-400-normal.woff`). */
  file: string;
  ranges: [number, number][];
}

/**
 * The files of a fontsource CSS file (`@fontsource/arimo/400.css`), with the characters each holds (its
 * `unicode-range`, else `all`); WOFF preferred (see font-subset.ts).
 */
export function fontFiles(cssSpecifier: string, css: string, all?: [number, number][]): FontFile[] {
  const folder = cssSpecifier.slice(0, cssSpecifier.lastIndexOf('/'));
  const files: FontFile[] = [];
  for (const [rule] of css.matchAll(/@font-face\s*\{[^}]*\}/g)) {
    const urls = [...rule.matchAll(/url\(["']?(?:\.\/)?([^)"']+\.(woff2?))["']?\)/g)];
    const url = urls.find((u) => u[2] === 'woff') ?? urls[0];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!url || (!range && !all)) continue;
    if (!range) {
      files.push({ file: `${folder}/${url[1]}`, ranges: all! });
      continue;
    }
    const ranges = range.split(',').map((part) => {
      const [from = '0', to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to ?? from, 16)] as [number, number];
    });
    files.push({ file: `${folder}/${url[1]}`, ranges });
  }
  return files;
}

const covers = (file: FontFile, code: number) => file.ranges.some(([from, to]) => code >= from && code <= to);

/** A face the deck carries: one file of a family, subset to `chars`. */
export interface FacePlan {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  file: string;
  /** Instanced at `weight` (a variable font). */
  variable: boolean;
  chars: number[];
}

export interface FontPlan {
  faces: FacePlan[];
  /** Characters no font of the course has. */
  uncovered: number[];
}

/** Characters drawn without a glyph of their own: controls and default-ignorables (zero-width space…). */
const NO_GLYPH = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/u;
const EMOJI_PART = /[\p{Emoji_Presentation}\p{Emoji_Modifier}\p{Regional_Indicator}\u{E0020}-\u{E007F}]/u;
/** Characters an emoji sequence joins with (zero-width joiner, emoji variation selector, keycap). */
export const EMOJI_JOINERS = [0x200d, 0xfe0f, 0x20e3];

/** The characters of a text that need a glyph, and those that are emoji (drawn in colour by the emoji font). */
export function charactersOf(text: string): { chars: number[]; emoji: Set<number> } {
  // Each character is looked at once: a course is tens of thousands of characters, a few hundred distinct.
  const distinct = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    distinct.add(code);
    if (code > 0xffff) i++;
  }
  // A text character asked for as emoji (`❤️`: U+2764 U+FE0F); never digits, `#`, `*` (keycaps).
  const asked = new Set<number>();
  if (distinct.has(0xfe0f)) for (const [, c] of text.matchAll(/(.)\uFE0F/gsu)) if (/\p{Emoji}/u.test(c!) && !/[0-9#*]/.test(c!)) asked.add(c!.codePointAt(0)!);
  const all = new Set<number>([0x20]);
  const emoji = new Set<number>();
  for (const code of distinct) {
    const c = String.fromCodePoint(code);
    if (EMOJI_PART.test(c) || asked.has(code)) emoji.add(code);
    if (!NO_GLYPH.test(c)) all.add(code);
  }
  if (emoji.size > 0) for (const code of EMOJI_JOINERS) if (distinct.has(code)) emoji.add(code);
  for (const code of emoji) all.add(code);
  return { chars: [...all].sort((a, b) => a - b), emoji };
}

/**
 * Which file of which face draws each character of `text` in a deck of language `lang`. Prose and code
 * each have their font (Arimo, Cousine) for what it covers; every other character goes to the first
 * font of the fallback stack that has it (emoji to the emoji font first). `filesOf` gives the files of a
 * fontsource CSS file (see `fontFiles`); `lacks` tells a character a file's `unicode-range` claims but
 * its font does not have (found when it was subset).
 */
export function planFonts(text: string, lang: string, filesOf: (css: string) => readonly FontFile[], lacks: (file: string, code: number) => boolean = () => false): FontPlan {
  const { chars, emoji } = charactersOf(text);
  const planned = new Map<string, FacePlan>();
  const give = (family: FontFamily, code: number): boolean => {
    let given = false;
    for (const face of family.faces) {
      const file = filesOf(face.css).find((f) => covers(f, code) && !lacks(f.file, code));
      if (!file) continue;
      const key = `${family.family}|${face.weight}|${face.style}|${file.file}`;
      let plan = planned.get(key);
      if (!plan) planned.set(key, (plan = { family: family.family, weight: face.weight, style: face.style, file: file.file, variable: face.variable === true, chars: [] }));
      plan.chars.push(code);
      given = true;
    }
    return given;
  };
  const fallback = fallbackFamilies(lang);
  const emojiFirst = [EMOJI, ...fallback.filter((f) => f !== EMOJI)];
  const uncovered: number[] = [];
  const joiners = EMOJI_JOINERS.filter((code) => emoji.has(code));
  for (const code of chars) {
    if (joiners.includes(code)) continue;
    const isEmoji = emoji.has(code);
    const prose = !isEmoji && give(ARIMO, code);
    const code_ = !isEmoji && give(COUSINE, code);
    if (prose && code_) continue;
    // Whatever Arimo or Cousine lacks goes to the one fallback font that draws it in both.
    if (!(isEmoji ? emojiFirst : fallback).some((family) => give(family, code)) && !prose && !code_) uncovered.push(code);
  }
  // An emoji sequence is drawn by one font file: each emoji file gets the joiners it has.
  const files = new Map(EMOJI.faces.flatMap((face) => filesOf(face.css)).map((f) => [f.file, f]));
  for (const plan of planned.values()) {
    if (plan.family !== EMOJI.family) continue;
    const file = files.get(plan.file);
    plan.chars.push(...joiners.filter((code) => file && covers(file, code)));
    plan.chars.sort((a, b) => a - b);
  }
  return { faces: [...planned.values()], uncovered };
}

/** `unicode-range` of a set of characters (sorted), as ranges. */
export function unicodeRange(chars: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i]!;
    let to = from;
    while (chars[i + 1] === to + 1) to = chars[++i]!;
    parts.push(from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`);
  }
  return parts.join(',');
}

/** Whether a face is the colour emoji font, subset with its colours (see font-subset.ts). */
export const inColour = (face: FacePlan) => face.family === EMOJI.family;

let emojiRanges: [number, number][] | undefined;

/**
 * The characters the emoji font has, for a font file that does not say (Twemoji's CSS has no
 * `unicode-range`): every emoji of Unicode and the characters emoji sequences are made of.
 */
export function emojiCharacters(): [number, number][] {
  if (emojiRanges) return emojiRanges;
  const ranges: [number, number][] = [];
  const blocks: [number, number][] = [[0xa9, 0xae], [0x2000, 0x3300], [0xfe0f, 0xfe0f], [0x1f000, 0x1faff], [0xe0020, 0xe007f]];
  for (const [from, to] of blocks) {
    for (let code = from; code <= to; code++) {
      const c = String.fromCodePoint(code);
      if (!/[\p{Emoji}\p{Emoji_Component}]/u.test(c) || /[0-9#*]/.test(c)) continue;
      const last = ranges.at(-1);
      if (last && last[1] === code - 1) last[1] = code;
      else ranges.push([code, code]);
    }
  }
  return (emojiRanges = ranges);
}

/** The `@font-face` rule of a face (`data`: its WOFF or WOFF2 bytes). `font-display: block`: no text is laid out in another font first. */
export function faceRule(face: FacePlan, data: Uint8Array): string {
  const format = Buffer.from(data.subarray(0, 4)).toString('latin1') === 'wOF2' ? 'woff2' : 'woff';
  return (
    `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; ` +
    `src: url(data:font/${format};base64,${Buffer.from(data).toString('base64')}) format('${format}'); unicode-range: ${unicodeRange(face.chars)}; }`
  );
}
