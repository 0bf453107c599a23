// The course's fonts for a text: the `@font-face` rules a deck (or the course theme, or a diagram) carries,
// each font file subset to the characters given to it (see render/font-plan.ts). This is the I/O edge of
// the fonts: it reads the fontsource packages and keeps each subset in the build's cache, by the file and
// the characters, so a deck whose characters did not change gets its fonts back without HarfBuzz.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { withEmoji } from '../notes/emoji.ts';
import { contentKey, FileCache } from './cache.ts';
import type { DiagramFonts } from '../pictures/pictures.ts';
import { COUSINE, EMOJI_JOINERS, emojiCharacters, EMOJI, faceRule, fontStacks, FONT_CSS_FILES, fontFiles, inColour, planFonts, type FacePlan, type FontFile, type FontPlan } from '../render/font-plan.ts';
import { CACHE_DIR, requireFromProject, SCRIPTS_DIR } from '../project.ts';

/** Every character of printable ASCII: every deck carries them (page numbers, `(2/3)`, code), so its fonts change less often. */
const ASCII = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const unescape = new MarkdownIt().utils.unescapeAll;
const FONTS_KEPT = 8;
const PLANS_KEPT = 16;

/**
 * The text a Marp Markdown deck shows: as written, with its entities and escapes read (`&rarr;` is
 * `→`), and the emoji its shortcodes become (`:rocket:` is 🚀).
 */
export function shownText(markdown: string): string {
  return `${ASCII}${markdown}${unescape(markdown)}${withEmoji(markdown)}`;
}

export class FontBook {
  private readonly cache = new FileCache(join(CACHE_DIR, 'font'), 'woff');
  private readonly subsets = new Map<string, Promise<Uint8Array>>();
  /** Characters a file's `unicode-range` claims that its font does not have, by file. */
  private readonly lacking = new Map<string, Set<number>>();
  /** Font files read and unwrapped, by package path: the faces of one weight and another subset the same file. */
  private readonly fonts = new Map<string, Promise<Uint8Array>>();

  /** Plans made, by language, what was known lacking, and text (see `plan`). */
  private readonly plans = new Map<string, FontPlan>();

  /** Each fontsource CSS file's font files, read when a plan first needs them (the CJK ones are large). */
  private readonly files = new Map<string, FontFile[]>();

  private constructor(
    /** The fonts' identity: the font packages' versions and the code that plans and subsets. */
    readonly identity: string,
  ) {}

