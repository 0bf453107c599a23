// A block of a topic cut into units: its pieces, joined, give the block as written.
import { expect, test } from '@playwright/test';
import { blockKind, blockSource, neutralLines, sentences, unitsOf } from '../../../scripts/deck/blocks.ts';
import type { Block } from '../../../scripts/deck/deck.ts';

const at = { file: 'notes/t.md', line: 1, col: 1 };
const block = (markdown: string): Block => ({ parts: [markdown], joiner: '\n', at });

const MANIFEST = [
  '```yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 3',
  '',
  '---',
  'apiVersion: v1',
  'kind: Service',
  '```',
].join('\n');

test('the lines of a split code block, joined inside its fence, give the original block', async () => {
  const units = await unitsOf(block(MANIFEST), undefined);
  expect(units.kind).toBe('code');
  expect(units.parts).toHaveLength(10);
  expect(units.open).toBe('```yaml');
  expect(units.close).toBe('```');
  expect(blockSource(units)).toBe(MANIFEST);
  // Any cut gives two whole blocks in the same language, whose lines together are the original lines.
  for (let cut = 1; cut < units.parts.length; cut++) {
    const first = blockSource({ ...units, parts: units.parts.slice(0, cut) });
    const second = blockSource({ ...units, parts: units.parts.slice(cut) });
    expect(first.startsWith('```yaml\n') && first.endsWith('\n```')).toBe(true);
    expect(second.startsWith('```yaml\n') && second.endsWith('\n```')).toBe(true);
    expect([...first.split('\n').slice(1, -1), ...second.split('\n').slice(1, -1)]).toEqual(MANIFEST.split('\n').slice(1, -1));
  }
});

test('cuts in code are rated: a blank line, a YAML separator and the outermost indentation are natural places', async () => {
  const units = await unitsOf(block(MANIFEST), undefined);
  // Before each line: apiVersion, kind, metadata, name, spec, replicas, '', ---, apiVersion, kind.
  expect(units.cuts).toEqual([0, 1, 1, 0, 1, 0, 1, 1, 0, 1]);
});

test('a cut inside a multi-line string is avoided: highlight.js has a span open across the line break', async () => {
  const { default: hljs } = await import('highlight.js');
  const highlight = (code: string, language: string) => Promise.resolve(hljs.highlight(code, { language, ignoreIllegals: true }).value);
  const units = await unitsOf(block('```yaml\nscript: |\n  echo one\n  echo two\nafter: 1\n```'), highlight);
  expect(units.cuts).toEqual([0, -1, -1, 1]);
  expect(neutralLines('<span class="a">x\ny</span>\nz')).toEqual([true, false, true]);
});

test('the rows of a split table, each piece under the header, give the original rows', async () => {
  const header = '| resource | short name |\n|---|---|';
  const rows = ['| pods | po |', '| services | svc |', '| deployments | deploy |', '| persistentvolumeclaims | pvc |'];
  const units = await unitsOf(block(`${header}\n${rows.join('\n')}`), undefined);
  expect(units.kind).toBe('table');
  expect(units.parts).toEqual(rows);
  expect(blockSource({ ...units, parts: rows.slice(2) })).toBe(`${header}\n${rows.slice(2).join('\n')}`);
});

test('a paragraph is cut between sentences, never inside a code span, a link or after an abbreviation-like number', () => {
  const text =
    'A Pod is the smallest unit. Run `kubectl get pods -o wide. Then` look again! Is it [ready. Yes](https://kubernetes.io/docs/) it is?\nVersion 1.29 adds more. The end.';
  const parts = sentences(text);
  expect(parts.join('')).toBe(text);
  expect(parts).toEqual([
    'A Pod is the smallest unit. ',
    'Run `kubectl get pods -o wide. Then` look again! ',
    'Is it [ready. Yes](https://kubernetes.io/docs/) it is?\n',
    'Version 1.29 adds more. ',
    'The end.',
  ]);
});

test('what a block is, from its Markdown', () => {
  expect(blockKind(block(MANIFEST))).toBe('code');
  expect(blockKind(block('| a | b |\n|---|---|\n| 1 | 2 |'))).toBe('table');
  expect(blockKind(block('Some prose.'))).toBe('paragraph');
  expect(blockKind(block('## A subheading'))).toBe('subheading');
  expect(blockKind({ parts: ['- a', '- b'], joiner: '\n', at })).toBe('list');
  expect(blockKind(block('> a quote'))).toBe('other');
});
