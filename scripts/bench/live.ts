// Edit to served: under `npm start` (on copies of the notes, serving temporary folders), the time from
// writing a notes page to the served deck containing the change, polled over HTTP every 5 ms. One edit
// first, untimed, warms the rebuild path (the first rebuild of a session compiles code paths).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshDir, PROJECT_DIR, type BenchContext } from './commands.ts';
import { copyNotes } from './courses.ts';
import { median } from './runs.ts';
import type { Row } from './table.ts';

const POLL_MS = 5;
const READY_TIMEOUT_MS = 180_000;
const EDIT_TIMEOUT_MS = 60_000;

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function hasStartScript(): Promise<boolean> {
  const manifest = JSON.parse(await readFile(join(PROJECT_DIR, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return manifest.scripts?.start !== undefined && existsSync(join(PROJECT_DIR, 'scripts', 'start.ts'));
}

/** The page's text with a word added to its first line of prose under the first topic: the smallest real edit. */
export function editPage(source: string, word: string): string {
  const lines = source.split('\n');
  const heading = lines.findIndex((line) => line.startsWith('# '));
  const prose = lines.findIndex((line, i) => i > heading && /^[A-Za-z_]/.test(line));
  if (heading < 0 || prose < 0) throw new Error('the notes page has no prose under a topic to edit');
  lines[prose] = `${lines[prose]} ${word}`;
  return lines.join('\n');
}

async function fetchText(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/** Polls `url` until its body contains `text`; the milliseconds from `since`. */
async function servedWith(url: string, text: string, since: number, child: ChildProcess): Promise<number> {
  for (;;) {
    const body = await fetchText(url);
    if (body?.includes(text)) return performance.now() - since;
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode})`);
    if (performance.now() - since > EDIT_TIMEOUT_MS) throw new Error(`the served page did not show the edit within ${EDIT_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((done) => child.once('exit', done));
  // npm runs tsx runs node: the whole process group (this child's own) stops.
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function measureLive(context: BenchContext): Promise<Row[]> {
  const label = 'Edit to served under npm start';
  if (!(await hasStartScript())) return [{ family: 'live', label, unit: 'ms', target: 300, note: 'n/a (npm start missing)' }];
  const notes = await freshDir(context, 'live-notes');
  await copyNotes(join(PROJECT_DIR, 'notes'), notes);
  const page = (await readdir(notes)).filter((f) => f.endsWith('.md')).sort()[0];
  if (page === undefined) throw new Error('no notes page to edit');
  const pageFile = join(notes, page);
  const original = await readFile(pageFile, 'utf8');
  const work = await freshDir(context, 'live');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/${page.replace(/\.md$/, '.html')}`;

  context.progress(`live: npm start on port ${port}, editing ${page}`);
  const args = ['start', '--', '--port', String(port), '--notes', notes, '--slides', join(work, 'slides'), '--out', join(work, 'dist')];
  const child = spawn('npm', args, { cwd: PROJECT_DIR, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  try {
    // Ready: the deck is served and the watcher says it is watching.
    const started = performance.now();
    while (!(output.includes('Watching') && (await fetchText(url)) !== undefined)) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output.trim().split('\n').slice(-10).join('\n')}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('npm start did not serve the deck in time');
      await sleep(50);
    }
    const samples: number[] = [];
    for (let round = 0; round <= context.runs; round++) {
      const word = `benchedit${round}x${Date.now().toString(36)}`;
      const since = performance.now();
      await writeFile(pageFile, editPage(original, word));
      const ms = await servedWith(url, word, since, child);
      if (round > 0) samples.push(ms);
      context.progress(`  edit ${round}${round === 0 ? ' (warm-up, not counted)' : `/${context.runs}`}: ${ms.toFixed(0)} ms`);
      // Let the watcher and the rebuild settle before the next save.
      await sleep(500);
    }
    const rebuilds = [...output.matchAll(/Rebuilt .*? (\d+) ms after the save/g)].map((m) => Number(m[1]));
    return [{ family: 'live', label, unit: 'ms', value: median(samples), samples, target: 300, ...(rebuilds.length > 0 ? { detail: `npm start's own log, save to rebuilt: ${rebuilds.join(', ')} ms (the first is the warm-up)` } : {}) }];
  } finally {
    await stop(child);
    await writeFile(pageFile, original);
  }
}
