/**
 * A real Confide stack per test: the sync server (widget assets from `dist/widget`, models from
 * `models/artifacts`, a fresh SQLite file) on http://localhost:P and the demo shop on
 * http://127.0.0.1:Q, two origins as in production. Every request the browser makes is recorded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Frame, type Page, type Request } from '@playwright/test';
import Database from 'better-sqlite3';
import { type RunningDemo, startDemo } from '../../demo';
import { type RunningServer, startServer } from '../../sync-server';

/** What a test gets. */
export interface Stack {
  readonly server: RunningServer;
  readonly demo: RunningDemo;
  readonly dbPath: string;
  /** Every request the browser context issued (pages, frames and workers), in order. */
  readonly requests: Request[];
  /** Rows of a table in the server's SQLite database, read with SQL as an operator would. */
  rows<T = Record<string, unknown>>(sql: string): T[];
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

export const test = base.extend<{ stack: Stack }>({
  stack: async ({ context }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'confide-e2e-'));
    const dbPath = join(dir, 'confide.sqlite');
    const demoPort = await freePort();
    const server = await startServer({
      port: 0,
      sqlitePath: dbPath,
      sites: [{ key: 'demo', origins: [`http://127.0.0.1:${demoPort}`] }],
      log: () => {},
    });
    const demo = await startDemo({ port: demoPort, widgetUrl: server.url });
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
    await use({ server, demo, dbPath, requests, rows });
    await demo.close();
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
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookies: document.cookie,
  }));
}

/** Requests to the sync API or the inference runtime: none may happen before consent. */
export function privateRequests(requests: readonly Request[]): string[] {
  return requests.map((r) => r.url()).filter((u) => /\/v1\/|\.wasm|ort\.|\.onnx/.test(u));
}
