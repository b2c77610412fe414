/**
 * Offline with the widget origin's service worker, in real Chromium: a returning, opted-in visitor
 * whose device has lost the widget's server still gets answers and recommendations from the device;
 * the reports of that visit wait in the outbox and arrive once the network is back; a new model
 * version published by the server replaces the old one in the device's caches.
 *
 * "Offline" is two switches together: `context.setOffline(true)` takes the network away from the
 * pages, the worker and the service worker, and the widget origin is reached through a TCP proxy
 * that the test stops, so that a request emulation might miss (it long missed service workers,
 * microsoft/playwright#2311) still finds no server. Everything else is real: the sync server with its
 * SQLite file, the frame, the worker, onnxruntime-web, IndexedDB and Cache Storage.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type { Manifest } from '../../models/features';
import { type RunningServer, startServer } from '../../sync-server';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { confide, heard, pushedStatuses, recordHostMessages, recordStatuses } from './loader-helpers';
import { type PageServer, startPageServer } from './page-server';
import { expect, storageSnapshot, test, widgetFrame } from './stack';

interface Setup {
  readonly server: RunningServer;
  readonly proxy: TcpProxy;
  readonly pages: PageServer;
  readonly modelsDir: string;
  readonly dbPath: string;
  readonly widgetUrl: string;
  close(): Promise<void>;
}

async function setUp(): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'confide-offline-'));
  const modelsDir = join(dir, 'models');
  await cp('models/artifacts', modelsDir, { recursive: true });
  const pages = await startPageServer();
  const dbPath = join(dir, 'confide.sqlite');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    sqlitePath: dbPath,
    modelsDir,
    sites: [{ key: 'demo', origins: [pages.url] }],
    log: () => {},
  });
  const proxy = await startTcpProxy('127.0.0.1', server.port);
  const widgetUrl = `http://127.0.0.1:${proxy.port}`;
  pages.set(
    '/shop',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Shop</h1></main>
<script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};</script>
<script async src="${widgetUrl}/confide.js" data-site="demo" data-greeting-delay="off"></script></body></html>`,
  );
  return {
    server,
    proxy,
    pages,
    modelsDir,
    dbPath,
    widgetUrl,
    async close() {
      await proxy.close();
      await pages.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const batches = (dbPath: string): number => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from batches').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** What the widget origin's caches hold, by cache name, as URL paths. */
function cached(frame: Frame): Promise<Record<string, string[]>> {
  return frame.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return out;
  });
}

const recommendations = async (page: Page) => (await heard(page)).filter((m) => m.type === 'recommendation');

async function ask(frame: Frame, text: string): Promise<string> {
  const log = frame.getByRole('log', { name: 'Conversation' });
  const before = await log.locator('.msg-assistant').count();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill(text);
  await input.press('Enter');
  await expect(log.locator('.msg-assistant')).toHaveCount(before + 1, { timeout: 20_000 });
  return (await log.locator('.msg-assistant .bubble').last().textContent()) ?? '';
}

let setup: Setup;
test.beforeEach(async () => {
  setup = await setUp();
});
test.afterEach(async () => {
  await setup.close();
});

