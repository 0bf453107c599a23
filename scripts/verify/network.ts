// Watches everything a deck's pages ask for: requests that would leave the served folder (aborted here,
// so they never reach the network), failed requests, answers with status >= 400 (from the server's own
// log), console errors and uncaught exceptions.
import type { BrowserContext, Page } from '@playwright/test';
import { fault, type Fault, type SlidePlace } from './fault.ts';
import type { Served } from './server.ts';

export class NetworkWatch {
  /** Off-site URLs, aborted, in the order asked. */
  readonly offsite = new Set<string>();
  readonly failed = new Map<string, string>();
  readonly consoleErrors: { text: string; url: string }[] = [];
  readonly pageErrors: string[] = [];

  private constructor(private readonly origin: string) {}

  /** Watches the pages of `contexts` (a deck's checks run in several at once). */
  static async attach(contexts: BrowserContext[], origin: string): Promise<NetworkWatch> {
    const watch = new NetworkWatch(origin);
    for (const context of contexts) await watch.watch(context);
    return watch;
  }

  private async watch(context: BrowserContext): Promise<void> {
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (this.isLocal(url)) return route.continue();
      this.offsite.add(url);
      return route.abort('blockedbyclient');
    });
    context.on('requestfailed', (request) => {
      const url = request.url();
      const error = request.failure()?.errorText ?? 'failed';
      // ERR_ABORTED: the browser dropped the request itself (the page was left while it loaded).
      if (!this.offsite.has(url) && error !== 'net::ERR_ABORTED') this.failed.set(url, error);
    });
    context.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push({ text: message.text(), url: message.location().url });
    });
    context.on('weberror', (error) => this.pageErrors.push(error.error().message));
  }

  isLocal(url: string): boolean {
    try {
      const { origin, protocol } = new URL(url);
      return origin === this.origin || protocol === 'data:' || protocol === 'blob:';
    } catch {
      return false;
    }
  }
}

/**
 * The page's icon, asked for as the browser would: each `<link rel="icon">`, or `/favicon.ico` when the
 * page names none. Chromium fetches icons itself, outside the page, and not at all while requests are
 * routed (as they are here, to block off-site ones): so the verifier asks the server for them. The
 * answer lands in the server's log like any other; an off-site icon counts as an off-site request.
 */
export async function askForIcons(page: Page, watch: NetworkWatch): Promise<void> {
  const declared = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon" i]')].map((link) => link.href));
  const icons = declared.length > 0 ? declared : [new URL('/favicon.ico', page.url()).href];
  for (const url of icons) {
    if (!watch.isLocal(url)) watch.offsite.add(url);
    else if (url.startsWith('http')) await fetch(url).then((response) => response.arrayBuffer(), () => undefined);
  }
}

/** Answers with status >= 400 from the server's log, by absolute URL. */
export function badStatuses(served: Served): Map<string, number> {
  const bad = new Map<string, number>();
  for (const { path, status } of served.log) if (status >= 400) bad.set(`${served.origin}${path}`, status);
  return bad;
}

export interface NetworkFaultOptions {
  file: string;
  served: Served;
  /** URLs another check already reported (a picture that did not load): no second fault for them. */
  claimed: Set<string>;
  /** The slide whose element names this URL, if one does. */
  placeOf: (url: string) => SlidePlace | undefined;
}

export function networkFaults(watch: NetworkWatch, { file, served, claimed, placeOf }: NetworkFaultOptions): Fault[] {
  const faults: Fault[] = [];
  const path = (url: string) => (url.startsWith(served.origin) ? url.slice(served.origin.length) : url);
  const bad = badStatuses(served);
  for (const url of watch.offsite) {
    faults.push(fault(file, 'network', `off-site request to ${url} (blocked; only the served folder may be asked)`, placeOf(url)));
  }
  for (const [url, status] of bad) {
    if (claimed.has(url)) continue;
    const hint = path(url) === '/favicon.ico' ? ' (the browser asks for it because the page names no icon: <link rel="icon">)' : '';
    faults.push(fault(file, 'network', `GET ${path(url)} answered ${status}${hint}`, placeOf(url)));
  }
  for (const [url, error] of watch.failed) {
    if (!claimed.has(url) && !bad.has(url)) faults.push(fault(file, 'network', `request for ${path(url)} failed: ${error}`, placeOf(url)));
  }
  const reported = new Set([...watch.offsite, ...bad.keys(), ...watch.failed.keys()]);
  for (const { text, url } of watch.consoleErrors) {
    // The browser echoes each failed load as a console error: already reported above.
    if (text.startsWith('Failed to load resource') && reported.has(url)) continue;
    faults.push(fault(file, 'console', `console error: ${text}${url ? ` (${path(url)})` : ''}`));
  }
  for (const message of watch.pageErrors) faults.push(fault(file, 'console', `uncaught error: ${message}`));
  return faults;
}
