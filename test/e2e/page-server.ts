/**
 * A loopback HTTP server whose pages the test writes. Pages must come from a real loopback server, not
 * Playwright's router: Chromium's Local Network Access treats routed responses as public and blocks
 * their requests to loopback, which would make a "foreign page" test pass for the wrong reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running page server. */
export interface PageServer {
  readonly url: string;
  /** Serves `html` at `path` from now on. */
  set(path: string, html: string): void;
  close(): Promise<void>;
}

/** Starts a page server on 127.0.0.1 and the given port (0: any). */
export async function startPageServer(port = 0): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (path, html) => pages.set(path, html),
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
