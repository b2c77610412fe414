/**
 * Test helper: the real model artifacts served by the real sync server app, in process. `fetch` is
 * replaced to hand each request to the app (Hono's request API standing in for the network), so the
 * worker's loader fetches, hash-checks and runs the committed files exactly as a browser would. The
 * artifacts are copied to a temporary folder first, so a test may tamper with them safely.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../models/features';
import { createApp, openStore, type Store } from '../../sync-server';

/** Base URL the replaced fetch answers for. */
export const TEST_SERVER = 'http://confide.test';
/** The one site registered on the served app. */
export const TEST_SITE = 'demo';

/** The served copy of the artifacts. */
export interface ServedArtifacts {
  readonly serverUrl: string;
  /** The temporary folder holding the copy. */
  readonly dir: string;
  readonly manifest: Manifest;
  /** The served app's store, for tests that change what the server holds (e.g. experiments). */
  readonly store: Store;
  /** Restores fetch, closes the app's store and deletes the copy. */
  close(): Promise<void>;
}

/** Copies models/artifacts, starts the app on an in-memory store and points `fetch` at it. */
export async function serveArtifacts(source = 'models/artifacts'): Promise<ServedArtifacts> {
  const dir = await mkdtemp(join(tmpdir(), 'confide-artifacts-'));
  await cp(source, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const store = await openStore({ sqlitePath: ':memory:' });
  await store.migrate();
  // The site the engine tests report for; reports from any other site key are refused as in production.
  await store.upsertSite(TEST_SITE, [TEST_SERVER], new Date().toISOString().slice(0, 10));
  const app = createApp({
    store,
    widgetDir: dir,
    modelsDir: dir,
    publicOrigins: [TEST_SERVER],
    log: () => {},
  });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    // A browser adds the page's origin to a POST; the worker's origin here is the served one.
    const headers = new Headers(init?.headers);
    if (init?.method === 'POST' && !headers.has('origin')) headers.set('origin', TEST_SERVER);
    return app.request(String(input), { ...init, headers });
  }) as typeof fetch;
  return {
    serverUrl: TEST_SERVER,
    dir,
    manifest,
    store,
    async close() {
      globalThis.fetch = realFetch;
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
