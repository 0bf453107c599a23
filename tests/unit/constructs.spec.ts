// Every construct of the notes format, alone and mixed in one realistic page (tests/fixtures/constructs/),
// built with --strict and shown in Chromium: its text visible on a slide, pictures loaded, call-outs
// styled, diagrams drawn as SVG.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sirv from 'sirv';
import { courseFolder, run, type Finished } from '../support/commands.ts';

const FIXTURE = 'tests/fixtures/constructs';
// One build for the file (on a loaded 2-core machine it may take minutes): the tests take turns in one worker.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

let built: Finished;
let out: string;
let server: Server;
let origin: string;

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'constructs-'));
  built = await run('cli', [...courseFolder(FIXTURE, out), '--pict', join(FIXTURE, 'pict'), '--no-pdf', '--strict']);
  server = createServer(sirv(join(out, 'dist'), { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(() => {
  server?.close();
});

const active = (page: Page) => page.locator('svg.bespoke-marp-active > foreignObject > section');

/** Opens the deck on the first slide whose text holds `text`, and returns that slide. */
async function slideWith(page: Page, deck: string, text: string) {
  await page.goto(`${origin}/${deck}.html`);
  const texts = await page.locator('svg[data-marpit-svg] > foreignObject > section').evaluateAll((sections) => sections.map((s) => s.textContent ?? ''));
  const index = texts.findIndex((t) => t.includes(text));
  expect(index, `"${text}" is on a slide of ${deck}`).toBeGreaterThanOrEqual(0);
  await page.goto(`${origin}/${deck}.html#${index + 1}`);
  await expect(active(page)).toHaveAttribute('id', String(index + 1));
  return active(page);
}

test('the course builds with --strict: no construct left out, no warning', () => {
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toContain('warning');
});

// The text of every construct, as the fixture pages write it, each visible on a slide.
const SHOWN: [deck: string, text: string][] = [
  ['callouts', 'Labels select Pods'],
  ['callouts', 'A Service finds its Pods by their labels, not by their names.'],
  ['callouts', 'Deleting a namespace deletes every resource inside it.'],
  ['callouts', 'A Pod is not rescheduled: its controller creates a new Pod in its place.'],
  ['callouts', 'A readiness probe keeps a Pod out of its Service until the Pod is ready.'],
  ['callouts', 'A ClusterIP Service is reachable only from inside the cluster.'],
  ['callouts', 'Secrets are only base64-encoded by default, not encrypted.'],
  ['callouts', 'What does kubectl apply do?'],
  ['callouts', 'It creates the resource, or updates it to match the file.'],
  ['inline', 'Install kubectl'],
  ['inline', 'Deploy the first app'],
  ['inline', 'once the Pods are ready.'],
  ['inline', 'Each revision of a Deployment has a ReplicaSet of its own.'],
  ['inline', 'Controllers write the status; users write the spec.'],
  ['inline', 'Rolling updates'],
  ['inline', 'How many Pods may be unavailable during the update.'],
  ['pictures', 'When a Pod dies, the ReplicaSet creates a new one.'],
  ['kubernetes', 'When a Pod dies, it is not brought back'],
  ['kubernetes', 'Resource limits set'],
  ['kubernetes', 'goes back to the previous revision.'],
  ['kubernetes', 'its traffic goes nowhere.'],
  ['kubernetes', 'Containers of one Pod reach each other on'],
];

test('the text of every construct is visible on its slide', async ({ page }) => {
  for (const [deck, text] of SHOWN) {
    const slide = await slideWith(page, deck, text);
    await expect(slide.getByText(text, { exact: false }).first(), `${deck}: ${text}`).toBeVisible();
  }
});

test('every picture of every deck is loaded, floated, in the flow or in a list', async ({ page }) => {
  const expected = { pictures: 6, kubernetes: 4, diagrams: 3 };
  for (const [deck, count] of Object.entries(expected)) {
    await page.goto(`${origin}/${deck}.html`);
    const slides = await page.locator('svg[data-marpit-svg]').count();
    const sources: string[] = [];
    for (let n = 1; n <= slides; n++) {
      await page.goto(`${origin}/${deck}.html#${n}`);
      const images = active(page).locator('img');
      for (const image of await images.all()) {
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { message: `${deck} #${n}` }).toBe(true);
        sources.push((await image.getAttribute('src'))!);
      }
    }
    expect(sources, deck).toHaveLength(count);
  }
});

test('two floated pictures stack in the right-hand column', async ({ page }) => {
  const slide = await slideWith(page, 'pictures', 'Pods run on worker nodes.');
  const boxes = await slide.locator('div.columns > div.picture img').evaluateAll((images) => images.map((i) => i.getBoundingClientRect().toJSON() as DOMRect));
  expect(boxes).toHaveLength(2);
  expect(boxes[1]!.top).toBeGreaterThanOrEqual(boxes[0]!.bottom);
  const text = await slide.locator('div.columns > div.text').boundingBox();
  expect(boxes[0]!.left).toBeGreaterThan(text!.x + text!.width);
});

test('a picture standing alone stays in its place between the paragraphs', async ({ page }) => {
  const slide = await slideWith(page, 'pictures', 'ReplicaSets keep a number');
  const before = await slide.getByText('ReplicaSets keep a number').boundingBox();
  const picture = await slide.getByAltText('A ReplicaSet keeping three replicas').boundingBox();
  const after = await slide.getByText('When a Pod dies').boundingBox();
  expect(picture!.y).toBeGreaterThanOrEqual(before!.y + before!.height);
  expect(after!.y).toBeGreaterThanOrEqual(picture!.y + picture!.height);
});

test('call-outs are boxes styled by their kind, with their title in bold', async ({ page }) => {
  const slide = await slideWith(page, 'callouts', 'Labels select Pods');
  const styles = await slide.locator('div.callout').evaluateAll((boxes) =>
    boxes.map((box) => {
      const style = getComputedStyle(box);
      const title = box.querySelector('p.callout-title');
      return { border: style.borderLeftWidth, color: style.borderLeftColor, background: style.backgroundColor, title: title ? getComputedStyle(title).fontWeight : '' };
    }),
  );
  expect(styles).toHaveLength(3);
  for (const style of styles) {
    expect(style.border).toBe('6px');
    expect(style.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(style.title).toBe('700');
  }
  // note, tip and warning: three colours.
  expect(new Set(styles.map((s) => s.color)).size).toBe(3);
});

test('task list items show a drawn box, ticked for the done ones', async ({ page }) => {
  const slide = await slideWith(page, 'inline', 'Install kubectl');
  await expect(slide.locator('span.task.done')).toHaveCount(2);
  await expect(slide.locator('span.task:not(.done)')).toHaveCount(1);
  const box = await slide.locator('span.task').first().evaluate((span) => ({ width: span.getBoundingClientRect().width, border: getComputedStyle(span).borderTopWidth }));
  expect(box.width).toBeGreaterThan(10);
  expect(box.border).toBe('2px');
  expect(await slide.locator('li').first().evaluate((li) => getComputedStyle(li).listStyleType)).toBe('none');
});

test('emoji shortcodes are emoji, keys are readable key caps, marks are marked', async ({ page }) => {
  const emoji = await slideWith(page, 'inline', 'once the Pods are ready.');
  await expect(emoji).toContainText('Ship it 🚀 once the Pods are ready.');
  // Drawn by the deck's own fonts, the emoji too (the DevTools protocol names the fonts that drew it).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  await emoji.locator('p', { hasText: 'Ship it' }).evaluate((p) => p.setAttribute('data-probe', ''));
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'svg.bespoke-marp-active section p[data-probe]' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  // The emoji font's own name is "Twemoji Mozilla".
  expect(fonts.map((f) => f.familyName)).toContainEqual(expect.stringMatching(/^Twemoji/));
  expect(fonts.filter((f) => !f.isCustomFont)).toEqual([]);
  const key = await emoji.locator('kbd').first().evaluate((kbd) => ({ size: parseFloat(getComputedStyle(kbd).fontSize), border: getComputedStyle(kbd).borderBottomWidth }));
  expect(key.size).toBeGreaterThanOrEqual(20);
  expect(key.border).toBe('3px');
  const marks = await slideWith(page, 'inline', 'desired state');
  await expect(marks.locator('mark')).toHaveText('desired state');
});

test('footnotes stand at the bottom of the slide that refers to them', async ({ page }) => {
  const slide = await slideWith(page, 'inline', 'A Deployment manages ReplicaSets');
  await expect(slide.locator('sup.footnote-ref')).toHaveText(['1', '2']);
  const notes = await slide.locator('div.footnotes').boundingBox();
  const section = await slide.evaluate((s) => ({ bottom: s.getBoundingClientRect().bottom, padding: parseFloat(getComputedStyle(s).paddingBottom) }));
  expect(notes!.y + notes!.height).toBeGreaterThan(section.bottom - section.padding - 30);
});

test('diagrams written in the page are drawn as SVG pictures, with their alt text or the topic heading', async ({ page }) => {
  const alts: string[] = [];
  for (const text of ['A DOT diagram', 'A Mermaid diagram', 'Traffic into the cluster']) {
    const slide = await slideWith(page, 'diagrams', text);
    const image = slide.locator('div.figure img');
    await expect(image).toHaveCount(1);
    alts.push((await image.getAttribute('alt'))!);
    const src = (await image.getAttribute('src'))!;
    expect(src).toMatch(/^pict\/diagrams-[0-9a-f]+\.svg$/);
    expect(readFileSync(join(out, 'dist', src), 'utf8')).toContain('<svg');
  }
  expect(alts).toEqual(['A Service sending traffic to two Pods', 'A Deployment owns a ReplicaSet, which owns the Pods', 'Traffic into the cluster']);
  const mermaid = readFileSync(join(out, 'dist', (await active(page).locator('div.figure img').getAttribute('src'))!), 'utf8');
  // Drawn offline in the course's font and palette, its labels as SVG text.
  expect(mermaid).toMatch(/font-family:\s*['"]Arimo['"]/);
  expect(mermaid).toContain('Ingress');
  expect(mermaid.toLowerCase()).toContain('#e0ecff');
});
