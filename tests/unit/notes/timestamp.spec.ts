import { expect, test } from '@playwright/test';
import { formatTimeLabel, parseTimeLabel, parseTimeParameter, parseVideoLink, videoUrl } from '../../../scripts/notes/timestamp.ts';

test.describe('time labels', () => {
  test('H:MM:SS and M:SS become seconds', () => {
    expect(parseTimeLabel('2:58:38')).toBe(2 * 3600 + 58 * 60 + 38);
    expect(parseTimeLabel('3:01:58')).toBe(10918);
    expect(parseTimeLabel('22:29')).toBe(22 * 60 + 29);
    expect(parseTimeLabel('0:00')).toBe(0);
  });

  test('labels that are not times are refused', () => {
    for (const label of ['2:61:07', '2:58:60', '2:5:38', 'abc', '', '1:2', '2:58:38:00', '-1:00']) {
      expect(parseTimeLabel(label), label).toBeUndefined();
    }
  });

  test('formatting is the inverse of parsing', () => {
    for (const label of ['0:00', '2:18', '59:59', '1:00:00', '2:58:38', '10:00:01']) {
      expect(formatTimeLabel(parseTimeLabel(label)!)).toBe(label);
    }
  });
});

test.describe('the t parameter', () => {
  test('seconds, with or without s, and h/m/s forms', () => {
    expect(parseTimeParameter('10718')).toBe(10718);
    expect(parseTimeParameter('10718s')).toBe(10718);
    expect(parseTimeParameter('2h58m38s')).toBe(10718);
    expect(parseTimeParameter('1h2m3s')).toBe(3723);
    expect(parseTimeParameter('5m')).toBe(300);
  });

  test('anything else is not a time', () => {
    for (const t of ['', 'abc', '1h2x', '-5', '1.5']) expect(parseTimeParameter(t), t).toBeUndefined();
  });
});

test.describe('video links', () => {
  test('youtu.be and youtube.com links give the video id and t', () => {
    expect(parseVideoLink('https://youtu.be/X48VuDVv0do?t=10718')).toEqual({ videoId: 'X48VuDVv0do', t: '10718' });
    expect(parseVideoLink('https://www.youtube.com/watch?v=X48VuDVv0do&t=1h2m3s')).toEqual({ videoId: 'X48VuDVv0do', t: '1h2m3s' });
    expect(parseVideoLink('https://youtu.be/X48VuDVv0do')).toEqual({ videoId: 'X48VuDVv0do' });
  });

  test('other links are not video links', () => {
    for (const href of ['volumes.html', 'https://example.com/?t=5', 'javascript:alert(1)', 'https://youtu.be/']) {
      expect(parseVideoLink(href), href).toBeUndefined();
    }
  });

  test('the canonical link opens the video at the second', () => {
    expect(videoUrl('X48VuDVv0do', 10718)).toBe('https://youtu.be/X48VuDVv0do?t=10718');
  });
});
