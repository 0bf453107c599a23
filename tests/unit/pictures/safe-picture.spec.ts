// Published pictures run nothing and fetch nothing: an SVG file of the picture folder and a diagram
// whose DOT has URL/href/stylesheet attributes are published with only what draws; a picture is what
// its content says; only regular files of the course folders are read.
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { run } from '../../support/commands.ts';

test.describe.configure({ timeout: 120_000 });

const FIXTURE = 'tests/fixtures/hostile/pictures';

/** A copy of the hostile pictures course, to change. */
function course(): { root: string; notes: string; pict: string; args: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'pictures-'));
  cpSync(FIXTURE, join(root, 'notes'), { recursive: true });
  const notes = join(root, 'notes');
  const pict = join(notes, 'pict');
  return { root, notes, pict, args: ['--notes', notes, '--pict', pict, '--slides', join(root, 'slides'), '--out', join(root, 'dist'), '--no-pdf'] };
}

/** Opens `url` and says what it tried: dialogs and requests off the file itself. */
async function attempts(page: Page, url: string): Promise<{ dialogs: string[]; requests: string[] }> {
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    requests.push(requested);
    return route.abort();
  });
  await page.goto(url);
  await page.mouse.move(100, 75);
  await page.mouse.click(30, 50);
  await page.mouse.click(100, 75);
  return { dialogs, requests };
}

test('an SVG picture and drawn diagrams (DOT and Mermaid) are published with no script, handler, foreignObject, stylesheet or reference elsewhere', async ({ page }) => {
  const { root, args } = course();
  const built = await run('cli', args);
  expect(built.status, built.stderr).toBe(0);
  // The Mermaid diagram of the page: the one picture the page does not name.
  const mermaid = readdirSync(join(root, 'dist', 'pict')).filter((file) => !['evil.svg', 'links.svg'].includes(file));
  expect(mermaid).toHaveLength(1);
  for (const file of ['evil.svg', 'links.svg', ...mermaid]) {
    for (const folder of ['slides', 'dist']) {
      const svg = readFileSync(join(root, folder, 'pict', file), 'utf8');
      expect(svg, `${folder}/pict/${file}`).not.toMatch(/<script|<foreignObject|<style[^>]*>[^<]*@import|xml-stylesheet|javascript:|example\.com|\son[a-z]+=|<set|<animate/i);
    }
  }
  // The drawing stays: the SVG's text and the diagram's labels.
  expect(readFileSync(join(root, 'dist', 'pict', 'evil.svg'), 'utf8')).toContain('A drawing');
  expect(readFileSync(join(root, 'dist', 'pict', 'links.svg'), 'utf8')).toContain('A link');
  expect(readFileSync(join(root, 'dist', 'pict', mermaid[0]!), 'utf8')).toMatch(/>Pod<[\s\S]*>Service</);
  // Opened on its own, as a document: nothing runs, nothing is fetched.
  const seen = await attempts(page, `file://${join(root, 'dist', 'pict', 'evil.svg')}`);
  expect(seen).toEqual({ dialogs: [], requests: [] });
});

test('a picture whose content is not the format its name says stops the build at the file', async () => {
  const { notes, pict, args } = course();
  writeFileSync(join(notes, 'pictures.md'), `${readFileSync(join(notes, 'pictures.md'), 'utf8')}\n# A page of HTML named as a PNG\n\n![Fake](pict/fake.png)\n`);
  const built = await run('cli', args);
  expect(built.status).toBe(1);
  expect(built.stderr).toContain(`${join(pict, 'fake.png')}:1:1  the picture is named as PNG but its content is no PNG, JPEG, GIF, WebP or SVG picture`);
});

test('a link to a file outside the course folders is refused at its name, and nothing of it is published', async () => {
  const { root, notes, pict, args } = course();
  const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'secret.png');
  writeFileSync(outside, 'a secret outside the course');
  symlinkSync(outside, join(pict, 'logo.png'));
  writeFileSync(join(notes, 'pictures.md'), `${readFileSync(join(notes, 'pictures.md'), 'utf8')}\n# A linked logo\n\n![Logo](pict/logo.png)\n`);
  const built = await run('cli', args);
  expect(built.status).toBe(1);
  expect(built.stderr).toContain(`${join(pict, 'logo.png')}:1:1  the link leads outside the course folders (to ${outside})`);
  expect(() => readFileSync(join(root, 'dist', 'pict', 'logo.png'))).toThrow();
});

test('a named pipe as a diagram source is refused at once, not waited on', async () => {
  const { pict, args } = course();
  execFileSync('mkfifo', [join(pict, 'x.dot')]);
  const built = await run('cli', args);
  expect(built.status).toBe(1);
  expect(built.stderr).toContain(`${join(pict, 'x.dot')}:1:1  x.dot is a named pipe, not a file`);
});
