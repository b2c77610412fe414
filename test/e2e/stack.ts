/**
 * A real Confide stack per test: the sync server (widget assets from `dist/widget`, models from
 * `models/artifacts`, a fresh SQLite file) and the demo shop on two origins, as in production.
 * `demo` embeds the widget from http://127.0.0.1:P (same site, other origin: the deployment README
 * recommends, where browsers allow the frame its own storage); `crossSiteDemo` embeds it from
 * http://localhost:P (another site: Chromium blocks third-party storage there, so the widget runs on
 * session memory). Every request the browser makes is recorded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Frame, type Page, type Request } from '@playwright/test';
import Database from 'better-sqlite3';
import { type RunningDemo, startDemo } from '../../demo';
import { type RunningServer, startServer } from '../../sync-server';
import { type PageServer, startPageServer } from './page-server';

/** What a test gets. */
export interface Stack {
  readonly server: RunningServer;
  readonly demo: RunningDemo;
  readonly crossSiteDemo: RunningDemo;
  /** Test-written pages on another origin the site allows (a second host page origin). */
  readonly hostPages: PageServer;
  /** Test-written pages on an origin the site does not allow: the attacker. */
  readonly foreign: PageServer;
  /** The widget origin as the same-site demo embeds it. */
  readonly widgetUrl: string;
  readonly dbPath: string;
  /** Every request the browser context issued (pages, frames and workers), in order. */
  readonly requests: Request[];
  /** Rows of a table in the server's SQLite database, read with SQL as an operator would. */
  rows<T = Record<string, unknown>>(sql: string): T[];
}

/**
 * Distinct free ports for servers that must be named before they start (the sync server needs the
 * demo origins first). All are held open together, so the OS cannot hand out the same port twice.
 */
async function freePorts(n: number): Promise<number[]> {
  const held = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((done, fail) => {
          const s = createServer();
          s.once('error', fail);
          s.listen(0, '127.0.0.1', () => done(s));
        }),
    ),
  );
  const ports = held.map((s) => (s.address() as { port: number }).port);
  await Promise.all(held.map((s) => new Promise((done) => s.close(done))));
  return ports;
}

/** The servers of one stack. */
interface Servers {
  readonly server: RunningServer;
  readonly demo: RunningDemo;
  readonly crossSiteDemo: RunningDemo;
}

/**
 * Starts the sync server and both demos on ports named up front (each needs the other's origin). All
 * three are picked together, so the server cannot be handed a port a demo is about to take; another
 * process can still take one in between, so a start that meets EADDRINUSE is retried on new ports.
 */
async function startServers(dbPath: string, hostPages: PageServer): Promise<Servers> {
  for (let attempt = 1; ; attempt++) {
    const [serverPort, demoPort, crossPort] = (await freePorts(3)) as [number, number, number];
    const started: { close(): Promise<void> }[] = [];
    try {
      const server = await startServer({
        port: serverPort,
        sqlitePath: dbPath,
        sites: [
          {
            key: 'demo',
            origins: [`http://127.0.0.1:${demoPort}`, `http://127.0.0.1:${crossPort}`, hostPages.url],
          },
        ],
        log: () => {},
      });
      started.push(server);
      const demo = await startDemo({ port: demoPort, widgetUrl: `http://127.0.0.1:${server.port}` });
      started.push(demo);
      const crossSiteDemo = await startDemo({
        port: crossPort,
        widgetUrl: `http://localhost:${server.port}`,
      });
      return { server, demo, crossSiteDemo };
    } catch (e) {
      await Promise.all(started.map((s) => s.close().catch(() => undefined)));
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw e;
    }
  }
}

export const test = base.extend<{ stack: Stack }>({
  stack: async ({ context }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'confide-e2e-'));
    const dbPath = join(dir, 'confide.sqlite');
    const hostPages = await startPageServer();
    const foreign = await startPageServer();
    const { server, demo, crossSiteDemo } = await startServers(dbPath, hostPages);
    const requests: Request[] = [];
    context.on('request', (r) => requests.push(r));
    const rows = <T>(sql: string): T[] => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    };
    const widgetUrl = `http://127.0.0.1:${server.port}`;
    await use({ server, demo, crossSiteDemo, hostPages, foreign, widgetUrl, dbPath, requests, rows });
    await Promise.all([demo.close(), crossSiteDemo.close(), hostPages.close(), foreign.close()]);
    await server.close();
    await rm(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** The Confide iframe's Frame, once attached. */
export async function widgetFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-confide-frame]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the Confide iframe has no frame');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

/** Everything the widget origin keeps in browser storage, read from inside the frame. */
export function storageSnapshot(frame: Frame) {
  return frame.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    localStorage: Object.keys(localStorage),
    sessionStorage: sessionStorage.length,
    cookies: document.cookie,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
  }));
}

/** A storage snapshot with nothing at all kept. */
export const NOTHING_KEPT = {
  databases: [],
  caches: [],
  localStorage: [],
  sessionStorage: 0,
  cookies: '',
  serviceWorkers: [],
};
/**
 * What is kept after the visitor refused in the widget: only the decision itself, so that no host
 * script can switch personalization back on (widget/frame/privacy/visitor-choice.ts).
 */
export const ONLY_THE_REFUSAL = { ...NOTHING_KEPT, localStorage: ['confide:choice'] };

/** Requests to the sync API or the inference runtime: none may happen before consent. */
export function privateRequests(requests: readonly Request[]): string[] {
  return requests.map((r) => r.url()).filter((u) => /\/v1\/|\.wasm|ort\.|\.onnx/.test(u));
}
