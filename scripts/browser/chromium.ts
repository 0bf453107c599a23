// The build's Chromium — one per build session, for fitting the slides and printing the PDFs — driven
// through puppeteer-core, the library marp-cli drives Chromium with. It loads in less than a third of
// the time Playwright takes (~0.1 s against ~0.35 s, on every build that fits or prints) and answers
// each call sooner. Playwright stays where pages are tested: the tests and the verifier (browser.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { requireFromProject } from '../project.ts';

export type { Browser as Chromium, Page as ChromiumPage } from 'puppeteer-core';

/** Every slide is laid out at 1280×720, Marp's 16:9 size. */
const VIEWPORT = { width: 1280, height: 720 };
/**
 * Chromium's new headless mode is the whole browser without a window, and it still prepares the
 * address bar's suggestion popups, each a web page of its own (chrome://omnibox-popup.top-chrome/):
 * ~0.9 s of CPU in the first second, taken from the build on 2 cores. A headless build never shows them.
 */
const ARGS = ['--no-sandbox', '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'];

/** The blank tab each Chromium opens as it starts, until a page is asked for. */
const blankTabs = new WeakMap<Browser, Page>();
/** Each Chromium's profile folder, removed when it is closed. */
const profiles = new WeakMap<Browser, string>();

/** Chromium, headless, without sandbox (as Playwright launches it), pages sized as a slide. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  // Its CommonJS build: one file a module, loaded ~0.1 s sooner than its ES modules.
  const puppeteer = requireFromProject('puppeteer-core') as PuppeteerNode;
  // A profile folder of its own, which closeChromium removes: puppeteer-core removes the one it makes
  // once Chromium has exited, which a command that exits as soon as its work is done cuts short.
  const userDataDir = await mkdtemp(join(tmpdir(), 'course-decks-chromium-'));
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, defaultViewport: VIEWPORT, args: ARGS, userDataDir }).catch(async (error: unknown) => {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  });
  profiles.set(browser, userDataDir);
  const [blank] = await browser.pages();
  if (blank) blankTabs.set(browser, blank);
  return browser;
}

/**
 * A page of `browser`: first the blank tab it opened as it started, whose renderer started with
 * Chromium (a cold build opens its first page ~0.1 s sooner), then new ones.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const blank = blankTabs.get(browser);
  blankTabs.delete(browser);
  return blank ?? browser.newPage();
}

/**
 * Ends the build's Chromium and removes its profile. Its work is done (measurements taken, PDFs
 * returned), so it is killed, with its renderers (puppeteer-core starts it as the leader of its own
 * process group): asked to close, it would first save that profile (~0.12 s here, against ~0.03 s).
 * Its pages are not closed first: puppeteer-core keeps the process alive 0.1 s after a page closes,
 * waiting for a page that could replace it.
 */
export async function closeChromium(browser: Browser): Promise<void> {
  const chromium = browser.process();
  if (!chromium || chromium.exitCode !== null || chromium.signalCode !== null) await browser.close();
  else {
    const exited = new Promise((resolve) => chromium.once('exit', resolve));
    try {
      process.kill(-chromium.pid!, 'SIGKILL');
    } catch {
      chromium.kill('SIGKILL');
    }
    await exited;
  }
  const profile = profiles.get(browser);
  if (profile) await rm(profile, { recursive: true, force: true, maxRetries: 5 });
}
