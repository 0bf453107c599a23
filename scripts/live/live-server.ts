// `npm start`'s server: the built folder (dist/) on 127.0.0.1, with the live-reload client added to
// every HTML page it serves, and the events that drive it (`/__live`, Server-Sent Events). Files are
// read at each request, so a rebuilt deck is served at once.
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import sirv from 'sirv';
import { injectLiveClient, LIVE_PATH } from './live-client.ts';

export interface LiveServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** Every open tab of these pages (`statefulsets.html`, `index.html`) reloads. */
  reload(pages: readonly string[]): void;
  /** Shows these problem lines over every open page; none clears them. New tabs get them too. */
  showProblems(lines: readonly string[]): void;
  close(): Promise<void>;
}

const NOT_BUILT = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not built</title></head><body><p>This page is not built (yet): it appears when a build succeeds.</p></body></html>';

/** The HTML file a request asks for, inside `dir`: `/` is the index; dot files and paths leaving `dir` are not pages. */
function htmlFile(dir: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  if (!path.endsWith('.html') || path.split('/').some((part) => part.startsWith('.'))) return undefined;
  const file = resolve(dir, `.${path}`);
  return file.startsWith(resolve(dir) + sep) ? file : undefined;
}

export async function startLiveServer(dir: string, port: number): Promise<LiveServer> {
  const files = sirv(dir, { dev: true, dotfiles: false });
  const listeners = new Set<ServerResponse>();
  let problems: readonly string[] = [];
  const send = (response: ServerResponse, event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  let hosts = new Set<string>();
  const server = createServer((request, response) => {
    // Only requests for this address: a web page of another site that renames itself to 127.0.0.1
    // (DNS rebinding) sends its own name as Host, and is refused.
    if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('This server answers only http://127.0.0.1, http://localhost or http://[::1] at its port.');
      return;
    }
    const url = request.url ?? '/';
    if (new URL(url, 'http://localhost').pathname === LIVE_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      // Reconnect quickly after a restart of `npm start`.
      response.write('retry: 500\n\n');
      send(response, 'problems', problems);
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    const file = (request.method === 'GET' || request.method === 'HEAD') && htmlFile(dir, url);
    if (!file) {
      files(request, response, () => {
        response.statusCode = 404;
        response.end('Not found');
      });
      return;
    }
    readFile(file, 'utf8').then(
      (html) => respond(response, 200, injectLiveClient(html), request.method === 'HEAD'),
      () => respond(response, 404, injectLiveClient(NOT_BUILT), request.method === 'HEAD'),
    );
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const bound = (server.address() as AddressInfo).port;
  hosts = new Set(['127.0.0.1', 'localhost', '[::1]'].flatMap((name) => [`${name}:${bound}`, ...(bound === 80 ? [name] : [])]));
  return {
    url: `http://127.0.0.1:${bound}/`,
    reload(pages) {
      if (pages.length > 0) for (const listener of listeners) send(listener, 'reload', pages);
    },
    showProblems(lines) {
      problems = lines;
      for (const listener of listeners) send(listener, 'problems', lines);
    },
    async close() {
      for (const listener of listeners) listener.end();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

function respond(response: ServerResponse, status: number, html: string, headOnly: boolean): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(html) });
  response.end(headOnly ? undefined : html);
}
