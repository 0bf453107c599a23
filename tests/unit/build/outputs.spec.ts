// Nothing lost: outputs appear only when a build succeeded, builds can run side by side, and the same
// input gives the same bytes.
import fs, { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { discard, publish, stage, type Staged } from '../../../scripts/build/publish.ts';
import { courseFolder, run, spawnCommand } from '../../support/commands.ts';

const HOLD_SWAP = fileURLToPath(new URL('../../support/hold-swap.mjs', import.meta.url));
const FAIL_PRINT = fileURLToPath(new URL('../../support/fail-print.mjs', import.meta.url));

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
  const [failed] = await stage([final]);
  writeFileSync(join(failed!.path, 'new.html'), 'new');
  await discard([failed!]);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(readdirSync(final)).toEqual(['old.html']);
  const [good] = await stage([final]);
  writeFileSync(join(good!.path, 'new.html'), 'new');
  await publish([good!]);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(readdirSync(final).sort()).toEqual(['.course-decks', 'new.html']);
});

/** Calls `watch` before every rename of this process (publish.ts renames through node:fs/promises). */
async function watchingRenames<T>(watch: (from: string, to: string) => void, body: () => Promise<T>): Promise<T> {
  const rename = fs.promises.rename;
  fs.promises.rename = (from, to) => {
    watch(String(from), String(to));
    return rename(from, to);
  };
  syncBuiltinESMExports();
  try {
    return await body();
  } finally {
    fs.promises.rename = rename;
    syncBuiltinESMExports();
  }
}

