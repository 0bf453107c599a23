// The decks on a machine with no fonts at all: every glyph comes from the fonts the deck carries, so
// the slides fit the same, show every character (the verifier finds no font of the machine in any
// deck) and their PDFs hold the text, emoji and CJK included.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { findBrowser } from '../../../scripts/browser/browser.ts';
import { formatFault, sortFaults } from '../../../scripts/verify/report.ts';
import { verifyDecks } from '../../../scripts/verify/verify.ts';
import { courseFolder, run } from '../../support/commands.ts';

const SCRIPTS = 'tests/fixtures/scripts';

// Whole builds, with PDFs, and the verifier: minutes on a loaded 2-core machine.
test.describe.configure({ timeout: 600_000 });

/** A fontconfig setup that names no font folder: Chromium finds no font of the machine. */
function noFonts(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'no-fonts-'));
  writeFileSync(join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`);
  return { FONTCONFIG_FILE: join(dir, 'fonts.conf') };
}

const emptyCache = (out: string) => ({ COURSE_DECKS_CACHE: join(out, 'cache') });

test('the fitted slides are byte for byte the same with the machine\'s fonts and with none, in the headless shell and in the full browser', async () => {
  // The build's own browser (the headless shell where there is one) with the machine's fonts, and with
  // none; and the full browser, which a machine without the shell builds with.
  const full = findBrowser({ env: { PATH: process.env.PATH }, shell: false });
  expect(full).toBeTruthy();
  const machines = [{}, noFonts(), { CHROME_PATH: full }];
  const outs = machines.map(() => mkdtempSync(join(tmpdir(), 'fonts-same-')));
  const builds = await Promise.all(
    outs.map((out, i) => run('cli', [...courseFolder('notes', out), '--pict', 'pict', '--no-pdf'], { env: { ...process.env, ...emptyCache(out), ...machines[i] } })),
  );
  for (const built of builds) expect(built.status, built.stderr).toBe(0);
  const files = readdirSync(join(outs[0]!, 'slides')).filter((f) => f.endsWith('.md') || f.endsWith('.css'));
  expect(files.length).toBeGreaterThan(2);
  for (const out of outs.slice(1)) {
    for (const file of files) expect(readFileSync(join(out, 'slides', file)).equals(readFileSync(join(outs[0]!, 'slides', file))), `${out} ${file}`).toBe(true);
  }
});

/** What a reader of a deck's PDFs must find in them, from its notes page: its title, headings, list items and emoji. */
function shownWords(notes: string): string[] {
  const title = (JSON.parse(/<!--METADATA (\{.*\}) -->/.exec(notes)![1]!) as { title: string }).title;
  const lines = notes.split('\n').filter((line) => /^(# |- )/.test(line)).map((line) => line.slice(2));
  return [title, ...lines, ...(notes.match(/\p{Extended_Pictographic}/gu) ?? [])];
}

/** A PDF's text as a reader extracts it (pdf.js), without white space or emoji variation selectors, which mark no glyph. */
async function pdfText(file: string): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: true });
  return squeeze(text);
}
const squeeze = (text: string) => text.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');

test('decks in German, Russian, Chinese, Japanese and with emoji draw every glyph with their own fonts, on a machine with none, and their PDFs hold the text', async () => {
  const out = mkdtempSync(join(tmpdir(), 'fonts-scripts-'));
  const env = { ...process.env, ...emptyCache(out), ...noFonts() };
  const built = await run('cli', [...courseFolder(SCRIPTS, out), '--pict', 'pict'], { env });
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toMatch(/U\+[0-9A-F]{4}/);
  // The verifier: no text drawn by a font of the machine, nothing overflows at device scale 1 or 2, the
  // PDFs are their decks' (what the other checks look at is the same in every script: left to the
  // course's and the fixtures' decks, see decks/verify.spec.ts).
  const verified = await run('verify-cli', ['--out', join(out, 'dist'), '--only', 'font,overflow,pdf'], { env });
  expect(verified.stdout).toMatch(/^verify: 5 decks, 20 slides, 5 PDFs in .* \(only font, overflow, pdf\): no faults$/m);
  expect(verified.status, verified.stdout).toBe(0);
  // Each deck's lang, from its METADATA.
  expect(readFileSync(join(out, 'dist', 'japanese.html'), 'utf8')).toMatch(/<html lang="ja"/);
  expect(readFileSync(join(out, 'slides', 'german.md'), 'utf8')).toContain('\nlang: de\n');
  // The PDF and the handout of each deck: their text, in every script and the emoji, read back by pdf.js.
  const pages = readdirSync(SCRIPTS).filter((file) => file.endsWith('.md'));
  expect(pages).toHaveLength(5);
  for (const page of pages) {
    const words = shownWords(readFileSync(join(SCRIPTS, page), 'utf8'));
    for (const pdf of [page.replace(/\.md$/, '.pdf'), page.replace(/\.md$/, '-handout.pdf')]) {
      const text = await pdfText(join(out, 'dist', pdf));
      expect(words.filter((word) => !text.includes(squeeze(word))), pdf).toEqual([]);
    }
  }
});

test('a character no font of the decks has is a warning at its file:line:col naming it, drawn as a box by the deck\'s own font on a machine with no fonts; an error with --strict', async ({ browser }) => {
  const notes = mkdtempSync(join(tmpdir(), 'fonts-notes-'));
  cpSync('tests/fixtures/seed', notes, { recursive: true });
  const file = join(notes, 'statefulsets.md');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith('# '));
  // Linear B and Tifinagh in prose and in code: characters past U+FFFF and before it. A Chromium with
  // no font at all for a character it must draw stops the page.
  lines.splice(at + 1, 0, '', 'Linear B: 𐀀 is in no font, nor is Tifinagh ⴰ.', '', '```', 'echo 𐀀 ⴰ', '```');
  writeFileSync(file, lines.join('\n'));
  const out = mkdtempSync(join(tmpdir(), 'fonts-uncovered-'));
  const env = { ...process.env, ...emptyCache(out), ...noFonts() };
  const built = await run('cli', [...courseFolder(notes, out), '--pict', 'pict', '--no-pdf'], { env });
  expect(built.status, built.stderr).toBe(0);
  expect(built.stdout + built.stderr).toContain(`${file}:${at + 3}:11  warning: U+10000 "𐀀"`);
  expect(built.stdout + built.stderr).toContain(`${file}:${at + 3}:44  warning: U+2D30 "ⴰ"`);
  // Checked where it could go wrong: on this machine, whose fonts have Tifinagh at least (DejaVu Sans
  // does), no text is drawn by a font of the machine, the box included, and nothing overflows (the
  // verifier's font and overflow checks, in the tests' own Chromium). With no fonts, none could draw it.
  expect(sortFaults(await verifyDecks(join(out, 'dist'), { browser, only: ['font', 'overflow'] })).map(formatFault)).toEqual([]);
  const strict = await run('cli', [...courseFolder(notes, out), '--pict', 'pict', '--no-pdf', '--strict'], { env: { ...process.env, ...emptyCache(out) } });
  expect(strict.status).not.toBe(0);
  expect(strict.stdout + strict.stderr).toContain('U+10000');
});
