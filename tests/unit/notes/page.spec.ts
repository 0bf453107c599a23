import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parsePage } from '../../../scripts/notes/page.ts';

// The seed page exactly as it was handed over: the parser must understand every construct of it.
const SEED = 'tests/fixtures/seed/statefulsets.md';
const seed = () => parsePage(SEED, readFileSync(SEED, 'utf8'));

test.describe('the notes parser on the unchanged seed', () => {
  test('reads the title from METADATA and finds no problem', () => {
    const { page, problems } = seed();
    expect(page.title).toBe('K8s StatefulSets');
    expect(page.name).toBe('statefulsets');
    expect(problems.list).toEqual([]);
  });

  test('finds both BACK links, top and bottom, with their lines', () => {
    const { page } = seed();
    expect(page.backLinks.map((b) => [b.target, b.at.line])).toEqual([
      ['volumes.html', 3],
      ['volumes.html', 47],
    ]);
  });

  test('finds the [TOC] marker and the two topics, the empty one included', () => {
    const { page } = seed();
    expect(page.toc).toBe(true);
    expect(page.topics.map((t) => [t.heading, t.at.line])).toEqual([
      ['K8s StatefulSets', 11],
      ['Deployment vs StatefulSet', 33],
    ]);
    expect(page.topics[1]!.blocks).toEqual([]);
  });

  test('reads each topic timestamp as label and seconds', () => {
    const { page } = seed();
    expect(page.topics.map((t) => t.timestamp && [t.timestamp.label, t.timestamp.seconds, t.timestamp.videoId])).toEqual([
      ['2:58:38', 10718, 'X48VuDVv0do'],
      ['3:01:58', 10918, 'X48VuDVv0do'],
    ]);
  });

  test('reads the floated picture as a right-hand column that ends at the clear paragraph', () => {
    const { page } = seed();
    const topic = page.topics[0]!;
    expect(topic.column).toEqual([expect.objectContaining({ src: 'pict/stateful_and_stateless_apps.png', column: true, at: expect.objectContaining({ line: 15 }) })]);
    expect(topic.blocks).toHaveLength(5);
    expect(topic.blocks.every((b) => b.besidePicture)).toBe(true);
    expect(topic.blocks[0]!.parts[0]).toMatch(/^__StatefulSet__ is used specifically/);
  });

  test('leaves no construct of the format in the text: rules, HTML, title, markers', () => {
    const { page } = seed();
    const text = page.topics.flatMap((t) => t.blocks.map((b) => b.parts.join(b.joiner))).join('\n');
    for (const construct of ['METADATA', '[TOC]', '[[BACK]', '-----', '<img', '<p style', 'font-size']) {
      expect(text, construct).not.toContain(construct);
    }
  });
});

