// Finds a Chromium for the build, Playwright and Marp's PDF export, and launches it through Playwright
// for the verifier (the build drives its own through puppeteer-core: chromium.ts).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from '@playwright/test';
import { QUIET_CHROMIUM_ARGS } from './quiet-flags.ts';
import { endOnSignals } from '../processes.ts';

export interface BrowserSearch {
  env: NodeJS.ProcessEnv;
  /** Playwright's own browser, when it was installed (`npx playwright install chromium`). */
  playwrightPath?: string | undefined;
  exists?: (path: string) => boolean;
}

const SYSTEM_PATHS = ['/usr/bin/chromium'];
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** In order: CHROME_PATH, Playwright's browser, /usr/bin/chromium, then chromium-browser or google-chrome on PATH. */
export function findBrowser({ env, playwrightPath, exists = existsSync }: BrowserSearch): string | undefined {
  if (env.CHROME_PATH) return exists(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  if (playwrightPath && exists(playwrightPath)) return playwrightPath;
  for (const path of SYSTEM_PATHS) if (exists(path)) return path;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const command of COMMANDS) {
    for (const dir of dirs) {
      const path = join(dir, command);
      if (exists(path)) return path;
    }
  }
  return undefined;
}

export const NO_BROWSER_HINT = [
  'No Chromium found (looked at CHROME_PATH, Playwright\'s browser, /usr/bin/chromium, chromium-browser, google-chrome).',
  'Install one, then run the command again:',
  '  Debian/Ubuntu as root:  apt-get update && apt-get install -y chromium',
  '  elsewhere:              npx playwright install chromium',
  '  or point to one:        export CHROME_PATH=/path/to/chrome',
].join('\n');

/**
 * Whether Playwright may have a browser of its own: its browser folder (Playwright's default, or
 * PLAYWRIGHT_BROWSERS_PATH) holds a Chromium, or it is somewhere only Playwright knows. Asking
 * Playwright means loading it (~0.3 s), which a build whose decks are all cached need not do.
 */
export function mayHavePlaywrightBrowser(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir(), list: (path: string) => string[] = (path) => readdirSync(path)): boolean {
  const custom = env.PLAYWRIGHT_BROWSERS_PATH;
  if (custom === '0') return true;
  const caches = platform === 'darwin' ? join(home, 'Library', 'Caches') : platform === 'win32' ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local')) : (env.XDG_CACHE_HOME ?? join(home, '.cache'));
  try {
    return list(custom || join(caches, 'ms-playwright')).some((entry) => entry.startsWith('chromium'));
  } catch {
    return false;
  }
}

/** The browser, or an error that says exactly what to run. */
export async function requireBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let playwrightPath: string | undefined;
  if (!env.CHROME_PATH && mayHavePlaywrightBrowser(env)) {
    try {
      const { chromium } = await import('@playwright/test');
      playwrightPath = chromium.executablePath();
    } catch {
      playwrightPath = undefined;
    }
  }
  if (env.CHROME_PATH && !existsSync(env.CHROME_PATH)) throw new Error(`CHROME_PATH=${env.CHROME_PATH} does not exist.\n${NO_BROWSER_HINT}`);
  const path = findBrowser({ env, playwrightPath });
  if (!path) throw new Error(NO_BROWSER_HINT);
  return path;
}

/** This process's launches of Chromium whose browser has not disconnected (or is still starting). */
const launches = new Set<Promise<Browser>>();

/**
 * Chromium, launched by Playwright (loaded here, when a browser is first needed): the verifier's.
 * Playwright's own signal handlers are off: on SIGTERM it closed Chromium and the verifier went on,
 * reporting every slide after as a fault and exiting 1. The command ends it (closeBrowsersOnSignals).
 */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  const launch = chromium.launch({ executablePath, args: QUIET_CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  launches.add(launch);
  launch.then(
    (browser) => browser.on('disconnected', () => launches.delete(launch)),
    () => launches.delete(launch),
  );
  return launch;
}

/**
 * Ctrl+C, SIGTERM or SIGHUP: every Chromium launched here is closed once started (Playwright removes
 * its profile and temporary files with it), nothing more is printed, and the process exits with the
 * signal's status (endOnSignals).
 */
export function closeBrowsersOnSignals(): void {
  endOnSignals(async () => {
    console.log = console.error = () => undefined;
    await Promise.all([...launches].map((launch) => launch.then((browser) => browser.close()).catch(() => undefined)));
  });
}
