// Output folders are only ever output folders: the build refuses a source folder, the project, or a
// folder of someone's files as --out or --slides, and changes nothing; two builds into the same
// folders take turns.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkOutputFolders, OUTPUT_MARKER } from '../../../scripts/build/output-folders.ts';
import { lockFile, withOutputLock } from '../../../scripts/build/lock.ts';
import { run } from '../../support/commands.ts';

test.describe.configure({ timeout: 120_000 });

/** Every file and folder below `dir` with its size and time of change, by relative path. */
function listing(dir: string): string[] {
  const found: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = join(sub, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === 'test-results') continue;
      const info = statSync(join(dir, path));
      found.push(`${path} ${info.size} ${info.mtimeMs}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk('');
  return found.sort();
}

/** A course folder of its own: notes/ and pict/ copied from the seed and the project. */
function course(): { root: string; notes: string; pict: string } {
  const root = mkdtempSync(join(tmpdir(), 'refuse-'));
  cpSync('tests/fixtures/seed', join(root, 'notes'), { recursive: true });
  cpSync('pict', join(root, 'pict'), { recursive: true });
  return { root, notes: join(root, 'notes'), pict: join(root, 'pict') };
}

test('--out or --slides at a source folder, inside one, around one, or at the project is refused and changes nothing', async () => {
  const { root, notes, pict } = course();
  const mine = join(root, 'mine');
  mkdirSync(mine);
  writeFileSync(join(mine, 'thesis.txt'), 'my own file');
  const cases: [option: string, folder: string, reason: string][] = [
    ['--out', notes, 'it is the notes folder'],
    ['--slides', pict, 'it is the picture folder'],
    ['--out', join(notes, 'decks'), 'it lies inside the notes folder'],
    ['--out', root, 'it holds the notes folder'],
    ['--out', resolve('theme'), 'it is the theme folder'],
    ['--slides', resolve('.'), 'it holds the theme folder'],
    ['--out', mine, 'it holds files the build did not write (thesis.txt'],
  ];
  expect(cases).toHaveLength(7);
  const before = { course: listing(root), theme: listing('theme'), project: listing('.') };
  for (const [option, folder, reason] of cases) {
    const other = option === '--out' ? ['--slides', join(root, 'slides')] : ['--out', join(root, 'dist')];
    const built = await run('cli', ['--notes', notes, '--pict', pict, option, folder, ...other, '--no-pdf']);
    expect(built.status, `${option} ${folder}`).toBe(1);
    expect(built.stderr).toContain(`Build refused: ${option} ${folder}: ${reason}`);
    expect(built.stderr).toContain('Nothing was written.');
  }
  expect(listing(root)).toEqual(before.course);
  expect(listing('theme')).toEqual(before.theme);
  expect(listing('.')).toEqual(before.project);
});

test('a new folder, an empty one, one with the marker, and an older build\'s dist/ are output folders; a folder with other files is not', async () => {
  const { root, notes, pict } = course();
  const folders = (slidesDir: string, outDir: string) => ({ notesDir: notes, pictDir: pict, slidesDir, outDir });
  mkdirSync(join(root, 'empty'));
  mkdirSync(join(root, 'marked'));
  writeFileSync(join(root, 'marked', OUTPUT_MARKER), '');
  writeFileSync(join(root, 'marked', 'anything.txt'), '');
  const older = join(root, 'older');
  mkdirSync(join(older, 'pict'), { recursive: true });
  for (const file of ['index.html', 'favicon.ico', 'statefulsets.html', 'statefulsets.pdf']) writeFileSync(join(older, file), '');
  await checkOutputFolders(folders(join(root, 'new', 'slides'), join(root, 'empty')));
  await checkOutputFolders(folders(join(root, 'marked'), older));
  writeFileSync(join(older, 'notes.txt'), 'mine');
  await expect(checkOutputFolders(folders(join(root, 'empty'), older))).rejects.toThrow(/it holds files the build did not write \(.*notes\.txt/);
  await expect(checkOutputFolders(folders(join(root, 'empty'), join(root, 'empty')))).rejects.toThrow(/--slides folder/);
  writeFileSync(join(root, 'a-file'), '');
  await expect(checkOutputFolders(folders(join(root, 'empty'), join(root, 'a-file')))).rejects.toThrow(/is a file, not a folder/);
});

test('the folders a build writes carry the marker, and this project\'s slides/ has it committed', async () => {
  const { root, notes, pict } = course();
  const built = await run('cli', ['--notes', notes, '--pict', pict, '--slides', join(root, 'slides'), '--out', join(root, 'dist'), '--no-pdf']);
  expect(built.status, built.stderr).toBe(0);
  expect(readdirSync(join(root, 'slides'))).toContain(OUTPUT_MARKER);
  expect(readdirSync(join(root, 'dist'))).toContain(OUTPUT_MARKER);
  expect(readFileSync(join('slides', OUTPUT_MARKER), 'utf8')).toBe(readFileSync(join(root, 'slides', OUTPUT_MARKER), 'utf8'));
});

test('a second writer of the same folders waits, told who holds them, and goes on once they are given back', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lock-'));
  const folders = [join(root, 'slides'), join(root, 'dist')];
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = withOutputLock(folders, async () => {
    order.push('first in');
    await held;
    order.push('first out');
  });
  await expect.poll(() => readdirSync(root)).toContain('.slides.lock');
  const told: string[] = [];
  const second = withOutputLock(folders, () => Promise.resolve(order.push('second in')), (line) => told.push(line));
  await expect.poll(() => told.length).toBe(1);
  expect(told[0]).toContain(`process ${process.pid}`);
  expect(order).toEqual(['first in']);
  release();
  await Promise.all([first, second]);
  expect(order).toEqual(['first in', 'first out', 'second in']);
  expect(readdirSync(root)).toEqual([]);
});

test('a lock left by a process that is gone is taken over', async () => {
  const root = mkdtempSync(join(tmpdir(), 'stale-'));
  writeFileSync(lockFile(join(root, 'dist')), '999999\nnode cli\n');
  let ran = false;
  await withOutputLock([join(root, 'dist')], () => Promise.resolve((ran = true)));
  expect(ran).toBe(true);
  expect(readdirSync(root)).toEqual([]);
});
