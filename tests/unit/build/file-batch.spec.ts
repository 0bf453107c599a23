// Files a live rebuild changes all together or not at all (scripts/files.ts, FileBatch): a write that
// fails half-way changes none of them and leaves no temporary file; a commit changes exactly the files
// whose bytes differ.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FileBatch } from '../../../scripts/files.ts';

function folders() {
  const root = mkdtempSync(join(tmpdir(), 'file-batch-'));
  const slides = join(root, 'slides');
  const dist = join(root, 'dist');
  mkdirSync(slides);
  mkdirSync(dist);
  writeFileSync(join(slides, 'deck.md'), 'old slides');
  writeFileSync(join(dist, 'deck.html'), 'old deck');
  return { slides, dist };
}

test('a write that fails after others were staged changes no file and leaves no temporary file', async () => {
  const { slides, dist } = folders();
  const batch = new FileBatch();
  await expect(
    (async () => {
      expect(await batch.write(join(slides, 'deck.md'), 'new slides')).toBe(true);
      expect(await batch.write(join(dist, 'index.html'), 'new index')).toBe(true);
      // The folder of this one is missing: its write fails, as a write fails on a full disk.
      await batch.write(join(dist, 'pict', 'diagram.svg'), '<svg/>');
    })().finally(() => batch.abandon()),
  ).rejects.toThrow(/ENOENT/);
  expect(readFileSync(join(slides, 'deck.md'), 'utf8')).toBe('old slides');
  expect(readFileSync(join(dist, 'deck.html'), 'utf8')).toBe('old deck');
  expect(readdirSync(slides)).toEqual(['deck.md']);
  expect(readdirSync(dist)).toEqual(['deck.html']);
});

test('until the commit the files keep their bytes, and a staged file can be read where it is staged; the commit changes only what differs', async () => {
  const { slides, dist } = folders();
  const unchangedSince = statSync(join(dist, 'deck.html')).mtimeMs;
  const batch = new FileBatch();
  expect(await batch.write(join(slides, 'deck.md'), 'new slides')).toBe(true);
  expect(await batch.write(join(dist, 'deck.html'), 'old deck')).toBe(false);
  expect(readFileSync(join(slides, 'deck.md'), 'utf8')).toBe('old slides');
  expect(batch.staged(join(slides, 'deck.md'))).not.toBe(join(slides, 'deck.md'));
  expect(readFileSync(batch.staged(join(slides, 'deck.md')), 'utf8')).toBe('new slides');
  expect(batch.staged(join(dist, 'deck.html'))).toBe(join(dist, 'deck.html'));
  await batch.commit();
  await batch.abandon();
  expect(readFileSync(join(slides, 'deck.md'), 'utf8')).toBe('new slides');
  expect(statSync(join(dist, 'deck.html')).mtimeMs).toBe(unchangedSince);
  expect(readdirSync(slides)).toEqual(['deck.md']);
  expect(readdirSync(dist)).toEqual(['deck.html']);
});