test('a returning visitor offline gets answers and recommendations; reports wait and arrive later', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { pages, widgetUrl, dbPath, proxy } = setup;
  await recordHostMessages(page, widgetUrl);
  // First visit: personalization only, so this visit leaves no report.
  await page.goto(`${pages.url}/shop`);
  let frame = await widgetFrame(page);
  await confide(page, 'consent', { personalize: true, share: false });
  await expect
    .poll(() => recommendations(page).then((r) => r.length), { timeout: 20_000 })
    .toBeGreaterThan(0);
  // The service worker is registered for the consenting visitor only, and controls the frame.
  await expect
    .poll(() => frame.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), {
      timeout: 10_000,
    })
    .toBe(`${widgetUrl}/sw.js`);

  // Second page, online: everything the widget needs comes through the service worker into its caches.
  await page.goto(`${pages.url}/shop`);
  frame = await widgetFrame(page);
  await expect
    .poll(() => recommendations(page).then((r) => r.length), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  const online = await ask(frame, 'How can I track my order?');
  const kept = await cached(frame);
  expect(kept['confide-shell']?.some((u) => u.startsWith('/frame.html'))).toBe(true);
  expect(kept['confide-assets']?.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(kept['confide-assets']?.some((u) => /\/assets\/worker[^/]*\.js$/.test(u))).toBe(true);
  expect(kept['confide-api']).toContain('/v1/manifest');
  expect(kept['confide-models']?.length).toBeGreaterThanOrEqual(3);
  expect(batches(dbPath)).toBe(0);

  // Offline: the server cannot be reached by anyone, the pages' network is off.
  await proxy.stop();
  await page.goto(`${pages.url}/shop`);
  await context.setOffline(true);
  frame = await widgetFrame(page);
  await expect
    .poll(() => recommendations(page).then((r) => r.length), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  expect(await ask(frame, 'How can I track my order?')).toBe(online);
  // Sharing granted while offline: the batch waits in the outbox.
  await confide(page, 'consent', { personalize: true, share: true });
  await expect
    .poll(() =>
      frame.evaluate(
        () =>
          new Promise<number>((done) => {
            const req = indexedDB.open('confide');
            req.onsuccess = () => {
              const tx = req.result.transaction('outbox');
              const n = tx.objectStore('outbox').count();
              tx.oncomplete = () => {
                req.result.close();
                done(n.result);
              };
            };
          }),
      ),
    )
    .toBeGreaterThan(0);
  expect(batches(dbPath)).toBe(0);

  // Back online: the outbox delivers without a reload.
  await proxy.start();
  await context.setOffline(false);
  await expect.poll(() => batches(dbPath), { timeout: 30_000 }).toBeGreaterThan(0);

  // Revoked: the service worker and every cache go with the rest.
  await confide(page, 'consent', { personalize: false, share: false });
  await expect
    .poll(
      async () => {
        const { databases, caches, serviceWorkers } = await storageSnapshot(frame);
        return { databases, caches, serviceWorkers };
      },
      { timeout: 10_000 },
    )
    .toEqual({ databases: [], caches: [], serviceWorkers: [] });
});

test('a new model version replaces the old one on the device', async ({ page }) => {
  test.setTimeout(90_000);
  const { pages, widgetUrl, modelsDir } = setup;
  await recordHostMessages(page, widgetUrl);
  await recordStatuses(page, widgetUrl);
  await page.goto(`${pages.url}/shop`);
  let frame = await widgetFrame(page);
  await confide(page, 'consent', { personalize: true, share: false });
  const manifest = JSON.parse(readFileSync(join(modelsDir, 'manifest.json'), 'utf8')) as Manifest;
  const version = async () =>
    ((await pushedStatuses(frame)).at(-1) as { modelVersion?: string } | undefined)?.modelVersion;
  await expect.poll(version, { timeout: 20_000 }).toBe(manifest.version);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  const before = await ask(frame, 'How can I track my order?');
  const oldSha = manifest.models.intent?.int8?.sha256 ?? '';
  expect(oldSha).not.toBe('');

  // A release: same file names, new bytes (the fp32 intent graph published as the int8 variant).
  const bytes = readFileSync(join(modelsDir, 'intent.onnx'));
  const sha = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(modelsDir, 'intent-int8.onnx'), bytes);
  // Edited as plain JSON, as a release script would: the Manifest type is read-only.
  const next = JSON.parse(JSON.stringify(manifest)) as {
    version: string;
    models: { intent: { int8: { sha256: string; bytes: number } } };
  };
  next.version = `${manifest.version}-next`;
  next.models.intent.int8.sha256 = sha;
  next.models.intent.int8.bytes = bytes.length;
  await writeFile(join(modelsDir, 'manifest.next.json'), JSON.stringify(next));
  await rename(join(modelsDir, 'manifest.next.json'), join(modelsDir, 'manifest.json'));

  await page.goto(`${pages.url}/shop`);
  frame = await widgetFrame(page);
  await expect.poll(version, { timeout: 20_000 }).toBe(next.version);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  expect(await ask(frame, 'How can I track my order?')).toBe(before);
  const models = (await cached(frame))['confide-models'] ?? [];
  const intent = models.filter((u) => u.startsWith('/v1/models/intent-int8.onnx'));
  expect(intent).toEqual([`/v1/models/intent-int8.onnx?sha256=${sha}`]);
  expect(models.some((u) => u.includes(oldSha))).toBe(false);
});
