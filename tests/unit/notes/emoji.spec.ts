// Emoji shortcodes where the build writes text itself (scripts/notes/emoji.ts): read as Marp reads them
// on a slide. The expected emoji are the GitHub shortcodes' (:rocket: is U+1F680 ROCKET, :tada: U+1F389
// PARTY POPPER, :+1: U+1F44D THUMBS UP SIGN); markdown-it-emoji's rule (Marp's) is that a name of its
// table between colons is a shortcode wherever it stands.
import { expect, test } from '@playwright/test';
import { withEmoji } from '../../../scripts/notes/emoji.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { plainText } from '../../../scripts/render/search-index.ts';

test('a shortcode in plain text is its emoji, inside a word too; a timestamp, an unknown name or a name of Object is not', () => {
  expect(withEmoji('Ship it :rocket:, then :tada: (:+1:)')).toBe('Ship it \u{1F680}, then \u{1F389} (\u{1F44D})');
  expect(withEmoji('Watch from 2:58:38')).toBe('Watch from 2:58:38');
  expect(withEmoji('a :not_an_emoji_name: here')).toBe('a :not_an_emoji_name: here');
  expect(withEmoji('a:rocket:b and :constructor: :toString:')).toBe('a\u{1F680}b and :constructor: :toString:');
  // An unknown name's closing colon opens the next shortcode; a known one's does not.
  expect(withEmoji(':nothing:rocket: :tada:fire:')).toBe(':nothing\u{1F680} \u{1F389}fire:');
  // Marp leaves out the text shortcuts (`:)`), and so does the build.
  expect(withEmoji('smile :)')).toBe('smile :)');
});

test('a METADATA title\'s shortcode is its emoji: the deck\'s title everywhere the build writes it', () => {
  const { page } = parsePage('notes/x.md', '<!--METADATA {"title": "K8s StatefulSets :tada:"} -->\n# A topic\n\nText.\n');
  expect(page.title).toBe('K8s StatefulSets \u{1F389}');
});

test('a search result shows a slide\'s shortcode as its emoji, and code as it is written', () => {
  expect(plainText('Ship it :rocket: with `:tada:`')).toBe('Ship it \u{1F680} with :tada:');
});

test('shortcodes read as Marp shows them on a slide, and search text as markdown-it-emoji\'s own rule reads it: in text, emphasis and links, not in code', async () => {
  const { Marp } = await import('@marp-team/marp-core');
  const marp = new Marp({ emoji: { shortcode: true, unicode: false }, math: false, script: false });
  for (const line of ['a:rocket:b, bold:+1: and x:tada:y', ':nothing:rocket: :tada:fire:', 'at 2:58:38 and 10:100:20', ':constructor: :+1::-1:']) {
    const shown = marp.render(line).html.replace(/<[^>]*>/g, '').trim();
    expect(withEmoji(line), line).toBe(shown);
  }
  const { full } = await import('markdown-it-emoji');
  const { default: MarkdownIt } = await import('markdown-it');
  const reference = new MarkdownIt({ html: false }).use(full, { shortcuts: {} });
  const samples = [
    'Ship it :rocket:, then *:tada:* and **bold:+1:** (:+1:)',
    'Watch from 2:58:38, a:rocket:b and :not_an_emoji_name:',
    '[a link :tada:](https://example.com) and <https://example.com/:tada:>',
    '`:tada:` and\n\n```\n:rocket:\n```\n\n- item :fire:\n- :100: percent',
    '> quote :wave:\n\n| a :smile: | b |\n|---|---|\n| :x: | `:x:` |',
  ];
  for (const sample of samples) {
    const text = reference
      .render(sample)
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
      .replace(/\s+/g, ' ')
      .trim();
    expect(plainText(sample), sample).toBe(text);
  }
});
