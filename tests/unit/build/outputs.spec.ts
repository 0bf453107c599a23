// Nothing lost: outputs appear only when a build succeeded, builds can run side by side, and the same
// input gives the same bytes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { discard, publish, stage } from '../../../scripts/build/publish.ts';
import { courseFolder, run, spawnCommand } from '../../support/commands.ts';

// Each test runs whole builds (Chromium for fitting, marp-cli): on a loaded 2-core machine that
// takes longer than Playwright's default 30 s budget.
test.describe.configure({ timeout: 120_000 });

const args = (notes: string, out: string, extra: string[] = []) => [...courseFolder(notes, out), ...extra];

/** Every file below `dir` with its bytes, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(dir, path)).toString('base64'));
    }
  };
  walk('');
  return files;
}

test('a staged folder replaces the real one only when published; a discarded one leaves it as it was', async () => {
  const root = mkdtempSync(join(tmpdir(), 'publish-'));
  const final = join(root, 'dist');
  mkdirSync(final);
  writeFileSync(join(final, 'old.html'), 'old');
  const failed = await stage(final);
  writeFileSync(join(failed.path, 'new.html'), 'new');
  await discard([failed]);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(readdirSync(final)).toEqual(['old.html']);
  const good = await stage(final);
  writeFileSync(join(good.path, 'new.html'), 'new');
  await publish([good]);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(readdirSync(final)).toEqual(['new.html']);
});

test('what a killed build left behind is cleaned up, and an output moved aside comes back', async () => {
  const root = mkdtempSync(join(tmpdir(), 'leftovers-'));
  // A build killed between the two renames of its swap: dist/ moved aside, the new one not in place.
  const dead = 999999;
  mkdirSync(join(root, `.dist.old-${dead}-abcd1234`));
  writeFileSync(join(root, `.dist.old-${dead}-abcd1234`, 'good.html'), 'good');
  mkdirSync(join(root, `.dist.staging-${dead}-abcd1234`));
  const next = await stage(join(root, 'dist'));
  expect(readFileSync(join(root, 'dist', 'good.html'), 'utf8')).toBe('good');
  expect(readdirSync(root).sort()).toEqual([next.path.split('/').pop(), 'dist'].sort());
  await discard([next]);
});

test('a build killed half-way leaves the last good slides/ and dist/ exactly as they were', async () => {
  const out = mkdtempSync(join(tmpdir(), 'killed-'));
  // The last good outputs: what `npm test` built from the same notes before the suite.
  for (const folder of ['slides', 'dist']) cpSync(folder, join(out, folder), { recursive: true });
  const before = { slides: snapshot(join(out, 'slides')), dist: snapshot(join(out, 'dist')) };
  const notes = mkdtempSync(join(tmpdir(), 'notes-'));
  cpSync('notes', notes, { recursive: true });
  // A change no cache of the build has seen: the changed deck's HTML and PDF are made anew, which
  // leaves the build running for a while after the first decks are written.
  const changed = `# Storage Class (SC), changed ${process.pid}-${Date.now()}`;
  writeFileSync(join(notes, 'volumes.md'), readFileSync(join(notes, 'volumes.md'), 'utf8').replace('# Storage Class (SC)', changed));
  // Killed half-way: a first deck is written (into staging), the changed one is still being made.
  const child = spawnCommand('cli', args(notes, out), { detached: true, stdio: 'ignore' });
  const filesIn = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return []; // a staging folder just removed
    }
  };
  const deckWritten = () => filesIn(out).some((f) => f.startsWith('.dist.staging-') && filesIn(join(out, f)).some((file) => /\.(html|pdf)$/.test(file)));
  await expect.poll(deckWritten, { timeout: 90_000, intervals: [10] }).toBe(true);
  process.kill(-child.pid!, 'SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  expect(snapshot(join(out, 'slides'))).toEqual(before.slides);
  expect(snapshot(join(out, 'dist'))).toEqual(before.dist);
});

test('two builds of the same notes, run at the same time into different folders, give byte-identical slides and HTML', async () => {
  const [a, b] = [mkdtempSync(join(tmpdir(), 'same-a-')), mkdtempSync(join(tmpdir(), 'same-b-'))];
  const built = await Promise.all([a, b].map((out) => run('cli', args('notes', out, ['--no-pdf']))));
  expect(built.map((done) => done.status)).toEqual([0, 0]);
  expect(snapshot(join(a, 'slides'))).toEqual(snapshot(join(b, 'slides')));
  expect(snapshot(join(a, 'dist'))).toEqual(snapshot(join(b, 'dist')));
  expect(existsSync(join(a, 'dist', 'statefulsets.html'))).toBe(true);
  // No dates or paths of the build machine in what is published.
  const html = readFileSync(join(a, 'dist', 'statefulsets.html'), 'utf8');
  expect(html).not.toContain(a);
  expect(html).not.toContain(process.cwd());
});

test('a build that reads its diagrams, fitted decks, HTML and PDFs from the caches writes what a build without them writes', async () => {
  const [cold, warm] = [mkdtempSync(join(tmpdir(), 'cold-')), mkdtempSync(join(tmpdir(), 'warm-'))];
  const env = { ...process.env, COURSE_DECKS_CACHE: mkdtempSync(join(tmpdir(), 'cache-')) };
  expect((await run('cli', args('notes', cold), { env })).status).toBe(0);
  const cached = readdirSync(env.COURSE_DECKS_CACHE).sort();
  expect(cached).toEqual(['browser', 'css', 'diagram', 'fit', 'font', 'handout', 'html', 'pdf']);
  for (const kind of cached) expect(readdirSync(join(env.COURSE_DECKS_CACHE, kind)).length, kind).toBeGreaterThan(0);
  expect((await run('cli', args('notes', warm), { env })).status).toBe(0);
  expect(snapshot(join(warm, 'slides'))).toEqual(snapshot(join(cold, 'slides')));
  expect(snapshot(join(warm, 'dist'))).toEqual(snapshot(join(cold, 'dist')));
});
