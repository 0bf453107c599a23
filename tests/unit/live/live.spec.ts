// `npm start`: live preview while writing notes. The decks are served with a live-reload client that
// only the server adds; a save rebuilds what it touches and open pages reload on their slide; a broken
// save shows its problems over the last good deck.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { injectLiveClient, LIVE_PATH, OVERLAY_ID } from '../../../scripts/live/live-client.ts';
import { emptyPlan, isEmptyPlan, planSave, type RebuildPlan, type Save } from '../../../scripts/live/saves.ts';
import { spawnCommand } from '../../support/commands.ts';

/** What live reload puts in a page: the events endpoint, its client, or marp-cli's watch-mode socket. */
const LIVE_MARKERS = /__live|EventSource|WebSocket/;

const folders = { notesDir: '/c/notes', pictDir: '/c/pict', themeDir: '/p/theme' };
const plan = (...saves: Save[]): RebuildPlan => saves.reduce((p, save) => planSave(p, save, folders), emptyPlan());

test('a saved page rebuilds its deck; a page added or removed, or the course file, every deck', () => {
  expect(plan({ kind: 'change', path: '/c/notes/volumes.md' })).toEqual({ theme: false, all: false, pages: new Set(['volumes']), pictures: new Set() });
  expect(plan({ kind: 'add', path: '/c/notes/new.md' }).all).toBe(true);
  expect(plan({ kind: 'unlink', path: '/c/notes/volumes.md' }).all).toBe(true);
  expect(plan({ kind: 'change', path: '/c/notes/course.json' }).all).toBe(true);
});

test('a saved picture rebuilds the decks that show it; the theme, every deck with the theme read again', () => {
  expect(plan({ kind: 'change', path: '/c/pict/x.dot' }, { kind: 'add', path: '/c/pict/y.png' }).pictures).toEqual(new Set(['x.dot', 'y.png']));
  expect(plan({ kind: 'change', path: '/p/theme/course.css' })).toMatchObject({ theme: true, all: true });
});

test('editor leftovers and files of other folders rebuild nothing', () => {
  for (const path of ['/c/notes/.volumes.md.swp', '/c/notes/volumes.md~', '/c/notes/4913', '/c/notes/sub/x.md', '/p/theme/README', '/elsewhere/x.md']) {
    expect(isEmptyPlan(plan({ kind: 'change', path })), path).toBe(true);
  }
});

test('the client goes into the page, once, before </body>', () => {
  const page = injectLiveClient('<!DOCTYPE html><html><body><p>deck</p></body></html>');
  expect(page.match(/<script>/g)).toHaveLength(1);
  expect(page).toContain(LIVE_PATH);
  expect(page.indexOf('<script>')).toBeGreaterThan(page.indexOf('<p>deck</p>'));
  expect(page.endsWith('</script></body></html>')).toBe(true);
});

test('what `npm run build` wrote to dist/ has no live-reload script', () => {
  const pages = readdirSync('dist').filter((f) => f.endsWith('.html'));
  expect(pages).toEqual(expect.arrayContaining(['index.html', 'statefulsets.html', 'volumes.html']));
  for (const file of pages) expect(readFileSync(join('dist', file), 'utf8'), file).not.toMatch(LIVE_MARKERS);
});

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npm start` on a course folder of its own, until it watches. */
async function start(args: string[], port: number): Promise<Started> {
  const child = spawnCommand('start', [...args, '--port', String(port)], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((done) => child.on('exit', done));
  const stop = async () => {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  try {
    await expect.poll(() => output, { timeout: 90_000 }).toContain('Watching');
  } catch (error) {
    await stop();
    throw new Error(`npm start did not start:\n${output}`, { cause: error });
  }
  return { url: `http://127.0.0.1:${port}/`, output: () => output, stop };
}

/**
 * Counts, in a page, the live-reload events that reach it and the navigations it starts. Runs before
 * the page's scripts: the counter listens on the client's own event source, after the client's
 * listener, and a reload starts a navigation at once (the Navigation API's `navigate` event), so once
 * the count of events has grown, whether the page reloaded for that event is already known.
 */
function countLiveEvents(): void {
  const live = { events: 0, navigations: 0 };
  (window as unknown as { live: typeof live }).live = live;
  // Paging changes the address's #N (a navigation within the page): only a reload, or leaving the page, counts.
  (navigation as EventTarget).addEventListener('navigate', (event) => {
    const navigate = event as Event & { navigationType: string; destination: { sameDocument: boolean } };
    if (navigate.navigationType === 'reload' || !navigate.destination.sameDocument) live.navigations++;
  });
  const Source = window.EventSource;
  window.EventSource = class extends Source {
    constructor(...args: ConstructorParameters<typeof EventSource>) {
      super(...args);
      queueMicrotask(() => this.addEventListener('reload', () => live.events++));
    }
  };
}
const liveCounts = (page: Page) => page.evaluate(() => (window as unknown as { live: { events: number; navigations: number } }).live);

/** Marks the page's window: a reload forgets the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
/**
 * Whether the page's window still has the mark; undefined while the page is between two windows (a
 * reload under way destroys the one asked), so a poll asks again.
 */
const marked = (page: Page) => page.evaluate(() => (window as unknown as { mark?: number }).mark === 1).catch(betweenWindows);

function betweenWindows(error: Error): undefined {
  if (/Execution context was destroyed|navigation/i.test(error.message)) return undefined;
  throw error;
}

