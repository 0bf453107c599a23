// The caches are pruned of what no build used for a week, once a day at most, and of nothing else.
import { existsSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FileCache } from '../../../scripts/build/cache.ts';
import { pruneCaches } from '../../../scripts/build/cache-pruning.ts';

const DAY = 24 * 60 * 60 * 1000;
const key = (c: string) => c.repeat(64);

/** A file `days` old (its time set back), in `folder` of the cache `dir`. */
function fileOf(dir: string, folder: string, name: string, days: number): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const path = join(dir, folder, name);
  writeFileSync(path, name);
  const then = new Date(Date.now() - days * DAY);
  utimesSync(path, then, then);
  return path;
}

test('entries unused for a week go; newer ones, partial writes of the last day and files the build did not name stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-'));
  const kept = [
    fileOf(dir, 'html', `${key('a')}.html`, 6),
    fileOf(dir, 'fit', `.${key('b')}.123.tmp`, 0.5),
    fileOf(dir, 'pdf', 'notes.pdf', 30),
    fileOf(dir, 'pdf', `${key('c')}.pdf.bak`, 30),
    fileOf(dir, 'photos', `${key('d')}.png`, 30),
    fileOf(dir, 'bin', `${key('e')}.js`, 30),
    fileOf(dir, '', `${key('f')}.json`, 30),
  ];
  const gone = [
    fileOf(dir, 'html', `${key('1')}.html`, 8),
    fileOf(dir, 'pptx', `${key('2')}.pptx`, 40),
    fileOf(dir, 'css', `${key('3')}.css`, 9),
    fileOf(dir, 'fit', `.${key('4')}.123.tmp`, 2),
    fileOf(dir, 'css', `${key('5')}.css.456.tmp`, 2),
  ];
  expect(await pruneCaches(dir)).toBe(gone.length);
  expect(kept.filter((path) => !existsSync(path))).toEqual([]);
  expect(gone.filter((path) => existsSync(path))).toEqual([]);
});

test('a folder keeps its own time, which tells when an entry was last added', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-'));
  fileOf(dir, 'fit', `${key('a')}.json`, 10);
  const added = new Date(Date.now() - 3 * DAY);
  utimesSync(join(dir, 'fit'), added, added);
  expect(await pruneCaches(dir)).toBe(1);
  expect(Math.abs(statSync(join(dir, 'fit')).mtimeMs - added.getTime())).toBeLessThan(1);
});

test('an entry a build reads is marked used, and stays', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-'));
  const read = fileOf(dir, 'diagram', `${key('a')}.svg`, 10);
  const restored = fileOf(dir, 'html', `${key('b')}.html`, 10);
  const unread = fileOf(dir, 'html', `${key('c')}.html`, 10);
  expect((await new FileCache(join(dir, 'diagram'), 'svg').get(key('a')))?.toString()).toBe(`${key('a')}.svg`);
  expect(await new FileCache(join(dir, 'html'), 'html').restore(key('b'), join(dir, 'copy.html'))).toBe(true);
  expect(await pruneCaches(dir)).toBe(1);
  expect([read, restored, unread].map((path) => existsSync(path))).toEqual([true, true, false]);
});

test('pruned once a day at most', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-'));
  expect(await pruneCaches(dir)).toBe(0);
  const old = fileOf(dir, 'pdf', `${key('a')}.pdf`, 10);
  // Less than a day since the last pruning: nothing goes yet.
  expect(await pruneCaches(dir, Date.now() + DAY / 2)).toBe(0);
  expect(existsSync(old)).toBe(true);
  expect(await pruneCaches(dir, Date.now() + DAY + 1000)).toBe(1);
  expect(existsSync(old)).toBe(false);
});
