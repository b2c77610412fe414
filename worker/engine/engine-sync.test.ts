/**
 * The engine's sync client end to end on the real artifacts and the real sync server app (in
 * process, see test-artifacts): what a consented device queues and sends, that the ledger is charged
 * once per report, that nothing is reported twice a day or without `share`, and that revoking
 * `share` empties the outbox.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { parseReportBatch } from '../../sync-server/protocol';
import { type ServedArtifacts, serveArtifacts } from '../../test/support/model-artifacts';
import type { TrackEvent, WorkerConfig } from '../protocol';
import { createEngine } from './engine';

let served: ServedArtifacts;
let catalog: Catalog;
let config: WorkerConfig;
let appFetch: typeof fetch;
/** Bodies POSTed to /v1/reports that reached the app. */
const posts: string[] = [];
/** When set, /v1/reports answers this status without reaching the app (the server is down). */
let failWith: number | null = null;
let n = 0;
const ev = (type: TrackEvent['type'], props: TrackEvent['props'] = {}): TrackEvent => ({
  type,
  props,
  ts: Date.now(),
  id: `s${++n}`,
});

beforeAll(async () => {
  served = await serveArtifacts();
  catalog = (await (await fetch(`${served.serverUrl}/v1/models/catalog.json`)).json()) as Catalog;
  config = { site: 'demo', serverUrl: served.serverUrl, notice: 'v1', gpc: false };
  appFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input).endsWith('/v1/reports')) {
      if (failWith !== null)
        return new Response('{"error":{"code":"internal","message":"down"}}', { status: failWith });
      posts.push(String(init?.body));
    }
    return appFetch(input, init);
  }) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = appFetch;
  await served.close();
});
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  posts.length = 0;
  failWith = null;
});

async function sharing(share = true, site = 'demo') {
  const engine = createEngine();
  await engine.init({ ...config, site });
  await engine.setConsent({ personalize: true, share }, 'prompt');
  await engine.track(ev('item_view', { item: catalog.items[7]?.id ?? '' }));
  return engine;
}

describe('engine sync', () => {
  it('sends one valid batch per day, charges the ledger once, and not again after a reload', async () => {
    const engine = await sharing();
    expect(await engine.sync()).toEqual({ sent: 1, queued: 0 });
    expect(posts).toHaveLength(1);
    const parsed = parseReportBatch(JSON.parse(posts[0] ?? ''));
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    expect(parsed.batch.reports.map((r) => `${r.metric}/${r.encoding}`)).toEqual([
      'segment_share/krr',
      'item_popularity/cms',
    ]);
    const privacy = { epsilonToday: 2, reportsSent: 2, epsilonTotal: 2, outbox: 0 };
    expect((await engine.status()).privacy).toMatchObject(privacy);
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    // A reload (a new worker on the same database) does not report the day again.
    const reloaded = createEngine();
    await reloaded.init(config);
    expect(await reloaded.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect(posts).toHaveLength(1);
    expect((await reloaded.status()).privacy).toMatchObject(privacy);
  });

  it('queues nothing and spends nothing without share', async () => {
    const engine = await sharing(false);
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'consent' });
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 0, reportsSent: 0, outbox: 0 });
    expect(posts).toEqual([]);
  });

  it('keeps the batch while the server is down, charged once; revoking share empties the outbox', async () => {
    const engine = await sharing();
    failWith = 503;
    expect(await engine.sync()).toEqual({ sent: 0, queued: 1, skipped: 'backoff' });
    expect(await engine.sync()).toMatchObject({ sent: 0, queued: 1 });
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 2, reportsSent: 2, outbox: 1 });
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    expect((await engine.status()).privacy).toMatchObject({ outbox: 0 });
    failWith = null;
    await engine.setConsent({ personalize: true, share: true }, 'prompt');
    // Granting again the same day reports nothing new: the day's reports were already spent.
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect(posts).toEqual([]);
  });

  it('revoking personalize leaves no outbox behind', async () => {
    const engine = await sharing();
    failWith = 500;
    await engine.sync();
    expect((await engine.status()).privacy.outbox).toBe(1);
    const revoked = await engine.setConsent({ personalize: false, share: false }, 'prompt');
    expect(revoked.privacy.outbox).toBe(0);
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('drops a batch the server refuses for good, spending the budget anyway', async () => {
    const engine = await sharing(true, 'unknown-site');
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 2, outbox: 0 });
  });
});
