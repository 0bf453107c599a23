// The build's Chromium — one per build session, for fitting the slides and printing the PDFs — driven
// through puppeteer-core, the library marp-cli drives Chromium with. It loads in less than a third of
// the time Playwright takes (~0.1 s against ~0.35 s, on every build that fits or prints) and answers
// each call sooner. Playwright stays where pages are tested: the tests and the verifier (browser.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './chromium-flags.ts';
import { isHeadlessShell } from './browser.ts';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { requireFromProject } from '../project.ts';
import { isRunning } from '../processes.ts';

export type { Browser as Chromium, Page as ChromiumPage } from 'puppeteer-core';

/** Every slide is laid out at 1280×720, Marp's 16:9 size. */
const VIEWPORT = { width: 1280, height: 720 };
// The project's flags: text laid out as on a screen, the address bar's drop-down pages not opened in every window (see chromium-flags.ts).
const ARGS = ['--no-sandbox', ...CHROMIUM_ARGS];
/** A profile folder names the process that made it: the next build removes those whose process is gone. */
const PROFILE_PREFIX = 'course-decks-chromium-';

/** The blank tab each Chromium opens as it starts, until a page is asked for. */
const blankTabs = new WeakMap<Browser, Page>();
/** Chromiums of this process that are running, with their profile folders: what a signal must end, and what closing one removes. */
const running = new Map<Browser, string>();
/** Profile folders made by this process and not yet removed. */
const made = new Set<string>();
/** Launches under way: a signal waits for them, then ends what they started. */
const launching = new Set<Promise<unknown>>();
/**
 * The profile folders of those launches: left alone until the launch settles, since a Chromium still
 * starting makes its profile folder again if it is removed under it, and then outlives its failed launch.
 */
const starting = new Set<string>();

/** Removes the profile folders of builds that were killed (their process is gone). */
async function removeLeftoverProfiles(): Promise<void> {
  for (const entry of await readdir(tmpdir()).catch(() => [])) {
    const pid = Number(new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(entry)?.[1]);
    if (pid > 0 && pid !== process.pid && !isRunning(pid)) await rm(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

/** Chromium, headless, without sandbox (as Playwright launches it), pages sized as a slide. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  // Its CommonJS build: one file a module, loaded ~0.1 s sooner than its ES modules.
  const puppeteer = requireFromProject('puppeteer-core') as PuppeteerNode;
  await removeLeftoverProfiles();
  // A profile folder of its own, which closeChromium removes: puppeteer-core removes the one it makes
  // once Chromium has exited, which a command that exits as soon as its work is done cuts short.
  // Made synchronously, and named in `made` in the same step: a signal handled between the folder's
  // making and its naming would leave it behind.
  let userDataDir: string;
  try {
    userDataDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Error(`cannot make Chromium's profile folder in the temporary folder ${tmpdir()} (${code ?? message}): set TMPDIR to a folder that exists and can be written`, { cause: error });
  }
  made.add(userDataDir);
  // Chromium's own temporary files (org.chromium.Chromium.*) go inside the profile, and with it.
  const temporary = join(userDataDir, 'tmp');
  mkdirSync(temporary);
  starting.add(userDataDir);
  const launch = puppeteer
    .launch({
      executablePath,
      headless: isHeadlessShell(executablePath) ? 'shell' : true,
      pipe: true,
      defaultViewport: VIEWPORT,
      args: ARGS,
      userDataDir,
      // A call's time grows with the deck (rendering 3,000 slides into the page, printing them): no
      // limit of puppeteer's (180 s) cuts a big deck short; a Chromium that dies ends its calls anyway.
      protocolTimeout: 0,
      env: { ...process.env, TMPDIR: temporary },
      // The commands end Chromium themselves on a signal (see endChromiumsNow): puppeteer-core's own
      // handlers would exit the process at once, before its profile is removed.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
    .then((started) => {
      starting.delete(userDataDir);
      running.set(started, userDataDir);
      return started;
    })
    .catch(async (error: unknown) => {
      starting.delete(userDataDir);
      await rm(userDataDir, { recursive: true, force: true });
      made.delete(userDataDir);
      throw error;
    });
  launching.add(launch);
  const browser = await launch.finally(() => launching.delete(launch));
  const [blank] = await browser.pages();
  if (blank) blankTabs.set(browser, blank);
  return browser;
}

/** Resolves once no Chromium of this process is still starting. */
export async function launchesSettled(): Promise<void> {
  await Promise.allSettled([...launching]);
}

/**
 * Ends every Chromium of this process and removes its profile, at once and synchronously: what a
 * command does on Ctrl+C or SIGTERM before it exits (a Chromium still starting: once it started, see
 * launchesSettled).
 */
export function endChromiumsNow(): void {
  for (const browser of running.keys()) {
    const pid = browser.process()?.pid;
    try {
      if (pid) process.kill(-pid, 'SIGKILL');
    } catch {
      browser.process()?.kill('SIGKILL');
    }
  }
  for (const profile of made) {
    if (starting.has(profile)) continue; // removed once its launch settles (see cleanUpOnSignals)
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    made.delete(profile);
  }
  running.clear();
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
  const profile = running.get(browser);
  running.delete(browser);
  if (profile) {
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
    made.delete(profile);
  }
}
