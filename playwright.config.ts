import { chromium, defineConfig } from '@playwright/test';
import { findBrowser, NO_BROWSER_HINT } from './scripts/browser.ts';

/** The tests serve dist/ (built by `npm test` first) on this loopback port. */
export const PORT = Number(process.env.TEST_PORT ?? 4173);
const executablePath = findBrowser({ env: process.env, playwrightPath: chromium.executablePath() });
if (!executablePath) throw new Error(NO_BROWSER_HINT);

export default defineConfig({
  testDir: 'tests',
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath },
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    command: `tsx scripts/serve.ts dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  projects: [
    { name: 'unit', testDir: 'tests/unit' },
    { name: 'decks', testDir: 'tests/decks' },
  ],
});
