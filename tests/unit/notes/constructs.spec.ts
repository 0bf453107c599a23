// The notes format's constructs read into the page model: call-outs, task lists, marks, footnotes,
// pictures wherever they stand, diagrams written in the page.
import { expect, test } from '@playwright/test';
import { parsePage, type Topic } from '../../../scripts/notes/page.ts';

const topicOf = (body: string): { topic: Topic; warnings: string[] } => {
  const { page, problems } = parsePage('notes/x.md', `<!--METADATA {"title": "T"} -->\n\n# Topic\n\n${body}\n`);
  return { topic: page.topics[0]!, warnings: problems.warnings.map((p) => `${p.at.line}: ${p.message}`) };
};
const partsOf = (topic: Topic) => topic.blocks.flatMap((block) => block.parts);

test('a Python-Markdown admonition is a call-out box: its type, its title, its body as Markdown', () => {
  const { topic } = topicOf('!!! warning "Deleting a namespace"\n    Deleting a namespace deletes **every** resource inside it.\n\n    A second paragraph.');
  expect(partsOf(topic)).toEqual([
    '<div class="callout warning">\n<p class="callout-title">Deleting a namespace</p>\n\nDeleting a namespace deletes **every** resource inside it.\n\nA second paragraph.\n\n</div>',
  ]);
});

test('an admonition without a title is titled by its type; ??? and ???+ are shown open like !!!', () => {
  expect(partsOf(topicOf('!!! tip\n    Use labels.').topic)).toEqual(['<div class="callout tip">\n<p class="callout-title">Tip</p>\n\nUse labels.\n\n</div>']);
  expect(partsOf(topicOf('??? note "Why"\n    Pods are replaced.').topic)).toEqual(['<div class="callout note">\n<p class="callout-title">Why</p>\n\nPods are replaced.\n\n</div>']);
  expect(partsOf(topicOf('???+ danger "Careful"\n    It deletes.').topic)).toEqual(['<div class="callout danger">\n<p class="callout-title">Careful</p>\n\nIt deletes.\n\n</div>']);
});

test('a GitHub alert is a call-out box titled by its kind', () => {
  const { topic } = topicOf('> [!WARNING]\n> Secrets are only base64-encoded.\n> Enable encryption at rest.');
  expect(partsOf(topic)).toEqual(['<div class="callout warning">\n<p class="callout-title">Warning</p>\n\nSecrets are only base64-encoded.\nEnable encryption at rest.\n\n</div>']);
});

test('<details> is shown open: a box titled by its summary, its content as Markdown', () => {
  const { topic } = topicOf('<details>\n<summary>What does <b>apply</b> do?</summary>\n\nIt creates or **updates** the resource.\n\n</details>\n\nAfter.');
  expect(partsOf(topic)).toEqual(['<div class="callout example">\n<p class="callout-title">What does apply do?</p>\n\nIt creates or **updates** the resource.\n\n</div>', 'After.']);
});

test('call-outs nest, and their text keeps its constructs', () => {
  const { topic } = topicOf('!!! note "Outer"\n    - [x] done\n\n    > [!TIP]\n    > Inner ==marked==.');
  expect(partsOf(topic)).toEqual([
    '<div class="callout note">\n<p class="callout-title">Outer</p>\n\n- <span class="task done">☑</span> done\n\n<div class="callout tip">\n<p class="callout-title">Tip</p>\n\nInner <mark>marked</mark>.\n\n</div>\n\n</div>',
  ]);
});

test('task list items show their box; code keeps [x] and == as written', () => {
  const { topic } = topicOf('- [x] Install kubectl\n- [ ] Deploy `a==b==c`\n\n```\n- [x] code\n```');
  expect(partsOf(topic)).toEqual(['- <span class="task done">☑</span> Install kubectl', '- <span class="task">☐</span> Deploy `a==b==c`', '```\n- [x] code\n```']);
});

