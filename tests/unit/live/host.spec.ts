// npm start's server answers only requests addressed to it: 127.0.0.1, localhost or [::1] at its port.
// A page of another site that renamed itself to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startLiveServer } from '../../../scripts/live/live-server.ts';

function statusFor(port: number, host: string, path = '/index.html'): Promise<number> {
  return new Promise((resolve, reject) => {
    const asked = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    asked.on('error', reject);
    asked.end();
  });
}

test('the live server answers its own addresses only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'host-'));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>x</title><p>deck</p>');
  writeFileSync(join(dir, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const server = await startLiveServer(dir, 0);
  const port = Number(new URL(server.url).port);
  try {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect(await statusFor(port, host), host).toBe(200);
    for (const host of ['attacker.example', `attacker.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `127.0.0.1.attacker.example:${port}`]) {
      expect(await statusFor(port, host), host).toBe(421);
      expect(await statusFor(port, host, '/x.svg'), host).toBe(421);
      expect(await statusFor(port, host, '/__live'), host).toBe(421);
    }
  } finally {
    await server.close();
  }
});
