// A call-out box read back into the blocks inside it, so that fitting cuts it as it cuts any block; the
// blocks, boxed again, give the box as the notes stage wrote it.
import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { blockSource } from '../../../scripts/deck/blocks.ts';
import { boxedMarkdown, calloutBlocks } from '../../../scripts/deck/callout-pieces.ts';
import type { Block } from '../../../scripts/deck/deck.ts';
import { parsePage } from '../../../scripts/notes/page.ts';

/** The blocks of a one-topic page, as the deck takes them from the page model. */
const blocksOf = (body: string): Block[] =>
  parsePage('notes/x.md', `<!--METADATA {"title": "T"} -->\n\n# Topic\n\n${body}\n`).page.topics[0]!.blocks.map((b) => ({ parts: b.parts, joiner: b.joiner, at: b.at }));

const PAGES = {
  admonition: '!!! warning "Deleting a namespace"\n    It deletes **every** resource.\n\n    - Pods\n    - Services\n    - Secrets\n\n    A last word.',
  loose: '!!! tip\n    - one\n\n    - two\n\n    - three',
  nested: '!!! note "Outer"\n    First.\n\n    > [!TIP]\n    > Inner.\n    >\n    > Second inner.\n\n    Last.',
  details: '<details>\n<summary>How?</summary>\n\nLike this:\n\n```sh\nkubectl apply -f a.yaml\nkubectl get pods\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n</details>',
  alert: '> [!WARNING]\n> Secrets are only base64-encoded.\n>\n> Enable encryption at rest.',
};

test('the blocks of a call-out, boxed again, give the box as the notes stage wrote it', () => {
  for (const [name, body] of Object.entries(PAGES)) {
    const [box] = blocksOf(body);
    const inner = calloutBlocks(box!);
    expect(inner, name).toBeDefined();
    expect(boxedMarkdown(inner!, blockSource), name).toEqual(box!.parts);
  }
});

test('a call-out is read into its paragraphs, list items, code, tables and nested boxes, each knowing its boxes', () => {
  const admonition = calloutBlocks(blocksOf(PAGES.admonition)[0]!)!;
  expect(admonition.map((b) => b.parts)).toEqual([['It deletes **every** resource.'], ['- Pods', '- Services', '- Secrets'], ['A last word.']]);
  expect(admonition.every((b) => b.callout?.length === 1 && b.callout[0]!.style === 'warning' && b.callout[0]!.title === '<p class="callout-title">Deleting a namespace</p>')).toBe(true);
  expect(calloutBlocks(blocksOf(PAGES.loose)[0]!)!.map((b) => [b.parts, b.joiner])).toEqual([[['- one', '- two', '- three'], '\n\n']]);

  const nested = calloutBlocks(blocksOf(PAGES.nested)[0]!)!;
  expect(nested.map((b) => [b.parts.join(''), b.callout!.map((frame) => frame.style).join(' > ')])).toEqual([
    ['First.', 'note'],
    ['Inner.', 'note > tip'],
    ['Second inner.', 'note > tip'],
    ['Last.', 'note'],
  ]);
  expect(nested[1]!.callout![1]!.id).not.toBe(nested[0]!.callout![0]!.id);

  const details = calloutBlocks(blocksOf(PAGES.details)[0]!)!;
  expect(details.map((b) => b.parts[0]!.split('\n')[0])).toEqual(['Like this:', '```sh', '| a | b |']);
  // Blocks that are no call-out are left to the other cuts.
  expect(calloutBlocks(blocksOf('A paragraph. And another one.')[0]!)).toBeUndefined();
  expect(calloutBlocks(blocksOf('!!! note "Empty"')[0]!)).toBeUndefined();
});

test('a piece of a box that goes on says so: "(continued)" after the title, and the cut edges as classes', () => {
  const inner = calloutBlocks(blocksOf(PAGES.admonition)[0]!)!;
  const mark = (block: Block, continued: boolean, continues: boolean): Block => ({ ...block, callout: block.callout!.map((frame) => ({ ...frame, continued, continues })) });
  expect(boxedMarkdown([mark(inner[0]!, false, true)], blockSource)).toEqual([
    '<div class="callout warning continues">\n<p class="callout-title">Deleting a namespace</p>\n\nIt deletes **every** resource.\n\n</div>',
  ]);
  expect(boxedMarkdown([mark(inner[1]!, true, false), mark(inner[2]!, true, false)], blockSource)).toEqual([
    '<div class="callout warning continued">\n<p class="callout-title">Deleting a namespace (continued)</p>\n\n- Pods\n- Services\n- Secrets\n\nA last word.\n\n</div>',
  ]);
});

test('property: any call-out read into its blocks and boxed again shows as the box as written', async () => {
  const { default: fc } = await import('fast-check');
  const { default: MarkdownIt } = await import('markdown-it');
  const html = (markdown: string) => new MarkdownIt({ html: true }).render(markdown);
  const inner = fc.constantFrom(
    'A sentence. And a second one.',
    '- one\n- two\n  - nested\n- three',
    '1. first\n2. second',
    '- loose one\n\n- loose two',
    '```yaml\na: 1\n\nb: 2\n```',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '## A subheading',
    '<div>\n\nraw **HTML** block\n\n</div>',
    '    indented code',
    '> a quote\n>\n> on two paragraphs',
    '- [x] done\n- [ ] to do',
    'Text with a footnote[^1] and ==a mark==.',
  );
  const indent = (text: string, prefix: string) => text.split('\n').map((line) => (line ? prefix + line : line.trimEnd() || (prefix.trim() ? prefix.trimEnd() : ''))).join('\n');
  const box = (body: string[], kind: number, nested: string | undefined): string => {
    const all = nested ? [...body, nested] : body;
    const text = all.join('\n\n');
    if (kind === 0) return `!!! warning "Title"\n${indent(text, '    ')}`;
    if (kind === 1) return `> [!NOTE]\n${indent(text, '> ')}`;
    return `<details>\n<summary>Summary</summary>\n\n${text}\n\n</details>`;
  };
  fc.assert(
    fc.property(fc.array(inner, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 }), fc.option(fc.tuple(fc.array(inner, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 1 }))), (body, kind, nested) => {
      const source = box(body, kind, nested ? box(nested[0], nested[1], undefined) : undefined);
      const [block] = blocksOf(source);
      // node's assert, not `expect`, inside the property (see properties.spec.ts); the box's source is
      // added to a failure's message.
      try {
        const blocks = calloutBlocks(block!);
        assert.ok(blocks, 'the box is read into blocks');
        // Two lists written one after the other are one list: written again, its items are joined alike.
        assert.equal(html(boxedMarkdown(blocks, blockSource).join('\n\n')), html(block!.parts[0]!));
        // Each block is whole, so a cut between any two leaves every piece's HTML closed; a nested box's blocks know both boxes.
        for (const inside of blocks) assert.equal((blockSource(inside).match(/<div\b/g) ?? []).length, (blockSource(inside).match(/<\/div>/g) ?? []).length, blockSource(inside));
        assert.equal(blocks.some((inside) => inside.callout!.length === 2), nested !== null);
      } catch (error) {
        (error as Error).message += `\nin the box:\n${source}`;
        throw error;
      }
    }),
    { numRuns: 300 },
  );
});
