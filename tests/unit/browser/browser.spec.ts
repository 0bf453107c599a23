import { expect, test } from '@playwright/test';
import { findBrowser, isHeadlessShell, mayHavePlaywrightBrowser } from '../../../scripts/browser/browser.ts';

const only = (...paths: string[]) => (path: string) => paths.includes(path);

test('CHROME_PATH comes first', () => {
  const exists = only('/opt/chrome', '/usr/bin/chromium', '/pw/chrome');
  expect(findBrowser({ env: { CHROME_PATH: '/opt/chrome' }, playwrightPath: '/pw/chrome', exists })).toBe('/opt/chrome');
});

test('then Playwright\'s browser, then /usr/bin/chromium, then chromium-browser or google-chrome on PATH (no headless shell here)', () => {
  expect(findBrowser({ env: {}, playwrightPath: '/pw/chrome', exists: only('/pw/chrome', '/usr/bin/chromium') })).toBe('/pw/chrome');
  expect(findBrowser({ env: {}, playwrightPath: '/pw/chrome', exists: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  expect(findBrowser({ env: { PATH: '/a:/b' }, exists: only('/b/chromium-browser', '/a/google-chrome') })).toBe('/b/chromium-browser');
  expect(findBrowser({ env: { PATH: '/a:/b' }, exists: only('/a/google-chrome') })).toBe('/a/google-chrome');
});

test('the headless shell before the full browser: Debian\'s binary (not its wrapper script), or chrome-headless-shell on PATH; never when the full browser is asked for', () => {
  const shell = '/usr/lib/chromium/chromium-headless-shell';
  expect(findBrowser({ env: {}, exists: only(shell, '/usr/bin/chromium') })).toBe(shell);
  expect(findBrowser({ env: {}, exists: only('/usr/bin/chromium-headless-shell', '/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  expect(findBrowser({ env: { PATH: '/a:/b' }, exists: only('/b/chrome-headless-shell', '/a/chromium') })).toBe('/b/chrome-headless-shell');
  expect(findBrowser({ env: {}, exists: only(shell, '/usr/bin/chromium'), shell: false })).toBe('/usr/bin/chromium');
  expect(findBrowser({ env: { PATH: '/b' }, exists: only('/b/chrome-headless-shell'), shell: false })).toBeUndefined();
  // CHROME_PATH and Playwright's own browser still come first.
  expect(findBrowser({ env: { CHROME_PATH: '/opt/chrome' }, exists: only('/opt/chrome', shell) })).toBe('/opt/chrome');
  expect(findBrowser({ env: {}, playwrightPath: '/pw/chrome', exists: only('/pw/chrome', shell) })).toBe('/pw/chrome');
});

test('a headless shell is told by its name', () => {
  expect(['/usr/lib/chromium/chromium-headless-shell', '/x/chrome-headless-shell', 'C:\\pw\\chrome-headless-shell.exe', '/pw/chromium_headless_shell-1200/chrome-linux/headless_shell'].map(isHeadlessShell)).toEqual([true, true, true, true]);
  expect(['/usr/bin/chromium', '/opt/google/chrome/chrome', '/x/headless-shell-notes/chromium'].map(isHeadlessShell)).toEqual([false, false, false]);
});

test('nothing found is undefined, and a CHROME_PATH that does not exist is not silently replaced', () => {
  expect(findBrowser({ env: { PATH: '/a' }, exists: only() })).toBeUndefined();
  expect(findBrowser({ env: { CHROME_PATH: '/nope' }, exists: only('/usr/bin/chromium') })).toBeUndefined();
});

test('Playwright is asked for its browser only when its browser folder holds a Chromium, or is its own package', () => {
  const folders = (tree: Record<string, string[]>) => (path: string) => {
    if (!tree[path]) throw new Error(`ENOENT: ${path}`);
    return tree[path];
  };
  const linux = folders({ '/home/u/.cache/ms-playwright': ['chromium-1200', 'ffmpeg-1011'], '/x/ms-playwright': ['ffmpeg-1011'] });
  expect(mayHavePlaywrightBrowser({}, 'linux', '/home/u', linux)).toBe(true);
  expect(mayHavePlaywrightBrowser({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u', linux)).toBe(false);
  expect(mayHavePlaywrightBrowser({}, 'linux', '/home/v', linux)).toBe(false);
  expect(mayHavePlaywrightBrowser({ PLAYWRIGHT_BROWSERS_PATH: '/home/u/.cache/ms-playwright' }, 'linux', '/home/v', linux)).toBe(true);
  expect(mayHavePlaywrightBrowser({ PLAYWRIGHT_BROWSERS_PATH: '0' }, 'linux', '/home/v', linux)).toBe(true);
  expect(mayHavePlaywrightBrowser({}, 'darwin', '/Users/u', folders({ '/Users/u/Library/Caches/ms-playwright': ['chromium_headless_shell-1200'] }))).toBe(true);
});