  static async open(): Promise<FontBook> {
    const hash = createHash('sha256');
    for (const css of FONT_CSS_FILES) {
      const pkg = css.split('/').slice(0, css.startsWith('@') ? 2 : 1).join('/');
      hash.update(`${pkg}@${(JSON.parse(await readFile(requireFromProject.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}\n`);
    }
    for (const source of ['render/font-plan.ts', 'render/font-subset.ts', 'render/colr.ts', 'render/last-resort.ts']) hash.update(await readFile(join(SCRIPTS_DIR, source)).catch(() => Buffer.from(source)));
    hash.update(await readFile(join(dirname(requireFromProject.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')), '..', 'package.json')));
    return new FontBook(hash.digest('hex'));
  }

  private filesOf(css: string): FontFile[] {
    let files = this.files.get(css);
    if (!files) {
      files = fontFiles(css, readFileSync(requireFromProject.resolve(css), 'utf8'), css === EMOJI.faces[0]!.css ? emojiCharacters() : undefined);
      this.files.set(css, files);
    }
    return files;
  }

  plan(text: string, lang: string): FontPlan {
    // A build plans the same text several times (its fonts, then the characters no font has): a plan
    // holds while no file was found lacking a character since.
    const key = `${lang}\n${[...this.lacking.values()].reduce((sum, codes) => sum + codes.size, 0)}\n${text}`;
    const known = this.plans.get(key);
    if (known) return known;
    const plan = planFonts(text, lang, (css) => this.filesOf(css), (file, code) => this.lacking.get(file)?.has(code) === true);
    this.plans.set(key, plan);
    if (this.plans.size > PLANS_KEPT) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }

  /**
   * The `@font-face` rules that draw every character of `text` (as `shownText` gives it) in a deck of
   * language `lang`. A file's `unicode-range` may claim a character its font lacks (Noto Sans Symbols 2's
   * math file claims `→`): the subset tells, and the character goes to the next file that has it.
   * `keep`: the faces wanted (a diagram has no code and no italics). `shared`: the course's plan (see
   * `sharedFace`).
   */
  async faces(text: string, lang: string, { keep = () => true, shared }: { keep?: (face: FacePlan) => boolean; shared?: FontPlan | undefined } = {}): Promise<string> {
    for (;;) {
      const plan = this.plan(text, lang);
      const faces = plan.faces.filter(keep).map((face) => sharedFace(face, shared));
      const subsets = await Promise.all(faces.map((face) => this.subset(face)));
      const { fontCharacters } = await import('../render/colr.ts');
      const { woffToSfnt } = await import('../render/font-subset.ts');
      let lacked = false;
      const fonts = await Promise.all(subsets.map((subset) => woffToSfnt(subset)));
      faces.forEach((face, i) => {
        const has = fontCharacters(fonts[i]!);
        for (const code of face.chars.filter((c) => !has.has(c) && c !== 0x20 && !EMOJI_JOINERS.includes(c))) {
          lacked = true;
          this.lacking.set(face.file, (this.lacking.get(face.file) ?? new Set()).add(code));
        }
      });
      // What no font of the course has is drawn as a box by the deck's own last resort (see last-resort.ts).
      if (lacked) continue;
      // opentype.js (~0.1 s to load) only for a deck with such a character.
      const lastResort = plan.uncovered.length > 0 ? (await import('../render/last-resort.ts')).lastResortFace(plan.uncovered) : '';
      return [...faces.map((face, i) => faceRule(face, subsets[i]!)), lastResort].filter(Boolean).join('\n');
    }
  }

  private subset(face: FacePlan): Promise<Uint8Array> {
    const key = contentKey('font', [this.identity, face.file, face.variable ? String(face.weight) : '', face.chars.join(',')]);
    let subset = this.subsets.get(key);
    if (!subset) {
      subset = (async () => {
        const cached = await this.cache.get(key);
        if (cached) return cached;
        // HarfBuzz is loaded only when a subset is not cached.
        const { subsetFont, unwrapFont } = await import('../render/font-subset.ts');
        let font = this.fonts.get(face.file);
        if (!font) {
          font = readFile(requireFromProject.resolve(face.file)).then(unwrapFont);
          this.fonts.set(face.file, font);
          // A few files at most are kept (an emoji font is megabytes).
          if (this.fonts.size > FONTS_KEPT) this.fonts.delete(this.fonts.keys().next().value!);
        }
        const made = await subsetFont(await font, face.chars, face.variable ? { weight: face.weight } : { colour: inColour(face) }).catch((error: unknown) => {
          throw new Error(`${face.file}: ${(error as Error).message}`);
        });
        await this.cache.store(key, made);
        return made;
      })();
      this.subsets.set(key, subset);
      subset.catch(() => this.subsets.delete(key));
    }
    return subset;
  }
}

/** Past this many characters a file's subset is a deck's own (CJK, emoji); up to it, the course's. */
const SHARED_UP_TO = 256;

/**
 * A face as a deck carries it: for a file of an alphabet (Latin, Cyrillic, symbols: at most a few
 * hundred characters in the whole course), the course's subset, a few glyphs more than the deck's own
 * but made once for every deck of the course; for a file of thousands (CJK, emoji), the deck's own.
 */
function sharedFace(face: FacePlan, shared: FontPlan | undefined): FacePlan {
  const course = shared?.faces.find((f) => f.file === face.file && f.family === face.family && f.weight === face.weight && f.style === face.style);
  if (!course || course.chars.length > SHARED_UP_TO || !face.chars.every((c) => course.chars.includes(c))) return face;
  return { ...face, chars: course.chars };
}

/** The fonts of the diagrams: Arimo upright (a diagram has no code and no italics) and the fonts for what it lacks. */
export function diagramFonts(book: FontBook): DiagramFonts {
  return { faces: (text) => book.faces(shownText(text), 'en', { keep: (face) => face.family !== COUSINE.family && face.style === 'normal' }), stack: fontStacks('en').sans };
}
