// The bench's arithmetic: a comparison of two commands taken in turn is the median of each round's
// ratio, so a machine that slows between rounds moves both of a pair alike.
import { expect, test } from '@playwright/test';
import { median, pairedRatio } from '../../../scripts/bench/runs.ts';

test('a comparison is the median of the rounds\' ratios, whatever the machine\'s speed did between rounds', () => {
  // Ours takes 0.9 of stock's time in every round; the machine is twice as slow in the third round and
  // four times in the fourth.
  const stock = [1, 1.5, 2, 4, 3];
  const ours = stock.map((seconds) => seconds * 0.9);
  expect(pairedRatio(ours, stock).value).toBeCloseTo(0.9, 10);
  // One slow run of ours (a neighbour's job) moves the median of the ratios not at all; the ratio of
  // the medians would be 2.7 / 2 = 1.35.
  const slow = [...ours];
  slow[1] = 3;
  const { value, ratios } = pairedRatio(slow, stock);
  expect(ratios).toHaveLength(5);
  expect(value).toBeCloseTo(0.9, 10);
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 2, 3])).toBe(2.5);
});

test('runs of two commands that were not taken in the same rounds are no comparison', () => {
  expect(() => pairedRatio([1, 2, 3], [1, 2])).toThrow(/paired runs: 3 against 2/);
});