test('npm start: a save reloads the open deck on its slide, a broken save shows its file:line over the last good deck, a fix clears it', async ({ page, context }) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'live-'));
  const [notes, pict, out] = [join(root, 'notes'), join(root, 'pict'), join(root, 'dist')];
  cpSync('notes', notes, { recursive: true });
  cpSync('pict', pict, { recursive: true });
  const port = await freePort();
  const live = await start(['--notes', notes, '--pict', pict, '--slides', join(root, 'slides'), '--out', out], port);
  try {
    expect(live.output()).toContain(`${live.url}index.html`);
    expect(live.output()).toContain(`${live.url}statefulsets.html`);
    expect(live.output()).toContain(`${live.url}volumes.html`);

    const errors: string[] = [];
    const offsite: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    context.on('weberror', (error) => errors.push(error.error().message));
    context.on('request', (request) => {
      if (!request.url().startsWith(live.url)) offsite.push(request.url());
    });

    const file = join(notes, 'statefulsets.md');
    const good = readFileSync(file, 'utf8');
    await page.goto(`${live.url}statefulsets.html#4`);
    const heading = page.locator('svg.bespoke-marp-active > foreignObject > section h1');
    const before = (await heading.textContent())!.trim();
    const other = await context.newPage();
    await other.addInitScript(countLiveEvents);
    await other.goto(`${live.url}volumes.html#2`);
    await expect(other.locator('svg.bespoke-marp-active')).toBeVisible();
    await Promise.all([mark(page), mark(other)]);

    const edited = good.replace(`# ${before}\n`, `# ${before}, edited live\n`);
    expect(edited).not.toBe(good);
    await test.step('a save: the served deck changes, its open page reloads by itself on the same slide', async () => {
      writeFileSync(file, edited);
      await expect(heading).toHaveText(`${before}, edited live`, { timeout: 30_000 });
      expect(await marked(page)).toBe(false);
      expect(new URL(page.url()).hash).toBe('#4');
      expect(await page.locator('svg.bespoke-marp-active > foreignObject > section').getAttribute('id')).toBe('4');
      expect(await (await fetch(`${live.url}statefulsets.html`)).text()).toContain(`${before}, edited live`);
      // Another deck was not rebuilt: the reload event reached its page too, which did not reload.
      await expect.poll(async () => (await liveCounts(other)).events).toBeGreaterThan(0);
      expect((await liveCounts(other)).navigations).toBe(0);
      expect(await marked(other)).toBe(true);
      // The rebuild said what it did in the project's words, nothing of marp-cli's.
      await expect.poll(() => live.output()).toMatch(/Rebuilt /);
      expect(live.output()).not.toContain('[  INFO ]');
    });

    await test.step('a broken save: its problem at file:line over the last good deck', async () => {
      const stamp = /\?t=(\d+)\)/.exec(edited)!;
      const line = edited.slice(0, stamp.index).split('\n').length;
      writeFileSync(file, edited.replace(stamp[0], `?t=${Number(stamp[1]) + 60})`));
      const overlay = page.locator(`#${OVERLAY_ID}`);
      await expect(overlay).toBeVisible({ timeout: 30_000 });
      await expect(overlay).toContainText(`${resolve(file)}:${line}:`);
      await expect(overlay).toContainText(`but its link says t=${Number(stamp[1]) + 60}`);
      await expect(heading).toHaveText(`${before}, edited live`);
      expect(await (await fetch(`${live.url}statefulsets.html`)).text()).toContain(`${before}, edited live`);
      // Every open page shows it, and the terminal prints it.
      await expect(other.locator(`#${OVERLAY_ID}`)).toContainText(`statefulsets.md:${line}:`);
      expect(live.output()).toContain(`statefulsets.md:${line}:`);
    });

    await test.step('the next good save clears it', async () => {
      writeFileSync(file, edited.replace(`# ${before}, edited live\n`, `# ${before}, fixed\n`));
      await expect(heading).toHaveText(`${before}, fixed`, { timeout: 30_000 });
      await expect(page.locator(`#${OVERLAY_ID}`)).toHaveCount(0);
      await expect(other.locator(`#${OVERLAY_ID}`)).toHaveCount(0);
    });

    await test.step('a saved diagram is drawn again, and the decks that show it reload', async () => {
      await Promise.all([mark(page), mark(other)]);
      // The fix's reload event has reached the other page too: what comes next is the diagram's.
      await expect.poll(async () => (await liveCounts(other)).events).toBeGreaterThanOrEqual(2);
      const eventsBefore = (await liveCounts(other)).events;
      const picture = page.locator('svg.bespoke-marp-active > foreignObject > section img');
      const src = (await picture.getAttribute('src'))!;
      const dot = join(pict, src.replace(/^pict\//, '').replace(/\.svg$/, '.dot'));
      const label = /label="([^"\\]+)"/.exec(readFileSync(dot, 'utf8'))!;
      writeFileSync(dot, readFileSync(dot, 'utf8').replace(label[0], 'label="Redrawn live"'));
      await expect.poll(() => marked(page), { timeout: 30_000 }).toBe(false);
      expect(await (await fetch(`${live.url}${src}`)).text()).toContain('Redrawn live');
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth).catch(betweenWindows)).toBeGreaterThan(0);
      // The Volumes deck does not show the diagram: the reload event reached its page, which stayed.
      await expect.poll(async () => (await liveCounts(other)).events).toBeGreaterThan(eventsBefore);
      expect((await liveCounts(other)).navigations).toBe(0);
      expect(await marked(other)).toBe(true);
    });

    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    // Nothing of the live preview is written to disk: only the server adds its client.
    for (const name of readdirSync(out).filter((f) => f.endsWith('.html'))) expect(readFileSync(join(out, name), 'utf8'), name).not.toMatch(LIVE_MARKERS);
  } finally {
    await live.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
