import { expect, test } from '@playwright/test';
import { findBrowser } from '../../scripts/browser.ts';

const only = (...paths: string[]) => (path: string) => paths.includes(path);

test('CHROME_PATH comes first', () => {
  const exists = only('/opt/chrome', '/usr/bin/chromium', '/pw/chrome');
  expect(findBrowser({ env: { CHROME_PATH: '/opt/chrome' }, playwrightPath: '/pw/chrome', exists })).toBe('/opt/chrome');
});

test('then Playwright\'s browser, then /usr/bin/chromium, then chromium-browser or google-chrome on PATH', () => {
  expect(findBrowser({ env: {}, playwrightPath: '/pw/chrome', exists: only('/pw/chrome', '/usr/bin/chromium') })).toBe('/pw/chrome');
  expect(findBrowser({ env: {}, playwrightPath: '/pw/chrome', exists: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  expect(findBrowser({ env: { PATH: '/a:/b' }, exists: only('/b/chromium-browser', '/a/google-chrome') })).toBe('/b/chromium-browser');
  expect(findBrowser({ env: { PATH: '/a:/b' }, exists: only('/a/google-chrome') })).toBe('/a/google-chrome');
});

test('nothing found is undefined, and a CHROME_PATH that does not exist is not silently replaced', () => {
  expect(findBrowser({ env: { PATH: '/a' }, exists: only() })).toBeUndefined();
  expect(findBrowser({ env: { CHROME_PATH: '/nope' }, exists: only('/usr/bin/chromium') })).toBeUndefined();
});