test.describe('the notes parser on other pages', () => {
  const page = (source: string) => parsePage('notes/x.md', source);

  test('text after the clear paragraph is below the picture', () => {
    const { page: parsed } = page('<!--METADATA {"title": "T"} -->\n# A\n\n<img src="pict/a.png" style="float: right" />\n\nbeside\n\n<p style="clear: both;"></p>\n\nbelow\n');
    expect(parsed.topics[0]!.blocks.map((b) => [b.parts.join(b.joiner), b.besidePicture])).toEqual([
      ['beside', true],
      ['below', false],
    ]);
  });

  test('HTML comments in a topic are its presenter notes; METADATA is not one', () => {
    const { page: parsed } = page('<!--METADATA {"title": "T"} -->\n# A\n\ntext\n\n<!-- Say this. -->\n');
    expect(parsed.topics[0]!.notes).toEqual(['Say this.']);
    expect(parsed.topics[0]!.blocks.map((b) => b.parts.join(b.joiner))).toEqual(['text']);
  });

  test('HTML comments before the first topic are the title slide\'s presenter notes, in order', () => {
    const { page: parsed, problems } = page('<!--METADATA {"title": "T"} -->\n\n<!-- Welcome everyone. -->\n\n<!-- theme: gaia -->\n\n# A\n\n<!-- Say this. -->\n');
    expect(parsed.notes).toEqual(['Welcome everyone.', 'theme: gaia']);
    expect(parsed.topics[0]!.notes).toEqual(['Say this.']);
    expect(problems.list).toEqual([]);
  });

  test('a timestamp whose label and t disagree is an error at its line', () => {
    const { problems } = page('<!--METADATA {"title": "T"} -->\n\n# A\n\n[2:58:38](https://youtu.be/X48VuDVv0do?t=10000)\n');
    expect(problems.errors).toHaveLength(1);
    expect(problems.errors[0]).toMatchObject({ at: { file: 'notes/x.md', line: 5, col: 1 } });
    expect(problems.errors[0]!.message).toContain('2:58:38');
  });

  test('a label and a t one second or one minute apart, or in the same minute, are an error naming both', () => {
    // 2:58:38 is 10718 s (2 h, 58 min, 38 s): every other second is a disagreement.
    for (const t of [10717, 10719, 10700, 10659, 10778, 10658, 7118]) {
      const { page: parsed, problems } = page(`<!--METADATA {"title": "T"} -->\n\n# A\n\n[2:58:38](https://youtu.be/X48VuDVv0do?t=${t})\n`);
      expect(problems.errors, `t=${t}`).toHaveLength(1);
      expect(problems.errors[0]!.at, `t=${t}`).toEqual({ file: 'notes/x.md', line: 5, col: 1 });
      expect(problems.errors[0]!.message, `t=${t}`).toContain('2:58:38');
      expect(problems.errors[0]!.message, `t=${t}`).toContain(`t=${t}`);
      expect(parsed.topics[0]!.timestamp, `t=${t}`).toBeUndefined();
    }
    const { page: agreed, problems } = page('<!--METADATA {"title": "T"} -->\n\n# A\n\n[2:58:38](https://youtu.be/X48VuDVv0do?t=10718)\n');
    expect(problems.list).toEqual([]);
    expect(agreed.topics[0]!.timestamp).toMatchObject({ label: '2:58:38', seconds: 10718 });
  });

  test('a t written as 1h2m3s is accepted when it agrees with the label', () => {
    const { page: parsed, problems } = page('<!--METADATA {"title": "T"} -->\n# A\n\n[1:02:03](https://youtu.be/X48VuDVv0do?t=1h2m3s)\n');
    expect(problems.list).toEqual([]);
    expect(parsed.topics[0]!.timestamp?.seconds).toBe(3723);
  });

  test('CRLF line endings and a byte-order mark parse like plain LF', () => {
    const lf = page('<!--METADATA {"title": "T"} -->\n# A\n\n[2:18](https://youtu.be/X48VuDVv0do?t=138)\n\ntext\n');
    const crlf = page('\uFEFF<!--METADATA {"title": "T"} -->\r\n# A\r\n\r\n[2:18](https://youtu.be/X48VuDVv0do?t=138)\r\n\r\ntext\r\n');
    expect(crlf.page).toEqual(lf.page);
  });
});

test.describe('split points', () => {
  test('a list is one block whose parts are its items, nested lists staying with their item', () => {
    const { page } = parsePage('notes/x.md', '<!--METADATA {"title": "T"} -->\n# A\n\n- one\n- two\n  - two.a\n- three\n\n1. first\n\n2. second\n');
    const [bullets, numbers] = page.topics[0]!.blocks;
    expect(bullets!.parts).toEqual(['- one', '- two\n  - two.a', '- three']);
    expect(bullets!.joiner).toBe('\n');
    expect(numbers!.parts).toEqual(['1. first', '2. second']);
    expect(numbers!.joiner).toBe('\n\n');
  });

  test('paragraphs and code blocks are single parts', () => {
    const { page } = parsePage('notes/x.md', '<!--METADATA {"title": "T"} -->\n# A\n\npara\ngraph\n\n```yaml\na: 1\n\nb: 2\n```\n');
    expect(page.topics[0]!.blocks.map((b) => b.parts)).toEqual([['para\ngraph'], ['```yaml\na: 1\n\nb: 2\n```']]);
  });
});

test('METADATA with a trailing comma is an error at the JSON\'s own line and column, not a deck titled otherwise', () => {
  const { problems } = parsePage('notes/x.md', '<!--METADATA {\n  "title": "K8s Volumes",\n}\n-->\n\n# A topic\n');
  expect(problems.errors.map((p) => [p.at.line, p.at.col, p.message.split(':')[0]])).toEqual([[3, 1, 'METADATA is not valid JSON']]);
});
