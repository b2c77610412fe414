/**
 * The consent gate, with fake-indexeddb standing in for the browser's IndexedDB (the real one is
 * exercised by the e2e tests in Chromium).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { blockIndexedDB } from '../../test/support/blocked-indexeddb';
import type { TrackEvent, WorkerConfig } from '../protocol';
import { ConsentError } from '../protocol';
import { DB_NAME, openStore } from '../storage';
import { createEngine } from './engine';

const config: WorkerConfig = { site: 'demo', serverUrl: 'http://127.0.0.1:1', notice: 'v1', gpc: false };
let n = 0;
const ev = (type: TrackEvent['type'], props: TrackEvent['props'] = {}): TrackEvent => ({
  type,
  props,
  ts: Date.now(),
  id: `e${++n}`,
});
const dbNames = async () => (await indexedDB.databases()).map((d) => d.name);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('engine consent gate', () => {
  it('stores nothing and creates no database before consent', async () => {
    const engine = createEngine();
    const status = await engine.init(config);
    expect(status).toMatchObject({ consent: null, storage: 'none', events: 0 });
    expect(await engine.track(ev('page_view', { path: '/' }))).toEqual({ stored: false, reason: 'consent' });
    expect(await engine.status()).toMatchObject({ refused: 1, events: 0 });
    expect(await dbNames()).toEqual([]);
    await expect(engine.recommend()).rejects.toBeInstanceOf(ConsentError);
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'consent' });
  });

  it('opening an existing-only store leaves no database behind', async () => {
    expect(await openStore({ create: false })).toBeNull();
    expect(await dbNames()).toEqual([]);
  });

  it('persists the current page context on personalize and deduplicates by id', async () => {
    const engine = createEngine();
    await engine.init(config);
    const view = ev('item_view', { item: '85123A' });
    await engine.track(view);
    const status = await engine.setConsent({ personalize: true, share: false }, 'prompt');
    expect(status).toMatchObject({ storage: 'indexeddb', events: 1 });
    expect(status.consent).toMatchObject({ personalize: true, share: false, notice: 'v1', source: 'prompt' });
    expect(await engine.track(view)).toEqual({ stored: false, reason: 'duplicate' });
    expect(await engine.track(ev('search', { q: 'mug' }))).toEqual({ stored: true });
    expect(await dbNames()).toEqual([DB_NAME]);
  });

  it('remembers consent across restarts under the same notice only', async () => {
    const first = createEngine();
    await first.init(config);
    await first.setConsent({ personalize: true, share: true }, 'prompt');
    expect((await createEngine().init(config)).consent).toMatchObject({ personalize: true, share: true });
    const changed = await createEngine().init({ ...config, notice: 'v2' });
    expect(changed).toMatchObject({ consent: null, noticeChanged: true });
    expect((await createEngine().init(config)).noticeChanged).toBe(false);
  });

  it('GPC turns sharing off, and share without personalize is not granted', async () => {
    const engine = createEngine();
    await engine.init({ ...config, gpc: true });
    expect((await engine.setConsent({ personalize: true, share: true }, 'prompt')).consent?.share).toBe(
      false,
    );
    const other = createEngine();
    await other.init(config);
    expect((await other.setConsent({ personalize: false, share: true }, 'api')).consent?.share).toBe(false);
  });

  it('revoking personalize deletes the database', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.track(ev('page_view', { path: '/a' }));
    const status = await engine.setConsent({ personalize: false, share: false }, 'prompt');
    expect(status).toMatchObject({ storage: 'none', events: 0, privacy: { outbox: 0 } });
    expect(await dbNames()).toEqual([]);
    expect((await createEngine().init(config)).consent).toBeNull();
  });

  it('keeps the visitor’s refusal in the widget above every host source, on this page and the next', async () => {
    const yes = { personalize: true, share: true };
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: false, share: false }, 'prompt');
    for (const source of ['api', 'cmp', 'webview'] as const) {
      expect((await engine.setConsent(yes, source, { live: true })).consent?.personalize).toBe(false);
    }
    expect(await dbNames()).toEqual([]);
    // The next page: nothing was stored, the frame hands the remembered refusal to the worker.
    const next = createEngine();
    const restored = await next.init({ ...config, chosen: { personalize: false, share: false, at: 1 } });
    expect(restored.consent).toMatchObject({ personalize: false, source: 'prompt' });
    expect((await next.setConsent(yes, 'api')).consent?.personalize).toBe(false);
    expect(await dbNames()).toEqual([]);
    // The visitor, in the widget, can widen it again.
    expect((await next.setConsent(yes, 'prompt')).consent).toMatchObject(yes);
    expect(await dbNames()).toEqual([DB_NAME]);
  });

  it('applies retention: expired events are purged when the store opens, the cap evicts oldest', async () => {
    const engine = createEngine();
    await engine.init({ ...config, retention: { maxEvents: 2 } });
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.track({ ...ev('page_view'), ts: Date.now() - 100 * 86_400_000 });
    await engine.track(ev('search', { q: 'a' }));
    await engine.track(ev('search', { q: 'b' }));
    expect((await engine.status()).events).toBe(3); // the cap is enforced in passes, not per event
    const next = createEngine();
    expect((await next.init({ ...config, retention: { maxEvents: 2 } })).events).toBe(2);
    expect((await createEngine().init({ ...config, retention: { maxEvents: 1 } })).events).toBe(1);
  });

  it('redacts e-mail, card and phone numbers before anything is stored', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.track(
      ev('search', { q: 'order for jane@example.com card 4111 1111 1111 1111', item: '4006381333931' }),
    );
    await engine.track(ev('search', { q: 'call me on +44 20 7946 0958' }));
    const store = await openStore({ create: false });
    const stored = (await store?.events())?.map((e) => e.props);
    store?.close();
    expect(stored).toEqual([
      { q: 'order for [email] card [card]', item: '4006381333931' },
      { q: 'call me on [phone]' },
    ]);
    expect((await engine.status()).redacted).toBe(3);
  });

  it('rejects malformed events with a typed error', async () => {
    const engine = createEngine();
    await engine.init(config);
    await expect(engine.track({ ...ev('search'), type: 'bogus' as never })).rejects.toMatchObject({
      code: 'invalid_event',
    });
    await expect(engine.track({ ...ev('search'), id: '' })).rejects.toMatchObject({ code: 'invalid_event' });
    await expect(engine.track({ ...ev('search'), ts: Number.NaN })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });
});

describe('engine without IndexedDB', () => {
  it('falls back to session memory when the browser refuses storage, and says so', async () => {
    blockIndexedDB();
    const engine = createEngine();
    expect(await engine.init(config)).toMatchObject({ consent: null, storage: 'none' });
    await engine.track(ev('item_view', { item: '85123A' }));
    const status = await engine.setConsent({ personalize: true, share: false }, 'prompt');
    expect(status).toMatchObject({ storage: 'memory', events: 1 });
    expect(await engine.track(ev('search', { q: 'mug' }))).toEqual({ stored: true });
    const revoked = await engine.setConsent({ personalize: false, share: false }, 'prompt');
    expect(revoked).toMatchObject({ storage: 'none', events: 0 });
  });
});
