import { chromium, defineConfig } from '@playwright/test';
import { findBrowser, NO_BROWSER_HINT } from './scripts/browser/browser.ts';
import { CHROMIUM_ARGS } from './scripts/browser/chromium-flags.ts';

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
    // The tests' Chromium lays text out as the build's does and contacts no host but the decks' server (see chromium-flags.ts).
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    // Through node with tsx as its loader: the tsx command starts a second node process (~0.5 s more).
    command: `node --import tsx scripts/serve.ts dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  // One project for tests/decks/ and tests/unit/ (one folder alone: `npx playwright test tests/unit`):
  // each worker keeps its process and its Chromium for the whole run; a second project would start
  // both anew. Workers take the tests in file order, the decks first: their longest checks (the
  // verifier's) run mid-way, and the short unit tests end the run on both workers at once.
  projects: [{ name: 'chromium' }],
});
