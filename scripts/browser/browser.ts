// Finds a Chromium for the build, Playwright and Marp's PDF export, and launches it through Playwright
// for the verifier (the build drives its own through puppeteer-core: chromium.ts).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-flags.ts';
import { endOnSignals } from '../processes.ts';

export interface BrowserSearch {
  env: NodeJS.ProcessEnv;
  /** Playwright's own browser, when it was installed (`npx playwright install chromium`). */
  playwrightPath?: string | undefined;
  exists?: (path: string) => boolean;
  /**
   * Whether Chromium's headless shell may be chosen (default true). Everything the project does in a
   * browser — fitting, printing, checking, testing — is headless: the shell starts in about half the
   * time of the full browser and uses less CPU a page, with the same Blink, fonts and layout. What a
   * presenter sees (the bench's first-slide figures) is measured in the full browser.
   */
  shell?: boolean;
}

/**
 * Chromium's headless shell (Debian's `chromium-headless-shell` package; Chrome for Testing's
 * `chrome-headless-shell`). Debian's `/usr/bin/chromium-headless-shell` is a script that runs the binary
 * without `exec`: killing it would leave the browser running, so the binary itself is named.
 */
const SHELL_PATHS = ['/usr/lib/chromium/chromium-headless-shell'];
const SHELL_COMMANDS = ['chrome-headless-shell'];
const SYSTEM_PATHS = ['/usr/bin/chromium'];
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Whether `path` is a headless shell: puppeteer-core launches it as one (`--headless`, not `--headless=new`). */
export const isHeadlessShell = (path: string) => /headless[-_]shell(\.exe)?$/.test(path);

/**
 * In order: CHROME_PATH, Playwright's browser, the headless shell (unless `shell` is false), /usr/bin/chromium,
 * then chromium-browser or google-chrome on PATH.
 */
export function findBrowser({ env, playwrightPath, exists = existsSync, shell = true }: BrowserSearch): string | undefined {
  if (env.CHROME_PATH) return exists(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  if (playwrightPath && exists(playwrightPath)) return playwrightPath;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const onPath = (commands: string[]) => commands.flatMap((command) => dirs.map((dir) => join(dir, command)));
  const candidates = [...(shell ? [...SHELL_PATHS, ...onPath(SHELL_COMMANDS)] : []), ...SYSTEM_PATHS, ...onPath(COMMANDS)];
  return candidates.find((path) => exists(path));
}

export const NO_BROWSER_HINT = [
  'No Chromium found (looked at CHROME_PATH, Playwright\'s browser, chromium-headless-shell, /usr/bin/chromium, chromium-browser, google-chrome).',
  'Install one, then run the command again:',
  '  Debian/Ubuntu as root:  apt-get update && apt-get install -y chromium chromium-headless-shell',
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

/** The browser (the headless shell first, unless `shell` is false), or an error that says exactly what to run. */
export async function requireBrowser(env: NodeJS.ProcessEnv = process.env, { shell = true }: { shell?: boolean } = {}): Promise<string> {
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
  const path = findBrowser({ env, playwrightPath, shell });
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
  const launch = chromium.launch({ executablePath, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
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
