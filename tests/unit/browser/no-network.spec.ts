// The build's Chromium contacts no host: with every proxy variable pointing at a local listener, a
// build that fits and prints (so launches Chromium) makes no connection to it.
import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { courseFolder, run } from '../../support/commands.ts';

test.describe.configure({ timeout: 180_000 });

test('a build with the proxy variables set to a local listener makes no connection through it', async () => {
  const attempts: string[] = [];
  const listener = createServer((socket: Socket) => {
    socket.once('data', (chunk: Buffer) => attempts.push(chunk.toString('latin1').split('\r\n')[0]!));
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((listening) => listener.listen(0, '127.0.0.1', listening));
  const { port } = listener.address() as { port: number };
  const proxy = `http://127.0.0.1:${port}`;
  const out = mkdtempSync(join(tmpdir(), 'offline-'));
  // An empty cache: the build fits its slides and prints its PDFs in Chromium.
  const env = { ...process.env, HTTP_PROXY: proxy, HTTPS_PROXY: proxy, ALL_PROXY: proxy, http_proxy: proxy, https_proxy: proxy, all_proxy: proxy, NO_PROXY: '', no_proxy: '', COURSE_DECKS_CACHE: join(out, 'cache') };
  try {
    const built = await run('cli', [...courseFolder('tests/fixtures/seed', out), '--pict', 'pict'], { env });
    expect(built.status, built.stderr).toBe(0);
    expect(attempts).toEqual([]);
  } finally {
    listener.close();
  }
});
