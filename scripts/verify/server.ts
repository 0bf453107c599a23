// Serves the checked folder itself on 127.0.0.1 (a free port) and logs every answer, so a 404 the page
// never sees (the browser's own /favicon.ico request) is still on record.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface Served {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every request answered so far: its path (with query) and status. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

export async function serveDir(dir: string): Promise<Served> {
  // dev: reads the folder on every request (no stale file list); no caching between checks.
  const files = sirv(dir, { dev: true, dotfiles: false });
  const log: Served['log'] = [];
  const server = createServer((request, response) => {
    response.on('finish', () => log.push({ path: request.url ?? '/', status: response.statusCode }));
    files(request, response, () => {
      response.statusCode = 404;
      response.end('Not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
