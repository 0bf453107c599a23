// Emoji shortcodes where the build writes text itself (scripts/notes/emoji.ts): read as Marp reads them
// on a slide. The expected emoji are the GitHub shortcodes' (:rocket: is U+1F680 ROCKET, :tada: U+1F389
// PARTY POPPER, :+1: U+1F44D THUMBS UP SIGN); markdown-it-emoji's rule is that a shortcode stands
// between white space or punctuation.
import { expect, test } from '@playwright/test';
import { withEmoji } from '../../../scripts/notes/emoji.ts';
import { parsePage } from '../../../scripts/notes/page.ts';
import { plainText } from '../../../scripts/render/search-index.ts';

test('a shortcode in plain text is its emoji; a timestamp, an unknown name or a shortcode inside a word is not', () => {
  expect(withEmoji('Ship it :rocket:, then :tada: (:+1:)')).toBe('Ship it \u{1F680}, then \u{1F389} (\u{1F44D})');
  expect(withEmoji('Watch from 2:58:38')).toBe('Watch from 2:58:38');
  expect(withEmoji('a :not_an_emoji_name: here')).toBe('a :not_an_emoji_name: here');
  expect(withEmoji('a:rocket:b')).toBe('a:rocket:b');
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
