// Presenter notes reflowed: the source's hard line breaks go, paragraphs and list items stay.
import { expect, test } from '@playwright/test';
import { reflowNotes } from '../../../scripts/notes/reflow.ts';
import { parsePage } from '../../../scripts/notes/page.ts';

test('lines of one paragraph are joined with a space', () => {
  expect(reflowNotes('Ask the room. Those\nare the stateful ones.')).toBe('Ask the room. Those are the stateful ones.');
});

test('a blank line stays a paragraph break, however many blank lines or spaces', () => {
  expect(reflowNotes('First one\ngoes on.\n\n  \nSecond\n  one.')).toBe('First one goes on.\n\nSecond one.');
});

test('a list item starts its own line; its wrapped lines join it', () => {
  expect(reflowNotes('Three steps:\n- create\n  the claim\n- mount it\n1. then check')).toBe('Three steps:\n- create the claim\n- mount it\n1. then check');
});

test('a note of one line is unchanged, and an empty note stays empty', () => {
  expect(reflowNotes('Say this.')).toBe('Say this.');
  expect(reflowNotes('\n \n')).toBe('');
});

test('a parsed page keeps its notes reflowed', () => {
  const source = '<!--METADATA {"title": "T"} -->\n\n# Topic\n\nText.\n\n<!--\nThose\nare the stateful ones.\n\nNext paragraph.\n-->\n';
  const { page } = parsePage('notes/t.md', source);
  expect(page?.topics[0]?.notes).toEqual(['Those are the stateful ones.\n\nNext paragraph.']);
});
