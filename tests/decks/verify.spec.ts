// The deck verifier (scripts/verify/): it finds each fault of the broken fixture decks, on the right
// slide and of the right kind, finds nothing wrong with a correct deck, and passes the project's own
// built decks. The fixtures are rendered from tests/fixtures/broken/src/*.md at test time (see
// tests/fixtures/broken/render.ts), each when a test first needs it, into a temporary folder removed at
// the end. The overflow and control fixtures are checked through `npm run verify`, whose lines say all
// the API would (deck, slide, heading, kind, message), so each fixture is verified once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FaultKind } from '../../scripts/verify/fault.ts';
import { formatFault, sortFaults } from '../../scripts/verify/report.ts';
import { WAIT } from '../../scripts/verify/navigation.ts';
import { printedChecks } from '../../scripts/verify/printed.ts';
import { serveDir } from '../../scripts/verify/server.ts';
import { verifyDecks } from '../../scripts/verify/verify.ts';
import { renderFixture, type Fixture } from '../fixtures/broken/render.ts';
import { run } from '../support/commands.ts';

let root: string | undefined;
const rendered = new Map<Fixture, Promise<string>>();
/** The folder of a fixture, rendered on first use in this worker. */
function fixture(name: Fixture): Promise<string> {
  root ??= mkdtempSync(join(tmpdir(), 'verify-fixtures-'));
  let dir = rendered.get(name);
  if (!dir) rendered.set(name, (dir = renderFixture(root, name)));
  return dir;
}

test.afterAll(async () => {
  await Promise.allSettled(rendered.values());
  if (root) rmSync(root, { recursive: true, force: true });
});

// First in the file: the longest check, so it does not end the run alone on one worker.
test('the project\'s built decks (dist/) have no fault', async ({ browser }) => {
  test.setTimeout(180_000);
  const faults = await verifyDecks('dist', { browser });
  // Each fault is a line naming deck, slide and heading: the failure message is the report itself.
  expect(sortFaults(faults).map(formatFault)).toEqual([]);
});

type Expected = [file: string, slide: number | undefined, kind: FaultKind, message: RegExp];

