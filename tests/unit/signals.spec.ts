// Ctrl+C or SIGTERM at any moment leaves nothing behind: no Chromium, no profile or temporary folder,
// no staging folder, no lock; the build, npm start and the verifier alike. Leftovers of a killed run are removed by the next one.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { courseFolder, run, spawnCommand } from '../support/commands.ts';
import { processesNaming } from '../support/processes.ts';

test.describe.configure({ timeout: 180_000 });

/**
 * Sends `signal` to a command (started with TMPDIR at `temporary`) once its Chromium runs, a folder
 * named `profile…` being there; asserts that it ends with the signal's status, leaving nothing in
 * `temporary` and no process naming it. Returns what the command printed.
 */
async function interrupt(child: ChildProcess, { temporary, profile, signal }: { temporary: string; profile: string; signal: 'SIGINT' | 'SIGTERM' }): Promise<string> {
  // What it printed, for the failure message.
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (status) => done(status)));
  await expect.poll(() => readdirSync(temporary).some((entry) => entry.startsWith(profile)), { timeout: 90_000, intervals: [20] }).toBe(true);
  child.kill(signal);
  expect(await exited, output).toBe(signal === 'SIGINT' ? 130 : 143);
  expect(readdirSync(temporary)).toEqual([]);
  await expect.poll(() => processesNaming(temporary)).toEqual([]);
  return output;
}

for (const [command, signal] of [['cli', 'SIGINT'], ['cli', 'SIGTERM'], ['start', 'SIGINT'], ['start', 'SIGTERM']] as const) {
  test(`${signal} to ${command === 'cli' ? 'npm run build' : 'npm start'} while Chromium runs leaves no process, profile, temporary, staging folder or lock`, async () => {
    const temporary = mkdtempSync(join(tmpdir(), 'signal-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'signal-out-'));
    const env = { ...process.env, TMPDIR: temporary, COURSE_DECKS_CACHE: join(out, 'cache') };
    const args = [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict', ...(command === 'start' ? ['--port', '0'] : [])];
    // Chromium is running once its profile folder holds its own temporary folder.
    await interrupt(spawnCommand(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }), { temporary, profile: 'course-decks-chromium-', signal });
    expect(readdirSync(out).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to npm run verify while its Chromium runs leaves no process, profile or temporary folder, and no report`, async () => {
    const temporary = mkdtempSync(join(tmpdir(), 'verify-signal-'));
    // The decks npm test built before the suite.
    const child = spawnCommand('verify-cli', ['--out', 'dist'], { env: { ...process.env, TMPDIR: temporary }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Chromium is running once Playwright has made its profile folder.
    const output = await interrupt(child, { temporary, profile: 'playwright_chromiumdev_profile-', signal });
    // No fault reported for the slides it did not get to, no summary.
    expect(output).toBe('');
  });
}

test('the profile of a killed build is removed by the next build', async () => {
  const temporary = mkdtempSync(join(tmpdir(), 'killed-tmp-'));
  // A profile of a process that is gone.
  mkdirSync(join(temporary, 'course-decks-chromium-999999-abcdef', 'tmp'), { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'killed-out-'));
  const env = { ...process.env, TMPDIR: temporary, COURSE_DECKS_CACHE: join(out, 'cache') };
  const built = await run('cli', [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict', '--no-pdf'], { env });
  expect(built.status, built.stderr).toBe(0);
  expect(readdirSync(temporary)).toEqual([]);
});

test('a temporary folder that does not exist is a clear error, not a stack trace', async () => {
  const out = mkdtempSync(join(tmpdir(), 'notmp-'));
  const missing = join(out, 'no-such-folder');
  const env = { ...process.env, TMPDIR: missing, COURSE_DECKS_CACHE: join(out, 'cache') };
  const built = await run('cli', [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict', '--no-pdf'], { env });
  expect(built.status).toBe(1);
  expect(built.stderr).toContain(`Build failed: cannot make Chromium's profile folder in the temporary folder ${missing}`);
  expect(built.stderr).not.toMatch(/\n\s+at /);
});
