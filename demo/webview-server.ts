/**
 * A loopback server for the webview demo: it serves demo/webview.html at `/webview.html` and passes
 * every other request through to the sync server, keeping the Host header as a reverse proxy does.
 * The demo page and the frame then share one origin, which the demo needs: it plays the native app
 * and reaches the webview page's globals as a native app can, something only a same-origin page can
 * do in a browser. Serving the demo from the sync server itself would give the same arrangement.
 */
import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** A running demo server. */
export interface WebviewServer {
  /** Origin of the demo page and, through the pass-through, of the frame. */
  readonly url: string;
  close(): Promise<void>;
}

const DEMO_PAGE = resolve(import.meta.dirname, 'webview.html');

/** Starts the server on 127.0.0.1 (`port`, default any free one) in front of the sync server at `widgetUrl`. */
export async function startWebviewServer(widgetUrl: string, port = 0): Promise<WebviewServer> {
  const upstream = new URL(widgetUrl);
  const page = await readFile(DEMO_PAGE, 'utf8');
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/webview.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