const CASES: { fixture: Fixture; what: string; faults: Expected[] }[] = [
  {
    fixture: 'dead-link',
    what: 'an agenda link to #99 (slide 2); a wrong timestamp, a missing deck, an unsafe and an http: external link (slide 3)',
    faults: [
      ['deck.html', 2, 'link', /^internal link #99 leads to no slide \(the deck has 3\)$/],
      ['deck.html', 3, 'link', /^timestamp "▶ 1:00" \(60 s\) opens the video at t=61 \(61 s\)$/],
      ['deck.html', 3, 'link', /^link next\.html: next\.html is not in the folder$/],
      ['deck.html', 3, 'link', /^external link https:\/\/kubernetes\.io\/docs\/ does not open a new tab/],
      ['deck.html', 3, 'link', /^external link https:\/\/kubernetes\.io\/docs\/ has no rel="noopener"$/],
      ['deck.html', 3, 'link', /^link http:\/\/example\.com\/ is http:, not https:$/],
    ],
  },
  {
    fixture: 'pictures-and-text',
    what: 'a picture that is not there (slide 2), a diagram without its text (slide 3), a picture asked from another site, blocked before it leaves the machine (slide 4), pale text and a picture without alt text (slide 5), and text drawn by a font of the machine (slide 6)',
    faults: [
      ['deck.html', 2, 'picture', /^<img src="pict\/missing\.svg"> did not load \(HTTP 404\)$/],
      ['deck.html', 3, 'picture', /^<img src="pict\/textless\.svg"> has no <text> elements/],
      ['deck.html', 4, 'network', /^off-site request to https:\/\/example\.com\/x\.png \(blocked;/],
      ['deck.html', 5, 'a11y', /^color-contrast \(serious\) on <p style="color: #e2e8f0;">.*insufficient color contrast/],
      // A middle slide: hidden from screen readers until shown, yet a reader of it meets the picture.
      ['deck.html', 5, 'a11y', /^image-alt \(critical\) on <img src="pict\/diagram\.svg">/],
      // Text in `serif`, which the deck does not carry: a font of the machine draws it (Chromium's
      // fontconfig comes with one on any system, fonts-dejavu-core or another).
      ['deck.html', 6, 'font', /^<p> "This sentence asks for a font the deck d…" is drawn in part by .+ \(\d+ glyphs\), a font of this machine, not one the deck carries$/],
    ],
  },
  {
    fixture: 'wrong-files',
    what: 'no favicon beside the deck, and the PDF of another deck beside it: too few pages, other headings, a file: and an http: link',
    faults: [
      ['deck.html', undefined, 'network', /^GET \/favicon\.ico answered 404/],
      ['deck.pdf', undefined, 'pdf', /^3 pages for 4 slides$/],
      ['deck.pdf', 1, 'pdf', /^page 1 does not hold the slide's heading$/],
      ['deck.pdf', 1, 'pdf', /^no outline entry for the slide heading$/],
      ['deck.pdf', 3, 'pdf', /^page 3 does not hold the slide's heading$/],
      ['deck.pdf', 3, 'pdf', /^link to file:\/\/\/.*\/next\.html points at the build machine \(file:\)$/],
      ['deck.pdf', 3, 'pdf', /^link to http:\/\/example\.com\/ is http:, not https:$/],
      ['deck.pdf', 3, 'pdf', /^no outline entry for the slide heading$/],
      ['deck.pdf', 4, 'pdf', /^no outline entry for the slide heading$/],
    ],
  },
  {
    fixture: 'views',
    what: 'End and o swallowed by a script of the deck (the last step before End was ← to slide 1), a button of Marp\'s on-screen controls left without a name by it, the third slide\'s note hidden in the presenter view',
    faults: [
      ['deck.html', undefined, 'keyboard', /^o does not open the overview$/],
      ['deck.html', undefined, 'a11y', /^button-name \(critical\) on <button data-bespoke-marp-osc="fullscreen" tabindex="-1"><\/button>: .* \(outside the slides, first seen on slide 1\)$/],
      ['deck.html', 1, 'keyboard', /^End shows slide 1, not 4$/],
      ['deck.html', 3, 'view', /^the presenter view shows no notes, not "Say what the two boxes are\."$/],
    ],
  },
];

test.describe('the verifier on the fixture decks', () => {
  test.describe.configure({ timeout: 90_000 });

  for (const { fixture: name, what, faults: expected } of CASES) {
    test(`${name}: reports ${what}, and nothing else`, async ({ browser }) => {
      const faults = sortFaults(await verifyDecks(await fixture(name), { browser }));
      const lines = faults.map(formatFault);
      expect(faults.map((f) => [f.file, f.slide, f.kind]), lines.join('\n')).toEqual(expected.map(([file, slide, kind]) => [file, slide, kind]));
      faults.forEach((f, i) => expect(f.message, lines[i]).toMatch(expected[i]![3]));
      // A fault on a slide names its heading too.
      for (const f of faults.filter((f) => f.slide !== undefined)) expect(f.heading, formatFault(f)).toBeTruthy();
    });
  }

  test('the printed layout\'s pass at device scale factor 2 finds the overflow fixture\'s overflowing slides on its own, and no other', async ({ browser }) => {
    const served = await serveDir(await fixture('overflow'));
    try {
      // The fixture's slides as its source gives them: 5 slides, numbered from 1.
      const slides = Array.from({ length: 5 }, (_, i) => ({ number: i + 1, heading: '', notes: '', urls: [] }));
      const faults = (await printedChecks(browser, served.origin, 'deck.html', slides, { scale: 2, wait: WAIT, a11y: false })).overflow;
      expect(faults.map((f) => [f.slide, f.kind])).toEqual([[3, 'overflow'], [3, 'overflow'], [4, 'overflow']]);
      expect(faults[0]!.message).toMatch(/^<pre> "line-1: this code block runs off the bot…" ends \d+px below the slide \(at device scale factor 2\)$/);
      expect(faults[1]!.message).toMatch(/^text "This sentence is kept on one line howeve…" in <p> ends \d+px right of the slide \(at device scale factor 2\)$/);
      expect(faults[2]!.message).toMatch(/^<p> "This paragraph is pulled above the slide…" starts \d+px above the slide \(at device scale factor 2\)$/);
    } finally {
      await served.close();
    }
  });

  test('a folder without decks is a fault, not a pass', async ({ browser }) => {
    // The fixtures' pictures: files, and no deck among them.
    const faults = await verifyDecks(join('tests', 'fixtures', 'broken', 'src', 'pict'), { browser });
    expect(faults.map((f) => f.kind)).toEqual(['deck']);
  });
});

test.describe('npm run verify', () => {
  test.describe.configure({ timeout: 90_000 });

  const verify = (dir: string) => run('verify-cli', ['--out', dir]);

  test('overflow: prints one line per fault (a code block off the bottom of slide 3 and text past its right edge, a paragraph above the top of slide 4, text a slide closed early left outside it on slide 5), then the summary, and exits 1', async () => {
    const { status, stdout, stderr } = await verify(await fixture('overflow'));
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^deck\.html slide 3 "Too long": overflow: <pre> "line-1: this code block runs off the bot…" ends \d+px below the slide$/);
    // Text past a box that fits: the text is named, not its paragraph.
    expect(lines[1]).toMatch(/^deck\.html slide 3 "Too long": overflow: text "This sentence is kept on one line howeve…" in <p> ends \d+px right of the slide$/);
    expect(lines[2]).toMatch(/^deck\.html slide 4 "Spills upward": overflow: <p> "This paragraph is pulled above the slide…" starts \d+px above the slide$/);
    expect(lines[3]).toBe('deck.html slide 5 "Closed early": text: "This text is outside every slide." is outside every slide: shown on none, printed between the PDF\'s pages');
    expect(lines[4]).toMatch(/^verify: 1 deck, 5 slides, 0 PDFs in .*overflow checked in [\d.]+ s: 4 faults$/);
    expect(lines).toHaveLength(5);
    expect(status, stderr).toBe(1);
  });

  test('--only overflow: the overflow fixture\'s overflow alone, not the text outside its slides, and the summary says what was looked for', async () => {
    const { status, stdout, stderr } = await run('verify-cli', ['--out', await fixture('overflow'), '--only', 'overflow']);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, -1).map((line) => line.split(': ')[1])).toEqual(['overflow', 'overflow', 'overflow']);
    expect(lines.at(-1)).toMatch(/^verify: 1 deck, 5 slides, 0 PDFs in .*overflow checked in [\d.]+ s \(only overflow\): 3 faults$/);
    expect(status, stderr).toBe(1);
  });

  test('--only with a word that is no kind of fault names it, lists the kinds and exits 2 before checking anything', async () => {
    const { status, stdout, stderr } = await run('verify-cli', ['--out', 'dist', '--only', 'font,fonts']);
    expect(stderr).toContain('--only: "fonts" is not a kind of fault');
    expect(stderr).toMatch(/deck, overflow, text, font, picture, link, network, console, a11y, keyboard, view, pdf, pptx/);
    expect(stdout).not.toContain('verify:');
    expect(status).toBe(2);
  });

  test('control: a correct deck with a picture, links, a timestamp, notes, a line of shell output wider than the slide (wrapped) and its PDF gets a one-line summary, no fault, and exit 0', async () => {
    const { status, stdout, stderr } = await verify(await fixture('control'));
    expect(stdout.trim(), stderr).toMatch(/^verify: 1 deck, 4 slides, 1 PDF in .*control checked in [\d.]+ s: no faults$/);
    expect(status).toBe(0);
  });
});
