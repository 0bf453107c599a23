// `postinstall`: makes sure a Chromium exists for Playwright and for Marp's PDF export.
// Playwright's own download does not work everywhere; Debian's `chromium` package does.
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { findBrowser, isHeadlessShell, NO_BROWSER_HINT } from './browser/browser.ts';

const found = (): string | undefined => findBrowser({ env: process.env, playwrightPath: chromium.executablePath() });

function run(command: string, args: string[]): boolean {
  console.log(`> ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

let browser = found();
if (!browser && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
  // The headless shell too: the build, the verifier and the tests start it in about half the time.
  console.log('No Chromium found: installing Debian\'s chromium and chromium-headless-shell packages.');
  if (run('apt-get', ['update'])) {
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium-headless-shell']);
  }
  browser = found();
}
if (!browser) {
  console.log('No Chromium found: trying Playwright\'s browser download.');
  run('npx', ['playwright', 'install', 'chromium']);
  browser = found();
}
if (!browser) {
  console.error(NO_BROWSER_HINT);
  process.exit(1);
}
console.log(`Chromium for tests and PDF export: ${browser}`);
if (!isHeadlessShell(browser) && !process.env.CHROME_PATH) {
  console.log('Builds and tests start faster with Chromium\'s headless shell (Debian: apt-get install chromium-headless-shell).');
}
