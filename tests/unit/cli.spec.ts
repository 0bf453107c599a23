// The build as a maintainer runs it: `npm run build -- --notes DIR …`, on a course folder of its own.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { courseFolder, run } from '../support/commands.ts';
import { processesNaming } from '../support/processes.ts';

// Each test runs whole builds (Chromium for fitting, marp-cli): on a loaded 2-core machine that
// takes longer than Playwright's default 30 s budget.
test.describe.configure({ timeout: 120_000 });

const build = (notes: string, out: string) => run('cli', [...courseFolder(notes, out), '--pict', 'pict', '--no-pdf']);

test('the unchanged seed builds, from its own course folder, with its picture shown', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'seed-'));
  const built = await build('tests/fixtures/seed', out);
  expect(built.stderr).not.toMatch(/error|problem/i);
  expect(built.status).toBe(0);
  const slides = readFileSync(join(out, 'slides', 'statefulsets.md'), 'utf8');
  expect(slides).toContain('](pict/stateful_and_stateless_apps.svg)');
  await page.goto(`file://${join(out, 'dist', 'statefulsets.html')}#3`);
  const picture = page.locator('svg.bespoke-marp-active section img');
  await expect(picture).toHaveAttribute('src', 'pict/stateful_and_stateless_apps.svg');
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("the terminal is the build's own: one summary line, nothing of marp-cli's, no staging folder", async () => {
  const out = mkdtempSync(join(tmpdir(), 'said-'));
  // An empty cache: every deck is fitted and rendered by marp-cli in this build.
  const env = { ...process.env, COURSE_DECKS_CACHE: join(out, 'cache') };
  const built = await run('cli', [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict', '--no-pdf'], { env });
  expect(built.status, built.stderr).toBe(0);
  const said = built.stdout + built.stderr;
  expect(said).not.toContain('[  INFO ]');
  expect(said).not.toMatch(/staging|\.render\//);
  expect(built.stdout.trimEnd().split('\n')).toEqual([expect.stringMatching(/^Built 2 decks into .* in [\d.]+ s: statefulsets \(\d+ slides\), volumes \(\d+ slides\), HTML only$/)]);
  // Not a terminal: no progress line either, and the seed has nothing to warn about.
  expect(built.stderr).toBe('');
});

test('a build that fits slides leaves neither Chromium nor its profile behind, with PDFs or without', async () => {
  for (const pdf of [false, true]) {
    // A temporary folder of its own (Chromium's profile goes there) and an empty cache (so it fits).
    const temporary = mkdtempSync(join(tmpdir(), 'build-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'clean-'));
    const env = { ...process.env, TMPDIR: temporary, COURSE_DECKS_CACHE: join(out, 'cache') };
    // The look-up finds a process that names the folder: a process of the test's own, stopped after.
    const witness = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', temporary], { stdio: 'ignore' });
    await expect.poll(() => processesNaming(temporary).length, `pdf: ${pdf}`).toBe(1);
    witness.kill();
    await new Promise((exited) => witness.on('exit', exited));
    const built = await run('cli', [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict', ...(pdf ? [] : ['--no-pdf'])], { env });
    expect(built.status, built.stderr).toBe(0);
    expect(readdirSync(temporary).filter((entry) => entry.startsWith('course-decks-chromium-')), `pdf: ${pdf}`).toEqual([]);
    expect(processesNaming(temporary), `pdf: ${pdf}`).toEqual([]);
  }
});

test('bad notes stop the build with every problem at its file:line and a non-zero exit', async () => {
  const notes = mkdtempSync(join(tmpdir(), 'notes-'));
  cpSync('tests/fixtures/seed', notes, { recursive: true });
  const page = readFileSync(join(notes, 'statefulsets.md'), 'utf8')
    .replace('[[BACK](volumes.html)]', '[[BACK](nowhere.html)]')
    .replace('?t=10918', '?t=10900')
    .replace('pict/stateful_and_stateless_apps.png', 'pict/missing.png');
  writeFileSync(join(notes, 'statefulsets.md'), page);
  const built = await build(notes, mkdtempSync(join(tmpdir(), 'out-')));
  expect(built.status).toBe(1);
  // Each problem on a line of its own: at the line of the page that has it, naming the offending value.
  const file = join(notes, 'statefulsets.md');
  const lineOf = (text: string) => page.split('\n').findIndex((line) => line.includes(text)) + 1;
  const problems = built.stderr.split('\n').filter((line) => line.startsWith(`${file}:`));
  expect(problems).toHaveLength(3);
  const at = (line: number) => problems.find((problem) => problem.startsWith(`${file}:${line}:1 `)) ?? `nothing at line ${line}`;
  expect(at(lineOf('[[BACK](nowhere.html)]'))).toContain('"nowhere.html"');
  expect(at(lineOf('pict/missing.png'))).toContain('pict/missing.png');
  expect(at(lineOf('?t=10900'))).toMatch(/3:01:58.*t=10900/);
  expect(built.stderr).toMatch(/Build stopped: 3 problems\. Nothing was written\./);
});

test('a page with a 25-item list and a 30-line code block builds into slides that all fit', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'long-'));
  const built = await build('tests/fixtures/long', out);
  expect(built.status, built.stderr).toBe(0);
  await page.goto(`file://${join(out, 'dist', 'long.html')}`);
  const count = await page.locator('svg[data-marpit-svg]').count();
  expect(count).toBeGreaterThanOrEqual(5); // title, agenda, the list on two or more slides, the code
  for (let n = 1; n <= count; n++) {
    await page.goto(`file://${join(out, 'dist', 'long.html')}#${n}`);
    const outside = await page.locator('svg.bespoke-marp-active section').evaluate((section) => {
      const box = section.getBoundingClientRect();
      return [...section.querySelectorAll('*')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1);
      }).length;
    });
    expect(outside, `slide ${n}`).toBe(0);
  }
  const slides = readFileSync(join(out, 'slides', 'long.md'), 'utf8');
  expect([...slides.matchAll(/^- item number (\d+):/gm)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
});

test('a 60-line code block with a 180-character line builds: it continues on further slides, nothing lost', async () => {
  const notes = mkdtempSync(join(tmpdir(), 'huge-'));
  cpSync('tests/fixtures/long', notes, { recursive: true });
  const lines = Array.from({ length: 60 }, (_, i) => `line${i}: value`);
  lines[30] = `command: ${'kubectl get pods -o wide '.repeat(7)}`;
  writeFileSync(join(notes, 'long.md'), readFileSync(join(notes, 'long.md'), 'utf8').replace(/```yaml\n[\s\S]*?```/, `\`\`\`yaml\n${lines.join('\n')}\n\`\`\``));
  const out = mkdtempSync(join(tmpdir(), 'out-'));
  const built = await build(notes, out);
  expect(built.status, built.stderr).toBe(0);
  const slides = readFileSync(join(out, 'slides', 'long.md'), 'utf8');
  // Every line of the block, in order, in fenced YAML pieces, one a slide: `A long code block (1/N)` to `(N/N)`.
  const pieces = [...slides.matchAll(/^```yaml\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!.split('\n'));
  expect(pieces.length).toBeGreaterThanOrEqual(2);
  const headings = [...slides.matchAll(/^# A long code block.*$/gm)].map((m) => m[0]);
  expect(headings).toEqual(pieces.map((_, i) => `# A long code block (${i + 1}/${pieces.length})`));
  expect(pieces.flat()).toEqual(lines);
});

test('timestamps outside their chapter stop the build at their file:line; with --strict, so do the course warnings', async () => {
  const dir = 'tests/fixtures/course-checks';
  const errors = [
    `${dir}/after-chapter.md:13:1  timestamp 3:01:58 is after chapter 12 "Persisting Data in K8s with Volumes"`,
    `${dir}/at-next-chapter.md:13:1  timestamp 2:38:07 is after chapter 11 "Helm - Package Manager"`,
    `${dir}/before-chapter.md:13:1  timestamp 3:01:58 is before chapter 14 "K8s Services explained"`,
  ];
  const warnings = [
    `${dir}/back-wrong-chapter.md:3:1  warning: BACK leads to at-next-chapter.html`,
    `${dir}/back-wrong-chapter.md:11:1  warning: BACK leads to at-next-chapter.html`,
    `${dir}/not-in-course.md:1:1  warning: no chapter of the course names the page "not-in-course"`,
    `${dir}/out-of-order.md:13:1  warning: timestamp 2:58:38 goes back from 3:01:58`,
  ];
  const built = await build(dir, mkdtempSync(join(tmpdir(), 'out-')));
  expect(built.status).toBe(1);
  for (const line of errors) expect(built.stderr).toContain(line);
  expect(built.stderr).toContain('Build stopped: 3 problems. Nothing was written.');

  const strict = await run('cli', [...courseFolder(dir, mkdtempSync(join(tmpdir(), 'out-'))), '--no-pdf', '--strict']);
  expect(strict.status).toBe(1);
  for (const line of [...errors, ...warnings]) expect(strict.stderr).toContain(line);
  expect(strict.stderr).toContain('Build stopped: 7 problems. Nothing was written.');
});

test('the course warnings alone let the build through, each printed at its file:line', async () => {
  // The course folder with the three timestamps outside their chapters taken out: warnings are left.
  const notes = mkdtempSync(join(tmpdir(), 'notes-'));
  cpSync('tests/fixtures/course-checks', notes, { recursive: true });
  for (const [name, stamp] of [['after-chapter', '[3:01:58]'], ['at-next-chapter', '[2:38:07]'], ['before-chapter', '[3:01:58]']] as const) {
    const lines = readFileSync(join(notes, `${name}.md`), 'utf8').split('\n');
    expect(lines[12], name).toContain(stamp);
    writeFileSync(join(notes, `${name}.md`), lines.filter((_, i) => i !== 12).join('\n'));
  }
  const built = await build(notes, mkdtempSync(join(tmpdir(), 'out-')));
  expect(built.status, built.stderr).toBe(0);
  for (const [name, line] of [['back-wrong-chapter', 3], ['back-wrong-chapter', 11], ['not-in-course', 1], ['out-of-order', 13]] as const) {
    expect(built.stderr).toContain(`${join(notes, `${name}.md`)}:${line}:1  warning: `);
  }
});