test('while a build publishes, dist/ is there all along and each of its files is whole, the old one or the new', async () => {
  const root = mkdtempSync(join(tmpdir(), 'no-gap-'));
  const final = join(root, 'dist');
  mkdirSync(join(final, 'pict'), { recursive: true });
  for (const [path, text] of [['a.html', 'old a'], ['b.html', 'old b'], ['gone.html', 'old gone'], ['pict/x.svg', 'old x']] as const) writeFileSync(join(final, path), text);
  const [staged] = await stage([final]);
  mkdirSync(join(staged!.path, 'pict'));
  for (const [path, text] of [['a.html', 'new a'], ['b.html', 'new b'], ['pict/x.svg', 'new x'], ['pict/y.png', 'new y']] as const) writeFileSync(join(staged!.path, path), text);
  const seen: string[] = [];
  await watchingRenames(
    () => {
      // What a reader of dist/ finds at this moment.
      for (const path of ['a.html', 'b.html', 'pict/x.svg']) seen.push(`${path}: ${existsSync(join(final, path)) ? readFileSync(join(final, path), 'utf8') : 'missing'}`);
    },
    () => publish([staged!]),
  );
  expect(seen.length).toBeGreaterThanOrEqual(3 * 4);
  for (const line of seen) expect(line).toMatch(/^(a\.html: (old|new) a|b\.html: (old|new) b|pict\/x\.svg: (old|new) x)$/);
  expect(readdirSync(root)).toEqual(['dist']);
  expect(Object.fromEntries(snapshot(final))).toEqual({ '.course-decks': expect.any(String), 'a.html': b64('new a'), 'b.html': b64('new b'), 'pict/x.svg': b64('new x'), 'pict/y.png': b64('new y') });
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Publishes `staged` as a build killed at the `nth` rename that `matches`: that rename and the rest never happen. */
async function publishKilledAt(staged: Staged[], nth: number, matches: (from: string, to: string) => boolean): Promise<void> {
  let seen = 0;
  const killAt = (from: string, to: string) => {
    if (matches(from, to) && ++seen === nth) throw new Error('killed');
  };
  await expect(watchingRenames(killAt, () => publish(staged))).rejects.toThrow('killed');
}

/** Renames a leftover folder of this process as a build that is gone (pid 999999) leaves it. */
function asLeftOverByADeadBuild(root: string): void {
  for (const entry of readdirSync(root)) {
    const dead = entry.replace(/-\d+-([0-9a-f]+)$/, '-999999-$1');
    if (dead !== entry) renameSync(join(root, entry), join(root, dead));
  }
}

/** slides/ and dist/ in a new folder, each holding `files` (name → text) as a build of before left them. */
function builtBefore(prefix: string, files: Record<string, string>): { root: string; slides: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const [slides, dist] = [join(root, 'slides'), join(root, 'dist')];
  for (const folder of [slides, dist]) {
    mkdirSync(folder);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  }
  return { root, slides, dist };
}

test('a build killed while it publishes is finished by the next one: slides/ and dist/ from that build, nothing of before', async () => {
  const { root, slides, dist } = builtBefore('killed-publishing-', { 'one.x': 'old one', 'stale.x': 'old stale' });
  const staged = await stage([slides, dist]);
  for (const { path } of staged) for (const name of ['one.x', 'two.x', 'three.x']) writeFileSync(join(path, name), `new ${name}`);
  // Killed after two files of slides/ are in place: the third rename into slides/ never happens.
  await publishKilledAt(staged, 3, (_from, to) => to.startsWith(slides + '/'));
  expect(readdirSync(root).filter((name) => name.includes('.publishing-'))).toHaveLength(2);
  asLeftOverByADeadBuild(root);
  const next = await stage([slides, dist]);
  for (const folder of [slides, dist]) {
    expect(readdirSync(folder).sort()).toEqual(['.course-decks', 'one.x', 'three.x', 'two.x']);
    for (const name of ['one.x', 'two.x', 'three.x']) expect(readFileSync(join(folder, name), 'utf8')).toBe(`new ${name}`);
  }
  expect(readdirSync(root).sort()).toEqual(['dist', 'slides', ...next.map(({ path }) => path.split('/').pop())].sort());
  await discard(next);
});

test('a build killed or failing between committing slides/ and dist/ is finished for both by the next; one killed before committing is dropped', async () => {
  const { root, slides, dist } = builtBefore('killed-commit-', { 'deck.x': 'old' });
  const staged = await stage([slides, dist]);
  for (const { path } of staged) writeFileSync(join(path, 'deck.x'), 'new');
  // The first commit rename (slides) happens, the second (dist) never does.
  await publishKilledAt(staged, 2, (from) => from.includes('.staging-'));
  // What the build does after a failure (writing.ts): it drops its staging folders, but not those of a commit begun.
  await discard(staged);
  expect(readdirSync(root).filter((name) => /\.(staging|publishing)-/.test(name)).sort()).toEqual([expect.stringMatching(/^\.dist\.staging-/), expect.stringMatching(/^\.slides\.publishing-/)]);
  // And a build of before killed while it wrote, never committed (its staging folder marked, as stage() marks it).
  mkdirSync(join(root, '.dist.staging-999998-abcd1234'));
  writeFileSync(join(root, '.dist.staging-999998-abcd1234', '.course-decks'), '');
  writeFileSync(join(root, '.dist.staging-999998-abcd1234', 'deck.x'), 'half');
  asLeftOverByADeadBuild(root);
  await discard(await stage([slides, dist]));
  expect(readdirSync(root).sort()).toEqual(['dist', 'slides']);
  for (const folder of [slides, dist]) expect(readFileSync(join(folder, 'deck.x'), 'utf8')).toBe('new');
});

test('an output folder that is a link to another file system stays a link: the build\'s files land in the folder it leads to', async () => {
  const root = mkdtempSync(join(tmpdir(), 'linked-'));
  // The folder it leads to on another file system (/dev/shm, a tmpfs), where no rename from here reaches.
  const elsewhere = mkdtempSync(join('/dev/shm', 'linked-site-'));
  expect(statSync(elsewhere).dev).not.toBe(statSync(root).dev);
  writeFileSync(join(elsewhere, 'old.html'), 'old');
  symlinkSync(elsewhere, join(root, 'dist'));
  const [staged] = await stage([join(root, 'dist')]);
  writeFileSync(join(staged!.path, 'new.html'), 'new');
  await publish([staged!]);
  expect(lstatSync(join(root, 'dist')).isSymbolicLink()).toBe(true);
  expect(readdirSync(elsewhere).sort()).toEqual(['.course-decks', 'new.html']);
  expect(readdirSync(root)).toEqual(['dist']);
  rmSync(elsewhere, { recursive: true, force: true });
});

test('a folder an older build moved aside and did not put back comes back; its staging folder goes', async () => {
  const root = mkdtempSync(join(tmpdir(), 'leftovers-'));
  // Builds before publishing by moves swapped folders by two renames: killed between them, they left
  // dist/ moved aside and the new one not in place.
  const dead = 999999;
  mkdirSync(join(root, `.dist.old-${dead}-abcd1234`));
  writeFileSync(join(root, `.dist.old-${dead}-abcd1234`, 'good.html'), 'good');
  mkdirSync(join(root, `.dist.staging-${dead}-abcd1234`));
  const [next] = await stage([join(root, 'dist')]);
  expect(readFileSync(join(root, 'dist', 'good.html'), 'utf8')).toBe('good');
  expect(readdirSync(root).sort()).toEqual([next!.path.split('/').pop(), 'dist'].sort());
  await discard([next!]);
});

test('a build killed when all is written, before the swap, leaves the last good slides/ and dist/ exactly as they were', async () => {
  const out = mkdtempSync(join(tmpdir(), 'killed-'));
  // The last good outputs: what `npm test` built from the same notes before the suite.
  for (const folder of ['slides', 'dist']) cpSync(folder, join(out, folder), { recursive: true });
  const before = { slides: snapshot(join(out, 'slides')), dist: snapshot(join(out, 'dist')) };
  expect(before.dist.size).toBeGreaterThan(3);
  const notes = mkdtempSync(join(tmpdir(), 'notes-'));
  cpSync('notes', notes, { recursive: true });
  // A change, so that what the build writes differs from the last good outputs.
  writeFileSync(join(notes, 'volumes.md'), readFileSync(join(notes, 'volumes.md'), 'utf8').replace('# Storage Class (SC)', '# Storage Class (SC), changed'));
  // The build is held at its first swap (tests/support/hold-swap.mjs): every output is in its staging
  // folder, nothing is in place yet. Killed there, at a moment the test chooses, not one it races for.
  const marker = join(out, 'held');
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${HOLD_SWAP}`, HOLD_SWAP_MARKER: marker };
  const child = spawnCommand('cli', args(notes, out), { detached: true, stdio: 'ignore', env });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await expect.poll(() => existsSync(marker), { timeout: 90_000 }).toBe(true);
  const staged = readdirSync(out).filter((f) => f.startsWith('.dist.staging-'));
  expect(staged).toHaveLength(1);
  expect(readdirSync(join(out, staged[0]!))).toEqual(expect.arrayContaining(['statefulsets.html', 'volumes.html', 'volumes.pdf', 'index.html']));
  process.kill(-child.pid!, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(snapshot(join(out, 'slides'))).toEqual(before.slides);
  expect(snapshot(join(out, 'dist'))).toEqual(before.dist);
  // That the next build cleans up what this one left: "what a killed build left behind…" above.
});

test('a PDF that cannot be printed stops the build with the deck it was, its size and what to do, and publishes nothing', async () => {
  const out = mkdtempSync(join(tmpdir(), 'print-fails-'));
  // Every print fails (tests/support/fail-print.mjs), as one of a deck too big for the machine would.
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${FAIL_PRINT}`, COURSE_DECKS_CACHE: join(out, 'cache') };
  const built = await run('cli', [...args('tests/fixtures/seed', out), '--pict', 'pict'], { env });
  expect(built.status).not.toBe(0);
  const said = built.stdout + built.stderr;
  expect(said).toMatch(/the PDF of (statefulsets|volumes) \(\d+ slides\) could not be printed: Printing failed\./);
  expect(said).toContain('--no-pdf');
  expect(readdirSync(out)).toEqual(['cache']);
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
  // Its folders (a dot file beside them says when the caches were last pruned: cache-pruning.ts).
  const cached = readdirSync(env.COURSE_DECKS_CACHE).filter((name) => !name.startsWith('.')).sort();
  expect(cached).toEqual(['browser', 'css', 'diagram', 'fit', 'font', 'handout', 'html', 'pdf']);
  for (const kind of cached) expect(readdirSync(join(env.COURSE_DECKS_CACHE, kind)).length, kind).toBeGreaterThan(0);
  expect((await run('cli', args('notes', warm), { env })).status).toBe(0);
  expect(snapshot(join(warm, 'slides'))).toEqual(snapshot(join(cold, 'slides')));
  expect(snapshot(join(warm, 'dist'))).toEqual(snapshot(join(cold, 'dist')));
});
