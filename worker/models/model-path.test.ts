/**
 * The worker's model path in Node on the real artifacts: fetched from the real sync server app (in
 * process, through Hono's request API standing in for the network), sha256-checked, run in
 * onnxruntime-web. IndexedDB is fake-indexeddb; Chromium runs the same path in the e2e tests.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog, Manifest } from '../../models/features';
import { createApp, openStore as openServerStore, type Store as ServerStore } from '../../sync-server';
import { createEngine } from '../engine';
import { createRecommender } from '../personalization/recommender';
import type { TrackEvent } from '../protocol';
import { ModelError } from '../protocol';
import { loadRecommender } from './model-loader';

const SERVER = 'http://confide.test';
let dir: string;
let app: Hono;
let serverStore: ServerStore;
let manifest: Manifest;
let catalog: Catalog;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'confide-models-'));
  await cp('models/artifacts', dir, { recursive: true });
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
  serverStore = await openServerStore({ sqlitePath: ':memory:' });
  await serverStore.migrate();
  app = createApp({
    store: serverStore,
    widgetDir: dir,
    modelsDir: dir,
    publicOrigins: [SERVER],
    log: () => {},
  });
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) =>
    app.request(String(input), init),
  );
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await serverStore.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const modelFile = () => manifest.models.recommend.int8?.file ?? manifest.models.recommend.file;
const view = (item: string, id: string): TrackEvent => ({
  type: 'item_view',
  props: { item },
  ts: Date.now(),
  id,
});

describe('model path on the real artifacts', () => {
  it('loads the verified int8 model and recommends unseen catalog items', async () => {
    const loaded = await loadRecommender(SERVER);
    expect(loaded.file).toBe(modelFile());
    const r = await createRecommender(
      { entry: manifest.models.recommend, file: loaded.file, sha256: loaded.sha256, bytes: loaded.bytes },
      loaded.catalog,
      manifest.version,
    );
    const seen = catalog.items[5]?.id ?? '';
    const recs = await r.personal([view(seen, 'a')], Date.now());
    if (!('candidates' in recs)) throw new Error(`personal stage unavailable: ${recs.unavailable}`);
    expect(recs.candidates).toHaveLength(manifest.models.recommend.k);
    expect(recs.candidates.map((i) => i.id)).not.toContain(seen);
    // The reason names the visitor's own item that fed the model.
    expect(recs.candidates[0]?.because).toEqual([seen]);
    expect(recs.candidates[0]?.reason).toContain(catalog.items[5]?.title ?? '?');
    const cold = await r.personal([], Date.now());
    expect(cold).toMatchObject({ basis: 'personal', unavailable: expect.stringMatching(/no viewed item/) });
  });

  it('refuses a model whose bytes do not match the manifest hash', async () => {
    const path = join(dir, modelFile());
    const original = readFileSync(path);
    const tampered = Uint8Array.from(original);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff;
    await writeFile(path, tampered);
    try {
      const err = await loadRecommender(SERVER).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelError);
      expect(err).toMatchObject({ code: 'model_integrity' });
    } finally {
      await writeFile(path, original);
    }
  });

  it('falls back to the catalog order with the reason when the model is missing, then recovers', async () => {
    const path = join(dir, modelFile());
    const original = readFileSync(path);
    await rm(path);
    const engine = createEngine();
    await engine.init({ site: 'demo', serverUrl: SERVER, notice: 'v1', gpc: false });
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    const seen = catalog.items[0]?.id ?? '';
    await engine.track(view(seen, 'e1'));
    try {
      const fallback = await engine.recommend();
      expect(fallback.basis).not.toBe('personal');
      expect(fallback.fallbackReason).toContain('404');
      expect(fallback.items.length).toBeGreaterThan(0);
      expect(fallback.items.map((i) => i.id)).not.toContain(seen);
      const status = await engine.status();
      // A background refresh may already be retrying; the reason stays until a load succeeds.
      expect(['unavailable', 'loading']).toContain(status.model);
      expect(status.modelReason).toContain('404');
    } finally {
      await writeFile(path, original);
    }
    const recs = await engine.recommend();
    expect(recs.basis).toBe('personal');
    expect(recs.source).toBe('model');
    expect(recs.items.every((i) => i.basis === 'personal')).toBe(true);
    expect((await engine.status()).model).toBe('ready');
  });
});
