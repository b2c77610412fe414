/**
 * The stack the page-level bench stages run against: a loopback host page server, the real sync
 * server (widget build, default models, a fresh SQLite file) with the host's origin as its site,
 * and headless Chromium, all torn down afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright';
import { startServer } from '../../sync-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';

/** What a stage gets. */
export interface WidgetStack {
  readonly browser: Browser;
  readonly hostUrl: string;
  readonly widgetUrl: string;
}

/**
 * Serves `page(path, widgetUrl)` as HTML on the host origin, starts the server and the browser,
 * runs `stage`, and closes everything whatever happens.
 */
export async function withWidgetStack<T>(
  page: (path: string, widgetUrl: string) => string,
  stage: (stack: WidgetStack) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'confide-bench-stack-'));
  let widgetUrl = '';
  const host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(req.url ?? '/', widgetUrl));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  const hostUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const server = await startServer({
    port: 0,
    sqlitePath: join(dir, 'confide.sqlite'),
    sites: [{ key: 'demo', origins: [hostUrl] }],
    log: () => {},
  });
  widgetUrl = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    return await stage({ browser, hostUrl, widgetUrl });
  } finally {
    await browser.close();
    await server.close();
    await new Promise((r) => host.close(r));
    await rm(dir, { recursive: true, force: true });
  }
}