test('a footnote is shown at the bottom of the topic that refers to it, numbered in order of reference', () => {
  const { page, problems } = parsePage('notes/x.md', '<!--METADATA {"title": "T"} -->\n\n# A\n\nPods[^p] and nodes[^n].\n\n# B\n\nNo notes.\n\n[^n]: Nodes run Pods.\n[^p]: Pods hold containers.\n[^unused]: Never referred to.\n');
  expect(page.topics[0]!.blocks.flatMap((b) => b.parts)).toEqual([
    'Pods<sup class="footnote-ref">1</sup> and nodes<sup class="footnote-ref">2</sup>.',
    '<div class="footnotes">\n\n<sup>1</sup> Pods hold containers.\n\n<sup>2</sup> Nodes run Pods.\n\n</div>',
  ]);
  expect(page.topics[1]!.blocks.flatMap((b) => b.parts)).toEqual(['No notes.']);
  expect(problems.warnings.map((p) => `${p.at.line}: ${p.message}`)).toEqual(['13: the footnote [^unused] is referred to nowhere: it is left out']);
});

test('pictures: floated ones form the column, top to bottom; others stand in their place in the flow', () => {
  const { topic } = topicOf(
    '<img src="pict/a.png" alt="A" style="float: right;" />\n<img src="pict/b.png" alt="B" style="float: right;" />\n\nBeside.\n\n<p style="clear: both;"></p>\n\n![C](pict/c.png)\n\n<img src="pict/d.png" alt="D">\n\nBelow.',
  );
  expect(topic.column.map((p) => [p.src, p.alt, p.at.line])).toEqual([
    ['pict/a.png', 'A', 5],
    ['pict/b.png', 'B', 5],
  ]);
  expect(topic.blocks.map((b) => [b.besidePicture, b.figure?.src ?? b.parts.join('')])).toEqual([
    [true, 'Beside.'],
    [false, 'pict/c.png'],
    [false, 'pict/d.png'],
    [false, 'Below.'],
  ]);
});

test('pictures inside a list item or a sentence belong to their block, at their line', () => {
  const { topic } = topicOf('- A Pod: ![Pod](pict/pod.png)\n- A node: <img src="pict/node.svg" alt="Node">\n\nSee ![the cluster](pict/cluster.png) here.');
  expect(topic.blocks.map((b) => b.pictures.map((p) => [p.src, p.alt, p.at.line]))).toEqual([
    [
      ['pict/pod.png', 'Pod', 5],
      ['pict/node.svg', 'Node', 6],
    ],
    [['pict/cluster.png', 'the cluster', 8]],
  ]);
});

test('a ```dot or ```mermaid block is a diagram drawn in its place, its alt text from its comment line', () => {
  const { topic } = topicOf('```dot\n// alt: A Service and its Pods\ndigraph g { s -> p }\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n```yaml\nkind: Pod\n```');
  expect(topic.blocks.map((b) => [b.figure?.drawn?.language, b.figure?.alt, b.figure?.at.line])).toEqual([
    ['dot', 'A Service and its Pods', 6],
    ['mermaid', undefined, 11],
    [undefined, undefined, undefined],
  ]);
  expect(topic.blocks[0]!.figure!.drawn!.code).toBe('// alt: A Service and its Pods\ndigraph g { s -> p }\n');
});

test('subheadings stay headings of the topic', () => {
  expect(partsOf(topicOf('## Rolling updates\n\nText.\n\n### maxSurge').topic)).toEqual(['## Rolling updates', 'Text.', '### maxSurge']);
});

test('a construct of another Markdown dialect is shown as written, with a warning at its line', () => {
  const { warnings } = topicOf('::: tip\nA container.\n:::\n\n{: .wide }\n\n*[HTML]: Hyper Text Markup Language\n\n[[_TOC_]]');
  expect(warnings).toEqual([
    '5: a ::: container is not part of the notes format: the slide shows its text as written',
    '9: an attribute list is not part of the notes format: the slide shows its text as written',
    '11: an abbreviation is not part of the notes format: the slide shows its text as written',
    '13: a table of contents other than [TOC] is not part of the notes format: the slide shows its text as written',
  ]);
});
