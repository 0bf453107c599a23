// Nothing lost: outputs appear only when a build succeeded, builds can run side by side, and the same
// input gives the same bytes.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { discard, publish, stage } from '../../scripts/publish.ts';

// Each test runs whole builds (Chromium for fitting, marp-cli): on a loaded 2-core machine that
// takes longer than Playwright's default 30 s budget.
test.describe.configure({ timeout: 120_000 });

const args = (notes: string, out: string, extra: string[] = []) => ['tsx', 'scripts/cli.ts', '--notes', notes, '--slides', join(out, 'slides'), '--out', join(out, 'dist'), ...extra];

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
  expect(spawnSync('npx', args('notes', out), { encoding: 'utf8' }).status).toBe(0);
  const before = { slides: snapshot(join(out, 'slides')), dist: snapshot(join(out, 'dist')) };
  const notes = mkdtempSync(join(tmpdir(), 'notes-'));
  cpSync('notes', notes, { recursive: true });
  writeFileSync(join(notes, 'volumes.md'), readFileSync(join(notes, 'volumes.md'), 'utf8').replace('# Storage Class (SC)', '# Storage Class (SC), changed'));
  // Killed while it renders: its HTML decks are written (into staging), its PDFs not yet.
  const child = spawn('npx', args(notes, out), { detached: true, stdio: 'ignore' });
  const htmlWritten = () => readdirSync(out).some((f) => f.startsWith('.dist.staging-') && existsSync(join(out, f, 'volumes.html')));
  await expect.poll(htmlWritten, { timeout: 90_000, intervals: [10] }).toBe(true);
  process.kill(-child.pid!, 'SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  expect(snapshot(join(out, 'slides'))).toEqual(before.slides);
  expect(snapshot(join(out, 'dist'))).toEqual(before.dist);
});

test('two builds of the same notes, run at the same time into different folders, give byte-identical slides and HTML', async () => {
  const [a, b] = [mkdtempSync(join(tmpdir(), 'same-a-')), mkdtempSync(join(tmpdir(), 'same-b-'))];
  const run = (out: string) =>
    new Promise<number | null>((resolve) => spawn('npx', args('notes', out, ['--no-pdf']), { stdio: 'ignore' }).on('exit', resolve));
  expect(await Promise.all([run(a), run(b)])).toEqual([0, 0]);
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
  expect(spawnSync('npx', args('notes', cold), { env, encoding: 'utf8' }).status).toBe(0);
  const cached = readdirSync(env.COURSE_DECKS_CACHE).sort();
  expect(cached).toEqual(['diagram', 'fit', 'html', 'pdf']);
  for (const kind of cached) expect(readdirSync(join(env.COURSE_DECKS_CACHE, kind)).length, kind).toBeGreaterThan(0);
  expect(spawnSync('npx', args('notes', warm), { env, encoding: 'utf8' }).status).toBe(0);
  expect(snapshot(join(warm, 'slides'))).toEqual(snapshot(join(cold, 'slides')));
  expect(snapshot(join(warm, 'dist'))).toEqual(snapshot(join(cold, 'dist')));
});
