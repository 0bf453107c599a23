import { mkdirSync, mkdtempSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { browserVersion, buildIdentity, contentKey, diagramKey, FileCache, fitKey, fitsLikelyMissing, htmlKey, pdfKey, type PdfInputs } from '../../../scripts/build/cache.ts';

const base: PdfInputs = {
  identity: 'scripts+config+theme+packages+browser',
  markdown: '---\nmarp: true\n---\n\n# A\n',
  pictures: new Map([['pict/a.svg', '<svg>a</svg>']]),
  pdfDecks: ['statefulsets', 'volumes'],
};

test('the key changes with every input of a PDF, and only with them', () => {
  const key = pdfKey(base);
  expect(pdfKey({ ...base, pictures: new Map(base.pictures), pdfDecks: ['volumes', 'statefulsets'] })).toBe(key);
  const changed: PdfInputs[] = [
    { ...base, identity: 'another theme or script' },
    { ...base, markdown: `${base.markdown}\ntext\n` },
    { ...base, pictures: new Map([['pict/a.svg', '<svg>b</svg>']]) },
    { ...base, pictures: new Map([['pict/b.svg', '<svg>a</svg>']]) },
    { ...base, pdfDecks: ['statefulsets'] },
  ];
  for (const inputs of changed) expect(pdfKey(inputs)).not.toBe(key);
});

test('the build identity changes when a script, the config, the theme or the browser version changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-'));
  const script = join(dir, 'build.ts');
  writeFileSync(script, 'export {}');
  const first = await buildIdentity([script], 'theme', 'Chromium 156.0.8078.129');
  expect(await buildIdentity([script], 'theme', 'Chromium 156.0.8078.129')).toBe(first);
  expect(await buildIdentity([script], 'another theme', 'Chromium 156.0.8078.129')).not.toBe(first);
  expect(await buildIdentity([script], 'theme', 'Chromium 157.0.1.2')).not.toBe(first);
  writeFileSync(script, 'export const changed = 1');
  expect(await buildIdentity([script], 'theme', 'Chromium 156.0.8078.129')).not.toBe(first);
});

test('the browser is known by the version it tells, asked once for the file installed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-'));
  const browser = join(dir, 'chromium');
  const asked = join(dir, 'asked');
  writeFileSync(browser, `#!/bin/sh\necho x >> ${asked}\necho "Chromium 123.4.5.6"\n`, { mode: 0o755 });
  expect(await browserVersion(browser, join(dir, 'cache'))).toBe('Chromium 123.4.5.6');
  expect(await browserVersion(browser, join(dir, 'cache'))).toBe('Chromium 123.4.5.6');
  expect(readFileSync(asked, 'utf8')).toBe('x\n');
  expect(await browserVersion(join(dir, 'none'), join(dir, 'cache'))).toMatch(/none:0:0$/);
});

test('a stored PDF is restored byte for byte; a missing one is a miss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cache-'));
  const cache = new FileCache(join(dir, 'cache'), 'pdf');
  expect(await cache.restore('nothing', join(dir, 'out.pdf'))).toBe(false);
  const pdf = new Uint8Array([37, 80, 68, 70, 45, 1, 2, 3]);
  await cache.store('key', pdf);
  expect(await cache.restore('key', join(dir, 'out.pdf'))).toBe(true);
  expect(new Uint8Array(readFileSync(join(dir, 'out.pdf')))).toEqual(pdf);
});

test('a fitted deck, an HTML deck and a drawn diagram are each keyed by every input they are made from', () => {
  const pictures = new Map([['pict/a.svg', 'digraph { a -> b }']]);
  const fit = fitKey('identity', '{"deck":1}', pictures);
  expect(fitKey('identity', '{"deck":1}', new Map(pictures))).toBe(fit);
  for (const other of [fitKey('other identity', '{"deck":1}', pictures), fitKey('identity', '{"deck":2}', pictures), fitKey('identity', '{"deck":1}', new Map([['pict/a.svg', 'digraph { a -> c }']])), fitKey('identity', '{"deck":1}', new Map())]) {
    expect(other).not.toBe(fit);
  }
  expect(htmlKey('identity', '# A')).toBe(htmlKey('identity', '# A'));
  expect(htmlKey('identity', '# B')).not.toBe(htmlKey('identity', '# A'));
  expect(htmlKey('other identity', '# A')).not.toBe(htmlKey('identity', '# A'));
  expect(diagramKey('identity', 'digraph { a }')).not.toBe(diagramKey('identity', 'digraph { b }'));
  expect(diagramKey('other identity', 'digraph { a }')).not.toBe(diagramKey('identity', 'digraph { a }'));
  // Different kinds of output never share a key, nor do parts that only concatenate alike.
  expect(htmlKey('identity', 'x')).not.toBe(diagramKey('identity', 'x'));
  expect(contentKey('k', ['ab', 'c'])).not.toBe(contentKey('k', ['a', 'bc']));
});

test('a fit is expected when none is cached, or when a notes page or picture is newer than the newest fit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'likely-'));
  const [notes, pict, fit] = ['notes', 'pict', 'fit'].map((name) => join(dir, name)) as [string, string, string];
  for (const folder of [notes, pict]) mkdirSync(folder);
  // Notes and pictures are dated from now (seconds before or after); fits are added now, as the
  // fit cache adds them (written, then renamed into place).
  const now = Date.now() / 1000;
  const at = (file: string, seconds: number) => {
    writeFileSync(file, file);
    utimesSync(file, now + seconds, now + seconds);
  };
  const fitted = (name: string) => {
    writeFileSync(join(fit, `.${name}.tmp`), name);
    renameSync(join(fit, `.${name}.tmp`), join(fit, name));
  };
  at(join(notes, 'a.md'), -1000);
  at(join(pict, 'a.dot'), -1000);
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(true);
  mkdirSync(fit);
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(true);
  fitted('k.json');
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(false);
  at(join(pict, 'a.dot'), 1000);
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(true);
  at(join(pict, 'a.dot'), -500);
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(false);
  fitted('l.json');
  at(join(notes, 'b.md'), 2000);
  expect(await fitsLikelyMissing([notes, pict], fit)).toBe(true);
  expect(await fitsLikelyMissing([join(dir, 'missing')], fit)).toBe(false);
});
