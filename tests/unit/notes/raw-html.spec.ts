import { expect, test } from '@playwright/test';
import { cleanMarkdown } from '../../../scripts/notes/clean-markdown.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { cleanHtml, isSafeUrl } from '../../../scripts/notes/raw-html.ts';

test.describe('raw HTML through the allowlist', () => {
  const cases: [string, string, string][] = [
    ['<script>alert(1)</script>', '', '<script>'],
    ['<iframe src="https://example.com"></iframe>', '', '<iframe>'],
    ['<style>p { color: red }</style>', '', '<style>'],
    ['<object data="x.swf"></object>', '', '<object>'],
    ['<span onclick="alert(1)">text</span>', '<span>text</span>', 'the event handler onclick'],
    // HTML separates attributes by any white space, not only a space.
    ['<span\tonclick="alert(1)">text</span>', '<span>text</span>', 'the event handler onclick (after a tab)'],
    ['<span\nonclick="alert(1)">text</span>', '<span>text</span>', 'the event handler onclick (after a newline)'],
    ['<span\ronclick="alert(1)">text</span>', '<span>text</span>', 'the event handler onclick (after a carriage return)'],
    ['<span\fonclick="alert(1)">text</span>', '<span>text</span>', 'the event handler onclick (after a form feed)'],
    // The same where the value has no parenthesis or entity, as in markup that needs no parsing.
    ['<b\tonclick="steal">bold</b>', '<b>bold</b>', 'the event handler onclick (after a tab, a plain value)'],
    ['<b\nonmouseover="steal">bold</b>', '<b>bold</b>', 'the event handler onmouseover (after a newline, a plain value)'],
    ['<b\ronclick="steal">bold</b>', '<b>bold</b>', 'the event handler onclick (after a carriage return, a plain value)'],
    ['<b\fonclick="steal">bold</b>', '<b>bold</b>', 'the event handler onclick (after a form feed, a plain value)'],
    ['<b/onclick="steal">bold</b>', '<b>bold</b>', 'the event handler onclick (after a slash)'],
    ['<img src="pict/x.svg"\t\nonerror\n=\n"alert(1)">', '<img src="pict/x.svg" />', 'the event handler onerror (spread over lines)'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>', 'a javascript: URL (in mixed case)'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>', 'a javascript: URL'],
    ['<a href="data:text/html,x">x</a>', '<a>x</a>', 'a data: URL'],
    ['<p style="background: url(https://example.com/x.png)">x</p>', '<p>x</p>', 'a CSS url()'],
    ['<img src="https://example.com/x.png" alt="x">', '<img alt="x" />', 'the picture https://example.com/x.png (pictures come from the picture folder)'],
    ['<img src="pict/x.svg" srcset="https://example.com/x.png 2x">', '<img src="pict/x.svg" />', 'a remote picture (srcset)'],
    ['<img src="&#x68;ttps://example.com/e.png">', '<img />', 'the picture https://example.com/e.png (pictures come from the picture folder)'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>', 'a javascript: URL'],
    ['<a href="java\tscript:alert(1)">x</a>', '<a>x</a>', 'a javascript: URL'],
    ['<img\tsrc="pict/x.svg"\nonerror="alert(1)">', '<img src="pict/x.svg" />', 'the event handler onerror'],
    ['<video poster="https://example.com/p.png"></video>', '', '<video>'],
    ['<svg><image xlink:href="https://example.com/x.png"/></svg>', '', '<svg>'],
    ['<span style="background: URL( https://example.com/x.png )">x</span>', '<span>x</span>', 'a CSS url()'],
    ['text <!-- _class: lead --> more', 'text  more', 'an HTML comment inside text (presenter notes are comments on lines of their own)'],
  ];
  for (const [html, clean, named] of cases) {
    test(`${named} is removed and named: ${JSON.stringify(html)}`, () => {
      const result = cleanHtml(html);
      expect(result.html).toBe(clean);
      // What is removed is named (`onclick`, `<script>`), however it was written.
      expect(result.removed.join(', ')).toContain(named.replace(/ \(.*\)$/, ''));
    });
  }

  test('harmless markup passes unchanged', () => {
    for (const html of ['<b>bold</b>', '<kbd>Ctrl</kbd>', '<br>', '<a href="https://kubernetes.io/">k8s</a>', '<img src="pict/x.svg" alt="x">']) {
      expect(cleanHtml(html).removed, html).toEqual([]);
    }
  });

  test('links may go to https, mailto, a slide or a file beside the deck; pictures only to files beside it', () => {
    expect(['https://kubernetes.io', 'mailto:a@b.c', '#3', 'volumes.html'].map((u) => isSafeUrl(u, 'link'))).toEqual([true, true, true, true]);
    expect(['http://x.com', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '//evil.com/x'].map((u) => isSafeUrl(u, 'link'))).toEqual([false, false, false, false, false]);
    expect(['pict/x.svg', 'https://x.com/x.png', 'data:image/png;base64,AA=='].map((u) => isSafeUrl(u, 'picture'))).toEqual([true, false, false]);
  });
});

test.describe('Markdown of a notes page through the allowlist', () => {
  test('unsafe links keep their text, remote pictures their alt text, code stays as written', () => {
    const source = 'A [plain](http://example.com/) link, ![p](https://example.com/p.png) and `<script>` in code.';
    const { markdown, removed } = cleanMarkdown(source);
    expect(markdown).toBe('A plain link, p and `<script>` in code.');
    expect(removed).toEqual(['the link to http://example.com/', 'the picture https://example.com/p.png (pictures come from the picture folder)']);
  });

  test('a target markdown-it never makes a link of stays text, and nothing is said removed', () => {
    const source = "A [bad](javascript:alert('x')) link.";
    expect(cleanMarkdown(source)).toEqual({ markdown: source, removed: [] });
  });

  test('reference-style pictures in a quote and a list, and entity-encoded addresses, are found and removed', () => {
    const cases = [
      '> ![remote][r]\n>\n> [r]: https://example.com/q.png',
      '- item\n- ![remote][r]\n\n[r]: https://example.com/l.png',
      '![remote](&#x68;ttps://example.com/e.png)',
      '- [remote](&#104;ttp://example.com/e)',
    ];
    expect(cases).toHaveLength(4);
    for (const source of cases) {
      const { markdown, removed } = cleanMarkdown(source);
      expect(markdown, source).not.toContain('example.com');
      expect(removed.length, source).toBeGreaterThan(0);
      expect(markdown, source).toContain('remote');
    }
  });

  test('harmless Markdown and HTML come through as written, with nothing said removed', () => {
    const source = '- a [link](https://kubernetes.io/) and ![p](pict/x.svg)\n- <b>bold</b> <kbd>Ctrl</kbd> [slide](#3)';
    expect(cleanMarkdown(source)).toEqual({ markdown: source, removed: [] });
  });

  test('the page parser warns at the line of each removal, and keeps the rest', () => {
    const { page, problems } = parsePage('notes/x.md', '<!--METADATA {"title": "T"} -->\n# A\n\nsafe\n\n<script>alert(1)</script>\n\n<b onclick="x()">bold</b>\n');
    expect(page.topics[0]!.blocks.map((b) => b.parts.join(''))).toEqual(['safe', '<b>bold</b>']);
    expect(problems.warnings.map((w) => w.at.line)).toEqual([6, 8]);
    expect(problems.warnings[0]!.message).toContain('<script>');
    expect(problems.warnings[1]!.message).toContain('onclick');
    expect(problems.warnings[1]!.message).not.toContain('<script>');
    expect(problems.errors).toEqual([]);
  });

  test('a picture from elsewhere is removed with a warning, not fetched', () => {
    const { page, problems } = parsePage('notes/x.md', '<!--METADATA {"title": "T"} -->\n# A\n\n<img src="https://example.com/x.png" style="float: right" onerror="alert(1)" />\n');
    expect(page.topics[0]!.column).toEqual([]);
    // One warning at the picture's line, naming the handler and the address.
    expect(problems.warnings.map((w) => w.at)).toEqual([{ file: 'notes/x.md', line: 4, col: 1 }]);
    expect(problems.warnings[0]!.message).toContain('onerror');
    expect(problems.warnings[0]!.message).toContain('https://example.com/x.png');
  });
});
